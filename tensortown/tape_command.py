"""The ``tape`` subcommand: inside the tape, the function's tree at a point, each node's
value and adjoint ∂f/∂node from one traced ``tape.gradient`` call, as text or JSON.

Its input is checked as ``grad``'s is (:mod:`tensortown.arguments`): bad input ends in
exit status 2 and one ``error:`` line, an undefined point in status 1 and a line that
says why.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK = 0
EXIT_UNDEFINED = 1


def command_tape(args: argparse.Namespace) -> int:
    """Print the tree at ``--at`` with every node's value and adjoint, as text or JSON."""
    from tensortown.arguments import UsageError, function_argument, parse_at, point_for
    from tensortown.cli import emit

    function = function_argument(args.function)
    point = point_for(function, parse_at(function, args.at))
    from tensortown.inside import inside

    try:
        result = inside(function, point)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.json:
        from tensortown.shapes import tape_json

        print(json.dumps(tape_json(result), indent=2))
    else:
        emit(args, tape_text(result, ascii=args.ascii))
    if result.undefined:
        emit(args, f"undefined: {result.undefined}", file=sys.stderr)
        return EXIT_UNDEFINED
    return EXIT_OK


def tape_text(result: Any, *, ascii: bool = False) -> str:
    """The function, the point, then the tree and the notes under it."""
    from tensortown.inside_text import inside_text
    from tensortown.numbers import format_number

    function = result.function
    where = ", ".join(f"{s} = {format_number(v)}" for s, v in result.point.items())
    heading = f"{function.title}: {function.formula}, at {where}"
    return f"{heading}\n\n{inside_text(result, ascii=ascii)}"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``tape`` to the CLI's subparsers."""
    p = sub.add_parser(
        "tape",
        help="inside the tape: each node's value and adjoint at a point",
        description="Draw the function as a tree, each node with its value and its adjoint "
        "∂f/∂node, all from one tf.GradientTape call with every node watched.",
        parents=[common],
    )
    p.add_argument("function", metavar="FUNCTION", help="a catalogue key (pay) or an expression")
    p.add_argument(
        "--at", action="append", metavar="NAME=VALUE", help="e.g. --at x=20, or --at 25,6 for x,y"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=command_tape)
