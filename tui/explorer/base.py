"""The explorer's screen as it shows things: the chart, its readout and panels.

State lives in one reactive :class:`~tui.state.Exploration` (function, point, ranges,
step); :meth:`ExplorerBase.watch_exploration` works out what a change needs: a new base
chart only when the function, range or size changed (:mod:`tui.explorer.charts`), one
reading per point (:mod:`tui.explorer.readings`).  All TensorFlow work runs with the
runner (:mod:`tui.runner`).  The keys and what they do are :class:`ExplorerScreen`'s
(:mod:`tui.explorer.screen`).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Static

from tensortown.catalogue import CATALOGUE
from tui import messages, text
from tui.commands import FunctionCommands, ViewCommands
from tui.explorer import layout, startup
from tui.explorer.charts import Charts
from tui.explorer.keeping import Keeping
from tui.explorer.panels import Panels
from tui.explorer.readings import Readings
from tui.explorer.supervision import Supervision
from tui.lab import Lab
from tui.runner import jobs
from tui.state import Exploration
from tui.textual_patches import ACTIVE, footer
from tui.walker import WalkChanged, Walker
from tui.widgets.ascii_scrollbar import AsciiScrollBarRender
from tui.widgets.canvas_view import CanvasView
from tui.widgets.chart_column import ChartColumn
from tui.widgets.curve_view import CurveView
from tui.widgets.field_view import FieldView
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.readout import Readout
from tui.widgets.sidebar import Sidebar
from tui.widgets.slices import Slices
from tui.widgets.tape_panel import TapePanel
from tui.widgets.title_bar import TitleBar
from tui.widgets.walk_table import WalkTable

if ACTIVE:
    from tui.textual_patches.compositor import SpanScreen as _Screen
else:
    from textual.screen import Screen as _Screen  # type: ignore[assignment]

if TYPE_CHECKING:
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tui.runner.base import Runner
    from tui.session import Session, SessionFile

SWITCH_HOLD = 0.25
"""Seconds the screen may wait, after a new function, for its numbers (one layout, one frame)."""


class ExplorerBase(_Screen):
    """What the explorer shows and how it follows its state (its keys: :class:`ExplorerScreen`)."""

    COMMANDS: ClassVar = {FunctionCommands, ViewCommands}

    exploration: var[Exploration] = var(Exploration.start(CATALOGUE["pay"]), init=False)
    """The function, point, ranges and step on screen."""
    ready: var[bool] = var(False, init=False)
    """True once TensorFlow is loaded (the tape calls are traced as they are first needed)."""
    show_tangent: var[bool] = var(True, init=False)
    """Draw the tangent at the cursor."""
    derivatives: var[int] = var(0, init=False)
    """Panels under a curve: 0 none, 1 f′, 2 f′ and f″ (``d`` cycles)."""
    show_inside: var[bool] = var(False, init=False)
    """The tape box shows the tape's inside, the tree of values and adjoints (``g``)."""

    def __init__(
        self,
        exploration: Exploration,
        runner: Runner,
        *,
        ascii: bool,
        color: bool,
        sessions: SessionFile | None = None,
        previous: Session | None = None,
        looked: bool = False,
        view: dict[str, bool | int] | None = None,
    ) -> None:
        super().__init__(id="_default")
        self.ascii = ascii
        self.color = color
        self.set_reactive(ExplorerBase.exploration, exploration)
        self.pinned: Exploration = exploration
        """The point the cursor returns to when the mouse leaves the chart."""
        self.runner = runner
        """Where TensorFlow's jobs run: a thread here, or a process of its own."""
        self.charts = Charts(
            self, runner, self._shown, ready=lambda: self.ready, color=color, ascii=ascii
        )
        self.readings = Readings(self, runner)
        self.panels = Panels(self)
        """The row under the chart: the table or the walk, and the tape box."""
        self.walker = Walker(self, runner)
        """The gradient walk on the field (w, W)."""
        self.lab = Lab(self, runner)
        """TensorFlow's four optimizers on the field (o, O)."""
        self.backend_error: str | None = None
        self.supervision = Supervision(self)
        """What is said and done as TensorFlow loads, is lost, or is started again."""
        self.keeping = Keeping(self, sessions, previous, looked=looked)
        """The exploration, saved after each change for ``--resume``."""
        self._view = view
        """The panels of a resumed exploration, shown as it mounts."""
        self._first_numbers = asyncio.Event()
        """Set when the first reading is on screen: background warming waits for it."""
        self._held: contextlib.ExitStack | None = None
        """Screen updates held while a new function's numbers come (see ``_hold_screen``)."""
        self._composed = False
        self._terminal = (120, 40)
        """The terminal's size, as the last resize gave it (``self.size`` lags it)."""

    @property
    def reading(self) -> jobs.Reading | None:
        """The last reading on screen."""
        return self.readings.shown

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title, sidebar, the chart and its panels, the footer."""
        yield TitleBar(ascii=self.ascii, id="title")
        # Born with the classes of the terminal's size: added on the first resize, they
        # would style every widget in the body a second time before the first frame.
        self._terminal = (self.app.size.width, self.app.size.height)
        on = [name for name, wanted in layout.size_classes(*self._terminal).items() if wanted]
        with Horizontal(id="body", classes=" ".join(on)):
            yield Sidebar(id="sidebar", ascii=self.ascii)
            with ChartColumn(id="main"):
                yield CurveView(id="curve")
                with Horizontal(id="field-row"):
                    yield FieldView(id="field")
                    yield Slices(self.runner, id="slices", ascii=self.ascii)
                yield Readout(id="readout")
                with Horizontal(id="panels") as panels:
                    rows = self.panels.rows(self._terminal[1])
                    panels.styles.height = rows
                    panels.display = rows > 0
                    yield OneMoreStepPanel(id="one-more-step", ascii=self.ascii)
                    yield WalkTable(id="walk", ascii=self.ascii)
                    with VerticalScroll(id="tape-box"):
                        yield TapePanel(id="tape", color=self.color, ascii=self.ascii)
        yield footer(ascii=self.ascii)
        yield Static(id="too-small")

    def on_mount(self) -> None:
        """Show the first frame, then load TensorFlow in the background."""
        if self.ascii:
            self.add_class("-ascii")
            for scrolling in self.query("#sidebar, #tape-box"):
                scrolling.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
        self.query_one("#one-more-step").border_title = "One more step"
        self.slices = self.query_one(Slices)
        self.query_one(WalkTable).show_hint()
        self.supervision.attach()
        self.focus_now(self.query_one(ChartColumn))
        self._show_exploration(None, self.exploration)
        self.supervision.show_loading()
        # TensorFlow's import holds the GIL for most of its seconds: started now, it would
        # take turns with the first frame; the first numbers, which wait for both, come no
        # later for it starting once the frame is painted.
        self.call_after_refresh(self.load_backend)
        self._composed = True
        self.fit(*self._terminal)
        if self._view is not None:  # a resumed exploration's panels
            self.keeping.show(self._view)
        self.keeping.opened()

    def fit(self, width: int, height: int) -> None:
        """Lay the body out for a terminal of ``width`` × ``height`` (below the minimum, say so)."""
        self._terminal = (width, height)
        if not self._composed:  # composed and fitted at this size when it mounts
            return
        body = self.query_one("#body")
        for name, wanted in layout.size_classes(width, height).items():
            body.set_class(wanted, name)
        self.fit_panels()
        self.fit_slices()
        too_small = layout.too_small(width, height)
        self.set_class(too_small, "-too-small")
        if too_small:
            self.query_one("#too-small", Static).update(
                text.too_small(width, height, layout.MIN_COLUMNS, layout.MIN_ROWS)
            )

    def fit_slices(self) -> bool:
        """Hide the slices (class ``-squeezed``) where they would leave the field too few
        columns; whether they are squeezed."""
        body = self.query_one("#body")
        squeezed = layout.slices_squeezed(self._terminal[0], body.classes)
        if body.has_class("-squeezed") and not squeezed:  # back: draw them for the cursor
            self.call_after_refresh(self.follow_slices)
        body.set_class(squeezed, "-squeezed")
        return squeezed

    def fit_panels(self) -> None:
        """Give ``#panels`` its rows for the view and the terminal's height."""
        self.panels.fit(self._terminal[1])

    @on(CanvasView.Resized)
    def _resized(self, event: CanvasView.Resized) -> None:
        if event.width <= 0 or event.height <= 0:
            return  # the hidden view (curve and field share one place on screen)
        kind = "field" if isinstance(event.view, FieldView) else "curve"
        # The other view is hidden: work out its size, so its charts can be prebuilt.
        other = layout.size_of_other(
            kind,
            event.width,
            event.height,
            rows=self._terminal[1],
            slices=layout.slices_shown(self.query_one("#body").classes),
            derivatives=self.derivatives,
        )
        self.charts.sized(kind, (event.width, event.height), other)

    # --- TensorFlow -------------------------------------------------------------------

    @work(group="backend", exclusive=True)
    async def load_backend(self) -> None:
        """Import TensorFlow; once the first numbers are shown, warm up and prebuild."""
        try:
            seconds = await startup.load(self.runner)
        except startup.StartFailed as error:
            self.post_message(messages.BackendFailed(str(error)))
            return
        self.post_message(messages.BackendReady(seconds))
        first = self.exploration.function
        functions = (first, *(f for f in CATALOGUE.values() if f != first))
        await startup.warm(self.runner, self._first_numbers, functions, self.log)
        self.charts.prebuild([Exploration.start(f) for f in CATALOGUE.values()])

    def on_backend_ready(self, message: messages.BackendReady) -> None:
        """Numbers and charts can come now."""
        self.supervision.ready(message.seconds)

    def on_backend_restarting(self, message: messages.BackendRestarting) -> None:
        """TensorFlow's process is being started again: the numbers wait, the rest stays."""
        self.supervision.restart(message.why)

    def on_backend_failed(self, message: messages.BackendFailed) -> None:
        """Say what went wrong and how to fix it (a failed import, a lost runner process);
        the app keeps running."""
        self.supervision.failed(message.advice)

    # --- state ------------------------------------------------------------------------

    def watch_exploration(self, old: Exploration, new: Exploration) -> None:
        """Push a new exploration into the widgets and ask the runner for what changed."""
        # A cursor move waits for its numbers, so that the sidebar's point, the readout and
        # the chart change in one screen update (each update costs a frame over SSH).
        self.keeping.changed()
        moved = old.point != new.point and (old.chart_key(), old.step) == (
            new.chart_key(),
            new.step,
        )
        self.readings.sidebar_waits = moved and self.ready
        self._show_exploration(old, new, sidebar=not self.readings.sidebar_waits)
        if old.chart_key() != new.chart_key():
            self.walker.clear()  # a walk (or the lab) belongs to its function and box
            self.lab.clear()
        if not self.ready:
            return
        if old.function != new.function:
            self._hold_screen()
        if old != new:  # a reading belongs to its whole exploration, ranges included
            self.readings.request(new)  # the numbers first, then the slices
        if old.chart_key() != new.chart_key():
            self.charts.want(new, self.derivatives)
        if new.function.arity >= 2 and self.slices.display:
            self.slices.follow(new, self.charts.theme)

    def _hold_screen(self) -> None:
        """Hold screen updates until the new function's numbers are shown (or a short while).

        A new function changes the layout, and its numbers change it again (the readout's
        lines): held, the two come as one layout and one frame, which over SSH is the
        difference between drawing the screen once or twice.
        """
        if self._held is None:
            self._held = contextlib.ExitStack()
            self._held.enter_context(self.app.batch_update())
            self.set_timer(SWITCH_HOLD, self.release_screen)

    def release_screen(self) -> None:
        """Let the held screen updates go (see :meth:`_hold_screen`)."""
        if self._held is not None:
            held, self._held = self._held, None
            held.close()

    def _show_exploration(
        self, old: Exploration | None, new: Exploration, *, sidebar: bool = True
    ) -> None:
        function = new.function
        if old is None or old.function != function:
            title = self.query_one(TitleBar)
            title.title = function.title
            title.formula = text.ascii_text(function.formula) if self.ascii else function.formula
            two = function.arity >= 2
            # display, not a class on #main: a class there restyles every widget under it
            self.query_one(CurveView).display = not two
            self.query_one(FieldView).display = two
            self.query_one("#field-row").display = two
            self.panels.show_for(function.arity)
            self.query_one("#panels").set_class(two, "-field")
            self.fit_panels()
            if old is None or old.function.arity != function.arity:
                self.refresh_bindings()
        if sidebar:
            self.query_one(Sidebar).show(new)
        reading = self.reading
        if reading is None or reading.exploration.function != function:
            self._show_waiting(new)

    def _show_waiting(self, exploration: Exploration) -> None:
        items = text.point_items(exploration.function, exploration.point_dict())
        if self.backend_error is not None:  # no numbers will come: say why under the point
            self.query_one(Readout).show_items(items, self.backend_error, "error")
            return
        items += text.waiting_items(exploration.function, ascii=self.ascii)
        self.query_one(Readout).show_items(items)

    def commit(self, exploration: Exploration) -> None:
        """A change made with the keyboard or a field: the cursor stays there."""
        self.exploration = exploration
        self.pinned = exploration

    # --- charts and numbers -------------------------------------------------------------

    def _shown(self, chart: CurveChart | FieldChart) -> None:
        """A base chart came on screen: the cursor over it, and the notes that read it."""
        self.draw_cursor()
        if self.derivatives and self.exploration.function.arity == 1:
            self._check_panels(chart)  # type: ignore[arg-type]
        reading = self.reading
        if self.derivatives and reading is not None and reading.exploration == self.exploration:
            self.readings.show(reading)  # the note names f′'s zeros on this chart

    def draw_cursor(self) -> None:
        """Draw the cursor (and the tangent, or the slices' cursors) at the reading's point."""
        reading = self.reading
        if reading is None or reading.exploration.function != self.exploration.function:
            return
        result = reading.result
        shown = reading.exploration
        point = shown.point
        if result.function.arity >= 2:
            across, up = shown.drawn_symbols
            self.query_one(FieldView).set_cursor(shown.value_of(across), shown.value_of(up))
            if self.slices.display:
                self.slices.show_result(result, reading.steps)
            return
        secant = reading.steps[0].secant_point if reading.steps else None
        self.query_one(CurveView).set_cursor(
            point[0],
            result.value,
            result.slope,
            result.second,
            tangent=self.show_tangent,
            secant=secant,
        )

    def _check_panels(self, chart: CurveChart) -> None:
        """Say so when the f″ panel asked for did not fit."""
        if len(chart.panels) < self.derivatives + 1:
            shown = " and ".join(p.name for p in chart.panels)
            self.notify(f"no room for more panels: showing {shown}", timeout=3)

    def follow_slices(self) -> None:
        """Draw the slices through the point (when shown)."""
        if self.ready and self.slices.display:
            self.slices.follow(self.exploration, self.charts.theme)
            if self.reading is not None:
                self.slices.show_result(self.reading.result, self.reading.steps)

    def first_reading(self) -> None:
        """The first numbers are on screen: the background warming may start."""
        self._first_numbers.set()

    def on_transcript_read(self, message: messages.TranscriptRead) -> None:
        """Show the tape code and what it printed, if the point is still the one shown."""
        if message.exploration == self.exploration and not self.show_inside:
            self.readings.show_transcript(message.transcript)

    def on_inside_read(self, message: messages.InsideRead) -> None:
        """Show the tape's inside, if the point is still the one shown and so is the tree."""
        if message.exploration == self.exploration and self.show_inside:
            self.readings.show_inside(message.inside)

    def on_walk_changed(self, message: WalkChanged) -> None:
        """Show a walk's table and its trail on the field (None: the hint, no trail)."""
        table = self.query_one(WalkTable)
        field = self.query_one(FieldView)
        if message.run is None:
            table.show_hint()
            field.set_trail([])
            return
        table.show_walk(message.run.view())
        field.set_trail(message.run.points())

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` before the next key is handled.

        ``Widget.focus`` defers the change with ``call_later``; keys that arrived in the
        same burst (fast typing, a paste, SSH packets) would still go to the old widget.
        """
        self.set_focus(widget)
