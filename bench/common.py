"""Timing helpers shared by the benchmark modules: medians and percentiles, never one run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def time_ms(action: Callable[[], Any], repeat: int, warmup: int = 3) -> list[float]:
    """Run ``action`` ``repeat`` times after ``warmup`` runs; each run's time in ms."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1e3)
    return samples


def row(
    figure: str,
    samples: list[float] | None = None,
    *,
    value: float | None = None,
    unit: str = "ms",
    goal: float | None = None,
    goal_text: str | None = None,
    p95_goal: float | None = None,
    note: str = "",
) -> dict[str, Any]:
    """One line of the table: the median (and p95) against a goal (lower is better)."""
    median = statistics.median(samples) if samples else value
    p95 = percentile(samples, 95) if samples else None
    ok = None
    if goal is not None and median is not None:
        ok = median <= goal and (p95_goal is None or (p95 is not None and p95 <= p95_goal))
    if goal_text is None and goal is not None:
        goal_text = f"≤ {goal:g} {unit}" + (f", p95 ≤ {p95_goal:g} {unit}" if p95_goal else "")
    return {
        "figure": figure,
        "median": median,
        "p95": p95,
        "unit": unit,
        "runs": len(samples) if samples else 1,
        "goal": goal_text or "",
        "ok": ok,
        "note": note,
    }
