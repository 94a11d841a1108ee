"""The readings pipeline: a point's numbers from the tape, onto the readout and the panels.

A cursor move is the hot path, so a reading takes no worker: the runner's future calls
back into the loop when it is done (a worker adds a task and three state messages a
key), and a newer point cancels the older job, which the runner then skips if it has not
started it.  The readout and the chart change in one screen update; the sidebar's point
and the one-more-step table in the next; the tutorial's tape code (a costlier eager
call), or the tape's inside when it is shown, once that frame is out.
"""

from __future__ import annotations

import asyncio
import functools
import time
from typing import TYPE_CHECKING

from tui import messages, text
from tui.flat_note import flat_note
from tui.runner import jobs
from tui.runner.base import ThreadRunner
from tui.textual_patches import handle_exception
from tui.widgets.curve_view import CurveView
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.readout import Readout
from tui.widgets.sidebar import Sidebar
from tui.widgets.tape_panel import TapePanel
from tui.widgets.walk_table import WalkTable

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.worker import Worker

    from tensortown.inside import Inside
    from tensortown.results import Transcript
    from tui.explorer.base import ExplorerBase
    from tui.keytimes import KeyTimes
    from tui.runner.base import Runner
    from tui.state import Exploration


WAIT_NOTE = 0.5
"""Seconds without an answer after which the readout says it is waiting for TensorFlow."""


