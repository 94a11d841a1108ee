"""The ``tensortown`` command's scriptable subcommands: list and grad (walk from
:mod:`tensortown.walk_command`, plot and field from :mod:`tensortown.chart.commands`,
tape from :mod:`tensortown.tape_command`).

The explorer is not the core's: the console script starts in :mod:`tui.main`, which hands
:func:`main` an ``explore`` command; the bare command (and ``explore``) runs it.  Without
it (``python -m tensortown``) the core works alone and says where the explorer is.

Bad input always ends in exit status 2 and one ``error:`` line on stderr, an
undefined point in status 1 and a line that says why; never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tensortown.arguments import (
    UsageError,
    function_argument,
    parse_assignments,
    parse_at,
    parse_start,
    point_for,
    point_for_partial,
)
from tensortown.catalogue import CATALOGUE
from tensortown.numbers import format_number, format_value
from tensortown.shapes import grad_json, walk_json

__all__ = [
    "UsageError",
    "function_argument",
    "grad_json",
    "main",
    "parse_assignments",
    "parse_at",
    "parse_start",
    "point_for",
    "point_for_partial",
    "walk_json",
]

EXIT_OK = 0
EXIT_UNDEFINED = 1
EXIT_USAGE = 2

COMMAND_MODULES: tuple[str, ...] = (
    "tensortown.walk_command",
    "tensortown.fit_command",
    "tensortown.chart.commands",
    "tensortown.tape_command",
)
"""Modules that add subcommands through a ``register(subparsers)`` function."""
Explore = Callable[[argparse.Namespace], int]
"""The explorer's command (:func:`tui.main.explore`), given ``function``, ``at``, ``ascii``
and ``no_color``."""
EXPLORER_OPTIONS = frozenset({"--ascii", "--no-color", "--resume"})
"""The options of the bare command: with only these it opens the explorer, whatever else
the parser knows, so the subcommands' modules need not be imported (see :func:`main`)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake as one ``error:`` line (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        fail(re.sub(rf"'(-[^']*){_PROTECT}'", r"'\1'", message))  # an argument as typed


def fail(message: str, status: int = EXIT_USAGE) -> NoReturn:
    """Print ``error: message`` as one line on stderr and exit with ``status``.

    Line breaks become spaces; other spaces stay, so a quoted input keeps its columns.
    """
    one_line = re.sub(r"\s*[\r\n]+\s*", " ", message.strip())
    print(f"error: {one_line}", file=sys.stderr)
    raise SystemExit(status)


_ASCII_SIGNS = str.maketrans(
    {"²": "^2", "·": "*", "∂": "d", "∇": "grad ", "′": "'", "″": "''", "…": "...", "−": "-"}
)


def to_ascii(text: str) -> str:
    """``text`` with the signs TensorTown prints spelled in ASCII (``∂f/∂x`` as ``df/dx``)."""
    return text.translate(_ASCII_SIGNS).encode("ascii", "backslashreplace").decode("ascii")


def emit(args: argparse.Namespace, text: str, *, file: Any = None) -> None:
    """Print ``text``, in ASCII with ``--ascii`` (or on a stdout that can't show more)."""
    print(to_ascii(text) if args.ascii else text, file=file)


def _stdout_is_ascii_only() -> bool:
    try:
        "∂²·∇′".encode(getattr(sys.stdout, "encoding", None) or "ascii")
    except (UnicodeEncodeError, LookupError):
        return True
    return False


# --- list ---------------------------------------------------------------------------------


def command_list(args: argparse.Namespace) -> int:
    """Print the catalogue."""
    for key, function in CATALOGUE.items():
        names = ", ".join(
            f"{v.symbol} = {v.label}" + (f" ({v.unit})" if v.unit else "")
            for v in function.variables
        )
        start = ", ".join(f"{v.symbol}={format_number(v.default)}" for v in function.variables)
        emit(args, f"{key:<9} {function.title:<16} {function.formula}")
        emit(args, f"{'':<9} {names}; starts at {start}")
    return EXIT_OK


# --- grad ---------------------------------------------------------------------------------


def command_grad(args: argparse.Namespace) -> int:
    """Value, gradient and Hessian at a point, from the tape, as text or JSON."""
    function = function_argument(args.function)
    if args.points is not None or args.csv:
        from tensortown.points_command import command_points

        return command_points(args, function)
    point = point_for(function, parse_at(function, args.at))
    from tensortown import tape

    try:
        result = tape.derivative_at(function, point, transcript=not args.json)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.json:
        print(json.dumps(grad_json(result), indent=2))
    else:
        # The reason goes to stderr too; where the two are one (a terminal, `2>&1`), once.
        emit(args, grad_text(result, reason=not _one_stream()))
    if result.undefined:
        emit(args, f"undefined: {result.undefined}", file=sys.stderr)
        return EXIT_UNDEFINED
    return EXIT_OK


def _one_stream() -> bool:
    """True when stdout and stderr are the same file: one terminal, or one pipe or file
    (``2>&1``), where a line on both would be read twice."""
    try:
        out, err = os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):  # streams without a descriptor
        return False
    return (out.st_dev, out.st_ino) == (err.st_dev, err.st_ino)


def grad_text(result: Any, *, reason: bool = True) -> str:
    """The tutorial's code and output, then the readout and the Hessian (and ``reason``,
    why the point is undefined, if it is)."""
    function = result.function
    lines = [f"{function.title}: {function.formula}", ""]
    if result.transcript is not None:
        lines += ["# the GradientTape code", result.transcript.code, ""]
        lines += ["# what it prints", result.transcript.output(), ""]
    args = ", ".join(function.symbols)
    lines.append(f"f({args}) = {format_value(result.value, function.is_money)}")
    for symbol, value in result.gradient.items():
        name = f"f'({symbol})" if function.arity == 1 else f"∂f/∂{symbol}"
        lines.append(f"{name} = {format_number(value)}")
    lines.append("second derivatives (nested tapes):")
    for i, s in enumerate(function.symbols):
        for j, t in enumerate(function.symbols):
            if function.arity == 1:
                name = f"f''({s})"
            else:
                name = f"∂²f/∂{s}²" if i == j else f"∂²f/∂{s}∂{t}"
            lines.append(f"  {name} = {format_number(result.hessian[i][j])}")
    if result.undefined and reason:
        lines.append(f"undefined: {result.undefined}")
    elif not result.undefined and any(h is None for row in result.hessian for h in row):
        second = f"f''({function.symbols[0]})" if function.arity == 1 else "a second derivative"
        lines.append(f"note: {second} is not finite here; f and the gradient are")
    return "\n".join(lines)


# --- the parser (explore is registered by tui.main) ---------------------------------------


def no_explorer(args: argparse.Namespace) -> int:
    """The bare command of the core alone (``python -m tensortown``): say where the explorer
    is and what works here."""
    raise UsageError(
        "the explorer is the `tensortown` command (or python -m tui); "
        "here: list, grad, walk, plot, field, tape (see --help)"
    )


def build_parser(
    *,
    command_modules: bool = True,
    explore: Explore | None = None,
    more_commands: Sequence[str] = (),
) -> argparse.ArgumentParser:
    """The argument parser with every subcommand (those of :data:`COMMAND_MODULES` and
    ``more_commands`` if asked, and ``explore`` if the explorer is given)."""
    top = _Parser(add_help=False)
    top.add_argument("--ascii", action="store_true", help="only ASCII characters")
    top.add_argument("--no-color", action="store_true", help="no colour (also with NO_COLOR)")
    if explore is not None:
        top.add_argument("--resume", action="store_true", help="open the last exploration again")
    # The same options after the command; their defaults are left to the top parser's, so
    # that `tensortown --ascii list` keeps the --ascii given before the command.
    common = _Parser(add_help=False)
    common.add_argument(
        "--ascii", action="store_true", default=argparse.SUPPRESS, help="only ASCII characters"
    )
    common.add_argument(
        "--no-color",
        action="store_true",
        default=argparse.SUPPRESS,
        help="no colour (also with NO_COLOR; none either in a pipe, unless FORCE_COLOR is set)",
    )

    parser = _Parser(
        prog="tensortown",
        description="Explore derivatives and gradients computed by tf.GradientTape. "
        + ("With no command, opens the explorer." if explore else "(The explorer: tensortown.)"),
        parents=[top],
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("list", help="the TensorTown functions", parents=[common])
    p.set_defaults(run=command_list)

    p = sub.add_parser(
        "grad",
        help="value, gradient and Hessian at a point",
        description="Run tf.GradientTape at a point, as the tutorial does.",
        parents=[common],
    )
    p.add_argument("function", metavar="FUNCTION", help="a catalogue key (pay) or an expression")
    p.add_argument(
        "--at", action="append", metavar="NAME=VALUE", help="e.g. --at x=20, or --at 25,6 for x,y"
    )
    p.add_argument(
        "--points",
        metavar="FILE",
        help="many points: CSV with a header naming the variables, or JSON lines (- for stdin)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object (a line per point)")
    p.add_argument("--csv", action="store_true", help="CSV, a row per point")
    p.add_argument("--strict", action="store_true", help="exit 1 if a point is undefined")
    p.set_defaults(run=command_grad)

    if explore is not None:
        p = sub.add_parser("explore", help="open the explorer on a function", parents=[common])
        p.add_argument(
            "function", metavar="FUNCTION", nargs="?", help="a catalogue key or expression"
        )
        p.add_argument("--at", action="append", metavar="NAME=VALUE", help="the starting point")
        p.add_argument(
            "--resume",
            action="store_true",
            default=argparse.SUPPRESS,
            help="open the last exploration again, where it was left",
        )
        p.set_defaults(run=explore)

    for name in (*COMMAND_MODULES, *more_commands) if command_modules else ():
        importlib.import_module(name).register(sub, common)
    parser.set_defaults(run=explore or no_explorer, function=None, at=None)
    return parser


_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})
"""A failed write (a full disk, a quota): not bad input, not a bug."""

