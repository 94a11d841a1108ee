"""``make screenshots``: the README's pictures, taken from the real app, so they never go stale.

Each is the explorer run headless (Textual's ``run_test``) at 120×40 with TensorFlow in a
thread, the keys of its caption pressed, and Textual's SVG screenshot saved once every
number is on screen (:func:`settle`, which the Pilot tests wait with too).
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from pathlib import Path
from typing import Any

SHOTS: dict[str, tuple[str, ...]] = {
    "pay-120x40.svg": (),
    "earnings-120x40.svg": ("4",),
}
"""The README's screenshots (in ``docs/``) and the keys pressed before each."""
SIZE = (120, 40)


async def settle(pilot: Any, timeout: float = 60.0) -> None:
    """Wait until TensorFlow is ready and no worker is left (readout, chart and tape drawn)."""
    from textual.worker import WorkerCancelled

    app = pilot.app
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


async def shoot(path: Path, keys: tuple[str, ...]) -> None:
    """Save the explorer's screen after ``keys`` as an SVG at ``path``."""
    from tensortown.chart.export import write
    from tui.app import TensorTownApp

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        write(path, app.export_screenshot(title="TensorTown"))


def main(argv: list[str]) -> int:
    """Take every screenshot into the folder ``argv[0]`` (``docs`` by default)."""
    folder = Path(argv[0] if argv else "docs")
    for name, keys in SHOTS.items():
        asyncio.run(shoot(folder / name, keys))
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
