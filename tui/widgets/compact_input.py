"""Textual's compact Input, created with the classes its first moments would give it."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.reactive import reactive
from textual.widgets import Input


class CompactInput(Input):
    """``Input(compact=True)`` without the restyles it costs before it is first shown.

    Textual's Input adds its ``-textual-compact`` class as it is created and ``-valid``
    when its first value is validated; each class change restyles the input and its
    parts (about 2 ms an input, with up to ten in the sidebar at start-up).  Born with
    both classes, and compact by default, it changes no class until the person types
    something wrong (with no validators an Input's value is always valid).
    """

    compact = reactive(True, toggle_class="-textual-compact")
    """Compact by default: setting it to what it is changes no class."""

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        classes = " ".join(filter(None, ["-textual-compact -valid", kwargs.pop("classes", None)]))
        super().__init__(value, classes=classes, compact=True, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        """Typed characters and editing keys, in the order they came.

        Textual's Input inserts a character when its key arrives, but runs a key it binds
        (backspace, ←, ctrl+u, enter) only once the key has bubbled up to the app, behind
        the keys already waiting there: in one burst, as keys often arrive over SSH,
        ``abc⌫d`` gave ``abc`` and ``ctrl+u x`` an empty field (Textual issue 6605).  Such a
        key runs here instead, as the app would run it.  Keys bound further up (tab, the
        app's) still go the usual way.
        """
        if not event.is_printable:
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.node is self and active.enabled:
                event.stop()
                event.prevent_default()
                self._restart_blink()
                await self.app.run_action(active.binding.action, self)
                return
        await super()._on_key(event)
