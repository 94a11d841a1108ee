"""``plot --json|--csv`` and ``field --json|--csv``: the numbers behind a chart.

The samples are evenly spaced over the chart's range (``--samples``), through the same
batched tape as ``grad --points`` (:mod:`tensortown.batch`), so each point carries what
``grad --json`` gives for it: f, the gradient and the Hessian (f′ and f″ for one
variable), or null and the reason where f is undefined.  The JSON is one object, its
points a line each, written a chunk at a time.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import numpy as np

from tensortown.catalogue import Function

CHUNK = 1 << 16
"""Points per tape call."""
MOST = 10**7
"""The most samples one command writes."""


class SamplesError(ValueError):
    """``--samples`` that can't be used."""


def parse_samples(text: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    """``101`` (every axis), or ``41x21`` (x, then y) for a field."""
    if text is None:
        return default
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) not in (1, len(default)) or not all(p.isascii() and p.isdigit() for p in parts):
        shape = "N" if len(default) == 1 else "N or NXxNY, e.g. 41x21"
        raise SamplesError(f"--samples expects {shape}, not {text!r}")
    counts = tuple(int(p) for p in parts) * (len(default) // len(parts))
    if min(counts) < 2:
        raise SamplesError("--samples: at least 2 along each axis (the range's two ends)")
    if int(np.prod(counts)) > MOST:
        raise SamplesError(f"--samples: at most {MOST:,} points in all")
    return counts


def grid(
    function: Function, axes: dict[str, tuple[float, float, int]], held: dict[str, float]
) -> np.ndarray:
    """Every point of the grid over ``axes`` (symbol: from, to, samples), the first axis
    fastest (rows of constant y, y rising, x rising along each), the ``held`` variables
    at their values; a column per variable of ``function``, in its order."""
    lines = [np.linspace(lo, hi, n) for lo, hi, n in axes.values()]
    mesh = dict(zip(axes, np.meshgrid(*lines, indexing="xy"), strict=True))
    count = mesh[next(iter(axes))].size
    columns = [mesh[s].ravel() if s in mesh else np.full(count, held[s]) for s in function.symbols]
    return np.stack(columns, axis=1)


def write(
    function: Function,
    axes: dict[str, tuple[float, float, int]],
    held: dict[str, float],
    *,
    as_csv: bool,
) -> None:
    """The samples over ``axes`` (the others ``held``) on stdout: one JSON object, or CSV."""
    from tensortown import batch

    points = grid(function, axes, held)
    out = sys.stdout
    writer = csv.writer(out, lineterminator="\n") if as_csv else None
    if writer is not None:
        writer.writerow(batch.column_names(function))
    else:
        from tensortown.shapes import head as shape_head

        head: dict[str, Any] = {
            **shape_head(function),
            "axes": {s: {"from": lo, "to": hi, "samples": n} for s, (lo, hi, n) in axes.items()},
        }
        if held:
            head["held"] = held
        out.write(json.dumps(head)[:-1] + ', "points": [\n')
    for start in range(0, len(points), CHUNK):
        result = batch.evaluate(function, points[start : start + CHUNK])
        if writer is not None:
            writer.writerows(result.csv_rows())
        else:
            comma = ",\n" if start else ""
            out.write(comma + ",\n".join(result.json_lines(head=False)))
        out.flush()
    if writer is None:
        out.write("\n]}\n")
        out.flush()
