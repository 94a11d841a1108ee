"""Faults as a shell and SSH deliver them, in a real terminal: tmux running bash.

``kill`` (SIGTERM), a hang-up (SIGHUP) and SIGINT end the explorer as ``q`` does: the
terminal as it was (``stty -g`` before and after, and tmux's alternate-screen, mouse and
cursor flags), TensorFlow's process ended, and the shell's status for the signal.
ctrl+z suspends it to the shell, and ``fg`` paints the whole screen again.  A paste
copied from a coloured terminal arrives in order, without its escape codes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_tui_tmux import Terminal, has

TMUX = shutil.which("tmux")
TENSORTOWN = Path(sys.executable).with_name("tensortown")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not TENSORTOWN.exists(), reason="tensortown is not installed here"),
]

RESTORED = "0 0 1"
"""tmux's ``#{alternate_on} #{mouse_any_flag} #{cursor_flag}`` for a shell's own screen."""


class Shell(Terminal):
    """bash in a tmux session, the explorer run in its foreground as a person would."""

    def flags(self) -> str:
        done = subprocess.run(
            [
                TMUX,
                "display",
                "-p",
                "-t",
                self.name,
                "#{alternate_on} #{mouse_any_flag} #{cursor_flag}",
            ],  # type: ignore[list-item]
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()

    def run(self, line: str) -> None:
        self.keys(line, literal=True)
        self.keys("Enter")

    def explorer_pids(self) -> tuple[int, list[int]]:
        """The explorer's pid (bash's child) and its children (TensorFlow's process)."""
        shell = int(
            subprocess.run(
                [TMUX, "display", "-p", "-t", self.name, "#{pane_pid}"],  # type: ignore[list-item]
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        app = _children(shell)
        assert len(app) == 1, app
        return app[0], _children(app[0])


def _children(pid: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(p) for p in done.stdout.split()]


def _gone(pids: list[int], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = []
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                alive.append(pid)
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture(params=["bash --norc --noprofile"])
def shell(request: pytest.FixtureRequest) -> Iterator[Shell]:
    name = f"tensortown-signals-{uuid.uuid4().hex[:8]}"
    environment = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PS1": "$ ",
    }
    subprocess.run(
        [TMUX, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", request.param],  # type: ignore[list-item]
        check=True,
        env=environment,
    )
    yield Shell(name)
    subprocess.run([TMUX, "kill-session", "-t", name], check=False, capture_output=True)  # type: ignore[list-item]


def _start(shell: Shell, tmp_path: Path, then: str = "; echo EXIT=$?") -> tuple[int, list[int]]:
    shell.run(f"stty -g > {tmp_path / 'before'}; clear; {TENSORTOWN}{then}")
    shell.wait_for(lambda s: has(s, "f'(x)", "10"), timeout=90)
    return shell.explorer_pids()


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_restores_the_terminal_and_ends_tensorflow(
    shell: Shell, tmp_path: Path, signum: int, status: int
) -> None:
    app, tape = _start(shell, tmp_path)
    assert tape, "TensorFlow's process"
    assert shell.flags() != RESTORED  # the explorer has the screen
    os.kill(app, signum)
    screen = shell.wait_for(lambda s: "EXIT=" in s)
    assert f"EXIT={status}" in screen and "Traceback" not in screen
    assert shell.flags() == RESTORED
    shell.run(f"stty -g > {tmp_path / 'after'}")
    shell.wait_for(lambda _: (tmp_path / "after").exists() and (tmp_path / "after").stat().st_size)
    assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()
    assert _gone([app, *tape])


@pytest.mark.skipif(shutil.which("dash") is None, reason="dash is not installed")
@pytest.mark.parametrize("shell", ["dash"], indirect=True)
def test_sigterm_under_dash_leaves_no_raw_mode(shell: Shell, tmp_path: Path) -> None:
    """dash does not put the terminal back itself: the explorer must (``-icanon -echo``)."""
    app, tape = _start(shell, tmp_path)
    os.kill(app, signal.SIGTERM)
    assert "EXIT=143" in shell.wait_for(lambda s: "EXIT=" in s)
    shell.run(f"stty -g > {tmp_path / 'after'}")
    shell.wait_for(lambda _: (tmp_path / "after").exists() and (tmp_path / "after").stat().st_size)
    assert (tmp_path / "after").read_text() == (tmp_path / "before").read_text()
    assert shell.flags() == RESTORED and _gone([app, *tape])


@pytest.mark.parametrize("how", ["ctrl+z", "SIGTSTP"])
def test_a_suspend_and_fg_paint_the_whole_screen(shell: Shell, tmp_path: Path, how: str) -> None:
    app, tape = _start(shell, tmp_path, then="")  # the status is asked for after fg
    if how == "ctrl+z":
        shell.keys("C-z")
    else:
        os.kill(app, signal.SIGTSTP)
    screen = shell.wait_for(lambda s: "Stopped" in s)
    assert shell.flags() == RESTORED
    shell.run("fg")
    screen = shell.wait_for(lambda s: has(s, "f'(x)", "10") and "q quit" in s)
    assert "Weekly pay" in screen.splitlines()[0] and "GradientTape" in screen
    shell.keys("Right")
    shell.wait_for(lambda s: has(s, "x", "21") and has(s, "f'(x)", "10.5"))
    shell.keys("q")
    shell.wait_for(lambda _: shell.flags() == RESTORED)
    shell.run("echo EXIT=$?")
    assert "EXIT=0" in shell.wait_for(lambda s: "EXIT=" in s)
    assert _gone([app, *tape])


def test_a_coloured_paste_keeps_its_order_without_the_escape_codes(
    shell: Shell, tmp_path: Path
) -> None:
    _start(shell, tmp_path)
    shell.keys("e")
    paste = tmp_path / "paste.txt"
    paste.write_text("sin(x)\x1b[31m+1\x1b[0m")
    subprocess.run([TMUX, "load-buffer", str(paste)], check=True)  # type: ignore[list-item]
    subprocess.run([TMUX, "paste-buffer", "-p", "-t", shell.name], check=True)  # type: ignore[list-item]
    screen = shell.wait_for(lambda s: "without 9 control characters" in s)
    assert "sin(x)+1" in screen and "^[" not in screen
    shell.keys("Enter")
    shell.wait_for(lambda s: has(s, "f'(x)", "0.4080821"))  # cos(20)
    shell.keys("q")
    assert "EXIT=0" in shell.wait_for(lambda s: "EXIT=" in s)


def test_a_killed_explorer_resumes_where_it_was(shell: Shell, tmp_path: Path) -> None:
    """A crash (SIGKILL, nothing cleaned up) loses at most the last half second."""
    app, tape = _start(shell, tmp_path)
    shell.keys("4")
    shell.wait_for(lambda s: has(s, "∂f/∂y", "7.142858"))
    shell.keys("Right", "Right", "Up")
    shell.wait_for(lambda s: has(s, "x", "27") and has(s, "y", "7"))
    time.sleep(1.0)  # the save follows the change by half a second
    os.kill(app, signal.SIGKILL)
    shell.wait_for(lambda s: "EXIT=137" in s)
    assert _gone([app, *tape])
    shell.run(f"reset; {TENSORTOWN} --resume; echo EXIT=$?")
    screen = shell.wait_for(lambda s: has(s, "x", "27") and has(s, "∂f/∂y", "6.25"), timeout=90)
    assert "Weekly earnings" in screen.splitlines()[0]
    shell.keys("q")
    assert "EXIT=0" in shell.wait_for(lambda s: "EXIT=0" in s)
