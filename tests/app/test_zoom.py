"""Pilot tests of zoom, pan and the step keys: + - < > [ ] 0 z h H and the mouse wheel."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

pytest.importorskip("textual")

from textual import events
from textual.pilot import Pilot
from tui_support import readout, run_async, settle

from tui.app import TensorTownApp
from tui.runner import jobs
from tui.state import Exploration
from tui.widgets.canvas_view import CanvasView
from tui.widgets.curve_view import CurveView
from tui.widgets.field_view import FieldView
from tui.widgets.number_field import NumberField

SIZE = (120, 40)

pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one at a time, waiting for the numbers and the chart after each."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def state(app: TensorTownApp) -> Exploration:
    return app.explorer.exploration


def field(app: TensorTownApp, name: str) -> str:
    """What the sidebar's field ``name`` (``from-x``, ``step`` …) shows."""
    return app.query_one(f"#{name}", NumberField).input.value


def curve_xlim(app: TensorTownApp) -> tuple[float, float]:
    """The x range of the base chart on screen."""
    chart = app.query_one(CurveView).chart
    assert chart is not None
    return chart.geometry.xlim


def refusals(app: TensorTownApp) -> list[str]:
    return [n.message for n in app._notifications]


async def wheel(pilot: Pilot[Any], view: CanvasView, column: int, row: int, *, up: bool) -> None:
    """Turn the wheel over a cell of ``view``, as a terminal passes it on (a screen event)."""
    region = view.content_region
    x, y = region.x + column, region.y + row
    kind = events.MouseScrollUp if up else events.MouseScrollDown
    pilot.app.post_message(kind(None, x, y, 0, 0, 0, False, False, False, screen_x=x, screen_y=y))
    await settle(pilot)


@run_async
async def test_plus_zooms_in_around_the_point_keeping_it_and_the_step() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "plus")
        assert state(app).ranges == ((10, 40),)  # half of 0…60, 20 still a third across
        assert state(app).point == (20,) and state(app).step == 1
        assert (field(app, "from-x"), field(app, "to-x")) == ("10", "40")
        assert curve_xlim(app) == (10, 40)
        assert "$600.00" in readout(app)  # f(20) = 0.25·400 + 500 still read
        await press(pilot, "minus")
        assert state(app).ranges == ((0, 60),) and curve_xlim(app) == (0, 60)
        await press(pilot, "minus")
        assert state(app).ranges == ((-20, 100),)
        assert (field(app, "from-x"), field(app, "to-x")) == ("-20", "100")


@run_async
async def test_the_pan_keys_move_the_view_a_quarter_and_keep_the_point_inside() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "greater_than_sign")
        assert state(app).ranges == ((15, 75),) and state(app).point == (20,)
        await press(pilot, "less_than_sign", "less_than_sign")
        assert state(app).ranges == ((-15, 45),)
        assert curve_xlim(app) == (-15, 45)
        await press(pilot, "end", "less_than_sign")  # the point at 45, the view to 30
        assert state(app).ranges == ((-30, 30),) and state(app).point == (30,)
        assert field(app, "point-x") == "30" and field(app, "to-x") == "30"
        await press(pilot, "left_square_bracket")  # no y on a curve: nothing happens
        assert state(app).ranges == ((-30, 30),)


@run_async
async def test_zero_goes_back_to_the_functions_own_range() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "plus", "plus", "greater_than_sign", "minus", "greater_than_sign")
        assert state(app).ranges != ((0, 60),)
        await press(pilot, "0")
        assert state(app).ranges == ((0, 60),) and curve_xlim(app) == (0, 60)
        assert (field(app, "from-x"), field(app, "to-x")) == ("0", "60")


@run_async
async def test_a_field_zooms_both_axes_and_pans_y_with_the_brackets() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "plus")  # earnings at (25, 6) over 0…60 × 0…20
        assert state(app).ranges == ((12.5, 42.5), (3, 13))
        assert state(app).point == (25, 6)
        chart = app.query_one(FieldView).chart
        assert chart is not None and chart.geometry.ylim == (3, 13)
        assert (field(app, "from-y"), field(app, "to-y")) == ("3", "13")
        await press(pilot, "right_square_bracket")
        assert state(app).ranges[1] == (5.5, 15.5)
        await press(pilot, "left_square_bracket", "left_square_bracket")
        assert state(app).ranges == ((12.5, 42.5), (0.5, 10.5))
        await press(pilot, "0")
        assert state(app).ranges == ((0, 60), (0, 20))


@run_async
async def test_z_makes_the_step_a_round_cell() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "plus", "plus", "plus", "z")  # 7.5 h over the chart's columns
        chart = app.query_one(CurveView).chart
        assert chart is not None
        lo, hi = state(app).ranges[0]
        cell = (hi - lo) / chart.geometry.width
        step = state(app).step
        assert cell / 2.5 <= step <= cell
        assert f"{step:e}"[0] in "125" and f"{step:e}"[1:5] == ".000"
        assert field(app, "step") == f"{step:g}"
        assert any(f"step {step:g}" in message for message in refusals(app))
        column = chart.geometry.x_to_column(state(app).point[0])
        await press(pilot, "right")
        assert chart.geometry.x_to_column(state(app).point[0]) - column <= 1


