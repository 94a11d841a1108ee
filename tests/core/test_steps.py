"""One more step, and the limit it tends to: Δf/h → f'(x) and Δf − f'·h → ½·f″·h², all
from the tape."""

from __future__ import annotations

import itertools
import math

import pytest

from tensortown import steps, tape
from tensortown.catalogue import CATALOGUE, from_expression
from tensortown.numbers import format_exact_money

pytestmark = pytest.mark.usefixtures("tf")


def test_halving_h_on_pay_at_20_shows_the_derivative_as_a_limit() -> None:
    pay = CATALOGUE["pay"]
    readings = [steps.step_reading(pay, {"x": 20.0}, "x", 0.5**k)[1] for k in range(6)]
    ratios = [r.ratio for r in readings]
    remainders = [r.error for r in readings]
    assert ratios[0] == pytest.approx(10.25) and ratios[-1] == pytest.approx(10.0078125)
    distances = [abs(r - 10.0) for r in ratios if r is not None]
    assert all(b < a for a, b in itertools.pairwise(distances))  # → f'(20) = 10
    for a, b in itertools.pairwise(remainders):
        assert a is not None and b is not None
        assert a / b == pytest.approx(4.0, rel=0.01)  # about 4× less for each halving
    for r in readings:  # and the remainder is ½·f″·h², f″ from the tape
        assert r.second == pytest.approx(0.5)
        assert r.error == pytest.approx(r.bend, rel=1e-3)
        assert not r.rounded_away


def test_a_step_below_float32s_reach_is_said_to_be_rounding() -> None:
    pay = CATALOGUE["pay"]
    _, step = steps.step_reading(pay, {"x": 20.0}, "x", 2.0**-16)
    assert step.rounded_away  # ½·f″·h² is 4e-11; float32's gap at 600 is 6e-5
    assert step.rounding == pytest.approx(2.0**-14)


def test_the_step_taken_is_the_float32_one() -> None:
    """x + h is rounded to float32 before the tape sees it: Δf/h divides by that step."""
    line = from_expression("3*x + 1")
    _, step = steps.step_reading(line, {"x": 20.0}, "x", 0.001)
    assert step.taken is not None and step.taken != 0.001
    assert abs(step.taken - 0.001) < 1e-6
    assert step.ratio == pytest.approx(3.0, rel=1e-6)  # exact for a line, with the taken step


def test_steps_along_each_variable_come_from_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    earnings = CATALOGUE["earnings"]
    ready = tape.compiled(earnings)
    calls = []
    real = ready.at
    monkeypatch.setattr(ready, "at", lambda *a: calls.append(1) or real(*a))
    here, (along_x, along_y) = steps.step_readings(earnings, {"x": 25.0, "y": 6.0}, 1.0)
    assert len(calls) == 1
    assert (along_x.symbol, along_y.symbol) == ("x", "y")
    assert along_x.next_value == pytest.approx(0.25 * 26**2 + 500 + 50 * math.log(7), rel=1e-6)
    assert along_y.next_value == pytest.approx(0.25 * 25**2 + 500 + 50 * math.log(8), rel=1e-6)
    assert along_x.slope == pytest.approx(12.5) and along_y.slope == pytest.approx(50 / 7)
    assert along_y.second == pytest.approx(-50 / 49, rel=1e-5)  # ∂²f/∂y² from the tape
    assert here.gradient == {"x": along_x.slope, "y": along_y.slope}


def test_undefined_steps_have_no_ratio() -> None:
    log = from_expression("log(x)")
    _, step = steps.step_reading(log, {"x": 0.5}, "x", -1.0)
    assert step.next_value is None and step.ratio is None and step.error is None
    assert not step.rounded_away


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10.25, "$10.25"),
        (0.0625, "$0.0625"),
        (-0.000244140625, "-$0.0002441406"),
        (None, "undefined"),
    ],
)
def test_small_changes_in_money_keep_their_digits(value: float | None, text: str) -> None:
    assert format_exact_money(value) == text
