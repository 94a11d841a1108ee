"""The tape against independent references: central finite differences and numpy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tensortown import tape
from tensortown.catalogue import from_expression
from tensortown.tree import (
    evaluate_numpy,
)

pytestmark = pytest.mark.usefixtures("tf")

# Smooth building blocks on the sampled interval [-2, 2]: compositions of these stay smooth.
_UNARY = ["sin({})", "cos({})", "tanh({})", "exp({} / 4)", "sigmoid({})", "softplus({})"]
_BINARY = ["({} + {})", "({} - {})", "({} * {})", "({} / (2 + {}**2))"]


def _smooth_expression(depth: int) -> st.SearchStrategy[str]:
    leaf = st.sampled_from(["x", "y", "0.5", "2", "(x*y)", "x**2"])
    if depth == 0:
        return leaf
    inner = _smooth_expression(depth - 1)
    return st.one_of(
        leaf,
        st.builds(lambda f, a: f.format(a), st.sampled_from(_UNARY), inner),
        st.builds(lambda f, a, b: f.format(a, b), st.sampled_from(_BINARY), inner, inner),
    )


def _central_difference(tree, point: dict[str, float], symbol: str, h: float = 1e-5) -> float:  # type: ignore[no-untyped-def]
    up, down = dict(point), dict(point)
    up[symbol] += h
    down[symbol] -= h
    return float((evaluate_numpy(tree, **up) - evaluate_numpy(tree, **down)) / (2 * h))


@settings(max_examples=30)
@given(
    text=_smooth_expression(3),
    x=st.floats(-2, 2),
    y=st.floats(-2, 2),
)
def test_gradient_matches_central_differences(text: str, x: float, y: float) -> None:
    function = from_expression(text)
    point = {"x": x, "y": y}
    point = {s: point[s] for s in function.symbols}
    # Sample at float32-representable points so tape and reference see the same input.
    point = {s: float(np.float32(v)) for s, v in point.items()}
    result = tape.derivative_at(function, point)
    assume(result.defined)
    reference_value = float(evaluate_numpy(function.expression, **point))
    assert result.value == pytest.approx(reference_value, rel=1e-4, abs=1e-4)
    for symbol in function.symbols:
        expected = _central_difference(function.expression, point, symbol)
        assert result.gradient[symbol] == pytest.approx(expected, rel=2e-3, abs=2e-3), symbol


@settings(max_examples=20)
@given(text=_smooth_expression(2), x=st.floats(-2, 2))
def test_second_derivative_matches_differences_of_the_first(text: str, x: float) -> None:
    function = from_expression(text.replace("y", "x"))
    x = float(np.float32(x))
    h = 1e-3
    result = tape.derivative_at(function, {"x": x})
    assume(result.defined and result.second is not None)
    up = tape.derivative_at(function, {"x": x + h}).slope
    down = tape.derivative_at(function, {"x": x - h}).slope
    assume(up is not None and down is not None)
    assert result.second == pytest.approx((up - down) / (2 * h), rel=2e-2, abs=2e-2)


@settings(max_examples=15)
@given(text=_smooth_expression(3))
def test_batch_agrees_with_points(text: str) -> None:
    function = from_expression(text.replace("y", "x"))
    xs = np.linspace(-2, 2, 9, dtype=np.float32).astype(np.float64)
    samples = tape.curve(function, xs)
    for i in (0, 4, 8):
        point = tape.derivative_at(function, {"x": float(xs[i])})
        if point.value is None:
            assert np.isnan(samples.values[i])
            continue
        assert samples.values[i] == pytest.approx(point.value, rel=1e-5, abs=1e-5)
        assert samples.first[i] == pytest.approx(point.slope, rel=1e-4, abs=1e-4)


@settings(max_examples=30)
@given(
    text=_smooth_expression(3),
    x=st.floats(-2, 2, width=32),
    y=st.floats(-2, 2, width=32),
    step=st.floats(-1, 1, width=32),
)
def test_the_flat_point_call_gives_the_public_calls_numbers(
    text: str, x: float, y: float, step: float
) -> None:
    """The point's tape is called through the concrete function's flat entry; the public
    call must give the same float32 numbers (and is what runs without it).

    The same to rounding, not to the bit: TensorFlow's CPU threads add a gradient's terms
    in the order they finish, so two runs of one graph can differ in the last bits
    (found in a fresh clone for ``sigmoid(x*y) / …`` at x = y = 1.802: 2 ulp apart).
    """
    ready = tape.compiled(from_expression(text))
    n = ready.function.arity
    vector = np.array([x, y][:n], dtype=np.float32)
    moved = (vector + np.float32(step))[None, :]
    flat = [t.numpy() for t in ready.at(vector, moved)]
    ready.at(vector, moved)  # the concrete function exists now
    public = [t.numpy() for t in ready._point_call(vector, moved)]
    assert ready._flat_call is not None  # this TensorFlow has the flat entry
    for mine, theirs in zip(flat, public, strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-6)
