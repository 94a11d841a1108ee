"""Helpers shared by the app's Pilot tests: run an async body, wait for the app to settle."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from tui.app import TensorTownApp
from tui.runner import jobs
from tui.widgets.readout import Readout


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body in a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Wait until TensorFlow is ready and no worker is left (readout, chart and tape drawn)."""
    app = pilot.app
    assert isinstance(app, TensorTownApp)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        with contextlib.suppress(WorkerCancelled):  # a newer keystroke replaced a worker
            await app.workers.wait_for_complete()
        await pilot.pause()
        busy = [w for w in app.workers if w.is_running and w.group != "backend"]
        explorer = app.explorer
        started = explorer.backend_error or (explorer.ready and explorer.reading is not None)
        waiting = explorer.readings.pending or explorer.charts.resizing
        if started and not busy and not waiting:
            return
        await asyncio.sleep(0.01)
    raise TimeoutError("the app did not settle")


def readout(app: TensorTownApp) -> str:
    """The readout as text."""
    return app.query_one(Readout).plain


def hold_tensorflow(monkeypatch: Any) -> threading.Event:
    """Hold the app's TensorFlow load on the tape thread until the returned event is set."""
    release = threading.Event()
    real_load = jobs.load

    def held_load(functions: tuple[Any, ...] = ()) -> float:
        release.wait(30)
        return real_load(functions)

    monkeypatch.setattr(jobs, "load", held_load)
    return release
