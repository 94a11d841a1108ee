"""The explorer's recovery: TensorFlow's process killed, until the numbers are back on screen.

The app runs in a pty at pay's point; its TensorFlow process is sent SIGKILL, and the
figure is the time from the kill to ``f'(x) = 10`` on screen again, the restart's note
gone. TensorFlow's import alone is timed in turn with each run, and the goal is that
import plus a second.
"""

from __future__ import annotations

import os
import signal
import statistics
import time
from typing import Any

from bench.app import _shows, _tensorflow_import, running
from bench.common import row

RUNS = 5
NOTE = "starting TensorFlow again"


def _numbers_back(text: str) -> bool:
    return "f'(x) = 10" in text and NOTE not in text


def run() -> list[dict[str, Any]]:
    """Kill → numbers again, against the import alone, run by run."""
    found: dict[str, list[float]] = {"back": [], "import": []}
    with running() as app:
        app.wait_for(_shows("f'(x) = 10"), 60)
        app.idle()
        for _ in range(RUNS + 1):
            (tape,) = app.processes()[1:]
            killed = time.perf_counter()
            os.kill(tape, signal.SIGKILL)
            app.wait_for(_shows(NOTE), 10)
            back = app.wait_for(_numbers_back, 60) - killed
            app.idle()  # warmed again, the other charts prebuilt
            imported, _ = _tensorflow_import()
            found["back"].append(back)
            found["import"].append(imported)
    del found["back"][0], found["import"][0]  # the first fills the file cache
    imported = statistics.median(found["import"])
    return [
        row(
            "killed TensorFlow process → numbers on screen again",
            found["back"],
            unit="s",
            goal=imported + 1.0,
            goal_text=f"≤ import + 1 s ({imported + 1.0:.2f} s)",
        ),
        row(
            "the restart − TF import alone, the same round",
            [b - i for b, i in zip(found["back"], found["import"], strict=True)],
            unit="s",
            note="info",
        ),
    ]
