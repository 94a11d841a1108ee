"""The TensorTown explorer: a Textual app over the core's tape and charts.

State lives in one reactive :class:`~tui.state.Exploration` (function, point, ranges,
step); ``watch_exploration`` decides what the change needs: a new base chart only when
the function, range or size changed, one tape reading per point.  All TensorFlow work
runs on the tape (:class:`~tui.engine.Tape`: TensorFlow's own process when the command
started it, :mod:`tui.tape_process`), awaited by exclusive async workers, whose results
come back as messages (:mod:`tui.messages`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import os
import sys
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.scrollbar import ScrollBarRender
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from tensortown.catalogue import CATALOGUE, Function, from_expression
from tensortown.expression import ExpressionError
from tensortown.numbers import format_number
from tui import collector, engine, messages, text
from tui.commands import FunctionCommands
from tui.flat_note import flat_note
from tui.keytimes import KeyTimes
from tui.screen import ExplorerScreen
from tui.state import Exploration
from tui.walker import Walker
from tui.widgets.canvas_view import CanvasView
from tui.widgets.chart_column import ChartColumn
from tui.widgets.cross_sections import CrossSections
from tui.widgets.curve_view import CurveView
from tui.widgets.expression_field import ExpressionField
from tui.widgets.field_view import FieldView
from tui.widgets.key_footer import KeyFooter
from tui.widgets.number_field import NumberField
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.readout import Readout
from tui.widgets.sidebar import EXPRESSION_OPTION, Sidebar
from tui.widgets.tape_panel import TapePanel
from tui.widgets.title_bar import TitleBar
from tui.widgets.walk_table import WalkTable

if TYPE_CHECKING:
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tensortown.chart.theme import Theme
    from tensortown.tape import PointResult, Transcript
    from tui.walker import WalkRun

STARTED = time.perf_counter()
"""When this module was imported: the app logs how long its first frame took."""

CHART_CACHE_SIZE = 12
"""Base charts kept (per function, range, size and theme)."""
RESIZE_DELAY = 0.08
"""Seconds to wait after the last resize before rebuilding the chart."""
NARROW = 100
"""Below this many columns the sidebar starts hidden."""
SLICES_WIDTH = 37
"""Columns the slices take beside the field (their width and margin in ``app.tcss``)."""
SIDEBAR_WIDTH = (30, 26)
"""The sidebar's columns, on a wide and on a narrow terminal (``app.tcss``)."""
FIELD_COLUMNS = 30
"""The slices are shown beside the field only if it keeps this many columns (at 100 it
has 31 beside the sidebar and the slices; at 80 it would have 15)."""
PANEL_ROWS = {"curve": (19, 8), "derivatives": (14, 0), "field": (14, 8)}
"""Rows of ``#panels`` under each view, tall and short terminal (see ``panel_rows``)."""
CURSOR_KEYS: dict[str, tuple[str, int]] = {
    "right": ("x", 1),
    "left": ("x", -1),
    "shift+right": ("x", 10),
    "shift+left": ("x", -10),
    "up": ("y", 1),
    "down": ("y", -1),
    "shift+up": ("y", 10),
    "shift+down": ("y", -10),
}
"""The keys bound to ``move`` (see ``BINDINGS``), for the chart's short way to it."""
DRAWING_AFTER = 0.3
"""Seconds a chart may take before its view says it is being drawn instead of showing the
last one (a long expression's first trace takes a second or more)."""
SWITCH_HOLD = 0.25
"""Seconds the screen may wait, after a new function, for its numbers (one layout, one frame)."""
MIN_COLUMNS, MIN_ROWS = 60, 18
"""Below this the layout can't show a chart and its readout: say so instead."""
SHORT = 30
"""Below this many rows the panels under the chart shrink (see ``app.tcss``)."""
TALL = 40
"""From this many rows the panels under the chart have their full height."""


def panel_rows(kind: str, height: int) -> int:
    """Rows of ``#panels`` under a view (``curve``, ``derivatives``, ``field``) at a height.

    ``PANEL_ROWS``' tall rows from ``TALL`` rows up and its short ones below ``SHORT``; in
    between, the panels give up a row for each row the terminal lacks, down to 8, and the
    chart keeps its rows (panels of fixed height left the curve 4 rows at 120×30).
    """
    tall, short = PANEL_ROWS[kind]
    if height < SHORT:
        return short
    return max(PANEL_ROWS["curve"][1], tall - max(0, TALL - height))


def field_columns(width: int, *, sidebar: bool, slices: bool) -> int:
    """The columns the field gets on a terminal ``width`` wide (``#main`` pads one a side)."""
    narrow = width < NARROW
    return width - (SIDEBAR_WIDTH[narrow] if sidebar else 0) - 2 - (SLICES_WIDTH if slices else 0)


def _asked_for(body: Widget, part: str) -> bool:
    """Whether ``#body`` is to show the ``sidebar`` or the ``sections`` (slices): asked for
    with s or c (class ``-sidebar``), or by default where the terminal is not narrow."""
    if body.has_class(f"-no-{part}"):
        return False
    return body.has_class(f"-{part}") or not body.has_class("-narrow")


def size_classes(width: int, height: int) -> dict[str, bool]:
    """The layout classes of ``#body`` at a terminal size, each with whether it is on."""
    return {"-narrow": width < NARROW, "-short": height < SHORT}


