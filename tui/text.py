"""The words and numbers the explorer shows, as plain data: no Textual, no TensorFlow.

Every number here was computed by the core's tape; these functions only format them
(7 significant digits, money as $530.25) and name them (``f'(x)``, ``∂f/∂x``; ``df/dx``
with ``--ascii``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tensortown.numbers import format_exact_money, format_number, format_value

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tensortown.results import OneMoreStep, PointResult

_ASCII = str.maketrans(
    {
        "²": "^2",
        "³": "^3",
        "·": "*",
        "′": "'",
        "″": "''",
        "∂": "d",
        "∇": "grad ",
        "Δ": "d",
        "½": "1/2 ",
        "−": "-",
        "…": "...",
        "×": "x",
        "°": " deg",
        "→": "->",
        "←": "<-",
        "↑": "^",
        "↓": "v",
        "—": "-",
    }
)


def ascii_text(text: str) -> str:
    """``text`` with only ASCII characters (``x²`` → ``x^2``, ``∂f/∂x`` → ``df/dx``)."""
    return text.translate(_ASCII).encode("ascii", "replace").decode("ascii")


@dataclass(frozen=True)
class Item:
    """One ``name = value`` of a readout."""

    name: str
    value: str
    unit: str = ""


def per(unit: str, by: str) -> str:
    """The unit of a rate: ``$/h``; empty unless both have a unit."""
    if not unit or not by:
        return ""
    return f"{unit}/{by}"


def derivative_name(function: Function, symbol: str, *, ascii: bool = False) -> str:
    """``f'(x)`` for one variable, ``∂f/∂x`` (``df/dx``) for two."""
    if function.arity == 1:
        return f"f'({symbol})"
    return f"df/d{symbol}" if ascii else f"∂f/∂{symbol}"


def value_name(function: Function) -> str:
    """``f(x)`` or ``f(x, y)``; ``f`` for three variables or more (the readout is short)."""
    return f"f({', '.join(function.symbols)})" if function.arity <= 2 else "f"


def point_items(function: Function, point: dict[str, float]) -> list[Item]:
    """``x = 20`` (with its unit) for each variable."""
    return [Item(v.symbol, format_number(point[v.symbol]), v.unit) for v in function.variables]


def reading_items(result: PointResult, *, ascii: bool = False) -> list[Item]:
    """The readout after the point: f, the derivatives, and f'' for one variable."""
    function = result.function
    unit = function.unit
    items = [Item(value_name(function), format_value(result.value, function.is_money))]
    for v in function.variables:
        items.append(
            Item(
                derivative_name(function, v.symbol, ascii=ascii),
                format_number(result.gradient[v.symbol]),
                per(unit, v.unit),
            )
        )
    if function.arity == 1:
        v = function.variables[0]
        squared = f"{v.unit}^2" if ascii else f"{v.unit}²"
        items.append(
            Item(
                f"f''({v.symbol})",
                format_number(result.second),
                per(unit, squared if v.unit else ""),
            )
        )
    return items


def waiting_items(function: Function, *, ascii: bool = False) -> list[Item]:
    """The readout's names with ``…`` where the numbers will appear."""
    dots = "..." if ascii else "…"
    names = [value_name(function)]
    names += [derivative_name(function, s, ascii=ascii) for s in function.symbols]
    if function.arity == 1:
        names.append(f"f''({function.symbols[0]})")
    return [Item(name, dots) for name in names]


_COMPASS = (
    "east",
    "north-east",
    "north",
    "north-west",
    "west",
    "south-west",
    "south",
    "south-east",
)


def direction(result: PointResult, *, ascii: bool = False, axes: Sequence[str] = ("x", "y")) -> str:
    """Where ∇f points in the plane of ``axes`` (across, up): the arrow, the angle from
    the first axis, and the compass word."""
    across, up = axes
    gx = result.gradient.get(across)
    gy = result.gradient.get(up)
    if gx is None or gy is None:
        return "direction: undefined"
    if gx == 0 and gy == 0:
        return "direction: none (the gradient is zero: a flat spot)"
    angle = math.degrees(math.atan2(gy, gx))
    octant = round(angle / 45) % 8
    arrows = (">", "/", "^", "\\", "<", "/", "v", "\\") if ascii else "→↗↑↖←↙↓↘"
    degree = " deg" if ascii else "°"
    return (
        f"steepest ascent {arrows[octant]} {format_number(round(angle, 1))}{degree} "
        f"from +{across} ({_COMPASS[octant]})"
    )


@dataclass(frozen=True)
class Row:
    """One line of the one-more-step table."""

    name: str
    value: str
    note: str = ""


def one_more_step_rows(
    function: Function, step: OneMoreStep, *, ascii: bool = False
) -> tuple[str, list[Row]]:
    """The tutorial's Ted-and-Todd table: a title and the rows.

    Each row sets what the step really did beside what the derivatives predict: Δf beside
    f'·h, the secant's slope Δf/h beside f'(x), the remainder beside ½·f″·h². Halving h
    shows the first tending to the second in each.
    """
    money = function.is_money
    s = step.symbol
    v = function.variable(s)
    x, h, nx = format_number(step.x), format_number(step.step), format_number(step.next_x)
    unit = f" {v.unit}" if v.unit else ""
    if v.unit == "h" and step.step == 1:
        title = "One more hour"
    else:
        title = f"One more step ({s} + {h}{unit})"
    delta = "d" if ascii else "Δ"
    minus = "-" if ascii else "−"
    name = "f'" if function.arity == 1 else f"∂f/∂{s}"
    second = "f''" if function.arity == 1 else f"∂²f/∂{s}²"
    at = f"({x})" if function.arity == 1 else ""

    remainder_note = f"½{second}h² = {_amount(step.bend, money)}"
    if step.rounded_away:
        remainder_note = f"float32 rounding (±{_amount(step.rounding, money)})"
    rows = [
        Row(f"f({x})" if function.arity == 1 else "f", _amount(step.value, money), "now"),
        Row(
            f"f({nx})" if function.arity == 1 else f"{s} + h",
            _amount(step.next_value, money),
            f"h = {h}",
        ),
        Row(
            f"{delta}f", _amount(step.change, money), f"{name}·h = {_amount(step.predicted, money)}"
        ),
        Row(f"{delta}f/h", format_number(step.ratio), f"{name}{at} = {format_number(step.slope)}"),
        Row(f"{delta}f {minus} {name}·h", _amount(step.error, money), remainder_note),
    ]
    if ascii:
        rows = [Row(ascii_text(r.name), ascii_text(r.value), ascii_text(r.note)) for r in rows]
    return title, rows


