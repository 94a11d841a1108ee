"""Where f has a flat tangent: the zeros of f′, found in f′'s samples from the tape.

A curve chart samples f′ three times a column; between two samples of opposite sign f′
crosses zero, and f's tangent is flat there.  This module only locates those crossings
(by linear interpolation between the tape's samples); it computes no derivative.
"""

from __future__ import annotations

import numpy as np

JUMP = 10.0
"""A sign change this many times steeper than its neighbours is a jump (|x| at 0), not a zero."""


def zero_crossings(xs: np.ndarray, values: np.ndarray) -> list[float]:
    """The xs where the sampled ``values`` are zero or change sign, in increasing order.

    Undefined samples (nan) break the curve: no crossing is reported across them.  A sign
    change that is a jump (far steeper than the samples around it, as f′ of ``abs(x)`` at
    0) is no zero of a smooth curve and is left out.
    """
    xs = np.asarray(xs, dtype=np.float64)
    v = np.asarray(values, dtype=np.float64)
    if len(v) < 2:
        return [float(x) for x, y in zip(xs, v, strict=True) if y == 0]
    found: list[float] = [float(x) for x in xs[v == 0]]
    a, b = v[:-1], v[1:]
    with np.errstate(invalid="ignore"):
        change = np.flatnonzero((a * b < 0) & np.isfinite(a) & np.isfinite(b))
    steps = np.abs(np.diff(v))
    for i in change.tolist():
        around = [steps[j] for j in (i - 1, i + 1) if 0 <= j < len(steps) and np.isfinite(steps[j])]
        if around and steps[i] > JUMP * max(max(around), 1e-300):
            continue
        t = a[i] / (a[i] - b[i])
        found.append(float(xs[i] + t * (xs[i + 1] - xs[i])))
    return sorted(found)


def nearest(points: list[float], x: float) -> float | None:
    """The point closest to ``x``, or None when there are none."""
    return min(points, key=lambda p: abs(p - x)) if points else None
