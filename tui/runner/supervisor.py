"""TensorFlow's process, supervised: started again when it dies, abandoned when it hangs.

A :class:`~tui.runner.process.ProcessRunner` whose process ends (killed, out of memory, a
native crash) cancels its jobs and can run no more. :class:`SupervisedRunner` starts
another at once and says so (``on_restart``); the explorer then loads TensorFlow again and
asks for the numbers of the point it is at, so the exploration goes on where it was.
A process that dies again before it has answered a single job is started again after a
growing pause (:data:`BACKOFF`); after :data:`RESTARTS` deaths in a row the supervisor
stops, says why (``on_lost``), and :meth:`~SupervisedRunner.retry` begins again.

TensorFlow cannot interrupt a trace (a tower like ``x^x^x^…`` takes seconds), nor can a
stopped process answer. :meth:`~SupervisedRunner.abandon` ends the process under the
running job and starts another; a job nobody waits for any more (a newer point, a new
expression or function replaced it) that has run :data:`ABANDON_UNWANTED` seconds is
abandoned when the next job comes.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from tui.runner import jobs, process
from tui.runner.base import ThreadRunner
from tui.runner.process import ProcessRunner

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tui.runner.base import Runner

T = TypeVar("T")

RESTARTS = 3
"""Deaths in a row, each before the process answered a job, after which it is not started
again until :meth:`SupervisedRunner.retry`."""
BACKOFF = (0.0, 1.0, 2.0)
"""Seconds before each restart in a row: the first at once, then longer."""
ABANDON_UNWANTED = 1.0
"""Seconds after which a running job nobody waits for is abandoned when a new one comes."""

ENVIRONMENT = "TENSORTOWN_RUNNER"
"""Set to ``thread`` to run TensorFlow in the app's own process, on a thread."""
FORMER_ENVIRONMENT = "TENSORTOWN_TAPE"
"""The same variable's earlier name, still read."""

_Held = tuple["asyncio.Future[Any] | None", Callable[..., Any], tuple[Any, ...]]


def start(function: Function | None, point: dict[str, float] | None) -> Runner:
    """The runner for the app, TensorFlow already importing: a supervised process, or a
    thread if none starts.

    The first job imports TensorFlow and traces the call that reads the opening point, so
    the first numbers wait for nothing else.  ``TENSORTOWN_RUNNER=thread`` keeps TensorFlow in
    this process (one interpreter's memory less; the first numbers come a second or so later).
    """
    from tui.state import Exploration

    if os.environ.get(ENVIRONMENT, os.environ.get(FORMER_ENVIRONMENT)) == "thread":
        return ThreadRunner()
    try:
        runner = process.ProcessRunner()
    except OSError:  # no interpreter to start (a frozen build, a process limit)
        return ThreadRunner()
    runner.submit_detached(jobs.prepare, Exploration.opening(function, point))
    return SupervisedRunner(first=runner)


