"""The gradient field of a function of x and y, with a 2-D cursor drawn over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.widgets.canvas_view import CanvasView, round_to_cell

if TYPE_CHECKING:
    from tensortown.chart.canvas import Canvas
    from tensortown.chart.field import FieldChart


class FieldView(CanvasView):
    """A cached :class:`~tensortown.chart.field.FieldChart`; the cursor only redraws its rows."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: FieldChart | None = None
        """The base field on screen (built by the explorer's charts)."""
        self.trail: list[tuple[float, float]] = []
        """A gradient walk's path, drawn over the field under the cursor."""
        self.paths: list[list[tuple[float, float]]] = []
        """The optimizer lab's paths, one per optimizer (:mod:`tui.lab`)."""
        self._trail_canvas: Canvas | None = None
        self._cursor: tuple[float, float] | None = None

    def set_chart(self, chart: FieldChart) -> None:
        """Show a newly built field (the cursor follows with :meth:`set_cursor`)."""
        self.chart = chart
        self._trail_canvas = self._draw_trail()
        self.show(self._trail_canvas or chart.canvas, full=True)

    def set_cursor(self, x: float, y: float) -> None:
        """Highlight the cell at (x, y)."""
        self._cursor = (x, y)
        if self.chart is None:
            return
        self.show(self.chart.with_cursor(x, y, base=self._trail_canvas))

    def set_trail(self, points: list[tuple[float, float]]) -> None:
        """Draw a walk's path through ``points`` (an empty list takes it away)."""
        self.trail = points
        self._redraw()

    def set_paths(self, paths: list[list[tuple[float, float]]]) -> None:
        """Draw the optimizers' paths (an empty list takes them away)."""
        self.paths = paths
        self._redraw()

    def _redraw(self) -> None:
        self._trail_canvas = self._draw_trail()
        if self.chart is None:
            return
        if self._cursor is None:
            self.show(self._trail_canvas or self.chart.canvas)
        else:
            self.set_cursor(*self._cursor)

    def _draw_trail(self) -> Canvas | None:
        if self.chart is None or not (self.trail or any(self.paths)):
            return None
        from tensortown.chart.trail import with_paths, with_trail

        canvas = with_trail(self.chart, self.trail) if self.trail else None
        return with_paths(self.chart, self.paths, base=canvas) if any(self.paths) else canvas

    def coordinates_at(self, column: int, row: int) -> tuple[float, ...] | None:
        """The (x, y) under a cell of the field."""
        if self.chart is None:
            return None
        geometry = self.chart.geometry
        if not geometry.contains(column, row):
            return None
        x, y = geometry.point_at(column, row)
        return (
            round_to_cell(x, geometry.x.cell_size),
            round_to_cell(y, geometry.y.cell_size),
        )
