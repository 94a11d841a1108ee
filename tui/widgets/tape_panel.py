"""The tape panel: the GradientTape code for this function and point, and what it printed.

A line-API widget: the text is wrapped to the panel's width once per update and only
the lines that changed are refreshed (a cursor move changes the numbers, not the code).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

_CODE = Style(color="#87d7ff")
_OUTPUT = Style(color="#d7d7af")
_HEADING = Style(bold=True, dim=True)


class TapePanel(Widget, can_focus=False):
    """Code and output, one wrapped, cached Strip a line."""

    DEFAULT_CSS = """
    TapePanel {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, color: bool = True) -> None:
        super().__init__(id=id)
        self._color = color
        self._texts: list[Text] = []
        self._strips: list[Strip] = []
        self._width = 0

    def show_transcript(self, code: str, output: str) -> None:
        """Show the code and the output it printed."""
        code_style = _CODE if self._color else Style()
        output_style = _OUTPUT if self._color else Style()
        texts = [Text(line, style=code_style) for line in code.splitlines()]
        texts.append(Text("# it printed:", style=_HEADING))
        texts += [Text(line, style=output_style) for line in output.splitlines()]
        self._set(texts)

    def show_message(self, message: str) -> None:
        """A message in place of the transcript."""
        self._set([Text(message, style="italic")])

    def _set(self, texts: list[Text]) -> None:
        self._texts = texts
        self._rewrap()

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self._rewrap(force=True)

    def _rewrap(self, force: bool = False) -> None:
        width = self.size.width
        if width <= 0:
            return
        strips = self._wrap(width)
        if force or width != self._width or len(strips) != len(self._strips):
            self._width = width
            self._strips = strips
            self.refresh(layout=True)
            return
        for y, (old, new) in enumerate(zip(self._strips, strips, strict=True)):
            if old.text != new.text or list(old) != list(new):
                self.refresh(Region(0, y, width, 1))
        self._strips = strips

    def _wrap(self, width: int) -> list[Strip]:
        console = self.app.console
        base = self.rich_style
        strips = []
        for text in self._texts:
            lines = text.wrap(console, width, overflow="fold") if text.plain else [text]
            for line in lines:
                segments = [
                    Segment(s.text, base + s.style if s.style else base)
                    for s in line.render(console)
                    if s.text != "\n"
                ]
                strips.append(Strip(segments).adjust_cell_length(width, base))
        return strips

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per wrapped line."""
        return len(self._strips)

    def render_line(self, y: int) -> Strip:
        """A cached line."""
        if y < len(self._strips):
            return self._strips[y]
        return Strip.blank(self.size.width, self.rich_style)
