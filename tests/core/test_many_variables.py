"""Functions of any number of variables: their names, their order, their derivatives.

The tape's gradients and Hessians of three- and four-variable functions are held to
central finite differences of the numpy twin in float64 (an independent reference), a
section through a point to the full function on that plane.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensortown import tape
from tensortown.catalogue import from_expression, resolve
from tensortown.expression import ExpressionError
from tensortown.names import MAX_VARIABLES, is_variable
from tensortown.section import section
from tensortown.tree import evaluate_numpy

pytestmark = pytest.mark.usefixtures("tf")


@pytest.mark.parametrize("name", ["x", "y", "z", "w", "b", "a", "x1", "x12", "t0"])
def test_names_a_variable_may_have(name: str) -> None:
    assert is_variable(name)
    assert resolve(f"2*{name}").symbols == (name,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("e", None),  # the constant: a function of no variable (x, by default)
        ("e1 + x", "unknown name 'e1' (e is the constant e"),
        ("X + 1", "unknown name 'X' (variables are a lowercase letter"),
        ("xy", "for a product, write x*y"),
        ("x123", "unknown name 'x123'"),
        ("sinx", "for sin of x, write sin(x)"),
        ("pi*r**2", None),
    ],
)
def test_what_is_not_a_variable_is_said_so(text: str, message: str | None) -> None:
    if message is None:
        resolve(text)
        return
    with pytest.raises(ExpressionError, match=None) as caught:
        resolve(text)
    assert message in caught.value.message


def test_variables_are_ordered_by_letter_then_number() -> None:
    assert resolve("z + x10 + x2 + x + b").symbols == ("b", "x", "x2", "x10", "z")
    assert resolve("y*x").symbols == ("x", "y")


def test_too_many_variables_is_refused() -> None:
    names = [f"x{i}" for i in range(MAX_VARIABLES + 1)]
    with pytest.raises(ExpressionError, match=f"at most {MAX_VARIABLES}"):
        resolve(" + ".join(names))


# --- the tape against finite differences --------------------------------------------------

SMOOTH = [
    "x*y*z + sin(x)*w",
    "exp(x/4)*y - z**2*w + log(w + 20)",
    "x1*x2*x3 + x4**3/10",
    "tanh(a*b) + c/(1 + d**2)",
]
coordinate = st.floats(-2, 2, allow_nan=False).map(lambda v: round(v, 3))


def numeric_derivatives(text: str, point: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """Central differences of the float64 numpy twin: the gradient and the Hessian."""
    tree = resolve(text).expression
    names = list(point)
    n = len(names)
    h = 1e-4

    def f(v: np.ndarray) -> float:
        return float(evaluate_numpy(tree, **dict(zip(names, v, strict=True))))

    base = np.array([point[s] for s in names])
    unit = np.eye(n) * h
    gradient = np.array([(f(base + unit[i]) - f(base - unit[i])) / (2 * h) for i in range(n)])
    hessian = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            hessian[i, j] = (
                f(base + unit[i] + unit[j])
                - f(base + unit[i] - unit[j])
                - f(base - unit[i] + unit[j])
                + f(base - unit[i] - unit[j])
            ) / (4 * h * h)
    return gradient, hessian


@settings(max_examples=25, deadline=None)
@given(text=st.sampled_from(SMOOTH), values=st.lists(coordinate, min_size=4, max_size=4))
def test_gradient_and_hessian_of_three_and_four_variables(text: str, values: list) -> None:
    function = resolve(text)
    assert function.arity in (3, 4)
    point = dict(zip(function.symbols, values, strict=False))
    result = tape.derivative_at(function, point)
    assert result.undefined is None
    gradient, hessian = numeric_derivatives(text, point)
    got = np.array([result.gradient[s] for s in function.symbols], dtype=float)
    np.testing.assert_allclose(got, gradient, rtol=2e-3, atol=2e-3)
    np.testing.assert_allclose(np.array(result.hessian, dtype=float), hessian, rtol=1e-2, atol=1e-2)


def test_the_transcript_names_every_variable_as_tf_variables() -> None:
    function = resolve("x*y*z")
    transcript = tape.tape_transcript(function, {"x": 1.0, "y": 2.0, "z": 3.0})
    assert "z = tf.Variable(3.0, name='z')" in transcript.code
    assert "print(tape.gradient(result, (x, y, z)))" in transcript.code
    assert "numpy=6.0>, <tf.Tensor: shape=(), dtype=float32, numpy=3.0>" in transcript.gradient
    assert "'z:0'" in transcript.watched


# --- a section through a point --------------------------------------------------------------


def test_a_section_is_the_function_on_its_plane() -> None:
    function = resolve("x*y*z + log(w)")
    point = {"w": 2.0, "x": -1.5, "y": 2.0, "z": 3.0}
    plane = section(function, ("y", "z"), point)
    assert plane.symbols == ("y", "z")
    assert plane.source == "-1.5 * y * z + log(2)"
    full = tape.derivative_at(function, point)
    seen = tape.derivative_at(plane, {"y": 2.0, "z": 3.0})
    assert seen.value == full.value
    assert seen.gradient == {s: full.gradient[s] for s in ("y", "z")}
    assert pickle.loads(pickle.dumps(plane)) == plane
    assert from_expression(plane.source).source == plane.source
    samples = tape.field(plane, np.array([0.0, 1.0]), np.array([2.0, 3.0]))
    assert samples.values[1, 1] == pytest.approx(-1.5 * 1 * 3 + np.log(2))


def test_a_section_of_a_pair_in_another_order_swaps_the_axes() -> None:
    plane = section(resolve("x - 2*y"), ("y", "x"), {"x": 0.0, "y": 0.0})
    assert plane.axes == ("y", "x")
    samples = tape.field(plane, np.array([1.0]), np.array([0.0]))
    assert samples.dfdx[0, 0] == -2.0 and samples.dfdy[0, 0] == 1.0


def test_a_section_refuses_a_pair_it_does_not_have() -> None:
    with pytest.raises(ValueError, match="two different variables"):
        section(resolve("x*y*z"), ("x", "w"), {"x": 1, "y": 1, "z": 1})
    with pytest.raises(ValueError, match="two different variables"):
        section(resolve("x*y*z"), ("x", "x"), {"x": 1, "y": 1, "z": 1})
