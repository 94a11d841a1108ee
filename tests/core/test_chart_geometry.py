"""Geometry: data → cell → data within half a cell, the y flip, the edges."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tensortown.chart.geometry import (
    Axis,
    PlotGeometry,
    linear_mapper,
    map_cell_to_coordinate,
    map_coordinate_to_cell,
)

SIZES = [(1, 1), (20, 8), (80, 20), (120, 30), (200, 50), (300, 100)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, 0), (0.099, 0), (0.1, 1), (0.55, 5), (0.999, 9), (1.0, 9), (-3.0, 0), (7.0, 9)],
)
def test_value_to_cell_on_ten_cells(value: float, expected: int) -> None:
    assert map_coordinate_to_cell(value, 0.0, 1.0, 10) == expected


@pytest.mark.parametrize(("cell", "expected"), [(0, 0.05), (4, 0.45), (9, 0.95)])
def test_cell_to_value_is_the_centre(cell: int, expected: float) -> None:
    assert map_cell_to_coordinate(cell, 0.0, 1.0, 10) == pytest.approx(expected)


def test_linear_mapper() -> None:
    assert linear_mapper(5, 0, 10, 100, 200) == 150


def test_y_is_flipped_once() -> None:
    g = PlotGeometry.of(4, 1, 10, 5, (0.0, 10.0), (0.0, 5.0))
    assert g.y_to_row(4.9) == 1  # the top row holds the most
    assert g.y_to_row(0.1) == 5
    assert g.row_to_y(1) == pytest.approx(4.5)
    assert g.x_to_column(0.0) == 4
    assert g.x_to_column(10.0) == 13
    assert g.cell_of(0.5, 4.5) == (4, 1)
    assert g.point_at(4, 1) == pytest.approx((0.5, 4.5))


def test_empty_axis_is_refused() -> None:
    with pytest.raises(ValueError):
        Axis(1.0, 1.0, 0, 10)
    with pytest.raises(ValueError):
        map_coordinate_to_cell(math.nan, 0.0, 1.0, 10)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_cell_maps_back_to_itself(width: int, height: int) -> None:
    g = PlotGeometry.of(7, 2, width, height, (-3.0, 11.0), (500.0, 1400.0))
    for column in range(g.left, g.left + width):
        assert g.x_to_column(g.column_to_x(column)) == column
    for row in range(g.top, g.top + height):
        assert g.y_to_row(g.row_to_y(row)) == row


finite = st.floats(-1e6, 1e6, allow_nan=False)


@given(
    lo=finite,
    span=st.floats(1e-3, 1e6),
    t=st.floats(0.0, 1.0),
    size=st.sampled_from(SIZES),
    offset=st.integers(0, 40),
)
def test_round_trip_within_half_a_cell(
    lo: float, span: float, t: float, size: tuple[int, int], offset: int
) -> None:
    width, height = size
    hi = lo + span
    value = lo + t * span
    g = PlotGeometry.of(offset, offset, width, height, (lo, hi), (lo, hi))
    x_back = g.column_to_x(g.x_to_column(value))
    y_back = g.row_to_y(g.y_to_row(value))
    tolerance = 1e-9 * max(1.0, abs(lo), abs(hi))
    assert abs(x_back - value) <= g.x.cell_size / 2 + tolerance
    assert abs(y_back - value) <= g.y.cell_size / 2 + tolerance
    assert g.contains(g.x_to_column(value), g.y_to_row(value))


def test_the_chart_package_loads_neither_textual_nor_tensorflow_nor_plotext() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tensortown.chart, tensortown.chart.render, tensortown.chart.commands; "
        "print(sorted(m for m in ('textual', 'tensorflow', 'plotext') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- tick labels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi"),
    [(-1, -0.999999), (1, 1.0000001), (1e6, 1e6 + 10), (0, 5e6), (1e-9, 5e-9), (-1e30, 1e30)],
)
def test_tick_labels_tell_the_ticks_apart(lo: float, hi: float) -> None:
    from tensortown.chart.axes import format_ticks, nice_step, ticks_for

    step = nice_step(hi - lo, 6)
    ticks = ticks_for(lo, hi, step)
    labels = format_ticks(ticks, step)
    assert len(set(labels)) == len(labels) == len(ticks), labels
    for tick, label in zip(ticks, labels, strict=True):  # each label reads as its tick
        assert math.isclose(float(label), tick, rel_tol=0.1 * step / max(abs(tick), step))


@given(
    st.floats(-1e30, 1e30, allow_nan=False, allow_infinity=False),
    st.floats(1e-300, 1e30, allow_nan=False, allow_infinity=False),
)
def test_tick_labels_are_distinct_for_any_range(lo: float, span: float) -> None:
    from tensortown.chart.axes import format_ticks, nice_step, ticks_for

    hi = lo + span
    if not hi > lo or span < abs(lo) * 1e-12:  # no distinct floats to tick
        return
    step = nice_step(hi - lo, 5)
    ticks = ticks_for(lo, hi, step)
    labels = format_ticks(ticks, step)
    assert len(set(labels)) == len(set(ticks)), (lo, hi, labels)
