"""The top line: the app's name, the function's title and its formula."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TitleBar(Widget):
    """``TensorTown │ Weekly pay   f(x) = 0.25x² + 500`` and a status at the right."""

    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        width: 1fr;
    }
    """

    title: reactive[str] = reactive("")
    """The function's title."""
    formula: reactive[str] = reactive("")
    """The function's formula."""
    status: reactive[str] = reactive("")
    """A short note at the right (loading, pinned ...)."""

    def __init__(self, *, ascii: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ascii = ascii

    def render(self) -> Text:
        """Name, title and formula; the status right-aligned.

        Each gap ends the span before it, in that span's style, so no span starts with a
        space: an SVG screenshot draws each span from its own cell, and some viewers
        (librsvg, for one) drop a span's leading spaces, which ran the title into the
        formula (``Weekly payf(x)``).  A terminal shows the same cells either way.
        """
        bar = "|" if self.ascii else "│"
        text = Text.assemble(
            " ",
            ("TensorTown ", "bold"),
            (f"{bar} ", "dim"),
            (f"{self.title}   ", "bold"),
            (self.formula, ""),
        )
        if self.status:
            room = self.size.width - text.cell_len - len(self.status) - 1
            if room > 1:
                text.append(" " * room)
                text.append(self.status + " ", "italic")
        text.truncate(self.size.width)
        return text
