"""The tutorial's Ted-and-Todd table: f(x), f(x + h), Δf against f'(x)·h, and the limit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

from tui.text import ascii_text
from tui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from tui.text import Row

CAPTION = (
    "f'·h is the tangent's rise, Δf the curve's. Halve h (key h): Δf/h tends to f', "
    "and what is left, Δf − f'·h, to ½f''·h²."
)


class OneMoreStepPanel(TextLines):
    """What one more step really adds, next to what the derivative predicts."""

    def __init__(self, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self._shown: tuple[str, tuple[Row, ...]] | None = None

    def show_rows(self, title: str, rows: Sequence[Row]) -> None:
        """Show the table (columns aligned); does nothing if nothing changed."""
        key = (title, tuple(rows))
        if key == self._shown:
            return
        self._shown = key
        if self.border_title != title:
            self.border_title = title
        names = max(len(r.name) for r in rows)
        values = max(len(r.value) for r in rows)
        texts = []
        for row in rows:
            line = Text()
            line.append(row.name.ljust(names + 1), "dim")
            line.append(row.value.rjust(values), "bold")
            line.append(f" {row.note}", "italic dim")
            texts.append(line)
        caption = ascii_text(CAPTION) if self.ascii else CAPTION
        texts += [Text(""), Text(caption, style="dim italic")]
        self.set_texts(texts)

    def show_message(self, message: str) -> None:
        """Show a short message in place of the table."""
        self._shown = None
        self.set_texts([Text(message, style="italic")])
