"""The gradient field: f(x, y) as shades (lighter = less) with arrows along ⟨∂f/∂x, ∂f/∂y⟩.

One sample a cell, at its centre, from one batched tape call (the sampler). Arrows sit on a
sparser lattice, point the way the gradient vector would be drawn on these axes (so the
box's scale and the cells' 1:2 shape count), and are brighter where the gradient is larger.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from tensortown.chart import axes
from tensortown.chart.canvas import PLAIN, Canvas, Style, hex_to_rgb, mix
from tensortown.chart.curve import MIN_COLUMNS, MIN_ROWS, ChartError, check_not_too_large
from tensortown.chart.geometry import PlotGeometry
from tensortown.chart.theme import Theme

CELL_ASPECT = 2.0
"""A terminal cell is about twice as tall as it is wide."""
LATTICE = (3, 2)
"""An arrow every third column and every second row."""
STILL = 0.05
"""A gradient under this fraction of the largest ones (95th percentile) is drawn as ``·``."""
SHADES = 32
_STRENGTHS = 4


class FieldSamplesLike(Protocol):
    """What a field sampler returns: :class:`tensortown.results.FieldSamples` or the like."""

    @property
    def values(self) -> np.ndarray: ...
    @property
    def dfdx(self) -> np.ndarray: ...
    @property
    def dfdy(self) -> np.ndarray: ...


FieldSampler = Callable[[np.ndarray, np.ndarray], FieldSamplesLike]
"""(xs, ys) → f, ∂f/∂x, ∂f/∂y shaped (len(ys), len(xs)); nan where undefined."""


@dataclass(frozen=True)
class FieldLabels:
    """The words on a field chart."""

    x: str
    y: str
    f: str = "f"
    """For the legend: ``f ($)``."""


@dataclass(frozen=True)
class FieldChart:
    """A rendered gradient field; highlight a cell with :meth:`with_cursor`."""

    canvas: Canvas
    geometry: PlotGeometry
    values: np.ndarray
    dfdx: np.ndarray
    dfdy: np.ndarray
    theme: Theme
    axis_row: int

    def cell_sample(self, column: int, row: int) -> tuple[float, float, float, float, float] | None:
        """(x, y, f, ∂f/∂x, ∂f/∂y) from the tape at the centre of a cell; None outside."""
        g = self.geometry
        if not g.contains(column, row):
            return None
        i, j = row - g.top, column - g.left
        x, y = g.point_at(column, row)
        return (x, y, float(self.values[i, j]), float(self.dfdx[i, j]), float(self.dfdy[i, j]))

    def with_cursor(self, x: float, y: float, base: Canvas | None = None) -> Canvas:
        """The field (or ``base``, an overlay of it) with the cell at (x, y) highlighted.

        Pointers mark the cell on both axes; only the rows they touch are copied.
        """
        g = self.geometry
        under = self.canvas if base is None else base
        if not (g.x.contains_value(x) and g.y.contains_value(y)):
            return under
        column, row = g.cell_of(x, y)
        canvas = under.derive((row, self.axis_row))
        glyphs, palette = self.theme.glyphs, self.theme.palette
        if self.theme.color:
            char = canvas.chars[row][column]
            canvas.put(column, row, char if char.strip() else glyphs.field_cursor)
            canvas.paint(column, row, Style("#ffffff", palette.highlight, bold=True))
        else:
            canvas.put(column, row, glyphs.field_cursor)
        pointer = self.theme.fg(palette.highlight, bold=True)
        canvas.put(column, self.axis_row, glyphs.pointer_x, pointer)
        canvas.put(g.left - 1, row, glyphs.pointer_y, pointer)
        return canvas


def cell_centres(lo: float, hi: float, count: int) -> np.ndarray:
    """The value at the centre of each of ``count`` equal cells over [lo, hi]."""
    return lo + (np.arange(count) + 0.5) * ((hi - lo) / count)


def screen_octants(
    dfdx: np.ndarray, dfdy: np.ndarray, geometry: PlotGeometry, aspect: float = CELL_ASPECT
) -> np.ndarray:
    """0…7 (→ ↗ ↑ ↖ ← ↙ ↓ ↘) for the gradient as drawn on the chart's axes."""
    across = dfdx / geometry.x.cell_size
    up = dfdy / geometry.y.cell_size * aspect
    angle = np.arctan2(up, across)
    return np.mod(np.rint(angle / (np.pi / 4)), 8).astype(np.int64)


