"""The walk's two inputs in the sidebar: the learning rate η and the number of steps."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from tensortown.walk import MAX_STEPS
from tui.widgets.number_field import NumberField

RATE = 0.1
"""η to start with (as ``tensortown walk``)."""
STEPS = 50
"""Steps to start with (as ``tensortown walk``)."""


def check_rate(value: float) -> str | None:
    """Why ``value`` can't be a learning rate, or None when it can."""
    return None if value > 0 else "the learning rate η must be more than 0"


def check_steps(value: float) -> str | None:
    """Why ``value`` can't be a number of steps, or None when it can."""
    if value != int(value) or not 1 <= value <= MAX_STEPS:
        return f"the steps are a whole number from 1 to {MAX_STEPS:,}"
    return None


class WalkInputs(Vertical):
    """``rate η [0.1]`` and ``steps [50]``; ``w``/``W`` read :attr:`rate` and :attr:`steps`."""

    DEFAULT_CSS = """
    WalkInputs {
        height: auto;
    }
    """

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, ascii: bool = False
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.ascii = ascii
        self.rate = RATE
        """The learning rate the next walk uses."""
        self.steps = STEPS
        """The most steps the next walk takes."""

    def compose(self) -> ComposeResult:
        """The two fields."""
        yield NumberField("rate" if self.ascii else "rate η", id="walk-rate")
        yield NumberField("steps", id="walk-steps")

    def on_mount(self) -> None:
        """Show the starting values."""
        self.query_one("#walk-rate", NumberField).show_value(self.rate)
        self.query_one("#walk-steps", NumberField).show_value(self.steps)

    def set_rate(self, rate: float) -> None:
        """A new learning rate (``/`` and ``*``), shown in its field."""
        self.rate = rate
        for field in self.query("#walk-rate").results(NumberField):  # none until composed
            field.show_value(rate)

    @on(NumberField.Applied)
    def _applied(self, event: NumberField.Applied) -> None:
        """Keep a valid value; say what is wrong with another (the app never sees these)."""
        event.stop()
        rate_field = event.field.id == "walk-rate"
        problem = (check_rate if rate_field else check_steps)(event.value)
        if problem is not None:
            event.field.show_error(problem)
            return
        event.field.show_value(event.value)
        if rate_field:
            self.rate = event.value
        else:
            self.steps = int(event.value)
