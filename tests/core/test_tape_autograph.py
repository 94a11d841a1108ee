"""The tape's tf.functions are traced without autograph, and lose nothing by it.

Their bodies are straight-line tape code over plain TensorFlow ops, so autograph
would build the same graph; skipping its conversion halves the first trace, which the
first numbers on screen wait for.  These tests hold the traced functions to the graph
and the numbers that autograph's conversion of the same Python code gives.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensortown import backend, tape
from tensortown.catalogue import CATALOGUE, Function, from_expression

pytestmark = pytest.mark.usefixtures("tf")

_UNARY = ["sin({})", "tanh({})", "exp({})", "log({})", "sqrt({})", "relu({})", "abs({})"]
_BINARY = ["({} + {})", "({} - {})", "({} * {})", "({} / {})", "({} ** 2)", "({} ** {})"]


def _expression(depth: int) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(["x", "y", "0.5", "3", "(x*y)", "-x"])
    if depth == 0:
        return leaf
    inner = _expression(depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda f, a: f.format(a), st.sampled_from(_UNARY), inner),
        st.builds(lambda f, a, b: f.format(a, b), st.sampled_from(_BINARY), inner, inner),
    )


def _ops(concrete: Any) -> Counter[str]:
    return Counter(node.op for node in concrete.graph.as_graph_def().node)


def _with_autograph(traced: Any) -> Any:
    """The same Python function and signature, traced with autograph's conversion."""
    tf = backend.tensorflow()
    return tf.function(
        traced.python_function, input_signature=traced.input_signature, autograph=True
    )


def _inputs(function: Function) -> dict[str, tuple[np.ndarray, ...]]:
    point = np.array([v.default + 0.5 for v in function.variables], dtype=np.float32)
    xs = np.linspace(-3, 3, 7, dtype=np.float32)
    grid = np.meshgrid(xs, xs + 0.25)
    return {
        "point": (point, (point + 1)[None, :]),
        "curve": (xs,),
        "slopes": (xs,),
        "grid": tuple(grid),
    }


def _same_as_autograph(function: Function) -> None:
    ready = tape.compiled(function)
    inputs = _inputs(function)
    names = ["point", "curve", "slopes"] if function.arity == 1 else ["point"]
    if set(function.symbols) <= {"x", "y"}:
        names.append("grid")
    for name in names:
        traced = getattr(ready, name)
        assert traced._autograph is False, name  # what this test is about
        converted = _with_autograph(traced)
        plain_graph = traced.get_concrete_function()
        assert _ops(plain_graph) == _ops(converted.get_concrete_function()), name
        for ours, theirs in zip(traced(*inputs[name]), converted(*inputs[name]), strict=True):
            _same_numbers(ours.numpy(), theirs.numpy(), name)


def _same_numbers(ours: np.ndarray, theirs: np.ndarray, name: str) -> None:
    """Equal but for float32 rounding: NaN and infinities where the other has them, and
    the rest within a few units in the last place of the largest value.

    Not bit for bit: TensorFlow may add a gradient's terms in another order from one call
    to the next, even of the same graph (a Hessian entry of the expression
    ``tanh((x*y)**y)**tanh((x*y)**y)`` came out one unit in the last place apart).
    """
    finite = np.abs(theirs[np.isfinite(theirs)])
    scale = max(1.0, float(finite.max())) if finite.size else 1.0
    eps = float(np.finfo(np.float32).eps)
    np.testing.assert_allclose(
        ours, theirs, rtol=8 * eps, atol=8 * eps * scale, equal_nan=True, err_msg=name
    )


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_catalogue_graphs_are_autographs(key: str) -> None:
    _same_as_autograph(CATALOGUE[key])


@settings(max_examples=25)
@given(text=_expression(3))
def test_expression_graphs_are_autographs(text: str) -> None:
    _same_as_autograph(from_expression(text))