_PROTECT = " "
"""Added to an expression that starts with ``-``: argparse takes an argument with a space
for a value, not an option, and the expression's columns are unchanged."""


def _protect(arg: str) -> str:
    """``-x**2`` as a value argparse will not take for an option (``-h`` stays one)."""
    if arg.startswith("-") and not arg.startswith("--") and arg != "-h" and " " not in arg:
        try:
            if not arg.isascii():  # float() takes any script's digits: the parser says why
                raise ValueError(arg)
            float(arg)
        except ValueError:
            return arg + _PROTECT
    return arg


def main(
    argv: Sequence[str] | None = None,
    *,
    explore: Explore | None = None,
    more_commands: Sequence[str] = (),
) -> int:
    """Run the command line (with the explorer's command, if given, and the subcommands of
    the modules named in ``more_commands``, as :data:`COMMAND_MODULES`); returns the exit
    status."""
    given = sys.argv[1:] if argv is None else list(argv)
    if sys.stdout is None:  # started with it closed (`>&-`): print() would drop every line
        fail("standard output is closed: nothing can be written (redirect it to a file)", 1)
    # The bare command opens the explorer, whose first frame waits for this parser: the
    # chart commands' module would import numpy for nothing.
    bare = set(given) <= EXPLORER_OPTIONS and explore is not None
    parser = build_parser(command_modules=not bare, explore=explore, more_commands=more_commands)
    protected = [_protect(arg) for arg in given]
    args = parser.parse_args(protected)
    typed = {p: arg for p, arg in zip(protected, given, strict=True) if p != arg}
    for name, value in vars(args).items():  # each value as typed
        if isinstance(value, str):
            setattr(args, name, typed.get(value, value))
        elif isinstance(value, list):
            setattr(args, name, [typed.get(v, v) for v in value])
    if _stdout_is_ascii_only():
        args.ascii = True
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as error:
        fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        if error.errno not in _WRITE_ERRORS or os.environ.get("TENSORTOWN_DEBUG"):
            raise
        fail(f"could not write the output: {error.strerror}", status=EXIT_UNDEFINED)
    except Exception as error:
        from tensortown.backend import BackendUnavailable

        if isinstance(error, BackendUnavailable):
            fail(str(error), status=EXIT_UNDEFINED)
        if os.environ.get("TENSORTOWN_DEBUG"):
            raise
        fail(f"{type(error).__name__}: {error} (a bug: TENSORTOWN_DEBUG=1 shows the traceback)")
