"""The optimizer lab on the field: TensorFlow's four optimizers from the cursor, side by side.

``o`` (downhill) or ``O`` (uphill) runs gradient descent, momentum, RMSprop and Adam from
the cursor with the walk's η and steps (:func:`tensortown.optimizers.optimize_all`, in
the runner: one traced loop each). Their paths are then drawn together, a little more
each tick, each in its own colour and glyph with its initial at its head; any key shows
them whole. ``/`` and ``*`` halve and double η and run the lab again, so divergence and
crawling can be seen on the same surface. The table says, per optimizer, its steps, f
and |∇f| where it ended, and why it stopped.
"""

from __future__ import annotations

import asyncio
import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.message import Message
from textual.worker import Worker

from tui.runner import jobs
from tui.text import ascii_text
from tui.widgets.field_view import FieldView
from tui.widgets.walk_table import WalkTable, short_number

if TYPE_CHECKING:
    from tensortown.optimizers import Settings
    from tui.runner.base import Runner
    from tui.state import Exploration

FRAMES = 24
"""Ticks the paths take to be drawn whole."""
PACE = 0.05
"""Seconds between two ticks."""
NAMES = {"sgd": "SGD", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}
"""The optimizers' names in the table, as Keras names them (plain gradient descent: SGD)."""
HEADS = {"sgd": "G", "momentum": "M", "rmsprop": "R", "adam": "A"}
DIGITS = 3
"""Significant digits in the table, so that a row fits the panel at 80 columns."""


