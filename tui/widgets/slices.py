"""The slices: two small charts beside the field, f(x, y₀) along x and f(x₀, y) along y.

Each slice is an ordinary curve, drawn with its tangent at the cursor; the tangent's slope,
read out on the chart, is ∂f/∂x (or ∂f/∂y) from the tape.  A slice is rebuilt (by
TensorFlow's runner) only when the coordinate it holds fixed changes: moving x redraws the x-slice's
cursor and rebuilds the y-slice, and the other way round.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.worker import Worker

from tensortown.numbers import format_number
from tui.runner import jobs
from tui.widgets.curve_view import CurveView

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tensortown.chart.canvas import Canvas
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.theme import Theme
    from tensortown.results import OneMoreStep, PointResult
    from tui.runner.base import Runner
    from tui.state import Exploration


def slope_note(along: str, slope: float | None, ratio: float | None = None) -> str:
    """``∂f/∂x = 12.5, Δf/h = 12.75``: the slopes of the slice's tangent and secant."""
    note = f"∂f/∂{along} = {format_number(slope)}"
    return note if ratio is None else f"{note}, Δf/h = {format_number(ratio)}"


def note_room(chart: CurveChart) -> int:
    """The cells left for a note on the chart's title row."""
    title_end = len("".join(chart.canvas.chars[chart.title_row]).rstrip())
    return max(0, chart.canvas.width - title_end - 2)


def write_note(chart: CurveChart, canvas: Canvas, note: str) -> Canvas:
    """``canvas`` with ``note`` at the right of the chart's title row (cut to the room left)."""
    from tensortown.chart.axes import fit

    theme = chart.theme
    row = chart.title_row
    text = fit(theme.words(note), note_room(chart), theme.ellipsis)
    canvas = canvas.derive((row,)) if canvas.chars[row] is chart.canvas.chars[row] else canvas
    canvas.text(canvas.width - len(text), row, text, theme.fg(theme.palette.label))
    return canvas


class SliceView(CurveView):
    """One slice: a curve of f along ``along`` with its own cursor and tangent."""

    @dataclass
    class Sized(Message):
        """The slice has a new size (not the main chart's :class:`CanvasView.Resized`)."""

        view: SliceView

    def __init__(self, along: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.along = along
        """``x`` or ``y``: the slice along the variable drawn across, or up (for a function
        of other names, :meth:`Slices.along_of` says which)."""
        self.key: tuple[object, ...] | None = None
        """What the chart on screen was built for."""
        self.note = ""
        """The slopes read out on the chart (``∂f/∂x = 12.5, Δf/h = 12.75``)."""

    def on_resize(self, event: events.Resize) -> None:
        """Ask the slices for a chart of the new size (not the explorer's main chart)."""
        event.prevent_default()
        self.post_message(self.Sized(self))

    def coordinates_at(self, column: int, row: int) -> tuple[float, ...] | None:
        """The mouse does not move the cursor from a slice."""
        return None


class Slices(Vertical):
    """The x-slice above the y-slice; :meth:`follow` keeps them at the cursor."""

    DEFAULT_CSS = """
    Slices {
        width: 36;
        height: 1fr;
    }
    Slices SliceView {
        height: 1fr;
        min-height: 8;
    }
    """

    def __init__(self, runner: Runner, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__(id=id)
        self.runner = runner
        """Where the slices' charts are built."""
        self.ascii = ascii
        self.exploration: Exploration | None = None
        self.result: PointResult | None = None
        self.steps: dict[str, OneMoreStep] = {}
        """One step along each variable, from the same reading: the slices' secants."""
        self.theme: Theme | None = None
        self.builds = 0
        """Slice charts built (tests check that a move rebuilds only one)."""

    def compose(self) -> ComposeResult:
        """The two slices."""
        yield SliceView("x", id="slice-x")
        yield SliceView("y", id="slice-y")

    def views(self) -> tuple[SliceView, SliceView]:
        """The x-slice and the y-slice."""
        return self.query_one("#slice-x", SliceView), self.query_one("#slice-y", SliceView)

    def follow(self, exploration: Exploration, theme: Theme) -> None:
        """Show the slices through ``exploration``'s point, rebuilding only what changed."""
        self.exploration, self.theme = exploration, theme
        if not self.display or exploration.function.arity < 2:
            return
        for view in self.views():
            if view.display:
                self._request(view)

    def show_result(self, result: PointResult, steps: Sequence[OneMoreStep] = ()) -> None:
        """Draw the cursor, tangents and secants with the tape's value, partial derivatives
        and one step along each variable."""
        self.result = result
        self.steps = {step.symbol: step for step in steps}
        for view in self.views():
            self._draw_cursor(view)

    def along_of(self, view: SliceView) -> str:
        """The variable ``view`` runs along: the one drawn across (the x-slice) or up."""
        drawn = self.exploration.drawn_symbols if self.exploration is not None else ("x", "y")
        return drawn[0] if view.along == "x" or len(drawn) < 2 else drawn[1]

    def _key(self, view: SliceView) -> tuple[object, ...] | None:
        exploration = self.exploration
        width, height = view.size
        if exploration is None or width <= 0 or height <= 0:
            return None
        along = self.along_of(view)
        fixed = next(s for s in exploration.drawn_symbols if s != along)
        return (
            exploration.chart_key(),
            along,
            exploration.value_of(fixed),
            width,
            height,
            self.theme,
        )

    def _request(self, view: SliceView) -> None:
        key = self._key(view)
        if key is None or key == view.key:
            return
        view.key = key
        # One worker per slice: a newer request cancels the older one's job if not yet run.
        # The coroutine is made when the worker starts: one replaced before it started
        # leaves no coroutine never awaited behind.
        build = functools.partial(self._build, view, key)
        _: Worker[None] = self.run_worker(build, group=f"slice-{view.along}", exclusive=True)

    async def _build(self, view: SliceView, key: tuple[object, ...]) -> None:
        """Build a slice with the runner and show it, unless a newer one was asked for."""
        from tensortown.chart.curve import ChartError

        exploration, theme = self.exploration, self.theme
        if exploration is None or theme is None:
            return
        width, height = view.size
        try:
            chart = await self.runner.submit(
                jobs.slice_chart, exploration, self.along_of(view), width, height, theme
            )
        except (ChartError, ValueError) as error:
            if view.key == key:
                view.clear(str(error))
            return
        if view.key != key:
            return  # the cursor moved on; a newer slice is on its way
        self.builds += 1
        view.set_chart(chart)
        self._draw_cursor(view)

    def _draw_cursor(self, view: SliceView) -> None:
        result, exploration = self.result, self.exploration
        if view.chart is None or result is None or exploration is None:
            return
        if result.function != exploration.function:
            return
        along = self.along_of(view)
        x = result.point[along]
        slope = result.gradient.get(along)
        chart = view.chart
        step = self.steps.get(along)
        secant, ratio = None, None
        if step is not None and step.x == x:
            secant, ratio = step.secant_point, step.ratio
        note = slope_note(along, slope, ratio)
        if len(note) > note_room(chart):  # the tangent's slope, whole, before the secant's
            note = slope_note(along, slope)
        # lines across a third of the slice, through the marker
        reach = max(4, chart.geometry.width // 6)
        canvas = chart.with_cursor(x, result.value, slope, tangent=True, reach=reach, secant=secant)
        view.show(write_note(chart, canvas, note))
        view.note = note

    def on_slice_view_sized(self, message: SliceView.Sized) -> None:
        """A slice changed size: build it again for the new size."""
        message.stop()
        if self.exploration is not None and self.display:
            self._request(message.view)
