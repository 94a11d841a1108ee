"""The tape panel: the GradientTape code for this function and point and what it printed,
or (``g``) the tape's inside: the expression's tree with each node's value and ∂f/∂node.

A cursor move changes a few numbers in it, not the code or the tree's shape: only those
lines are repainted.  The tree is laid out by the core for the panel's width
(:func:`tensortown.inside_panel.panel_lines`), again when the width changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from tensortown.inside_panel import panel_lines
from tui.widgets.text_lines import TextLines

if TYPE_CHECKING:
    from tensortown.inside import Inside

_CODE = Style(color="#87d7ff")
_OUTPUT = Style(color="#d7d7af")
_HEADING = Style(bold=True, dim=True)
_TREE = Style(dim=True)

_INSIDE = {
    "header": _HEADING,
    "node": Style(),
    "variable": Style(bold=True, color="#87d7ff"),
    "undefined": Style(color="#ff8787"),
    "remark": Style(dim=True, italic=True),
    "blank": Style(),
    "note": Style(color="#d7d7af"),
}
"""Each kind of line of the tape's inside (:class:`~tensortown.inside_panel.PanelLine`)."""
_INSIDE_PLAIN = {
    **{kind: Style() for kind in _INSIDE},
    "header": _HEADING,
    "variable": Style(bold=True),
    "undefined": Style(bold=True),
    "remark": Style(italic=True),
    "note": Style(italic=True),
}
"""The same without colour (``NO_COLOR``)."""

FALLBACK_WIDTH = 60
"""The width the tree is laid out for before the panel has one."""


class TapePanel(TextLines):
    """The tutorial's code, then ``# it printed:`` and the real output; or the tape's inside."""

    def __init__(self, *, id: str | None = None, color: bool = True, ascii: bool = False) -> None:
        super().__init__(id=id)
        self._color = color
        self._ascii = ascii
        self.inside: Inside | None = None
        """The tape's inside on show, or None (the code, or a message)."""

    def show_transcript(self, code: str, output: str) -> None:
        """Show the code and the output it printed."""
        self.inside = None
        code_style = _CODE if self._color else Style()
        output_style = _OUTPUT if self._color else Style()
        texts = [Text(line, style=code_style) for line in code.splitlines()]
        texts.append(Text("# it printed:", style=_HEADING))
        texts += [Text(line, style=output_style) for line in output.splitlines()]
        self.set_texts(texts)

    def show_inside(self, inside: Inside) -> None:
        """Show the tree of the tape's inside, laid out for the panel's width."""
        self.inside = inside
        width = self.size.width or FALLBACK_WIDTH
        styles = _INSIDE if self._color else _INSIDE_PLAIN
        texts = []
        for line in panel_lines(inside, width, ascii=self._ascii):
            text = Text(line.tree, style=_TREE, end="")
            text.append(line.body, style=styles[line.kind])
            texts.append(text)
        self.set_texts(texts)

    def show_message(self, message: str) -> None:
        """A message in place of the transcript or the tree."""
        self.inside = None
        self.set_texts([Text(message, style="italic")])

    def on_resize(self) -> None:
        """Lay the tree out again for the new width (anything else is wrapped again)."""
        if self.inside is not None:
            self.show_inside(self.inside)
        else:
            super().on_resize()
