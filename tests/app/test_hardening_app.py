"""Hardening the explorer: key and resize storms, typed nonsense, plain terminals, no TensorFlow.

Seeded random storms of keys (moves, function switches, focus changes, help, typing
into the fields and Enter) must never crash the app, and afterwards the readout must
still say what the core's tape says at the point on screen.  A storm of terminal
sizes while the cursor moves must not raise either.  Bad numbers typed into the
fields are refused beside the field and the last good state is kept.
"""

from __future__ import annotations

import asyncio
import random
import re
from typing import Any

import pytest
from hypothesis import settings

pytest.importorskip("textual")

from textual.pilot import Pilot
from tui_support import readout, run_async, settle

from tensortown import tape
from tui import text
from tui.app import TensorTownApp
from tui.widgets.chart_column import ChartColumn
from tui.widgets.number_field import NumberField

pytestmark = pytest.mark.usefixtures("tf")

SIZE = (120, 40)


def shows(text_: str, name: str, value: str) -> bool:
    """True when ``name = value`` appears, the value whole."""
    pattern = rf"(?<![\w'∂]){re.escape(name)} = {re.escape(value)}(?![\d.])"
    return re.search(pattern, text_) is not None


def assert_readout_matches_the_core(app: TensorTownApp) -> None:
    """Every ``name = value`` on the readout is what the tape gives at the point on screen."""
    exploration = app.explorer.exploration
    point = exploration.point_dict()
    direct = tape.derivative_at(exploration.function, point)
    expected = text.point_items(exploration.function, point)
    expected += text.reading_items(direct, ascii=app.ascii)
    shown = readout(app)
    for item in expected:
        assert shows(shown, item.name, item.value), (item, shown, exploration)


# --- key storms -----------------------------------------------------------------------------

MOVES = [
    "left",
    "right",
    "shift+left",
    "shift+right",
    "up",
    "down",
    "shift+up",
    "shift+down",
    "home",
    "end",
]
SWITCHES = ["1", "2", "3", "4", "t", "s", "e", "escape", "tab", "shift+tab", "question_mark"]
TYPING = [*"0123456789.-+*/^()xy,e ", "backspace", "delete", "enter", "a", "1", "n"]
"""Characters typed into whichever field has the focus (never ``q``: it quits, as it should)."""


def storm(seed: int, length: int) -> list[str]:
    """``length`` keys, reproducible from ``seed``: mostly moves, then typing and switches."""
    rng = random.Random(seed)
    keys: list[str] = []
    while len(keys) < length:
        kind = rng.random()
        if kind < 0.45:
            keys.append(rng.choice(MOVES))
        elif kind < 0.65:
            keys.append(rng.choice(SWITCHES))
        else:
            keys.extend(rng.choice(TYPING) for _ in range(rng.randint(1, 8)))
    # No ctrl+p: a burst of ctrl+p, enter, enter crashes Textual's own command palette
    # (see test_double_enter_in_the_command_palette below).
    return keys[:length]


async def burst(pilot: Pilot[Any], keys: list[str]) -> None:
    """Send ``keys`` as one burst (as fast typing, a paste or SSH delivers them), then wait.

    The keys are made as ``Pilot.press`` makes them, without its pause after each key, so
    a storm takes seconds, and keys also arrive while earlier ones are still handled.
    """
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def back_to_the_chart(pilot: Pilot[Any]) -> None:
    """Close any screen on top and put the focus on the chart."""
    app = pilot.app
    for _ in range(20):  # keys of a burst may still be arriving: check again after each
        await pilot.pause(0.05)
        if app.screen is app.screen_stack[0] and isinstance(app.focused, ChartColumn):
            break
        await pilot.press("escape")
    assert app.screen is app.screen_stack[0]
    assert isinstance(app.focused, ChartColumn), app.focused


STORM_SEEDS = [6, 60, 600] if settings().max_examples <= 100 else list(range(40))
"""Three storms in CI; forty with ``--hypothesis-profile=soak``."""


