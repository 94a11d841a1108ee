"""The curve chart: f over [a, b] (and f′, f″ in panels beneath), with a cursor drawn on top.

:func:`build_curve` samples f three times a column (through a sampler, the tape in the app),
draws the curves with plotext and the frame itself, and returns a :class:`CurveChart`. Its
:meth:`CurveChart.with_cursor` draws the cursor, the marker and the tangent over a light copy
of the chart, without plotext.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from tensortown.chart import axes, lines, raster
from tensortown.chart.canvas import Canvas
from tensortown.chart.geometry import Axis, PlotGeometry
from tensortown.chart.theme import Theme

MIN_COLUMNS = 20
MIN_ROWS = 8
MAX_COLUMNS = 1000
MAX_ROWS = 500
SAMPLES_PER_COLUMN = 3
"""At 1/6, 1/2 and 5/6 of each column: the middle one is the column's centre."""
_BOTTOM_ROWS = 3  # axis line, tick labels, x title
_MIN_PANEL_ROWS = 3


def check_not_too_large(columns: int, rows: int) -> None:
    """Refuse sizes no terminal has (they would take minutes and gigabytes to draw)."""
    if columns > MAX_COLUMNS or rows > MAX_ROWS:
        raise ChartError(f"{columns}×{rows} is too large: at most {MAX_COLUMNS}×{MAX_ROWS}")


class ChartError(ValueError):
    """A chart that can't be drawn: too small, or an empty range."""


class CurveSamplesLike(Protocol):
    """What a sampler returns: :class:`tensortown.results.CurveSamples` or the like."""

    @property
    def values(self) -> np.ndarray: ...
    @property
    def first(self) -> np.ndarray: ...
    @property
    def second(self) -> np.ndarray: ...


Sampler = Callable[[np.ndarray], CurveSamplesLike]
"""xs → f, f′, f″ at those xs (nan where undefined)."""


@dataclass(frozen=True)
class CurveLabels:
    """The words on a curve chart."""

    x: str
    """Under the x axis: ``hours worked (h)``."""
    f: str
    """Above the curve: ``Weekly pay ($)``."""
    first: str = "f′"
    second: str = "f″"


@dataclass(frozen=True)
class Panel:
    """One plot area of the chart: f, f′ or f″ against x."""

    name: str
    """``f``, ``f′`` or ``f″``."""
    geometry: PlotGeometry
    values: np.ndarray
    """At the sample xs."""
    drawn: frozenset[tuple[int, int]]
    """The (column, row) cells plotext drew the curve in."""
    ends: tuple[float, float] = (math.nan, math.nan)
    """At the range's two ends, from the same batch: the samples stop a sixth of a column
    short of them, and a zero of f′ at an end (pay's at 0 hours) is there."""

    def marker_row(self, column: int, y: float) -> int:
        """The row of ``y``; or the next one, when only that one shows the curve there.

        Samples are a third of a column apart, so where the curve crosses a cell corner
        between two samples the drawn line may turn a cell early or late: the marker stays
        on the curve as drawn, at most one row from ``y``'s own row.
        """
        row = self.geometry.y_to_row(y)
        if (column, row) in self.drawn:
            return row
        position = self.geometry.y.position(y) + self.geometry.top
        for other in sorted((row - 1, row + 1), key=lambda r: abs(r + 0.5 - position)):
            if (column, other) in self.drawn:
                return other
        return row


