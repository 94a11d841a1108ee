"""Hardening: random valid expression trees mean the same thing to TensorFlow and to numpy.

Trees are drawn directly (not as text), written out with :func:`to_source`, parsed
back, and must come back as the same tree; then the compiled TensorFlow function
must agree with :func:`evaluate_numpy` wherever both are finite: in float64
closely, and in float32 (the tape's dtype) within float32's precision at points
where float32 arithmetic itself is not ill-conditioned.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tensortown import tape
from tensortown.catalogue import from_expression
from tensortown.expression import (
    FUNCTIONS,
    MAX_LENGTH,
    Binary,
    Call,
    ExpressionError,
    Name,
    Node,
    Number,
    Unary,
    parse,
)
from tensortown.tree import (
    evaluate_numpy,
    to_source,
    to_tensorflow,
)

pytestmark = pytest.mark.usefixtures("tf")

# --- trees ---------------------------------------------------------------------------------

LITERALS = ["0", "1", "2", "3", "0.5", "0.25", "10", "1e-3", "2.5e2", ".5", "7."]

leaves: st.SearchStrategy[Node] = st.one_of(
    st.sampled_from(["x", "y"]).map(lambda name: Name(name, 1)),
    st.sampled_from(LITERALS).map(lambda text: Number(float(text), text, 1)),
    st.sampled_from(["pi", "e"]).map(
        lambda name: Number(float(np.pi if name == "pi" else np.e), name, 1)
    ),
)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(lambda op, a: Unary(op, a, 1), st.sampled_from(["-", "+"]), children),
        st.builds(
            lambda op, a, b: Binary(op, a, b, 1),
            st.sampled_from(["+", "-", "*", "/", "**"]),
            children,
            children,
        ),
        st.builds(lambda f, a: Call(f, a, 1), st.sampled_from(sorted(FUNCTIONS)), children),
    )


trees = st.recursive(leaves, _extend, max_leaves=8)


def shape(node: Node) -> Any:
    """The tree without columns (and with constants by value), for comparing structure."""
    if isinstance(node, Number):
        return ("number", node.value)
    if isinstance(node, Name):
        return ("name", node.name)
    if isinstance(node, Unary):
        return ("unary", node.op, shape(node.operand))
    if isinstance(node, Binary):
        return ("binary", node.op, shape(node.left), shape(node.right))
    return ("call", node.function, shape(node.argument))


def reparsed(tree: Node) -> Node:
    """``tree`` written out and parsed back (too-deep trees are skipped)."""
    text = to_source(tree)
    try:
        return parse(text)
    except ExpressionError as error:
        assume("nested too deeply" not in error.message)
        raise


coordinates = st.one_of(
    st.sampled_from([0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0]),
    st.floats(-10, 10, allow_nan=False, width=32),
)
points = st.lists(st.tuples(coordinates, coordinates), min_size=1, max_size=8)


# --- properties ----------------------------------------------------------------------------


@given(trees)
def test_source_round_trip_keeps_the_tree(tree: Node) -> None:
    again = reparsed(tree)
    assert shape(again) == shape(tree), to_source(tree)


@given(trees, points)
@example(Binary("-", Name("x", 1), Unary("-", Name("y", 1), 1), 1), [(1.0, 2.0)])
@example(Binary("**", Unary("-", Name("x", 1), 1), Number(2.0, "2", 1), 1), [(-3.0, 0.0)])
@example(
    Binary("**", Number(2.0, "2", 1), Binary("**", Name("x", 1), Name("y", 1), 1), 1),
    [(2.0, 3.0)],
)
def test_tensorflow_agrees_with_numpy_in_float64(
    tf: Any, tree: Node, xy: list[tuple[float, float]]
) -> None:
    parsed = reparsed(tree)
    xs = np.array([p[0] for p in xy], dtype=np.float64)
    ys = np.array([p[1] for p in xy], dtype=np.float64)
    expected = np.broadcast_to(evaluate_numpy(parsed, x=xs, y=ys), xs.shape)
    got = to_tensorflow(parsed)(x=tf.constant(xs), y=tf.constant(ys)).numpy()
    assert got.shape == xs.shape and got.dtype == np.float64
    both = np.isfinite(expected) & np.isfinite(got)
    error = np.abs(got[both] - expected[both]) / (1.0 + np.abs(expected[both]))
    assert np.all(error <= 1e-9), (to_source(tree), xs, ys, got, expected)


@given(trees, points)
def test_tensorflow_float32_agrees_with_a_float64_reference(
    tf: Any, tree: Node, xy: list[tuple[float, float]]
) -> None:
    parsed = reparsed(tree)
    xs = np.array([p[0] for p in xy], dtype=np.float32)
    ys = np.array([p[1] for p in xy], dtype=np.float32)
    reference = np.broadcast_to(evaluate_numpy(parsed, x=xs, y=ys), xs.shape)
    in_float32 = np.broadcast_to(evaluate_numpy(parsed, np.float32, x=xs, y=ys), xs.shape)
    got = to_tensorflow(parsed)(x=tf.constant(xs), y=tf.constant(ys)).numpy()
    assert got.shape == xs.shape and got.dtype == np.float32
    # Where float32 arithmetic itself loses the answer (cancellation, overflow), TF may too.
    with np.errstate(invalid="ignore"):  # inf - inf where both overflow
        well_conditioned = np.abs(in_float32 - reference) <= 1e-5 * (1.0 + np.abs(reference))
    compare = np.isfinite(reference) & np.isfinite(got) & well_conditioned
    error = np.abs(got[compare] - reference[compare]) / (1.0 + np.abs(reference[compare]))
    assert np.all(error <= 1e-3), (to_source(tree), xs[compare], got[compare], reference[compare])


def test_the_comparison_can_fail(tf: Any) -> None:
    """A wrong op in the table (sin compiled as cos) would be caught."""
    tree = parse("sin(x)")
    xs = np.array([0.5, 1.0])
    wrong = tf.math.cos(tf.constant(xs)).numpy()
    assert not np.allclose(wrong, evaluate_numpy(tree, x=xs))
    assert np.allclose(to_tensorflow(tree)(x=tf.constant(xs)).numpy(), evaluate_numpy(tree, x=xs))


# --- long expressions through the tape ----------------------------------------------------


@contextmanager
def stack_budget(frames: int) -> Iterator[None]:
    """Allow only ``frames`` more Python frames than the caller already uses."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def test_a_long_expression_traces_through_the_tape_in_a_modest_stack() -> None:
    """A 499-character ``x-x-…-x`` used to raise RecursionError while tracing (autograph).

    Tracing costs about one frame per operation now; the budget leaves room for
    the same chain at full length under the default recursion limit.
    """
    text = "x-" * 120 + "y"
    assert len(text) < MAX_LENGTH
    function = from_expression(text)
    with stack_budget(320):
        result = tape.derivative_at(function, {"x": 1.0, "y": 2.0})
    assert result.value == pytest.approx(-118.0 * 1.0 - 2.0)
    assert result.gradient == {"x": pytest.approx(-118.0), "y": pytest.approx(-1.0)}
