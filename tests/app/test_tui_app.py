"""Pilot tests of the explorer: the issue's acceptance walk, every key, the inputs, the mouse."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from tui_support import hold_tensorflow, readout, run_async, settle

from tui.app import TensorTownApp
from tui.runner import jobs
from tui.widgets.chart_column import ChartColumn
from tui.widgets.curve_view import CurveView
from tui.widgets.expression_field import ExpressionField
from tui.widgets.field_view import FieldView
from tui.widgets.number_field import NumberField
from tui.widgets.tape_panel import TapePanel

SIZE = (120, 40)


pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


async def settle_all(pilot: Pilot[Any], timeout: float = 120.0) -> None:
    """Wait also for the background warming and the prebuilt charts."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await settle(pilot)
        if not any(w.is_running for w in app.workers):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("background work did not finish")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys (one at a time, as a person would) and wait for the numbers."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type characters into the focused input."""
    await pilot.press(*list(text))
    await pilot.pause()


def has(text: str, name: str, value: str) -> bool:
    """True when ``name = value`` appears as a whole number in ``text``."""
    return (
        re.search(rf"(?<![\w'∂]){re.escape(name)} = {re.escape(value)}(?![\d.])", text) is not None
    )


def tape_text(app: TensorTownApp) -> str:
    """The tape panel's lines as text."""
    return "\n".join(strip.text for strip in app.query_one(TapePanel)._strips)


def one_more_step_text(app: TensorTownApp) -> str:
    """The one-more-step table as text."""
    from tui.widgets.one_more_step import OneMoreStepPanel

    return app.query_one(OneMoreStepPanel).plain


# --- the acceptance walk ------------------------------------------------------------------


@run_async
async def test_acceptance_walk() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # 1. pay at x = 20, f'(x) = 10
        text = readout(app)
        assert app.query_one("#title").render().plain.count("Weekly pay")  # type: ignore[attr-defined]
        assert has(text, "x", "20") and has(text, "f'(x)", "10"), text
        # 2. → once; ← eleven times
        await press(pilot, "right")
        text = readout(app)
        assert has(text, "x", "21") and has(text, "f'(x)", "10.5"), text
        await press(pilot, *["left"] * 11)
        text = readout(app)
        assert has(text, "x", "10") and has(text, "f'(x)", "5"), text
        assert has(text, "f(x)", "$525.00"), text
        table = one_more_step_text(app)
        assert "$530.25" in table and "$5.25" in table, table
        # 3. earnings at (25, 6); ↑ once
        await press(pilot, "4")
        text = readout(app)
        assert has(text, "∂f/∂x", "12.5") and has(text, "∂f/∂y", "7.142858"), text
        assert has(text, "x", "25") and has(text, "y", "6"), text
        assert app.query_one(FieldView).display and not app.query_one(CurveView).display
        await press(pilot, "up")
        text = readout(app)
        assert has(text, "y", "7") and has(text, "∂f/∂y", "6.25"), text
        # 4. pay, then the expression x**3
        await press(pilot, "2", "e")
        assert isinstance(app.focused, type(app.query_one(ExpressionField).input))
        await type_text(pilot, "x**3")
        await press(pilot, "enter")
        text = readout(app)
        assert has(text, "x", "20") and has(text, "f'(x)", "1200"), text
        # 5. a broken expression: the error names the problem, x**3 stays
        await press(pilot, "e")
        await type_text(pilot, "x**")
        await press(pilot, "enter")
        error = app.query_one(ExpressionField)
        assert error.has_class("-invalid")
        message = str(error.query_one(".error").render())
        assert "column 4" in message and "end of expression" in message, message
        assert app.explorer.exploration.function.source == "x**3"
        assert has(readout(app), "f'(x)", "1200")
        # Escape returns to the chart; 6. q quits with status 0
        await press(pilot, "escape")
        assert isinstance(app.focused, ChartColumn)
        await pilot.press("q")
    assert app.return_code in (0, None)


