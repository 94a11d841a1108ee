"""Colours and glyphs for the charts: a dark and a light palette, no-colour and ASCII modes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tensortown.chart.canvas import PLAIN, Style, mix


@dataclass(frozen=True)
class Glyphs:
    """The characters a chart is drawn with."""

    horizontal: str
    vertical: str
    corner: str
    tick_x: str
    tick_y: str
    cursor: str
    marker: str
    tangent: str
    secant: str
    """The secant's glyph without braille (with it, the secant is a dashed braille line)."""
    secant_marker: str
    """At (x + h, f(x + h)), the secant's other point."""
    zero: str
    curve_marker: str
    """plotext's marker for curves: ``braille`` (2×4 dots a cell) or one ASCII character."""
    arrows: tuple[str, ...]
    """→ ↗ ↑ ↖ ← ↙ ↓ ↘: counter-clockwise from east, 45° apart."""
    still: str
    """Where the gradient is about zero."""
    undefined: str
    ramp: str
    """Shades from least to most, for no-colour fields."""
    field_cursor: str
    pointer_x: str
    pointer_y: str

    @property
    def sub_columns(self) -> int:
        """Dots across one cell of a curve."""
        return 2 if self.curve_marker == "braille" else 1

    @property
    def sub_rows(self) -> int:
        """Dots down one cell of a curve."""
        return 4 if self.curve_marker == "braille" else 1


UNICODE = Glyphs(
    horizontal="─",
    vertical="│",
    corner="└",
    tick_x="┬",
    tick_y="┤",
    cursor="│",
    marker="●",
    tangent="·",
    secant=":",
    secant_marker="○",
    zero="┈",
    curve_marker="braille",
    arrows=("→", "↗", "↑", "↖", "←", "↙", "↓", "↘"),
    still="·",
    undefined="?",
    ramp=" .:-=+*#%@",
    field_cursor="◆",
    pointer_x="▲",
    pointer_y="▶",
)

ASCII = Glyphs(
    horizontal="-",
    vertical="|",
    corner="+",
    tick_x="+",
    tick_y="+",
    cursor="|",
    marker="O",
    tangent=".",
    secant=":",
    secant_marker="o",
    zero="-",
    curve_marker="*",
    arrows=(">", "/", "^", "\\", "<", "/", "v", "\\"),
    still=".",
    undefined="?",
    ramp=" .:-=+*#%@",
    field_cursor="X",
    pointer_x="^",
    pointer_y=">",
)


@dataclass(frozen=True)
class Palette:
    """The colours of one theme, as ``#rrggbb``."""

    axis: str
    text: str
    label: str
    curves: tuple[str, str, str]
    """f, f' and f''."""
    zero: str
    cursor: str
    marker: str
    tangent: str
    secant: str
    low: str
    """Field shade for the least value (lighter)."""
    high: str
    """Field shade for the most value (darker)."""
    undefined_bg: str
    highlight: str
    paths: tuple[str, str, str, str]
    """The optimizers' paths on the field: gradient descent, momentum, RMSprop, Adam."""


DARK = Palette(
    axis="#8a8f98",
    text="#c5c8c6",
    label="#e6e6e6",
    curves=("#5fafff", "#ffaf5f", "#af87ff"),
    zero="#4e4e4e",
    cursor="#d7d75f",
    marker="#ff5f5f",
    tangent="#5fd787",
    secant="#ff87ff",
    low="#f4f1d0",
    high="#0b3d2e",
    undefined_bg="#3a3a3a",
    highlight="#ff3fa4",
    paths=("#ff3fa4", "#ffd700", "#00d7ff", "#ff8700"),
)

LIGHT = Palette(
    axis="#6c6c6c",
    text="#303030",
    label="#000000",
    curves=("#005fd7", "#d75f00", "#8700af"),
    zero="#c6c6c6",
    cursor="#af8700",
    marker="#d70000",
    tangent="#008700",
    secant="#af00af",
    low="#fbf8e0",
    high="#0b3d2e",
    undefined_bg="#d0d0d0",
    highlight="#d7005f",
    paths=("#d7005f", "#af8700", "#0087af", "#d75f00"),
)


_ASCII_WORDS = {
    "′": "'", "″": "''", "²": "^2", "³": "^3", "·": "*", "×": "x", "…": "~", "∂": "d",
    "−": "-", "≤": "<=", "≥": ">=", "√": "sqrt", "∇": "grad", "ln": "ln", "Δ": "d",
    "½": "1/2",
}  # fmt: skip


@dataclass(frozen=True)
class Theme:
    """What a chart looks like: palette, colour on or off, Unicode or ASCII."""

    palette: Palette = DARK
    color: bool = True
    ascii: bool = False
    glyphs: Glyphs = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "glyphs", ASCII if self.ascii else UNICODE)

    @classmethod
    def from_environment(
        cls, *, no_color: bool = False, ascii: bool = False, light: bool = False
    ) -> Theme:
        """The theme for the command line: colour unless ``no_color`` or ``NO_COLOR`` is set."""
        color = not no_color and not os.environ.get("NO_COLOR")
        return cls(LIGHT if light else DARK, color=color, ascii=ascii)

    @property
    def ellipsis(self) -> str:
        """What ends a cut text: ``…``, or ``~`` in ASCII."""
        return "~" if self.ascii else "…"

    def words(self, text: str) -> str:
        """``text`` as it may be shown: in ASCII mode f′ becomes f', x² becomes x^2, and so on."""
        if not self.ascii or text.isascii():
            return text
        for fancy, plain in _ASCII_WORDS.items():
            text = text.replace(fancy, plain)
        return "".join(c if c.isascii() else "?" for c in text)

    def fg(self, color: str, bold: bool = False) -> Style:
        """A foreground-only style, or plain without colour."""
        return Style(fg=color, bold=bold) if self.color else PLAIN

    def shade(self, t: float) -> str:
        """The field's background for a value a fraction ``t`` from the least to the most."""
        return mix(self.palette.low, self.palette.high, t)
