"""Helpers shared by the app's Pilot tests: run an async body, wait for the app to settle."""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from tui.app import TensorTownApp
from tui.runner import jobs
from tui.screenshots import settle
from tui.widgets.readout import Readout

__all__ = ["hold_tensorflow", "readout", "run_async", "settle"]


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body in a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


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
