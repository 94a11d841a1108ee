"""Golden text charts in plain mode at fixed sizes.

Regenerate on purpose only: ``TENSORTOWN_UPDATE_GOLDEN=1 pytest tests/core/test_chart_golden.py``,
then read the diff of tests/core/golden/ before committing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import test_chart_samplers as samplers

from tensortown.chart.curve import CurveLabels, build_curve
from tensortown.chart.field import FieldLabels, build_field
from tensortown.chart.theme import Theme

GOLDEN = Path(__file__).parent / "golden"
PLAIN = Theme(color=False)
ASCII = Theme(color=False, ascii=True)
PAY_LABELS = CurveLabels("hours worked (h)", "Weekly pay ($)", "f′(x) ($/h)", "f″(x)")


def pay_with_tangent() -> str:
    c = build_curve(
        samplers.curve(lambda x: 0.25 * x**2 + 500), 0, 60, 80, 24, PAY_LABELS, PLAIN, derivatives=1
    )
    return c.with_cursor(20.0, 600.0, 10.0, note="x = 20 h   f = $600.00   f′ = 10").plain()


def log_with_gap() -> str:
    labels = CurveLabels("x", "f(x) = log(x)")
    return build_curve(samplers.curve(samplers.log), -1, 1, 60, 14, labels, PLAIN).canvas.plain()


def sine_ascii() -> str:
    labels = CurveLabels("x", "sin(x)", "f′(x)")
    c = build_curve(samplers.curve(np.sin), -6, 6, 50, 16, labels, ASCII, derivatives=1)
    return c.with_cursor(1.0, float(np.sin(1.0)), float(np.cos(1.0))).plain()


def bowl_field() -> str:
    f = samplers.field(lambda x, y: -(x**2 + y**2))
    c = build_field(f, (-5, 5), (-5, 5), 60, 20, FieldLabels("x", "y"), PLAIN)
    return c.with_cursor(1.0, 2.0).plain()


def earnings_field_ascii() -> str:
    f = samplers.field(lambda x, y: 0.25 * x**2 + 500 + 50 * np.log(y + 1))
    labels = FieldLabels("hours worked (h)", "compliments given", "f ($)")
    return build_field(f, (0, 60), (0, 20), 70, 18, labels, ASCII).canvas.plain()


CASES: dict[str, Callable[[], str]] = {
    "curve_pay_tangent_80x24": pay_with_tangent,
    "curve_log_gap_60x14": log_with_gap,
    "curve_sine_ascii_50x16": sine_ascii,
    "field_bowl_60x20": bowl_field,
    "field_earnings_ascii_70x18": earnings_field_ascii,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    text = CASES[name]() + "\n"
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("TENSORTOWN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with TENSORTOWN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
