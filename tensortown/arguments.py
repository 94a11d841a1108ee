"""The command line's arguments: functions, points and starts as typed, checked against
the function (``--at x=20``, ``--at 25,6``, ``--from x=25,y=6``).

Anything wrong is a :class:`UsageError`, which the command prints as one ``error:`` line.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from tensortown.catalogue import Function, resolve
from tensortown.expression import (
    ExpressionError,
)
from tensortown.numbers import format_number, parse_count, parse_number


def _digits(text: str) -> bool:
    """True for digits 0-9 only (``str.isdigit`` takes any script's digits)."""
    stripped = text.strip()
    return stripped.isascii() and stripped.isdigit()


class UsageError(Exception):
    """Input the command can't use: printed as one ``error:`` line, exit status 2."""


def function_argument(text: str) -> Function:
    """A catalogue key or an expression; a usage error that names the column otherwise."""
    try:
        return resolve(text)
    except ExpressionError as error:
        raise UsageError(f"in {text!r}: {error}") from None


def parse_assignments(items: Sequence[str] | None) -> dict[str, float]:
    """``["x=20", "y=6"]`` or ``["x=20,y=6"]`` as ``{"x": 20.0, "y": 6.0}``."""
    point: dict[str, float] = {}
    for item in items or ():
        for part in item.split(","):
            name, sep, text = part.partition("=")
            name = name.strip()
            if not sep and item.count(",") == 1 and _digits(part):
                raise UsageError(f"--at {item!r}: use . for decimals, e.g. x=1.5")
            if not sep or not name:
                raise UsageError(f"--at expects NAME=NUMBER, e.g. --at x=20, not {part!r}")
            try:
                point[name] = parse_number(text)
            except ValueError as error:
                raise UsageError(f"--at {name}: {error}") from None
    return point


def point_for(function: Function, given: dict[str, float]) -> dict[str, float]:
    """Check that ``given`` names exactly the function's variables."""
    unknown = [name for name in given if name not in function.symbols]
    if unknown:
        have = " and ".join(function.symbols)
        raise UsageError(f"the function has no variable {unknown[0]!r} (its variables: {have})")
    missing = [v for v in function.variables if v.symbol not in given]
    if missing:
        hint = " ".join(f"--at {v.symbol}={format_number(v.default)}" for v in missing)
        raise UsageError(f"missing a value for {missing[0].symbol}: add {hint}")
    return {s: given[s] for s in function.symbols}


def parse_start(function: Function, text: str, option: str = "--from") -> dict[str, float]:
    """``25,6`` (in the order of the variables) or ``x=25,y=6`` as a point."""
    if "=" in text:
        return point_for(function, parse_assignments([text]))
    parts = [p for p in text.split(",")]
    if len(parts) != function.arity:
        if function.arity == 1 and len(parts) == 2 and all(_digits(p) for p in parts):
            raise UsageError(f"{option} {text!r}: use . for decimals, e.g. 1.5")
        names = ",".join(function.symbols)
        raise UsageError(
            f"{option} expects {function.arity} number(s) ({names}), or "
            f"{','.join(f'{s}=…' for s in function.symbols)}, not {text!r}"
        )
    point = {}
    for symbol, part in zip(function.symbols, parts, strict=True):
        try:
            point[symbol] = parse_number(part)
        except ValueError as error:
            raise UsageError(f"{option} {symbol}: {error}") from None
    return point


def parse_at(function: Function, items: Sequence[str] | None) -> dict[str, float]:
    """``--at`` as given: ``x=25,y=6`` (or ``--at x=25 --at y=6``), or the numbers alone in
    the order of the function's variables, as ``field`` and ``walk`` take them (``25,6``)."""
    given: dict[str, float] = {}
    for item in items or ():
        if "=" in item or any(part.strip().isidentifier() for part in item.split(",")):
            given.update(parse_assignments([item]))  # or its message: NAME=NUMBER
        else:
            given.update(parse_start(function, item, "--at"))
    return given


def point_for_partial(function: Function, given: dict[str, float]) -> dict[str, float]:
    """Like :func:`point_for`, but variables left out keep their defaults."""
    unknown = [name for name in given if name not in function.symbols]
    if unknown:
        have = " and ".join(function.symbols)
        raise UsageError(f"the function has no variable {unknown[0]!r} (its variables: {have})")
    return given


def count_argument(text: str) -> int:
    """argparse's ``type`` for a whole number (``--steps 50``), read as :func:`parse_count`
    reads it: ``１２`` and ``1_000`` are refused with the character named."""
    try:
        return parse_count(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