@dataclass(frozen=True)
class CurveChart:
    """A rendered curve chart; draw a cursor on it with :meth:`with_cursor`."""

    canvas: Canvas
    panels: tuple[Panel, ...]
    xs: np.ndarray
    """Where f was sampled: three per column, the middle one at the column's centre."""
    theme: Theme
    title_row: int = 0

    @property
    def geometry(self) -> PlotGeometry:
        """The mapping of the main plot area (f)."""
        return self.panels[0].geometry

    def column_sample(self, column: int) -> tuple[float, float, float, float] | None:
        """(x, f, f′, f″) from the tape at the centre of ``column``; None outside the plot."""
        g = self.geometry
        if not g.x.contains_cell(column):
            return None
        i = (column - g.left) * SAMPLES_PER_COLUMN + SAMPLES_PER_COLUMN // 2
        values = [float(p.values[i]) for p in self.panels]
        values += [math.nan] * (3 - len(values))
        return (float(self.xs[i]), values[0], values[1], values[2])

    def with_cursor(
        self,
        x: float,
        value: float | None,
        slope: float | None,
        *,
        second: float | None = None,
        tangent: bool = True,
        reach: int | None = None,
        secant: tuple[float, float] | None = None,
        note: str | None = None,
    ) -> Canvas:
        """The chart with a cursor at ``x``, the marker at (x, value) and the tangent there.

        ``slope`` is f′(x) and ``second`` f″(x), from the tape; None or nan draws no marker or
        tangent. ``secant`` is (x + h, f(x + h)): the secant through it and the marker is
        drawn dashed, with a marker of its own. The lines span the plot, or ``reach``
        columns either side of their points (near the cursor is where they mean something,
        and short ones change fewer cells when the cursor moves). Only the rows the cursor
        touches are copied; plotext is not called.
        """
        g = self.geometry
        if not g.x.contains_value(x):
            return self.canvas
        column = g.x_to_column(x)
        rows = {
            r
            for p in self.panels
            for r in range(p.geometry.top, p.geometry.top + p.geometry.height)
        }
        if note:
            rows.add(self.title_row)
        canvas = self.canvas.derive(rows)
        glyphs, palette = self.theme.glyphs, self.theme.palette
        cursor_style = self.theme.fg(palette.cursor)
        for panel in self.panels:
            top = panel.geometry.top
            for row in range(top, top + panel.geometry.height):
                if (column, row) not in panel.drawn:
                    canvas.put(column, row, glyphs.cursor, cursor_style)
        span = (g.width if reach is None else reach) * g.x.cell_size
        if _finite(value):
            assert value is not None
            through = secant if secant is not None and _finite(secant[1]) else None
            shown = slope if tangent and _finite(slope) else None
            self._draw_lines(canvas, (x, value), shown, through, span)
        marker_style = self.theme.fg(palette.marker, bold=True)
        if (
            secant is not None
            and _finite(secant[1])
            and g.x.contains_value(secant[0])
            and g.y.contains_value(secant[1])
        ):
            other = g.x_to_column(secant[0])
            row = self.panels[0].marker_row(other, secant[1])
            canvas.put(other, row, glyphs.secant_marker, self.theme.fg(palette.secant, bold=True))
        for panel, y in zip(self.panels, (value, slope, second), strict=False):
            if _finite(y) and panel.geometry.y.contains_value(y):  # type: ignore[arg-type]
                row = panel.marker_row(column, y)  # type: ignore[arg-type]
                canvas.put(column, row, glyphs.marker, marker_style)
        if note:
            title_end = len("".join(self.canvas.chars[self.title_row]).rstrip())
            room = canvas.width - title_end - 2 if title_end else canvas.width
            text = axes.fit(self.theme.words(note), max(0, room), self.theme.ellipsis)
            canvas.text(
                canvas.width - len(text), self.title_row, text, self.theme.fg(palette.label)
            )
        return canvas

    def _draw_lines(
        self,
        canvas: Canvas,
        here: tuple[float, float],
        slope: float | None,
        secant: tuple[float, float] | None,
        reach: float,
    ) -> None:
        """The secant (dashed) and the tangent over it, through the marker, as long lines."""
        g = self.panels[0].geometry
        braille = self.theme.glyphs.curve_marker == "braille"
        palette, ascii = self.theme.palette, self.theme.ascii
        if secant is not None and secant[0] != here[0]:
            line = lines.Line.through(here, secant, reach)
            glyph = None if braille else self.theme.glyphs.secant
            style = self.theme.fg(palette.secant)
            lines.draw_line(canvas, g, line, style, braille=braille, dashed=True, glyph=glyph)
        if slope is not None:
            x, value = here
            line = lines.Line(x, value, slope, x - reach, x + reach)
            style = self.theme.fg(palette.tangent)
            lines.draw_line(canvas, g, line, style, braille=braille, ascii=ascii)


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def sample_positions(lo: float, hi: float, width: int) -> np.ndarray:
    """The xs sampled for a plot ``width`` columns wide: 1/6, 1/2, 5/6 of each column."""
    offsets = (np.arange(SAMPLES_PER_COLUMN) + 0.5) / SAMPLES_PER_COLUMN
    cells = (np.arange(width)[:, None] + offsets[None, :]).ravel()
    return lo + cells * ((hi - lo) / width)


def panel_heights(rows: int, derivatives: int) -> list[int]:
    """Plot rows for f and each derivative panel that fits (each panel also has a title row)."""
    for count in range(derivatives, -1, -1):
        free = rows - _BOTTOM_ROWS - (1 + count)
        shares = {0: [1.0], 1: [0.6, 0.4], 2: [0.5, 0.25, 0.25]}[count]
        heights = [max(1, math.floor(free * s)) for s in shares]
        heights[0] += free - sum(heights)
        if count == 0 or (min(heights[1:]) >= _MIN_PANEL_ROWS and heights[0] >= _MIN_PANEL_ROWS):
            return heights
    raise AssertionError("unreachable")