@pytest.mark.slow
@pytest.mark.parametrize("seed", STORM_SEEDS)
@run_async
async def test_key_storm_never_crashes_and_the_readout_stays_true(seed: int) -> None:
    app = TensorTownApp()
    keys = storm(seed, 500)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rng = random.Random(seed)
        start = 0
        while start < len(keys):
            end = start + rng.choice([1, 2, 5, 10, 25])
            await burst(pilot, keys[start:end])
            assert app.is_running, f"the app stopped during keys {start}..{end}: {keys[start:end]}"
            start = end
        await back_to_the_chart(pilot)
        await settle(pilot)
        assert_readout_matches_the_core(app)
        # and it still answers a key as it should
        before = app.explorer.exploration
        await pilot.press("right")
        await settle(pilot)
        lo, hi = before.range_of(before.symbols[0])
        assert app.explorer.exploration.point[0] == min(max(before.point[0] + before.step, lo), hi)
        assert_readout_matches_the_core(app)
    assert app.return_code in (0, None)


@run_async
async def test_double_enter_in_the_command_palette() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, ["ctrl+p", "enter", "enter"])
        await pilot.pause(0.2)
        assert app.is_running


def test_storms_are_reproducible_and_varied() -> None:
    assert storm(6, 500) == storm(6, 500)
    assert storm(6, 500) != storm(60, 500)
    keys = storm(6, 500)
    assert {"enter", "escape", "tab", "e", "1", "4"} <= set(keys)
    assert "q" not in keys


# --- typed numbers ---------------------------------------------------------------------------

FIELDS = ("point-x", "from-x", "to-x", "step")

BAD_NUMBERS = {
    "abc": "not a number",
    "": "enter a number",
    "1e400": "too large",
    "nan": "not a number",
    "inf": "too large",
    "1,5": "use . for decimals",
    "--1": "not a number",
}


async def type_into(pilot: Pilot[Any], field: NumberField, typed: str) -> None:
    """Replace the field's text with ``typed`` and press Enter."""
    field.input.focus()
    await pilot.pause()
    field.input.value = typed
    await pilot.press("enter")
    await settle(pilot)


REFUSED = [
    *((field_id, typed, message) for field_id in FIELDS for typed, message in BAD_NUMBERS.items()),
    ("from-x", "60", "'from' must be less than 'to'"),
    ("from-x", "1e30", "'from' must be less than 'to'"),
    ("to-x", "0", "'from' must be less than 'to'"),
    ("to-x", "-0", "'from' must be less than 'to'"),
    ("step", "0", "more than 0"),
    ("step", "-1", "more than 0"),
]
"""(field, typed, message): refused beside the field, the exploration unchanged."""


@run_async
async def test_bad_numbers_empty_ranges_and_steps_are_refused_beside_the_field() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        good = app.explorer.exploration
        for field_id, typed, message in REFUSED:
            field = app.query_one(f"#{field_id}", NumberField)
            await type_into(pilot, field, typed)
            assert field.has_class("-invalid"), (field_id, typed)
            assert message in str(field.query_one(".error").render()), (field_id, typed)
            assert app.explorer.exploration == good, (field_id, typed)
        await back_to_the_chart(pilot)
        await settle(pilot)
        assert app.explorer.exploration == good
        assert_readout_matches_the_core(app)


@run_async
async def test_huge_ranges_and_points_are_shown_not_crashed() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for field_id, typed in [
            ("from-x", "-1e30"),
            ("to-x", "1e30"),
            ("point-x", "1e30"),
            ("point-x", "-0"),
            ("step", "1e30"),
            ("from-x", "0"),
            ("to-x", "1e-30"),
        ]:
            field = app.query_one(f"#{field_id}", NumberField)
            await type_into(pilot, field, typed)
            assert not field.has_class("-invalid"), (field_id, typed)
        await back_to_the_chart(pilot)
        await pilot.press("right", "left", "end", "home")
        await settle(pilot)
        assert app.explorer.exploration.ranges == ((0.0, 1e-30),)
        assert_readout_matches_the_core(app)


