"""``tensortown walk``: a gradient walk, or TensorFlow's optimizers from the same start.

Without ``--optimizer`` the walk steps x ← x ± η·∇f itself (:mod:`tensortown.walk`);
with it, a ``tf.keras.optimizers`` class takes the steps (:mod:`tensortown.optimizers`),
and ``--optimizer all`` runs the four side by side and prints one row each.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from tensortown.arguments import UsageError, count_argument, function_argument, parse_start
from tensortown.catalogue import Function
from tensortown.numbers import format_number, format_value, parse_number
from tensortown.shapes import head, walk_json

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam", "all")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``walk`` to the CLI's subparsers."""
    p = sub.add_parser(
        "walk",
        help="a gradient ascent or descent walk, or TensorFlow's optimizers",
        description="Walk along the gradient (x ← x ± rate·∇f), each step from the tape; "
        "or let TensorFlow's optimizers (tf.keras.optimizers) take the steps.",
        parents=[common],
    )
    p.add_argument("function", metavar="FUNCTION", help="a catalogue key or an expression")
    p.add_argument(
        "--from", dest="start", metavar="X,Y", help="the start (default: the tutorial's)"
    )
    p.add_argument(
        "--steps", type=count_argument, default=50, metavar="N", help="at most N steps (default 50)"
    )
    p.add_argument("--descent", action="store_true", help="walk downhill (−∇f)")
    p.add_argument(
        "--optimizer",
        choices=OPTIMIZERS,
        help="TensorFlow's optimizer takes the steps (all: the four side by side)",
    )
    add_settings(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=command_walk)


def add_settings(p: argparse.ArgumentParser) -> None:
    """The learning rate and the optimizers' own parameters (``walk``, ``fit``)."""
    p.add_argument("--rate", default="0.1", metavar="η", help="learning rate (default 0.1)")
    p.add_argument(
        "--momentum",
        default="0.9",
        metavar="M",
        help="the momentum optimizer's momentum (default 0.9)",
    )
    p.add_argument("--beta1", default="0.9", metavar="β1", help="Adam's β₁ (default 0.9)")
    p.add_argument("--beta2", default="0.999", metavar="β2", help="Adam's β₂ (default 0.999)")


def settings_of(args: argparse.Namespace) -> Any:
    """The :class:`~tensortown.optimizers.Settings` the options give."""
    from tensortown.optimizers import Settings

    return Settings(
        rate=_number(args.rate, "--rate"),
        momentum=_number(args.momentum, "--momentum"),
        beta1=_number(args.beta1, "--beta1"),
        beta2=_number(args.beta2, "--beta2"),
    )


def command_walk(args: argparse.Namespace) -> int:
    """A gradient ascent (or descent) walk, each gradient from the tape."""
    from tensortown import cli
    from tensortown.walk import box_of, gradient_walk

    function = function_argument(args.function)
    start = parse_start(function, args.start) if args.start else function.default_point()
    rate = _number(args.rate, "--rate")
    box = box_of(function)
    for symbol, value in start.items():
        lo, hi = box[symbol]
        if not lo <= value <= hi:
            raise UsageError(f"--from {symbol} = {format_number(value)} is outside {lo:g}..{hi:g}")
    if args.optimizer:
        return _optimize(args, function, start)
    try:
        walk = gradient_walk(function, start, rate=rate, steps=args.steps, ascent=not args.descent)
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.json:
        print(json.dumps(walk_json(function, walk), indent=2))
    else:
        cli.emit(args, walk_text(function, walk, ascii_only=args.ascii))
    return cli.EXIT_UNDEFINED if walk.stop.code == "undefined" else cli.EXIT_OK


