"""A labelled number input that checks what is typed and says what is wrong beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from tensortown.numbers import format_number, parse_number
from tui.widgets.compact_input import CompactInput


class NumberField(Widget):
    """``label [ 20 ]``; Enter (or leaving the field) applies a valid number.

    A grid of two columns, without a row container: a widget fewer per field to mount
    and style in the first frame.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.focus_chart", "back to the chart", key_display="esc"),
    ]

    DEFAULT_CSS = """
    NumberField {
        layout: grid;
        grid-size: 2;
        grid-columns: 7 1fr;
        width: 1fr;
        height: auto;
    }
    NumberField Label {
        width: 7;
        color: $text-muted;
    }
    NumberField Input {
        width: 1fr;
    }
    NumberField .error {
        column-span: 2;
        display: none;
        color: $text-error;
        padding-left: 7;
    }
    NumberField.-invalid .error {
        display: block;
    }
    """

    @dataclass
    class Applied(Message):
        """A valid number was entered in ``field``."""

        field: NumberField
        value: float

    def __init__(self, label: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self._value: float | None = None
        self._input: Input | None = None
        """The input, once composed (a field mounted a moment ago is shown its value then)."""
        self._label: Label | None = None
        self._error: Static | None = None

    def compose(self) -> ComposeResult:
        """Label and input on one line (the error joins them under it when there is one)."""
        text = None if self._value is None else format_number(self._value)
        self._input = CompactInput(text, select_on_focus=True)
        self._label = Label(self.label)
        yield self._label
        yield self._input

    def set_label(self, label: str) -> None:
        """Change the label (the variable of a function of y is called y)."""
        if label != self.label:
            self.label = label
            if self._label is not None:
                self._label.update(label)

    @property
    def input(self) -> Input:
        """The input widget."""
        return self.query_one(Input)

    def show_value(self, value: float) -> None:
        """Show ``value`` (unless the person is typing here) and clear any error."""
        self._value = value
        field = self._input
        if field is None:
            return  # not composed yet: compose shows it
        if field.has_focus:
            return
        text = format_number(value)
        if field.value != text:
            field.value = text
        self.show_error(None)

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the field, or clear it with None.

        The line for it is mounted with the first mistake: most fields never show one,
        and a widget fewer each is less to style in the first frame.
        """
        self.set_class(message is not None, "-invalid")
        if message is None:
            return
        if self._error is None:
            self._error = Static(message, classes="error")
            self.mount(self._error)
        else:
            self._error.update(message)

    @on(Input.Changed)
    def _check(self, event: Input.Changed) -> None:
        event.stop()
        try:
            parse_number(event.value)
        except ValueError as error:
            self.show_error(str(error))
        else:
            self.show_error(None)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply(event.value)

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if self._value is None or event.value.strip() != format_number(self._value):
            self._apply(event.value, quiet=True)

    def _apply(self, text: str, quiet: bool = False) -> None:
        try:
            value = parse_number(text)
        except ValueError as error:
            self.show_error(str(error))
            return
        if quiet and self._value is not None and value == self._value:
            return
        self.post_message(self.Applied(self, value))
