"""A grid of terminal cells (a glyph and a style each) that prints as ANSI or plain text.

The TUI turns each row into Rich segments with :meth:`Canvas.runs`; the command line prints
:meth:`Canvas.ansi` or :meth:`Canvas.plain`. Overlays copy only the rows they touch
(:meth:`Canvas.derive`), so moving a cursor never copies the whole chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """Colours of one cell: ``#rrggbb`` strings or None for the terminal's own."""

    fg: str | None = None
    bg: str | None = None
    bold: bool = False

    def ansi(self) -> str:
        """The SGR escape sequence that switches to this style (after a reset)."""
        codes = ["0"]
        if self.bold:
            codes.append("1")
        if self.fg is not None:
            codes.append("38;2;{};{};{}".format(*hex_to_rgb(self.fg)))
        if self.bg is not None:
            codes.append("48;2;{};{};{}".format(*hex_to_rgb(self.bg)))
        return "\x1b[" + ";".join(codes) + "m"


PLAIN = Style()
"""No colour at all."""


def hex_to_rgb(color: str) -> tuple[int, int, int]:
    """``#1f77b4`` as ``(31, 119, 180)``."""
    value = int(color.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def rgb_to_hex(rgb: Iterable[float]) -> str:
    """``(31, 119, 180)`` as ``#1f77b4`` (rounded and clamped to 0…255)."""
    r, g, b = (min(255, max(0, round(c))) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def mix(a: str, b: str, t: float) -> str:
    """The colour a fraction ``t`` of the way from ``a`` to ``b``."""
    ra, rb = hex_to_rgb(a), hex_to_rgb(b)
    return rgb_to_hex(x + (y - x) * t for x, y in zip(ra, rb, strict=True))


class Canvas:
    """A ``width`` × ``height`` grid of cells; rows are lists, shared between derived canvases."""

    __slots__ = ("chars", "height", "styles", "width")

    def __init__(self, width: int, height: int, fill: str = " ", style: Style = PLAIN) -> None:
        self.width = width
        self.height = height
        self.chars: list[list[str]] = [[fill] * width for _ in range(height)]
        self.styles: list[list[Style]] = [[style] * width for _ in range(height)]

    def put(self, column: int, row: int, char: str, style: Style | None = None) -> None:
        """Set one cell, ignoring cells outside the grid; ``style=None`` keeps the old one."""
        if 0 <= row < self.height and 0 <= column < self.width:
            self.chars[row][column] = char
            if style is not None:
                self.styles[row][column] = style

    def text(self, column: int, row: int, text: str, style: Style | None = None) -> None:
        """Write ``text`` from (column, row) rightwards, clipped to the grid."""
        for i, char in enumerate(text):
            self.put(column + i, row, char, style)

    def paint(self, column: int, row: int, style: Style) -> None:
        """Change one cell's style, keeping its glyph."""
        if 0 <= row < self.height and 0 <= column < self.width:
            self.styles[row][column] = style

    def derive(self, rows: Iterable[int]) -> Canvas:
        """A canvas that shares every row with this one except ``rows``, which it copies."""
        other = Canvas.__new__(Canvas)
        other.width, other.height = self.width, self.height
        other.chars = list(self.chars)
        other.styles = list(self.styles)
        for row in rows:
            if 0 <= row < self.height:
                other.chars[row] = self.chars[row][:]
                other.styles[row] = self.styles[row][:]
        return other

    def runs(self, row: int) -> list[tuple[str, Style]]:
        """Row ``row`` as (text, style) runs: the shape Rich segments want."""
        chars, styles = self.chars[row], self.styles[row]
        out: list[tuple[str, Style]] = []
        start = 0
        for i in range(1, self.width + 1):
            if i == self.width or styles[i] != styles[start]:
                out.append(("".join(chars[start:i]), styles[start]))
                start = i
        return out

    def lines(self) -> Iterator[str]:
        """Each row as plain text."""
        for chars in self.chars:
            yield "".join(chars)

    def plain(self) -> str:
        """The grid as text without colour, one line per row."""
        return "\n".join(self.lines())

    def ansi(self) -> str:
        """The grid as text with 24-bit colour escapes, one line per row, each ending reset."""
        out = []
        for row in range(self.height):
            parts = []
            for text, style in self.runs(row):
                parts.append(text if style == PLAIN else style.ansi() + text + "\x1b[0m")
            out.append("".join(parts))
        return "\n".join(out)

    def render(self, color: bool) -> str:
        """:meth:`ansi` or :meth:`plain`."""
        return self.ansi() if color else self.plain()