@dataclass
class LabRun:
    """One run of the lab: from where, how, and (once the runner answered) the runs."""

    exploration: Exploration
    ascent: bool
    settings: Settings
    steps: int
    runs: list[Any] | None = None
    """The optimizers' :class:`~tensortown.optimizers.Run`\\ s, in the table's order."""
    shown: int = 0
    """How many points of each path are drawn so far."""
    error: str | None = None

    @property
    def longest(self) -> int:
        return max((len(r.walk.steps) for r in self.runs or ()), default=0)

    @property
    def drawing(self) -> bool:
        return self.runs is not None and self.shown < self.longest

    def paths(self) -> list[list[tuple[float, float]]]:
        """Each optimizer's path on the field so far: (across, up) of its steps."""
        across, up = self.exploration.drawn_symbols
        return [
            [(s.point[across], s.point[up]) for s in r.walk.steps[: self.shown]]
            for r in self.runs or ()
        ]

    def lines(self, *, money: bool, ascii_only: bool) -> list[str]:
        """The table: a row per optimizer, then what the keys do."""
        if self.error is not None:
            return [self.error]
        if self.runs is None:
            return ["running TensorFlow's optimizers" + ("..." if ascii_only else "…")]
        norm = "|grad f|" if ascii_only else "|∇f|"
        rows = [("", "optimizer", "k", "f", norm, "stopped")]
        for run in self.runs:
            last = run.walk.steps[-1]
            value = short_number(last.value, DIGITS)
            if money and last.value is not None and math.isfinite(last.value):
                value = f"${last.value:,.0f}"
            code = run.walk.stop.code
            rows.append(
                (
                    HEADS[run.kind],
                    NAMES[run.kind],
                    str(last.k),
                    value,
                    short_number(last.norm, DIGITS),
                    code,
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            " ".join(
                cell.ljust(w) if i in (1, 5) else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        ]
        if any(r.walk.stop.code == "diverged" for r in self.runs):
            lines += ["", "diverged: the learning rate is too large (/ halves it)"]
        note = "drawing... any key shows all" if ascii_only else "drawing… any key shows all"
        keys = "/ halves the rate, * doubles it" if ascii_only else "/ halves η, * doubles it"
        lines += ["", note if self.drawing else keys]
        return lines


@dataclass
class LabChanged(Message):
    """The lab on screen changed (None: no lab, the walk table's hint)."""

    run: LabRun | None


class Lab:
    """Runs, draws, finishes and clears the lab on ``owner`` (the explorer's screen)."""

    def __init__(self, owner: Any, runner: Runner) -> None:
        self.owner = owner
        self.runner = runner
        self.run: LabRun | None = None
        self._worker: Worker[None] | None = None

    @property
    def drawing(self) -> bool:
        """True while the runs are asked for or their paths drawn a tick at a time."""
        return self.run is not None and (self.run.runs is None or self.run.drawing)

    def start(
        self, exploration: Exploration, *, ascent: bool, settings: Settings, steps: int
    ) -> None:
        """The four optimizers from the cursor (a lab on screen is replaced)."""
        self.cancel()
        run = LabRun(exploration, ascent, settings, steps)
        self.run = run
        self._show(run)
        work = functools.partial(self._work, run)
        self._worker = self.owner.run_worker(work, group="lab", exclusive=True)

    def from_cursor(self, ascent: bool) -> None:
        """The lab from the explorer's cursor, with the walk's η and steps; a walk and the
        tape's inside give their place to it."""
        from tui.widgets.walk_inputs import WalkInputs  # mounted with the first f(x, y)

        screen = self.owner
        inputs = screen.query_one(WalkInputs)
        screen.show_inside = False
        screen.walker.clear()
        self.start(screen.exploration, ascent=ascent, settings=inputs.settings, steps=inputs.steps)

    def rerate(self, factor: float) -> None:
        """The walk's η times ``factor``, and the lab on screen run again with it."""
        from tui.widgets.walk_inputs import WalkInputs

        inputs = self.owner.query_one(WalkInputs)
        inputs.set_rate(inputs.rate * factor)
        run = self.run
        if run is not None:
            self.start(
                run.exploration, ascent=run.ascent, settings=inputs.settings, steps=run.steps
            )

    def show(self, run: LabRun | None) -> None:
        """The paths on the field and the table in the walk's place (None: neither)."""
        screen = self.owner
        table, field = screen.query_one(WalkTable), screen.query_one(FieldView)
        if run is None:
            table.show_hint()
            field.set_paths([])
            return
        field.set_paths(run.paths())
        kind = "uphill" if run.ascent else "downhill"
        eta = "rate" if screen.ascii else "η"
        title = f"Optimizers {kind}  {eta} = {short_number(run.settings.rate)}"
        lines = run.lines(money=run.exploration.function.is_money, ascii_only=screen.ascii)
        texts = [Text(ascii_text(line) if screen.ascii else line) for line in lines]
        if run.runs is not None and screen.color:  # each row's initial in its path's colour
            colours = screen.charts.theme.palette.paths
            for row, _run in enumerate(run.runs, start=1):
                texts[row].stylize(f"bold {colours[row - 1]}", 0, 1)
        table.show_lab(title, texts)

    def finish(self) -> None:
        """A key: the paths drawn whole at once (the runs keep going if not back yet)."""
        run = self.run
        if run is not None and run.drawing:
            run.shown = run.longest
            self._show(run)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def clear(self) -> None:
        """No lab: no paths, the table's hint (a new function, range or point)."""
        self.cancel()
        if self.run is not None:
            self.run = None
            self.owner.post_message(LabChanged(None))

    async def _work(self, run: LabRun) -> None:
        try:
            run.runs = await self.runner.submit(
                jobs.optimizer_lab, run.exploration, run.ascent, run.settings, run.steps
            )
        except ValueError as error:
            run.error = str(error)
            self._show(run)
            return
        for frame in range(1, FRAMES + 1):
            if self.run is not run or not run.drawing:
                break
            run.shown = max(run.shown, math.ceil(run.longest * frame / FRAMES))
            self._show(run)
            await asyncio.sleep(PACE)
        self._show(run)

    def _show(self, run: LabRun) -> None:
        if self.run is run:
            self.owner.post_message(LabChanged(run))
