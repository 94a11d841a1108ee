"""Where TensorFlow runs: one job at a time, in the order submitted, never on the UI loop.

The core's tape keeps shared ``tf.Variable``s, so TensorFlow work must not run
concurrently.  A :class:`Runner` runs one job at a time in the order submitted: the
explorer's async workers ``await`` its ``submit``, and a worker cancelled before its job
started (a newer keystroke) drops the job unrun.  The ``tensortown`` command gives the
explorer a :class:`~tui.runner.process.ProcessRunner` (TensorFlow in a process of its
own); tests and ``TENSORTOWN_RUNNER=thread`` use :class:`ThreadRunner`, one thread in the
app's process.  The jobs themselves are the plain functions of :mod:`tui.runner.jobs`.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

_Job = tuple[
    "asyncio.Future[Any] | None",
    asyncio.AbstractEventLoop | None,
    Callable[..., Any],
    tuple[Any, ...],
]


class Runner(Protocol):
    """Where TensorFlow's jobs run, one at a time, in the order submitted: a
    :class:`ThreadRunner` here, or a :class:`~tui.runner.process.ProcessRunner`."""

    on_lost: Callable[[str], None] | None
    """Called once, on the app's loop, if the runner can run no more jobs (with why)."""
    on_restart: Callable[[str], None] | None
    """Called, on the app's loop, when TensorFlow was started again (with why): what was
    queued is gone, and TensorFlow must be loaded again (see :mod:`tui.runner.supervisor`)."""

    def submit(self, job: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``job(*args)``; await the result (cancelling it skips a job not yet started)."""
        ...

    def submit_detached(self, job: Callable[..., Any], *args: Any) -> None:
        """Queue ``job(*args)`` whose result nobody waits for (any error is dropped too)."""
        ...

    def stop(self, timeout: float = 0.0) -> bool:
        """Drop the queued jobs and let the runner go; True once nothing runs any more."""
        ...

    def abandon(self, after: float = 0.0) -> bool:
        """End a job that has run ``after`` seconds or more; True if it could."""
        ...

    def retry(self) -> bool:
        """Start TensorFlow again after ``on_lost``; True if it could."""
        ...


class ThreadRunner:
    """One thread for all TensorFlow work; jobs run in the order submitted."""

    on_lost: Callable[[str], None] | None = None
    """Never called: a thread in the app's own process cannot be lost."""
    on_restart: Callable[[str], None] | None = None
    """Never called: a thread is never started again."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="tensorflow", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``job(*args)``; await the result (cancelling it skips a job not yet started)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put((future, loop, job, args))
        return future

    def submit_detached(self, job: Callable[..., Any], *args: Any) -> None:
        """Queue ``job(*args)`` whose result nobody waits for (any error is dropped too)."""
        self._jobs.put((None, None, job, args))

    def stop(self, timeout: float = 0.0) -> bool:
        """Drop the queued jobs, let the running one finish (up to ``timeout`` s); True if done."""
        self._stopping = True
        self._jobs.put(None)
        if timeout > 0:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def abandon(self, after: float = 0.0) -> bool:
        """False: a thread cannot be interrupted (its job runs to its end)."""
        return False

    def retry(self) -> bool:
        """False: a thread cannot be lost, so there is nothing to start again."""
        return False

    def _serve(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None or self._stopping:
                return
            future, loop, job, args = item
            if future is None or loop is None:  # detached: nobody waits for the result
                with contextlib.suppress(Exception):
                    job(*args)
                continue
            if future.cancelled():
                continue
            try:
                result = job(*args)
            except BaseException as error:  # handed to the awaiting worker
                _deliver(loop, future, error=error)
            else:
                _deliver(loop, future, result=result)


def _deliver(
    loop: asyncio.AbstractEventLoop,
    future: asyncio.Future[Any],
    result: Any = None,
    error: BaseException | None = None,
) -> None:
    def settle() -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
        loop.call_soon_threadsafe(settle)
