"""The explorer's compositor shows exactly what Textual's own shows, for any dirty regions.

:class:`~tui.textual_patches.compositor.SpanCompositor` renders only the chops a partial
update's spans meet and writes only the cells inside the spans; these tests render the
same updates with Textual's own compositor and compare what a terminal shows after each
(a terminal emulator, pyte, reads both), and the bytes: never more than Textual's.  A full update
writes the same bytes as Textual's.
"""

from __future__ import annotations

import contextlib
from typing import Any
from unittest import mock

import pyte
import pytest

pytest.importorskip("textual")

from hypothesis import given, settings
from hypothesis import strategies as st
from textual._compositor import Compositor
from textual.geometry import Region
from textual.pilot import Pilot
from tui_support import run_async, settle

from tui.app import TensorTownApp
from tui.textual_patches.compositor import SpanCompositor, SpanScreen

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


pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


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


HASHES = "".join(f"\x1b[{y + 1};1H" + "#" * SIZE[0] for y in range(SIZE[1]))
"""A screen full of #, to write updates over."""


def _shown(*updates: str) -> list[list[Any]]:
    """Every cell (character, colours, attributes) of a terminal the updates were written to."""
    screen = pyte.Screen(*SIZE)
    stream = pyte.Stream(screen)
    for update in updates:
        stream.feed(update)
    return [[screen.buffer[y][x] for x in range(SIZE[0])] for y in range(SIZE[1])]


def test_the_app_runs_on_the_explorer_screen() -> None:
    @run_async
    async def body() -> None:
        app = TensorTownApp()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, SpanScreen)
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
                assert len(ours) <= len(theirs)
                # Written over a screen of #, so that a dirty cell left unwritten shows.
                mine, textuals = _shown(HASHES, ours), _shown(HASHES, theirs)
                blank = _shown(HASHES)
                for y in range(SIZE[1]):
                    for x in range(SIZE[0]):
                        if any(region.contains(x, y) for region in dirty):
                            assert mine[y][x] == textuals[y][x], (x, y)
                        else:
                            assert mine[y][x] == blank[y][x], (x, y)  # nothing else

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


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("⠤⠖●─ plot row", True),  # braille and box drawing: one cell each
        ("ab中cdefgh", False),  # a wide character a cut could split
        ("ae\u0301中cdefg", False),  # a zero-width accent that evens the count out
    ],
)
def test_a_chop_is_cut_to_the_span_only_where_no_cut_can_split_a_character(
    text: str, cut: bool
) -> None:
    from rich.segment import Segment
    from textual.strip import Strip

    from tui.textual_patches.compositor import _cut_to_spans

    strip = Strip([Segment(text)])
    width = strip.cell_length
    chops: list[dict[int, Strip | None]] = [{0: strip}]
    pieces, _, ends = _cut_to_spans(chops, [[0, width]], [(0, 3, 6)])
    if cut:
        assert list(pieces[0]) == [3] and ends[0] == [6]
        assert pieces[0][3].text == text[3:6]
    else:  # left whole: Textual writes it from the segment holding the span's start
        assert pieces[0] == {0: strip} and ends[0] == [width]
