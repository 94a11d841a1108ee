"""Pilot tests of issue 7: walks on the field (w, W), slices (c), the f′ curve (d)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

pytest.importorskip("textual")

import itertools

from test_tui_app import SIZE, has, press, readout, run_async, settle
from textual.pilot import Pilot

from tensortown.catalogue import resolve
from tui.app import TensorTownApp
from tui.widgets.curve_view import CurveView
from tui.widgets.field_view import FieldView
from tui.widgets.number_field import NumberField
from tui.widgets.slices import Slices
from tui.widgets.walk_table import WalkTable

BOWL = "x**2 + y**2"


pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


async def finish_walk(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Wait until the walk has stopped and everything else has settled."""
    app = pilot.app
    assert isinstance(app, TensorTownApp)
    deadline = time.monotonic() + timeout
    while app.explorer.walker.running:
        assert time.monotonic() < deadline, "the walk did not finish"
        await asyncio.sleep(0.02)
    await settle(pilot)


async def set_number(pilot: Pilot[Any], field_id: str, text: str) -> None:
    """Type ``text`` into a sidebar field and press Enter."""
    app = pilot.app
    app.query_one("#body").add_class("-sidebar")
    field = app.query_one(f"#{field_id}", NumberField)
    app.screen.set_focus(field.input)
    await pilot.pause()
    field.input.value = ""
    await pilot.press(*list(text), "enter")
    await pilot.press("escape")
    await settle(pilot)


def table(app: TensorTownApp) -> WalkTable:
    return app.query_one(WalkTable)


# --- walks ----------------------------------------------------------------------------------


@run_async
async def test_w_walks_earnings_uphill_to_the_edge(fast: None) -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        assert "w walks uphill" in table(app).plain
        await pilot.press("w")
        await finish_walk(pilot)
        run = app.explorer.walker.run
        assert run is not None and run.stop is not None and run.stop.code == "edge"
        xs = [s.point["x"] for s in run.taken]
        ys = [s.point["y"] for s in run.taken]
        assert xs[0] == 25 and ys[0] == 6
        assert all(b > a for a, b in itertools.pairwise(xs))
        assert all(b > a for a, b in itertools.pairwise(ys))
        text = table(app).plain
        assert "Gradient ascent" in str(table(app).border_title)
        assert "stopped: the next step leaves the box" in text, text
        last = table(app).last_row()
        assert last is not None and last[0] == str(run.taken[-1].k)
        # the first step follows the tape's gradient at the cursor: (25, 6) + 0.1·(12.5, 7.14)
        assert run.taken[1].point["x"] == pytest.approx(26.25)
        assert run.taken[1].point["y"] == pytest.approx(6 + 0.1 * 7.142858, rel=1e-6)
        # the trail is on the field, ending in the head; the cursor stays at the start
        field = app.query_one(FieldView)
        assert field.trail == run.points()
        assert field.canvas is not None and "●" in "".join(field.canvas.lines())
        assert app.explorer.exploration.point == (25.0, 6.0)