def build_curve(
    sampler: Sampler,
    lo: float,
    hi: float,
    columns: int,
    rows: int,
    labels: CurveLabels,
    theme: Theme | None = None,
    *,
    derivatives: int = 0,
) -> CurveChart:
    """Sample f on [lo, hi] and draw it in ``columns`` × ``rows`` cells, with 0–2 f′/f″ panels."""
    theme = theme or Theme()
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        raise ChartError(f"the range is empty: from {lo:g} to {hi:g}")
    if columns < MIN_COLUMNS or rows < MIN_ROWS:
        raise ChartError(
            f"{columns}×{rows} is too small for a chart: it needs at least {MIN_COLUMNS}×{MIN_ROWS}"
        )
    check_not_too_large(columns, rows)
    heights = panel_heights(rows, derivatives)
    names = ("f", "f′", "f″")[: len(heights)]
    titles = (labels.f, labels.first, labels.second)[: len(heights)]
    margin = 6
    for _ in range(3):  # the margin holds the y labels, which depend on the sampled values
        width = columns - margin - 1
        xs = sample_positions(lo, hi, width)
        samples = sampler(np.append(xs, (lo, hi)))  # the ends in the same batch
        batch = [samples.values, samples.first, samples.second][: len(heights)]
        batch = [np.asarray(s, dtype=np.float64) for s in batch]
        series = [s[:-2] for s in batch]
        ends = [(float(s[-2]), float(s[-1])) for s in batch]
        limits = [axes.padded_limits(s, h) for s, h in zip(series, heights, strict=True)]
        top = 0
        y_axes = []
        for height in heights:
            top += 1
            y_axes.append((top, height))
            top += height
        ticks = [
            axes.y_ticks(Axis(lim[0], lim[1], t, h, True))
            for lim, (t, h) in zip(limits, y_axes, strict=True)
        ]
        needed = max(axes.y_margin(labels_) for _, labels_ in ticks)
        needed = min(needed, columns - MIN_COLUMNS // 2)
        if needed == margin:
            break
        margin = needed
    canvas = Canvas(columns, rows)
    g, p = theme.glyphs, theme.palette
    ellipsis = theme.ellipsis
    panels = []
    for i, ((top, height), lim, (tick_values, tick_labels)) in enumerate(
        zip(y_axes, limits, ticks, strict=True)
    ):
        geometry = PlotGeometry.of(margin + 1, top, width, height, (lo, hi), lim)
        canvas.text(
            0,
            top - 1,
            axes.fit(theme.words(titles[i]), columns, ellipsis),
            theme.fg(p.label, bold=True),
        )
        axes.draw_y_axis(canvas, geometry.y, margin, tick_values, tick_labels, theme)
        if lim[0] < 0 < lim[1]:
            zero_row = geometry.y_to_row(0.0)
            for column in range(geometry.left, geometry.left + width):
                canvas.put(column, zero_row, g.zero, theme.fg(p.zero))
        drawn = _draw_series(canvas, geometry, xs, series[i], theme, p.curves[i])
        if i == 0 and not np.isfinite(series[0]).any():
            axes.centred_note(canvas, geometry, axes.UNDEFINED_EVERYWHERE, theme)
        panels.append(Panel(names[i], geometry, series[i], drawn, ends[i]))
    axis_row = rows - _BOTTOM_ROWS
    x_tick_values, x_tick_labels = axes.x_ticks(panels[0].geometry.x, columns)
    axes.draw_x_axis(canvas, panels[0].geometry, axis_row, x_tick_values, x_tick_labels, theme)
    title = axes.fit(theme.words(labels.x), width, ellipsis)
    start = margin + 1 + max(0, (width - len(title)) // 2)
    canvas.text(start, rows - 1, title, theme.fg(p.label))
    return CurveChart(canvas, tuple(panels), xs, theme)


def _draw_series(
    canvas: Canvas,
    geometry: PlotGeometry,
    xs: np.ndarray,
    values: np.ndarray,
    theme: Theme,
    color: str,
) -> frozenset[tuple[int, int]]:
    """Draw one curve into its plot area; returns the cells it occupies."""
    g = theme.glyphs
    width, height = geometry.width, geometry.height
    px = (xs - geometry.x.lo) / geometry.x.cell_size
    with np.errstate(invalid="ignore"):
        py = (geometry.y.hi - values) / geometry.y.cell_size
    defined = np.isfinite(values)
    line = raster.to_dots(px, py, defined, width, height, g.sub_columns, g.sub_rows)
    picture = raster.draw([line], width, height, g.curve_marker)
    style = theme.fg(color)
    drawn = set()
    for r, text in enumerate(picture):
        row = geometry.top + r
        for c, char in enumerate(text):
            if char != " ":
                canvas.put(geometry.left + c, row, char, style)
                drawn.add((geometry.left + c, row))
    return frozenset(drawn)