def directional_step_lines(
    function: Function, steps: Sequence[OneMoreStep], *, ascii: bool = False
) -> list[str]:
    """One more step along each variable, side by side: the one-more-step table of a
    function of two variables (∂f/∂x in place of f')."""
    money = function.is_money
    h = format_number(steps[0].step) if steps else ""
    head = ["", *(f"along {s.symbol}" for s in steps)]
    rows = [
        ["Δf", *(_amount(s.change, money) for s in steps)],
        ["∂f·h", *(_amount(s.predicted, money) for s in steps)],
        ["Δf/h", *(format_number(s.ratio) for s in steps)],
        ["∂f", *(format_number(s.slope) for s in steps)],
        ["Δf − ∂f·h", *(_amount(s.error, money) for s in steps)],
        ["½∂²f·h²", *(_amount(s.bend, money) for s in steps)],
    ]
    widths = [max([10, *(len(row[0]) for row in rows)])]
    widths += [max([8, *(len(row[i]) for row in rows)]) for i in range(1, len(head))]
    lines = [f"one more step, h = {h}"] + [
        "  ".join(
            [
                row[0].ljust(widths[0]),
                *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)),
            ]
        )
        for row in [head, *rows]
    ]
    return [ascii_text(line) for line in lines] if ascii else lines


def hessian_lines(result: PointResult, *, ascii: bool = False) -> list[str]:
    """The Hessian as a table, ∂²f/∂row∂column from nested tapes, as narrow as its numbers."""
    symbols = result.function.symbols
    cells = [[format_number(h) for h in row] for row in result.hessian]
    width = max(*(len(c) for row in cells for c in row), *(len(s) for s in symbols)) + 2
    name = max(len(s) for s in symbols)
    lines = ["Hessian d2f/d row d column" if ascii else "Hessian ∂²f/∂row∂column"]
    lines.append(" " * name + "".join(s.rjust(width) for s in symbols))
    for symbol, row in zip(symbols, cells, strict=True):
        lines.append(symbol.ljust(name) + "".join(c.rjust(width) for c in row))
    return lines


def section_line(drawn: Sequence[str], held: dict[str, float]) -> str:
    """What a field of three variables or more shows: ``x across, y up; z = 3 held (a)``."""
    values = ", ".join(f"{s} = {format_number(v)}" for s, v in held.items())
    return f"{drawn[0]} across, {drawn[1]} up; held: {values} (a: next pair)"


def _amount(value: float | None, money: bool) -> str:
    """A change of f: money to the digits it has, or a plain number."""
    return format_exact_money(value) if money else format_number(value)


@dataclass(frozen=True)
class ReadoutText:
    """What the readout shows for a point: its items, a note under them, the note's class."""

    items: list[Item]
    note: str = ""
    note_class: str = ""


def readout(
    result: PointResult,
    *,
    ascii: bool = False,
    tangent: bool = True,
    flat: str | None = None,
    step: OneMoreStep | None = None,
    axes: Sequence[str] = ("x", "y"),
) -> ReadoutText:
    """The readout for the tape's ``result``: the point, f and its derivatives, and a note.

    The note says why a point is undefined; for a curve the secant's slope Δf/h over
    ``step`` beside f′ (or ``flat``, the note on flat tangents, when there is one); for a
    field |∇f| and where the gradient points.
    """
    function = result.function
    items = point_items(function, result.point) + reading_items(result, ascii=ascii)
    note, note_class = "", ""
    if result.undefined:
        note, note_class = f"undefined: {result.undefined}", "error"
    elif function.arity == 1:
        s = function.symbols[0]
        note = f"f'({s}) is the tangent's slope (t shows it and the secant)"
        if tangent and step is not None and step.ratio is not None:
            note = (
                f"secant Δf/h = {format_number(step.ratio)} at h = {format_number(step.step)}, "
                f"→ f'({s}) as h → 0 (h halves, H doubles)"
            )
        elif tangent:
            note = f"f'({s}) is the tangent's slope (t hides it)"
        note = flat or note
    else:
        norm = "|grad f|" if ascii else "|∇f|"
        note = f"{norm} = {format_number(result.gradient_norm)}   "
        if function.arity == 2:
            note += direction(result, ascii=ascii, axes=axes)
        else:
            held = {s: result.point[s] for s in function.symbols if s not in axes}
            note += section_line(axes, held)
    if ascii:
        items = [Item(i.name, i.value, ascii_text(i.unit)) for i in items]
        note = ascii_text(note)
    return ReadoutText(items, note, note_class)


def too_small(width: int, height: int, min_width: int, min_height: int) -> str:
    """The message shown instead of a broken layout on a tiny terminal."""
    return (
        f"Terminal too small: {width}x{height}.\n"
        f"TensorTown needs at least {min_width}x{min_height}.\n"
        "Enlarge the window, or press q to quit."
    )
