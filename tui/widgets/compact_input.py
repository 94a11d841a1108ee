"""Textual's compact Input, created with the classes its first moments would give it."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.reactive import reactive
from textual.widgets import Input

from tui.textual_patches import ACTIVE, pastes_dropped

if ACTIVE:
    from tui.textual_patches.input_keys import InOrderInput as _Input
else:
    _Input = Input  # type: ignore[assignment,misc]


class CompactInput(_Input):
    """``Input(compact=True)`` without the restyles it costs before it is first shown.

    Textual's Input adds its ``-textual-compact`` class as it is created and ``-valid``
    when its first value is validated; each class change restyles the input and its
    parts, and the sidebar has up to ten inputs at start-up.  Born with
    both classes, and compact by default, it changes no class until the person types
    something wrong (with no validators an Input's value is always valid).  With the
    pinned Textual its editing keys also run in the order they came
    (:mod:`tui.textual_patches.input_keys`).
    """

    compact = reactive(True, toggle_class="-textual-compact")
    """Compact by default: setting it to what it is changes no class."""

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        classes = " ".join(filter(None, ["-textual-compact -valid", kwargs.pop("classes", None)]))
        super().__init__(value, classes=classes, compact=True, **kwargs)

    def on_paste(self, event: events.Paste) -> None:
        """Say so when a paste came without the control characters it held (a coloured
        terminal's escape codes): the field has the rest, in order."""
        dropped = pastes_dropped()
        if dropped:
            what = "character" if dropped == 1 else "characters"
            self.app.notify(f"pasted without {dropped} control {what} (escape codes)", timeout=4)
