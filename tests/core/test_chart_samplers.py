"""numpy stand-ins for the tape in chart tests (the real tape is tested in test_tape_*).

Finite differences here are a test reference only; the charts get derivatives from the tape.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import numpy as np

Curve = Callable[[np.ndarray], SimpleNamespace]
Field = Callable[[np.ndarray, np.ndarray], SimpleNamespace]


def curve(f: Callable[[np.ndarray], np.ndarray], h: float = 1e-5) -> Curve:
    """f with finite-difference f′ and f″: a reference, only for tests."""

    def sampler(xs: np.ndarray) -> SimpleNamespace:
        with np.errstate(all="ignore"):
            v = f(xs)
            first = (f(xs + h) - f(xs - h)) / (2 * h)
            second = (f(xs + 1e3 * h) - 2 * v + f(xs - 1e3 * h)) / (1e3 * h) ** 2
        bad = ~np.isfinite(v)
        v, first, second = (np.where(bad, np.nan, a) for a in (v, first, second))
        return SimpleNamespace(values=v, first=first, second=second)

    return sampler


def field(f: Callable[[np.ndarray, np.ndarray], np.ndarray], h: float = 1e-5) -> Field:
    """f(x, y) with finite-difference gradient on the grid xs × ys, shaped (len(ys), len(xs))."""

    def sampler(xs: np.ndarray, ys: np.ndarray) -> SimpleNamespace:
        gx, gy = np.meshgrid(xs, ys, indexing="xy")
        with np.errstate(all="ignore"):
            v = f(gx, gy) + 0 * gx
            dfdx = (f(gx + h, gy) - f(gx - h, gy)) / (2 * h) + 0 * gx
            dfdy = (f(gx, gy + h) - f(gx, gy - h)) / (2 * h) + 0 * gx
        bad = ~(np.isfinite(v) & np.isfinite(dfdx) & np.isfinite(dfdy))
        v, dfdx, dfdy = (np.where(bad, np.nan, a) for a in (v, dfdx, dfdy))
        return SimpleNamespace(values=v, dfdx=dfdx, dfdy=dfdy)

    return sampler


def log(x: np.ndarray) -> np.ndarray:
    """ln x, nan for x ≤ 0."""
    with np.errstate(all="ignore"):
        return np.where(x > 0, np.log(np.abs(x)), np.nan)


def test_the_reference_samplers_agree_with_known_derivatives() -> None:
    xs = np.array([1.0, 2.0, 3.0])
    s = curve(lambda x: x**3)(xs)
    assert np.allclose(s.first, 3 * xs**2, rtol=1e-6)
    assert np.allclose(s.second, 6 * xs, rtol=1e-3)
    g = field(lambda x, y: x * y)(xs, xs[:2])
    assert g.values.shape == (2, 3)
    assert np.allclose(g.dfdx, np.array([[1.0] * 3, [2.0] * 3]))
    assert np.isnan(curve(log)(np.array([-1.0])).values[0])
