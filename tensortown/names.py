"""The names a function's variables may have: any number of them, from one rule.

The tutorial's functions use x and y; a typed expression may name any variables that
follow :data:`VARIABLE_NAME`, as ``tape.gradient(result, (x, y, z))`` would take them.
The same names are the ``tf.Variable``s' in the tape code and ``--at z=3`` on the
command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

VARIABLE_NAME = re.compile(r"[a-df-z][0-9]{0,2}")
"""The names a function may use for its inputs, in any number: a lowercase letter other
than ``e`` (the constant), perhaps with a digit or two (``x``, ``z``, ``w``, ``b``, ``x1``,
``x12``).  Function names and ``pi`` are longer, so none of them is a variable's name."""

MAX_VARIABLES = 32
"""The most variables one function may have (its Hessian is n × n nested-tape rows)."""


def is_variable(name: str) -> bool:
    """True for a name a function may use as a variable (see :data:`VARIABLE_NAME`)."""
    return VARIABLE_NAME.fullmatch(name) is not None


def variable_order(name: str) -> tuple[str, int]:
    """How variables are ordered: by letter, then by number (``x``, ``x1``, ``x2``, ``x10``)."""
    return name[0], int(name[1:] or -1)


def name_hint(name: str, functions: Iterable[str] = ()) -> str:
    """What a variable's name may be, said for a name that is not one (``sinx`` is
    taken for one of ``functions`` without its parentheses)."""
    for function in functions:
        rest = name[len(function) :]
        if name.startswith(function) and is_variable(rest):
            return f" (for {function} of {rest}, write {function}({rest}))"
    if name[:1] in ("e", "E") and name[1:].isdigit():
        return " (e is the constant e; variables: x, y, z, w1, …)"
    if name.isalpha() and name.islower() and len(name) <= 4 and "e" not in name:
        product = "*".join(name)
        return f" (variables are single letters: for a product, write {product})"
    return " (variables are a lowercase letter, or a letter and a number: x, y, z, x1, w2)"
