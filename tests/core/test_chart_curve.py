"""The curve chart: layout, gaps, the marker on the curve, the overlay, every size."""

from __future__ import annotations

import functools
from types import SimpleNamespace

import numpy as np
import pytest
import test_chart_samplers as samplers
from hypothesis import given
from hypothesis import strategies as st

from tensortown.chart import raster
from tensortown.chart.curve import ChartError, CurveChart, CurveLabels, build_curve
from tensortown.chart.theme import Theme

PAY = samplers.curve(lambda x: 0.25 * x**2 + 500)
SINE = samplers.curve(lambda x: np.sin(x))
LOG = samplers.curve(samplers.log)
LABELS = CurveLabels("hours worked (h)", "Weekly pay ($)", "f′ ($/h)", "f″")
PLAIN = Theme(color=False)


def chart(sampler=PAY, lo=0.0, hi=60.0, size=(80, 20), derivatives=0, theme=PLAIN) -> CurveChart:
    return build_curve(sampler, lo, hi, size[0], size[1], LABELS, theme, derivatives=derivatives)


def test_layout_has_titles_ticks_and_the_curve() -> None:
    text = chart().canvas.plain()
    lines = text.split("\n")
    assert len(lines) == 20
    assert lines[0].startswith("Weekly pay ($)")
    assert "hours worked (h)" in lines[-1]
    assert "└" in lines[-3] and "┬" in lines[-3]
    assert lines[-2].split()[0] == "0" and lines[-2].split()[-1] == "60"
    assert any("┤" in line for line in lines[1:-3])
    assert any(0x2800 < ord(c) < 0x2900 for c in text)  # braille from plotext


@pytest.mark.parametrize(("sampler", "lo", "hi"), [(PAY, 0, 60), (SINE, -7, 7), (LOG, 0.05, 3)])
@pytest.mark.parametrize("size", [(20, 8), (80, 20), (120, 30), (200, 50)])
def test_the_marker_sits_on_the_curve_at_every_column(sampler, lo, hi, size) -> None:
    c = chart(sampler, lo, hi, size)
    g = c.geometry
    panel = c.panels[0]
    for column in range(g.left, g.left + g.width):
        sample = c.column_sample(column)
        assert sample is not None
        x, value, slope, _ = sample
        assert g.x_to_column(x) == column
        if not g.y.contains_value(value):
            continue
        cell = g.cell_of(x, value)
        assert cell in panel.drawn, (column, x, value)
        overlaid = c.with_cursor(x, value, slope)
        assert overlaid.chars[cell[1]][cell[0]] == "●"


@functools.cache
def sine_chart() -> CurveChart:
    return chart(SINE, -7.0, 7.0, (120, 30))


@given(t=st.floats(0.0, 1.0))
def test_the_marker_sits_on_the_curve_anywhere(t: float) -> None:
    c = sine_chart()
    x = -7.0 + 14.0 * t
    value = float(np.sin(x))
    column, row = c.geometry.cell_of(x, value)
    overlaid = c.with_cursor(x, value, float(np.cos(x)), tangent=False)
    marked = [r for r in range(c.canvas.height) if overlaid.chars[r][column] == "●"]
    assert len(marked) == 1
    assert (column, marked[0]) in c.panels[0].drawn  # on the curve as drawn
    assert abs(marked[0] - row) <= 1  # and at most a row from the value's own


def test_every_column_maps_back_within_half_a_column() -> None:
    c = chart(size=(137, 33))
    g = c.geometry
    for column in range(g.left, g.left + g.width):
        x = g.column_to_x(column)
        assert g.x_to_column(x) == column
        assert 0 <= x - (g.x.lo + (column - g.left) * g.x.cell_size) <= g.x.cell_size / 2 + 1e-9


