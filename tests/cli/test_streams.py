"""Odd standard streams (issue 23): the explorer needs a terminal; a closed or failing
stdout is one ``error:`` line; counts and numbers take the digits 0-9 only.

Run as a shell runs the command (subprocess, with the streams redirected as ``<``,
``>&-`` and ``>/dev/full`` would), and in-process for the option parsing.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_hardening_cli import assert_one_error_line, run

TENSORTOWN = Path(sys.executable).with_name("tensortown")
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}

pytestmark = pytest.mark.skipif(not TENSORTOWN.exists(), reason="tensortown is not installed")


def shell(line: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``line`` run by bash, ``$T`` the installed command."""
    return subprocess.run(
        ["bash", "-c", line],
        capture_output=True,
        text=True,
        env={**ENV, "T": str(TENSORTOWN)},
        timeout=timeout,
    )


@pytest.mark.parametrize(
    "line", ["$T </dev/null", "echo | $T", "$T <&-", "$T explore pay </dev/null"]
)
def test_the_explorer_without_a_terminal_on_stdin_is_one_error_line(line: str) -> None:
    done = shell(line, timeout=20)  # at once: no TensorFlow is started
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the explorer needs a terminal")
    assert "standard input" in lines[0]
    for command in ("grad", "plot", "field"):
        assert command in lines[0]


def test_the_explorer_with_stdout_not_a_terminal_is_one_error_line(tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    try:
        with (tmp_path / "out").open("w") as out:
            done = subprocess.run(
                [str(TENSORTOWN)],
                stdin=terminal,
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                env=ENV,
                timeout=20,
            )
    finally:
        os.close(main)
        os.close(terminal)
    assert done.returncode == 2
    assert (tmp_path / "out").read_text() == ""  # no escape codes in the file
    assert done.stderr.startswith("error: the explorer needs a terminal, and standard output")


@pytest.mark.parametrize(
    "command",
    ["list", "grad pay --at x=20", "walk pay --steps 2", "plot pay", "field earnings", "tape pay"],
)
def test_a_closed_stdout_is_one_error_line_and_status_1(command: str) -> None:
    done = shell(f"$T {command} >&-")
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        "error: standard output is closed: nothing can be written (redirect it to a file)"
    ]


def test_a_full_disk_is_one_error_line_and_status_1() -> None:
    done = shell("$T grad pay --at x=20 >/dev/full")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "error: could not write the output: No space left on device"
    ]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            ["walk", "pay", "--steps", "１２"],
            "argument --steps: '１' (U+FF11) is not an ASCII digit",
        ),
        (["walk", "pay", "--steps", "1_000"], "argument --steps: '1_000' is not a whole number"),
        (["plot", "pay", "--derivatives", "٢"], "'٢' (U+0662) is not an ASCII digit"),
        (
            ["grad", "pay", "--at", "x=1_000"],
            "--at x: '1_000' is not a number: write it without '_'",
        ),
        (["grad", "pay", "--at", "x=２０"], "'２' (U+FF12) is not an ASCII digit"),
    ],
)
def test_digits_other_than_0_9_and_underscores_are_refused_with_the_character_named(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert_one_error_line(*run(capsys, argv), fragment)