class SupervisedRunner:
    """A :class:`ProcessRunner` started again when its process ends (see the module)."""

    def __init__(
        self,
        start: Callable[[], ProcessRunner] = ProcessRunner,
        *,
        first: ProcessRunner | None = None,
        backoff: tuple[float, ...] = BACKOFF,
        restarts: int = RESTARTS,
    ) -> None:
        self._start = start
        self._backoff = backoff
        self._restarts = restarts
        self._on_lost: Callable[[str], None] | None = None
        self.on_restart: Callable[[str], None] | None = None
        """Called as the process is started again (with why): what was queued is gone."""
        self.restarts = 0
        """How many times a process was started again (after a death or to abandon a job)."""
        self._failures = 0
        self._gave_up: str | None = None
        self._stopping = False
        self._held: list[_Held] | None = None
        """Jobs submitted while no process runs (the pause before a restart)."""
        self._runner = self._adopt(first) if first is not None else self._adopt(start())

    @property
    def on_lost(self) -> Callable[[str], None] | None:
        """Called once the supervisor has stopped starting the process again (with why);
        given after that, at once."""
        return self._on_lost

    @on_lost.setter
    def on_lost(self, callback: Callable[[str], None] | None) -> None:
        self._on_lost = callback
        if callback is not None and self._gave_up is not None and not self._stopping:
            callback(self._gave_up)

    @property
    def pid(self) -> int:
        """The running process's id."""
        return self._runner.pid

    def submit(self, job: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``job(*args)`` on the process (see ProcessRunner.submit); held during the
        pause before a restart, and cancelled once the supervisor has stopped."""
        if self._gave_up is not None or self._held is not None:
            future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
            if self._held is None:
                future.cancel()
            else:
                self._held.append((future, job, args))
            return future
        if self._runner.running_for(unwanted=True) >= ABANDON_UNWANTED:
            self.abandon()
        return self._runner.submit(job, *args)

    def submit_detached(self, job: Callable[..., Any], *args: Any) -> None:
        """Queue ``job(*args)`` whose result nobody waits for."""
        if self._held is not None:
            self._held.append((None, job, args))
        elif self._gave_up is None:
            self._runner.submit_detached(job, *args)

    def running_for(self) -> float:
        """Seconds the running job has been running (0 when none runs)."""
        return self._runner.running_for() if self._held is None else 0.0

    def abandon(self, after: float = 0.0) -> bool:
        """End the process under a job that has run ``after`` seconds or more, and start
        another; True if it did (its queued jobs are cancelled: ``on_restart`` is told)."""
        running = self._runner.running_for()
        if self._held is not None or self._gave_up is not None or running <= 0 or running < after:
            return False
        old, self._failures = self._runner, 0
        self._restart(f"a computation was abandoned after {running:.1f} s", 0.0)
        old.stop()
        return True

    def retry(self) -> bool:
        """Start again after the supervisor stopped; True if it was stopped."""
        if self._gave_up is None or self._stopping:
            return False
        self._gave_up, self._failures = None, 0
        self._restart("trying again", 0.0)
        return True

    def stop(self, timeout: float = 0.0) -> bool:
        """End the process and start no other."""
        self._stopping = True
        self._held = None
        return self._runner.stop(timeout)

    # --- what happens when a process ends ---------------------------------------------------

    def _adopt(self, runner: ProcessRunner) -> ProcessRunner:
        runner.on_lost = functools.partial(self._lost, runner)
        return runner

    def _lost(self, runner: ProcessRunner, why: str) -> None:
        if runner is not self._runner or self._stopping:
            return  # an abandoned process, or the app is closing
        self._failures = 1 if runner.answered else self._failures + 1
        if self._failures > self._restarts:
            self._gave_up = f"{why}; started again {self._restarts} times, it died each time"
            if self._on_lost is not None:
                self._on_lost(self._gave_up)
            return
        self._restart(why, self._backoff[min(self._failures, len(self._backoff)) - 1])

    def _restart(self, why: str, pause: float) -> None:
        """Start a new process (after ``pause`` seconds), and tell ``on_restart``."""
        self.restarts += 1
        if pause > 0:
            self._held = []
            try:
                asyncio.get_running_loop().call_later(pause, self._up)
            except RuntimeError:  # no loop to wait on: start it now
                self._up()
        else:
            self._up()
        if self.on_restart is not None:
            self.on_restart(why)

    def _up(self) -> None:
        if self._stopping:
            return
        held, self._held = self._held or [], None
        try:
            self._runner = self._adopt(self._start())
        except OSError as error:  # no process could start (a process limit): stop here
            self._gave_up = f"TensorFlow's process could not be started again ({error})"
            for future, _job, _args in held:
                if future is not None:
                    future.cancel()
            if self._on_lost is not None:
                self._on_lost(self._gave_up)
            return
        for future, job, args in held:
            if future is None:
                self._runner.submit_detached(job, *args)
            elif not future.cancelled():
                _follow(self._runner.submit(job, *args), future)


def _follow(inner: asyncio.Future[Any], outer: asyncio.Future[Any]) -> None:
    """Settle ``outer`` as ``inner`` settles; cancelling ``outer`` cancels ``inner``."""

    def settle(done: asyncio.Future[Any]) -> None:
        if outer.done():
            return
        if done.cancelled():
            outer.cancel()
        elif (error := done.exception()) is not None:
            outer.set_exception(error)
        else:
            outer.set_result(done.result())

    def cancel(done: asyncio.Future[Any]) -> None:
        if done.cancelled():
            with contextlib.suppress(RuntimeError):
                inner.cancel()

    inner.add_done_callback(settle)
    outer.add_done_callback(cancel)
