"""A gradient walk's path drawn over the field: the cells it crosses, and where it is now.

The walk's points come from the tape (:mod:`tensortown.walk`); here they only become cells:
each point's cell, joined to the next by the cells of a straight line between them, so a
long step reads as a stroke and not as scattered dots.  Like the cursor, the trail is an
overlay: it copies only the rows it touches, and the cursor can be drawn over it.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from tensortown.chart.canvas import Canvas, Style
from tensortown.chart.field import FieldChart
from tensortown.chart.geometry import Axis, PlotGeometry

TRAIL = ("•", "*")
"""The path's glyph (Unicode, ASCII)."""
HEAD = ("●", "@")
"""Where the walk is now (or where it stopped)."""
MARKS = (("·", "."), ("∘", "o"), ("×", "x"), ("+", "+"))
"""Each optimizer's path (gradient descent, momentum, RMSprop, Adam: Unicode, ASCII), told
apart without colour too; its head is its initial (``G``, ``M``, ``R``, ``A``)."""
HEADS = ("G", "M", "R", "A")


def axis_cells(axis: Axis, values: np.ndarray) -> np.ndarray:
    """Terminal columns or rows of many values at once: :meth:`Axis.to_cell`, vectorised."""
    position = (values - axis.lo) * float(axis.length) / (axis.hi - axis.lo)
    cells = np.clip(np.floor(position), 0, axis.length - 1).astype(np.int64)
    if axis.flipped:
        cells = axis.length - 1 - cells
    return cells + axis.offset


def line_cells(start: tuple[int, int], end: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells of a straight line from ``start`` to ``end`` (both included), Bresenham's way."""
    (c0, r0), (c1, r1) = start, end
    dc, dr = abs(c1 - c0), -abs(r1 - r0)
    sc, sr = (1 if c1 > c0 else -1), (1 if r1 > r0 else -1)
    error = dc + dr
    cells = [(c0, r0)]
    while (c0, r0) != (c1, r1):
        twice = 2 * error
        if twice >= dr:
            error += dr
            c0 += sc
        if twice <= dc:
            error += dc
            r0 += sr
        cells.append((c0, r0))
    return cells


def trail_cells(
    geometry: PlotGeometry, points: Sequence[tuple[float, float]]
) -> list[tuple[int, int]]:
    """The cells a path through ``points`` crosses, in order, each cell once.

    Points outside the plot are clamped to its border (a walk stops before it leaves the
    box, so this only matters for a box changed under it).
    """
    if not points:
        return []
    array = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    array = array[np.isfinite(array).all(axis=1)]
    if not len(array):
        return []
    columns = axis_cells(geometry.x, array[:, 0])
    rows = axis_cells(geometry.y, array[:, 1])
    # Consecutive points in one cell (a walk settling down) add nothing: drop them first.
    keep = np.ones(len(columns), dtype=bool)
    keep[1:] = (np.diff(columns) != 0) | (np.diff(rows) != 0)
    corners = list(zip(columns[keep].tolist(), rows[keep].tolist(), strict=True))
    seen: dict[tuple[int, int], None] = {corners[0]: None}
    for a, b in itertools.pairwise(corners):
        for cell in line_cells(a, b)[1:]:
            seen.setdefault(cell, None)
    return list(seen)


def with_trail(
    chart: FieldChart,
    points: Sequence[tuple[float, float]],
    *,
    base: Canvas | None = None,
    head: bool = True,
) -> Canvas:
    """``base`` (the field by default) with the path through ``points``; ``head`` marks the last.

    The glyph keeps its cell's shade, so the field stays readable under the path.
    """
    under = chart.canvas if base is None else base
    cells = trail_cells(chart.geometry, points)
    if not cells:
        return under
    canvas = under.derive({row for _, row in cells})
    theme = chart.theme
    ascii_only = 1 if theme.ascii else 0
    colour = theme.palette.highlight
    tail = trail_cells(chart.geometry, points[-1:]) if head else []
    last = tail[0] if tail else None
    for column, row in cells:
        glyph = HEAD[ascii_only] if (column, row) == last else TRAIL[ascii_only]
        if theme.color:
            bg = canvas.styles[row][column].bg
            canvas.put(column, row, glyph, Style(colour, bg, bold=True))
        else:
            canvas.put(column, row, glyph)
    return canvas


def with_paths(
    chart: FieldChart,
    paths: Sequence[Sequence[tuple[float, float]]],
    *,
    base: Canvas | None = None,
) -> Canvas:
    """``base`` (the field by default) with up to four optimizers' paths, each in its own
    glyph and colour (:data:`MARKS`), its head marked with its initial (:data:`HEADS`).

    Drawn in order, so where two cross the later one shows; every head is drawn last.
    """
    canvas = chart.canvas if base is None else base
    cells = [trail_cells(chart.geometry, points) for points in paths]
    rows = {row for path in cells for _, row in path}
    if not rows:
        return canvas
    canvas = canvas.derive(rows)
    theme = chart.theme
    ascii_only = 1 if theme.ascii else 0
    heads = []
    for index, path in enumerate(cells):
        colour = theme.palette.paths[index]
        for column, row in path:
            _put(canvas, column, row, MARKS[index][ascii_only], colour, theme.color)
        if path:
            last = trail_cells(chart.geometry, paths[index][-1:])
            heads.append((index, last[0] if last else path[-1]))
    for index, (column, row) in heads:
        _put(canvas, column, row, HEADS[index], theme.palette.paths[index], theme.color)
    return canvas


def _put(canvas: Canvas, column: int, row: int, glyph: str, colour: str, color: bool) -> None:
    """A glyph in ``colour`` over its cell's shade (or plain, without colour)."""
    if color:
        canvas.put(column, row, glyph, Style(colour, canvas.styles[row][column].bg, bold=True))
    else:
        canvas.put(column, row, glyph)
