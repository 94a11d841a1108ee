"""Inside the tape as text: the tree one node a line, its values and adjoints, and the rules.

Pure Python on an :class:`~tensortown.inside.Inside` (no TensorFlow here), for the command
line and the explorer alike.  Each line is a node, indented by depth with box-drawing
characters (``├─ └─ │``, or ``|- `- |`` in ASCII), then its value and its adjoint
∂f/∂node in aligned columns, and ``undefined: why`` where a number is not finite.
The notes under the tree state the chain rule and add up what it says to add up.
"""

from __future__ import annotations

import math
import textwrap

from tensortown.inside import Inside, InsideNode
from tensortown.numbers import format_number

BOX = ("├─ ", "└─ ", "│  ", "   ")
"""A middle child, the last child, a line going on below, none (box-drawing)."""
ASCII_BOX = ("|- ", "`- ", "|  ", "   ")
"""The same in ASCII."""

CHAIN_RULE = (
    "The chain rule: a node's adjoint ∂f/∂node is the sum, over every path from the node "
    "up to f, of the product of the local derivatives along the path; f's own is 1. "
    "So where a variable is more than one leaf, their adjoints add up to its derivative."
)
"""The rule the tree shows, stated once under it."""

SHARED = (
    "the tree shows each occurrence, but TensorFlow's graph computes it once (Grappler, "
    "which optimizes every tf.function before it runs, merges identical operations)"
)
"""What is true of a subexpression that occurs more than once (a test holds it to Grappler)."""

HEADER = ("node", "value", "∂f/∂node")
"""The tree's column headings."""

MAX_TERMS = 8
"""The most terms a sum is written out with."""

_ASCII = str.maketrans({"∂": "d", "…": "...", "∇": "grad ", "−": "-", "·": "*"})


def to_ascii(text: str) -> str:
    """``text`` in ASCII (``∂f/∂x`` as ``df/dx``)."""
    return text.translate(_ASCII).encode("ascii", "backslashreplace").decode("ascii")


def _shorten(text: str, width: int, ascii: bool) -> str:
    if len(text) <= width:
        return text
    ellipsis = "..." if ascii else "…"
    return text[: max(width - len(ellipsis), 1)] + ellipsis


def label(node: InsideNode, width: int = 40, *, ascii: bool = False) -> str:
    """What a node's line says it is: ``x``, ``0.25``, ``+  y + 1``, ``log  log(y + 1)``."""
    if node.is_leaf:
        return _shorten(node.text, width, ascii)
    return f"{node.symbol}  {_shorten(node.text, width, ascii)}"


def prefixes(inside: Inside, *, ascii: bool = False) -> list[str]:
    """Each node's indentation, by id: the tree's lines drawn down to it."""
    return drawn(inside, ascii=ascii)[0]


def drawn(inside: Inside, *, ascii: bool = False) -> tuple[list[str], list[str]]:
    """Each node's prefix (:func:`prefixes`) and its stem, by id: the lines that go on
    past the node's own line (what its children's prefixes, and text under it, start with)."""
    middle, last, going_on, none = ASCII_BOX if ascii else BOX
    nodes = inside.nodes
    prefix = [""] * len(nodes)
    stem = [""] * len(nodes)
    for node in nodes:  # parents come before their children
        for child in node.children:
            final = child == node.children[-1]
            prefix[child] = stem[node.id] + (last if final else middle)
            stem[child] = stem[node.id] + (none if final else going_on)
    return prefix, stem


def remark(inside: Inside, node: InsideNode) -> str:
    """What a node's line says after its numbers: ``undefined: why``, ``note: …``, or ``""``."""
    if node.value is None or (node.adjoint is None and inside.value is not None):
        return f"undefined: {node.undefined}"
    if node.note:
        return f"note: {node.note}"
    return ""


