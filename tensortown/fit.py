"""Fit a line y = w·x + b to data with TensorFlow's optimizers: what training is, in 2-D.

The loss is the mean squared error L(w, b) = mean((w·x + b − y)²) over the data, built
from the data's columns as TensorFlow constants; the optimizer steps (w, b) from (0, 0)
in the same traced loop as :mod:`tensortown.optimizers`, each gradient from the tape.

With sizes in the hundreds, ∂L/∂w is about a thousand times ∂L/∂b: plain descent
either diverges in w or crawls in b. ``standardise`` fits on the sizes' z-scores instead
(x − mean)/sd, where both partials are alike, and translates w and b back to the data's
units; Adam, which scales each step by its own gradient's size, copes with the raw
scale. numpy's least squares (``lstsq``) is the answer every fit is compared with.

TensorTown's apartments ship with the package (``data/listings.csv``, from
``data/make_listings.py``).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tensortown.optimizers import Course, Loop, Run, Settings
from tensortown.walk import Walk

LISTINGS = Path(__file__).with_name("data") / "listings.csv"
"""TensorTown's apartments: size (square feet) and price (dollars)."""
FLAT = 1e-6
"""A fit has converged when |∇L| is this fraction of |∇L| at the start."""
UNBOUNDED = (-1e30, 1e30)


class FitError(ValueError):
    """Data a line can't be fitted to: the message names the line and column."""


@dataclass(frozen=True)
class Data:
    """Two numeric columns of a CSV file."""

    x: np.ndarray
    y: np.ndarray
    x_name: str
    y_name: str
    source: str


@dataclass(frozen=True)
class Fit:
    """A finished fit: w and b in the data's units, the loss there, and the run."""

    data: Data
    run: Run
    standardised: bool
    w: float
    b: float
    loss: float
    least_squares: tuple[float, float, float]
    """numpy's answer: w, b and the loss there."""

    @property
    def walk(self) -> Walk:
        return self.run.walk


def read(text: str, source: str, x: str | None = None, y: str | None = None) -> Data:
    """The columns ``x`` and ``y`` (the first two if not named) of CSV ``text``; FitError
    naming the line and the column for anything that is not two numbers a row."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in next(rows, [])]
    if len(header) < 2:
        raise FitError(f"{source}: line 1 should name two columns or more (size,price)")
    names = [x or header[0], y or header[1]]
    missing = [name for name in names if name not in header]
    if missing:
        raise FitError(f"{source}: no column {missing[0]!r} (its columns: {', '.join(header)})")
    where = [header.index(name) for name in names]
    values: list[list[float]] = [[], []]
    for line, row in enumerate(rows, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        for column, index in enumerate(where):
            cell = row[index].strip() if index < len(row) else ""
            try:
                number = float(cell) if cell.isascii() and "_" not in cell else float("nan")
            except ValueError:
                number = float("nan")
            if not math.isfinite(number) or abs(number) > 1e15:
                shown = repr(cell) if cell else "nothing"
                raise FitError(
                    f"{source}: line {line}, column {names[column]!r}: {shown} is not a number"
                )
            values[column].append(number)
    xs, ys = np.array(values[0]), np.array(values[1])
    if len(xs) < 2 or np.ptp(xs) == 0:
        raise FitError(
            f"{source}: a line needs two rows or more with different {names[0]!r} (found {len(xs)})"
        )
    return Data(xs, ys, names[0], names[1], source)


def listings() -> Data:
    """TensorTown's apartments."""
    return read(LISTINGS.read_text(), "TensorTown's listings", "size", "price")


def least_squares(data: Data) -> tuple[float, float, float]:
    """numpy's least-squares line (float64): w, b, and the mean squared error there."""
    design = np.column_stack([data.x, np.ones_like(data.x)])
    (w, b), *_ = np.linalg.lstsq(design, data.y, rcond=None)
    return float(w), float(b), float(np.mean((w * data.x + b - data.y) ** 2))


def fit(
    data: Data,
    kind: str = "adam",
    settings: Settings | None = None,
    *,
    steps: int = 1000,
    standardise: bool = False,
) -> Fit:
    """Fit y = w·x + b from (0, 0) with TensorFlow's ``kind`` optimizer."""
    from tensortown import backend

    settings = settings or Settings()
    settings.check()
    tf = backend.tensorflow()
    centre, spread = (float(np.mean(data.x)), float(np.std(data.x))) if standardise else (0.0, 1.0)
    xs = tf.constant((data.x - centre) / spread, tf.float32)
    ys = tf.constant(data.y, tf.float32)

    def value_of(parts: list[Any]) -> Any:
        w, b = parts
        return tf.reduce_mean(tf.square(w * xs + b - ys))

    loop = Loop(kind, 2, value_of, momentum=settings.momentum, b1=settings.beta1, b2=settings.beta2)
    points, values, gradients = loop.run(np.zeros(2, np.float32), settings.rate, steps, 1.0)
    flat = FLAT * float(np.linalg.norm(gradients[0])) if np.isfinite(gradients[0]).all() else 0.0
    course = Course(("w", "b"), {"w": UNBOUNDED, "b": UNBOUNDED}, lambda _: "a number overflowed")
    walk = course.walk(points, values, gradients, False, settings.rate, flat, steps)
    # where it ended; for a run that overflowed, the last step with a finite loss
    last = next((s for s in reversed(walk.steps) if s.value is not None), walk.steps[0])
    scaled_w, scaled_b = last.point["w"], last.point["b"]
    w = scaled_w / spread
    b = scaled_b - scaled_w * centre / spread
    loss = float(np.mean((w * data.x + b - data.y) ** 2))
    return Fit(data, Run(kind, settings, walk), standardise, w, b, loss, least_squares(data))
