"""Pilot tests of functions of other names and of three or more variables in the explorer.

Two variables of any names draw their field; three or more draw one pair through the point,
the others held: ``a`` cycles the pair, the arrows move the pair drawn, the readout has
every partial, the panel the Hessian, and every number is the core's at the point.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from tui_support import readout, run_async, settle

from tensortown import tape
from tensortown.catalogue import resolve
from tui.app import TensorTownApp
from tui.widgets.field_view import FieldView
from tui.widgets.number_field import NumberField
from tui.widgets.walk_table import WalkTable

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("tf")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def label(app: TensorTownApp, name: str) -> str:
    return str(app.query_one(f"#{name}", NumberField).label)


@run_async
async def test_two_variables_of_other_names_draw_their_field() -> None:
    app = TensorTownApp(resolve("a*b - b**2"), {"a": 2.0, "b": 1.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.query_one(FieldView)
        assert field.display and field.chart is not None
        assert "∂f/∂a = 1" in readout(app) and "∂f/∂b = 0" in readout(app)
        assert "from +a" in readout(app)  # the gradient's direction in the (a, b) plane
        await press(pilot, "up")
        assert app.explorer.exploration.point == (2.0, 2.0)
        assert "∂f/∂b = -2" in readout(app)


@run_async
async def test_three_variables_cycle_the_pair_and_hold_the_rest() -> None:
    function = resolve("x*y*z")
    app = TensorTownApp(function, {"x": 1.0, "y": 2.0, "z": 3.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = readout(app)
        for item in ("f = 6", "∂f/∂x = 6", "∂f/∂y = 3", "∂f/∂z = 2"):
            assert item in shown
        assert "x across, y up; held: z = 3 (a: next pair)" in shown
        table = app.query_one(WalkTable)
        assert any("Hessian" in line for line in table.steps)
        assert "x  0  3  2" in "\n".join(table.steps)
        assert app.query_one(FieldView).chart is not None
        await press(pilot, "a")  # x across, z up; y held
        exploration = app.explorer.exploration
        assert exploration.drawn_symbols == ("x", "z") and exploration.held == ("y",)
        assert (label(app, "point-x"), label(app, "point-y")) == ("x", "z")
        await press(pilot, "up", "up", "right")  # z + 2, x + 1
        assert app.explorer.exploration.point_dict() == {"x": 2.0, "y": 2.0, "z": 5.0}
        expected = tape.derivative_at(function, {"x": 2.0, "y": 2.0, "z": 5.0})
        assert f"f = {expected.value:g}" in readout(app)
        assert "∂f/∂y = 10" in readout(app)
        await press(pilot, "a", "a")  # (y, z), then back to (x, y)
        assert app.explorer.exploration.drawn_symbols == ("x", "y")


@run_async
async def test_the_field_of_three_variables_is_the_section_and_walks_in_it() -> None:
    app = TensorTownApp(resolve("-(x**2 + y**2 + z**2)"), {"x": 1.0, "y": 2.0, "z": 3.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chart = app.query_one(FieldView).chart
        assert chart is not None
        assert chart.geometry.xlim == (-10, 10)
        await press(pilot, "w")
        for _ in range(200):
            await pilot.pause(0.05)
            if not app.explorer.walker.running:
                break
        run = app.explorer.walker.run
        assert run is not None and run.taken
        assert all(set(step.point) == {"x", "y"} for step in run.taken)  # z held at 3
        assert run.taken[-1].point["x"] == pytest.approx(0, abs=1e-3)


@run_async
async def test_a_cycle_key_only_for_three_variables_or_more() -> None:
    app = TensorTownApp(resolve("earnings"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.explorer.exploration
        await press(pilot, "a")
        assert app.explorer.exploration == before