def build_field(
    sampler: FieldSampler,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    columns: int,
    rows: int,
    labels: FieldLabels,
    theme: Theme | None = None,
) -> FieldChart:
    """Sample f on the box and draw the shaded field with arrows in ``columns`` × ``rows`` cells."""
    theme = theme or Theme()
    for name, (lo, hi) in (("x", xlim), ("y", ylim)):
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
            raise ChartError(f"the {name} range is empty: from {lo:g} to {hi:g}")
    if columns < MIN_COLUMNS or rows < MIN_ROWS:
        raise ChartError(
            f"{columns}×{rows} is too small for a field: it needs at least {MIN_COLUMNS}×{MIN_ROWS}"
        )
    check_not_too_large(columns, rows)
    height = rows - 4
    probe = PlotGeometry.of(0, 1, 1, height, xlim, ylim)
    y_tick_values, y_tick_labels = axes.y_ticks(probe.y)
    margin = min(axes.y_margin(y_tick_labels), columns - MIN_COLUMNS // 2)
    width = columns - margin - 1
    geometry = PlotGeometry.of(margin + 1, 1, width, height, xlim, ylim)
    xs = cell_centres(xlim[0], xlim[1], width)
    ys = cell_centres(ylim[0], ylim[1], height)[::-1].copy()  # top row first
    samples = sampler(xs, ys)
    values = np.asarray(samples.values, dtype=np.float64).reshape(height, width)
    dfdx = np.asarray(samples.dfdx, dtype=np.float64).reshape(height, width)
    dfdy = np.asarray(samples.dfdy, dtype=np.float64).reshape(height, width)

    canvas = Canvas(columns, rows)
    vmin, vmax = _paint_field(canvas, geometry, values, dfdx, dfdy, theme)
    p = theme.palette
    axes.draw_y_axis(canvas, geometry.y, margin, y_tick_values, y_tick_labels, theme)
    axis_row = rows - 3
    x_tick_values, x_tick_labels = axes.x_ticks(geometry.x, columns)
    axes.draw_x_axis(canvas, geometry, axis_row, x_tick_values, x_tick_labels, theme)
    ellipsis = theme.ellipsis
    title = axes.fit(theme.words(labels.x), width, ellipsis)
    canvas.text(margin + 1 + max(0, (width - len(title)) // 2), rows - 1, title, theme.fg(p.label))
    if np.isfinite(values).any():
        _draw_top_row(canvas, labels, vmin, vmax, theme)
    else:  # no shades to explain: the legend would read "0 … 0"
        _draw_top_row(canvas, labels, None, None, theme)
        axes.centred_note(canvas, geometry, axes.UNDEFINED_EVERYWHERE, theme)
    return FieldChart(canvas, geometry, values, dfdx, dfdy, theme, axis_row)


def _paint_field(
    canvas: Canvas,
    geometry: PlotGeometry,
    values: np.ndarray,
    dfdx: np.ndarray,
    dfdy: np.ndarray,
    theme: Theme,
) -> tuple[float, float]:
    """Shade every cell and put the arrows; returns the value range the shades span."""
    glyphs, palette = theme.glyphs, theme.palette
    height, width = values.shape
    defined = np.isfinite(values) & np.isfinite(dfdx) & np.isfinite(dfdy)
    if defined.any():
        vmin, vmax = float(values[defined].min()), float(values[defined].max())
    else:
        vmin, vmax = 0.0, 0.0
    span = vmax - vmin
    with np.errstate(invalid="ignore"):
        fraction = np.where(defined, (values - vmin) / span if span > 0 else 0.5, 0.0)
    fraction = np.clip(np.nan_to_num(fraction), 0.0, 1.0)

    magnitude = np.where(defined, np.hypot(np.nan_to_num(dfdx), np.nan_to_num(dfdy)), 0.0)
    # Relative to a high percentile, not the maximum, so that a pole (ln x at 0) does not
    # make every other arrow look still.
    biggest = float(np.percentile(magnitude[defined], 95)) if defined.any() else 0.0
    strength = np.minimum(magnitude / biggest, 1.0) if biggest > 0 else np.zeros_like(magnitude)
    octant = screen_octants(np.nan_to_num(dfdx), np.nan_to_num(dfdy), geometry)
    lattice = np.zeros((height, width), dtype=bool)
    step_x, step_y = LATTICE
    lattice[
        ((np.arange(height) - (height - 1) // 2) % step_y == 0)[:, None]
        & ((np.arange(width) - (width - 1) // 2) % step_x == 0)[None, :]
    ] = True
    lattice &= defined

    if theme.color:
        shade = np.rint(fraction * (SHADES - 1)).astype(np.int64)
        background = [theme.shade(k / (SHADES - 1)) for k in range(SHADES)]
        undefined = Style(palette.text, palette.undefined_bg)
    else:
        ramp = glyphs.ramp
        shade = np.rint(fraction * (len(ramp) - 1)).astype(np.int64)
    level = np.minimum((strength * _STRENGTHS).astype(np.int64), _STRENGTHS - 1)
    styles: dict[tuple[int, int], Style] = {}

    def arrow_style(k: int, s: int) -> Style:
        key = (k, s)
        if key not in styles:
            bg = background[k]
            contrast = "#000000" if _luminance(bg) > 0.45 else "#ffffff"
            fg = mix(bg, contrast, 0.35 + 0.65 * (s + 1) / _STRENGTHS)
            styles[key] = Style(fg, bg, bold=s == _STRENGTHS - 1)
        return styles[key]

    plain_styles = [Style(None, bg) for bg in background] if theme.color else []
    for i in range(height):
        row = geometry.top + i
        for j in range(width):
            column = geometry.left + j
            if not defined[i, j]:
                canvas.put(column, row, glyphs.undefined, undefined if theme.color else PLAIN)
                continue
            k = int(shade[i, j])
            if lattice[i, j]:
                char = glyphs.still if strength[i, j] < STILL else glyphs.arrows[octant[i, j]]
                style = arrow_style(k, int(level[i, j])) if theme.color else PLAIN
            elif theme.color:
                char, style = " ", plain_styles[k]
            else:
                char, style = ramp[k], PLAIN
            canvas.put(column, row, char, style)
    return vmin, vmax


def _luminance(color: str) -> float:
    r, g, b = hex_to_rgb(color)
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def _draw_top_row(
    canvas: Canvas, labels: FieldLabels, vmin: float | None, vmax: float | None, theme: Theme
) -> None:
    """The y axis title at the left and the legend of the shade scale at the right (none
    without a range of values)."""
    p = theme.palette
    if vmin is None or vmax is None:
        ellipsis = theme.ellipsis
        title = axes.fit(theme.words(labels.y), canvas.width, ellipsis)
        canvas.text(0, 0, title, theme.fg(p.label, bold=True))
        return
    low, high = _short(vmin), _short(vmax)
    prefix = theme.words(f"{labels.f}: {low} ")
    swatches = 10
    legend_width = len(prefix) + swatches + 1 + len(high)
    title = theme.words(labels.y)
    ellipsis = theme.ellipsis
    if legend_width + 2 + min(len(title), 8) > canvas.width:
        canvas.text(0, 0, axes.fit(title, canvas.width, ellipsis), theme.fg(p.label, bold=True))
        return
    title = axes.fit(title, canvas.width - legend_width - 2, ellipsis)
    canvas.text(0, 0, title, theme.fg(p.label, bold=True))
    start = canvas.width - legend_width
    canvas.text(start, 0, prefix, theme.fg(p.text))
    for k in range(swatches):
        column = start + len(prefix) + k
        if theme.color:
            canvas.put(column, 0, " ", Style(None, theme.shade(k / (swatches - 1))))
        else:
            ramp = theme.glyphs.ramp
            canvas.put(column, 0, ramp[round(k * (len(ramp) - 1) / (swatches - 1))])
    canvas.text(start + len(prefix) + swatches + 1, 0, high, theme.fg(p.text))


def _short(value: float) -> str:
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return "0" if text == "-0" else text
