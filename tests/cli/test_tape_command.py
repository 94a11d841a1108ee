"""``tensortown tape``: the tree as text, as JSON, in ASCII, and bad input as ``grad`` has it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence

import pytest

from tensortown.cli import main

pytestmark = pytest.mark.usefixtures("tf")


def run(capsys: pytest.CaptureFixture[str], argv: Sequence[str]) -> tuple[int, str, str]:
    """``main(argv)`` in-process: (status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


def test_text_is_the_tree_with_values_and_adjoints(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, ["tape", "earnings", "--at", "x=25,y=6"])
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("Weekly earnings: f(x, y) = ") and "at x = 25, y = 6" in lines[0]
    log = next(line for line in lines if "log  log(y + 1)" in line)
    assert log.split()[-2:] == ["1.94591", "50"]
    plus = next(line for line in lines if line.rstrip().endswith("7.142858") and "y + 1" in line)
    assert "└─ +  y + 1" in plus and plus.split()[-2] == "7"
    assert any(line.lstrip("│ ├└─").startswith("x ") and "12.5" in line for line in lines)
    assert "The chain rule" in out and "∂f/∂y = 7.142858 (tape.gradient: 7.142858)" in out


def test_the_numbers_alone_as_grad_takes_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, ["tape", "earnings", "--at", "25,6"])[1]
        == (run(capsys, ["tape", "earnings", "--at", "x=25", "--at", "y=6"])[1])
    )


def test_json_has_the_issues_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, ["tape", "x*x + 1", "--at", "x=3", "--json"])
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert {"expression", "point", "nodes", "gradient"} <= set(data)
    assert data["expression"] == "x*x + 1" and data["point"] == {"x": 3.0}
    assert data["gradient"] == {"x": 6.0} and data["sums"] == {"x": 6.0}
    root = data["nodes"][0]
    assert {"id", "op", "text", "children", "value", "adjoint"} <= set(root)
    assert (root["id"], root["op"], root["children"], root["adjoint"]) == (0, "add", [1, 4], 1.0)
    assert [(n["op"], n["text"], n["value"], n["adjoint"]) for n in data["nodes"]] == [
        ("add", "x * x + 1", 10.0, 1.0),
        ("mul", "x * x", 9.0, 1.0),
        ("var", "x", 3.0, 3.0),
        ("var", "x", 3.0, 3.0),
        ("const", "1", 1.0, 1.0),
    ]
    assert data["leaves"] == {"x": [2, 3]}


def test_undefined_is_status_one_with_null_and_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(capsys, ["tape", "log(x)", "--at", "x=-1", "--json"])
    assert status == 1 and err.startswith("undefined: log of a negative number")
    data = json.loads(out)
    assert data["value"] is None and data["nodes"][0]["value"] is None
    assert "log of a negative number" in data["nodes"][0]["undefined"]
    status, out, _ = run(capsys, ["tape", "log(x)", "--at", "x=-1"])
    assert status == 1 and "undefined: log of a negative number (-1)" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["tape", "earnings", "--at", "x=25,y=6"],
        ["tape", "(x + 1) * (x + 1)", "--at", "x=2"],
        ["tape", "log(x)", "--at", "x=-1"],
        ["tape", "sqrt(x)", "--at", "x=0"],
    ],
)
def test_ascii_prints_only_ascii(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, err = run(capsys, [*argv, "--ascii"])
    assert status in (0, 1), err
    assert out.isascii() and err.isascii(), sorted({c for c in out + err if not c.isascii()})
    assert "`- " in out and "df/d" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["tape", "x**", "--at", "x=1"], "unexpected end of expression at column 4"),
        (["tape", "__import__('os')", "--at", "x=1"], "unknown function '__import__'"),
        (["tape", "earnings", "--at", "x=25"], "missing a value for y"),
        (["tape", "pay", "--at", "z=1"], "no variable 'z'"),
        (["tape", "pay", "--at", "x=abc"], "'abc' is not a number"),
        (["tape", "pay", "--at", "x=1e400"], "too large"),
        (["tape", "pay", "--at", "x=nan"], "nan is not a number"),
        (["tape", "pay", "--at", "x=1,5"], "use . for decimals"),
        (["tape", "pay", "--at", "x"], "NAME=NUMBER"),
        (["tape", "x", "--at", "x=١"], "is not an ASCII digit"),
        (["tape"], "required"),
        (["tape", "pay", "--bogus"], "unrecognized"),
    ],
)
def test_bad_input_is_status_two_and_one_error_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    status, out, err = run(capsys, argv)
    lines = err.splitlines()
    assert (status, out, len(lines)) == (2, "", 1), err
    assert lines[0].startswith("error: ") and fragment in lines[0]


def test_the_real_command_has_tape() -> None:
    """Registered where the command line looks for its subcommands (and bad input is one
    line before TensorFlow is ever imported)."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "tensortown", "tape", "pay", "--at", "x=oops"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == ["error: --at x: 'oops' is not a number"]