@run_async
async def test_first_frame_comes_before_tensorflow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first frame shows the point and a loading state; numbers follow without a key."""
    release = hold_tensorflow(monkeypatch)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = readout(app)
        assert has(text, "x", "20") and "f'(x) = …" in text, text
        assert "Loading TensorFlow" in app.query_one(CurveView).message
        assert not app.explorer.ready
        release.set()
        await settle(pilot)
        assert has(readout(app), "f'(x)", "10")
        assert app.query_one(CurveView).chart is not None
        assert "tf.Variable(20.0, name='hours_worked')" in tape_text(app)


@run_async
async def test_backend_failure_keeps_the_app_running(monkeypatch: pytest.MonkeyPatch) -> None:
    from tensortown.backend import BackendUnavailable

    def broken(functions: tuple[Any, ...]) -> float:
        raise BackendUnavailable("TensorFlow could not be loaded (simulated). Reinstall it.")

    monkeypatch.setattr(jobs, "load", broken)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Reinstall" in readout(app)
        await pilot.press("right")  # keys still work, nothing crashes
        await pilot.pause()
        assert app.explorer.exploration.point == (21.0,)


# --- keys ---------------------------------------------------------------------------------


@run_async
async def test_shift_arrows_home_end() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "shift+right")
        assert has(readout(app), "x", "30")
        await press(pilot, "shift+left", "shift+left")
        assert has(readout(app), "x", "10")
        await press(pilot, "end")
        assert has(readout(app), "x", "60")
        await press(pilot, "right")  # stays inside the range
        assert has(readout(app), "x", "60")
        await press(pilot, "home")
        assert has(readout(app), "x", "0")


@run_async
async def test_function_keys_go_to_default_points() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "right", "1")
        text = readout(app)
        assert has(text, "x", "800") and has(text, "f'(x)", "2"), text
        assert "Apartment price" in app.query_one("#title").render().plain  # type: ignore[attr-defined]
        await press(pilot, "3")
        text = readout(app)
        assert has(text, "y", "6") and "f'(y) = 7.142858" in text and "f(y) = $97.30" in text, text
        await press(pilot, "2")
        assert has(readout(app), "x", "20")


@run_async
async def test_up_down_move_y_only_on_the_field() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "up")
        assert app.explorer.exploration.point == (20.0,)
        await press(pilot, "4", "down", "down", "right")
        text = readout(app)
        assert has(text, "x", "26") and has(text, "y", "4"), text
        assert "steepest ascent" in text
        await press(pilot, "shift+up")  # ten steps, as shift+→ is for x
        assert has(readout(app), "y", "14"), readout(app)
        await press(pilot, "shift+down", "shift+down")
        assert has(readout(app), "y", "0"), readout(app)  # held at the range's end


@run_async
async def test_tangent_toggle_redraws_only_the_overlay() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle_all(pilot)
        built = app.explorer.charts.store.built
        view = app.query_one(CurveView)
        with_tangent = view.canvas.plain()  # type: ignore[union-attr]
        await press(pilot, "t")
        without = view.canvas.plain()  # type: ignore[union-attr]
        assert with_tangent != without
        assert not app.explorer.show_tangent
        await press(pilot, "t")
        assert view.canvas.plain() == with_tangent  # type: ignore[union-attr]
        assert app.explorer.charts.store.built == built


@run_async
async def test_help_screen_lists_every_key() -> None:
    from tui.screens.help import HelpScreen

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tui.screens.help import KEYS

        listed = " ".join(key for key, _ in KEYS)
        names = {"left": "←", "right": "→", "up": "↑", "down": "↓", "question_mark": "?"}
        names |= {"pageup": "pgup", "pagedown": "pgdn"}
        for binding in TensorTownApp.BINDINGS:
            key = binding.key  # type: ignore[union-attr]
            for part in key.split("+"):
                assert names.get(part, part) in listed, key
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@run_async
async def test_command_palette_chooses_functions() -> None:
    from tui.commands import FunctionCommands

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = FunctionCommands(app.screen)
        hits = [hit async for hit in provider.search("earnings")]
        assert hits
        hits[0].command()  # type: ignore[misc]
        await settle(pilot)
        assert app.explorer.exploration.function.key == "earnings"
        assert has(readout(app), "∂f/∂x", "12.5")
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")


@run_async
async def test_picker_chooses_functions() -> None:
    from textual.widgets import OptionList

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        picker = app.query_one("#picker", OptionList)
        picker.focus()
        await pilot.press("up", "enter")
        await settle(pilot)
        assert app.explorer.exploration.function.key == "price"
        assert isinstance(app.focused, ChartColumn)


# --- inputs -------------------------------------------------------------------------------


@run_async
async def test_number_fields_validate_and_keep_the_point() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.query_one("#point-x", NumberField)
        field.input.focus()
        await type_text(pilot, "abc")
        await press(pilot, "enter")
        assert field.has_class("-invalid")
        assert "not a number" in str(field.query_one(".error").render())
        assert app.explorer.exploration.point == (20.0,)
        field.input.value = ""
        await type_text(pilot, "12.5")
        await press(pilot, "enter")
        assert not field.has_class("-invalid")
        assert has(readout(app), "x", "12.5") and has(readout(app), "f'(x)", "6.25")
        # a range whose start is past its end is refused beside the field
        start = app.query_one("#from-x", NumberField)
        start.input.focus()
        await type_text(pilot, "90")
        await press(pilot, "enter")
        assert start.has_class("-invalid")
        assert app.explorer.exploration.ranges == ((0.0, 60.0),)
        # a valid range rebuilds the chart once and keeps the point
        start.input.value = ""
        await type_text(pilot, "10")
        await press(pilot, "enter")
        assert app.explorer.exploration.ranges == ((10.0, 60.0),)
        assert app.explorer.exploration.point == (12.5,)
        # the step
        step = app.query_one("#step", NumberField)
        step.input.focus()
        await type_text(pilot, "0.5")
        await press(pilot, "enter", "escape", "right")
        assert has(readout(app), "x", "13")


@run_async
async def test_expression_keeps_the_point_and_reports_undefined() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await type_text(pilot, "log(x - 30)")
        await press(pilot, "enter")
        text = readout(app)
        assert has(text, "x", "20") and "undefined" in text, text
        assert "log" in text  # the reason names the operation
        await press(pilot, "shift+right", "right")
        assert has(readout(app), "f'(x)", "1"), readout(app)


@run_async
async def test_expression_with_x_and_y_opens_the_field() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        await type_text(pilot, "x*y")
        await press(pilot, "enter")
        text = readout(app)
        assert has(text, "x", "20") and has(text, "y", "1"), text
        assert has(text, "∂f/∂x", "1") and has(text, "∂f/∂y", "20"), text
        assert app.query_one(FieldView).display


# --- speed --------------------------------------------------------------------------------


@run_async
async def test_a_cursor_move_runs_the_point_tape_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from tensortown import steps, tape

    calls: list[str] = []
    real_read, real_point, real_transcript = (
        jobs.read_point,
        tape.derivative_at,
        jobs.transcript,
    )
    real_curve, real_slopes = tape.curve, tape.values_and_slopes

    def counting(name: str, real: Any) -> Any:
        def count(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return real(*args, **kwargs)

        return count

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle_all(pilot)
        monkeypatch.setattr(jobs, "read_point", counting("read", real_read))
        monkeypatch.setattr(tape, "derivative_at", counting("point", real_point))
        monkeypatch.setattr(steps, "step_readings", counting("point", steps.step_readings))
        monkeypatch.setattr(jobs, "transcript", counting("transcript", real_transcript))
        monkeypatch.setattr(tape, "curve", counting("batch", real_curve))
        monkeypatch.setattr(tape, "values_and_slopes", counting("batch", real_slopes))
        await press(pilot, "right", "right", "left")
        # one numbers job per move, one traced tape call in it (f at x + h included), no
        # batch; then the eager transcript as its own job
        assert calls == ["read", "point", "transcript"] * 3
        assert has(readout(app), "x", "21")
        assert "tf.Variable(21.0, name='hours_worked')" in app.query_one(TapePanel).plain
        assert app.query_one("#point-x", NumberField).input.value == "21"  # the sidebar too


@run_async
async def test_cursor_moves_do_not_rebuild_the_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_curve, real_field = jobs.curve_chart, jobs.field_chart

    def counting_curve(*args: Any) -> Any:
        calls.append("curve")
        return real_curve(*args)

    def counting_field(*args: Any) -> Any:
        calls.append("field")
        return real_field(*args)

    monkeypatch.setattr(jobs, "curve_chart", counting_curve)
    monkeypatch.setattr(jobs, "field_chart", counting_field)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle_all(pilot)
        # pay's chart, then the other catalogue charts prebuilt in the background
        assert calls[0] == "curve" and set(calls) == {"curve", "field"}
        built = len(calls)
        view = app.query_one(CurveView)
        before = view.strips_built
        await press(pilot, "right", "right", "left", "shift+right", "home")
        assert len(calls) == built
        # only rows the overlay touched became new strips, not the whole chart
        assert view.strips_built - before < 5 * view.size.height
        await press(pilot, "4", "up", "right", "down", "2", "1", "3")
        assert len(calls) == built  # every catalogue chart came from the cache


@run_async
async def test_mouse_moves_and_pins_the_cursor() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(CurveView)
        chart = view.chart
        assert chart is not None
        column = chart.geometry.x_to_column(40.0)
        await pilot.hover(CurveView, offset=(column, 5))
        await settle(pilot)
        x = app.explorer.exploration.point[0]
        assert abs(x - 40.0) < 1.0
        assert app.explorer.pinned.point == (20.0,)
        await pilot.click(CurveView, offset=(column, 5))
        await settle(pilot)
        assert app.explorer.pinned.point == (x,)
        await pilot.hover("#readout")
        await settle(pilot)
        assert app.explorer.exploration.point == (x,)


@run_async
async def test_ascii_mode_names() -> None:
    app = TensorTownApp(ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        text = readout(app)
        assert "df/dx = 12.5" in text and "df/dy = 7.142858" in text, text
        assert "|grad f|" in text
        assert text.isascii(), text
        assert tape_text(app).isascii()


@run_async
async def test_small_terminal_hides_the_sidebar_until_asked() -> None:
    from tui.widgets.sidebar import Sidebar

    app = TensorTownApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.query_one(Sidebar).display
        assert has(readout(app), "f'(x)", "10")
        await press(pilot, "s")
        assert app.query_one(Sidebar).display
        await press(pilot, "s")
        assert not app.query_one(Sidebar).display
        await press(pilot, "e")
        assert app.query_one(Sidebar).display


@run_async
async def test_keys_in_one_burst_reach_the_expression() -> None:
    """Keys that arrive together (fast typing, SSH packets) still land after `e` focuses."""
    from textual import events
    from textual.keys import _character_to_key

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for character in "4" + "2" + "ex**3":
            app.post_message(events.Key(_character_to_key(character), character))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert app.explorer.exploration.function.source == "x**3"
        assert has(readout(app), "f'(x)", "1200")


@run_async
async def test_the_footer_follows_the_function_and_draws_again_only_when_its_keys_change() -> None:
    from tui.textual_patches.footer import KeyFooter

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        footer = app.query_one(KeyFooter)

        def described() -> set[str]:
            return {key.description for key in footer.keys}

        shown = footer.keys
        await press(pilot, "right", "left", "t", "t")
        await pilot.pause()
        assert "tangent" in described()
        assert footer.keys is shown  # the same keys: kept, not drawn again
        await press(pilot, "4")
        await pilot.pause()
        assert "walk" in described() and "tangent" not in described()
        await press(pilot, "2")
        await pilot.pause()
        assert "tangent" in described() and "walk" not in described()


def test_the_charts_short_way_for_cursor_keys_is_the_move_bindings() -> None:
    from textual.binding import Binding

    from tui.explorer.screen import CURSOR_KEYS, ExplorerScreen

    moves = {
        b.key: b.action
        for b in ExplorerScreen.BINDINGS
        if isinstance(b, Binding) and b.action.startswith("move(")
    }
    assert {key: f"move({axis!r}, {steps})" for key, (axis, steps) in CURSOR_KEYS.items()} == moves


def test_panel_rows_give_way_before_the_chart() -> None:
    from tui.explorer.layout import PANEL_ROWS, SHORT, TALL, panel_rows

    for kind in ("curve", "field", "derivatives"):
        tall, short = PANEL_ROWS[kind]
        assert panel_rows(kind, TALL) == tall and panel_rows(kind, 80) == tall
        assert panel_rows(kind, SHORT - 1) == short
        rows = [panel_rows(kind, height) for height in range(18, 61)]
        assert rows == sorted(rows)  # never fewer for a taller terminal
        if short:  # the panels never vanish: so the chart never loses a row for a taller one
            charts = [height - panel_rows(kind, height) for height in range(18, 61)]
            assert charts == sorted(charts), kind


@run_async
async def test_a_terminal_of_30_rows_keeps_the_curve_its_rows() -> None:
    app = TensorTownApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        tall = app.query_one(CurveView).region.height
        for height in (30, 35, 39):
            await pilot.resize_terminal(120, height)
            await settle(pilot)
            await pilot.pause(0.3)
            assert app.query_one(CurveView).region.height == tall, height  # the panels gave way
            assert app.query_one("#panels").region.height == 19 - (40 - height)


@run_async
async def test_leaving_the_expression_field_drops_its_hint_error_and_draft() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.query_one(ExpressionField)
        hint = field.query_one(".hint")
        assert not hint.display
        await press(pilot, "e")
        assert hint.display  # while typing here
        await pilot.press("ctrl+u", *"x +* 3", "enter")
        await settle(pilot)
        assert field.has_class("-invalid") and field.input.value == "x +* 3"
        await press(pilot, "escape")
        assert not hint.display and not field.has_class("-invalid")
        assert field.input.value == "0.25 * x**2 + 500"  # pay's, still on screen
        await press(pilot, "e")
        await pilot.press("ctrl+u", *"x**3", "enter")
        await settle(pilot)
        assert not hint.display and field.input.value == "x**3"
        assert has(readout(app), "f(x)", "8000")


@run_async
async def test_page_keys_scroll_the_tape_to_what_tensorflow_printed() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        box = app.query_one("#tape-box")
        assert box.scroll_y == 0 and box.max_scroll_y > 0  # the printed gradient is below
        for _ in range(5):
            await press(pilot, "pagedown")
        assert box.scroll_y == box.max_scroll_y
        assert "numpy=7.142857" in app.query_one(TapePanel).plain
        await press(pilot, "pageup")
        assert box.scroll_y < box.max_scroll_y
        assert app.explorer.exploration.point == (25.0, 6.0)  # the cursor stayed


def slow_curves_of(fragment: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Curve charts of functions whose source has ``fragment`` take a second to build, as a
    long expression's first trace does."""
    real = jobs.curve_chart

    def slow(exploration: Any, *args: Any) -> Any:
        if fragment in exploration.function.source:
            time.sleep(1.0)
        return real(exploration, *args)

    monkeypatch.setattr(jobs, "curve_chart", slow)


