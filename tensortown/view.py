"""Zooming and panning a view, and the cursor's step in it: plain arithmetic on ranges.

The tape computes in float32, so a view is only as fine as float32 is around its values:
each function here refuses (``ValueError``, with its message for the person) a range
narrower than :data:`RESOLVING` float32 numbers, bounds beyond :data:`LARGEST` (what the
explorer's fields take) and a step finer than float32 can tell apart in the range.
"""

from __future__ import annotations

import math

from tensortown.numbers import format_number

LARGEST = 1e30
"""The largest bound a view may have (the fields take numbers up to this)."""
RESOLVING = 64
"""The fewest float32 numbers a view must hold between its ends."""
_FLOAT32_MIN_NORMAL = 2.0**-126
_FLOAT32_SMALLEST = 2.0**-149
_ROUND_STEPS = (5, 2, 1)
_TIDY_DIGITS = 10
"""Significant digits of the width a zoomed or panned bound keeps (17.500000000000004 → 17.5)."""


def float32_spacing(value: float) -> float:
    """The gap between neighbouring float32 numbers at ``value`` (at 20: 2⁻¹⁹ ≈ 1.9e-6)."""
    magnitude = abs(value)
    if magnitude < _FLOAT32_MIN_NORMAL:
        return _FLOAT32_SMALLEST
    _, exponent = math.frexp(magnitude)  # magnitude = m·2**exponent with 0.5 <= m < 1
    return 2.0 ** (exponent - 24)


def resolution(lo: float, hi: float) -> float:
    """The coarsest float32 spacing in [lo, hi]: the finest step the tape tells apart there."""
    return float32_spacing(max(abs(lo), abs(hi)))


def check(lo: float, hi: float, doing: str) -> tuple[float, float]:
    """``(lo, hi)`` if it is a view the tape can show; ValueError saying why not.

    ``doing`` starts the message: ``"can't zoom in further"``.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or max(abs(lo), abs(hi)) > LARGEST:
        raise ValueError(
            f"{doing}: the view would reach beyond ±{LARGEST:g}, the largest number a "
            "field takes (float32, which the tape computes in, ends at 3.4e38)"
        )
    numbers = (hi - lo) / resolution(lo, hi)
    if not numbers >= RESOLVING:
        raise ValueError(
            f"{doing}: the tape computes in float32, which has only {max(0, int(numbers))} "
            f"numbers from {format_number(lo)} to {format_number(hi)}"
        )
    return lo, hi


def _tidy(value: float, width: float) -> float:
    """``value`` rounded to :data:`_TIDY_DIGITS` significant digits of ``width``."""
    decimals = _TIDY_DIGITS - 1 - math.floor(math.log10(width))
    return round(value, decimals) + 0.0


def zoom(lo: float, hi: float, about: float, factor: float) -> tuple[float, float]:
    """[lo, hi] magnified ``factor`` times (2: half as wide; 0.5: twice) around ``about``.

    ``about`` (clamped into the range first) stays at the same fraction of the view.
    """
    if not (factor > 0 and math.isfinite(factor)):
        raise ValueError(f"a zoom needs a factor more than 0, not {factor:g}")
    about = min(max(about, lo), hi)
    width = hi - lo
    fraction = (about - lo) / width
    new_width = width / factor
    new_lo = about - fraction * new_width
    new_hi = about + (1 - fraction) * new_width
    if math.isfinite(new_width) and new_width > 0:
        new_lo, new_hi = _tidy(new_lo, new_width), _tidy(new_hi, new_width)
    doing = "can't zoom in further" if factor > 1 else "can't zoom out further"
    return check(new_lo, new_hi, doing)


def pan(lo: float, hi: float, fraction: float) -> tuple[float, float]:
    """[lo, hi] moved by ``fraction`` of its width (0.25: a quarter up; -0.25: down)."""
    width = hi - lo
    shift = fraction * width
    new_lo, new_hi = _tidy(lo + shift, width), _tidy(hi + shift, width)
    return check(new_lo, new_hi, "can't pan further")


def round_step(size: float) -> float:
    """The largest round number (1, 2 or 5 × 10ⁿ) not more than ``size`` (> 0), to rounding:
    a cell of 0.06/60 = 0.0009999999999999998 has a step of 0.001."""
    exponent = math.floor(math.log10(size))
    for power in (exponent + 1, exponent, exponent - 1):  # log10 may round either way
        for mantissa in _ROUND_STEPS:
            step = float(f"{mantissa}e{power}")
            if step <= size * (1 + 1e-9):
                return step
    return float(f"1e{exponent - 1}")


def check_step(step: float, lo: float, hi: float, doing: str) -> float:
    """``step`` if the tape tells its moves apart within [lo, hi]; ValueError saying why not."""
    finest = resolution(lo, hi)
    if not step >= finest:
        raise ValueError(
            f"{doing}: a step of {format_number(step)} is finer than float32, which the "
            f"tape computes in, tells apart near {format_number(max(abs(lo), abs(hi)))} "
            f"(its numbers are {format_number(finest)} apart there)"
        )
    if step > LARGEST:
        raise ValueError(f"{doing}: the step can be at most {LARGEST:g}")
    return step


def cell_step(lo: float, hi: float, cells: int) -> float:
    """The round step (1, 2 or 5 × 10ⁿ) nearest one cell's width, never more than one cell,
    for [lo, hi] drawn over ``cells`` cells."""
    if cells < 1:
        raise ValueError("a step of one cell needs a chart on screen")
    step = round_step((hi - lo) / cells)
    return check_step(step, lo, hi, "no step of one cell")


def halved(step: float, lo: float, hi: float) -> float:
    """Half of ``step``, unless that is finer than float32 tells apart within [lo, hi]."""
    return check_step(step / 2, lo, hi, "can't halve the step")


def doubled(step: float, lo: float, hi: float) -> float:
    """Twice ``step`` (at most :data:`LARGEST`)."""
    return check_step(step * 2, lo, hi, "can't double the step")
