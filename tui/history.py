"""The expressions a person applied, recalled with ↑ and ↓ and kept between sessions.

The newest is last; applying one again moves it to the end (no repeats), and at most
:data:`LIMIT` are kept.  They live in ``$XDG_STATE_HOME/tensortown/expressions.json``
(``~/.local/state/...`` without it), written whole or not at all.  A file that is
corrupt, from another version or unreadable, a directory that is missing or read-only,
``HOME`` unset, a full disk: none of them stops the explorer, which goes on with the
history it has and says once what went wrong (:attr:`History.problem`).

Plain Python, no Textual: the expression field asks it for the text to show.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

LIMIT = 200
"""Expressions kept."""
VERSION = 1
"""The file's format; another is read as no history (and overwritten on the next save)."""
FILE = "expressions.json"


def state_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """``$XDG_STATE_HOME/tensortown``, else ``~/.local/state/tensortown``; None when neither
    can be named (no ``HOME``)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME", "")
    if base and Path(base).is_absolute():
        return Path(base) / "tensortown"
    home = env.get("HOME", "")
    if not home:
        return None
    return Path(home) / ".local" / "state" / "tensortown"


class History:
    """The applied expressions and the place ↑ and ↓ have reached among them."""

    def __init__(self, path: Path | None, entries: list[str] | None = None) -> None:
        self.path = path
        self.entries: list[str] = list(entries or [])[-LIMIT:]
        self.problem: str | None = None
        """What went wrong with the file, to be said once (then set to None by the caller)."""
        self._position: int | None = None
        """Index of the entry shown, None while the person's own text is shown."""
        self._draft = ""

    @classmethod
    def load(cls, path: Path | None) -> History:
        """The history in ``path`` (none there, or a broken file: empty, with its problem)."""
        history = cls(path)
        if path is None:
            history.problem = "no HOME or XDG_STATE_HOME: the expression history is not kept"
            return history
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return history
        except (OSError, ValueError) as error:
            history.problem = f"the expression history ({path}) could not be read: {why(error)}"
            return history
        if not isinstance(data, dict) or data.get("version") != VERSION:
            history.problem = f"the expression history ({path}) is from another version"
            return history
        entries = data.get("expressions")
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            history.problem = f"the expression history ({path}) is not a list of expressions"
        else:
            history.entries = [e for e in entries if e.strip()][-LIMIT:]
        return history

    def add(self, text: str) -> None:
        """Remember ``text`` as the newest (moved there if it was already kept), and save."""
        text = text.strip()
        self._position = None
        if not text:
            return
        if text in self.entries:
            self.entries.remove(text)
        self.entries.append(text)
        del self.entries[:-LIMIT]
        self.save()

    def older(self, shown: str) -> str | None:
        """The entry before the one shown (the newest, from the person's own ``shown``
        text), or None at the oldest."""
        if not self.entries:
            return None
        if self._position is None:
            self._draft = shown
            self._position = len(self.entries)
        if self._position == 0:
            return None
        self._position -= 1
        return self.entries[self._position]

    def newer(self) -> str | None:
        """The entry after the one shown, then the person's own text again; None if ↑ was
        not pressed."""
        if self._position is None:
            return None
        self._position += 1
        if self._position >= len(self.entries):
            self._position = None
            return self._draft
        return self.entries[self._position]

    def edited(self) -> None:
        """The person typed: ↑ starts again from the newest."""
        self._position = None

    def save(self) -> None:
        """Write the file whole (a temporary beside it, renamed); a failure is a problem."""
        path = self.path
        if path is None:
            return
        data = json.dumps({"version": VERSION, "expressions": self.entries}, indent=1)
        try:
            write_whole(path, data + "\n")
        except OSError as error:
            where = path.parent
            self.problem = f"the expression history could not be saved in {where}: {why(error)}"


def write_whole(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: a temporary beside it, renamed (its
    folder made if missing); OSError if it can't be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def why(error: Exception) -> str:
    """An error in words: an OSError's own reason, else its message."""
    return error.strerror if isinstance(error, OSError) and error.strerror else str(error)
