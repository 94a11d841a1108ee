"""A scrollbar for terminals without Unicode."""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBarRender


class AsciiScrollBarRender(ScrollBarRender):
    """A scrollbar drawn with spaces only: the thumb's ends are no block characters."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8
