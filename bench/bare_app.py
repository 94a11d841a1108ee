"""A bare Textual app: one line of text.  ``make bench`` starts it beside TensorTown.

Its first frame is how fast this machine starts Textual at all at that moment: start-up
times here move by a third between minutes, so the table shows both, from the same runs.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Static


class BareApp(App[None]):
    """Shows the words the benchmark waits for, and quits on ``q``."""

    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "quit")]

    def compose(self) -> ComposeResult:
        """One Static."""
        yield Static("TensorTown  Point")


if __name__ == "__main__":
    BareApp().run()