@run_async
async def test_h_halves_and_shift_h_doubles_the_step() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "h", "H")
        assert state(app).step == 1
        await press(pilot, "h", "h", "h", "h", "h")
        assert state(app).step == 0.03125 and field(app, "step") == "0.03125"
        await press(pilot, "right")
        assert state(app).point == (20.03125,)
        await press(pilot, "s", "H")  # no sidebar: a curve's readout still shows h
        assert "step 0.0625" not in refusals(app)
        assert "at h = 0.0625," in readout(app)
        await press(pilot, "4", "H")  # a field's step only the sidebar shows: it is said
        assert f"step {state(app).step:g}" in refusals(app)


@run_async
async def test_the_wheel_zooms_around_the_pointer() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(CurveView)
        chart = view.chart
        assert chart is not None
        column = chart.geometry.x_to_column(30.0)
        await pilot.hover(CurveView, offset=(column, 5))
        await settle(pilot)
        under = state(app).point[0]  # the cell's x, near 30
        await wheel(pilot, view, column, 5, up=True)
        lo, hi = state(app).ranges[0]
        assert hi - lo == pytest.approx(30)
        assert (under - lo) / (hi - lo) == pytest.approx(under / 60)  # where it was
        assert app.explorer.pinned.point == (20,)  # the pinned point stays pinned
        assert curve_xlim(app) == (lo, hi)
        assert field(app, "from-x") == f"{lo:.7g}"
        await wheel(pilot, view, column, 5, up=False)
        assert state(app).ranges[0] == pytest.approx((0, 60))
        await wheel(pilot, view, column, 5, up=False)
        assert state(app).ranges[0][1] - state(app).ranges[0][0] == pytest.approx(120)
        await pilot.hover("#readout")  # off the chart: back to the pinned point
        await settle(pilot)
        assert state(app).point == (20,)


@run_async
async def test_the_wheel_on_a_field_zooms_both_axes_around_the_pointer() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        view = app.query_one(FieldView)
        chart = view.chart
        assert chart is not None
        column, row = chart.geometry.cell_of(45.0, 15.0)
        under = view.coordinates_at(column, row)  # the cell's (x, y) to what a cell tells
        assert under is not None
        x, y = under
        await wheel(pilot, view, column, row, up=True)
        (x_lo, x_hi), (y_lo, y_hi) = state(app).ranges
        assert (x_hi - x_lo, y_hi - y_lo) == pytest.approx((30, 10))
        assert (x - x_lo) / 30 == pytest.approx(x / 60)
        assert (y - y_lo) / 10 == pytest.approx(y / 20)
        assert (y_lo, y_hi) == (7.5, 17.5)
        assert state(app).point == (25, 7.5)  # y = 6 is below the view: clamped into it


@run_async
async def test_zooming_in_too_far_is_refused_once_and_the_view_stays_usable() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*["plus"] * 60)
        await settle(pilot)
        said = [m for m in refusals(app) if "zoom in further" in m]
        assert len(said) == 1 and "float32" in said[0], refusals(app)
        lo, hi = state(app).ranges[0]
        assert lo < 20 < hi and hi - lo < 1e-3
        assert curve_xlim(app) == (lo, hi)
        assert "$600.00" in readout(app)
        await press(pilot, "minus", "right")
        assert state(app).ranges[0][1] - state(app).ranges[0][0] == pytest.approx(2 * (hi - lo))
        assert state(app).point[0] > 20
        await press(pilot, "0")
        assert curve_xlim(app) == (0, 60)


@run_async
async def test_a_burst_of_zoom_keys_builds_the_last_chart_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[tuple[tuple[float, float], ...]] = []
    real_curve = jobs.curve_chart
    on_runner = threading.get_ident()

    def slow_curve(exploration: Exploration, *args: Any) -> Any:
        nonlocal on_runner
        on_runner = threading.get_ident()
        built.append(exploration.ranges)
        time.sleep(0.3)  # longer than the burst takes to come
        return real_curve(exploration, *args)

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(jobs, "curve_chart", slow_curve)
        await pilot.press("plus", "plus", "plus", "plus", "plus")
        await settle(pilot)
        assert 1 <= len(built) <= 2, built
        last = (20 - 60 / 32 / 3, 20 + 60 / 32 * 2 / 3)
        assert built[-1] == (last,) and state(app).ranges == (last,)
        assert curve_xlim(app) == last
        assert on_runner != threading.get_ident()  # off the UI thread
        built.clear()
        await press(pilot, "minus")
        assert len(built) == 1  # once a key


def test_the_help_and_the_readme_name_every_view_key() -> None:
    from pathlib import Path

    from tui.explorer.screen import ExplorerScreen
    from tui.screens.help import KEYS

    listed = " ".join(key for key, _ in KEYS).split()
    readme = Path(__file__).resolve().parents[2].joinpath("README.md").read_text()
    checked = []
    for binding in ExplorerScreen.BINDINGS:
        action = binding.action  # type: ignore[union-attr]
        if action.split("(")[0] in ("zoom", "pan", "home_view", "cell_step", "scale_step"):
            key = app_key(binding.key)  # type: ignore[union-attr]
            assert key in listed, key
            assert f"`{key}`" in readme, key
            checked.append(key)
    assert sorted(checked) == sorted("+-<>[]0zhH")


def app_key(name: str) -> str:
    """The character a Textual key name stands for (``plus`` → ``+``)."""
    from textual.keys import format_key

    return format_key(name)
