"""Undefined points and gaps: no nan or inf reaches a person."""

from __future__ import annotations

import numpy as np
import pytest

from tensortown import tape
from tensortown.catalogue import resolve

pytestmark = pytest.mark.usefixtures("tf")


@pytest.mark.parametrize(
    ("text", "point", "reason"),
    [
        ("log(x)", {"x": -1.0}, "log of a negative number"),
        ("log(x)", {"x": 0.0}, "log of 0"),
        ("1/x", {"x": 0.0}, "division by zero"),
        ("sqrt(x)", {"x": -4.0}, "square root of a negative number"),
        ("exp(x)", {"x": 100.0}, "overflows"),
        ("x**-1", {"x": 0.0}, "0 to a negative power"),
        ("sqrt(x)", {"x": 0.0}, "f'(x) is not finite"),
        ("log(y) + x", {"x": 1.0, "y": -2.0}, "log of a negative number"),
    ],
)
def test_undefined_points_say_why(text: str, point: dict[str, float], reason: str) -> None:
    result = tape.derivative_at(resolve(text), point)
    assert not result.defined
    assert result.undefined is not None and reason in result.undefined


def test_undefined_value_hides_the_derivatives() -> None:
    result = tape.derivative_at(resolve("log(x)"), {"x": -1.0})
    assert result.value is None
    assert result.gradient == {"x": None}
    assert result.hessian == [[None]]


def test_curve_marks_gaps_where_undefined() -> None:
    xs = np.linspace(-1, 1, 21)
    samples = tape.curve(resolve("log(x)"), xs)
    assert not samples.defined[xs <= 0].any()
    assert samples.defined[xs > 0].all()
    assert np.isnan(samples.first[xs <= 0]).all()
    assert np.isfinite(samples.first[xs > 0]).all()


def test_field_marks_undefined_cells() -> None:
    samples = tape.field(resolve("log(x*y)"), np.array([-1.0, 1.0]), np.array([-1.0, 1.0]))
    np.testing.assert_array_equal(samples.defined, [[True, False], [False, True]])


def test_point_beyond_float32_is_refused() -> None:
    with pytest.raises(ValueError, match="float32"):
        tape.derivative_at(resolve("x"), {"x": 1e39})


def test_missing_variable_is_refused() -> None:
    with pytest.raises(KeyError):
        tape.derivative_at(resolve("x*y"), {"x": 1.0})
