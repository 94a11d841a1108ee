"""The table of a gradient walk: k, (x, y), f and |∇f| for each step, and why it stopped."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from tensortown.numbers import format_money
from tui.text import ascii_text
from tui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tensortown.walk import Step

SHORT = 4
"""Significant digits in the table: a walk is read for its shape, the readout has seven."""

HINT = (
    "w walks uphill from the cursor along ∇f, W downhill; o runs TensorFlow's optimizers "
    "downhill, O uphill; η and the steps are in the sidebar (s). c: the slices."
)


def short_number(value: float | None, digits: int = SHORT) -> str:
    """``26.25``, ``6.714``, ``4.282e-5`` (``digits`` significant); ``undefined`` for nan."""
    if value is None or not math.isfinite(value):
        return "undefined"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}" if abs(value) >= 1e-3 else f"{value:.{digits - 1}e}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def step_cells(function: Function, step: Step, digits: int = SHORT) -> tuple[str, str, str, str]:
    """One row of the table: k, the point, f and |∇f|."""
    where = "(" + ", ".join(short_number(step.point[s], digits) for s in function.symbols) + ")"
    value = (
        format_money(step.value)
        if function.is_money and step.value is not None
        else short_number(step.value, digits)
    )
    return (str(step.k), where, value, short_number(step.norm, digits))


@dataclass(frozen=True)
class WalkView:
    """What the table shows: the walk so far and its state."""

    function: Function
    steps: tuple[Step, ...]
    ascent: bool
    rate: float
    stop: str | None
    """Why it stopped, or None while it runs."""
    stop_code: str = ""


def table_lines(view: WalkView, room: int, width: int = 0, *, ascii: bool = False) -> list[str]:
    """The header and the rows that fit in ``room`` lines (the first, a gap, the latest).

    Numbers lose digits (4, then 3, then 2 significant) until a row fits in ``width``.
    """
    for digits in (SHORT, 3, 2):
        lines = _table_lines(view, room, digits, ascii=ascii)
        if width <= 0 or max(len(line) for line in lines) <= width:
            break
    return lines


def _table_lines(view: WalkView, room: int, digits: int, *, ascii: bool) -> list[str]:
    norm = "|grad f|" if ascii else "|∇f|"
    head = ("k", f"({', '.join(view.function.symbols)})", "f", norm)
    room = max(room - 1, 1)
    steps = list(view.steps)
    skipped = 0
    if len(steps) > room:
        keep = max(room - 2, 1)
        skipped = len(steps) - 1 - keep
        steps = [steps[0], *steps[-keep:]] if room >= 3 else steps[-room:]
    rows = [step_cells(view.function, s, digits) for s in steps]
    widths = [max(len(r[i]) for r in (head, *rows)) for i in range(4)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i == 1 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    lines = [line(head)] + [line(r) for r in rows]
    if skipped and room >= 3:
        dots = "..." if ascii else "⋮"
        lines.insert(2, f"{dots.rjust(widths[0])}  ({skipped} more)")
    return lines


class WalkTable(TextLines):
    """The steps of the last walk (the latest at the bottom) and its stop reason."""

    DEFAULT_CSS = """
    WalkTable {
        height: 100%;
    }
    """

    def __init__(self, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self.view: WalkView | None = None
        self.lab = False
        """True while the optimizer lab's table is shown."""
        """The walk on show (None: the hint)."""
        self.steps: list[str] = []
        """One more step along each variable at the cursor, shown over the hint."""

    def show_hint(self) -> None:
        """No walk on show: one more step along each variable, and how to start a walk."""
        self.view, self.lab = None, False
        self._set_title("Gradient walk")
        hint = ascii_text(HINT.replace("η", "the rate")) if self.ascii else HINT
        texts = [Text(line) for line in self.steps]
        if texts:
            texts[0].stylize("dim")
            texts.append(Text(""))
        self.set_texts([*texts, Text(hint, style="italic dim")])

    def show_steps(self, lines: list[str]) -> None:
        """The cursor's one-more-step lines: shown now if no walk or lab is."""
        if lines == self.steps:
            return
        self.steps = lines
        if self.view is None and not self.lab:
            self.show_hint()

    def show_lab(self, title: str, texts: list[Text]) -> None:
        """The optimizer lab's table (:mod:`tui.lab`), in place of a walk's."""
        self.view, self.lab = None, True
        self._set_title(title)
        if texts:
            texts[0].stylize("dim")
        self.set_texts(texts)

    def show_walk(self, view: WalkView) -> None:
        """Show the walk so far (``view.stop`` None while it runs)."""
        self.view, self.lab = view, False
        kind = "ascent" if view.ascent else "descent"
        eta = "rate" if self.ascii else "η"
        self._set_title(f"Gradient {kind}  {eta} = {short_number(view.rate)}")
        self._draw()

    @property
    def stop_reason(self) -> str:
        """The last line: why the walk stopped (empty while it runs or before any walk)."""
        return self.view.stop or "" if self.view is not None else ""

    def last_row(self) -> tuple[str, str, str, str] | None:
        """The latest step's cells, or None."""
        if self.view is None or not self.view.steps:
            return None
        return step_cells(self.view.function, self.view.steps[-1])

    def on_resize(self) -> None:
        """Fit the rows to the new height."""
        if self.view is not None:
            self._draw()
        super().on_resize()

    def _set_title(self, title: str) -> None:
        if self.border_title != title:
            self.border_title = title

    def _draw(self) -> None:
        view = self.view
        if view is None:
            return
        if view.stop is None:
            note = Text(
                "walking... any key stops" if self.ascii else "walking… any key stops",
                style="italic",
            )
        else:
            reason = ascii_text(view.stop) if self.ascii else view.stop
            style = "bold red" if view.stop_code == "undefined" else "italic"
            note = Text(f"stopped: {reason}", style=style)
        width, height = self.content_size
        note_lines = -(-len(note.plain) // max(width, 1))
        room = max(height - note_lines, 2)
        lines = table_lines(view, room, width, ascii=self.ascii)
        texts = [Text(line) for line in lines]
        texts[0].stylize("dim")
        if len(texts) > 1:
            texts[-1].stylize("bold")
        self.set_texts([*texts, note])
