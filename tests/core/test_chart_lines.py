"""Straight lines at the curve's resolution: continuous at every slope, on the line, joined
with the curve where they cross; and the tangent and the secant on a real curve chart."""

from __future__ import annotations

import math

import numpy as np
import pytest
import test_chart_samplers as samplers
from hypothesis import given
from hypothesis import strategies as st

from tensortown.chart import lines
from tensortown.chart.canvas import Canvas, Style
from tensortown.chart.curve import CurveLabels, build_curve
from tensortown.chart.geometry import PlotGeometry
from tensortown.chart.theme import Theme

GEOMETRY = PlotGeometry.of(5, 1, 60, 16, (0.0, 60.0), (0.0, 16.0))
"""One data unit per cell across and down: a line's data slope is its slope on screen."""

slopes = st.floats(0.01, 100.0).flatmap(lambda s: st.sampled_from([s, -s]))


def connected(dots: set[tuple[int, int]]) -> bool:
    """True when the dots form one piece, each touching the next (8 neighbours)."""
    if not dots:
        return False
    todo, seen = [next(iter(dots))], set()
    while todo:
        c, r = todo.pop()
        if (c, r) in seen:
            continue
        seen.add((c, r))
        todo += [
            (c + dc, r + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1) if (c + dc, r + dr) in dots
        ]
    return seen == dots


def braille_dots(canvas: Canvas, geometry: PlotGeometry) -> set[tuple[int, int]]:
    """Every braille dot on the plot, as (column, row) on the dot grid."""
    dots = set()
    bits = {0x01: (0, 0), 0x02: (0, 1), 0x04: (0, 2), 0x08: (1, 0)}
    bits |= {0x10: (1, 1), 0x20: (1, 2), 0x40: (0, 3), 0x80: (1, 3)}
    for row in range(geometry.height):
        for column in range(geometry.width):
            code = ord(canvas.chars[geometry.top + row][geometry.left + column]) - lines.BRAILLE
            if 0 < code <= 0xFF:
                for bit, (dc, dr) in bits.items():
                    if code & bit:
                        dots.add((column * 2 + dc, row * 4 + dr))
    return dots


@given(slope=slopes, y0=st.floats(2.0, 14.0))
def test_a_line_is_continuous_at_every_slope_and_stays_on_the_line(slope: float, y0: float) -> None:
    line = lines.Line(30.0, y0, slope, 0.0, 60.0)
    cols, rows = lines.line_dots(line, GEOMETRY, 2, 4)
    dots = set(zip(cols.tolist(), rows.tolist(), strict=True))
    assert connected(dots)
    assert all(0 <= c < 120 and 0 <= r < 64 for c, r in dots)
    for c, r in dots:  # within a dot of the true line, along the shorter axis
        x = (c + 0.5) / 2
        y_dots = (16.0 - line.at(np.array([x]))[0]) * 4
        x_dots = (30.0 + (16.0 - (r + 0.5) / 4 - y0) / slope) * 2
        assert (
            abs(y_dots - (r + 0.5)) <= 1.01 * max(1.0, abs(slope) * 2)
            or abs(x_dots - (c + 0.5)) <= 1.01
        )
    # it crosses the plot from edge to edge (top, bottom or sides)
    assert (
        min(c for c, _ in dots) == 0
        or min(r for _, r in dots) == 0
        or max(r for _, r in dots) == 63
    )
    assert (
        max(c for c, _ in dots) == 119
        or min(r for _, r in dots) == 0
        or max(r for _, r in dots) == 63
    )


@given(slope=slopes)
def test_a_line_one_glyph_a_cell_is_continuous_too(slope: float) -> None:
    line = lines.Line(30.0, 8.0, slope, 0.0, 60.0)
    cols, rows = lines.line_dots(line, GEOMETRY, 1, 1)
    assert connected(set(zip(cols.tolist(), rows.tolist(), strict=True)))


def test_a_line_stays_within_its_ends() -> None:
    line = lines.Line(30.0, 8.0, 0.0, 20.0, 40.0)
    cols, _ = lines.line_dots(line, GEOMETRY, 2, 4)
    assert cols.min() == 40 and cols.max() == 79  # 20 … 40 on a grid of two dots a unit


def test_a_dashed_line_leaves_gaps_a_solid_one_does_not() -> None:
    for slope in (0.0, 0.5, 30.0):
        line = lines.Line(30.0, 8.0, slope, 0.0, 60.0)
        solid = set(zip(*(a.tolist() for a in lines.line_dots(line, GEOMETRY, 2, 4)), strict=True))
        dashed = set(
            zip(
                *(a.tolist() for a in lines.line_dots(line, GEOMETRY, 2, 4, dashed=True)),
                strict=True,
            )
        )
        assert dashed < solid
        assert 0.3 < len(dashed) / len(solid) < 0.7


def test_a_line_joins_the_braille_already_in_a_cell() -> None:
    canvas = Canvas(80, 20)
    curve_style, line_style = Style(fg="#0000ff"), Style(fg="#00ff00")
    canvas.put(35, 9, chr(lines.BRAILLE + 0x01), curve_style)  # a dot of the curve
    canvas.put(40, 9, "┈", curve_style)  # the zero line
    line = lines.Line(30.0, 7.125, 0.0, 0.0, 60.0)  # through the bottom dots of row 9
    lines.draw_line(canvas, GEOMETRY, line, line_style, braille=True)
    joined = ord(canvas.chars[9][35]) - lines.BRAILLE
    assert joined & 0x01 and joined & 0xC0  # the curve's dot and the line's two
    assert canvas.styles[9][35] == line_style
    assert canvas.chars[9][40] == chr(lines.BRAILLE + 0xC0)  # over a non-braille cell


