"""The readout under the chart: ``x = 20  f(x) = $600.00  f'(x) = 10 …``, and a note."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from tui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from tui.text import Item

GAP = "   "
"""Between two items."""


class Readout(TextLines):
    """``name = value unit`` items packed into lines (an item is never split), then a note."""

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
        self._items, self._note, self._note_class = items, note, note_class
        self._pack()

    def on_resize(self) -> None:
        """Pack the items again for the new width."""
        self._pack()
        super().on_resize()

    def _pack(self) -> None:
        width = self.size.width
        lines: list[Text] = [Text()]
        used = 0
        for item in self._items:
            size = len(_item_text(item))
            line = lines[-1]
            if line.plain and width > 0 and used + len(GAP) + size > width:
                line = Text()
                lines.append(line)
                used = 0
            if line.plain:
                line.append(GAP)
                used += len(GAP)
            line.append(f"{item.name} = ", "dim")
            line.append(item.value, "bold")
            if item.unit:
                line.append(f" {item.unit}", "dim")
            used += size
        if self._note:
            style = "bold red" if self._note_class == "error" else "italic"
            lines.append(Text(self._note, style=style))
        self.set_texts(lines)


def _item_text(item: Item) -> str:
    return f"{item.name} = {item.value}" + (f" {item.unit}" if item.unit else "")
