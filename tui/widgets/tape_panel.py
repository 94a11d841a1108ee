"""The tape panel: the GradientTape code for this function and point, and what it printed.

A cursor move changes a few numbers in it, not the code: only those lines are repainted.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.widgets.text_lines import TextLines

_CODE = Style(color="#87d7ff")
_OUTPUT = Style(color="#d7d7af")
_HEADING = Style(bold=True, dim=True)


class TapePanel(TextLines):
    """The tutorial's code, then ``# it printed:`` and the real output."""

    def __init__(self, *, id: str | None = None, color: bool = True) -> None:
        super().__init__(id=id)
        self._color = color

    def show_transcript(self, code: str, output: str) -> None:
        """Show the code and the output it printed."""
        code_style = _CODE if self._color else Style()
        output_style = _OUTPUT if self._color else Style()
        texts = [Text(line, style=code_style) for line in code.splitlines()]
        texts.append(Text("# it printed:", style=_HEADING))
        texts += [Text(line, style=output_style) for line in output.splitlines()]
        self.set_texts(texts)

    def show_message(self, message: str) -> None:
        """A message in place of the transcript."""
        self.set_texts([Text(message, style="italic")])
