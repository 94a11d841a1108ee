"""A seeded chaos test: a key storm while TensorFlow's process is stopped, continued and
killed at random moments, in a real terminal (tmux running bash).

Afterwards the readout must hold the core's numbers at the point it shows, the typed
expression and the zoomed ranges must be as they were, and after ``q`` the terminal must
be as it was, with no TensorTown process left. ``TENSORTOWN_CHAOS_SEED`` picks another
storm; the seed is in the failure's message.
"""

from __future__ import annotations

import os
import random
import re
import signal
import time
from pathlib import Path

import pytest
from test_tmux_faults import RESTORED, Shell, _children, _gone, _start, shell  # noqa: F401
from test_tui_tmux import has

SEED = int(os.environ.get("TENSORTOWN_CHAOS_SEED", "20261204"))
KEYS = ["Right", "Right", "Left", "S-Right", "S-Left", "Home", "End", "t"]
EXPRESSION = "x**3 - 2*x"

pytestmark = pytest.mark.slow


def reading(screen: str) -> tuple[float, float, float] | None:
    """The readout's x, f(x) and f'(x), once it shows numbers."""
    found = re.search(
        r"(?<![\w'])x = (-?[\d.]+)\s+f\(x\) = (-?[\d.e+-]+)\s+f'\(x\) = (-?[\d.e+-]+)", screen
    )
    if found is None:
        return None
    return float(found.group(1)), float(found.group(2)), float(found.group(3))


def sidebar(screen: str) -> list[str]:
    """The sidebar's ranges and expression, as shown (the person's work)."""
    lines = [line.split("▕")[0].strip() for line in screen.splitlines()]
    return [line for line in lines if line.startswith(("x from", "x to", "step", "x**3 "))]


def test_a_key_storm_through_stops_continues_and_kills(
    shell: Shell,  # noqa: F811
    tmp_path: Path,
    tf: object,
) -> None:
    from tensortown.catalogue import resolve
    from tensortown.tape import derivative_at

    rng = random.Random(SEED)
    app, tape = _start(shell, tmp_path)
    shell.keys("e")
    shell.keys(EXPRESSION, literal=True)
    shell.keys("Enter")
    shell.wait_for(lambda s: has(s, "f'(x)", "1198"), timeout=60)  # 3·20² − 2
    unzoomed = sidebar(shell.screen())
    shell.keys("+", literal=True)  # the ranges zoomed around the cursor: the person's work
    kept = sidebar(shell.wait_for(lambda s: sidebar(s) != unzoomed))
    assert len(kept) == 4, kept
    seen = {app, *tape}
    faults: list[str] = []
    for _ in range(90):
        shell.keys(rng.choice(KEYS))
        roll = rng.random()
        tapes = _children(app)
        seen.update(tapes)
        for pid in tapes:
            if roll < 0.05:
                os.kill(pid, signal.SIGKILL)
                faults.append("kill")
            elif roll < 0.11:
                os.kill(pid, signal.SIGSTOP)
                faults.append("stop")
            elif roll < 0.16:
                os.kill(pid, signal.SIGCONT)
                faults.append("continue")
        if 0.16 <= roll < 0.19:
            shell.keys("Escape")
            faults.append("escape")
        time.sleep(rng.uniform(0.0, 0.08))
    for pid in _children(app):  # whatever is still stopped goes on
        os.kill(pid, signal.SIGCONT)
        seen.add(pid)
    storm = f"seed {SEED}, faults {faults}"
    assert "kill" in faults and "stop" in faults, storm  # the seed gives a real storm

    def settled(screen: str) -> bool:
        return reading(screen) is not None and "TensorFlow" not in screen.split("f'(x)")[1][:80]

    screen = shell.wait_for(lambda s: settled(s) or "starts it again" in s, timeout=180)
    if "starts it again" in screen:  # killed again and again as it started: a person's R
        faults.append("R")
        shell.keys("R")
    screen = shell.wait_for(settled, timeout=180)
    time.sleep(1.0)  # and stays so
    screen = shell.wait_for(settled, timeout=60)
    numbers = reading(screen)
    assert numbers is not None, storm
    x, value, slope = numbers
    core = derivative_at(resolve(EXPRESSION), {"x": x})
    assert value == pytest.approx(core.value, rel=1e-6), storm
    assert slope == pytest.approx(core.slope, rel=1e-6), storm
    assert sidebar(screen) == kept, storm
    seen.update(_children(app))
    shell.keys("q")
    shell.wait_for(lambda _: shell.flags() == RESTORED)
    shell.run(f"stty -g > {tmp_path / 'after'}")
    shell.wait_for(lambda _: (tmp_path / "after").exists() and (tmp_path / "after").stat().st_size)
    assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()
    assert _gone(sorted(seen)), storm
