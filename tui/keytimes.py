"""Opt-in timing of keystrokes inside the app, for ``make bench``: no test driver in between.

With ``TENSORTOWN_PROFILE_KEYS=path`` the app records, for every key that moved the cursor,
the milliseconds from the key event (stamped when Textual read the key from the terminal)
to the readout's new content being set, and to the end of the screen update that carries
it; on exit it writes them to ``path`` as JSON.  Without the variable nothing is recorded.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ENVIRONMENT = "TENSORTOWN_PROFILE_KEYS"
"""The variable naming the file the samples are written to."""

clock = time.perf_counter if sys.platform == "win32" else time.monotonic
"""The clock Textual stamps events with (``Message.time``)."""


class KeyTimes:
    """Key event → readout content, and → the screen update that shows it, in ms."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.content: list[float] = []
        """Key event → the readout's new content set (the app's own work and the tape's)."""
        self.painted: list[float] = []
        """Key event → the screen update carrying it handed to the terminal writer."""
        self._started: float | None = None

    @classmethod
    def from_environment(cls) -> KeyTimes | None:
        """A recorder when ``TENSORTOWN_PROFILE_KEYS`` names a file, else None."""
        path = os.environ.get(ENVIRONMENT)
        return cls(Path(path)) if path else None

    def key(self, stamped: float) -> None:
        """A key arrived (``stamped``: its event's time)."""
        self._started = stamped

    def shown(self) -> float | None:
        """The readout has the key's numbers; returns the key's time for :meth:`on_screen`."""
        started, self._started = self._started, None
        if started is not None:
            self.content.append((clock() - started) * 1e3)
        return started

    def on_screen(self, started: float | None) -> None:
        """The screen update with the key's numbers was written."""
        if started is not None:
            self.painted.append((clock() - started) * 1e3)

    def save(self) -> None:
        """Write the samples as JSON."""
        payload = {"content_ms": self.content, "painted_ms": self.painted}
        self.path.write_text(json.dumps(payload))
