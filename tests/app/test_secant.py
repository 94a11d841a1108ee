"""The secant and the step h in the explorer: h halves it, H doubles it, the table and the
readout show the derivative as a limit, the chart draws the secant, t hides it."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from textual.pilot import Pilot
from tui_support import readout, run_async, settle

from tui.app import TensorTownApp
from tui.widgets.curve_view import CurveView
from tui.widgets.one_more_step import OneMoreStepPanel

pytestmark = pytest.mark.usefixtures("tf")
SIZE = (120, 40)
REMAINDER = "Δf − f'·h"


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def table(app: TensorTownApp) -> dict[str, str]:
    """The one-more-step table's rows by name: value and note."""
    panel = app.query_one(OneMoreStepPanel)
    assert panel._shown is not None
    return {row.name: f"{row.value} {row.note}" for row in panel._shown[1]}


def chart_glyphs(app: TensorTownApp) -> str:
    view = app.query_one(CurveView)
    assert view._canvas is not None
    return view._canvas.plain()


@run_async
async def test_halving_h_five_times_on_pay_at_20_shows_the_limit() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table(app)
        assert rows["Δf/h"] == "10.25 f'(20) = 10"
        assert rows[REMAINDER] == "$0.25 ½f''h² = $0.25"
        assert "secant Δf/h = 10.25 at h = 1" in readout(app)
        remainders = []
        for k in range(1, 6):
            await press(pilot, "h")
            h = 0.5**k
            assert app.explorer.exploration.step == h
            rows = table(app)
            ratio = float(rows["Δf/h"].split()[0])
            assert ratio == pytest.approx(10 + 0.25 * h)  # → f'(20) = 10
            shown = rows[REMAINDER].split()[0]
            assert rows[REMAINDER].endswith(f"½f''h² = {shown}")  # ½·f″·h², f″ from the tape
            remainders.append(float(shown.lstrip("$")))
            assert f"secant Δf/h = {rows['Δf/h'].split()[0]} at h = {h:g}," in readout(app)
        ratios = [a / b for a, b in itertools.pairwise(remainders)]
        assert ratios == pytest.approx([4.0] * 4)  # the remainder falls 4× a halving
        await press(pilot, "H", "H", "H", "H", "H")
        assert app.explorer.exploration.step == 1.0 and table(app)["Δf/h"].startswith("10.25")


@run_async
async def test_the_chart_draws_the_secant_and_t_hides_it() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "H", "H", "H")  # h = 8: the secant leaves the tangent
        assert "○" in chart_glyphs(app) and "●" in chart_glyphs(app)
        assert "Δf/h = 12 at h = 8" in readout(app)  # (f(28) − f(20))/8 = (696 − 600)/8
        await press(pilot, "t")
        assert "○" not in chart_glyphs(app) and "●" in chart_glyphs(app)
        assert "t shows it and the secant" in readout(app)
        await press(pilot, "t")
        assert "○" in chart_glyphs(app)


@run_async
async def test_a_step_lost_in_float32_rounding_is_said_so() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, *["h"] * 16)
        assert "float32 rounding" in table(app)[REMAINDER]


@run_async
async def test_a_field_shows_one_more_step_along_each_variable() -> None:
    from tui.widgets.walk_table import WalkTable

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        lines = app.query_one(WalkTable).steps
        assert lines[0] == "one more step, h = 1"
        rows = {line.split()[0]: line.split()[1:] for line in lines[2:]}
        assert rows["Δf/h"][0] == "12.75"  # (f(26, 6) − f(25, 6)) / 1
        assert float(rows["Δf/h"][1]) == pytest.approx(50 * math.log(8 / 7), abs=2e-4)
        assert rows["∂f"] == ["12.5", "7.142858"]  # the gradient, from the tape
        assert "along x" in app.query_one(WalkTable).plain
        await press(pilot, "h")
        assert app.query_one(WalkTable).steps[0] == "one more step, h = 0.5"
        await press(pilot, "w")
        await settle(pilot)
        assert "along x" not in app.query_one(WalkTable).plain  # the walk's table instead