def node_lines(inside: Inside, *, ascii: bool = False, text_width: int = 40) -> list[str]:
    """The header, then one line per node in id order: the tree, value, ∂f/∂node, remark.

    ``text_width`` is the most characters of a node's text shown (longer ones end in ``…``).
    """
    drawing = prefixes(inside, ascii=ascii)
    rows = [
        (
            drawing[node.id] + label(node, text_width, ascii=ascii),
            format_number(node.value),
            format_number(node.adjoint),
            remark(inside, node),
        )
        for node in inside.nodes
    ]
    header = (*HEADER, "")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = []
    for tree, value, adjoint, said in [header, *rows]:
        line = f"{tree.ljust(widths[0])}  {value.rjust(widths[1])}  {adjoint.rjust(widths[2])}"
        lines.append((f"{line}  {said}" if said else line).rstrip())
    return [to_ascii(line) for line in lines] if ascii else lines


def _sum(terms: list[float | None], total: float | None) -> str:
    """``3 + 3 = 6``, ``4 - 0.5 = 3.5``: the terms as the tape gave them, and their sum."""
    shown = terms[:MAX_TERMS]
    text = format_number(shown[0])
    for term in shown[1:]:
        if term is not None and term < 0:
            text += f" - {format_number(-term)}"
        else:
            text += f" + {format_number(term)}"
    if len(terms) > MAX_TERMS:
        text += f" + … ({len(terms)} terms)"
    return f"{text} = {format_number(total)}"


def _name(inside: Inside, symbol: str) -> str:
    return f"f'({symbol})" if inside.function.arity == 1 else f"∂f/∂{symbol}"


def variable_lines(inside: Inside) -> list[str]:
    """Per variable: its leaves' adjoints, their sum, and ∂f/∂v from the same tape call."""
    lines = []
    for symbol, ids in inside.leaves.items():
        name = _name(inside, symbol)
        tape = f"(tape.gradient: {format_number(inside.gradient[symbol])})"
        if not ids:
            lines.append(f"{symbol}: not in the expression, so {name} = 0 {tape}")
        elif len(ids) == 1:
            adjoint = format_number(inside.nodes[ids[0]].adjoint)
            lines.append(f"{symbol}: one leaf; its adjoint is {name} = {adjoint} {tape}")
        else:
            terms = [inside.nodes[i].adjoint for i in ids]
            lines.append(
                f"{symbol}: {len(ids)} leaves; their adjoints add up to {name}: "
                f"{_sum(terms, inside.sums[symbol])} {tape}"
            )
    return lines


def repeated_lines(inside: Inside) -> list[str]:
    """Per subexpression that occurs more than once: what TensorFlow does, and the sum."""
    lines = []
    for ids in inside.repeated:
        text = inside.nodes[ids[0]].text
        terms = [inside.nodes[i].adjoint for i in ids]
        line = f"{text} occurs {len(ids)} times: {SHARED}"
        if inside.value is not None and None not in terms:
            total = math.fsum(t for t in terms if t is not None)
            line += f"; their adjoints add up to ∂f/∂({text}) = {_sum(terms, total)}"
        lines.append(line)
    return lines


def note_lines(inside: Inside, *, ascii: bool = False, wrap: int | None = 88) -> list[str]:
    """What goes under the tree: the chain rule, the variables' sums, shared subexpressions.

    Each note is wrapped at ``wrap`` characters (None: one line each), its lines after the
    first indented by two spaces.
    """
    if inside.value is None:
        notes = [f"f is undefined here ({inside.undefined}): so are the adjoints and the gradient"]
    else:
        notes = [CHAIN_RULE, *variable_lines(inside)]
    notes += repeated_lines(inside)
    if ascii:
        notes = [to_ascii(note) for note in notes]
    if wrap is None:
        return notes
    return [
        line
        for note in notes
        for line in textwrap.wrap(note, wrap, subsequent_indent="  ", break_on_hyphens=False)
    ]


def inside_text(
    inside: Inside, *, ascii: bool = False, text_width: int = 40, wrap: int | None = 88
) -> str:
    """The tree and the notes under it, as one text."""
    lines = node_lines(inside, ascii=ascii, text_width=text_width)
    return "\n".join([*lines, "", *note_lines(inside, ascii=ascii, wrap=wrap)])
