"""The gradient field: arrows for known fields, shades, gaps, the cursor, every size."""

from __future__ import annotations

import numpy as np
import pytest
import test_chart_samplers as samplers

from tensortown.chart.canvas import hex_to_rgb
from tensortown.chart.field import FieldChart, FieldLabels, build_field
from tensortown.chart.theme import Theme

BOWL = samplers.field(lambda x, y: -(x**2 + y**2))
LABELS = FieldLabels("x", "y", "f")
PLAIN = Theme(color=False)
ARROWS = set("→↗↑↖←↙↓↘")
VECTORS = {
    "→": (1, 0), "↗": (1, 1), "↑": (0, 1), "↖": (-1, 1),
    "←": (-1, 0), "↙": (-1, -1), "↓": (0, -1), "↘": (1, -1),
}  # fmt: skip


def chart(sampler=BOWL, box=((-5.0, 5.0), (-5.0, 5.0)), size=(80, 24), theme=PLAIN) -> FieldChart:
    return build_field(sampler, box[0], box[1], size[0], size[1], LABELS, theme)


def arrows(c: FieldChart) -> dict[tuple[int, int], str]:
    g = c.geometry
    return {
        (col, row): c.canvas.chars[row][col]
        for row in range(g.top, g.top + g.height)
        for col in range(g.left, g.left + g.width)
        if c.canvas.chars[row][col] in ARROWS
    }


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 30), (200, 60)])
def test_the_bowl_shows_all_eight_directions_pointing_to_the_centre(size: tuple[int, int]) -> None:
    c = chart(size=size)
    found = arrows(c)
    assert set(found.values()) == ARROWS
    g = c.geometry
    for (col, row), arrow in found.items():
        x, y = g.point_at(col, row)
        dx, dy = VECTORS[arrow]
        # towards the centre, on screen: within 45° + a half step of the true direction
        to_centre = np.array([-x / g.x.cell_size, -y / g.y.cell_size * 2])
        direction = np.array([dx, dy]) / np.hypot(dx, dy)
        cosine = to_centre @ direction / np.linalg.norm(to_centre)
        assert cosine > np.cos(np.radians(22.5 + 1e-6)), (x, y, arrow)


def test_centre_is_still() -> None:
    for columns in (81, 82):  # an odd plot width: the middle column is x = 0, on the lattice
        c = chart(size=(columns, 25))
        g = c.geometry
        if g.width % 2:
            break
    assert g.width % 2 and g.height % 2
    col, row = g.cell_of(0.0, 0.0)
    assert c.canvas.chars[row][col] == "·"


@pytest.mark.parametrize(
    ("f", "only"),
    [(lambda x, y: x + 0 * y, "→"), (lambda x, y: y + 0 * x, "↑"), (lambda x, y: -3 * x, "←")],
)
def test_a_plane_shows_one_direction(f, only) -> None:
    c = chart(samplers.field(f), box=((0.0, 60.0), (0.0, 20.0)))
    assert set(arrows(c).values()) == {only}


def test_the_box_scale_turns_the_arrows() -> None:
    # f = x + y: 45° in data, but x spans 60 and y 2, so on screen it is nearly straight up
    c = chart(samplers.field(lambda x, y: x + y), box=((0.0, 60.0), (0.0, 2.0)))
    assert set(arrows(c).values()) == {"↑"}


def test_ascii_arrows() -> None:
    c = chart(theme=Theme(color=False, ascii=True))
    text = c.with_cursor(1.0, 2.0).plain()
    assert text.isascii()
    for arrow in "><^v/\\":
        assert arrow in text


