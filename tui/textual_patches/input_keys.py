"""An Input that runs its own editing keys as they arrive (Textual issue 6605)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class InOrderInput(Input):
    """Textual's Input, with typed characters and editing keys handled in the order they came.

    Textual's Input inserts a character when its key arrives, but runs a key it binds
    (backspace, ←, ctrl+u, enter) only once the key has bubbled up to the app, behind
    the keys already waiting there: in one burst, as keys often arrive over SSH,
    ``abc⌫d`` gave ``abc`` and ``ctrl+u x`` an empty field.  Such a key runs here
    instead, as the app would run it.  Keys bound further up (tab, the app's) still go
    the usual way.
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.node is self and active.enabled:
                event.stop()
                event.prevent_default()
                self._restart_blink()
                await self.app.run_action(active.binding.action, self)
                return
        await super()._on_key(event)
