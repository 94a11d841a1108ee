"""Gradient ascent and descent walks: x_{k+1} = x_k ± η·∇f(x_k), each gradient from the tape.

The tutorial says the gradient points where f rises fastest; a walk shows it
working.  :func:`walk_steps` yields one step at a time (the explorer animates
it), :func:`gradient_walk` collects a whole walk (the command line prints it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from tensortown.catalogue import Function

FLAT = 1e-4
"""|∇f| below this counts as a flat point: the walk has arrived."""

MAX_STEPS = 10_000
"""The longest walk: each step is a tape call, and a person reads the table."""


@dataclass(frozen=True)
class Step:
    """One point of a walk: where it is, f there and the gradient the tape gave."""

    k: int
    point: dict[str, float]
    value: float | None
    gradient: dict[str, float | None]

    @property
    def norm(self) -> float | None:
        """|∇f| at this point, or None where undefined."""
        from tensortown.results import gradient_norm

        return gradient_norm(self.gradient)


@dataclass(frozen=True)
class Stop:
    """Why a walk ended, in words, and a short code for scripts."""

    code: str
    """``edge``, ``flat``, ``undefined`` or ``steps``."""
    reason: str


@dataclass(frozen=True)
class Walk:
    """A finished walk: its steps and why it stopped."""

    steps: list[Step]
    stop: Stop
    ascent: bool
    rate: float


def box_of(function: Function) -> dict[str, tuple[float, float]]:
    """The walk's box: each variable's range."""
    return {v.symbol: (v.lo, v.hi) for v in function.variables}


def walk_steps(
    function: Function,
    start: dict[str, float],
    *,
    rate: float = 0.1,
    steps: int = 50,
    ascent: bool = True,
    box: dict[str, tuple[float, float]] | None = None,
    flat: float = FLAT,
) -> Iterator[Step | Stop]:
    """Yield each :class:`Step` from ``start``, then the :class:`Stop` that ended the walk."""
    if rate <= 0 or not math.isfinite(rate):
        raise ValueError("the learning rate must be a positive number")
    if not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"the number of steps must be between 0 and {MAX_STEPS:,}")
    from tensortown import tape  # numpy and TensorFlow only when a walk runs

    limits = box or box_of(function)
    sign = 1.0 if ascent else -1.0
    point = {s: float(start[s]) for s in function.symbols}
    for k in range(steps + 1):
        here = tape.derivative_at(function, point)
        step = Step(k, dict(point), here.value, dict(here.gradient))
        yield step
        if not here.defined:
            yield Stop("undefined", f"f is undefined at step {k}: {here.undefined}")
            return
        norm = step.norm or 0.0
        if norm < flat:
            yield Stop("flat", f"|∇f| = {norm:.2g} is below {flat:g}: a flat point")
            return
        if k == steps:
            yield Stop("steps", f"took all {steps} steps")
            return
        moved = {s: point[s] + sign * rate * (here.gradient[s] or 0.0) for s in point}
        outside = [s for s, v in moved.items() if not limits[s][0] <= v <= limits[s][1]]
        if outside:
            s = outside[0]
            lo, hi = limits[s]
            yield Stop(
                "edge", f"the next step leaves the box at {s} = {moved[s]:.4g} ({lo:g}..{hi:g})"
            )
            return
        point = moved


def gradient_walk(
    function: Function,
    start: dict[str, float],
    *,
    rate: float = 0.1,
    steps: int = 50,
    ascent: bool = True,
    box: dict[str, tuple[float, float]] | None = None,
    flat: float = FLAT,
) -> Walk:
    """The whole walk from ``start`` (see :func:`walk_steps`)."""
    taken: list[Step] = []
    stop = Stop("steps", "no steps")
    for item in walk_steps(
        function, start, rate=rate, steps=steps, ascent=ascent, box=box, flat=flat
    ):
        if isinstance(item, Step):
            taken.append(item)
        else:
            stop = item
    return Walk(taken, stop, ascent, rate)