# --- resize storm -----------------------------------------------------------------------------


@pytest.mark.slow
@run_async
async def test_resize_storm_while_moving() -> None:
    """30 sizes from 20x8 to 300x100 in random order, the cursor moving; the field halfway."""
    rng = random.Random(30)
    sizes = [(rng.randint(20, 300), rng.randint(8, 100)) for _ in range(28)] + [(20, 8), (300, 100)]
    rng.shuffle(sizes)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for i, (width, height) in enumerate(sizes):
            if i == len(sizes) // 2:
                await pilot.press("4")  # the gradient field for the second half
            await pilot.resize_terminal(width, height)
            await pilot.press(rng.choice(["left", "right", "up", "down"]))
            await pilot.pause()
            assert app.is_running, (width, height)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert_readout_matches_the_core(app)


def screen_text(app: TensorTownApp) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@run_async
async def test_below_the_minimum_size_says_the_terminal_is_too_small() -> None:
    app = TensorTownApp()
    async with app.run_test(size=(20, 8)) as pilot:
        await settle(pilot)
        shown = screen_text(app).lower()
        assert "terminal" in shown and "too small" in shown, shown
        assert "palette" not in shown  # the footer is hidden with the rest
        # A resize is judged by its new size (the handler once read the size before it).
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert "too small" not in screen_text(app).lower()
        await pilot.resize_terminal(50, 15)
        await settle(pilot)
        shown = screen_text(app).lower()
        assert "too small" in shown and "50" in shown, shown


@run_async
async def test_a_resize_under_the_help_lays_out_the_explorer_beneath() -> None:
    """The size's classes go to the explorer's screen, not to the help on top of it."""
    app = TensorTownApp()
    async with app.run_test(size=(50, 15)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        shown = screen_text(app)
        assert "too small" not in shown.lower() and "f'(x)" in shown, shown


@run_async
async def test_the_footer_stays_under_a_maximized_chart() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.maximize(app.query_one(ChartColumn))
        await pilot.pause()
        assert app.screen.maximized is not None
        assert "q quit" in screen_text(app).splitlines()[-1]


# --- plain terminals ------------------------------------------------------------------------


@run_async
async def test_ascii_no_color_mono_terminal_shows_only_ascii(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-mono")
    app = TensorTownApp(ascii_only=True, color=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.color
        for key in ["1", "right", "2", "3", "4", "up", "e", "escape", "t", "question_mark"]:
            await pilot.press(key)
            await settle(pilot)
            shown = screen_text(app)
            assert shown.isascii(), (key, sorted({c for c in shown if not c.isascii()}))
        await back_to_the_chart(pilot)
        await settle(pilot)
        assert_readout_matches_the_core(app)


@run_async
async def test_ascii_footer_is_ascii_too() -> None:
    app = TensorTownApp(ascii_only=True, color=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen_text(app).isascii()


# --- no TensorFlow --------------------------------------------------------------------------


@run_async
async def test_tensorflow_failing_to_import_is_explained_and_q_quits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tensortown import backend

    monkeypatch.setattr(backend, "_module", None)  # as if never imported in this process
    monkeypatch.setenv("TENSORTOWN_FAIL_TF_IMPORT", "1")
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.explorer.backend_error is not None and not app.explorer.ready
        shown = " ".join(screen_text(app).split())
        assert "TensorFlow could not be loaded" in shown, shown
        assert "pip install tensorflow-cpu" in " ".join(readout(app).split())
        await burst(pilot, ["right", "4", "e", *"x*y", "enter", "escape", "question_mark"])
        await back_to_the_chart(pilot)
        assert app.is_running
        await pilot.press("q")
        for _ in range(200):  # a busy machine may take a moment to tear the app down
            if not app.is_running:
                break
            await asyncio.sleep(0.02)
        assert not app.is_running
    assert app.return_code in (0, None)
