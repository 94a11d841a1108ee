"""What a bracketed paste may bring into a field: text, without the terminal's controls.

A terminal wraps pasted text in ``ESC [200~`` … ``ESC [201~``.  Text copied from a
coloured terminal carries escape sequences (``ESC [31m``) and other control characters,
which a field can't show and TensorTown's parser would not take.  :class:`PasteCleaner`
follows the input stream as it is read, a chunk at a time, and removes them from inside
each paste (whole sequences, not only their ESC), and turns line breaks and tabs into
spaces (every field here is one line).  Outside a paste the stream passes as it came.

Pure text, no Textual: :mod:`tui.textual_patches.paste` puts it in front of Textual's
input parser, whose own handling of an ESC inside a paste lets the rest of the sequence
out as keys, ahead of the paste itself.
"""

from __future__ import annotations

import re

START = "\x1b[200~"
"""What a terminal sends before pasted text."""
END = "\x1b[201~"
"""… and after it."""

_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: ESC [ parameters, intermediates, a final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: ESC ] … BEL or ST
    r"|\x1b[@-Z\\-_]"  # the other two-character escapes
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BREAK = re.compile(r"\r\n|[\r\n\t]")


def clean(text: str) -> tuple[str, int]:
    """``text`` without escape sequences and control characters, line breaks and tabs as
    spaces; and how many characters were dropped."""
    kept = _SEQUENCE.sub("", text)
    kept = _CONTROL.sub("", kept)
    dropped = len(text) - len(kept)
    return _BREAK.sub(" ", kept), dropped


class PasteCleaner:
    """Cleans the pastes in a stream of terminal input, fed a chunk at a time."""

    def __init__(self) -> None:
        self.inside = False
        self._held = ""
        """Inside a paste: text not yet passed on (it may end in part of ``END``)."""
        self._tail = ""
        """Outside: the last characters passed on, which may begin ``START``."""
        self.dropped: list[int] = []
        """Characters dropped from each finished paste that had any, oldest first."""
        self._dropped_here = 0

    def feed(self, data: str) -> str:
        """The input to pass on for ``data``: as it came outside a paste, cleaned inside."""
        out: list[str] = []
        while data:
            if not self.inside:
                seen = self._tail + data
                at = seen.find(START)
                if at < 0:
                    out.append(data)
                    self._tail = seen[-(len(START) - 1) :]
                    return "".join(out)
                cut = at + len(START) - len(self._tail)  # START ends here in ``data``
                out.append(data[:cut])
                data = data[cut:]
                self.inside, self._tail, self._held = True, "", ""
                continue
            held = self._held + data
            at = held.find(END)
            if at < 0:
                keep = held.rfind("\x1b")  # a sequence (or END) may go on in the next chunk
                safe, self._held = (held, "") if keep < 0 else (held[:keep], held[keep:])
                out.append(self._clean(safe))
                return "".join(out)
            out.append(self._clean(held[:at]) + END)
            data = held[at + len(END) :]
            self.inside, self._held = False, ""
            if self._dropped_here:
                self.dropped.append(self._dropped_here)
                self._dropped_here = 0
        return "".join(out)

    def _clean(self, text: str) -> str:
        kept, dropped = clean(text)
        self._dropped_here += dropped
        return kept
