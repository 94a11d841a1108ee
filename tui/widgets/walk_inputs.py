"""The walk's inputs in the sidebar: the learning rate η and the number of steps, and the
optimizer lab's own parameters (momentum, Adam's β₁ and β₂)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tensortown.optimizers import Settings
from tensortown.walk import MAX_STEPS
from tui.widgets.number_field import NumberField

RATE = 0.1
"""η to start with (as ``tensortown walk``)."""
STEPS = 50
"""Steps to start with (as ``tensortown walk``)."""


def check_rate(value: float) -> str | None:
    """Why ``value`` can't be a learning rate, or None when it can."""
    return None if value > 0 else "the learning rate η must be more than 0"


def check_fraction(value: float) -> str | None:
    """Why ``value`` can't be a momentum or a β, or None when it can."""
    return None if 0 <= value < 1 else "it must be at least 0 and less than 1"


def check_steps(value: float) -> str | None:
    """Why ``value`` can't be a number of steps, or None when it can."""
    if value != int(value) or not 1 <= value <= MAX_STEPS:
        return f"the steps are a whole number from 1 to {MAX_STEPS:,}"
    return None


FIELDS = {
    "rate": check_rate,
    "steps": check_steps,
    "momentum": check_fraction,
    "beta1": check_fraction,
    "beta2": check_fraction,
}
"""Each field's attribute (its id after ``walk-``) and the check of its value."""


class WalkInputs(Vertical):
    """``rate η [0.1]`` and ``steps [50]``, which ``w``/``W`` and ``o``/``O`` read, and the
    optimizers' momentum ``μ``, Adam's ``β₁`` and ``β₂`` (:attr:`settings`)."""

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
        defaults = Settings()
        self.momentum, self.beta1, self.beta2 = defaults.momentum, defaults.beta1, defaults.beta2

    @property
    def settings(self) -> Settings:
        """The optimizers' settings: η and their own parameters."""
        return Settings(self.rate, self.momentum, self.beta1, self.beta2)

    def compose(self) -> ComposeResult:
        """The fields."""
        yield NumberField("rate" if self.ascii else "rate η", id="walk-rate")
        yield NumberField("steps", id="walk-steps")
        yield Static("Optimizers  o down  O up", id="optimizers-heading", classes="heading")
        yield NumberField("mu" if self.ascii else "μ", id="walk-momentum")
        yield NumberField("beta1" if self.ascii else "β₁", id="walk-beta1")
        yield NumberField("beta2" if self.ascii else "β₂", id="walk-beta2")

    def on_mount(self) -> None:
        """Show the starting values."""
        for name in FIELDS:
            self.query_one(f"#walk-{name}", NumberField).show_value(getattr(self, name))

    def set_rate(self, rate: float) -> None:
        """A new learning rate (``/`` and ``*``), shown in its field."""
        self.rate = rate
        for field in self.query("#walk-rate").results(NumberField):  # none until composed
            field.show_value(rate)

    @on(NumberField.Applied)
    def _applied(self, event: NumberField.Applied) -> None:
        """Keep a valid value; say what is wrong with another (the app never sees these)."""
        event.stop()
        name = (event.field.id or "").removeprefix("walk-")
        problem = FIELDS[name](event.value)
        if problem is not None:
            event.field.show_error(problem)
            return
        event.field.show_value(event.value)
        setattr(self, name, int(event.value) if name == "steps" else event.value)
