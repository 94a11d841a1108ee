"""The last exploration, kept so that ``tensortown --resume`` opens it where it was left.

What is kept is what the person chose: the function (its catalogue key, or the expression
as typed), the point, the ranges, the step, the pair of variables drawn, and the panels
shown. The explorer saves it shortly after each such change (:data:`DEBOUNCE`), and as it
quits, in ``$XDG_STATE_HOME/tensortown/session.json`` beside the expression history,
written whole or not at all, so a crash or a dropped SSH connection loses at most the
last half second.

A file that is corrupt, from another version, unreadable or not an exploration
TensorTown can open, a missing or read-only directory, ``HOME`` unset, a full disk: none
of them stops the explorer, which starts fresh and says once what went wrong
(:attr:`SessionFile.problem`). Plain Python, no Textual.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tensortown import view
from tui.history import state_dir, why, write_whole
from tui.state import Exploration

FILE = "session.json"
VERSION = 1
"""The file's format; another is not read (and is overwritten by the next save)."""
DEBOUNCE = 0.5
"""Seconds after a change before it is saved (a burst of keys is one save)."""
VIEW_DEFAULTS: dict[str, bool | int] = {"tangent": True, "derivatives": 0, "inside": False}
"""What a session keeps of the view, as the explorer opens it: the tangent, the f′ and f″
panels, the tape's inside (the sidebar and the slices follow the terminal's size)."""


class SessionError(ValueError):
    """A saved session that cannot be opened; the message says why."""


@dataclass(frozen=True)
class Session:
    """An exploration and the view around it."""

    exploration: Exploration
    view: dict[str, bool | int] = field(default_factory=lambda: dict(VIEW_DEFAULTS))

    def to_json(self) -> dict[str, Any]:
        """The session as the file keeps it."""
        shown = self.exploration
        function = shown.function
        return {
            "version": VERSION,
            "function": function.key or function.source,
            "point": shown.point_dict(),
            "ranges": {s: list(shown.range_of(s)) for s in shown.symbols},
            "step": shown.step,
            "axes": list(shown.drawn_symbols),
            "view": self.view,
        }

    @classmethod
    def from_json(cls, raw: Any) -> Session:
        """The session in ``data``, or SessionError saying what is wrong with it."""
        from tensortown.catalogue import resolve
        from tensortown.expression import ExpressionError

        if not isinstance(raw, dict) or raw.get("version") != VERSION:
            raise SessionError("it is from another version of TensorTown")
        data: dict[str, Any] = raw
        text = data.get("function")
        if not isinstance(text, str):
            raise SessionError("it names no function")
        try:
            function = resolve(text)
        except ExpressionError as error:
            raise SessionError(f"its expression {text!r} does not parse: {error}") from None
        symbols = function.symbols
        point = _numbers(data.get("point"), symbols, "point")
        ranges = _numbers(data.get("ranges"), symbols, "ranges", pairs=True)
        step: Any = data.get("step")
        if not _finite(step):
            raise SessionError("its step is not a number")
        axes = data.get("axes", list(symbols[:2]))
        drawn = (0, 1)
        if len(symbols) >= 2:
            if not (isinstance(axes, list) and len(axes) == 2 and set(axes) <= set(symbols)):
                raise SessionError("its axes are not two of the function's variables")
            drawn = tuple(sorted(symbols.index(s) for s in axes))  # type: ignore[assignment]
            if drawn[0] == drawn[1]:
                raise SessionError("its axes are one variable twice")
        exploration = Exploration(function, (0.0,) * len(symbols), ranges, 1.0, drawn)
        try:
            for symbol, (lo, hi) in zip(symbols, ranges, strict=True):
                view.check(lo, hi, f"its range of {symbol}")
            exploration = exploration.with_ranges(ranges).with_step(float(step))
        except ValueError as error:
            raise SessionError(str(error)) from None
        for symbol, value in zip(symbols, point, strict=True):
            lo, hi = exploration.range_of(symbol)
            exploration = exploration.at(symbol, min(max(value, lo), hi))
        shown = dict(VIEW_DEFAULTS)
        saved = data.get("view")
        if isinstance(saved, dict):  # what is not as expected keeps its default
            for name, default in VIEW_DEFAULTS.items():
                value = saved.get(name, default)
                if isinstance(default, bool):
                    fits = isinstance(value, bool)
                else:
                    fits = type(value) is int and 0 <= value <= 2
                if fits:
                    shown[name] = value
        return cls(exploration, shown)


class SessionFile:
    """Where the session is kept, and what went wrong with it, to be said once."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.problem: str | None = None
        """What went wrong, to be said once (the caller sets it back to None)."""

    @classmethod
    def default(cls) -> SessionFile:
        """The file in the explorer's state directory (none without HOME)."""
        folder = state_dir()
        return cls(folder / FILE if folder is not None else None)

    def load(self) -> Session | None:
        """The session kept, or None (with :attr:`problem` saying why, unless none was)."""
        path = self.path
        if path is None:
            self.problem = "no HOME or XDG_STATE_HOME: no exploration is kept to resume"
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem = "there is no earlier exploration to resume: starting afresh"
            return None
        except (OSError, ValueError) as error:
            self.problem = f"the last exploration ({path}) could not be read: {why(error)}"
            return None
        try:
            return Session.from_json(data)
        except SessionError as error:
            self.problem = f"the last exploration ({path}) can't be opened: {error}"
            return None

    def save(self, session: Session) -> bool:
        """Write the session whole; False (and :attr:`problem`) if it could not be."""
        if self.path is None:
            return False
        try:
            write_whole(self.path, json.dumps(session.to_json(), indent=1) + "\n")
        except OSError as error:
            where = self.path.parent
            self.problem = f"the exploration could not be kept in {where}: {why(error)}"
            return False
        return True


def _finite(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _numbers(
    given: Any, symbols: tuple[str, ...], what: str, *, pairs: bool = False
) -> tuple[Any, ...]:
    """The values of ``given`` (a mapping by variable) in the function's order."""
    if not isinstance(given, dict) or set(given) != set(symbols):
        have = ", ".join(symbols)
        raise SessionError(f"its {what} is not one number per variable ({have})")
    values: list[Any] = []
    for symbol in symbols:
        value = given[symbol]
        if pairs:
            if not (isinstance(value, list) and len(value) == 2 and all(map(_finite, value))):
                raise SessionError(f"its range of {symbol} is not two numbers")
            if not value[0] < value[1]:
                raise SessionError(f"its range of {symbol} runs backwards")
            values.append((float(value[0]), float(value[1])))
        else:
            if not _finite(value):
                raise SessionError(f"its {symbol} is not a number")
            values.append(float(value))
    return tuple(values)
