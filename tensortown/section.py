"""A function of many variables seen through a point: two of them free, the rest held.

A field is drawn over two variables.  For a function of three or more, the explorer and
``field --axes`` draw the *section* through the point: the same expression with every
other variable replaced by its value there, a function of the two axes alone.  Its f and
its partials along the axes are the full function's at the points of that plane (the
tape differentiates the same ops; the held variables are constants of the graph).
"""

from __future__ import annotations

import dataclasses
import functools

from tensortown.catalogue import Function
from tensortown.expression import Binary, Call, Name, Node, Number, Unary
from tensortown.numbers import format_number
from tensortown.tree import to_source


def held(function: Function, axes: tuple[str, str], point: dict[str, float]) -> dict[str, float]:
    """The variables a section holds, at the point's values, in the function's order."""
    return {s: float(point[s]) for s in function.symbols if s not in axes}


def section(function: Function, axes: tuple[str, str], point: dict[str, float]) -> Function:
    """``function`` with every variable but ``axes`` held at ``point``'s value."""
    unknown = [a for a in axes if a not in function.symbols]
    if unknown or axes[0] == axes[1]:
        raise ValueError(
            f"--axes: two different variables of the function ({', '.join(function.symbols)})"
        )
    return _section(function, axes, tuple(held(function, axes, point).items()))


@functools.lru_cache(maxsize=64)
def _section(
    function: Function, axes: tuple[str, str], fixed: tuple[tuple[str, float], ...]
) -> Function:
    values = dict(fixed)
    tree = _substitute(function.expression, values)
    where = ", ".join(f"{s} = {format_number(v)}" for s, v in fixed)
    free = [function.variable(a) for a in axes]
    return dataclasses.replace(
        function,
        key=None,
        title=f"{function.title} at {where}" if where else function.title,
        formula=f"f({', '.join(axes)}) = {to_source(tree)}",
        source=to_source(tree),
        variables=tuple(free),
        expression=tree,
    )


def _substitute(node: Node, values: dict[str, float]) -> Node:
    """The tree with each variable in ``values`` replaced by its number (exact: ``repr``)."""
    if isinstance(node, Name):
        if node.name not in values:
            return node
        value = values[node.name]
        number = Number(abs(value), _exact(abs(value)), node.column)
        return Unary("-", number, node.column) if value < 0 else number
    if isinstance(node, Unary):
        return Unary(node.op, _substitute(node.operand, values), node.column)
    if isinstance(node, Binary):
        left, right = _substitute(node.left, values), _substitute(node.right, values)
        return Binary(node.op, left, right, node.column)
    if isinstance(node, Call):
        return Call(node.function, _substitute(node.argument, values), node.column)
    return node


def _exact(value: float) -> str:
    """``3`` for 3.0, ``0.1`` for 0.1: the shortest text that parses to the same float."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text
