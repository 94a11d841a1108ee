"""Textual's footer, recomposed only when the keys it shows change, and a moment later.

Textual's ``Footer`` removes and mounts all its keys whenever the screen's bindings are
refreshed or the focus moves, even when it would show the same keys; a new function
(``1``-``4``) changes a key or two, and recomposing in the same breath delayed the first
frame of the new function by a full remount.  This footer compares what it would show
with what it shows, and when they differ recomposes after :data:`DELAY`, once the new
function's numbers are on screen.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

DELAY = 0.12
"""Seconds between a change of the keys and the footer showing it."""


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that recomposes only for a change it shows."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        """The keys, from the first compose on.

        Textual's footer composes nothing until the screen first reports its bindings,
        after the first frame, and then mounts its keys in a second one: that one came
        while TensorFlow's import held the GIL, some 0.15 s later.  The bindings the
        footer shows are the app's and the screen's, there from the start.
        """
        if not self._bindings_ready and self.is_attached:
            self._bindings_ready = True
            self._shown = self.keys_shown(self.screen)
        if not self._bindings_ready:
            return
        bindings = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}  # the first key of each action
        for _, binding, enabled, tooltip in bindings.values():
            if binding.show:
                if binding.group is not None:  # Textual's footer draws groups
                    yield from super().compose()
                    return
                shown.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(shown)
        # Textual's footer binds each key's ``compact`` to its own, and the key's watcher
        # then adds ``-compact``: a second styling of every key as it mounts.  Born with
        # the class, a key is styled once.
        classes = "-compact" if self.compact else ""
        for binding, enabled, tooltip in shown.values():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
                classes=classes,
            ).data_bind(compact=Footer.compact)
        palette = bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            _, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings were refreshed: recompose if the keys on show differ."""
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        shown = self.keys_shown(screen)
        if shown == self._shown:
            return
        first, self._shown = self._shown is None, shown
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if first:  # the first keys at once, as Textual's footer does
            self.call_after_refresh(self.recompose)
        else:
            self._pending = self.set_timer(DELAY, self._recompose_now)

    def _recompose_now(self) -> None:
        self._pending = None
        self.call_later(self.recompose)

    def keys_shown(self, screen: Screen[Any]) -> tuple[object, ...]:
        """What the footer draws from the bindings: key, label, action, state, group."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                binding.group,
            )
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show
        )
