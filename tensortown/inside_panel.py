"""The tape's inside laid out for a panel of a given width: the explorer's ``g`` view.

The same tree as :func:`tensortown.inside_text.node_lines`, fitted to the panel instead
of cut by the terminal: node texts are shortened just enough for the tree, the value and
∂f/∂node to fit on one line; a remark that does not fit after them goes on the lines
below its node, under the tree's own lines; the notes are wrapped to the width.  Each
line says what kind it is, so the explorer styles it without reading its words.
Pure Python, no TensorFlow.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from tensortown.inside import Inside, InsideNode
from tensortown.inside_text import (
    HEADER,
    drawn,
    label,
    note_lines,
    remark,
    to_ascii,
)
from tensortown.numbers import format_number

LONGEST_TEXT = 40
"""The most characters of a node's text shown, however wide the panel."""
SHORTEST_TEXT = 6
"""The fewest: below this a narrow panel wraps the line rather than shorten it further."""
GAP = "  "
"""Between the columns."""


@dataclass(frozen=True)
class PanelLine:
    """One line of the panel: the tree's lines drawn (``tree``), then the rest (``body``)."""

    kind: str
    """``header``; ``node`` or ``variable`` (a leaf that is a variable: its adjoint is
    part of the gradient); ``undefined`` (a node whose number is not finite); ``remark``
    (a note on a node, on the lines under it); ``blank``; ``note`` (under the tree)."""
    tree: str
    body: str

    @property
    def text(self) -> str:
        """The whole line."""
        return self.tree + self.body


def _kind(inside: Inside, node: InsideNode, said: str) -> str:
    if said.startswith("undefined"):
        return "undefined"
    return "variable" if node.op == "var" else "node"


def text_width(inside: Inside, width: int, columns: int) -> int:
    """The most characters of a node's text that keep every node's line ``width`` wide,
    with ``columns`` characters of numbers after the tree (between the two limits)."""
    room = width - columns
    longest = LONGEST_TEXT
    tree, _ = drawn(inside)  # as wide in ASCII as in box-drawing characters
    for node in inside.nodes:
        fixed = len(tree[node.id]) + (0 if node.is_leaf else len(node.symbol) + 2)
        if fixed + len(node.text) > room:
            longest = min(longest, room - fixed)
    return max(longest, SHORTEST_TEXT)


def panel_lines(inside: Inside, width: int, *, ascii: bool = False) -> list[PanelLine]:
    """The header, the tree one node a line (remarks that do not fit under it), the notes."""
    values = [format_number(node.value) for node in inside.nodes]
    adjoints = [format_number(node.adjoint) for node in inside.nodes]
    value_width = max(len(HEADER[1]), *map(len, values))
    adjoint_width = max(len(HEADER[2]), *map(len, adjoints))
    columns = 2 * len(GAP) + value_width + adjoint_width
    shown = text_width(inside, width, columns)
    tree, stems = drawn(inside, ascii=ascii)
    labels = [label(node, shown, ascii=ascii) for node in inside.nodes]
    tree_width = max(len(HEADER[0]), *(len(tree[n.id]) + len(labels[n.id]) for n in inside.nodes))
    heading = f"{HEADER[0].ljust(tree_width)}{GAP}{HEADER[1].rjust(value_width)}"
    lines = [PanelLine("header", "", f"{heading}{GAP}{HEADER[2].rjust(adjoint_width)}")]
    for node in inside.nodes:
        said = remark(inside, node)
        body = (
            f"{labels[node.id].ljust(tree_width - len(tree[node.id]))}{GAP}"
            f"{values[node.id].rjust(value_width)}{GAP}{adjoints[node.id].rjust(adjoint_width)}"
        )
        kind = _kind(inside, node, said)
        fits = len(tree[node.id]) + len(body) + len(GAP) + len(said) <= width
        if said and fits:
            body, said = f"{body}{GAP}{said}", ""
        lines.append(PanelLine(kind, tree[node.id], body))
        if said:  # under the node, the tree's lines going on beside it
            under = stems[node.id] + (("|  " if ascii else "│  ") if node.children else "   ")
            wrapped = textwrap.wrap(said, max(width - len(under), 12), break_on_hyphens=False)
            lines += [
                PanelLine("undefined" if kind == "undefined" else "remark", under, part)
                for part in wrapped
            ]
    lines.append(PanelLine("blank", "", ""))
    notes = note_lines(inside, ascii=ascii, wrap=max(width, 20))
    lines += [PanelLine("note", "", line) for line in notes]
    if ascii:
        lines = [PanelLine(line.kind, line.tree, to_ascii(line.body)) for line in lines]
    return lines
