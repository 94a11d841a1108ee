"""Pastes in order: Textual's input parser, fed through :class:`~tui.paste_text.PasteCleaner`.

Textual 8.2.8's parser (``textual._xterm_parser.XTermParser``) collects a bracketed paste
character by character, but an ESC inside it starts its escape-sequence loop, which reads
the sequence's other characters without adding them to the paste and, at the next ESC
(the paste's end), issues them as keys: ``sin(x)`` + ``ESC[31m+1`` arrived as the keys
``^[31m+1`` and then the paste ``sin(x)``, so the field read ``^[31m+1sin(x)``.  With the
pasted text cleaned before the parser sees it, no ESC is left inside a paste: the paste
arrives whole, in order, and the field is told how much was dropped
(:func:`take_dropped`).  ``tests/app/test_textual_fence.py`` holds the stock parser to
the behaviour this works around, and the guarded one to the fix.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from tui.paste_text import PasteCleaner

_lock = threading.Lock()
_dropped: list[int] = []
"""Characters dropped from each paste, oldest first (the input thread adds, the app takes)."""


def guarded(feed: Callable[[Any, str], Iterable[Any]]) -> Callable[[Any, str], Iterable[Any]]:
    """``XTermParser.feed`` with each paste cleaned first (one cleaner per parser)."""

    def feed_cleaned(parser: Any, data: str) -> Iterable[Any]:
        cleaner = parser.__dict__.get("_tensortown_paste")
        if cleaner is None:
            cleaner = parser.__dict__["_tensortown_paste"] = PasteCleaner()
        if data:  # the empty string is the end of input: passed on as it is
            data = cleaner.feed(data)
            if cleaner.dropped:
                with _lock:
                    _dropped.extend(cleaner.dropped)
                cleaner.dropped.clear()
        return feed(parser, data) if data or not cleaner.inside else ()

    feed_cleaned.__wrapped__ = feed  # type: ignore[attr-defined]
    return feed_cleaned


def install() -> None:
    """Put the cleaner in front of every XTermParser made from now on (once)."""
    from textual._xterm_parser import XTermParser

    if not hasattr(XTermParser.feed, "__wrapped__"):
        XTermParser.feed = guarded(XTermParser.feed)  # type: ignore[assignment,method-assign]


def take_dropped() -> int:
    """Characters dropped from the pastes since the last call (0 if none)."""
    with _lock:
        count = sum(_dropped)
        _dropped.clear()
    return count
