"""The command palette (ctrl+p): choose a catalogue function or type an expression."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tensortown.catalogue import CATALOGUE

if TYPE_CHECKING:
    from tui.app import TensorTownApp


class FunctionCommands(Provider):
    """``price``, ``pay``, ``bonus``, ``earnings`` and "your expression"."""

    def _commands(self) -> list[tuple[str, str, str]]:
        rows = [(f"Function: {key} ({f.title})", f.formula, key) for key, f in CATALOGUE.items()]
        rows.append(("Function: your expression", "type an expression of x and y", ""))
        return rows

    def _run(self, key: str) -> None:
        app = cast("TensorTownApp", self.app)
        if key:
            app.choose_function(key)
        else:
            app.action_focus_expression()

    async def discover(self) -> Hits:
        """Every function, before anything is typed."""
        for name, help_text, key in self._commands():
            yield DiscoveryHit(name, partial(self._run, key), help=help_text)

    async def search(self, query: str) -> Hits:
        """The functions that match what was typed."""
        matcher = self.matcher(query)
        for name, help_text, key in self._commands():
            score = matcher.match(f"{name} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, key), help=help_text)