def test_gaps_where_f_is_undefined() -> None:
    c = chart(LOG, -1.0, 1.0, (80, 20), derivatives=1)
    for panel in c.panels:
        g = panel.geometry
        negative = {col for col in range(g.left, g.left + g.width) if g.column_to_x(col) < 0}
        drawn_columns = {col for col, _ in panel.drawn}
        assert not drawn_columns & negative
        assert drawn_columns  # and the right half is drawn


def test_panels_share_the_x_axis() -> None:
    c = chart(derivatives=2, size=(100, 40))
    assert [p.name for p in c.panels] == ["f", "f′", "f″"]
    assert len({(p.geometry.x.offset, p.geometry.x.length) for p in c.panels}) == 1
    tops = [p.geometry.top for p in c.panels]
    assert tops == sorted(tops)


def test_panels_are_dropped_when_there_is_no_room() -> None:
    assert len(chart(derivatives=2, size=(40, 8)).panels) == 1


def test_the_cursor_copies_only_what_it_touches_and_never_calls_plotext(monkeypatch) -> None:
    c = chart(derivatives=1)
    before = c.canvas.plain()

    def refuse(*args, **kwargs):
        raise AssertionError("plotext was called for an overlay")

    monkeypatch.setattr(raster, "draw", refuse)
    overlaid = c.with_cursor(20.0, 600.0, 10.0, note="x = 20")
    assert c.canvas.plain() == before
    assert overlaid.plain() != before
    bottom = c.canvas.height - 1
    assert overlaid.chars[bottom] is c.canvas.chars[bottom]  # untouched rows are shared
    column = c.geometry.x_to_column(20.0)
    rows = [overlaid.chars[r][column] for r in range(c.canvas.height)]
    assert rows.count("●") == 2  # on f and on f′
    assert "│" in rows


def test_the_tangent_stays_in_the_plot_and_near_its_line() -> None:
    theme = Theme()
    c = chart(size=(80, 20), theme=theme)
    g = c.geometry
    overlaid = c.with_cursor(20.0, 600.0, 10.0)
    tangent = theme.fg(theme.palette.tangent)
    added = [
        (col, row)
        for row in range(c.canvas.height)
        for col in range(c.canvas.width)
        if overlaid.styles[row][col] == tangent
    ]
    assert added
    for col, row in added:
        assert g.contains(col, row)
        x = g.column_to_x(col)
        expected = 600.0 + 10.0 * (x - 20.0)
        assert abs(g.row_to_y(row) - expected) <= 10.0 * g.x.cell_size + g.y.cell_size


@pytest.mark.parametrize(("x", "slope"), [(20.0, 10.0), (3.0, 1.5), (55.0, 27.5)])
def test_a_tangent_with_a_reach_is_the_full_one_near_the_cursor(x: float, slope: float) -> None:
    c = chart(size=(80, 20))
    value = 0.25 * x**2 + 500
    column = c.geometry.x_to_column(x)
    full = c.with_cursor(x, value, slope)
    short = c.with_cursor(x, value, slope, reach=20)
    for row in range(c.canvas.height):
        for col in range(c.canvas.width):
            if abs(col - column) < 20:
                assert short.chars[row][col] == full.chars[row][col], (row, col)
            elif abs(col - column) > 20:  # beyond the reach: the chart as it was
                assert short.chars[row][col] == c.canvas.chars[row][col], (row, col)
    if x == 20.0:  # where the curve leaves room, the short tangent is there
        assert any(
            short.chars[row][col] != c.canvas.chars[row][col] and col != column
            for row in range(c.canvas.height)
            for col in range(c.canvas.width)
        )


def test_no_cursor_outside_the_range_or_for_undefined_values() -> None:
    c = chart()
    assert c.with_cursor(99.0, 1.0, 1.0) is c.canvas
    overlaid = c.with_cursor(20.0, None, None)
    assert "●" not in overlaid.plain()


def test_ascii_mode_is_ascii_only() -> None:
    c = chart(derivatives=1, theme=Theme(color=False, ascii=True))
    text = c.with_cursor(20.0, 600.0, 10.0, note="x = 20").plain()
    assert text.isascii()


