"""A walk's trail over the field: cells on the path, the head, shades kept, the cursor on top."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import test_chart_samplers as samplers

from tensortown.chart.field import FieldChart, FieldLabels, build_field
from tensortown.chart.theme import Theme
from tensortown.chart.trail import HEAD, TRAIL, axis_cells, line_cells, trail_cells, with_trail

BOWL = samplers.field(lambda x, y: x**2 + y**2)


def chart(theme: Theme | None = None) -> FieldChart:
    return build_field(BOWL, (-5, 5), (-5, 5), 60, 20, FieldLabels("x", "y"), theme or Theme())


@pytest.mark.parametrize("value", [-5.0, -4.99, -1.3, 0.0, 0.2, 2.5, 4.999, 5.0])
def test_vectorised_cells_match_the_geometry(value: float) -> None:
    g = chart().geometry
    assert axis_cells(g.x, np.array([value]))[0] == g.x_to_column(value)
    assert axis_cells(g.y, np.array([value]))[0] == g.y_to_row(value)


@pytest.mark.parametrize(
    ("start", "end"), [((0, 0), (5, 2)), ((5, 2), (0, 0)), ((3, 3), (3, 9)), ((1, 7), (8, 0))]
)
def test_a_line_is_connected_and_ends_where_asked(
    start: tuple[int, int], end: tuple[int, int]
) -> None:
    cells = line_cells(start, end)
    assert cells[0] == start and cells[-1] == end
    for (c0, r0), (c1, r1) in itertools.pairwise(cells):
        assert max(abs(c1 - c0), abs(r1 - r0)) == 1


def test_trail_cells_join_the_points_and_repeat_none() -> None:
    g = chart().geometry
    points = [(4.0, 4.0), (2.0, 2.0), (2.0, 2.0), (0.01, 0.01), (0.0, 0.0)]
    cells = trail_cells(g, points)
    assert cells[0] == g.cell_of(4.0, 4.0)
    assert g.cell_of(0.0, 0.0) in cells and g.cell_of(2.0, 2.0) in cells
    assert len(cells) == len(set(cells))
    for (c0, r0), (c1, r1) in itertools.pairwise(cells):
        assert max(abs(c1 - c0), abs(r1 - r0)) == 1


def test_with_trail_draws_the_path_and_the_head_keeping_the_shades() -> None:
    c = chart()
    points = [(4.0, 3.0), (2.0, 1.5), (1.0, 0.75)]
    canvas = with_trail(c, points)
    head = c.geometry.cell_of(1.0, 0.75)
    assert canvas.chars[head[1]][head[0]] == HEAD[0]
    start = c.geometry.cell_of(4.0, 3.0)
    assert canvas.chars[start[1]][start[0]] == TRAIL[0]
    assert canvas.styles[start[1]][start[0]].bg == c.canvas.styles[start[1]][start[0]].bg
    # only the trail's rows are copied; the base chart is untouched
    rows = {r for _, r in trail_cells(c.geometry, points)}
    for row in range(c.canvas.height):
        assert (canvas.chars[row] is c.canvas.chars[row]) == (row not in rows)
    assert TRAIL[0] not in "".join(c.canvas.lines())


def test_the_cursor_is_drawn_over_the_trail_and_ascii_has_its_own_glyphs() -> None:
    c = chart(Theme(color=False, ascii=True))
    trail = with_trail(c, [(4.0, 4.0), (0.0, 0.0)])
    assert HEAD[1] in "".join(trail.lines()) and TRAIL[1] in "".join(trail.lines())
    with_cursor = c.with_cursor(4.0, 4.0, base=trail)
    column, row = c.geometry.cell_of(4.0, 4.0)
    assert with_cursor.chars[row][column] == c.theme.glyphs.field_cursor
    assert HEAD[1] in "".join(with_cursor.lines())
    assert with_trail(c, []) is c.canvas


def test_the_optimizers_paths_each_in_their_own_glyph_with_their_initial_last() -> None:
    from tensortown.chart.trail import HEADS, MARKS, with_paths

    for theme in (Theme(), Theme(color=False, ascii=True)):
        c = chart(theme)
        ascii_only = 1 if theme.ascii else 0
        paths = [[(-4.0, y), (0.0, y), (4.0, y)] for y in (-3.0, -1.0, 1.0, 3.0)]
        canvas = with_paths(c, paths)
        for index, path in enumerate(paths):
            start, end = c.geometry.cell_of(*path[0]), c.geometry.cell_of(*path[-1])
            assert canvas.chars[start[1]][start[0]] == MARKS[index][ascii_only]
            assert canvas.chars[end[1]][end[0]] == HEADS[index]
            if theme.color:  # each in its own colour, over the field's shade
                style = canvas.styles[start[1]][start[0]]
                assert style.fg == theme.palette.paths[index]
                assert style.bg == c.canvas.styles[start[1]][start[0]].bg
        assert len({m[ascii_only] for m in MARKS}) == 4  # told apart without colour
        if theme.ascii:
            assert canvas.plain().isascii()
    crossing = with_paths(c, [[(-4.0, 0.0), (4.0, 0.0)], [(0.0, -4.0), (0.0, 4.0)]])
    head = c.geometry.cell_of(4.0, 0.0)
    assert crossing.chars[head[1]][head[0]] == HEADS[0]  # heads over every path
    assert with_paths(c, [[], []]) is c.canvas  # nothing to draw: the field itself
