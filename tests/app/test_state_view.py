"""The explorer's state zoomed, panned and sent home (pure: no Textual, no TensorFlow)."""

from __future__ import annotations

import pytest

from tensortown.catalogue import CATALOGUE
from tui.state import Exploration

pay = Exploration.start(CATALOGUE["pay"])  # x from 0 to 60 at 20, step 1
earnings = Exploration.start(CATALOGUE["earnings"])  # x 0…60 at 25, y 0…20 at 6


def test_a_zoom_keeps_the_point_at_its_place_and_the_step() -> None:
    zoomed = pay.zoomed(2)
    assert zoomed.ranges == ((10, 40),)
    assert zoomed.point == pay.point and zoomed.step == pay.step
    assert zoomed.zoomed(0.5).ranges == pay.ranges


def test_a_zoom_around_another_point_pulls_the_cursor_inside() -> None:
    zoomed = pay.zoomed(4, {"x": 50})  # 50 is 5/6 of the way across, before and after
    assert zoomed.ranges == ((37.5, 52.5),)
    assert zoomed.point == (37.5,)  # 20 is outside the new view: clamped to its start


def test_a_field_zooms_both_axes() -> None:
    zoomed = earnings.zoomed(2)
    (x_lo, x_hi), (y_lo, y_hi) = zoomed.ranges
    assert (x_hi - x_lo, y_hi - y_lo) == (30, 10)
    assert zoomed.point == earnings.point
    assert x_lo < 25 < x_hi and y_lo < 6 < y_hi


def test_a_pan_moves_one_range_and_clamps_the_point() -> None:
    right = pay.panned("x", 0.25)
    assert right.ranges == ((15, 75),) and right.point == (20,)
    at_start = pay.to_end("x", 0).panned("x", 0.25)
    assert at_start.point == (15,)  # the point was at 0: kept inside the view
    up = earnings.panned("y", -0.25)
    assert up.ranges == ((0, 60), (-5, 15)) and up.point == earnings.point


def test_home_restores_the_functions_ranges_and_keeps_the_step() -> None:
    wandered = pay.with_step(0.5).zoomed(8).panned("x", 1).panned("x", 1)
    home = wandered.home()
    assert home.ranges == pay.ranges and home.step == 0.5
    assert 0 <= home.point[0] <= 60


def test_zooming_in_too_far_says_float32_and_names_the_variable() -> None:
    exploration = pay
    with pytest.raises(ValueError, match=r"^x: can't zoom in further: .*float32"):
        for _ in range(60):
            exploration = exploration.zoomed(2)
    assert exploration.ranges[0][0] < 20 < exploration.ranges[0][1]


def test_a_cell_step_is_at_most_one_cell_on_every_axis() -> None:
    assert pay.with_cell_step((120,)).step == 0.5  # a cell is 0.5
    assert pay.with_cell_step((100,)).step == 0.5  # 0.6 → 0.5
    assert earnings.with_cell_step((60, 25)).step == 0.5  # y's cell is 0.8, x's 1
    assert pay.zoomed(1000).with_cell_step((60,)).step == 0.001


def test_halving_and_doubling_the_step() -> None:
    step = pay
    for _ in range(5):
        step = step.halved_step()
    assert step.step == 0.03125
    assert step.doubled_step().doubled_step().step == 0.125
    assert pay.halved_step().doubled_step() == pay


def test_a_step_finer_than_float32_tells_apart_is_refused() -> None:
    fine = pay.with_step(2.0**-17).halved_step()
    assert fine.step == 2.0**-18  # float32's numbers near 60 are 2⁻¹⁸ apart
    with pytest.raises(ValueError, match=r"can't halve the step: .*float32"):
        fine.halved_step()
    with pytest.raises(ValueError, match=r"no step of one cell: .*float32"):
        fine.zoomed(2**16, {"x": 60}).with_cell_step((200,))  # a cell is 4.6e-6 wide


def test_a_tiny_step_moves_the_cursor() -> None:
    """A cursor move rounds to the step's own digits, not to 12 decimals."""
    tiny = Exploration.start(CATALOGUE["pay"], {"x": 0}).zoomed(1e14)
    assert tiny.ranges == ((0, 6e-13),)
    stepped = tiny.with_cell_step((100,))
    assert stepped.step == 5e-15
    assert stepped.moved("x", 3).point == (1.5e-14,)
