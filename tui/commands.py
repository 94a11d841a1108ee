"""The command palette (ctrl+p): choose a catalogue function or type an expression, or
change what the explorer shows."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tensortown.catalogue import CATALOGUE
from tui.messages import FunctionChosen


class _TableCommands(Provider):
    """A provider whose commands are rows of (name, help, what to run)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for name, help_text, run in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        """The commands that match what was typed."""
        matcher = self.matcher(query)
        for name, help_text, run in self._commands():
            score = matcher.match(f"{name} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class FunctionCommands(_TableCommands):
    """``price``, ``pay``, ``bonus``, ``earnings`` and "your expression"."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        rows = [(f"Function: {key} ({f.title})", f.formula, key) for key, f in CATALOGUE.items()]
        rows.append(("Function: your expression", "type an expression: x, y, z, w1 …", ""))
        return [(name, help_text, partial(self._run, key)) for name, help_text, key in rows]

    def _run(self, key: str) -> None:
        self.screen.post_message(FunctionChosen(key))  # the screen the palette was opened on


class ViewCommands(_TableCommands):
    """What the explorer shows: the tape's inside (``g``); saving it (``x``); and the
    exploration kept from before (``--resume``)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        shown = bool(getattr(self.screen, "show_inside", False))
        inside = (
            ("Tape: back to the GradientTape code (g)", "the tutorial's code and what it printed")
            if shown
            else ("Tape: show its inside (g)", "every node's value and ∂f/∂node, from TensorFlow")
        )
        export = (
            "Export: save the screen as SVG and text (x)",
            "named after the function and the point, in $TENSORTOWN_EXPORT_DIR or here",
        )
        rows: list[tuple[str, str, Callable[[], object]]] = [
            (*inside, partial(self.screen.run_action, "toggle_inside")),
            (*export, partial(self.screen.run_action, "export")),
        ]
        keeping = getattr(self.screen, "keeping", None)
        previous = keeping.previous if keeping is not None else None
        if previous is not None:  # what --resume would have opened
            shown = previous.exploration
            where = ", ".join(f"{s} = {v:g}" for s, v in shown.point_dict().items())
            name = shown.function.key or shown.function.source
            rows.append(
                (
                    "Resume: the exploration kept from before",
                    f"{name} at {where}, as --resume opens it",
                    partial(self.screen.run_action, "resume"),
                )
            )
        return rows
