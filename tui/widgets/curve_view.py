"""The chart of f over the range, with the cursor, the marker and the tangent drawn over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.canvas_view import CanvasView, round_to_cell

if TYPE_CHECKING:
    from tensortown.chart.canvas import Canvas
    from tensortown.chart.curve import CurveChart


class CurveView(CanvasView):
    """A cached :class:`~tensortown.chart.curve.CurveChart`; a cursor move only redraws its rows."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: CurveChart | None = None
        """The base chart on screen (built by the app's chart worker)."""

    def set_chart(self, chart: CurveChart) -> None:
        """Show a newly built base chart (the cursor follows with :meth:`set_cursor`)."""
        self.chart = chart
        self.show(chart.canvas, full=True)

    def set_cursor(
        self,
        x: float,
        value: float | None,
        slope: float | None,
        second: float | None,
        *,
        tangent: bool,
    ) -> None:
        """Draw the cursor at ``x``, the marker at f(x) and, if asked, the tangent."""
        chart = self.chart
        if chart is None:
            return
        canvas = chart.with_cursor(x, value, slope, second=second, tangent=tangent)
        if tangent and canvas is not chart.canvas and chart.geometry.x.contains_value(x):
            column = chart.geometry.x_to_column(x)
            keep_near(canvas, chart.canvas, column, max(8, chart.geometry.width // 4))
        self.show(canvas)

    def coordinates_at(self, column: int, row: int) -> tuple[float, ...] | None:
        """The x under a column of the plot."""
        if self.chart is None:
            return None
        geometry = self.chart.geometry
        if not geometry.x.contains_cell(column) or row >= self.chart.canvas.height:
            return None
        return (round_to_cell(geometry.column_to_x(column), geometry.x.cell_size),)


def keep_near(canvas: Canvas, base: Canvas, column: int, half_width: int) -> None:
    """Put the base chart back in ``canvas`` farther than ``half_width`` columns from ``column``.

    The chart draws the tangent across the whole plot; near the cursor is where it means
    something, and a short tangent keeps a cursor move to a few changed cells (bytes over
    SSH).  Only rows the overlay copied are touched, and only their far cells restored.
    """
    low, high = column - half_width, column + half_width
    for row in range(canvas.height):
        chars, base_chars = canvas.chars[row], base.chars[row]
        if chars is base_chars:
            continue
        styles, base_styles = canvas.styles[row], base.styles[row]
        for c in range(canvas.width):
            if (c < low or c > high) and chars[c] != base_chars[c]:
                chars[c] = base_chars[c]
                styles[c] = base_styles[c]
