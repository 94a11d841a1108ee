"""plotext draws exactly the dots we ask for: the contract our geometry relies on.

These tests pin the behaviour of plotext (pyproject.toml pins its exact version): with the
limits [0, dots] and ``edge`` alignment, a point at dot centre k + 0.5 lands on dot k.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensortown.chart import raster

BRAILLE_BITS = {
    0x01: (0, 0), 0x02: (0, 1), 0x04: (0, 2), 0x08: (1, 0),
    0x10: (1, 1), 0x20: (1, 2), 0x40: (0, 3), 0x80: (1, 3),
}  # fmt: skip


def dots_of(picture: list[str]) -> set[tuple[int, int]]:
    """(dot column, dot row) of every braille dot in a picture."""
    out = set()
    for r, line in enumerate(picture):
        for c, char in enumerate(line):
            code = ord(char) - 0x2800
            for bit, (dx, dy) in BRAILLE_BITS.items():
                if 0 < code < 256 and code & bit:
                    out.add((2 * c + dx, 4 * r + dy))
    return out


def single(column: int, row: int) -> raster.Polyline:
    return raster.Polyline(np.array([column]), np.array([row]), np.array([False]))


@pytest.mark.parametrize(("width", "height"), [(1, 1), (3, 2), (10, 5), (37, 11), (200, 50)])
def test_a_dot_lands_where_asked(width: int, height: int) -> None:
    for column in sorted({0, 1, 2 * width - 1, *range(0, 2 * width, max(1, width // 3))}):
        for row in sorted({0, 4 * height - 1, *range(1, 4 * height, max(3, height))}):
            picture = raster.draw([single(column, row)], width, height, "braille")
            assert len(picture) == height
            assert all(len(line) == width for line in picture)
            assert dots_of(picture) == {(column, row)}


def test_a_one_character_marker_lands_on_its_cell() -> None:
    picture = raster.draw([single(4, 2)], 10, 5, "*")
    assert picture[2][4] == "*"
    assert sum(line.count("*") for line in picture) == 1


def test_joined_points_draw_a_connected_line_and_breaks_leave_a_gap() -> None:
    line = raster.Polyline(
        np.array([0, 9, 10, 19]), np.array([0, 0, 0, 0]), np.array([True, False, True, False])
    )
    dots = dots_of(raster.draw([line], 10, 1, "braille"))
    assert {(c, 0) for c in range(10)} <= dots
    assert {(c, 0) for c in range(10, 20)} <= dots
    line = raster.Polyline(np.array([0, 19]), np.array([0, 0]), np.array([False, False]))
    assert dots_of(raster.draw([line], 10, 1, "braille")) == {(0, 0), (19, 0)}


def test_to_dots_leaves_gaps_and_clips() -> None:
    x = np.array([0.1, 0.6, 1.1, 1.6, 2.1, 2.6])
    y = np.array([0.5, 0.5, np.nan, 0.5, -5.0, -9.0])
    defined = np.isfinite(y)
    line = raster.to_dots(x, y, defined, 3, 1, 2, 4)
    # nan breaks the line; the first point above the top is kept on the edge, the next dropped
    assert line.columns.tolist() == [0, 1, 3, 4]
    assert line.rows.tolist() == [2, 2, 2, 0]
    assert line.joined.tolist() == [True, False, True, False]


def test_nothing_to_draw_is_blank() -> None:
    empty = raster.Polyline(np.array([], dtype=int), np.array([], dtype=int), np.array([], bool))
    assert raster.draw([empty], 4, 2, "braille") == ["    ", "    "]


def test_plotext_version_is_the_pinned_one() -> None:
    import plotext

    assert plotext.__version__ == "6.1.0"


def _drawn_through_the_public_api(line: raster.Polyline, width: int, height: int) -> list[str]:
    """The same picture through plotext's documented ``signal``/``lines``/``draw`` calls."""
    import plotext

    figure = plotext.figure
    with raster._LOCK:
        plotext.terminal.limit(False, False)
        figure.clear()
        figure.plot_size(width, height)
        signal = figure.signal(
            (line.columns + 0.5).tolist(), (4 * height - line.rows - 0.5).tolist(), marker="braille"
        )
        if line.joined.any():
            signal.lines()
            signal.density("full")
            for index in np.flatnonzero(~line.joined[:-1]) + 1:
                signal.line(int(index), False)
        figure.draw(signal)
        figure.axes(False)
        for axis, dots in (("x", 2 * width), ("y", 4 * height)):
            ruler = figure.ruler(axis)
            ruler.frequency(0)
            ruler.lim(0, dots)
            ruler.alignment(lim="edge")
        text = figure.build().string(colorless=True)
    rows = text.split("\n")[:height]
    return [row.ljust(width)[:width] for row in rows] + [" " * width] * (height - len(rows))


@settings(max_examples=60, deadline=None)
@given(data=st.data(), width=st.integers(1, 60), height=st.integers(1, 20))
def test_the_fast_path_draws_what_the_public_api_draws(
    data: st.DataObject, width: int, height: int
) -> None:
    """``draw`` feeds plotext's signal directly (no per-point marker copies, no colour
    cycler); for any polyline with breaks, the picture is the one the public calls make."""
    count = data.draw(st.integers(1, 80))
    columns = np.array(
        data.draw(st.lists(st.integers(0, 2 * width - 1), min_size=count, max_size=count))
    )
    rows = np.array(
        data.draw(st.lists(st.integers(0, 4 * height - 1), min_size=count, max_size=count))
    )
    joined = np.array(data.draw(st.lists(st.booleans(), min_size=count, max_size=count)))
    line = raster.Polyline(columns, rows, joined)
    assert raster.draw([line], width, height, "braille") == _drawn_through_the_public_api(
        line, width, height
    )
