"""The chart of f over the range, with the cursor, the marker and the tangent drawn over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.canvas_view import CanvasView, round_to_cell

if TYPE_CHECKING:
    from tensortown.chart.curve import CurveChart


class CurveView(CanvasView):
    """A cached :class:`~tensortown.chart.curve.CurveChart`; a cursor move only redraws its rows."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: CurveChart | None = None
        """The base chart on screen (built by the explorer's charts)."""

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
        secant: tuple[float, float] | None = None,
    ) -> None:
        """Draw the cursor at ``x``, the marker at f(x) and, if asked, the tangent and the
        secant through (x + h, f(x + h))."""
        chart = self.chart
        if chart is None:
            return
        # Lines across half the plot: near the cursor is where they mean something, and
        # shorter ones change fewer cells per move (bytes over SSH).
        reach = max(8, chart.geometry.width // 4)
        secant = secant if tangent else None
        canvas = chart.with_cursor(
            x, value, slope, second=second, tangent=tangent, reach=reach, secant=secant
        )
        self.show(canvas)

    def coordinates_at(self, column: int, row: int) -> tuple[float, ...] | None:
        """The x under a column of the plot."""
        if self.chart is None:
            return None
        geometry = self.chart.geometry
        if not geometry.x.contains_cell(column) or row >= self.chart.canvas.height:
            return None
        return (round_to_cell(geometry.column_to_x(column), geometry.x.cell_size),)
