"""Straight lines over a chart (the tangent, the secant) at the curve's own resolution.

A line is cut into the dots of the curve's grid (braille: 2×4 dots a cell) by walking its
major axis one dot at a time, so it reads as one continuous line at every slope. In a cell
the curve already fills, the line's dots join the curve's: both stay visible where they
cross. Without braille (ASCII), each cell the line crosses gets a glyph for its slope.

Pure numpy: drawing a line is part of a cursor move, and costs tens of microseconds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tensortown.chart.canvas import Canvas, Style
from tensortown.chart.geometry import PlotGeometry

BRAILLE = 0x2800
"""The blank braille cell; a cell's dots are bits added to it."""
_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.int64)
"""The bit of the dot at (row, column) of a braille cell."""
DASH = 2
"""A dashed line draws ``DASH`` dots, then leaves ``DASH`` out."""


@dataclass(frozen=True)
class Line:
    """The line through (x0, y0) with ``slope``, drawn from ``x_from`` to ``x_to``."""

    x0: float
    y0: float
    slope: float
    x_from: float
    x_to: float

    @classmethod
    def through(cls, a: tuple[float, float], b: tuple[float, float], reach: float) -> Line:
        """The line through ``a`` and ``b`` (``a[0] != b[0]``), ``reach`` beyond both."""
        (xa, ya), (xb, yb) = a, b
        slope = (yb - ya) / (xb - xa)
        return cls(xa, ya, slope, min(xa, xb) - reach, max(xa, xb) + reach)

    def at(self, x: np.ndarray) -> np.ndarray:
        """y along the line."""
        return self.y0 + self.slope * (x - self.x0)


def line_dots(
    line: Line, geometry: PlotGeometry, sub_columns: int, sub_rows: int, *, dashed: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """The dots (column, row, from the plot's top left) the line passes through in the plot.

    Every dot column between the ends gets the dots the line crosses within it, so a steep
    line has no gaps; a dashed one keeps ``DASH`` dots of every ``2 * DASH`` along its
    longer extent.
    """
    g = geometry
    dots_x, dots_y = g.width * sub_columns, g.height * sub_rows
    dot_w = g.x.cell_size / sub_columns
    dot_h = g.y.cell_size / sub_rows
    first = max(0, math.floor((line.x_from - g.x.lo) / dot_w))
    last = min(dots_x - 1, math.ceil((line.x_to - g.x.lo) / dot_w) - 1)
    if last < first or not (math.isfinite(line.y0) and math.isfinite(line.slope)):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    columns = np.arange(first, last + 1)
    edges = g.x.lo + np.arange(first, last + 2) * dot_w
    with np.errstate(over="ignore", invalid="ignore"):
        rows_at = (g.y.hi - line.at(edges)) / dot_h
    if abs(line.slope) * dot_w <= dot_h:  # shallow: one dot a column, at its centre
        centres = (rows_at[:-1] + rows_at[1:]) / 2
        inside = (centres >= 0) & (centres < dots_y)
        cols, rows = columns[inside], np.floor(centres[inside]).astype(np.int64)
        along = cols
    else:  # steep: every dot row crossed within the column
        low = np.minimum(rows_at[:-1], rows_at[1:])
        high = np.maximum(rows_at[:-1], rows_at[1:])
        visible = (high > 0) & (low < dots_y)
        starts = np.clip(np.floor(low[visible]), 0, dots_y - 1).astype(np.int64)
        stops = np.clip(np.ceil(high[visible]) - 1, 0, dots_y - 1).astype(np.int64)
        counts = np.maximum(stops, starts) - starts + 1
        cols = np.repeat(columns[visible], counts)
        offsets = np.arange(cols.size) - np.repeat(np.cumsum(counts) - counts, counts)
        rows = np.repeat(starts, counts) + offsets
        along = rows
    if dashed:
        keep = (along // DASH) % 2 == 0
        cols, rows = cols[keep], rows[keep]
    return cols.astype(np.int64), rows.astype(np.int64)


def draw_braille(
    canvas: Canvas, geometry: PlotGeometry, cols: np.ndarray, rows: np.ndarray, style: Style
) -> None:
    """Put dots on the canvas as braille, joining the dots of braille cells already there."""
    if not cols.size:
        return
    g = geometry
    cells = (rows // 4) * g.width + cols // 2
    bits = _BITS[rows % 4, cols % 2]
    order = np.argsort(cells, kind="stable")
    cells, bits = cells[order], bits[order]
    starts = np.flatnonzero(np.r_[True, cells[1:] != cells[:-1]])
    merged = np.bitwise_or.reduceat(bits, starts)
    chars, styles = canvas.chars, canvas.styles
    for cell, dots in zip(cells[starts].tolist(), merged.tolist(), strict=True):
        row, column = g.top + cell // g.width, g.left + cell % g.width
        old = ord(chars[row][column])
        if BRAILLE <= old <= BRAILLE + 0xFF:
            dots |= old - BRAILLE
        chars[row][column] = chr(BRAILLE + dots)
        styles[row][column] = style


def draw_cells(
    canvas: Canvas,
    geometry: PlotGeometry,
    line: Line,
    style: Style,
    *,
    glyph: str | None = None,
    ascii: bool = False,
) -> None:
    """The line one glyph a cell it crosses: ``glyph``, or one for its slope on screen."""
    g = geometry
    cols, rows = line_dots(line, g, 1, 1)
    if glyph is None:
        steep = abs(line.slope) * g.x.cell_size / g.y.cell_size
        if steep < 0.4:
            glyph = "-" if ascii else "─"
        elif steep > 2.5:
            glyph = "|" if ascii else "│"
        elif line.slope > 0:
            glyph = "/" if ascii else "╱"
        else:
            glyph = "\\" if ascii else "╲"
    for column, row in zip(cols.tolist(), rows.tolist(), strict=True):
        canvas.put(g.left + column, g.top + row, glyph, style)


def draw_line(
    canvas: Canvas,
    geometry: PlotGeometry,
    line: Line,
    style: Style,
    *,
    braille: bool,
    dashed: bool = False,
    glyph: str | None = None,
    ascii: bool = False,
) -> None:
    """Draw ``line`` clipped to the plot: as braille dots, or one glyph a cell."""
    if braille:
        cols, rows = line_dots(line, geometry, 2, 4, dashed=dashed)
        draw_braille(canvas, geometry, cols, rows, style)
    else:
        draw_cells(canvas, geometry, line, style, glyph=glyph, ascii=ascii)
