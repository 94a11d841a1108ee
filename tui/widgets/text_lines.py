"""A widget of wrapped text lines that repaints only the lines whose text changed.

Terminals over SSH pay for every byte: a readout or a panel whose numbers change on
each keystroke should not resend its unchanged lines, borders and captions.  Subclasses
hand over Rich ``Text`` lines with :meth:`TextLines.set_texts`; each is wrapped to the
width once, kept as a Strip, and compared with the Strip on screen.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip

from tui.textual_patches.kept_style import KeptStyle

WRAPPED_KEPT = 256
"""Wrapped lines kept per widget (the cache starts again when it holds more)."""


class TextLines(KeptStyle, can_focus=False):
    """Cached, wrapped lines; :meth:`set_texts` refreshes only those that changed."""

    DEFAULT_CSS = """
    TextLines {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._texts: list[Text] = []
        self._strips: list[Strip] = []
        self._plain: list[str] = []
        self._width = 0
        self._wrapped: dict[tuple[object, ...], tuple[list[Strip], list[str]]] = {}
        """Wrapped lines by their text and styles, for the width and style in ``_wrapped_for``."""
        self._wrapped_for: tuple[int, Style] | None = None

    @property
    def plain(self) -> str:
        """The lines on screen as plain text."""
        return "\n".join(self._plain)

    def set_texts(self, texts: list[Text]) -> None:
        """Show ``texts`` (one entry a line, wrapped to the width)."""
        self._texts = texts
        self._rewrap()

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self._rewrap()

    def _rewrap(self) -> None:
        width = self.size.width
        if width <= 0:
            self._plain = [t.plain for t in self._texts]
            return
        strips, plain = self._wrap(width)
        if width != self._width or len(strips) != len(self._strips):
            # A new height needs a new layout (the whole screen's); a new width alone
            # only a repaint.
            taller = len(strips) != len(self._strips)
            self._width = width
            self._strips, self._plain = strips, plain
            self.refresh(layout=taller)
            return
        changed = []
        for y, (old, new) in enumerate(zip(self._strips, strips, strict=True)):
            if old is new:
                continue
            if old.text != new.text or list(old) != list(new):
                changed.append(Region(0, y, width, 1))
            else:
                strips[y] = old  # keep the Strip Textual has already rendered
        self._strips, self._plain = strips, plain
        if changed:
            self.refresh(*changed)

    def _wrap(self, width: int) -> tuple[list[Strip], list[str]]:
        base = self.kept_rich_style
        if (width, base) != self._wrapped_for:
            self._wrapped_for = (width, base)
            self._wrapped.clear()
        elif len(self._wrapped) > WRAPPED_KEPT:
            self._wrapped.clear()
        strips: list[Strip] = []
        plain: list[str] = []
        for text in self._texts:
            # A keystroke changes a few numbers: the other lines keep their Strips.
            key = (text.plain, text.style, tuple(text.spans))
            wrapped = self._wrapped.get(key)
            if wrapped is None:
                wrapped = self._wrapped[key] = self._wrap_one(text, width, base)
            strips += wrapped[0]
            plain += wrapped[1]
        return strips, plain

    def _wrap_one(self, text: Text, width: int, base: Style) -> tuple[list[Strip], list[str]]:
        console = self.app.console
        whole = text.plain
        lines: Iterable[Text]
        if not whole or ("\n" not in whole and cell_len(whole) <= width):
            lines = [text]  # it fits: no need for Rich's (slow) wrapping
        else:
            lines = text.wrap(console, max(width, 1), overflow="fold")
        strips: list[Strip] = []
        plain: list[str] = []
        for line in lines:
            segments = [
                Segment(s.text, base + s.style if s.style else base)
                for s in line.render(console)
                if s.text != "\n"
            ]
            strips.append(Strip(segments).adjust_cell_length(width, base))
            plain.append(line.plain)
        return strips, plain

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per wrapped line."""
        if width != self._width and self._texts:
            return len(self._wrap(width)[0])
        return len(self._strips)

    def render_line(self, y: int) -> Strip:
        """A cached line (wrapped here when the first layout gave the widget its width).

        Texts set before the widget had a width (in the app's ``on_mount``) would
        otherwise be wrapped only when its resize event comes, after the first frame,
        and painted in a second frame: over SSH, and with TensorFlow's import holding
        the GIL from the first frame on, a second or more later.
        """
        width = self.size.width
        if width != self._width and width > 0 and self._texts:
            self._strips, self._plain = self._wrap(width)
            self._width = width
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.kept_rich_style)