class Readings:
    """Asks the runner for each point's numbers and shows them on ``screen``."""

    def __init__(self, screen: ExplorerBase, runner: Runner) -> None:
        self.screen = screen
        self.runner = runner
        self.shown: jobs.Reading | None = None
        """The last reading on screen."""
        self.sidebar_waits = False
        """A cursor move's point is shown in the sidebar after its numbers (one update)."""
        self.key_times: KeyTimes | None = None
        """Keystroke timings for ``make bench`` (only with TENSORTOWN_PROFILE_KEYS set)."""
        self._timing_key = False
        self._job: asyncio.Future[jobs.Reading] | None = None
        """The job computing the numbers of the latest point."""
        self._waiting_since: float | None = None
        """When the numbers on screen were last up to date (None: they are)."""
        self._wait_timer: Timer | None = None

    @property
    def pending(self) -> bool:
        """True while the runner is computing the numbers of a point (tests wait on it)."""
        return self._job is not None and not self._job.done()

    def request(self, exploration: Exploration) -> None:
        """f, the derivatives and the one-more-step table from the tape, for the point."""
        if self._job is not None and not self._job.done():
            self._job.cancel()
        job = self.runner.submit(jobs.read_point, exploration)
        job.add_done_callback(self._done)
        self._job = job
        if self._waiting_since is None:
            self._waiting_since = time.monotonic()
        if self._wait_timer is None:
            self._wait_timer = self.screen.set_timer(WAIT_NOTE, self._still_waiting)

    def waited(self) -> float:
        """Seconds the numbers have been waited for (0 when they are on screen)."""
        if self._waiting_since is None or not self.pending:
            return 0.0
        return time.monotonic() - self._waiting_since

    def _still_waiting(self) -> None:
        """Say, where the numbers will be, that TensorFlow has not answered, and for how long
        (every half second); the keys go on working meanwhile."""
        self._wait_timer = None
        waited = self.waited()
        if waited <= 0:
            return
        screen = self.screen
        abandon = "" if isinstance(self.runner, ThreadRunner) else " (escape abandons it)"
        note = f"waiting for TensorFlow: {waited:.1f} s{abandon}"
        exploration = screen.exploration
        items = text.point_items(exploration.function, exploration.point_dict())
        screen.query_one(Readout).show_items(items, note, "waiting")
        self._show_sidebar()  # the point it waits for, there too
        self._wait_timer = screen.set_timer(WAIT_NOTE, self._still_waiting)

    def restarting(self) -> None:
        """TensorFlow is gone or being started again: stop waiting for this reading."""
        if self._job is not None:
            self._job.cancel()
        self._waiting_since = None
        if self._wait_timer is not None:
            self._wait_timer.stop()
            self._wait_timer = None

    def _done(self, job: asyncio.Future[jobs.Reading]) -> None:
        screen = self.screen
        if job.cancelled() or job is not self._job or not screen.app.is_running:
            return
        self._waiting_since = None
        error = job.exception()
        if isinstance(error, ValueError):
            self._show_sidebar()
            screen.query_one(Readout).show_items([], str(error), "error")
            screen.release_screen()
            return
        if isinstance(error, Exception):  # a bug: end with its traceback, as a worker would
            handle_exception(screen.app, error)
            return
        if error is not None:
            raise error
        self._show_numbers(job.result())

    def _show_numbers(self, reading: jobs.Reading) -> None:
        """Show the numbers and move the cursor: one frame."""
        screen = self.screen
        if reading.exploration != screen.exploration:
            return
        self.shown = reading
        screen.first_reading()
        # The readout and the chart first; the sidebar's point and the one-more-step
        # table in the next update, so that the numbers a person reads come soonest.
        app = screen.app  # the app runs them after its refresh: the screen stays idle
        app.call_after_refresh(self._show_sidebar)
        app.call_after_refresh(self._show_table_of, reading)
        self._timing_key = True
        self.show(reading, table=False)
        screen.draw_cursor()
        screen.release_screen()
        app.call_after_refresh(self._request_transcript, reading.exploration)

    def _show_sidebar(self) -> None:
        if self.sidebar_waits:
            self.sidebar_waits = False
            self.screen.query_one(Sidebar).show(self.screen.exploration)

    def _show_table_of(self, reading: jobs.Reading) -> None:
        if reading is self.shown:  # else a newer reading has shown its own
            self.show_table(reading)

    def show_table(self, reading: jobs.Reading) -> None:
        """The one-more-step table for ``reading``: along each variable, for two or more
        (with the Hessian, for three or more)."""
        function = reading.result.function
        ascii = self.screen.ascii
        if function.arity >= 2:  # along each variable drawn, over the walk's hint
            shown = reading.exploration
            steps = [step for step in reading.steps if step.symbol in shown.drawn_symbols]
            lines = text.directional_step_lines(function, steps, ascii=ascii)
            if function.arity >= 3:  # what is held, and the Hessian, which no chart shows
                held = {s: shown.value_of(s) for s in shown.held}
                line = text.section_line(shown.drawn_symbols, held)
                hessian = text.hessian_lines(reading.result, ascii=ascii)
                lines = [text.ascii_text(line) if ascii else line, *hessian, "", *lines]
            self.screen.query_one(WalkTable).show_steps(lines)
            return
        panel = self.screen.query_one(OneMoreStepPanel)
        panel.loading = False
        if reading.steps:
            title, rows = text.one_more_step_rows(function, reading.steps[0], ascii=ascii)
            panel.show_rows(title, rows)

    def show(self, reading: jobs.Reading, *, table: bool = True) -> None:
        """The readout (and the table) for ``reading``."""
        screen = self.screen
        result = reading.result
        flat = None
        if result.function.arity == 1 and not result.undefined:
            chart = screen.query_one(CurveView).chart if screen.derivatives else None
            flat = flat_note(result.function, result.point, result.slope, chart)
        step = reading.steps[0] if result.function.arity == 1 and reading.steps else None
        shown = text.readout(
            result,
            ascii=screen.ascii,
            tangent=screen.show_tangent,
            flat=flat,
            step=step,
            axes=reading.exploration.drawn_symbols,
        )
        screen.query_one(Readout).show_items(shown.items, shown.note, shown.note_class)
        if self.key_times is not None and self._timing_key:
            self._timing_key = False  # the readout has the key's numbers
            screen.app.call_after_refresh(self.key_times.on_screen, self.key_times.shown())
        if table:
            self.show_table(reading)

    def request_tape_panel(self) -> None:
        """Ask again for what the tape panel shows (the code, or the tape's inside: ``g``)."""
        reading = self.shown
        if reading is not None and reading.exploration == self.screen.exploration:
            self._request_transcript(reading.exploration)

    def _request_transcript(self, exploration: Exploration) -> None:
        screen = self.screen
        if exploration == screen.exploration:
            read = functools.partial(self._read_transcript, exploration, screen.show_inside)
            _: Worker[None] = screen.run_worker(read, group="transcript", exclusive=True)

    async def _read_transcript(self, exploration: Exploration, inside: bool) -> None:
        """The tutorial's eager tape code at the point, or the tape's inside, after the
        numbers are on screen.

        It costs more than the numbers, and a job running while the UI draws slows the
        drawing (the two share Python's lock): so it starts once the frame is out.
        """
        try:
            if inside:
                tree = await self.runner.submit(jobs.inside, exploration)
            else:
                transcript = await self.runner.submit(jobs.transcript, exploration)
        except Exception as error:  # the numbers are on screen: say why the code is not
            what = "tree of the tape" if inside else "transcript"
            self.screen.query_one(TapePanel).show_message(f"No {what} here: {error}")
            return
        if inside:
            self.screen.post_message(messages.InsideRead(exploration, tree))
        else:
            self.screen.post_message(messages.TranscriptRead(exploration, transcript))

    def show_transcript(self, transcript: Transcript) -> None:
        """Show the code and what it printed."""
        screen = self.screen
        screen.query_one("#tape-box").loading = False
        code, output = transcript.code, transcript.output()
        if screen.ascii:
            code, output = text.ascii_text(code), text.ascii_text(output)
        screen.query_one(TapePanel).show_transcript(code, output)

    def show_inside(self, inside: Inside) -> None:
        """Show the tree of the tape's inside."""
        self.screen.query_one("#tape-box").loading = False
        self.screen.query_one(TapePanel).show_inside(inside)
