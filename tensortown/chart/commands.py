"""The ``plot`` and ``field`` subcommands: a chart at the terminal's size (or ``--size``)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from typing import Any

from tensortown.arguments import count_argument
from tensortown.chart.curve import ChartError
from tensortown.chart.theme import Theme
from tensortown.numbers import format_number


class _Usage(Exception):
    """Bad input for a chart command (re-raised as the CLI's usage error)."""


def parse_size(text: str | None) -> tuple[int, int]:
    """``120x30`` as (120, 30); the terminal's size when None."""
    if text is None:
        size = shutil.get_terminal_size((80, 24))
        return size.columns, size.lines
    cols, sep, rows = text.lower().replace("×", "x").partition("x")
    try:
        if not sep or not (cols + rows).isascii():  # int() takes any script's digits
            raise ValueError
        return int(cols), int(rows)
    except ValueError:
        raise _Usage(f"--size expects COLSxROWS, e.g. 120x30, not {text!r}") from None


def parse_number(text: str, what: str) -> float:
    """A finite number from the command line."""
    from tensortown.numbers import parse_number as parse

    try:
        return parse(text)
    except ValueError as error:
        raise _Usage(f"{what}: {error}") from None


def parse_span(text: str | None, what: str) -> tuple[float, float] | None:
    """``A:B`` as (A, B)."""
    if text is None:
        return None
    lo, sep, hi = text.partition(":")
    if not sep:
        raise _Usage(f"{what} expects A:B, e.g. {what} -5:5, not {text!r}")
    return parse_number(lo, what), parse_number(hi, what)


def parse_point(text: str | None) -> tuple[float, float] | None:
    """``X,Y`` as (X, Y)."""
    if text is None:
        return None
    x, sep, y = text.partition(",")
    if not sep:
        raise _Usage(f"--at expects X,Y, e.g. --at 2,3, not {text!r}")
    return parse_number(x, "--at"), parse_number(y, "--at")


def _theme(args: argparse.Namespace) -> Theme:
    """Colour for a terminal and for ``--output``; a pipe or a file on stdout gets none
    unless ``FORCE_COLOR`` is set."""
    piped = not args.output and not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR")
    return Theme.from_environment(no_color=args.no_color or piped, ascii=args.ascii)


def _show(args: argparse.Namespace, canvas: Any, theme: Theme, title: str) -> int:
    """Print the chart, or write it to ``--output`` (SVG, HTML or text, by its suffix)."""
    if args.output is None:
        _print(canvas.render(theme.color))
        return 0
    from pathlib import Path

    from tensortown.chart import export

    try:
        text = export.render(canvas, Path(args.output).suffix.lower(), title=title)
        export.write(args.output, text)
    except export.ExportError as error:
        if str(error).startswith("can't write"):
            from tensortown.cli import fail

            fail(str(error), status=1)  # not bad input: the file could not be written
        raise _Usage(f"--output {error}") from None
    return 0


def _print(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def command_plot(args: argparse.Namespace) -> int:
    """Print the curve, with the cursor, marker and tangent at ``--at``."""
    from tensortown.chart.render import curve_chart

    function = _function(args.function)
    if function.arity != 1:
        raise _Usage(
            f"plot draws a function of one variable; {args.function!r} uses "
            f"{' and '.join(function.symbols)}: try `tensortown field`"
        )
    variable = function.variables[0]
    lo = variable.lo if args.start is None else parse_number(args.start, "--from")
    hi = variable.hi if args.stop is None else parse_number(args.stop, "--to")
    if args.json or args.csv:
        _refuse_cursor(args, "plot", "--at, --secant")
        return _numbers(args, function, {variable.symbol: (lo, hi)}, (101,))
    at = None if args.at is None else _at(function, args.at)[0]
    columns, rows = parse_size(args.size)
    theme = _theme(args)
    try:
        chart = curve_chart(function, lo, hi, columns, rows, theme, derivatives=args.derivatives)
    except ChartError as error:
        raise _Usage(str(error)) from None
    canvas = chart.canvas
    h = None if args.secant is None else parse_number(args.secant, "--secant")
    if h is not None and (at is None or h == 0):
        raise _Usage("--secant H needs --at X, and a step H other than 0")
    if at is not None:
        if not lo <= at <= hi:
            raise _Usage(f"--at {at:g} is outside the range {lo:g} … {hi:g}")
        from tensortown import steps

        result, step = steps.step_reading(
            function, {variable.symbol: at}, variable.symbol, h or 1.0
        )
        slope = result.gradient.get(variable.symbol)
        second = result.hessian[0][0] if result.hessian else None
        secant = None if h is None else step.secant_point
        note = _readout(function, at, result.value, slope)
        if secant is not None:
            note += f"   Δf/h = {format_number(step.ratio)} (h = {format_number(h)})"
        canvas = chart.with_cursor(at, result.value, slope, second=second, secant=secant, note=note)
    return _show(args, canvas, theme, f"{function.title}: {function.formula}")


def _readout(function: Any, x: float, value: float | None, slope: float | None) -> str:
    from tensortown.numbers import format_value

    v = function.variables[0]
    unit = f" {v.unit}" if v.unit else ""
    return (
        f"{v.symbol} = {format_number(x)}{unit}   f = {format_value(value, function.is_money)}"
        f"   f′ = {format_number(slope)}"
    )


def command_field(args: argparse.Namespace) -> int:
    """Print the gradient field, with the cursor cell at ``--at``."""
    from tensortown.chart.render import default_range, field_chart, field_refusal

    function = _function(args.function)
    drawn, point = _plane(args, function)
    if drawn.axes is None:
        raise _Usage(field_refusal(function) + ("; try `plot`" if function.arity == 1 else ""))
    across, up = drawn.axes
    xlim = parse_span(args.x, "--x") or default_range(drawn, across)
    ylim = parse_span(args.y, "--y") or default_range(drawn, up)
    if args.json or args.csv:
        if point is None:
            _refuse_cursor(args, "field", "--at")
        if function.arity == 1:
            raise _Usage(
                f"field --json writes a function of two or more variables; "
                f"{args.function!r} has one: try `plot --json`"
            )
        from tensortown.section import held

        fixed = {} if point is None else held(function, (across, up), point)
        return _numbers(args, function, {across: xlim, up: ylim}, (21, 21), fixed)
    at: tuple[float, ...] | None = None
    if point is not None and args.at is not None:
        at = (point[across], point[up])
    elif args.at is not None:
        at = _at(function, args.at)[:2]
    columns, rows = parse_size(args.size)
    theme = _theme(args)
    try:
        chart = field_chart(drawn, xlim, ylim, columns, rows, theme)
    except ChartError as error:
        raise _Usage(str(error)) from None
    canvas = chart.canvas
    if at is not None:
        if not (xlim[0] <= at[0] <= xlim[1] and ylim[0] <= at[1] <= ylim[1]):
            raise _Usage(f"--at {at[0]:g},{at[1]:g} is outside the box")
        canvas = chart.with_cursor(at[0], at[1])
    return _show(args, canvas, theme, f"{drawn.title}: {drawn.formula}")


def _plane(args: argparse.Namespace, function: Any) -> tuple[Any, dict[str, float] | None]:
    """The function the field draws, and the point it goes through: ``function`` itself
    (no point), or with ``--axes`` (and always for three or more variables) the section
    over the two axes through ``--at`` (the variables left out at their defaults)."""
    if args.axes is None and function.arity < 3:
        return function, None
    from tensortown.section import section

    names = tuple(n.strip() for n in (args.axes or ",".join(function.symbols[:2])).split(","))
    if len(names) != 2:
        raise _Usage(f"--axes expects two variables, e.g. --axes {','.join(function.symbols[:2])}")
    from tensortown.arguments import UsageError, parse_at, point_for_partial

    try:
        given = point_for_partial(function, parse_at(function, [args.at] if args.at else []))
    except UsageError as error:
        raise _Usage(str(error)) from None
    point = {**function.default_point(), **given}
    try:
        return section(function, (names[0], names[1]), point), point
    except ValueError as error:
        raise _Usage(str(error)) from None


def _refuse_cursor(args: argparse.Namespace, command: str, options: str) -> None:
    """--json and --csv write samples: a cursor's options are grad's business."""
    if args.json and args.csv:
        raise _Usage("--json or --csv, not both")
    if args.at is not None or getattr(args, "secant", None) is not None:
        raise _Usage(
            f"{command} --json and --csv write the samples, without {options}: "
            "for one point, use `tensortown grad FUNCTION --at …`"
        )


def _numbers(
    args: argparse.Namespace,
    function: Any,
    spans: dict[str, tuple[float, float]],
    default: tuple[int, ...],
    held: dict[str, float] | None = None,
) -> int:
    """Write the samples over ``spans`` as JSON or CSV."""
    from tensortown import sampled

    for symbol, (lo, hi) in spans.items():
        if not lo < hi:
            raise _Usage(f"the {symbol} range is empty: from {lo:g} to {hi:g}")
    try:
        counts = sampled.parse_samples(args.samples, default)
    except sampled.SamplesError as error:
        raise _Usage(str(error)) from None
    axes = {
        s: (float(lo), float(hi), n) for (s, (lo, hi)), n in zip(spans.items(), counts, strict=True)
    }
    sampled.write(function, axes, held or {}, as_csv=args.csv)
    return 0


def _at(function: Any, text: str) -> tuple[float, ...]:
    """``--at``: the values in the order of the variables (``20``, ``25,6``), or named as
    grad takes them (``x=20``, ``x=25,y=6``)."""
    if "=" not in text:
        if function.arity == 1:
            return (parse_number(text, "--at"),)
        x, y = parse_point(text) or (0.0, 0.0)  # (text is not None: never the default)
        return (x, y)
    from tensortown.cli import parse_at, point_for

    point = point_for(function, parse_at(function, [text]))
    return tuple(point[symbol] for symbol in function.symbols)


def _function(text: str) -> Any:
    from tensortown.catalogue import resolve
    from tensortown.expression import (
        ExpressionError,
    )

    try:
        return resolve(text)
    except ExpressionError as error:
        raise _Usage(f"in {text!r}: {error}") from None


def _guard(command: Any) -> Any:
    """Turn this module's usage errors into the CLI's."""

    def run(args: argparse.Namespace) -> int:
        from tensortown.cli import UsageError

        try:
            return int(command(args))
        except _Usage as error:
            raise UsageError(str(error)) from None

    run.__doc__ = command.__doc__
    return run


_NEGATIVE = re.compile(r"^-\d|^-\.\d")
"""Values like ``-5:5`` and ``-1,2`` are values, not options (argparse knows only ``-5``)."""


def _output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--output",
        metavar="FILE",
        help="write the chart to FILE.svg, FILE.html or FILE.txt (with its colours) instead",
    )


def _numbers_options(p: argparse.ArgumentParser, default: str) -> None:
    p.add_argument("--json", action="store_true", help="the samples' numbers as one JSON object")
    p.add_argument("--csv", action="store_true", help="the samples' numbers as CSV")
    p.add_argument(
        "--samples", metavar="N", help=f"with --json or --csv: samples per axis (default {default})"
    )


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``plot`` and ``field`` to the CLI's subparsers."""
    size_help = "the chart's size in cells, e.g. 120x30 (default: the terminal's)"
    p = sub.add_parser(
        "plot",
        help="draw f over a range, with the tangent at a point",
        description="Draw a function of one variable, its values and derivatives from the tape.",
        parents=[common],
    )
    p.add_argument("function", metavar="FUNCTION", help="a catalogue key (pay) or an expression")
    p.add_argument("--from", dest="start", metavar="A", help="start of the range")
    p.add_argument("--to", dest="stop", metavar="B", help="end of the range")
    p.add_argument("--at", metavar="X", help="draw the cursor and the tangent at X")
    p.add_argument(
        "--secant",
        metavar="H",
        help="with --at X: draw the secant through x and x + H too, and print Δf/H",
    )
    p.add_argument("--size", metavar="COLSxROWS", help=size_help)
    p.add_argument(
        "--derivatives",
        type=count_argument,
        choices=(0, 1, 2),
        default=0,
        help="panels for f′ (1) or f′ and f″ (2) under the curve",
    )
    _numbers_options(p, "101")
    _output_option(p)
    p._negative_number_matcher = _NEGATIVE
    p.set_defaults(run=_guard(command_plot))

    p = sub.add_parser(
        "field",
        help="draw the gradient field of f(x, y)",
        description="Shade f(x, y) (lighter = less) with arrows along the gradient from the tape.",
        parents=[common],
    )
    p.add_argument("function", metavar="FUNCTION", help="a catalogue key or an expression in x, y")
    p.add_argument("--x", metavar="A:B", help="the x range")
    p.add_argument("--y", metavar="C:D", help="the y range")
    p.add_argument(
        "--at",
        metavar="X,Y",
        help="highlight the cell at (X, Y); with --axes, the point (x=1,y=2,z=3) the field "
        "goes through",
    )
    p.add_argument(
        "--axes",
        metavar="A,B",
        help="the two variables drawn across and up (for three or more: the first two), "
        "the others held at --at; --x and --y are then their ranges",
    )
    p.add_argument("--size", metavar="COLSxROWS", help=size_help)
    _numbers_options(p, "21, or NXxNY: 41x21")
    _output_option(p)
    p._negative_number_matcher = _NEGATIVE
    p.set_defaults(run=_guard(command_field))