def test_an_undefined_line_draws_nothing() -> None:
    line = lines.Line(30.0, math.nan, 1.0, 0.0, 60.0)
    cols, rows = lines.line_dots(line, GEOMETRY, 2, 4)
    assert cols.size == rows.size == 0


def test_ascii_lines_get_a_glyph_for_their_slope() -> None:
    for slope, glyph in ((0.0, "-"), (1.0, "/"), (-1.0, "\\"), (50.0, "|")):
        canvas = Canvas(80, 20)
        line = lines.Line(30.0, 8.0, slope, 25.0, 35.0)
        lines.draw_line(canvas, GEOMETRY, line, Style(), braille=False, ascii=True)
        drawn = {c for row in canvas.chars for c in row} - {" "}
        assert drawn == {glyph}


# --- on a curve chart ---------------------------------------------------------------------

PAY = samplers.curve(lambda x: 0.25 * x**2 + 500)
LABELS = CurveLabels("hours worked (h)", "Weekly pay ($)")


def pay_chart(theme: Theme, lo: float = 0.0, hi: float = 60.0, size: tuple[int, int] = (100, 30)):
    return build_curve(PAY, lo, hi, size[0], size[1], LABELS, theme)


def f(x: float) -> float:
    return 0.25 * x**2 + 500


@pytest.mark.parametrize(
    ("x", "h"), [(3.0, 1.0), (3.0, 4.0), (20.0, 1.0), (20.0, -6.0), (41.5, 4.0), (57.0, -6.0)]
)
def test_the_secants_two_points_lie_on_the_curves_cells(x: float, h: float) -> None:
    c = pay_chart(Theme())
    canvas = c.with_cursor(x, f(x), x / 2, secant=(x + h, f(x + h)))
    drawn = c.panels[0].drawn
    g = c.geometry
    for glyph, at in (("●", x), ("○", x + h)):
        cells = [(col, row) for row in range(canvas.height) for col in range(canvas.width)]
        found = [cell for cell in cells if canvas.chars[cell[1]][cell[0]] == glyph]
        assert len(found) == 1, (glyph, found)
        assert found[0] in drawn
        assert found[0][0] == g.x_to_column(at)


def test_the_tangent_is_long_continuous_and_visible_where_it_crosses_the_curve() -> None:
    theme = Theme()
    c = pay_chart(theme)
    g = c.geometry
    canvas = c.with_cursor(20.0, 600.0, 10.0)
    tangent = theme.fg(theme.palette.tangent)
    cells = [
        (col, row)
        for row in range(g.top, g.top + g.height)
        for col in range(g.left, g.left + g.width)
        if canvas.styles[row][col] == tangent
    ]
    columns = {col for col, _ in cells}
    assert max(columns) - min(columns) >= g.width // 3  # across a third of the plot at least
    crossings = [cell for cell in cells if cell in c.panels[0].drawn]
    assert crossings  # where it crosses the curve it shows, with the curve's dots kept
    for col, row in crossings:
        before = ord(c.canvas.chars[row][col]) - lines.BRAILLE
        after = ord(canvas.chars[row][col]) - lines.BRAILLE
        if 0 <= after <= 0xFF:
            assert before & after == before


@given(slope=st.floats(0.01, 100.0), sign=st.sampled_from([1, -1]))
def test_the_tangents_dots_are_continuous_at_slopes_from_a_hundredth_to_a_hundred(
    slope: float, sign: int
) -> None:
    """The tangent's cells and the marker's are one piece, at every slope on screen."""
    theme = Theme()
    flat = samplers.curve(lambda x: np.full_like(x, 0.0))
    c = build_curve(flat, 0.0, 60.0, 100, 30, LABELS, theme)
    g = c.geometry
    y = g.y.lo + 0.3 * (g.y.hi - g.y.lo)
    screen = sign * slope * g.y.cell_size / g.x.cell_size  # ``slope`` rows a column
    canvas = c.with_cursor(30.0, y, screen, reach=g.width)
    tangent = theme.fg(theme.palette.tangent)
    cells = {
        (col - g.left, row - g.top)
        for row in range(g.top, g.top + g.height)
        for col in range(g.left, g.left + g.width)
        if canvas.styles[row][col] == tangent
    }
    marker = (g.x_to_column(30.0) - g.left, c.panels[0].marker_row(g.x_to_column(30.0), y) - g.top)
    assert canvas.chars[marker[1] + g.top][marker[0] + g.left] == "●"
    dots = {d for d in braille_dots(canvas, g) if (d[0] // 2, d[1] // 4) in cells}
    dots |= {(marker[0] * 2 + dc, marker[1] * 4 + dr) for dc in (0, 1) for dr in range(4)}
    assert connected(dots)
    assert len(cells) >= min(g.width // 3, g.height // 2)


def test_ascii_draws_the_secant_with_its_own_glyph_and_marker() -> None:
    theme = Theme(ascii=True, color=False)
    c = pay_chart(theme)
    canvas = c.with_cursor(20.0, f(20.0), 10.0, secant=(30.0, f(30.0)))
    text = canvas.plain()
    assert ":" in text and "o" in text and "O" in text
    assert text.isascii()
    assert any(ch in text for ch in "/-")
