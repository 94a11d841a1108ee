"""The explorer's screen: its keys, what they do, and what the sidebar's fields change.

Every action makes a new :class:`~tui.state.Exploration` (or flips what is shown) and
leaves the rest to :class:`~tui.explorer.base.ExplorerBase`'s watchers; the rules of a
valid range or step are the state's own (:meth:`Exploration.with_bound`, ``with_step``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.actions import SkipAction
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList

from tensortown.catalogue import CATALOGUE, from_expression
from tensortown.expression import (
    ExpressionError,
)
from tensortown.numbers import format_number
from tui import messages
from tui.explorer.base import ExplorerBase
from tui.explorer.keys import BINDINGS, CURSOR_KEYS, REFUSAL_SHOWN, ZOOM
from tui.explorer.readings import WAIT_NOTE
from tui.lab import LabChanged
from tui.state import Exploration
from tui.widgets.canvas_view import CanvasView
from tui.widgets.chart_column import ChartColumn
from tui.widgets.curve_view import CurveView
from tui.widgets.expression_field import ExpressionField
from tui.widgets.field_view import FieldView
from tui.widgets.number_field import NumberField
from tui.widgets.sidebar import EXPRESSION_OPTION, Sidebar


class ExplorerScreen(ExplorerBase):
    """The explorer's keys, its sidebar's inputs and the mouse, and what they change."""

    _refused: tuple[str, float] = ("", float("-inf"))
    """The last refusal shown, and when (``time.monotonic``)."""
    BINDINGS: ClassVar[list[BindingType]] = BINDINGS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Walks and slices only for two variables or more, the pair of axes for three or
        more; f′ panels and the tangent key for one."""
        arity = self.exploration.function.arity
        if action in ("walk", "toggle_slices", "lab", "lab_rate"):
            return arity >= 2
        if action == "cycle_axes":
            return arity >= 3
        if action in ("derivatives", "toggle_tangent"):
            return arity == 1
        if action == "pan":
            return parameters[:1] == ("x",) or arity >= 2
        return True

    def key_pressed(self) -> None:
        """Any key stops a running walk (the app tells the screen of every key first)."""
        if self.walker.running:
            self.walker.stop()
        if self.lab.drawing:
            self.lab.finish()

    def move_key(self, key: str) -> bool:
        """The chart's short way to ``move`` for a cursor key; whether it took the key.

        Textual looks a key up in the bindings of every node from the focus to the app,
        twice (priority bindings first): about a tenth of a cursor move's work.  Only on
        the chart: in a field, a dialog or the palette the keys go the usual way.
        """
        move = CURSOR_KEYS.get(key)
        if move is None or not isinstance(self.focused, ChartColumn):
            return False
        self.action_move(*move)
        return True

    # --- the cursor and the function ------------------------------------------------------

    def action_move(self, axis: str, steps: int) -> None:
        """Move the cursor along the variable drawn across (``x``) or up (``y``)."""
        symbols = self.exploration.drawn_symbols
        index = 0 if axis == "x" else 1
        if index >= len(symbols):
            return
        self.commit(self.exploration.moved(symbols[index], steps))

    def action_to_end(self, end: int) -> None:
        """Go to the start or the end of the range across."""
        self.commit(self.exploration.to_end(self.exploration.drawn_symbols[0], end))

    def action_cycle_axes(self) -> None:
        """Draw the next pair of variables, the others held at the point (``a``)."""
        changed = self.exploration.with_next_axes()
        self.commit(changed)
        across, up = changed.drawn_symbols
        held = ", ".join(f"{s} = {format_number(changed.value_of(s))}" for s in changed.held)
        self.notify(f"drawing {across} across, {up} up; held: {held}", timeout=3)

    def action_choose(self, key: str) -> None:
        """Choose a catalogue function, at its default point."""
        self.choose_function(key)

    def choose_function(self, key: str) -> None:
        """Go to a catalogue function at its default point."""
        self.exploration = Exploration.start(CATALOGUE[key])
        self.pinned = self.exploration

    def on_function_chosen(self, message: messages.FunctionChosen) -> None:
        """A function (or "your expression") chosen in the command palette."""
        if message.key:
            self.choose_function(message.key)
        else:
            self.action_focus_expression()

    @on(CanvasView.Pointed)
    def _pointed(self, event: CanvasView.Pointed) -> None:
        exploration = self.exploration
        for symbol, value in zip(exploration.drawn_symbols, event.coordinates, strict=False):
            exploration = exploration.at(symbol, value)
        self.exploration = exploration
        if event.pin:
            self.pinned = exploration

    @on(CanvasView.PointerLeft)
    def _pointer_left(self, event: CanvasView.PointerLeft) -> None:
        if self.pinned.function == self.exploration.function:
            self.exploration = self.pinned

    # --- the view: zoom, pan, home; the step ----------------------------------------------

    def action_zoom(self, factor: float) -> None:
        """Magnify the view ``factor`` times around the cursor (``+`` 2, ``-`` ½)."""
        self._change_view(lambda: self.exploration.zoomed(factor))

    def action_pan(self, axis: str, fraction: float) -> None:
        """Move the view across (``<`` ``>``) or up (``[`` ``]``) by ``fraction`` of it."""
        symbols = self.exploration.drawn_symbols
        index = 0 if axis == "x" else 1
        if index < len(symbols):
            self._change_view(lambda: self.exploration.panned(symbols[index], fraction))

    def action_home_view(self) -> None:
        """Back to the function's own ranges (``0``)."""
        self._change_view(self.exploration.home)

    def action_cell_step(self) -> None:
        """Make the step one cell of the chart, a round number (``z``): it follows the zoom."""
        cells = self._chart_cells()
        if cells is None:
            self.notify("no chart on screen yet to take a cell's width from", timeout=3)
            return
        changed = self._refusing(lambda: self.exploration.with_cell_step(cells))
        if changed is not None:
            self.commit(changed)
            self.notify(f"step {format_number(changed.step)}: one cell of the chart", timeout=3)

    def action_scale_step(self, factor: float) -> None:
        """Halve the step (``h``: ``factor`` ½) or double it (``H``: 2)."""
        exploration = self.exploration
        changed = self._refusing(
            exploration.halved_step if factor < 1 else exploration.doubled_step
        )
        if changed is not None:
            self.commit(changed)
            # A curve's readout and table show h; a field's step only the sidebar shows
            if changed.function.arity >= 2 and not self.query_one(Sidebar).display:
                self.notify(f"step {format_number(changed.step)}", timeout=2)

    @on(CanvasView.Wheel)
    def _wheel(self, event: CanvasView.Wheel) -> None:
        """Zoom around the data point under the pointer; the pinned point stays pinned."""
        factor = ZOOM if event.direction > 0 else 1 / ZOOM
        about = dict(zip(self.exploration.drawn_symbols, event.coordinates, strict=False))
        shown = self._refusing(lambda: self.exploration.zoomed(factor, about))
        if shown is None:
            return
        pinned = self.pinned
        self.exploration = shown
        same = pinned.function == shown.function
        self.pinned = pinned.with_ranges(shown.ranges) if same else shown

    def _refusing(self, change: Callable[[], Exploration]) -> Exploration | None:
        """``change()``, or None once its refusal (a ValueError's message) is shown: once
        while it is on screen, not once a key of a burst."""
        try:
            return change()
        except ValueError as error:
            message, now = str(error), time.monotonic()
            shown, when = self._refused
            if message != shown or now - when >= REFUSAL_SHOWN:
                self.notify(message, timeout=REFUSAL_SHOWN)
                self._refused = (message, now)
            return None

    def _change_view(self, change: Callable[[], Exploration]) -> None:
        changed = self._refusing(change)
        if changed is not None:
            self.commit(changed)

    def _chart_cells(self) -> tuple[int, ...] | None:
        """The chart's cells across each variable's range, or None with no chart shown."""
        if self.exploration.function.arity >= 2:
            field = self.query_one(FieldView).chart
            return None if field is None else (field.geometry.width, field.geometry.height)
        curve = self.query_one(CurveView).chart
        return None if curve is None else (curve.geometry.width,)

    # --- focus --------------------------------------------------------------------------

    def action_focus_expression(self) -> None:
        """Put the keyboard in the expression field (showing the sidebar if hidden)."""
        if isinstance(self.focused, Input):
            raise SkipAction()  # an ``e`` typed in a field is a letter
        body = self.query_one("#body")
        body.add_class("-sidebar")
        body.remove_class("-no-sidebar")
        self.fit_slices()
        self.focus_now(self.query_one(ExpressionField).input)

    def action_focus_chart(self) -> None:
        """Back to the chart; an expression typed and not applied is dropped. While the
        readout waits for TensorFlow, abandon what it is computing (a restart)."""
        if self.readings.waited() >= WAIT_NOTE:
            self.runner.abandon()
        expression = self.query_one(ExpressionField)
        if expression.input.has_focus:
            expression.drop_draft()
        self.focus_now(self.query_one(ChartColumn))

    # --- what is shown ------------------------------------------------------------------

    def action_retry_tensorflow(self) -> None:
        """Start TensorFlow again, after its process kept dying (``R``)."""
        if not self.supervision.retry():
            raise SkipAction()

    def action_resume(self) -> None:
        """Back to the exploration kept from before this run (the palette's resume)."""
        previous = self.keeping.previous
        if previous is None:
            self.notify("no exploration is kept from before", timeout=4)
            return
        self.commit(previous.exploration)
        self.keeping.show(previous.view)

    def action_toggle_tangent(self) -> None:
        """Show or hide the tangent."""
        self.show_tangent = not self.show_tangent

    def watch_show_tangent(self) -> None:
        """Redraw the cursor with or without the tangent."""
        self.keeping.changed()
        self.draw_cursor()
        if self.reading is not None and self.reading.exploration == self.exploration:
            self.readings.show(self.reading)

    def action_toggle_inside(self) -> None:
        """Show the tape's inside in the tape box, or the tutorial's code again (``g``)."""
        self.show_inside = not self.show_inside

    def watch_show_inside(self) -> None:
        """Rearrange the panels and ask for what the tape box shows now."""
        self.keeping.changed()
        self.panels.inside_changed(self._terminal[1])

    def action_derivatives(self) -> None:
        """Show f′ under f, then f″ too, then f alone again (``d`` cycles)."""
        self.derivatives = (self.derivatives + 1) % 3

    def watch_derivatives(self, old: int, new: int) -> None:
        """A chart with the new panels; the panels below give up rows for them."""
        self.keeping.changed()
        panels = self.query_one("#panels")
        resizes = bool(old) != bool(new)
        panels.set_class(bool(new), "-derivatives")
        self.fit_panels()
        if self.ready and not resizes:
            self.charts.want(self.exploration, new)
        else:  # the resize asks for it, at the new size
            self.charts.follow(self.exploration, new)
        reading = self.reading
        if not new and reading is not None and reading.exploration == self.exploration:
            self.readings.show(reading, table=False)  # the note on f′'s zeros goes with f′

    def action_walk(self, ascent: bool) -> None:
        """Walk from the cursor along ∇f (``w``) or against it (``W``), a step per tick."""
        from tui.widgets.walk_inputs import WalkInputs  # mounted with the first f(x, y)

        if self.exploration.function.arity < 2 or not self.ready:
            return
        inputs = self.query_one(WalkInputs)
        self.show_inside = False  # the walk's table takes the row back from the tree
        self.lab.clear()
        self.walker.start(self.exploration, ascent=ascent, rate=inputs.rate, steps=inputs.steps)

    def action_toggle_slices(self) -> None:
        """Show or hide the slices beside the field.

        A short terminal has room for one slice: ``c`` shows f(x, y₀), then f(x₀, y), then
        neither.
        """
        slices = self.slices
        shown = slices.display
        body = self.query_one("#body")
        if body.has_class("-squeezed"):  # wanted, but the field has no room to spare
            self._say_squeezed()
            return
        x_view, y_view = slices.views()
        if shown and body.has_class("-short") and x_view.display:
            x_view.display, y_view.display = False, True
            self.call_after_refresh(self.follow_slices)
            return
        x_view.display = True
        y_view.display = not (body.has_class("-short") and not shown)
        body.set_class(not shown, "-slices")
        body.set_class(shown, "-no-slices")
        if self.fit_slices():
            self._say_squeezed()
        elif not shown:
            self.call_after_refresh(self.follow_slices)

    def _say_squeezed(self) -> None:
        self.notify("no room for the slices beside the field: s hides the sidebar", timeout=4)

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar."""
        body = self.query_one("#body")
        sidebar = self.query_one(Sidebar)
        shown = sidebar.display
        body.set_class(not shown, "-sidebar")
        body.set_class(shown, "-no-sidebar")
        self.fit_slices()
        if shown and self.focused is not None and sidebar in self.focused.ancestors:
            self.focus_now(self.query_one(ChartColumn))

    def action_export(self) -> None:
        """Save the screen as SVG and plain text, named after the function and the point
        (``x``); a file that can't be written is said on screen, and the app goes on."""
        from tui import export

        export.export_view(self)

    def action_lab(self, ascent: bool) -> None:
        """TensorFlow's four optimizers from the cursor (``o`` downhill, ``O`` uphill)."""
        if self.exploration.function.arity >= 2 and self.ready:
            self.lab.from_cursor(ascent)

    def action_lab_rate(self, factor: float) -> None:
        """η halved (``/``) or doubled (``*``), and the lab on screen run again with it."""
        self.lab.rerate(factor)

    def on_lab_changed(self, message: LabChanged) -> None:
        """The lab's paths on the field, its table in the walk's place (None: neither)."""
        self.lab.show(message.run)

    def action_scroll_tape(self, pages: int) -> None:
        """Scroll the GradientTape panel a page (what TensorFlow printed is at its end)."""
        box = self.query_one("#tape-box", VerticalScroll)
        if pages > 0:
            box.scroll_page_down(animate=False)
        else:
            box.scroll_page_up(animate=False)

    # --- the sidebar's inputs -------------------------------------------------------------

    @on(OptionList.OptionSelected, "#picker")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        if key == EXPRESSION_OPTION:
            self.action_focus_expression()
        elif key is not None:
            self.choose_function(key)
            self.focus_now(self.query_one(ChartColumn))

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
        event.field.remember(event.text)
        self.commit(self.exploration.with_function(function))
        self.focus_now(self.query_one(ChartColumn))

    @on(NumberField.Applied)
    def _number(self, event: NumberField.Applied) -> None:
        kind, _, slot = (event.field.id or "").partition("-")
        exploration = self.exploration
        try:
            if kind == "step":
                self.commit(exploration.with_step(event.value))
                return
            index = "xy".index(slot)
            if index >= len(exploration.drawn_symbols):
                return
            symbol = exploration.drawn_symbols[index]
            if kind == "point":
                self.commit(exploration.placed(symbol, event.value))
                return
            changed = exploration.with_bound(symbol, kind, event.value)
        except ValueError as error:
            event.field.show_error(str(error))
            return
        event.field.show_error(None)
        self.commit(changed)
