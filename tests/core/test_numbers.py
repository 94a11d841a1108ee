"""How numbers are written and read."""

from __future__ import annotations

import math

import pytest

from tensortown.numbers import format_money, format_number, parse_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10.0, "10"),
        (10.5, "10.5"),
        (7.142857551574707, "7.142858"),
        (-0.0, "0"),
        (0.0001234, "0.0001234"),
        (123456789.0, "1.234568e8"),
        (1e-9, "1e-9"),
        (None, "undefined"),
        (math.nan, "undefined"),
        (math.inf, "undefined"),
    ],
)
def test_format_number(value: float | None, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (530.25, "$530.25"),
        (525.0, "$525.00"),
        (2100.0, "$2,100.00"),
        (-5.25, "-$5.25"),
        (-0.001, "$0.00"),
    ],
)
def test_format_money(value: float, text: str) -> None:
    assert format_money(value) == text


@pytest.mark.parametrize(
    ("text", "value"), [("20", 20.0), (" 2.5 ", 2.5), ("-0", 0.0), ("1e3", 1000.0)]
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value
    assert math.copysign(1, parse_number(text)) == math.copysign(1, value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "not a number"),
        ("", "enter a number"),
        ("1e400", "too large"),
        ("nan", "nan"),
        ("inf", "too large"),
        ("1,5", "use . for decimals"),
    ],
)
def test_parse_number_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)
