"""Draw polylines into a block of cells with plotext: the only module that talks to plotext.

plotext draws the plot area only (no frame, ticks or labels: those are ours), and only at
points we have already put on its dot grid: x and y arrive in dot units with the limits
``[0, dots]`` and plotext's documented ``edge`` limit alignment, so the dot centre ``k + 0.5``
lands on dot ``k`` and the cell of every point is known exactly (``tests/core/test_chart_raster.py``
checks this against the pinned plotext). plotext is imported on first use.

Speed: plotext's public ``signal``/``draw`` pair spends most of a build in Python, once per
point (a marker copy each, then a colour-cycler walk over every point). ``draw`` builds the
signal from plotext 6.1.0's own signal class instead; a property test checks that the picture
is the one the public calls draw, so an upgrade that changes those internals fails loudly.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

_LOCK = threading.Lock()
"""plotext keeps one global figure: one build at a time."""


@dataclass(frozen=True)
class Polyline:
    """Points on the dot grid (column, row from the top), and which consecutive pairs join."""

    columns: np.ndarray
    rows: np.ndarray
    joined: np.ndarray
    """``joined[i]`` is True when point ``i`` connects to point ``i + 1``."""


def to_dots(
    positions_x: np.ndarray,
    positions_y: np.ndarray,
    defined: np.ndarray,
    width: int,
    height: int,
    sub_columns: int,
    sub_rows: int,
) -> Polyline:
    """Continuous cell positions to dots; leaves gaps where undefined, clips at the plot edges.

    A point beyond the top or bottom is kept (on the edge) only next to a visible one, so a
    curve that leaves the chart runs to the edge, and never draws along it.
    """
    dots_y = height * sub_rows
    with np.errstate(invalid="ignore"):
        inside = defined & (positions_y >= 0) & (positions_y < height)
    near = inside.copy()
    near[1:] |= inside[:-1] & defined[1:]
    near[:-1] |= inside[1:] & defined[:-1]
    columns = np.clip(np.floor(positions_x[near] * sub_columns), 0, width * sub_columns - 1)
    rows = np.clip(np.floor(np.nan_to_num(positions_y[near]) * sub_rows), 0, dots_y - 1)
    kept = np.flatnonzero(near)
    joined = np.zeros(kept.size, dtype=bool)
    if kept.size > 1:
        consecutive = np.diff(kept) == 1
        either_inside = inside[kept[:-1]] | inside[kept[1:]]
        joined[:-1] = consecutive & either_inside
    # Neighbours on the same dot add nothing: keep the first of each run.
    if columns.size > 1:
        same = (np.diff(columns) == 0) & (np.diff(rows) == 0) & joined[:-1]
        keep = np.ones(columns.size, dtype=bool)
        keep[1:] = ~same
        # A dropped point's link to the next one passes to the point kept before it.
        joined = _carry_links(joined, keep)
        columns, rows = columns[keep], rows[keep]
    return Polyline(columns.astype(np.int64), rows.astype(np.int64), joined)


def _carry_links(joined: np.ndarray, keep: np.ndarray) -> np.ndarray:
    out = joined.copy()
    last = 0
    for i in range(1, keep.size):
        if keep[i]:
            last = i
        else:
            out[last] = joined[i]
    return out[keep]


def draw(lines: Sequence[Polyline], width: int, height: int, marker: str) -> list[str]:
    """The plot area drawn by plotext as ``height`` strings of ``width`` cells (blank = space)."""
    blank = [" " * width for _ in range(height)]
    if not any(line.columns.size for line in lines):
        return blank
    sub_columns, sub_rows = (2, 4) if marker == "braille" else (1, 1)
    with _LOCK:
        import plotext
        from plotext._signal.signal import signal_class

        figure: Any = plotext.figure
        plotext.terminal.limit(False, False)
        figure.clear()
        figure.plot_size(width, height)
        for line in lines:
            if not line.columns.size:
                continue
            xs = (line.columns + 0.5).tolist()
            ys = (height * sub_rows - line.rows - 0.5).tolist()
            # An empty signal from the public builder carries the marker; the points go in
            # one by one with that one marker (plotext copies it per point), and the signal
            # joins the figure without `draw`, whose colour cycler walks every point in Python.
            shared = figure.signal([], [], marker=marker)._get_marker()
            signal = signal_class(len(xs))._set_marker(shared)._set_xside(0)._set_yside(0)
            for x, y in zip(xs, ys, strict=True):
                signal._append_point(x, y, shared)
            if line.joined.any():
                signal.density("full")
                for index in np.flatnonzero(line.joined[:-1]) + 1:
                    signal._set_connected(int(index), True)
            figure._signals._add(signal)
        figure.axes(False)
        for axis, dots in (("x", width * sub_columns), ("y", height * sub_rows)):
            ruler = figure.ruler(axis)
            ruler.frequency(0)
            ruler.lim(0, dots)
            ruler.alignment(lim="edge")
        text = figure.build().string(colorless=True)
    rows = text.split("\n")[:height]
    return [row.ljust(width)[:width] for row in rows] + blank[len(rows) :]
