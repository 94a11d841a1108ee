"""TensorFlow's start for the explorer: import it, then warm the catalogue once numbers show.

Nothing is traced before the first reading: it traces only the point's call (the chart's
curve follows), and the catalogue's functions are warmed after it, one job at a time,
between the person's own jobs.  TensorFlow's import holds the interpreter's lock for most
of its seconds, so it starts only once the first frame is painted.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tui.runner import collector, jobs
from tui.runner.base import ThreadRunner

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tui.runner.base import Runner

FIRST_NUMBERS_WAIT = 30.0
"""Seconds the warming waits for the first numbers before it starts anyway."""


class StartFailed(Exception):
    """TensorFlow could not be loaded: the message says what to do."""


async def load(runner: Runner) -> float:
    """Import TensorFlow with the runner; returns the import's seconds, or StartFailed."""
    from tensortown.backend import BackendUnavailable

    try:
        loading = runner.submit(jobs.load, ())
        await asyncio.to_thread(jobs.import_reply_types)  # while TensorFlow loads
        return await loading
    except BackendUnavailable as error:
        raise StartFailed(str(error)) from None
    except Exception as error:  # a broken install must not take the app down
        raise StartFailed(f"{type(error).__name__}: {error}") from None


async def warm(
    runner: Runner,
    first_numbers: asyncio.Event,
    functions: Iterable[Function],
    log: Callable[[str], object],
) -> None:
    """Trace ``functions``' tape calls once the first numbers are shown, then settle the heap.

    What start-up and the import froze goes back to the collector (one full pass, between
    the person's jobs), and what stays is frozen for good (:mod:`tui.runner.collector`).
    """
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(first_numbers.wait(), timeout=FIRST_NUMBERS_WAIT)
    for function in functions:
        try:
            await runner.submit(jobs.warm, function)
        except Exception as error:
            log(f"could not warm {function.key}: {error}")
    await runner.submit(jobs.settle)
    if not isinstance(runner, ThreadRunner):  # this process's own heap too
        collector.settle()
