"""The tutorial's numbers, from the tape: pay, price, bonus, earnings, Ted and Todd."""

from __future__ import annotations

import re

import numpy as np
import pytest

from tensortown import steps, tape
from tensortown.catalogue import CATALOGUE, resolve

pytestmark = pytest.mark.usefixtures("tf")


def test_pay_derivative_at_20_hours_is_10() -> None:
    result = tape.derivative_at(CATALOGUE["pay"], {"x": 20.0})
    assert result.value == 600.0
    assert result.gradient == {"x": 10.0}
    assert result.hessian == [[0.5]]
    assert result.defined


def test_earnings_gradient_at_25_6_matches_the_tutorial() -> None:
    result = tape.derivative_at(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0})
    assert result.gradient["x"] == 12.5
    assert np.float32(result.gradient["y"]) == np.float32(7.1428576)
    # Second derivatives: 0.5 for x, -50/(y+1)^2 for y, and no cross term.
    h = result.hessian
    assert h[0][0] == pytest.approx(0.5)
    assert h[1][1] == pytest.approx(-50 / 49, rel=1e-6)
    assert h[0][1] == 0.0 and h[1][0] == 0.0


@pytest.mark.parametrize(("size", "price"), [(800, 2100.0), (801, 2102.0), (802, 2104.0)])
def test_apartment_price_rises_two_dollars_a_square_foot(size: int, price: float) -> None:
    result = tape.derivative_at(CATALOGUE["price"], {"x": float(size)})
    assert result.value == price
    assert result.slope == 2.0
    assert result.second == 0.0


@pytest.mark.parametrize(
    ("hours", "now", "then", "gain", "slope"),
    [(10, 525.00, 530.25, 5.25, 5.0), (40, 900.00, 920.25, 20.25, 20.0)],
    ids=["Ted", "Todd"],
)
def test_one_more_hour(hours: int, now: float, then: float, gain: float, slope: float) -> None:
    step = steps.one_more_step(CATALOGUE["pay"], {"x": float(hours)}, "x", 1.0)
    assert step.value == now
    assert step.next_value == then
    assert step.change == pytest.approx(gain)
    assert step.predicted == slope
    assert step.error == pytest.approx(0.25)  # the quadratic's half f'' h² = 0.25


@pytest.mark.parametrize(("hours", "step"), [(10, 1.0), (40, 1.0), (0, -2.5), (60, 0.125)])
def test_one_call_reading_is_the_point_and_the_step(hours: int, step: float) -> None:
    """The app's one traced call per move gives what the two separate calls give."""
    pay, point = CATALOGUE["pay"], {"x": float(hours)}
    here, table = steps.step_reading(pay, point, "x", step)
    assert here == tape.derivative_at(pay, point)
    assert table == steps.one_more_step(pay, point, "x", step)
    assert table.next_value == tape.value_at(pay, {"x": hours + step})


def test_bonus_is_a_function_of_y() -> None:
    bonus = CATALOGUE["bonus"]
    assert bonus.symbols == ("y",)
    result = tape.derivative_at(bonus, {"y": 6.0})
    assert result.value == pytest.approx(50 * np.log(7), rel=1e-6)
    assert result.gradient["y"] == pytest.approx(50 / 7, rel=1e-6)


def test_transcript_prints_the_real_watched_variables_and_gradient() -> None:
    result = tape.derivative_at(CATALOGUE["pay"], {"x": 20.0}, transcript=True)
    assert result.transcript is not None
    assert result.transcript.watched == (
        "(<tf.Variable 'hours_worked:0' shape=() dtype=float32, numpy=20.0>,)"
    )
    assert result.transcript.gradient == "tf.Tensor(10.0, shape=(), dtype=float32)"
    assert "x = tf.Variable(20.0, name='hours_worked')" in result.transcript.code
    assert "f = lambda x: 0.25 * x**2 + 500" in result.transcript.code


def test_transcript_for_two_variables_is_the_tutorials() -> None:
    transcript = tape.tape_transcript(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0})
    assert transcript.watched == (
        "(<tf.Variable 'hours_worked:0' shape=() dtype=float32, numpy=25.0>, "
        "<tf.Variable 'compliments_given:0' shape=() dtype=float32, numpy=6.0>)"
    )
    # Recent TensorFlow writes a scalar's repr through float(), so the tutorial's
    # float32 7.1428576 now prints with float64 digits; it is the same float32.
    match = re.fullmatch(
        r"\(<tf.Tensor: shape=\(\), dtype=float32, numpy=12.5>, "
        r"<tf.Tensor: shape=\(\), dtype=float32, numpy=([0-9.]+)>\)",
        transcript.gradient,
    )
    assert match is not None, transcript.gradient
    assert np.float32(float(match.group(1))) == np.float32(7.1428576)
    assert "tf.math.log(y + 1)" in transcript.code
    assert transcript.heading == "Derivative of f(x, y) at x = 25 and y = 6:"


def test_transcript_follows_the_point() -> None:
    first = tape.tape_transcript(CATALOGUE["pay"], {"x": 20.0})
    second = tape.tape_transcript(CATALOGUE["pay"], {"x": 21.0})
    assert "numpy=21.0" in second.watched and "numpy=20.0" in first.watched
    assert second.gradient == "tf.Tensor(10.5, shape=(), dtype=float32)"


def test_curve_batch_matches_points() -> None:
    pay = CATALOGUE["pay"]
    xs = np.linspace(0, 60, 61)
    samples = tape.curve(pay, xs)
    assert samples.values.shape == xs.shape
    np.testing.assert_allclose(samples.first, xs / 2, rtol=1e-6)
    np.testing.assert_allclose(samples.second, 0.5)
    assert samples.defined.all()


def test_curve_of_a_function_of_y() -> None:
    samples = tape.curve(CATALOGUE["bonus"], np.array([0.0, 1.0, 3.0]))
    np.testing.assert_allclose(samples.first, 50 / (np.array([0.0, 1.0, 3.0]) + 1), rtol=1e-6)


def test_field_batch_matches_the_gradient() -> None:
    xs = np.linspace(0, 60, 7)
    ys = np.linspace(0, 20, 5)
    samples = tape.field(CATALOGUE["earnings"], xs, ys)
    assert samples.values.shape == (5, 7)
    gx, gy = np.meshgrid(xs, ys)
    np.testing.assert_allclose(samples.dfdx, gx / 2, rtol=1e-6)
    np.testing.assert_allclose(samples.dfdy, 50 / (gy + 1), rtol=1e-6)


@pytest.mark.parametrize(("text", "dx", "dy"), [("x", 1.0, 0.0), ("y", 0.0, 1.0), ("3", 0.0, 0.0)])
def test_field_of_fewer_variables(text: str, dx: float, dy: float) -> None:
    samples = tape.field(resolve(text), np.array([0.0, 1.0]), np.array([2.0, 3.0, 4.0]))
    assert samples.values.shape == (3, 2)
    np.testing.assert_array_equal(samples.dfdx, dx)
    np.testing.assert_array_equal(samples.dfdy, dy)


def test_curve_refuses_two_variables() -> None:
    with pytest.raises(ValueError, match="one variable"):
        tape.curve(CATALOGUE["earnings"], np.array([1.0]))


@pytest.mark.parametrize("key", list(CATALOGUE))
def test_warm_traces_every_catalogue_function(key: str) -> None:
    tape.warm(CATALOGUE[key])  # one or two variables: no KeyError from the curve path
    assert tape.compiled(CATALOGUE[key]).point.experimental_get_tracing_count() == 1
