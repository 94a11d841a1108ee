"""Ticks, limits and the frame around a plot area: the parts of a chart that are not data."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from tensortown.chart.canvas import Canvas
from tensortown.chart.geometry import Axis, PlotGeometry
from tensortown.chart.theme import Theme

_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) giving about ``count`` intervals over ``span``."""
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for step in _STEPS:
        if step * power >= raw * (1 - 1e-9):
            return step * power
    return 10.0 * power


def ticks_for(lo: float, hi: float, step: float) -> list[float]:
    """Every multiple of ``step`` within [lo, hi]."""
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    return [0.0 if k == 0 else k * step for k in range(first, last + 1)]


def format_ticks(ticks: Sequence[float], step: float) -> list[str]:
    """Labels with just enough decimals for ``step``; short exponents for huge or tiny values."""
    biggest = max((abs(t) for t in ticks), default=0.0)
    if biggest >= 1e6 or (0 < step < 1e-4):
        # As many significant digits as tell the ticks apart: a range of -1 … -0.999999
        # has ticks a few 1e-7 apart, and two digits read -1 at every one of them.
        digits = 2
        if biggest > 0 and step > 0:
            digits = max(2, math.floor(math.log10(biggest)) - math.floor(math.log10(step)) + 1)
        labels = [_short_exponent(f"{t:.{digits}g}") for t in ticks]
        while len(set(labels)) < len(labels) and digits < 17:
            digits += 1
            labels = [_short_exponent(f"{t:.{digits}g}") for t in ticks]
        return labels
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if step * 10**decimals % 1 > 1e-6:  # 2.5 → one more digit
        decimals += 1
    return [f"{t:.{decimals}f}" for t in ticks]


def _short_exponent(text: str) -> str:
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if exponent else text


def padded_limits(values: np.ndarray, rows: int | None = None) -> tuple[float, float]:
    """A y range that holds the finite ``values`` with a little room; robust to poles like 1/x.

    Constant values (price's f′ = 2) sit in the middle of a row of the ``rows`` the range
    is drawn on: centred in the range, an even number of rows would put them on the
    boundary between two, where the curve rounds down the screen and its tick up.
    """
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (-1.0, 1.0)
    lo, hi = float(finite.min()), float(finite.max())
    if finite.size >= 20:
        q_lo, q_hi = (float(q) for q in np.quantile(finite, [0.02, 0.98]))
        if q_hi - q_lo < (hi - lo) / 20:  # a pole dominates: show the body of the curve
            spread = max(q_hi - q_lo, abs(q_hi), abs(q_lo), 1e-9)
            lo, hi = max(lo, q_lo - spread), min(hi, q_hi + spread)
    if hi - lo < 1e-12 * max(1.0, abs(lo), abs(hi)):
        pad = max(abs(lo) * 0.1, 1.0)
        half_row = pad / rows if rows and rows % 2 == 0 else 0.0
        return (lo - pad + half_row, hi + pad + half_row)
    pad = (hi - lo) * 0.06
    return (lo - pad, hi + pad)


def y_ticks(axis: Axis) -> tuple[list[float], list[str]]:
    """Ticks for a vertical axis: at least two rows apart, about one per three rows."""
    count = max(1, min(axis.length // 3, 8))
    step = nice_step(axis.hi - axis.lo, count)
    ticks = ticks_for(axis.lo, axis.hi, step)
    while len(ticks) > 1 and len({axis.to_cell(t) for t in ticks}) < len(ticks):
        step = nice_step(axis.hi - axis.lo, max(1, len(ticks) // 2))
        ticks = ticks_for(axis.lo, axis.hi, step)
    rows = [axis.to_cell(t) for t in ticks]
    if any(b - a < 2 for a, b in zip(rows[1:], rows, strict=False)):
        ticks, rows = ticks[::2], rows[::2]
    return ticks, format_ticks(ticks, step)


def x_ticks(axis: Axis, canvas_width: int) -> tuple[list[float], list[str]]:
    """Ticks for a horizontal axis whose labels, centred under them, never touch."""
    for count in range(max(1, axis.length // 6), 0, -1):
        step = nice_step(axis.hi - axis.lo, count)
        ticks = ticks_for(axis.lo, axis.hi, step)
        labels = format_ticks(ticks, step)
        spans = [
            _label_span(axis.to_cell(t), label, canvas_width)
            for t, label in zip(ticks, labels, strict=True)
        ]
        if all(a[1] + 2 <= b[0] for a, b in itertools.pairwise(spans)):
            return ticks, labels
    return [], []


def _label_span(column: int, label: str, canvas_width: int) -> tuple[int, int]:
    start = column - (len(label) - 1) // 2
    start = min(max(start, 0), canvas_width - len(label))
    return start, start + len(label)


def y_margin(labels: Sequence[str]) -> int:
    """Columns left of the y axis line: the widest tick label."""
    return max((len(label) for label in labels), default=1)


def draw_y_axis(
    canvas: Canvas,
    axis: Axis,
    column: int,
    ticks: Sequence[float],
    labels: Sequence[str],
    theme: Theme,
) -> None:
    """The vertical axis line at ``column`` with its ticks and right-aligned labels."""
    g, p = theme.glyphs, theme.palette
    line, text = theme.fg(p.axis), theme.fg(p.text)
    for row in range(axis.offset, axis.offset + axis.length):
        canvas.put(column, row, g.vertical, line)
    for value, label in zip(ticks, labels, strict=True):
        row = axis.to_cell(value)
        canvas.put(column, row, g.tick_y, line)
        canvas.text(column - len(label), row, label, text)


def draw_x_axis(
    canvas: Canvas,
    geometry: PlotGeometry,
    row: int,
    ticks: Sequence[float],
    labels: Sequence[str],
    theme: Theme,
) -> None:
    """The horizontal axis line at ``row`` with ticks, and their labels on the row below."""
    g, p = theme.glyphs, theme.palette
    line, text = theme.fg(p.axis), theme.fg(p.text)
    canvas.put(geometry.left - 1, row, g.corner, line)
    for column in range(geometry.left, geometry.left + geometry.width):
        canvas.put(column, row, g.horizontal, line)
    for value, label in zip(ticks, labels, strict=True):
        column = geometry.x_to_column(value)
        canvas.put(column, row, g.tick_x, line)
        start, _ = _label_span(column, label, canvas.width)
        canvas.text(start, row + 1, label, text)


def axis_title(label: str, unit: str) -> str:
    """``hours worked (h)``, or just the label when there is no unit."""
    return f"{label} ({unit})" if unit else label


def fit(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` cut to ``width`` cells, ending in ``ellipsis`` when it was too long."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + ellipsis if width > 0 else ""


UNDEFINED_EVERYWHERE = "f is undefined on the whole range"


def centred_note(canvas: Canvas, geometry: PlotGeometry, text: str, theme: Theme) -> None:
    """``text`` across the middle row of a plot area: why it is empty."""
    text = fit(theme.words(text), geometry.width, theme.ellipsis)
    row = geometry.top + (geometry.height - 1) // 2
    start = geometry.left + max(0, (geometry.width - len(text)) // 2)
    canvas.text(start, row, text, theme.fg(theme.palette.label, bold=True))
