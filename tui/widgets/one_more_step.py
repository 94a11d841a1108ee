"""The tutorial's Ted-and-Todd table: f(x), f(x + step), Δf against f'(x)·step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from tui.text import Row


class OneMoreStepPanel(Static):
    """What one more step really adds, next to what the derivative predicts."""

    def __init__(self, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__("", id=id)
        self.ascii = ascii
        self._shown: tuple[str, tuple[Row, ...]] | None = None

    @property
    def plain(self) -> str:
        """The title and the table as plain text."""
        if self._shown is None:
            return ""
        title, rows = self._shown
        return "\n".join([title, *(f"{r.name}  {r.value}  {r.note}" for r in rows)])

    def show_rows(self, title: str, rows: Sequence[Row]) -> None:
        """Show the table; does nothing if nothing changed."""
        key = (title, tuple(rows))
        if key == self._shown:
            return
        self._shown = key
        self.border_title = title
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column(style="italic dim", no_wrap=True, overflow="ellipsis")
        for row in rows:
            table.add_row(row.name, row.value, row.note)
        words = "\nf'·step is the tangent's rise; the curve's own rise Δf differs by its bend."
        caption = Text(words.replace("·", "*").replace("Δ", "d") if self.ascii else words)
        caption.stylize("dim italic")
        self.update(Group(table, caption))

    def show_message(self, message: str) -> None:
        """Show a short message in place of the table."""
        self._shown = None
        self.update(Text(message, style="italic"))