def test_lighter_means_less_in_colour() -> None:
    c = chart(samplers.field(lambda x, y: x + 0 * y), size=(60, 12), theme=Theme())
    g = c.geometry
    row = g.top + 1
    lum = []
    for col in (g.left, g.left + g.width // 2, g.left + g.width - 1):
        bg = c.canvas.styles[row][col].bg
        assert bg is not None
        r, gr, b = hex_to_rgb(bg)
        lum.append(0.2126 * r + 0.7152 * gr + 0.0722 * b)
    assert lum[0] > lum[1] > lum[2]


def test_plain_shades_use_the_ramp() -> None:
    c = chart(samplers.field(lambda x, y: x + 0 * y), size=(60, 12))
    g = c.geometry
    row = g.top + 1  # not an arrow row
    line = "".join(c.canvas.chars[row][g.left : g.left + g.width])
    assert line[0] == " " and line[-1] == "@"


def test_undefined_cells_are_marked_and_never_coloured_from_nan() -> None:
    f = samplers.field(lambda x, y: samplers.log(x) + y)
    for theme in (PLAIN, Theme()):
        c = chart(f, box=((-1.0, 1.0), (-1.0, 1.0)), theme=theme)
        g = c.geometry
        for row in range(g.top, g.top + g.height):
            for col in range(g.left, g.left + g.width):
                x, _ = g.point_at(col, row)
                if abs(x) < 1e-9:  # ln 0: undefined, whichever way rounding went
                    continue
                if x < 0:
                    assert c.canvas.chars[row][col] == "?"
                    if theme.color:
                        assert c.canvas.styles[row][col].bg == theme.palette.undefined_bg
                else:
                    assert c.canvas.chars[row][col] != "?"


def test_cursor_highlights_one_cell_and_the_axes() -> None:
    c = chart(theme=Theme())
    overlaid = c.with_cursor(1.0, 2.0)
    col, row = c.geometry.cell_of(1.0, 2.0)
    assert overlaid.styles[row][col].bg == Theme().palette.highlight
    assert overlaid.chars[c.axis_row][col] == "▲"
    assert overlaid.chars[row][c.geometry.left - 1] == "▶"
    assert c.canvas.styles[row][col].bg != Theme().palette.highlight  # base untouched
    assert overlaid.chars[0] is c.canvas.chars[0]
    sample = c.cell_sample(col, row)
    assert sample is not None and sample[2] == pytest.approx(-(sample[0] ** 2 + sample[1] ** 2))


def test_geometry_round_trip_on_the_field() -> None:
    c = chart(size=(123, 37))
    g = c.geometry
    for row in range(g.top, g.top + g.height):
        for col in range(g.left, g.left + g.width, 7):
            assert g.cell_of(*g.point_at(col, row)) == (col, row)


def test_legend_and_titles() -> None:
    lines = chart(size=(80, 24)).canvas.plain().split("\n")
    assert lines[0].startswith("y")
    assert "f: -" in lines[0] and "@" in lines[0]
    assert lines[-1].strip() == "x"
    assert "-5" in lines[-2] and "5" in lines[-2]


SWEEP = [(20, 8), (21, 9), (47, 13), (80, 24), (150, 41), (233, 77), (300, 100)]


@pytest.mark.parametrize("size", SWEEP)
@pytest.mark.parametrize(
    "f",
    [
        BOWL,
        samplers.field(lambda x, y: 0 * x + 0 * y),
        samplers.field(lambda x, y: samplers.log(x * y)),
    ],
)
def test_every_size_draws_exactly_its_cells(size: tuple[int, int], f) -> None:
    columns, rows = size
    for theme in (PLAIN, Theme(ascii=True)):
        lines = chart(f, size=size, theme=theme).with_cursor(0.5, 0.5).plain().split("\n")
        assert len(lines) == rows
        assert all(len(line) == columns for line in lines)


def test_a_field_undefined_everywhere_says_so_and_has_no_legend() -> None:
    nowhere = samplers.field(lambda x, y: samplers.log(x) + samplers.log(y))
    text = chart(nowhere, box=((-5.0, -1.0), (-5.0, -1.0))).canvas.plain()
    assert "f is undefined on the whole range" in text
    assert "f: " not in text.split("\n")[0]  # no "0 … 0" legend
    somewhere = chart(nowhere, box=((-5.0, 5.0), (-5.0, 5.0))).canvas.plain()
    assert "undefined on the whole range" not in somewhere and "f: " in somewhere
