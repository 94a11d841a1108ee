"""The explorer's compositor writes exactly what Textual's own writes, for any dirty regions.

:class:`tui.screen.SpanCompositor` renders only the chops a partial update's spans meet;
these tests render the same updates with Textual's own ``render_partial_update`` and
compare the bytes that would reach the terminal, on the curve, the field and the sidebar.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any
from unittest import mock

import pytest

pytest.importorskip("textual")

from hypothesis import given, settings
from hypothesis import strategies as st
from textual._compositor import Compositor
from textual.geometry import Region
from textual.pilot import Pilot
from tui_support import run_async, settle

from tui.app import TensorTownApp
from tui.screen import ExplorerScreen, SpanCompositor

SIZE = (120, 40)

SCREEN = Region(0, 0, *SIZE)
regions = st.lists(
    st.builds(
        Region,
        st.integers(0, SIZE[0] - 1),
        st.integers(0, SIZE[1] - 1),
        st.integers(1, 40),
        st.integers(1, 12),
    ).map(SCREEN.intersection),  # Textual clips what it marks dirty to the screen
    min_size=1,
    max_size=4,
)


@pytest.fixture(autouse=True)
def _warm(tf: Any) -> None:
    """One TensorFlow for the whole session (the conftest's quiet loader)."""


def _update(app: TensorTownApp, dirty: list[Region] | None, *, textual_own: bool) -> str:
    """The bytes of a partial update of ``dirty`` (a full update when None)."""
    compositor = app.screen._compositor
    method = "render_partial_update" if dirty is not None else "render_full_update"
    compositor._dirty_regions.update(dirty or ())
    with contextlib.ExitStack() as stack:
        if textual_own:
            stack.enter_context(
                mock.patch.object(SpanCompositor, method, getattr(Compositor, method))
            )
        update = getattr(compositor, method)()
    assert update is not None
    return update.render_segments(app.console)


async def _press(pilot: Pilot[Any], keys: tuple[str, ...]) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def _without_idle_moves(update: str) -> str:
    """The update less cursor moves that write nothing (Textual sends one for a chop that
    starts exactly where a dirty span ends)."""
    return re.sub(r"\x1b\[\d+;\d+H(?=\x1b\[\d+;\d+H|\n|$)", "", update)


def test_the_app_runs_on_the_explorer_screen() -> None:
    @run_async
    async def body() -> None:
        app = TensorTownApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ExplorerScreen)
            assert isinstance(app.screen._compositor, SpanCompositor)

    body()


@pytest.mark.parametrize("keys", [(), ("right", "right"), ("4", "up"), ("s",)])
def test_partial_updates_match_textuals_own(keys: tuple[str, ...]) -> None:
    @run_async
    async def body() -> None:
        app = TensorTownApp()
        async with app.run_test(size=SIZE) as pilot:
            await _press(pilot, keys)

            @settings(max_examples=40, deadline=None, database=None)
            @given(dirty=regions)
            def same(dirty: list[Region]) -> None:
                ours = _update(app, dirty, textual_own=False)
                theirs = _update(app, dirty, textual_own=True)
                assert _without_idle_moves(ours) == _without_idle_moves(theirs)

            same()

    body()


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
@pytest.mark.parametrize("keys", [(), ("4", "c"), ("s", "d"), ("e",)])
def test_full_updates_match_textuals_own(keys: tuple[str, ...], size: tuple[int, int]) -> None:
    """A layout's frame renders each chop once, from the widget in front: same bytes."""

    @run_async
    async def body() -> None:
        app = TensorTownApp()
        async with app.run_test(size=size) as pilot:
            await _press(pilot, keys)
            assert _update(app, None, textual_own=False) == _update(app, None, textual_own=True)

    body()