@run_async
async def test_W_descends_a_bowl_to_its_bottom(fast: None) -> None:
    app = TensorTownApp(resolve(BOWL), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_number(pilot, "walk-steps", "200")
        await pilot.press("W")
        await finish_walk(pilot)
        run = app.explorer.walker.run
        assert run is not None and run.stop is not None
        assert run.stop.code == "flat", run.stop
        end = run.taken[-1].point
        assert abs(end["x"]) < 1e-4 and abs(end["y"]) < 1e-4
        assert "Gradient descent" in str(table(app).border_title)
        assert "a flat point" in table(app).stop_reason
        values = [s.value for s in run.taken]
        assert all(a is not None and b is not None and b < a for a, b in itertools.pairwise(values))


@run_async
async def test_walk_inputs_are_checked_and_used(fast: None) -> None:
    app = TensorTownApp(resolve(BOWL), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await set_number(pilot, "walk-rate", "0")
        rate = app.query_one("#walk-rate", NumberField)
        assert rate.has_class("-invalid")
        await set_number(pilot, "walk-steps", "2.5")
        assert app.query_one("#walk-steps", NumberField).has_class("-invalid")
        await set_number(pilot, "walk-rate", "0.25")
        await set_number(pilot, "walk-steps", "3")
        assert not rate.has_class("-invalid")
        await pilot.press("W")
        await finish_walk(pilot)
        run = app.explorer.walker.run
        assert run is not None and run.rate == 0.25 and len(run.taken) == 4
        assert run.stop is not None and run.stop.code == "steps"
        assert run.taken[1].point == pytest.approx({"x": 1.5, "y": 2.0})
        assert "η = 0.25" in str(table(app).border_title)


@run_async
async def test_any_key_stops_the_walk_and_still_does_its_job() -> None:
    app = TensorTownApp(resolve(BOWL), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("W")
        while app.explorer.walker.run is None or len(app.explorer.walker.run.taken) < 3:
            await asyncio.sleep(0.02)
        assert app.explorer.walker.running
        await pilot.press("right")
        assert not app.explorer.walker.running
        await settle(pilot)
        run = app.explorer.walker.run
        assert run is not None and len(run.taken) < 20
        assert "a key stopped it" in table(app).stop_reason
        assert app.explorer.exploration.point == (4.0, 4.0)  # → moved the cursor too
        assert app.query_one(FieldView).trail == run.points()


@run_async
async def test_a_new_function_clears_the_walk(fast: None) -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "W")
        await finish_walk(pilot)
        assert app.explorer.walker.run is not None
        await press(pilot, "2", "4")
        assert app.explorer.walker.run is None and app.query_one(FieldView).trail == []
        assert "w walks uphill" in table(app).plain


@run_async
async def test_w_does_nothing_on_a_curve() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "w", "W")
        assert app.explorer.walker.run is None


# --- slices -------------------------------------------------------------------------


def notes(app: TensorTownApp) -> tuple[str, str]:
    x, y = app.query_one(Slices).views()
    return x.note, y.note


@run_async
async def test_slices_read_out_the_partial_derivatives() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        slices = app.query_one(Slices)
        assert slices.display
        text = readout(app)
        assert has(text, "∂f/∂x", "12.5") and has(text, "∂f/∂y", "7.142858"), text
        # the tangent's slope beside the secant's over one step h = 1; where both don't
        # fit (∂f/∂y's digits), the tangent's whole
        assert notes(app) == ("∂f/∂x = 12.5, Δf/h = 12.75", "∂f/∂y = 7.142858")
        x_view, y_view = slices.views()
        assert x_view.chart is not None and y_view.chart is not None
        titles = "".join(x_view.chart.canvas.chars[0]), "".join(y_view.chart.canvas.chars[0])
        assert titles[0].startswith("f(x, 6)") and titles[1].startswith("f(25, y)")
        # → changes x: the x-slice keeps its chart, the y-slice f(26, y) is rebuilt
        x_chart, builds = x_view.chart, slices.builds
        await press(pilot, "right")
        assert x_view.chart is x_chart and slices.builds == builds + 1
        assert "".join(y_view.chart.canvas.chars[0]).startswith("f(26, y)")
        text = readout(app)
        assert has(text, "∂f/∂x", "13"), text
        assert notes(app)[0] == "∂f/∂x = 13, Δf/h = 13.25"
        # ↑ changes y: only the x-slice is rebuilt
        y_chart = y_view.chart
        await press(pilot, "up")
        assert y_view.chart is y_chart and slices.builds == builds + 2
        assert notes(app)[1] == "∂f/∂y = 6.25"
        assert has(readout(app), "∂f/∂y", "6.25")


@run_async
async def test_c_shows_the_slices_on_a_small_terminal() -> None:
    app = TensorTownApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        slices = app.query_one(Slices)
        assert not slices.display
        x_view, y_view = slices.views()
        # one slice at a time on a short terminal: f(x, 6), then f(25, y), then neither
        await press(pilot, "c")
        assert slices.display and x_view.display and not y_view.display
        assert x_view.note == "∂f/∂x = 12.5, Δf/h = 12.75"
        await press(pilot, "c")
        assert slices.display and y_view.display and not x_view.display
        assert y_view.note == "∂f/∂y = 7.142858"
        assert y_view.chart is not None and y_view.region.height >= 8
        await press(pilot, "c")
        assert not slices.display
        assert app.query_one(FieldView).region.width > 70  # the field has its width back


@run_async
async def test_the_slices_give_way_when_the_field_would_have_no_room() -> None:
    from tui.explorer.layout import FIELD_COLUMNS, field_columns

    assert field_columns(100, sidebar=True, slices=True) >= FIELD_COLUMNS  # the widest default
    assert field_columns(80, sidebar=True, slices=True) < FIELD_COLUMNS
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        slices = app.query_one(Slices)
        field = app.query_one(FieldView)
        await press(pilot, "4", "s", "s", "c", "c")  # the sidebar and the slices asked for
        assert slices.display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.3)
        assert not slices.display  # 15 columns would have been left for the field
        assert field.region.width > 40 and field.chart is not None
        await press(pilot, "c")
        assert any("no room for the slices" in n.message for n in app._notifications)
        await press(pilot, "s")  # the sidebar goes: the slices come back, drawn
        await pilot.pause(0.3)
        assert slices.display and field.region.width >= FIELD_COLUMNS
        x_view, _ = slices.views()
        assert x_view.chart is not None and x_view.note == "∂f/∂x = 12.5, Δf/h = 12.75"


