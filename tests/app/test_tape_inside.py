"""The tape's inside in the explorer (``g``): the tree with each node's value and ∂f/∂node
from TensorFlow, following the cursor, in the tape box across the panels' row."""

from __future__ import annotations

import re
from typing import Any

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from tui_support import readout, run_async, settle

from tui.app import TensorTownApp
from tui.commands import ViewCommands
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.tape_panel import TapePanel
from tui.widgets.walk_table import WalkTable

pytestmark = pytest.mark.usefixtures("tf")
SIZE = (120, 40)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_expression(pilot: Pilot[Any], expression: str) -> None:
    await press(pilot, "e")
    await pilot.press(*expression)
    await press(pilot, "enter")


def panel(app: TensorTownApp) -> str:
    return app.query_one(TapePanel).plain


def node(app: TensorTownApp, label: str) -> tuple[str, str]:
    """The value and ∂f/∂node on the tree's line for ``label`` (``x``, ``log  log(y + 1)``)."""
    for line in panel(app).splitlines():
        found = re.search(rf"[─ -]\s?{re.escape(label)}\s+(\S+)\s+(\S+)$", line)
        if found or line.startswith(label + " "):
            numbers = line.split()[-2:]
            return numbers[0], numbers[1]
    raise AssertionError(f"no line for {label!r} in\n{panel(app)}")


@run_async
async def test_g_shows_the_tree_of_pay_and_it_follows_the_cursor() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "tf.GradientTape" in panel(app)
        await press(pilot, "g")
        box = app.query_one("#tape-box", VerticalScroll)
        assert str(box.border_title).startswith("Inside the tape")
        assert not app.query_one(OneMoreStepPanel).display  # the tree has the row
        assert box.region.width > 70
        assert panel(app).splitlines()[0].split() == ["node", "value", "∂f/∂node"]
        assert node(app, "x") == ("20", "10")
        assert node(app, "**  x**2") == ("400", "0.25")
        assert node(app, "0.25") == ("0.25", "400")
        assert "x: one leaf; its adjoint is f'(x) = 10 (tape.gradient: 10)" in panel(app)
        await press(pilot, "right")
        assert "f'(x) = 10.5" in readout(app)
        assert node(app, "x") == ("21", "10.5")  # the leaf's adjoint is the readout's f'
        await press(pilot, "g")
        assert "tf.GradientTape" in panel(app) and "x = tf.Variable(21.0" in panel(app)
        assert app.query_one(OneMoreStepPanel).display
        assert str(box.border_title) == "GradientTape"


@run_async
async def test_earnings_tree_has_the_tutorial_numbers() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g")
        assert not app.query_one(WalkTable).display
        assert node(app, "log  log(y + 1)") == ("1.94591", "50")  # ln 7, and 50
        assert node(app, "+  y + 1") == ("7", "7.142858")  # 50/7
        assert node(app, "x") == ("25", "12.5")
        assert node(app, "y") == ("6", "7.142858")
        text = panel(app)
        assert "The chain rule" in text
        assert "∂f/∂x = 12.5 (tape.gradient: 12.5)" in text
        await press(pilot, "up")
        assert node(app, "y") == ("7", "6.25")  # 50/8
        await press(pilot, "g")
        assert app.query_one(WalkTable).display


@run_async
async def test_a_variable_twice_adds_its_leaves_adjoints() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        await type_expression(pilot, "x*x")
        assert "f'(x) = 40" in readout(app)
        assert "x: 2 leaves; their adjoints add up to f'(x): 20 + 20 = 40" in panel(app)


@run_async
async def test_an_undefined_node_says_why() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_expression(pilot, "log(x) + x")
        await press(pilot, "g", "home")  # x = 0
        assert app.explorer.exploration.point == (0.0,)
        text = panel(app)
        assert "log  log(x)  undefined  undefined  undefined: log of 0 at column 1" in text
        assert "f is undefined here" in text


@run_async
async def test_ascii_tree_and_title() -> None:
    app = TensorTownApp(ascii_only=True, color=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "g")
        text = panel(app)
        assert text.isascii()
        assert "|- " in text and "`- " in text and "df/dnode" in text
        assert str(app.query_one("#tape-box").border_title).isascii()


@run_async
async def test_the_tree_fits_the_panel_and_scrolls() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g")
        tape = app.query_one(TapePanel)
        wide = panel(app).splitlines()
        assert max(map(len, wide)) <= tape.size.width
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        narrow = panel(app).splitlines()
        assert max(map(len, narrow)) <= tape.size.width  # laid out again, not wrapped
        assert node(app, "log  log(y + 1)") == ("1.94591", "50")
        box = app.query_one("#tape-box", VerticalScroll)
        assert box.max_scroll_y > 0  # 80×24 has a few rows for it
        await press(pilot, "pagedown")
        scrolled = box.scroll_y
        assert scrolled > 0
        await press(pilot, "right")
        assert box.scroll_y == scrolled  # a move changes numbers, not where one reads


@run_async
async def test_the_palette_shows_and_hides_the_tree() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await best_first(ViewCommands(app.screen), "inside")
        assert str(hits[0].text) == "Tape: show its inside (g)"
        await hits[0].command()  # type: ignore[misc]
        await settle(pilot)
        assert app.explorer.show_inside and node(app, "x") == ("20", "10")
        hits = await best_first(ViewCommands(app.screen), "code")
        assert str(hits[0].text) == "Tape: back to the GradientTape code (g)"


async def best_first(provider: ViewCommands, query: str) -> list[Any]:
    """The palette's hits for ``query``, the best match first (as the palette lists them)."""
    hits = [hit async for hit in provider.search(query)]
    return sorted(hits, key=lambda hit: -hit.score)


@run_async
async def test_no_room_under_f_prime_and_f_second_is_said() -> None:
    app = TensorTownApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "d", "g")
        messages = [n.message for n in app._notifications]
        assert any("no room for the tape's inside" in m for m in messages)


@run_async
async def test_a_walk_takes_the_row_back_for_its_table(fast: None) -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "g", "w")
        assert not app.explorer.show_inside
        assert app.query_one(WalkTable).display
        assert "tf.GradientTape" in panel(app)
