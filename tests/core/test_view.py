"""Zoom, pan and the cursor's step (tensortown.view): reversible, and honest about float32."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tensortown import view

bounds = st.floats(-1e6, 1e6, allow_nan=False)
fractions = st.floats(0, 1)


@st.composite
def ranges(draw: st.DrawFn) -> tuple[float, float]:
    """A range the tape resolves with room to zoom in a few times."""
    lo = draw(bounds)
    width = draw(st.floats(1e-3, 1e6))
    hi = lo + width
    assume((hi - lo) / view.resolution(lo, hi) >= 16 * view.RESOLVING)
    return lo, hi


def close(a: float, b: float, width: float) -> bool:
    return abs(a - b) <= 1e-8 * width


def test_float32_spacing_is_numpys() -> None:
    for value in (0.0, 1e-40, 1e-30, 0.1, 1.0, 1.5, 2.0, 20.0, 60.0, 1e6, 3e30, -20.0):
        expected = float(np.spacing(np.float32(abs(value))))
        assert view.float32_spacing(value) == expected, value


@given(ranges(), fractions, st.sampled_from([2.0, 4.0, 10.0]))
def test_zoom_in_then_out_restores_the_range(
    box: tuple[float, float], where: float, factor: float
) -> None:
    lo, hi = box
    about = lo + where * (hi - lo)
    zoomed = view.zoom(lo, hi, about, factor)
    back = view.zoom(*zoomed, about, 1 / factor)
    assert close(back[0], lo, hi - lo) and close(back[1], hi, hi - lo)


@given(ranges(), fractions, st.sampled_from([2.0, 0.5, 3.0]))
def test_the_about_point_stays_at_its_fraction(
    box: tuple[float, float], where: float, factor: float
) -> None:
    lo, hi = box
    about = lo + where * (hi - lo)
    new_lo, new_hi = view.zoom(lo, hi, about, factor)
    assert math.isclose(new_hi - new_lo, (hi - lo) / factor, rel_tol=1e-8)
    fraction = (about - lo) / (hi - lo)
    assert abs((about - new_lo) / (new_hi - new_lo) - fraction) <= 1e-7


def test_zooming_in_twice_about_the_point_halves_around_it() -> None:
    assert view.zoom(0, 60, 20, 2) == (10, 40)
    assert view.zoom(10, 40, 20, 0.5) == (0, 60)
    assert view.zoom(0, 60, 100, 2) == (30, 60)  # about clamped into the range: its end


@given(ranges(), st.sampled_from([0.25, -0.25, 1.0]))
def test_pan_there_and_back_restores_the_range(box: tuple[float, float], q: float) -> None:
    lo, hi = box
    there = view.pan(lo, hi, q)
    assert close(there[0], lo + q * (hi - lo), hi - lo)
    assert close(there[1] - there[0], hi - lo, hi - lo)
    back = view.pan(*there, -q)
    assert close(back[0], lo, hi - lo) and close(back[1], hi, hi - lo)


def test_zooming_in_stops_where_float32_does() -> None:
    lo, hi = 0.0, 60.0
    with pytest.raises(ValueError, match="float32") as refused:
        for _ in range(60):
            lo, hi = view.zoom(lo, hi, 20.0, 2)
    assert "can't zoom in further" in str(refused.value)
    # the last view allowed still holds RESOLVING float32 numbers
    assert (hi - lo) / view.float32_spacing(hi) >= view.RESOLVING
    assert (hi - lo) / 2 / view.float32_spacing(hi) < view.RESOLVING


def test_zooming_out_stops_at_the_largest_bound() -> None:
    with pytest.raises(ValueError, match=r"can't zoom out further.*1e\+30"):
        view.zoom(-6e29, 6e29, 0, 0.5)
    assert view.zoom(-2e29, 2e29, 0, 0.5) == (-4e29, 4e29)


def test_panning_stops_at_the_largest_bound() -> None:
    with pytest.raises(ValueError, match="can't pan further"):
        view.pan(0, 1e30, 0.25)


@pytest.mark.parametrize("factor", [0, -2, math.inf, math.nan])
def test_a_zoom_needs_a_factor(factor: float) -> None:
    with pytest.raises(ValueError, match="factor"):
        view.zoom(0, 1, 0.5, factor)


@pytest.mark.parametrize(
    ("size", "step"),
    [
        (0.3, 0.2),
        (1.0, 1.0),
        (0.75, 0.5),
        (0.999, 0.5),
        (7.0, 5.0),
        (1e-5, 1e-5),
        (123.0, 100),
        (0.06 / 60, 0.001),
    ],
)
def test_round_step(size: float, step: float) -> None:
    assert view.round_step(size) == step


@given(ranges(), st.integers(1, 400))
def test_a_cell_step_is_round_and_at_most_one_cell(box: tuple[float, float], cells: int) -> None:
    lo, hi = box
    cell = (hi - lo) / cells
    assume(cell >= 10 * view.resolution(lo, hi))
    step = view.cell_step(lo, hi, cells)
    assert (
        cell / 5 <= step <= cell * (1 + 1e-9)
    )  # 1, 2, 5: the next round number down is within 2.5×
    mantissa = f"{step:e}".split("e")[0]
    assert float(mantissa) in (1.0, 2.0, 5.0)


def test_a_cell_step_finer_than_float32_is_refused() -> None:
    lo, hi = view.zoom(20 - 1e-4, 20 + 1e-4, 20, 1)
    with pytest.raises(ValueError, match="finer than float32"):
        view.cell_step(lo, hi, 200)
    with pytest.raises(ValueError, match="chart"):
        view.cell_step(0, 60, 0)


def test_halving_and_doubling_the_step() -> None:
    step = 1.0
    for _ in range(5):
        step = view.halved(step, 0, 60)
    assert step == 0.03125
    assert view.doubled(step, 0, 60) == 0.0625
    with pytest.raises(ValueError, match="can't halve the step"):
        view.halved(2.0**-19, 0, 20)  # float32's gap at 20 is 2⁻¹⁹
    assert view.halved(2.0**-18, 0, 20) == 2.0**-19
    with pytest.raises(ValueError, match="at most 1e"):
        view.doubled(8e29, 0, 60)


def _honest(lo: float, hi: float, width: int) -> None:
    """Every x and y tick label reads back to its tick within half a tick's step, and differs."""
    from tensortown.chart import axes
    from tensortown.chart.geometry import Axis

    for ticks, labels in (
        axes.x_ticks(Axis(lo, hi, 8, width), width + 10),
        axes.y_ticks(Axis(lo, hi, 1, width // 4, flipped=True)),
    ):
        assert len(ticks) >= 2, (lo, hi)
        assert len(set(labels)) == len(labels), labels
        step = ticks[1] - ticks[0]
        for tick, label in zip(ticks, labels, strict=True):
            assert lo <= tick <= hi
            assert abs(float(label) - tick) <= step / 2, (label, tick)


@pytest.mark.parametrize("about", [20.0, 0.0, 59.9, 1e-3])
def test_the_axes_ticks_stay_honest_at_every_zoom(about: float) -> None:
    lo, hi = 0.0, 60.0
    while True:
        _honest(lo, hi, 190)
        _honest(lo, hi, 60)
        try:
            lo, hi = view.zoom(lo, hi, about, 2)
        except ValueError:
            break
    lo, hi = 0.0, 60.0
    for _ in range(30):
        lo, hi = view.zoom(lo, hi, about, 0.5)
        _honest(lo, hi, 190)
