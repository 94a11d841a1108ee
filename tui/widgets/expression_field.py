"""The expression input: Enter parses what was typed; a mistake is shown at its column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.history import History, state_dir
from tui.widgets.compact_input import CompactInput


class ExpressionInput(CompactInput):
    """The expression's input: ↑ and ↓ recall the expressions applied before."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "recall(-1)", "earlier expression", show=False),
        Binding("down", "recall(1)", "later expression", show=False),
    ]

    def action_recall(self, direction: int) -> None:
        """Show the expression before (``-1``) or after (``1``) the one shown."""
        field = self.parent
        if not isinstance(field, ExpressionField):
            return
        history = field.history
        text = history.older(self.value) if direction < 0 else history.newer()
        if text is not None:
            field.recalled = text
            self.value = text
            self.cursor_position = len(text)


class ExpressionField(Vertical):
    """``f = [ x**3 ]``, with ``^ column 4: …`` under it when the expression is wrong."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.focus_chart", "back to the chart", key_display="esc"),
    ]

    DEFAULT_CSS = """
    ExpressionField {
        height: auto;
    }
    ExpressionField .error {
        display: none;
        color: $text-error;
    }
    ExpressionField.-invalid .error {
        display: block;
    }
    ExpressionField .hint {
        display: none;
        color: $text-muted;
    }
    """

    @dataclass
    class Submitted(Message):
        """Enter was pressed on ``text``: the explorer parses it."""

        field: ExpressionField
        text: str

    def __init__(self, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self._error: Static | None = None
        self._shown = ""
        """The function's expression on screen (the field's text, unless a draft is)."""
        self._history: History | None = None
        self.recalled: str | None = None
        """The text ↑ or ↓ last put in the input: its change is not an edit."""

    @property
    def history(self) -> History:
        """The applied expressions, read from their file when first wanted."""
        if self._history is None:
            directory = state_dir()
            self._history = History.load(
                None if directory is None else directory / "expressions.json"
            )
            self._say_problem()
        return self._history

    def remember(self, text: str) -> None:
        """``text`` was applied: the newest of the history (and saved)."""
        self.history.add(text)
        self._say_problem()

    def _say_problem(self) -> None:
        history = self._history
        if history is not None and history.problem:
            self.app.notify(history.problem, severity="warning", timeout=6)
            history.problem = None

    def compose(self) -> ComposeResult:
        """The input and the hint (shown while typing here); the error joins them with
        the first mistake."""
        yield ExpressionInput(
            select_on_focus=True,
            placeholder="e.g. x**3 or x*y",
        )
        yield Static("enter applies, esc goes back", classes="hint")

    @property
    def input(self) -> Input:
        """The input widget."""
        return self.query_one(Input)

    def show_text(self, text: str) -> None:
        """Show the current function's expression (unless the person is typing here)."""
        self._shown = text
        field = self.input
        if not field.has_focus and field.value != text:
            field.value = text

    # The hint shows while the input has the focus; not by ``:focus-within`` in the CSS,
    # which Textual re-applies on a focus change only under a node that rule styles itself
    # (it styled the hint, not the field: the hint stayed as some other restyle left it).
    def on_descendant_focus(self) -> None:
        """Show the hint."""
        self.query_one(".hint").display = True

    def on_descendant_blur(self) -> None:
        """Hide the hint (what was typed stays: the terminal may only have lost the focus)."""
        self.query_one(".hint").display = False

    def drop_draft(self) -> None:
        """Put back the expression on screen and clear the error (Escape)."""
        self.show_error(None)
        if self.input.value != self._shown:
            self.input.value = self._shown

    def show_error(self, message: str | None, column: int | None = None) -> None:
        """Show ``message`` with a caret under ``column`` (1-based), or clear it with None."""
        self.set_class(message is not None, "-invalid")
        if message is None:
            return
        if column is not None:
            caret = " " * (column - 1) + "^"
            text = f"{caret}\ncolumn {column}: {message}"
        else:
            text = message
        if self._error is None:
            self._error = Static(text, classes="error")
            self.mount(self._error, after=self.input)
        else:
            self._error.update(text)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.value))

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.recalled and self._history is not None:
            self.recalled = None
            self._history.edited()
