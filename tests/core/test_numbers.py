"""How numbers are written and read."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tensortown.numbers import format_money, format_number, parse_count, parse_number


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
        ("1_000", "write it without '_' \\(1000, not 1_000\\)"),
        ("2_5.0", "without '_'"),
    ],
)
def test_parse_number_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("١٢", "'١' (U+0661) is not an ASCII digit: write 0-9"),
        ("１.５", "'１' (U+FF11) is not an ASCII digit: write 0-9"),
        (" 1٢ ", "'٢' (U+0662) is not an ASCII digit: write 0-9"),
        ("-۳", "'۳' (U+06F3) is not an ASCII digit: write 0-9"),
        ("1e٣", "'٣' (U+0663) is not an ASCII digit: write 0-9"),
    ],
)
def test_parse_number_takes_ascii_digits_only(text: str, message: str) -> None:
    """``float('١٢')`` is 12.0 in Python; a field or option says what to write instead."""
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == message


@given(st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()))
def test_parse_number_refuses_every_other_scripts_digit(digit: str) -> None:
    with pytest.raises(ValueError, match=rf"U\+{ord(digit):04X}\) is not an ASCII digit"):
        parse_number(f"1{digit}")


@pytest.mark.parametrize(("text", "value"), [("50", 50), (" 3 ", 3), ("0", 0), ("-2", -2)])
def test_parse_count(text: str, value: int) -> None:
    assert parse_count(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("１２", "'１' (U+FF11) is not an ASCII digit: write 0-9"),
        ("١٢", "'١' (U+0661) is not an ASCII digit: write 0-9"),
        ("1_000", "'1_000' is not a whole number"),
        ("2.5", "'2.5' is not a whole number"),
        ("", "'' is not a whole number"),
    ],
)
def test_parse_count_refuses_what_int_takes(text: str, message: str) -> None:
    """``int('１２')`` is 12 and ``int('1_000')`` 1000 in Python; a count takes 0-9 only."""
    with pytest.raises(ValueError) as caught:
        parse_count(text)
    assert str(caught.value) == message