class AsciiScrollBarRender(ScrollBarRender):
    """A scrollbar drawn with spaces only: the thumb's ends are no block characters."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class TensorTownApp(App[int]):
    """Explore f, f', f'' and ∇f from tf.GradientTape with the keyboard (and the mouse)."""

    TITLE = "TensorTown"
    AUTO_FOCUS = None
    CSS_PATH = "app.tcss"
    ALLOW_IN_MAXIMIZED_VIEW: ClassVar[str] = "KeyFooter"
    """The footer stays under a maximized panel (Textual's default names its own Footer)."""
    COMMANDS: ClassVar = App.COMMANDS | {FunctionCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move('x', -1)", "move", key_display="←→", id="left"),
        Binding("right", "move('x', 1)", "x+1", key_display="→", show=False, id="right"),
        Binding("shift+left", "move('x', -10)", "x−10", show=False, id="left10"),
        Binding("shift+right", "move('x', 10)", "x+10", show=False, id="right10"),
        Binding("up", "move('y', 1)", "y+1", show=False, id="up"),
        Binding("down", "move('y', -1)", "y−1", show=False, id="down"),
        Binding("shift+up", "move('y', 10)", "y+10", show=False, id="up10"),
        Binding("shift+down", "move('y', -10)", "y−10", show=False, id="down10"),
        Binding("pageup", "scroll_tape(-1)", "tape up", show=False, id="tape-up"),
        Binding("pagedown", "scroll_tape(1)", "tape down", show=False, id="tape-down"),
        Binding("home", "to_end(0)", "Start", show=False, id="home"),
        Binding("end", "to_end(1)", "End", show=False, id="end"),
        Binding("1", "choose('price')", "function", key_display="1-4", id="price"),
        Binding("2", "choose('pay')", "pay", show=False, id="pay"),
        Binding("3", "choose('bonus')", "bonus", show=False, id="bonus"),
        Binding("4", "choose('earnings')", "earnings", show=False, id="earnings"),
        # These two move the focus: as priority bindings they act in the order the keys
        # came, so keys typed in the same burst land where the focus went.
        Binding("e", "focus_expression", "expression", id="expression", priority=True),
        Binding("escape", "focus_chart", "chart", show=False, id="chart", priority=True),
        Binding("t", "toggle_tangent", "tangent", id="tangent"),
        Binding("d", "derivatives", "f'", show=False, id="derivatives"),
        Binding("w", "walk(True)", "walk", key_display="w/W", id="walk-up"),
        Binding("W", "walk(False)", "walk down", show=False, id="walk-down"),
        Binding("c", "toggle_sections", "slices", show=False, id="sections"),
        Binding("s", "toggle_sidebar", "sidebar", id="sidebar"),
        Binding("question_mark", "help", "help", key_display="?", id="help"),
        Binding("q", "quit", "quit", id="quit"),
    ]

    exploration: var[Exploration] = var(Exploration.start(CATALOGUE["pay"]), init=False)
    """The function, point, ranges and step on screen."""
    ready: var[bool] = var(False, init=False)
    """True once TensorFlow is loaded (the tape calls are traced as they are first needed)."""
    show_tangent: var[bool] = var(True, init=False)
    """Draw the tangent at the cursor."""
    derivatives: var[int] = var(0, init=False)
    """Panels under a curve: 0 none, 1 f′, 2 f′ and f″ (``d`` cycles)."""

    def __init__(
        self,
        function: Function | None = None,
        point: dict[str, float] | None = None,
        *,
        ascii_only: bool = False,
        color: bool = True,
        tape: engine.Tape | None = None,
    ) -> None:
        super().__init__()
        self.ascii = ascii_only
        self.color = color and not os.environ.get("NO_COLOR")
        self.set_reactive(TensorTownApp.exploration, Exploration.opening(function, point))
        self.pinned: Exploration = self.exploration
        """The point the cursor returns to when the mouse leaves the chart."""
        self.tape: engine.Tape = tape or engine.TapeThread()
        """Where the tape's jobs run: a thread here, or the process :func:`run` was given."""
        self.reading: engine.Reading | None = None
        """The last tape reading on screen."""
        self.charts: OrderedDict[tuple[object, ...], CurveChart | FieldChart] = OrderedDict()
        """Base charts by (function, ranges, kind, size, theme)."""
        self.charts_built = 0
        """How many base charts were built (tests check that a cursor move builds none)."""
        self._wanted_chart: tuple[object, ...] | None = None
        self._chart_sizes: dict[str, tuple[int, int]] = {}
        """The chart area's size for each kind (the field shares its row with the slices)."""
        self._rows = 40
        """The terminal's height, as the last resize gave it (``self.size`` lags it)."""
        self._columns = 120
        """Its width, likewise."""
        self.walker = Walker(self)
        """The gradient walk on the field (w, W)."""
        self._first_numbers = asyncio.Event()
        """Set when the first reading is on screen: background warming waits for it."""
        self._in_flight: set[tuple[object, ...]] = set()
        self._building: tuple[object, ...] | None = None
        self._resize_timer: Any = None
        self._drawing_timer: Any = None
        self.first_frame: float | None = None
        """Seconds from import to the first frame."""
        self.backend_error: str | None = None
        self._sidebar_waits = False
        """A cursor move's point is shown in the sidebar after its numbers (one update)."""
        self._point_job: asyncio.Future[engine.Reading] | None = None
        """The tape job computing the numbers of the latest point."""
        self._held: contextlib.ExitStack | None = None
        """Screen updates held while a new function's numbers come (see ``_hold_screen``)."""
        self.key_times = KeyTimes.from_environment()
        self._timing_key = False
        """Keystroke timings for ``make bench`` (only with TENSORTOWN_PROFILE_KEYS set)."""
        if self.ascii:
            self._ascii_bindings()

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title, sidebar, the chart and its panels, the footer."""
        yield TitleBar(ascii=self.ascii, id="title")
        # Born with the classes of the terminal's size: added on the first resize, they
        # would style every widget in the body a second time before the first frame.
        on = [name for name, wanted in size_classes(*self.size).items() if wanted]
        self._columns, self._rows = self.size
        with Horizontal(id="body", classes=" ".join(on)):
            yield Sidebar(id="sidebar", ascii=self.ascii)
            with ChartColumn(id="main"):
                yield CurveView(id="curve")
                with Horizontal(id="field-row"):
                    yield FieldView(id="field")
                    yield CrossSections(id="sections", ascii=self.ascii)
                yield Readout(id="readout")
                with Horizontal(id="panels") as panels:
                    rows = panel_rows(self._panels_kind(), self._rows)
                    panels.styles.height = rows
                    panels.display = rows > 0
                    yield OneMoreStepPanel(id="one-more-step", ascii=self.ascii)
                    yield WalkTable(id="walk", ascii=self.ascii)
                    with VerticalScroll(id="tape-box"):
                        yield TapePanel(id="tape", color=self.color)
        yield KeyFooter(
            compact=True, show_command_palette=True, pinned=("help", "quit"), ascii=self.ascii
        )
        yield Static(id="too-small")

    def on_mount(self) -> None:
        """Show the first frame, then load TensorFlow in the background."""
        self.theme = "textual-dark"
        if self.ascii:
            self.screen.add_class("-ascii")
            for scrolling in self.query("#sidebar, #tape-box"):
                scrolling.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]
        self.query_one("#tape-box").border_title = "GradientTape"
        self.query_one("#one-more-step").border_title = "One more step"
        self._sections = self.query_one(CrossSections)
        self.query_one(WalkTable).show_hint()
        self.call_after_refresh(self._first_frame)
        # A lost tape process (killed, out of memory) is said on screen, even if it died
        # before the app was running.
        self.tape.on_lost = self._tape_lost
        self._focus_now(self.query_one(ChartColumn))
        self._show_exploration(None, self.exploration)
        self._show_loading()
        # TensorFlow's import holds the GIL for most of its 4 s: started now, it would take
        # turns with the first frame and slow it down two-fold or more; the first numbers,
        # which wait for both, come no later for it starting once the frame is painted.
        self.call_after_refresh(self.load_backend)

    def get_default_screen(self) -> Screen[Any]:
        """The main screen, whose updates render only what they show (:mod:`tui.screen`)."""
        return ExplorerScreen(id="_default")

    def _first_frame(self) -> None:
        self.first_frame = time.perf_counter() - STARTED
        self.log(f"first frame after {self.first_frame * 1000:.0f} ms")
        collector.resume()

    def pop_screen(self) -> AwaitComplete:
        """Pop a screen, but never the last one.

        Textual 8.2.8's command palette can dismiss itself twice when two Enters
        arrive together (as they do over SSH), which would pop the main screen and
        end the app with ScreenStackError; the second pop is ignored instead.
        """
        if len(self.screen_stack) <= 1:

            async def nothing() -> None:
                return None

            return AwaitComplete(nothing()).call_next(self)
        return super().pop_screen()

    def on_resize(self, event: events.Resize) -> None:
        """Hide the sidebar on narrow terminals (s shows it); below the minimum, say so.

        The event's size, not ``self.size``: this handler runs before Textual's own, which
        is where the app takes its new size.
        """
        width, height = event.size
        self._columns, self._rows = width, height
        # The explorer's screen, under the help or the palette if either is open.
        explorer = self.screen_stack[0]
        body = explorer.query_one("#body")
        for name, wanted in size_classes(width, height).items():
            body.set_class(wanted, name)
        self._fit_panels(explorer)
        self._fit_sections(body)
        too_small = width < MIN_COLUMNS or height < MIN_ROWS
        explorer.set_class(too_small, "-too-small")
        if too_small:
            explorer.query_one("#too-small", Static).update(
                text.too_small(width, height, MIN_COLUMNS, MIN_ROWS)
            )

    def _fit_sections(self, body: Widget | None = None) -> bool:
        """Hide the slices (class ``-squeezed``) where they would leave the field too few
        columns; whether they are squeezed."""
        body = body or self.query_one("#body")
        sidebar = _asked_for(body, "sidebar")
        squeezed = _asked_for(body, "sections") and (
            field_columns(self._columns, sidebar=sidebar, slices=True) < FIELD_COLUMNS
        )
        if body.has_class("-squeezed") and not squeezed:  # back: draw them for the cursor
            self.call_after_refresh(self._follow_sections)
        body.set_class(squeezed, "-squeezed")
        return squeezed

    def _panels_kind(self) -> str:
        """What the panels are under: ``field``, ``derivatives`` (f′ and f″ shown) or ``curve``."""
        if self.exploration.function.arity == 2:
            return "field"
        return "derivatives" if self.derivatives else "curve"

    def _fit_panels(self, explorer: Screen[Any] | None = None) -> None:
        """Give ``#panels`` its rows for the view and the terminal's height (``panel_rows``)."""
        panels = (explorer or self.screen_stack[0]).query_one("#panels")
        rows = panel_rows(self._panels_kind(), self._rows)
        panels.styles.height = rows
        panels.display = rows > 0  # f′ and f″ on a short terminal take the panels' rows

    def _ascii_bindings(self) -> None:
        """Key names without arrows for terminals without Unicode."""
        names = {"←→": "<->"}
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            # New lists: the class's merged bindings share theirs with every instance.
            table[key] = [
                dataclasses.replace(b, key_display=names[b.key_display])
                if b.key_display in names
                else b
                for b in bindings
            ]

    # --- TensorFlow -------------------------------------------------------------------

    @work(group="backend", exclusive=True)
    async def load_backend(self) -> None:
        """Import TensorFlow on the tape thread; once the first numbers are shown, warm up.

        Nothing is traced before the first reading: it traces only the point's call (the
        chart's curve follows), and the catalogue's functions are warmed after it.
        """
        from tensortown.backend import BackendUnavailable

        try:
            loading = self.tape.submit(engine.load, ())
            await asyncio.to_thread(engine.import_reply_types)  # while TensorFlow loads
            seconds = await loading
        except BackendUnavailable as error:
            self.post_message(messages.BackendFailed(str(error)))
            return
        except Exception as error:  # a broken install must not take the app down
            self.post_message(messages.BackendFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(messages.BackendReady(seconds))
        # The first numbers and chart go before the background warming on the tape.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._first_numbers.wait(), timeout=30)
        first = self.exploration.function
        functions = (first, *(f for f in CATALOGUE.values() if f != first))
        for function in functions:  # one by one, between the user's jobs
            try:
                await self.tape.submit(engine.warm, function)
            except Exception as error:
                self.log(f"could not warm {function.key}: {error}")
        # What start-up and the import froze goes back to the collector (one full pass,
        # on the tape, between the user's jobs), and what stays there is frozen for good.
        await self.tape.submit(engine.settle)
        if not isinstance(self.tape, engine.TapeThread):  # this process's own heap too
            collector.settle()
        self.prebuild_charts()

    @work(group="prebuild")
    async def prebuild_charts(self) -> None:
        """Build the catalogue's charts at this size in the background, one job at a time.

        Then ``1``–``4`` find their chart in the cache and show it at once.
        """
        from tensortown.chart.curve import ChartError

        theme = self._chart_theme()
        for function in CATALOGUE.values():
            exploration = Exploration.start(function)
            key = self._chart_key(exploration)
            if key is None or key in self.charts or key in self._in_flight:
                continue
            self._in_flight.add(key)
            try:
                chart = await self._submit_chart(key, exploration, theme)
            except (ChartError, ValueError):
                continue
            finally:
                self._in_flight.discard(key)
            self.charts_built += 1
            self._keep_chart(key, chart)

    def on_backend_ready(self, message: messages.BackendReady) -> None:
        """Numbers and charts can come now."""
        self.log(f"TensorFlow ready after {message.seconds:.1f} s")
        self.ready = True
        self.query_one(TitleBar).status = ""
        self._request_reading()  # numbers first, then the chart
        self._request_chart()

    def _tape_lost(self, why: str) -> None:
        self.post_message(messages.BackendFailed(why))

    def on_backend_failed(self, message: messages.BackendFailed) -> None:
        """Say what went wrong and how to fix it (a failed import, a lost tape process); the
        app keeps running."""
        self.backend_error = message.advice
        self.ready = False
        self._building = None  # its job was cancelled with the process: no chart is coming
        if self._drawing_timer is not None:
            self._drawing_timer.stop()
            self._drawing_timer = None
        self.walker.stop("TensorFlow stopped it")
        for widget in self._loading_widgets():
            widget.loading = False
        self.query_one(TitleBar).status = "TensorFlow unavailable"
        for view in (self.query_one(CurveView), self.query_one(FieldView)):
            view.clear("No chart without TensorFlow (see below).")
        self.query_one(Readout).show_items([], message.advice, "error")
        self.query_one(OneMoreStepPanel).show_message("No numbers without TensorFlow.")
        self.query_one(TapePanel).show_message(message.advice)

    def _loading_widgets(self) -> list[Any]:
        return [self.query_one(OneMoreStepPanel), self.query_one("#tape-box")]

    def _show_loading(self) -> None:
        # Words, not Textual's LoadingIndicator: its animation repaints 16 times a second
        # and took the GIL from TensorFlow's import (seconds later first numbers).
        dots = "..." if self.ascii else "…"
        self.query_one(OneMoreStepPanel).show_message(f"Loading TensorFlow{dots}")
        self.query_one(TapePanel).show_message(f"Loading TensorFlow{dots}")
        for view in (self.query_one(CurveView), self.query_one(FieldView)):
            view.clear(f"Loading TensorFlow{dots}")
        self.query_one(TitleBar).status = f"loading TensorFlow{dots}"

    # --- state ------------------------------------------------------------------------

    def watch_exploration(self, old: Exploration, new: Exploration) -> None:
        """Push a new exploration into the widgets and ask the tape for what changed."""
        # A cursor move waits for its numbers, so that the sidebar's point, the readout and
        # the chart change in one screen update (each update costs a frame over SSH).
        moved = old.point != new.point and (old.chart_key(), old.step) == (
            new.chart_key(),
            new.step,
        )
        self._sidebar_waits = moved and self.ready
        self._show_exploration(old, new, sidebar=not self._sidebar_waits)
        if old.chart_key() != new.chart_key():
            self.walker.clear()  # a walk belongs to its function and box
        if not self.ready:
            return
        if old.function != new.function:
            self._hold_screen()
        if old.point != new.point or old.function != new.function or old.step != new.step:
            self._request_reading()  # the numbers first on the tape thread, then the slices
        if old.chart_key() != new.chart_key():
            self._request_chart()
        if new.function.arity == 2 and self._sections.display:
            self._sections.follow(new, self._chart_theme())

    def _hold_screen(self) -> None:
        """Hold screen updates until the new function's numbers are shown (or a short while).

        A new function changes the layout, and its numbers change it again (the readout's
        lines): held, the two come as one layout and one frame, which over SSH is the
        difference between drawing the screen once or twice.
        """
        if self._held is None:
            self._held = contextlib.ExitStack()
            self._held.enter_context(self.batch_update())
            self.set_timer(SWITCH_HOLD, self._release_screen)

    def _release_screen(self) -> None:
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
            two = function.arity == 2
            # display, not a class on #main: a class there restyles every widget under it
            self.query_one(CurveView).display = not two
            self.query_one(FieldView).display = two
            self.query_one("#field-row").display = two
            self.query_one(OneMoreStepPanel).display = not two
            self.query_one(WalkTable).display = two
            self.query_one("#panels").set_class(two, "-field")
            self._fit_panels()
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

    def choose_function(self, key: str) -> None:
        """Go to a catalogue function at its default point."""
        function = CATALOGUE[key]
        self.exploration = Exploration.start(function)
        self.pinned = self.exploration

    def _commit(self, exploration: Exploration) -> None:
        """A change made with the keyboard or a field: the cursor stays there."""
        self.exploration = exploration
        self.pinned = exploration

    # --- actions ------------------------------------------------------------------------

    def action_move(self, axis: str, steps: int) -> None:
        """Move the cursor along the first (``x``) or second (``y``) variable."""
        symbols = self.exploration.symbols
        index = 0 if axis == "x" else 1
        if index >= len(symbols):
            return
        self._commit(self.exploration.moved(symbols[index], steps))

    def action_to_end(self, end: int) -> None:
        """Go to the start or the end of the first variable's range."""
        self._commit(self.exploration.to_end(self.exploration.symbols[0], end))

    def action_choose(self, key: str) -> None:
        """Choose a catalogue function."""
        self.choose_function(key)

    def _only_on_main_screen(self, *, not_in: tuple[type[Widget], ...] = (Input,)) -> None:
        """Let the key through (SkipAction) on other screens or in a text field."""
        if self.screen is not self.screen_stack[0] or isinstance(self.focused, not_in):
            raise SkipAction()

    def action_focus_expression(self) -> None:
        """Put the keyboard in the expression field (showing the sidebar if hidden)."""
        self._only_on_main_screen()
        body = self.query_one("#body")
        body.add_class("-sidebar")
        body.remove_class("-no-sidebar")
        self._fit_sections(body)
        self._focus_now(self.query_one(ExpressionField).input)

    def action_focus_chart(self) -> None:
        """Back to the chart; an expression typed and not applied is dropped."""
        self._only_on_main_screen(not_in=())
        expression = self.query_one(ExpressionField)
        if expression.input.has_focus:
            expression.drop_draft()
        self._focus_now(self.query_one(ChartColumn))

    def _focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` before the next key is handled.

        ``Widget.focus`` defers the change with ``call_later``; keys that arrived in the
        same burst (fast typing, a paste, SSH packets) would still go to the old widget.
        """
        self.screen.set_focus(widget)

    def action_toggle_tangent(self) -> None:
        """Show or hide the tangent."""
        self.show_tangent = not self.show_tangent

    def watch_show_tangent(self) -> None:
        """Redraw the cursor with or without the tangent."""
        self._draw_cursor()
        if self.reading is not None and self.reading.exploration == self.exploration:
            self._show_reading(self.reading)

    def action_derivatives(self) -> None:
        """Show f′ under f, then f″ too, then f alone again (``d`` cycles)."""
        self.derivatives = (self.derivatives + 1) % 3

    def watch_derivatives(self, old: int, new: int) -> None:
        """A chart with the new panels; the panels below give up rows for them."""
        panels = self.query_one("#panels")
        resizes = bool(old) != bool(new)
        panels.set_class(bool(new), "-derivatives")
        self._fit_panels()
        if self.ready and not resizes:
            self._request_chart()  # else the resize asks for it, at the new size
        reading = self.reading
        if not new and reading is not None and reading.exploration == self.exploration:
            self._show_reading(reading, table=False)  # the note on f′'s zeros goes with f′

    def _check_panels(self, chart: CurveChart) -> None:
        """Say so when the f″ panel asked for did not fit."""
        if len(chart.panels) < self.derivatives + 1:
            shown = " and ".join(p.name for p in chart.panels)
            self.notify(f"no room for more panels: showing {shown}", timeout=3)

    def action_walk(self, ascent: bool) -> None:
        """Walk from the cursor along ∇f (``w``) or against it (``W``), a step per tick."""
        from tui.widgets.walk_inputs import WalkInputs  # mounted with the first f(x, y)

        if self.exploration.function.arity != 2 or not self.ready:
            return
        inputs = self.query_one(WalkInputs)
        self.walker.start(self.exploration, ascent=ascent, rate=inputs.rate, steps=inputs.steps)

    def show_walk(self, run: WalkRun | None) -> None:
        """Show a walk's table and its trail on the field (None: the hint, no trail)."""
        table = self.query_one(WalkTable)
        field = self.query_one(FieldView)
        if run is None:
            table.show_hint()
            field.set_trail([])
            return
        table.show_walk(run.view())
        field.set_trail(run.points())

    async def on_event(self, event: events.Event) -> None:
        """Any key stops a running walk, then does what it does.

        The cursor keys on the chart take a short way to ``action_move``: Textual looks a
        key up in the bindings of every node from the focus to the app, twice (priority
        bindings first), which was about a tenth of a cursor move's work.  Anywhere else
        (a field, a dialog, the palette) they go the usual way.
        """
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.walker.running:
                self.walker.stop()
            if self.key_times is not None:
                self.key_times.key(event.time)
            move = CURSOR_KEYS.get(event.key)
            if (
                move is not None
                and len(self.screen_stack) == 1
                and isinstance(self.focused, ChartColumn)
            ):
                event.stop()
                event.prevent_default()
                self.action_move(*move)
                return
        await super().on_event(event)

    def action_toggle_sections(self) -> None:
        """Show or hide the cross-sections beside the field.

        A short terminal has room for one slice: ``c`` shows f(x, y₀), then f(x₀, y), then
        neither.
        """
        sections = self._sections
        shown = sections.display
        body = self.query_one("#body")
        if body.has_class("-squeezed"):  # wanted, but the field has no room to spare
            self._say_squeezed()
            return
        x_view, y_view = sections.views()
        if shown and body.has_class("-short") and x_view.display:
            x_view.display, y_view.display = False, True
            self.call_after_refresh(self._follow_sections)
            return
        x_view.display = True
        y_view.display = not (body.has_class("-short") and not shown)
        body.set_class(not shown, "-sections")
        body.set_class(shown, "-no-sections")
        if self._fit_sections(body):
            self._say_squeezed()
        elif not shown:
            self.call_after_refresh(self._follow_sections)

    def _say_squeezed(self) -> None:
        self.notify("no room for the slices beside the field: s hides the sidebar", timeout=4)

    def _follow_sections(self) -> None:
        if self.ready and self._sections.display:
            self._sections.follow(self.exploration, self._chart_theme())
            if self.reading is not None:
                self._sections.show_result(self.reading.result)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Walks and slices only for two variables; f′ panels and the tangent key for one."""
        if action in ("walk", "toggle_sections"):
            return self.exploration.function.arity == 2
        if action in ("derivatives", "toggle_tangent"):
            return self.exploration.function.arity == 1
        return True

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        body = self.query_one("#body")
        shown = self.query_one(Sidebar).display
        body.set_class(not shown, "-sidebar")
        body.set_class(shown, "-no-sidebar")
        self._fit_sections(body)
        if shown and self.focused is not None and self.query_one(Sidebar) in self.focused.ancestors:
            self._focus_now(self.query_one(ChartColumn))

    def action_scroll_tape(self, pages: int) -> None:
        """Scroll the GradientTape panel a page (what TensorFlow printed is at its end)."""
        box = self.query_one("#tape-box", VerticalScroll)
        if pages > 0:
            box.scroll_page_down(animate=False)
        else:
            box.scroll_page_up(animate=False)

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen

        screen = HelpScreen(ascii=self.ascii)
        if self.ascii:
            screen.add_class("-ascii")
        self.push_screen(screen)

    # --- inputs -------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key == EXPRESSION_OPTION:
            self.action_focus_expression()
        elif key is not None:
            self.choose_function(key)
            self._focus_now(self.query_one(ChartColumn))

    @on(ExpressionField.Submitted)
    def _expression(self, event: ExpressionField.Submitted) -> None:
        try:
            function = from_expression(event.text, like=self.exploration.function)
        except ExpressionError as error:
            event.field.show_error(
                f"{error.message} (still showing {self.exploration.function.source})",
                error.column,
            )
            return
        event.field.show_error(None)
        self._commit(self.exploration.with_function(function))
        self._focus_now(self.query_one(ChartColumn))

    @on(NumberField.Applied)
    def _number(self, event: NumberField.Applied) -> None:
        field_id = event.field.id or ""
        kind, _, slot = field_id.partition("-")
        exploration = self.exploration
        if kind == "step":
            if event.value <= 0:
                event.field.show_error("the step must be more than 0")
                return
            self._commit(dataclasses.replace(exploration, step=event.value))
            return
        index = "xy".index(slot)
        if index >= len(exploration.symbols):
            return
        symbol = exploration.symbols[index]
        lo, hi = exploration.range_of(symbol)
        if kind == "point":
            value = event.value
            if not lo <= value <= hi:
                exploration = exploration.with_range(symbol, min(lo, value), max(hi, value))
            self._commit(exploration.at(symbol, value))
            return
        lo, hi = (event.value, hi) if kind == "from" else (lo, event.value)
        if not lo < hi:
            event.field.show_error(
                f"'from' must be less than 'to' ({symbol} from {lo:g} to {hi:g})"
            )
            return
        event.field.show_error(None)
        self._commit(exploration.with_range(symbol, lo, hi))

    # --- charts -----------------------------------------------------------------------

    def _chart_theme(self) -> Theme:
        from tensortown.chart.theme import Theme

        return Theme(color=self.color, ascii=self.ascii)

    def _chart_view(self) -> CurveView | FieldView:
        if self.exploration.function.arity == 2:
            return self.query_one(FieldView)
        return self.query_one(CurveView)

    def _chart_key(self, exploration: Exploration | None = None) -> tuple[object, ...] | None:
        """The cache key of the base chart for ``exploration`` at the chart area's size."""
        exploration = exploration or self.exploration
        kind = "field" if exploration.function.arity == 2 else "curve"
        size = self._chart_sizes.get(kind)
        if size is None:
            return None
        width, height = size
        panels = self.derivatives if kind == "curve" else 0
        return (exploration.chart_key(), kind, width, height, self.color, self.ascii, panels)

    def _submit_chart(
        self, key: tuple[object, ...], exploration: Exploration, theme: Theme
    ) -> asyncio.Future[Any]:
        """Build the chart for ``key`` on the tape thread (a curve with its f′, f″ panels)."""
        _, kind, width, height, _, _, panels = key
        if kind == "field":
            return self.tape.submit(engine.field_chart, exploration, width, height, theme)
        return self.tape.submit(engine.curve_chart, exploration, width, height, theme, panels)

    def _request_chart(self) -> None:
        key = self._chart_key()
        if key is None:
            return
        if key == self._wanted_chart and key == self._building:
            return  # already on its way
        self._wanted_chart = key
        cached = self.charts.get(key)
        if cached is not None:
            self.charts.move_to_end(key)
            view = self._chart_view()
            if view.chart is not cached or view.canvas is None:  # else it is on screen
                self._show_chart(cached)
            return
        self._building = key
        self.build_chart(key, self.exploration)
        if self.ready:  # (before, the views say TensorFlow is loading)
            if self._drawing_timer is not None:
                self._drawing_timer.stop()
            self._drawing_timer = self.set_timer(
                DRAWING_AFTER, functools.partial(self._say_drawing, key)
            )

    def _say_drawing(self, key: tuple[object, ...]) -> None:
        """The chart for ``key`` is still on its way: the last one must not pass for it."""
        self._drawing_timer = None
        if self.ready and self._building == key and self._wanted_chart == key:
            view = self._chart_view()
            view.chart = None  # no cursor drawn on it meanwhile
            view.clear("drawing the chart" + ("..." if self.ascii else "…"))

    @work(group="chart", exclusive=True)
    async def build_chart(self, key: tuple[object, ...], exploration: Exploration) -> None:
        """Build the base chart on the tape thread."""
        from tensortown.chart.curve import ChartError

        try:
            chart: CurveChart | FieldChart = await self._submit_chart(
                key, exploration, self._chart_theme()
            )
        except (ChartError, ValueError) as error:
            self.post_message(messages.ChartFailed(key, str(error)))
            return
        self.charts_built += 1
        self.post_message(messages.ChartBuilt(key, chart))

    def on_chart_built(self, message: messages.ChartBuilt) -> None:
        """Keep the chart; show it if it is still the one wanted."""
        if message.key == self._building:
            self._building = None
        self._keep_chart(message.key, message.chart)
        if message.key == self._wanted_chart:
            self._show_chart(message.chart)

    def _keep_chart(self, key: tuple[object, ...], chart: CurveChart | FieldChart) -> None:
        self.charts[key] = chart
        self.charts.move_to_end(key)
        while len(self.charts) > CHART_CACHE_SIZE:
            self.charts.popitem(last=False)
        # TensorFlow, its traces and the charts are here to stay: leave them out of the
        # cyclic collector's full passes, which took half a second in the middle of a
        # frame with them in (``gc.freeze``).  The prebuilt charts come after the warming
        # and ``collector.settle``'s one full pass, so what is frozen last is the heap as
        # it stays, its garbage collected.  Measured here: full passes of about 50 ms
        # instead of 0.5 s, switch times unchanged.
        gc.freeze()

    def on_chart_failed(self, message: messages.ChartFailed) -> None:
        """Say why there is no chart (too small, ...)."""
        if message.key == self._building:
            self._building = None
        if message.key == self._wanted_chart:
            self._chart_view().clear(message.reason)

    def _show_chart(self, chart: CurveChart | FieldChart) -> None:
        self._chart_view().set_chart(chart)  # type: ignore[arg-type]
        self._draw_cursor()
        if self.derivatives and self.exploration.function.arity == 1:
            self._check_panels(chart)  # type: ignore[arg-type]
        reading = self.reading
        if self.derivatives and reading is not None and reading.exploration == self.exploration:
            self._show_reading(reading)  # the note names f′'s zeros on this chart

    def _draw_cursor(self) -> None:
        reading = self.reading
        if reading is None or reading.exploration.function != self.exploration.function:
            return
        result = reading.result
        point = reading.exploration.point
        if result.function.arity == 2:
            self.query_one(FieldView).set_cursor(point[0], point[1])
            if self._sections.display:
                self._sections.show_result(result)
            return
        self.query_one(CurveView).set_cursor(
            point[0], result.value, result.slope, result.second, tangent=self.show_tangent
        )

    @on(CanvasView.Resized)
    def _resized(self, event: CanvasView.Resized) -> None:
        if event.width <= 0 or event.height <= 0:
            return  # the hidden view (curve and field share one place on screen)
        kind = "field" if isinstance(event.view, FieldView) else "curve"
        self._chart_sizes[kind] = (event.width, event.height)
        # The other view is hidden: work out its size, so its charts can be prebuilt.
        other = "curve" if kind == "field" else "field"
        self._chart_sizes[other] = self._size_of_other(kind, event.width, event.height)
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.set_timer(RESIZE_DELAY, self._rebuild_after_resize)

    def _size_of_other(self, kind: str, width: int, height: int) -> tuple[int, int]:
        """The field's size from the curve's, or the other way round (see ``tui/app.tcss``).

        The field shares its row with the slices (when shown) and gets the rows the
        panels give up for a field (unless the terminal is short).
        """
        body = self.query_one("#body")
        slices = _asked_for(body, "sections") and not body.has_class("-squeezed")
        across = SLICES_WIDTH if slices else 0
        curve = panel_rows("derivatives" if self.derivatives else "curve", self._rows)
        down = curve - panel_rows("field", self._rows)
        if kind == "curve":
            return (width - across, height + down)
        return (width + across, height - down)

    def _rebuild_after_resize(self) -> None:
        self._resize_timer = None
        if self.ready:
            self._request_chart()
            self.prebuild_charts()

    @on(CanvasView.Pointed)
    def _pointed(self, event: CanvasView.Pointed) -> None:
        exploration = self.exploration
        for symbol, value in zip(exploration.symbols, event.coordinates, strict=False):
            exploration = exploration.at(symbol, value)
        self.exploration = exploration
        if event.pin:
            self.pinned = exploration

    @on(CanvasView.PointerLeft)
    def _pointer_left(self, event: CanvasView.PointerLeft) -> None:
        if self.pinned.function == self.exploration.function:
            self.exploration = self.pinned

    # --- numbers ----------------------------------------------------------------------

    def _request_reading(self) -> None:
        """f, the derivatives and the one-more-step table from the tape, for the point.

        A cursor move's hot path, so no worker: the tape job's future calls back into the
        loop when it is done (a worker adds a task and three state messages a key).  A
        newer point cancels the older job, which the tape thread then skips if it has not
        started it.
        """
        if self._point_job is not None and not self._point_job.done():
            self._point_job.cancel()
        exploration = self.exploration
        job = self.tape.submit(engine.read_point, exploration)
        job.add_done_callback(self._point_done)
        self._point_job = job

    @property
    def reading_pending(self) -> bool:
        """True while the tape is computing the numbers of a point (tests wait on it)."""
        return self._point_job is not None and not self._point_job.done()

    def _point_done(self, job: asyncio.Future[engine.Reading]) -> None:
        if job.cancelled() or job is not self._point_job or not self.is_running:
            return
        error = job.exception()
        if isinstance(error, ValueError):
            self._show_sidebar()
            self.query_one(Readout).show_items([], str(error), "error")
            self._release_screen()
            return
        if isinstance(error, Exception):  # a bug: end with its traceback, as a worker would
            self._handle_exception(error)
            return
        if error is not None:
            raise error
        self._show_numbers(job.result())

    def _request_transcript(self, exploration: Exploration) -> None:
        if exploration == self.exploration:
            self.read_transcript(exploration)

    @work(group="transcript", exclusive=True)
    async def read_transcript(self, exploration: Exploration) -> None:
        """The tutorial's eager tape code at the point, after the numbers are on screen.

        It costs more than the numbers, and a tape job running while the UI draws slows
        the drawing (the two share Python's lock): so it starts once the frame is out.
        """
        try:
            transcript = await self.tape.submit(engine.transcript, exploration)
        except Exception as error:  # the numbers are on screen: say why the code is not
            self.query_one(TapePanel).show_message(f"No transcript here: {error}")
            return
        self.post_message(messages.TranscriptRead(exploration, transcript))

    def on_transcript_read(self, message: messages.TranscriptRead) -> None:
        """Show the tape code and what it printed, if the point is still the one shown."""
        if message.exploration == self.exploration:
            self._show_transcript(message.transcript)

    def _show_numbers(self, reading: engine.Reading) -> None:
        """Show the numbers and move the cursor: one frame."""
        if reading.exploration != self.exploration:
            return
        self.reading = reading
        self._first_numbers.set()
        # The readout and the chart first; the sidebar's point and the one-more-step
        # table in the next update, so that the numbers a person reads come soonest.
        self.call_after_refresh(self._show_sidebar)
        self.call_after_refresh(self._show_table, reading)
        self._timing_key = True
        self._show_reading(reading, table=False)
        self._draw_cursor()
        self._release_screen()
        self.call_after_refresh(self._request_transcript, reading.exploration)

    def _show_sidebar(self) -> None:
        if self._sidebar_waits:
            self._sidebar_waits = False
            self.query_one(Sidebar).show(self.exploration)

    def _show_table(self, reading: engine.Reading) -> None:
        if reading is self.reading:  # else a newer reading has shown its own
            self._show_reading_table(reading)

    def _show_reading_table(self, reading: engine.Reading) -> None:
        panel = self.query_one(OneMoreStepPanel)
        panel.loading = False
        if reading.steps:
            function = reading.result.function
            title, rows = text.one_more_step_rows(function, reading.steps[0], ascii=self.ascii)
            panel.show_rows(title, rows)

    def _show_reading(self, reading: engine.Reading, *, table: bool = True) -> None:
        result: PointResult = reading.result
        function = result.function
        items = text.point_items(function, result.point)
        items += text.reading_items(result, ascii=self.ascii)
        note, note_class = "", ""
        if result.undefined:
            note, note_class = f"undefined: {result.undefined}", "error"
        elif function.arity == 1:
            shown = "t hides it" if self.show_tangent else "t shows it"
            note = f"f'({function.symbols[0]}) is the tangent's slope ({shown})"
            chart = self.query_one(CurveView).chart if self.derivatives else None
            flat = flat_note(function, result.point, result.slope, chart)
            if flat is not None:
                note = flat
        elif function.arity == 2:
            norm = "|grad f|" if self.ascii else "|∇f|"
            note = f"{norm} = {format_number(result.gradient_norm)}   " + text.direction(
                result, ascii=self.ascii
            )
        if self.ascii:
            items = [text.Item(i.name, i.value, text.ascii_text(i.unit)) for i in items]
            note = text.ascii_text(note)
        self.query_one(Readout).show_items(items, note, note_class)
        if self.key_times is not None and self._timing_key:
            self._timing_key = False  # the readout has the key's numbers
            self.call_after_refresh(self.key_times.on_screen, self.key_times.shown())
        if table:
            self._show_reading_table(reading)

    def _show_transcript(self, transcript: Transcript) -> None:
        """Show the code and what it printed."""
        self.query_one("#tape-box").loading = False
        code, output = transcript.code, transcript.output()
        if self.ascii:
            code, output = text.ascii_text(code), text.ascii_text(output)
        self.query_one(TapePanel).show_transcript(code, output)

    def on_unmount(self) -> None:
        """Let the tape thread go (queued jobs are dropped)."""
        self.tape.stop()
        if self.key_times is not None:
            self.key_times.save()


def run(
    function: Function | None = None,
    point: dict[str, float] | None = None,
    ascii_only: bool = False,
    color: bool = True,
    tape: engine.Tape | None = None,
) -> int:
    """Open the explorer (``tensortown``, ``tensortown explore``); returns the exit status.

    ``tape`` is where TensorFlow runs: the command line starts a
    :class:`~tui.tape_process.TapeProcess` before it imports this module.
    """
    from tensortown import backend

    if not color:
        os.environ["NO_COLOR"] = "1"
    app = TensorTownApp(function, point, ascii_only=ascii_only, color=color, tape=tape)
    with backend.divert_native_stderr():
        app.run()
    status = app.return_code or 0
    if not app.tape.stop(timeout=2.0):
        # TensorFlow is still importing or tracing on a tape thread; tearing the
        # interpreter down under it aborts in native code, so leave at once, cleanly.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
