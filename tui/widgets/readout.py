"""The readout under the chart: ``x = 20  f(x) = $600.00  f'(x) = 10 …``, and why undefined."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

if TYPE_CHECKING:
    from tui.text import Item

GAP = "   "
"""Between two items."""


class Readout(Widget):
    """``name = value unit`` items packed into lines (never split), then a note."""

    DEFAULT_CSS = """
    Readout {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._items: tuple[Item, ...] = ()
        self._note = ""
        self._note_class = ""

    def show_items(self, items: Sequence[Item], note: str = "", note_class: str = "") -> None:
        """Show ``items`` and a note; does nothing if nothing changed."""
        items = tuple(items)
        if (items, note, note_class) == (self._items, self._note, self._note_class):
            return
        lines_before = len(self._lines(self.size.width))
        self._items, self._note, self._note_class = items, note, note_class
        self.refresh(layout=len(self._lines(self.size.width)) != lines_before)

    @property
    def plain(self) -> str:
        """The readout as plain text (one line per line on screen)."""
        return self.render().plain

    def _lines(self, width: int) -> list[list[Item]]:
        lines: list[list[Item]] = [[]]
        used = 0
        for item in self._items:
            size = len(_item_text(item))
            if lines[-1] and width > 0 and used + len(GAP) + size > width:
                lines.append([])
                used = 0
            used += (len(GAP) if lines[-1] else 0) + size
            lines[-1].append(item)
        return lines

    def render(self) -> Text:
        """The packed items and the note."""
        text = Text(no_wrap=False, overflow="fold")
        for n, line in enumerate(self._lines(self.size.width)):
            if n:
                text.append("\n")
            for i, item in enumerate(line):
                if i:
                    text.append(GAP)
                text.append(f"{item.name} = ", "dim")
                text.append(item.value, "bold")
                if item.unit:
                    text.append(f" {item.unit}", "dim")
        if self._note:
            text.append("\n")
            text.append(self._note, "bold red" if self._note_class == "error" else "italic")
        return text

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The packed lines and the note (wrapped)."""
        lines = len(self._lines(width)) if self._items else 0
        if self._note:
            lines += max(1, -(-len(self._note) // max(1, width)))
        return max(1, lines)


def _item_text(item: Item) -> str:
    return f"{item.name} = {item.value}" + (f" {item.unit}" if item.unit else "")
