"""``tensortown fit``: a line fitted to a CSV's two columns by TensorFlow's optimizers, beside
numpy's least squares (:mod:`tensortown.fit`)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from tensortown.arguments import UsageError, count_argument
from tensortown.numbers import format_number
from tensortown.walk_command import add_settings, settings_of

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam", "all")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``fit`` to the CLI's subparsers."""
    p = sub.add_parser(
        "fit",
        help="fit a line to data with TensorFlow's optimizers",
        description="Fit y = w·x + b to two columns of a CSV file (TensorTown's apartment "
        "listings if none is given) by gradient steps on the mean squared error, each "
        "gradient from the tape; numpy's least squares is shown beside it.",
        parents=[common],
    )
    p.add_argument("data", metavar="DATA", nargs="?", help="a CSV file with a header (- for stdin)")
    p.add_argument("--x", metavar="COLUMN", help="the x column (default: the first)")
    p.add_argument("--y", metavar="COLUMN", help="the y column (default: the second)")
    p.add_argument(
        "--optimizer", choices=OPTIMIZERS, default="all", help="default: all four, a row each"
    )
    add_settings(p)
    p.add_argument(
        "--steps", type=count_argument, default=1000, metavar="N", help="at most N (default 1000)"
    )
    p.add_argument(
        "--standardise",
        "--standardize",
        action="store_true",
        help="fit on (x − mean)/sd, then say w and b in x's units",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=command_fit)


def command_fit(args: argparse.Namespace) -> int:
    """Fit, then print each optimizer's line and numpy's."""
    from tensortown import cli
    from tensortown.fit import FitError, fit, listings, read
    from tensortown.optimizers import KINDS

    settings = settings_of(args)
    try:
        if args.data is None:
            data = listings()
        elif args.data == "-":
            data = read(sys.stdin.read(), "standard input", args.x, args.y)
        else:
            try:
                with open(args.data, encoding="utf-8") as source:
                    text = source.read()
            except (OSError, UnicodeDecodeError) as error:
                why = getattr(error, "strerror", None) or str(error)
                raise FitError(f"can't read {args.data}: {why}") from None
            data = read(text, args.data, args.x, args.y)
        kinds = KINDS if args.optimizer == "all" else (args.optimizer,)
        fits = [
            fit(data, kind, settings, steps=args.steps, standardise=args.standardise)
            for kind in kinds
        ]
    except ValueError as error:  # FitError, or settings out of range
        raise UsageError(str(error)) from None
    if args.json:
        shaped = [fit_json(one) for one in fits]
        print(json.dumps(shaped[0] if len(shaped) == 1 else {"fits": shaped}, indent=2))
    else:
        cli.emit(args, fit_text(fits))
    return cli.EXIT_OK


def fit_json(one: Any) -> dict[str, Any]:
    """A fit as a JSON-ready dict: the line, the loss, the run, numpy's answer."""
    w, b, loss = one.least_squares
    data = one.data
    return {
        "data": {"source": data.source, "rows": len(data.x), "x": data.x_name, "y": data.y_name},
        "standardised": one.standardised,
        **one.run.json(),
        "w": _finite(one.w),
        "b": _finite(one.b),
        "loss": _finite(one.loss),
        "steps": one.walk.steps[-1].k,
        "stopped": one.walk.stop.code,
        "reason": one.walk.stop.reason,
        "least_squares": {"w": w, "b": b, "loss": loss},
    }


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def fit_text(fits: list[Any]) -> str:
    """Each fit's line, loss and why it stopped; then numpy's least squares."""
    first = fits[0]
    data = first.data
    scale = f"on standardised {data.x_name}" if first.standardised else f"on {data.x_name} as given"
    lines = [
        f"{data.y_name} = w·{data.x_name} + b, fitted to {len(data.x):,} rows of {data.source} "
        f"({scale}), from w = 0, b = 0:",
        "",
    ]
    for one in fits:
        run = one.run
        lines.append(_line(run.kind_title(), one.w, one.b, one.loss, one.walk.steps[-1].k))
        lines.append(f"  {'':<16} {run.settings.words(run.kind)}: {one.walk.stop.reason}")
    lines += ["", _line("numpy's lstsq", *first.least_squares)]
    start = first.walk.steps[0].gradient
    slope, offset = abs(start["w"] or 0.0), abs(start["b"] or 0.0)
    if not first.standardised and offset > 0 and slope > 10 * offset:
        lines += [
            "",
            f"At w = 0, b = 0, ∂L/∂w is {slope / offset:,.0f} times ∂L/∂b: a learning rate small "
            "enough for w crawls in b.",
            f"--standardise fits on ({data.x_name} − mean)/sd instead, where the two are alike.",
        ]
    return "\n".join(lines)


def _line(name: str, w: float, b: float, loss: float, steps: int | None = None) -> str:
    after = f"  after {steps} steps" if steps is not None else ""
    numbers = f"w = {format_number(w):>11}  b = {format_number(b):>11}"
    return f"  {name:<16} {numbers}  L = {format_number(loss):>11}{after}"
