"""Keep the person's exploration: saved shortly after each change, and as the app quits.

The screen calls :meth:`Keeping.changed` from its watchers; half a second later (a burst
of keys is one save) the pinned exploration and the panels shown are written with
:class:`tui.session.SessionFile`, if they differ from what was last written. Nothing is
written until the person changes something, so opening the explorer and leaving it
keeps the exploration before. A problem with the file is said once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.session import DEBOUNCE, Session, SessionFile

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.explorer.base import ExplorerBase


class Keeping:
    """Saves ``screen``'s exploration into ``sessions`` (None: keeps nothing)."""

    def __init__(
        self,
        screen: ExplorerBase,
        sessions: SessionFile | None,
        previous: Session | None = None,
        *,
        looked: bool = False,
    ) -> None:
        self.screen = screen
        self.sessions = sessions
        self._previous = previous
        self._looked = looked or previous is not None
        """True once the file kept from before this run has been read (``--resume`` did)."""
        self._written: dict[str, object] | None = None
        self._timer: Timer | None = None
        self._told = False

    def session(self) -> Session:
        """The exploration as the person left it (the pinned point, not the mouse's)."""
        screen = self.screen
        view = {
            "tangent": screen.show_tangent,
            "derivatives": screen.derivatives,
            "inside": screen.show_inside,
        }
        return Session(screen.pinned, view)

    @property
    def previous(self) -> Session | None:
        """The exploration kept from before this run (the palette's resume): read when
        first asked for, or before the first save replaces it, not as the app starts."""
        if not self._looked:
            self._looked = True
            if self.sessions is not None:
                self._previous = self.sessions.load()
                self.sessions.problem = None  # said only when --resume asked for it
        return self._previous

    def show(self, view: dict[str, bool | int]) -> None:
        """Show a kept exploration's panels: the tangent, f′ and f″, the tape's inside."""
        screen = self.screen
        screen.show_tangent = bool(view["tangent"])
        screen.derivatives = int(view["derivatives"])
        screen.show_inside = bool(view["inside"])

    def opened(self) -> None:
        """What the explorer opened on is not a change: it is not written."""
        self._written = self.session().to_json()

    def changed(self) -> None:
        """Save in :data:`DEBOUNCE` seconds (again from now, if a save was waiting)."""
        if self.sessions is None or self._written is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(DEBOUNCE, self.save)

    def save(self) -> None:
        """Write the exploration if it changed since it was last written."""
        self._timer = None
        if self.sessions is None or self._written is None:
            return
        session = self.session()
        data = session.to_json()
        if data == self._written:
            return
        _ = self.previous  # read before this save replaces it
        if self.sessions.save(session):
            self._written = data
        elif not self._told and self.sessions.problem:
            self._told = True  # once: the explorer goes on without keeping it
            self.screen.notify(self.sessions.problem, severity="warning", timeout=8)
            self.sessions.problem = None

    def flush(self) -> None:
        """The app is quitting: a save that was waiting is made now."""
        if self._timer is not None:
            self._timer.stop()
            self.save()