@run_async
async def test_e_opening_the_sidebar_makes_the_slices_give_way_too() -> None:
    from tui.explorer.layout import FIELD_COLUMNS

    app = TensorTownApp()
    async with app.run_test(size=(90, 40)) as pilot:
        await settle(pilot)
        slices = app.query_one(Slices)
        await press(pilot, "4", "c")
        assert slices.display
        await press(pilot, "e")  # the sidebar opens for the expression: 25 columns were left
        await pilot.pause(0.3)
        assert not slices.display
        assert app.query_one(FieldView).region.width >= FIELD_COLUMNS


# --- the derivative curve -------------------------------------------------------------------


@run_async
async def test_d_cycles_the_derivative_panels() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(CurveView)
        assert view.chart is not None and len(view.chart.panels) == 1
        notes = {
            2: "f'(x) = 0 at x = 0: flat tangent there",  # at the range's first end
            3: "f'(x) = 0 at x = 0: flat tangent there",
            1: "secant Δf/h = 10.25 at h = 1",  # the note on f′'s zeros went with its panel
        }
        for panels in (2, 3, 1):
            await press(pilot, "d")
            assert view.chart is not None and len(view.chart.panels) == panels
            assert notes[panels] in readout(app), readout(app)
        await press(pilot, "d", "home")  # pay at x = 0: f'(0) = 0
        assert has(readout(app), "f'(x)", "0")
        assert "flat tangent: f'(x) = 0 here" in readout(app)


@run_async
async def test_d_names_the_flat_tangents_of_a_cubic() -> None:
    app = TensorTownApp(resolve("x**3 - 3*x"), {"x": 0.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "flat" not in readout(app)
        await press(pilot, "d")
        text = readout(app)
        assert "f'(x) = 0 at x = -1 and x = 1: flat tangents there" in text, text
        await press(pilot, "right")  # x = 1: f'(1) = 0
        assert "flat tangent: f'(x) = 0 here" in readout(app)
        # the f' panel shares the cursor: the marker sits on the f' curve at x = 1
        chart = app.query_one(CurveView).chart
        assert chart is not None
        canvas = app.query_one(CurveView).canvas
        assert canvas is not None
        panel = chart.panels[1]
        column = panel.geometry.x_to_column(1.0)
        rows = range(panel.geometry.top, panel.geometry.top + panel.geometry.height)
        assert any(canvas.chars[r][column] == "●" for r in rows)