def test_colour_mode_has_escapes_and_plain_mode_none() -> None:
    coloured = chart(theme=Theme()).canvas
    assert "\x1b[" in coloured.ansi()
    assert "\x1b[" not in chart().canvas.render(color=False)


@pytest.mark.parametrize(
    ("lo", "hi", "size"),
    [(1.0, 1.0, (80, 20)), (2.0, 1.0, (80, 20)), (0.0, 1.0, (19, 20)), (0.0, 1.0, (80, 7))],
)
def test_refuses_empty_ranges_and_tiny_sizes(lo: float, hi: float, size: tuple[int, int]) -> None:
    with pytest.raises(ChartError):
        chart(PAY, lo, hi, size)


SWEEP = [
    (20, 8),
    (21, 9),
    (33, 12),
    (57, 17),
    (80, 24),
    (119, 31),
    (160, 45),
    (233, 71),
    (300, 100),
]


@pytest.mark.parametrize("size", SWEEP)
@pytest.mark.parametrize(
    ("sampler", "lo", "hi"),
    [
        (PAY, 0, 60),
        (LOG, -1, 1),
        (samplers.curve(lambda x: 1 / x), -2, 2),
        (samplers.curve(lambda x: 0 * x + 3), 0, 1),
    ],
)
def test_every_size_draws_exactly_its_cells(sampler, lo, hi, size) -> None:
    columns, rows = size
    for theme in (PLAIN, Theme(color=False, ascii=True)):
        c = chart(sampler, lo, hi, size, derivatives=2, theme=theme)
        lines = (
            c.with_cursor((lo + hi) / 2 + 0.01, 1.0, 1.0, note="a long readout " * 9)
            .plain()
            .split("\n")
        )
        assert len(lines) == rows
        assert all(len(line) == columns for line in lines)


def test_all_undefined_draws_an_empty_frame() -> None:
    c = chart(LOG, -3.0, -1.0)
    assert not c.panels[0].drawn
    assert len(c.canvas.plain().split("\n")) == 20


def test_each_panel_holds_its_values_at_the_range_ends() -> None:
    c = chart(PAY, 0.0, 60.0, derivatives=2)
    f, first, second = c.panels
    assert c.xs[0] > 0.0 and c.xs[-1] < 60.0  # the samples stop short of the ends
    assert f.ends == pytest.approx((500.0, 1400.0))
    assert first.ends == pytest.approx((0.0, 30.0), abs=1e-4)  # pay's flat tangent: at 0
    assert second.ends == pytest.approx((0.5, 0.5), abs=1e-3)
    assert len(f.values) == len(c.xs)


@pytest.mark.parametrize("rows", range(20, 41))
def test_a_constant_is_drawn_on_its_own_row_and_tick(rows) -> None:
    price = samplers.curve(lambda x: 2 * x + 500)  # f′ = 2, f″ = 0 (to rounding)
    constant = build_curve(
        lambda xs: SimpleNamespace(
            values=price(xs).values, first=np.full_like(xs, 2.0), second=np.zeros_like(xs)
        ),
        700.0,
        900.0,
        80,
        rows,
        LABELS,
        PLAIN,
        derivatives=2,
    )
    lines = constant.canvas.plain().split("\n")
    for panel, value in zip(constant.panels[1:], (2.0, 0.0), strict=False):
        row = panel.geometry.y_to_row(value)
        assert {r for _, r in panel.drawn} == {row}, (panel.name, rows)
        assert lines[row][: panel.geometry.left].strip() == f"{value:g}┤"  # its tick, beside it


def test_a_curve_undefined_everywhere_says_so() -> None:
    text = chart(LOG, -3.0, -1.0).canvas.plain()
    assert "f is undefined on the whole range" in text
    assert "undefined" not in chart(LOG, -3.0, 3.0).canvas.plain()  # defined on part of it
