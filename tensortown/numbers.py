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


def format_value(value: float | None, money: bool, undefined: str = "undefined") -> str:
    """Money for dollar-valued functions, a plain number otherwise."""
    return format_money(value, undefined) if money else format_number(value, undefined)


def parse_number(text: str) -> float:
    """A number a person typed into a field; ValueError with a message a person understands."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("enter a number")
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
