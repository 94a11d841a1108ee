"""The tape thread: every call into TensorFlow runs here, one at a time, never on the UI loop.

The core's tape keeps shared ``tf.Variable``s, so TensorFlow work must not run
concurrently.  :class:`TapeThread` owns one daemon thread and a queue; the app's async
workers ``await`` its :meth:`TapeThread.submit`, and a worker cancelled before its job
started (a newer keystroke) drops the job unrun.  The jobs are the plain functions below.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tensortown.chart.theme import Theme
    from tensortown.tape import OneMoreStep, PointResult, Transcript
    from tensortown.walk import Step, Stop
    from tui.state import Exploration

T = TypeVar("T")

_Job = tuple["asyncio.Future[Any]", asyncio.AbstractEventLoop, Callable[..., Any], tuple[Any, ...]]


class TapeThread:
    """One thread for all TensorFlow work; jobs run in the order submitted."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._stopping = False
        self._thread = threading.Thread(target=self._serve, name="tape", daemon=True)
        self._thread.start()

    def submit(self, job: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``job(*args)``; await the result (cancelling it skips a job not yet started)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put((future, loop, job, args))
        return future

    def stop(self, timeout: float = 0.0) -> bool:
        """Drop the queued jobs, let the running one finish (up to ``timeout`` s); True if done."""
        self._stopping = True
        self._jobs.put(None)
        if timeout > 0:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def busy(self) -> bool:
        """True while the thread is alive (running a job or waiting for one)."""
        return self._thread.is_alive()

    def _serve(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None or self._stopping:
                return
            future, loop, job, args = item
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


# --- the jobs (run on the tape thread) ----------------------------------------------------


def load(functions: tuple[Function, ...] = ()) -> float:
    """Import TensorFlow and trace ``functions``' tape calls; returns the seconds it took.

    The app passes none: its first reading traces only the point's call, and the rest is
    warmed (:func:`warm`) once the first numbers are on screen.
    """
    from tensortown import backend

    start = time.perf_counter()
    backend.tensorflow()
    for function in functions:
        warm(function)
    return time.perf_counter() - start


def warm(function: Function) -> None:
    """Trace the tape calls of one function, so that its first keystroke finds them ready."""
    import numpy as np

    from tensortown import tape

    if function.arity == 1:
        tape.warm(function)
    else:  # tape.warm also traces the curve, which needs one variable: trace what we use
        tape.derivative_at(function, function.default_point())
        tape.field(function, np.ones(2), np.ones(2))
    tape.tape_transcript(function, function.default_point())


@dataclass(frozen=True)
class Reading:
    """What the readouts show for one point: the tape's result and the one-more-step table."""

    exploration: Exploration
    result: PointResult
    steps: tuple[OneMoreStep, ...]
    """The step along the variable, for a function of one variable (none for two)."""


def read_point(exploration: Exploration) -> Reading:
    """f, the derivatives and the one-more-step table at the point, from one traced tape call.

    One job, so that the readout and the table change in one frame.  The tutorial's eager
    transcript costs more than these numbers together: it is its own job, :func:`transcript`.
    """
    from tensortown import tape

    function, point = exploration.function, exploration.point_dict()
    if function.arity == 1:
        symbol = function.symbols[0]
        result, step = tape.step_reading(function, point, symbol, exploration.step)
        return Reading(exploration, result, (step,))
    return Reading(exploration, tape.derivative_at(function, point), ())


def transcript(exploration: Exploration) -> Transcript:
    """The tutorial's eager GradientTape code at the point, and what TensorFlow printed."""
    from tensortown import tape

    return tape.tape_transcript(exploration.function, exploration.point_dict())


def curve_chart(
    exploration: Exploration, width: int, height: int, theme: Theme, derivatives: int = 0
) -> CurveChart:
    """The base chart of a one-variable function over its range (with f′, f″ panels if asked)."""
    from tensortown.chart import render

    lo, hi = exploration.ranges[0]
    return render.curve_chart(
        exploration.function, lo, hi, width, height, theme, derivatives=derivatives
    )


def field_chart(exploration: Exploration, width: int, height: int, theme: Theme) -> FieldChart:
    """The base gradient field of a function of x and y over its ranges."""
    from tensortown.chart import render

    function = exploration.function
    limits = [
        exploration.range_of(s) if s in function.symbols else render.default_range(function, s)
        for s in ("x", "y")
    ]
    return render.field_chart(function, limits[0], limits[1], width, height, theme)


def walk_advance(walk: Iterator[Step | Stop], count: int) -> list[Step | Stop]:
    """The next ``count`` steps of a walk (:func:`tensortown.walk.walk_steps`), fewer at its end.

    The walk's generator calls the tape for each step, so it is advanced only here.
    """
    return list(itertools.islice(walk, count))