def _number(text: str, option: str) -> float:
    try:
        return parse_number(text)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def _optimize(args: argparse.Namespace, function: Function, start: dict[str, float]) -> int:
    """``walk --optimizer``: one optimizer's steps, or every optimizer's end, in a row each."""
    from tensortown import cli
    from tensortown.optimizers import KINDS, optimize

    settings = settings_of(args)
    kinds = KINDS if args.optimizer == "all" else (args.optimizer,)
    try:
        runs = [
            optimize(function, start, kind, settings, steps=args.steps, ascent=not args.descent)
            for kind in kinds
        ]
    except ValueError as error:
        raise UsageError(str(error)) from None
    if args.json:
        shaped = [{**walk_json(function, r.walk), **r.json()} for r in runs]
        if args.optimizer == "all":
            parts = [
                {k: v for k, v in s.items() if k not in ("function", "expression")} for s in shaped
            ]
            print(json.dumps({**head(function), "optimizers": parts}, indent=2))
        else:
            print(json.dumps(shaped[0], indent=2))
    elif args.optimizer == "all":
        cli.emit(args, optimizers_text(function, start, runs, ascii_only=args.ascii))
    else:
        run = runs[0]
        title = f"{run.kind_title()} ({run.settings.words(run.kind)})"
        cli.emit(args, walk_text(function, run.walk, ascii_only=args.ascii, title=title))
    undefined = any(r.walk.stop.code == "undefined" for r in runs)
    return cli.EXIT_UNDEFINED if undefined else cli.EXIT_OK


def walk_text(
    function: Function, walk: Any, ascii_only: bool = False, title: str | None = None
) -> str:
    """The walk as a table: k, the point, f and |∇f|; ``title`` names an optimizer."""
    norm = "|grad f|" if ascii_only else "|∇f|"
    point_head = f"({', '.join(function.symbols)})"
    rows = [("k", point_head, "f", norm)]
    for s in walk.steps:
        where = "(" + ", ".join(format_number(s.point[v]) for v in function.symbols) + ")"
        rows.append(
            (str(s.k), where, format_value(s.value, function.is_money), format_number(s.norm))
        )
    lines = _table(rows, left={1})
    kind = "ascent" if walk.ascent else "descent"
    how = title or f"gradient {kind}, rate {format_number(walk.rate)}"
    lines.append(f"{how}: stopped: {walk.stop.reason}")
    return _words("\n".join(lines), ascii_only)


def optimizers_text(
    function: Function, start: dict[str, float], runs: list[Any], ascii_only: bool = False
) -> str:
    """Every optimizer from one start, a row each: its steps, where it ended, f and |∇f|
    there, and why it stopped."""
    where = ", ".join(f"{s} = {format_number(v)}" for s, v in start.items())
    kind = "uphill" if runs and runs[0].walk.ascent else "downhill"
    rows = [("optimizer", "steps", f"({', '.join(function.symbols)})", "f", "|∇f|", "stopped")]
    for run in runs:
        last = run.walk.steps[-1]
        point = "(" + ", ".join(format_number(last.point[v]) for v in function.symbols) + ")"
        rows.append(
            (
                run.kind_title(),
                str(last.k),
                point,
                format_value(last.value, function.is_money),
                format_number(last.norm),
                run.walk.stop.code,
            )
        )
    lines = [f"{function.title}: {function.formula}", f"from {where}, {kind}", ""]
    lines += _table(rows, left={0, 2, 5})
    lines.append("")
    for run in runs:
        lines.append(f"{run.kind_title()} ({run.settings.words(run.kind)}): {run.walk.stop.reason}")
    return _words("\n".join(lines), ascii_only)


def _table(rows: Sequence[tuple[str, ...]], left: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(
            cell.ljust(w) if i in left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(r, widths, strict=True))
        ).rstrip()
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def _words(text: str, ascii_only: bool) -> str:
    if not ascii_only:
        return text
    for unicode, ascii in (("∇", "grad "), ("η", "eta"), ("β₁", "beta1"), ("β₂", "beta2")):
        text = text.replace(unicode, ascii)
    return text
