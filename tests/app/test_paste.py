"""Pastes keep their order and lose their control characters (issue 23).

:class:`~tui.paste_text.PasteCleaner` alone, on streams cut anywhere; Textual's own input
parser, which lets an escape sequence inside a paste out as keys ahead of it (the
behaviour the fence works around, so that an upgrade that fixes it is noticed), and the
same parser with the cleaner in front; and the explorer's expression field in Pilot.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("textual")

from hypothesis import given
from hypothesis import strategies as st
from textual import events
from tui_support import run_async, settle

from tui.app import TensorTownApp
from tui.paste_text import END, START, PasteCleaner, clean
from tui.widgets.expression_field import ExpressionField

COLOURED = "sin(x)\x1b[31m+1\x1b[0m"


def test_clean_drops_whole_sequences_and_controls_and_joins_lines() -> None:
    assert clean(COLOURED) == ("sin(x)+1", 9)
    assert clean("x\x07 +\x00 1") == ("x + 1", 2)
    assert clean("x +\r\n1\ty") == ("x + 1 y", 0)
    assert clean("\x1b]0;title\x07x") == ("x", 10)


def test_outside_a_paste_the_stream_passes_as_it_came() -> None:
    cleaner = PasteCleaner()
    keys = "ab\x1b[A\x1b\x7f"
    assert cleaner.feed(keys) == keys
    assert cleaner.dropped == []


@given(cuts=st.lists(st.integers(0, 60), max_size=8))
def test_a_stream_cut_anywhere_comes_out_the_same(cuts: list[int]) -> None:
    stream = f"a{START}{COLOURED}{END}\x1b[Bz{START}plain{END}"
    whole = PasteCleaner()
    expected = whole.feed(stream)
    assert expected == f"a{START}sin(x)+1{END}\x1b[Bz{START}plain{END}"
    assert whole.dropped == [9]
    pieces, last = [], 0
    for cut in [*sorted(set(cuts)), len(stream)]:
        pieces.append(stream[last:cut])
        last = max(last, cut)
    cut_up = PasteCleaner()
    assert "".join(cut_up.feed(p) for p in pieces if p) == expected
    assert cut_up.dropped == [9]


def _described(tokens: list[Any]) -> list[str]:
    return [f"paste:{t.text}" if isinstance(t, events.Paste) else f"key:{t.key}" for t in tokens]


def test_textuals_parser_lets_a_sequence_in_a_paste_out_ahead_of_it() -> None:
    """The stock behaviour :mod:`tui.textual_patches.paste` works around (Textual 8.2.8)."""
    from textual._xterm_parser import XTermParser

    original = getattr(XTermParser.feed, "__wrapped__", XTermParser.feed)
    parser = XTermParser()
    tokens = list(original(parser, f"{START}{COLOURED}{END}"))
    described = _described(tokens)
    assert described[-1] == "paste:sin(x)"  # the paste comes last, cut short
    assert "key:circumflex_accent" in described  # its ESC arrived first, as a ^ key


def test_the_guarded_parser_gives_one_paste_in_order() -> None:
    from textual._xterm_parser import XTermParser

    from tui.textual_patches import paste

    original = getattr(XTermParser.feed, "__wrapped__", XTermParser.feed)
    feed = paste.guarded(original)
    parser = XTermParser()
    stream = f"{START}{COLOURED}{END}"
    tokens = [t for chunk in (stream[:9], stream[9:14], stream[14:]) for t in feed(parser, chunk)]
    assert _described(tokens) == ["paste:sin(x)+1"]
    assert paste.take_dropped() == 9
    assert paste.take_dropped() == 0


@run_async
async def test_a_coloured_paste_in_the_expression_field_keeps_its_order() -> None:
    from tui.textual_patches import ACTIVE

    app = TensorTownApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        field = app.query_one(ExpressionField).input
        field.value = ""
        if ACTIVE:  # the parser's way in: cleaned before the Paste event is made
            from tui.textual_patches import paste

            text, dropped = clean(COLOURED)
            paste._dropped.append(dropped)
        else:
            text = clean(COLOURED)[0]
        field.post_message(events.Paste(text))
        await pilot.pause()
        assert field.value == "sin(x)+1"
        if ACTIVE:
            assert any("without 9 control characters" in n.message for n in app._notifications)
        await pilot.press("enter")
        await settle(pilot)
        assert app.explorer.exploration.function.source == "sin(x)+1"
