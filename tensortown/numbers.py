"""How TensorTown writes numbers: 7 significant digits, no trailing zeros, money as $530.25."""

from __future__ import annotations

import math

SIGNIFICANT = 7
"""Digits shown: float32 carries about seven."""


def format_number(value: float | None, undefined: str = "undefined") -> str:
    """``10``, ``10.5``, ``7.142858``, ``1.234568e+09``; ``undefined`` for None or nan."""
    if value is None or not math.isfinite(value):
        return undefined
    if value == 0:
        return "0"  # also for -0.0
    text = f"{value:.{SIGNIFICANT}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}e{int(exponent)}"
    return text


def format_money(value: float | None, undefined: str = "undefined") -> str:
    """``$530.25``, ``-$5.25``, ``$2,100.00``."""
    if value is None or not math.isfinite(value):
        return undefined
    sign = "-" if value < 0 and round(abs(value), 2) != 0 else ""
    return f"{sign}${abs(value):,.2f}"


def format_exact_money(value: float | None, undefined: str = "undefined") -> str:
    """Money in cents where that is exact (``$10.25``), else to the digits it has
    (``$0.0625``, ``-$0.000244``): a step's small changes are not rounded away."""
    if value is None or not math.isfinite(value):
        return undefined
    if abs(value) >= 1e6 or round(value, 2) == value:
        return format_money(value, undefined)
    return f"{'-' if value < 0 else ''}${format_number(abs(value))}"


def format_value(value: float | None, money: bool, undefined: str = "undefined") -> str:
    """Money for dollar-valued functions, a plain number otherwise."""
    return format_money(value, undefined) if money else format_number(value, undefined)


def not_an_ascii_digit(char: str) -> str:
    """What to say of a digit that is not 0-9: ``'١' (U+0661) is not an ASCII digit: …``."""
    return f"{char!r} (U+{ord(char):04X}) is not an ASCII digit: write 0-9"


def parse_number(text: str) -> float:
    """A number a person typed into a field; ValueError with a message a person understands."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("enter a number")
    # float() reads any script's digits ("١٢", "１２" are 12.0); TensorTown reads 0-9 only
    foreign = next((c for c in cleaned if c.isdecimal() and not c.isascii()), None)
    if foreign is not None:
        raise ValueError(not_an_ascii_digit(foreign))
    if "_" in cleaned:  # float() takes 1_000 (Python's digit groups); a person means 1000
        raise ValueError(f"{cleaned!r} is not a number: write it without '_' (1000, not 1_000)")
    if "," in cleaned and "." not in cleaned:
        raise ValueError(f"{cleaned!r} is not a number (use . for decimals)")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a number") from None
    if math.isnan(value):
        raise ValueError("nan is not a number you can explore")
    if math.isinf(value) or abs(value) > 1e30:
        raise ValueError(f"{cleaned} is too large (at most 1e30)")
    return value + 0.0  # -0 becomes 0


def parse_count(text: str) -> int:
    """A whole number of things (``--steps 50``): digits 0-9 only, as :func:`parse_number`
    reads them (``int`` takes ``１２``, ``١٢`` and ``1_000``)."""
    cleaned = text.strip()
    foreign = next((c for c in cleaned if c.isdecimal() and not c.isascii()), None)
    if foreign is not None:
        raise ValueError(not_an_ascii_digit(foreign))
    digits = cleaned.removeprefix("-")
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"{cleaned!r} is not a whole number")
    return int(cleaned)
