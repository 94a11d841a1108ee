"""Gradient walks on the field: x_{k+1} = x_k ± η·∇f(x_k), a step per tick, from the tape.

:class:`Walker` runs one walk at a time.  The walk's generator
(:func:`tensortown.walk.walk_steps`) lives and is advanced with the runner's jobs; between two
advances the worker sleeps :data:`PACE` seconds so a person can follow the trail as it
grows.  Long walks speed up (more steps a tick) so that even 10,000 steps end in seconds.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker

from tui.runner import jobs
from tui.widgets.walk_table import WalkView

if TYPE_CHECKING:
    from tensortown.walk import Step, Stop
    from tui.runner.base import Runner
    from tui.state import Exploration

_numbers = itertools.count(1)
"""Each walk's number with the runner (where its generator lives)."""

PACE = 0.12
"""Seconds between two ticks of the animation."""
CALM = 25
"""Steps shown one a tick; after these, each tick takes 1 + k // CALM steps."""


def batch_size(taken: int) -> int:
    """Steps for the next tick: one at first, then more as the walk grows long."""
    return 1 + taken // CALM


@dataclass
class WalkRun:
    """One walk: where it started, how, and the steps taken so far."""

    exploration: Exploration
    ascent: bool
    rate: float
    steps: int
    taken: list[Step] = field(default_factory=list)
    stop: Stop | None = None
    stop_text: str | None = None
    """Why it ended, in words (the core's reason, or "stopped by a key …")."""

    def points(self) -> list[tuple[float, float]]:
        """The path on the field: (across, up) of every step."""
        across, up = self.exploration.drawn_symbols
        return [(s.point[across], s.point[up]) for s in self.taken]

    def view(self) -> WalkView:
        """What the table shows."""
        return WalkView(
            self.exploration.drawn(),
            tuple(self.taken),
            self.ascent,
            self.rate,
            self.stop_text,
            self.stop.code if self.stop is not None else "",
        )


@dataclass
class WalkChanged(Message):
    """The walk on screen took steps or ended (None: no walk, the table's hint)."""

    run: WalkRun | None


class Walker:
    """Starts, animates, stops and clears the walk shown on the field and in the table.

    Its worker runs on ``owner`` (the explorer's screen), which is sent a
    :class:`WalkChanged` whenever the walk on screen changes.
    """

    def __init__(self, owner: Widget, runner: Runner) -> None:
        self.owner = owner
        self.runner = runner
        self.run: WalkRun | None = None
        """The walk on screen (running or finished)."""
        self._worker: Worker[None] | None = None

    @property
    def running(self) -> bool:
        """True while the walk is still taking steps."""
        return self.run is not None and self.run.stop_text is None

    def start(self, exploration: Exploration, *, ascent: bool, rate: float, steps: int) -> None:
        """Walk from the cursor (any running walk is stopped first)."""
        self.cancel()
        run = WalkRun(exploration, ascent, rate, steps)
        self.run = run
        self._show(run)
        walk = functools.partial(self._walk, run)  # its coroutine is made when it starts
        self._worker = self.owner.run_worker(walk, group="walk", exclusive=True)

    def stop(self, reason: str = "a key stopped it") -> None:
        """Stop a running walk where it is (the trail and the table stay)."""
        run = self.run
        if run is None or not self.running:
            return
        self.cancel()
        run.stop_text = f"{reason} after {max(len(run.taken) - 1, 0)} steps"
        self._show(run)

    def cancel(self) -> None:
        """Stop the worker (its queued job is dropped)."""
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    def clear(self) -> None:
        """Forget the walk: no trail, the table's hint (a new function or range)."""
        self.cancel()
        if self.run is None:
            return
        self.run = None
        self.owner.post_message(WalkChanged(None))

    async def _walk(self, run: WalkRun) -> None:
        runner = self.runner
        number = next(_numbers)
        try:
            await runner.submit(
                jobs.walk_begin, number, run.exploration, run.ascent, run.rate, run.steps
            )
            await self._advance(run, number)
        finally:  # ended, stopped or replaced: the runner forgets it (a no-op once it ended)
            runner.submit_detached(jobs.walk_forget, number)

    async def _advance(self, run: WalkRun, number: int) -> None:
        from tensortown.walk import Step

        while True:
            try:
                items = await self.runner.submit(
                    jobs.walk_advance, number, batch_size(len(run.taken))
                )
            except ValueError as error:  # a bad rate or step count slipped through
                run.stop_text = str(error)
                self._show(run)
                return
            for item in items:
                if isinstance(item, Step):
                    run.taken.append(item)
                else:
                    run.stop, run.stop_text = item, item.reason
            if not items and run.stop_text is None:
                run.stop_text = "the walk ended"
            if self.run is not run:
                return
            self._show(run)
            if run.stop_text is not None:
                return
            await asyncio.sleep(PACE)

    def _show(self, run: WalkRun) -> None:
        if self.run is run:
            self.owner.post_message(WalkChanged(run))
