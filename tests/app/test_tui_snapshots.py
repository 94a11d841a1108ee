"""Snapshots of the explorer's main screens at 120×40 and 80×24 (pytest-textual-snapshot).

Each snapshot is taken once TensorFlow is loaded and every worker is done, so no loading
state can sneak in.  Update them with ``pytest --snapshot-update`` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

pytest.importorskip("pytest_textual_snapshot")

from textual.pilot import Pilot
from tui_support import settle

from tui.app import TensorTownApp

WIDE = (120, 40)
SMALL = (80, 24)


pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


def walk(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """Settle, press ``keys`` (``type:TEXT`` types text), settle again."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            if key.startswith("type:"):
                await pilot.press(*list(key[5:]))
            else:
                await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_pay(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk())


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_earnings(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk("4", "up"))


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_expression_error(snap_compare: Any, size: tuple[int, int]) -> None:
    keys = ("2", "e", "type:x**3", "enter", "e", "type:x**", "enter")
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk(*keys))


def test_help(snap_compare: Any) -> None:
    assert snap_compare(TensorTownApp(), terminal_size=WIDE, run_before=walk("question_mark"))


def test_ascii_earnings(snap_compare: Any) -> None:
    app = TensorTownApp(ascii_only=True, color=False)
    assert snap_compare(app, terminal_size=SMALL, run_before=walk("4"))


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_zoomed_with_the_secant(snap_compare: Any, size: tuple[int, int]) -> None:
    """Pay zoomed twice around x = 20, with the secant over h = 4 beside the tangent."""
    keys = ("plus", "plus", "H", "H")
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk(*keys))


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_tape_inside(snap_compare: Any, size: tuple[int, int]) -> None:
    """Earnings at (25, 6) with the tape's inside (g) across the panels' row."""
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk("4", "g"))


def test_ascii_tape_inside(snap_compare: Any) -> None:
    app = TensorTownApp(ascii_only=True, color=False)
    assert snap_compare(app, terminal_size=WIDE, run_before=walk("g"))


@pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])
def test_four_variables_through_a_point(snap_compare: Any, size: tuple[int, int]) -> None:
    """x·y·z + w at (1, 1, 2, 3): the pair cycled once (w across, y up), x and z held,
    every partial in the readout and the Hessian in the panel."""
    from tensortown.catalogue import resolve

    app = TensorTownApp(resolve("x*y*z + w"), {"w": 1.0, "x": 1.0, "y": 2.0, "z": 3.0})

    async def run_before(pilot: Pilot[Any]) -> None:
        await walk("a")(pilot)
        app.clear_notifications()  # the pair's toast times out: not in the picture
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