@run_async
async def test_a_slow_chart_is_said_to_be_drawing_not_passed_off_as_the_last(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow_curves_of("x**3", monkeypatch)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(CurveView)
        await press(pilot, "e")
        await pilot.press("ctrl+u", *"x**3", "enter")
        await asyncio.sleep(0.6)
        await pilot.pause()
        assert view.chart is None and "drawing the chart" in view.message
        await settle(pilot)
        assert view.chart is not None and view.canvas is not None
        assert "x**3" in view.canvas.plain().split("\n")[0].replace(" ", "")  # its own title
        await press(pilot, "right")  # the cursor on the new chart
        assert view.chart is not None and view.canvas is not None


@run_async
async def test_keys_typed_in_one_burst_edit_in_the_order_they_came() -> None:
    """Over SSH keys arrive in bursts: the editing keys must not run after later letters."""
    from textual import events

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.query_one(ExpressionField).input
        burst = [("e", "e"), ("ctrl+u", None), *[(c, c) for c in "abc"], ("backspace", None)]
        burst += [("d", "d"), ("left", None), ("z", "z")]
        for key, character in burst:  # queued at once, as a read of several keys gives them
            app.post_message(events.Key(key, character))
        await pilot.pause(0.3)
        assert field.value == "abzd"


@run_async
async def test_a_draft_survives_the_terminal_losing_the_focus() -> None:
    from textual import events

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.query_one(ExpressionField)
        await press(pilot, "e")
        await pilot.press("ctrl+u", *"sin(x)*")
        app.post_message(events.AppBlur())  # alt-tab, another tmux pane: to copy a formula
        await pilot.pause()
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert field.input.value == "sin(x)*"


@run_async
async def test_a_lost_tape_is_not_covered_by_drawing_the_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui import messages

    slow_curves_of("x**3", monkeypatch)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(CurveView)
        await press(pilot, "e")
        await pilot.press("ctrl+u", *"x**3", "enter")
        await pilot.pause()
        app.explorer.post_message(messages.BackendFailed("TensorFlow's process ended: restart."))
        await asyncio.sleep(0.5)  # past the moment the chart would be said to be drawing
        await pilot.pause()
        assert view.message == "No chart without TensorFlow (see below)."


@run_async
async def test_a_field_keeps_its_panels_with_the_derivatives_on_a_short_terminal() -> None:
    app = TensorTownApp()
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        panels = app.query_one("#panels")
        await press(pilot, "d")  # f′ under f: a short terminal gives it the panels' rows
        assert not panels.display
        await press(pilot, "4")  # a field has no f′ panel: its panels come back
        assert panels.display and panels.region.height == 8
        await press(pilot, "2")
        assert not panels.display
