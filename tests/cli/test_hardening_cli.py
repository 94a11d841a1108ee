"""Hardening: whatever is typed on the command line ends in a status and one line, never a trace.

Bad expressions and numbers through ``grad``, ``tape``, ``plot``, ``field`` and ``walk``
give exit status 2 and exactly one ``error:`` line on stderr (nothing on stdout);
an undefined point gives status 1 and one ``undefined:`` line.  Most cases run
``tensortown.cli.main`` in-process; a few run the real command in a subprocess,
including with TensorFlow failing to import and with an ASCII-only stdout.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.main import main  # the `tensortown` command, explore included

pytestmark = pytest.mark.usefixtures("tf")

SIZE = ("--size", "40x12")
"""Charts small enough to be quick; every chart command gets an explicit size."""


def run(capsys: pytest.CaptureFixture[str], argv: Sequence[str]) -> tuple[int, str, str]:
    """``main(argv)`` in-process: (status, stdout, stderr with any warnings, as a user sees)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            status = main(list(argv))
        except SystemExit as exit:
            status = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    out, err = capsys.readouterr()
    err += "".join(f"{w.filename}:{w.lineno}: {w.category.__name__}: {w.message}\n" for w in caught)
    return status, out, err


def assert_one_error_line(status: int, out: str, err: str, *fragments: str) -> str:
    """Status 2, nothing on stdout, and stderr is exactly one ``error: …`` line."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and len(lines[0]) > len("error: ")
    assert status == 2, (status, err)
    assert out == ""
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


# --- numbers typed as options ---------------------------------------------------------------

BAD_NUMBERS: dict[str, str] = {
    "abc": "'abc' is not a number",
    "": "enter a number",
    " ": "enter a number",
    "1e400": "too large",
    "1e31": "too large",
    "nan": "nan is not a number",
    "NaN": "is not a number",
    "inf": "too large",
    "Infinity": "too large",
    "1,5": "use . for decimals",
    "0x10": "is not a number",
    "1.2.3": "is not a number",
    "2x": "is not a number",
    "½": "is not a number",
    "١٢": "'١' (U+0661) is not an ASCII digit: write 0-9",
    "１.５": "'１' (U+FF11) is not an ASCII digit",
    "2٠": "'٠' (U+0660) is not an ASCII digit",
}


def _options(number: str) -> dict[str, list[str]]:
    """Every place a number goes, with ``number`` in it."""
    return {
        "grad --at": ["grad", "x**2", "--at", f"x={number}"],
        "grad --at second": ["grad", "x*y", "--at", "x=1", "--at", f"y={number}"],
        "tape --at": ["tape", "x**2", "--at", f"x={number}"],
        "plot --from": ["plot", "x**2", f"--from={number}", *SIZE],
        "plot --to": ["plot", "x**2", f"--to={number}", *SIZE],
        "plot --at": ["plot", "x**2", f"--at={number}", *SIZE],
        "field --x": ["field", "x*y", f"--x={number}:1", *SIZE],
        "field --y": ["field", "x*y", f"--y=-1:{number}", *SIZE],
        "field --at": ["field", "x*y", f"--at={number},1", *SIZE],
        "walk --rate": ["walk", "pay", f"--rate={number}"],
        "walk --from": ["walk", "earnings", f"--from=20,{number}"],
    }


@pytest.mark.parametrize("option", sorted(_options("1")))
@pytest.mark.parametrize("number", sorted(BAD_NUMBERS))
def test_bad_number_is_one_error_line(
    capsys: pytest.CaptureFixture[str], option: str, number: str
) -> None:
    argv = _options(number)[option]
    # "20,1,5" is ambiguous for a two-number --from: a count error is clear enough there.
    fragment = "--from expects 2" if (option, number) == ("walk --from", "1,5") else None
    line = assert_one_error_line(*run(capsys, argv), fragment or BAD_NUMBERS[number])
    assert option.split()[-1].lstrip("-") in line or option.endswith("second")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["plot", "x", "--from", "5", "--to", "1", *SIZE], "empty"),
        (["plot", "x", "--from", "1", "--to", "1", *SIZE], "empty"),
        (["plot", "x", "--from", "-0", "--to", "0", *SIZE], "empty"),
        (["field", "x*y", "--x", "3:-3", *SIZE], "empty"),
        (["field", "x*y", "--y", "0:0", *SIZE], "empty"),
        (["field", "x*y", "--x", "1", *SIZE], "A:B"),
        (["field", "x*y", "--at", "1", *SIZE], "X,Y"),
        (["plot", "x", "--at", "50", *SIZE], "outside"),
        (["field", "x*y", "--at", "1e30,1e30", *SIZE], "outside"),
        (["plot", "x", "--size", "0x0"], "too small"),
        (["plot", "x", "--size", "-5x3"], "too small"),
        (["plot", "x", "--size", "axb"], "COLSxROWS"),
        (["plot", "x", "--size", "120"], "COLSxROWS"),
        (["plot", "x", "--derivatives", "5", *SIZE], "invalid choice"),
        (["plot", "x*y", *SIZE], "field"),
        (["grad", "x"], "missing a value for x"),
        (["grad", "x", "--at", "z=1"], "no variable 'z'"),
        (["grad", "x", "--at", "=1"], "NAME=NUMBER"),
        (["grad", "x", "--at", "x"], "NAME=NUMBER"),
        (["grad", "pay", "--at", "x=20", "--at", "y=1"], "no variable 'y'"),
        (["tape", "x"], "missing a value for x"),
        (["tape", "x*y", "--at", "x=1,z=2"], "no variable 'z'"),
        (["tape", "x", "--at", "x"], "NAME=NUMBER"),
        (["tape"], "required"),
        (["walk", "pay", "--steps", "-3"], "number of steps"),
        (["walk", "pay", "--steps", "100000000"], "number of steps"),
        (["plot", "pay", "--size", "5000x5000"], "too large"),
        (["field", "earnings", "--size", "100000x100000"], "too large"),
        (["walk", "pay", "--steps", "many"], "'many' is not a whole number"),
        (["walk", "pay", "--from", "1,5"], "--from"),
        (["walk", "pay", "--from", "500"], "outside"),
        (["grad"], "required"),
        (["nope"], "invalid choice"),
        (["list", "extra"], "unrecognized"),
        (["grad", "x", "--bogus"], "unrecognized"),
    ],
)
def test_bad_option_is_one_error_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert_one_error_line(*run(capsys, argv), fragment)


@pytest.mark.parametrize(
    "argv",
    [
        ["plot", "x", "--from", "-1e30", "--to", "1e30", *SIZE],
        ["plot", "exp(x)", "--from", "-1e30", "--to", "1e30", "--derivatives", "2", *SIZE],
        ["plot", "x", "--from", "1", "--to", "1.0000001", *SIZE],
        ["plot", "x", "--from", "0", "--to", "1e-38", *SIZE],
        ["plot", "tan(x)", "--from", "-1e30", "--to", "1e30", "--at", "0", *SIZE],
        ["field", "x*y", "--x", "-1e30:1e30", "--y", "-1e30:1e30", *SIZE],
        ["field", "x*y", "--x", "1:1.0000001", "--y", "0:1e-30", *SIZE],
        ["grad", "x", "--at", "x=-0"],
        ["grad", "x", "--at", "x=1e30"],
        ["grad", "x", "--at", " x = 1.5 "],
        ["grad", "x*y", "--at", "x=1,y=2"],
        ["walk", "pay", "--rate", "1e30"],
    ],
)
def test_extreme_but_valid_input_is_answered(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert err == "" and out.strip()
    assert "nan" not in out.lower()


def test_minus_zero_is_zero(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["grad", "x", "--at", "x=-0", "--json"])
    assert status == 0 and '"x": 0.0' in out and "-0" not in out


# --- expressions ------------------------------------------------------------------------------

BAD_EXPRESSIONS = [
    ("__import__('os').system('true')", "unknown function '__import__'"),
    ("x.__class__", "attributes are not allowed"),
    ("open('f')", "unknown function 'open'"),
    ("lambda: 1", "unknown name 'lambda'"),
    ("x @ y", "use * to multiply"),
    ("(" * 60 + "x" + ")" * 60, "nested too deeply"),
    ("x+" * 300 + "x", "too long"),
    ("", "empty expression"),
    ("sin(x", "missing ')'"),
    ("1e999*x", "too large"),
    ("x²", "use ^2"),
    ("\x00", "U+0000"),
    ("١٢*x", "'١' (U+0661) is not an ASCII digit: write 0-9"),
]


EXPRESSION_CASES = [
    (command, text, fragment)
    for command in ("grad", "tape", "plot", "field", "walk", "explore")
    for text, fragment in BAD_EXPRESSIONS
    if text or command != "explore"  # `explore ""` opens the explorer on its default
]


@pytest.mark.parametrize(
    ("command", "text", "fragment"),
    EXPRESSION_CASES,
    ids=[f"{c}-{f}" for c, _, f in EXPRESSION_CASES],
)
def test_bad_expression_is_one_error_line(
    capsys: pytest.CaptureFixture[str], command: str, text: str, fragment: str
) -> None:
    extra = list(SIZE) if command in ("plot", "field") else []
    line = assert_one_error_line(*run(capsys, [command, text, *extra]), fragment)
    assert "column" in line or fragment in ("too long", "empty expression")


@given(
    st.lists(
        st.sampled_from([*"xy0123456789.,+-*/^()e =:@_'\"", "sin", "pi", "\x00", "é"]),
        max_size=25,
    ).map("".join)
)
def test_random_at_values_never_raise(text: str) -> None:
    """``--at`` with random text: a point, or a usage error; nothing else."""
    from tensortown.catalogue import CATALOGUE
    from tensortown.cli import UsageError, parse_assignments, point_for

    try:
        point = point_for(CATALOGUE["earnings"], parse_assignments([text]))
    except UsageError as error:
        assert str(error).strip() and "\n" not in str(error)
    else:
        assert set(point) == {"x", "y"}


# --- undefined points ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["grad", "log(x)", "--at", "x=-1"], "log of a negative number"),
        (["grad", "1/x", "--at", "x=0"], "division by zero"),
        (["grad", "x**2", "--at", "x=1e30"], "overflow"),
        (
            ["grad", "1e39*x", "--at", "x=1"],
            "number 1e39 is too large for float32 (about 3.4e38) at column 1",
        ),
    ],
)
def test_undefined_point_is_status_one_and_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 1
    assert err.splitlines() == [err.strip()] and err.startswith("undefined: ")
    assert reason in err
    assert "undefined" in out


def test_undefined_as_json_is_still_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    status, out, err = run(capsys, ["grad", "sqrt(x)", "--at", "x=-4", "--json"])
    assert status == 1 and err.startswith("undefined: ")
    data = json.loads(out)
    assert data["value"] is None and "square root" in data["undefined"]


# --- ASCII ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["grad", "earnings", "--at", "x=25,y=6"],
        ["grad", "pay", "--at", "x=20"],
        ["grad", "log(x)", "--at", "x=-1"],
        ["walk", "earnings", "--steps", "3"],
        ["plot", "pay", "--at", "20", *SIZE],
        ["field", "earnings", "--at", "25,6", *SIZE],
    ],
)
def test_ascii_option_prints_only_ascii(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, [*argv, "--ascii"])
    assert status in (0, 1), err
    assert out.isascii(), sorted({c for c in out if not c.isascii()})
    assert err.isascii()


# --- the real command ---------------------------------------------------------------------


def command(*argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tensortown`` for real."""
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0", **env}
    return subprocess.run(
        [sys.executable, "-m", "tensortown", *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def _one_error(done: subprocess.CompletedProcess[str], status: int, *fragments: str) -> None:
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    assert done.returncode == status
    for fragment in fragments:
        assert fragment in lines[0]


def test_real_command_bad_input() -> None:
    done = command("grad", "__import__('os').system('touch x')", "--at", "x=1")
    _one_error(done, 2, "unknown function '__import__'")
    assert done.stdout == ""
    done = command("plot", "x", "--from", "1,5", *SIZE)
    _one_error(done, 2, "use . for decimals")


def test_real_command_refuses_digits_of_other_scripts() -> None:
    done = command("grad", "١٢*x", "--at", "x=1")
    _one_error(done, 2, "'١' (U+0661) is not an ASCII digit: write 0-9", "column 1")
    assert done.stdout == ""
    done = command("grad", "x", "--at", "x=１")
    _one_error(done, 2, "--at x: '１' (U+FF11) is not an ASCII digit: write 0-9")
    assert done.stdout == ""


def test_the_installed_script_too() -> None:
    script = Path(sys.executable).with_name("tensortown")
    if not script.exists():
        pytest.skip("the tensortown script is not installed next to this python")
    done = subprocess.run(
        [str(script), "grad", "x", "--at", "x=nan"], capture_output=True, text=True, check=False
    )
    _one_error(done, 2, "nan")


@pytest.mark.parametrize(
    "argv",
    [
        ["grad", "pay", "--at", "x=20"],
        ["grad", "x**3", "--at", "x=2"],
        ["plot", "pay", *SIZE],
        ["field", "earnings", *SIZE],
        ["walk", "pay"],
    ],
)
def test_tensorflow_failing_to_import_is_one_error_line(argv: list[str]) -> None:
    done = command(*argv, TENSORTOWN_FAIL_TF_IMPORT="1")
    _one_error(done, 1, "TensorFlow could not be loaded", "pip install tensorflow-cpu")


def test_tensorflow_failure_does_not_hide_bad_input() -> None:
    done = command("grad", "x", "--at", "x=abc", TENSORTOWN_FAIL_TF_IMPORT="1")
    _one_error(done, 2, "'abc' is not a number")


@pytest.mark.parametrize("argv", [["grad", "earnings", "--at", "x=25,y=6"], ["list"]])
def test_ascii_only_stdout_gets_ascii_not_a_traceback(argv: list[str]) -> None:
    done = command(*argv, PYTHONIOENCODING="ascii")
    assert "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.returncode == 0, done.stderr
    assert done.stdout.isascii() and done.stdout.strip()


def test_ascii_only_stdout_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["walk", "earnings", "--steps", "2"]) == 0
    stdout.flush()
    assert b"grad f" in stdout.buffer.getvalue()


def test_real_command_undefined_point_is_one_line() -> None:
    """No numpy or TensorFlow warning joins the ``undefined:`` line on a real stderr."""
    done = command("grad", "1e39*x", "--at", "x=1")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "undefined: the number 1e39 is too large for float32 (about 3.4e38) at column 1"
    ]


def test_keyboard_interrupt_is_status_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tensortown import tape

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(tape, "derivative_at", interrupted)
    status, _, err = run(capsys, ["grad", "pay", "--at", "x=20"])
    assert status == 130 and "Traceback" not in err


def test_an_unexpected_exception_is_one_error_line_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tensortown import tape

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("something inside broke")

    monkeypatch.setattr(tape, "derivative_at", broken)
    line = assert_one_error_line(*run(capsys, ["grad", "pay", "--at", "x=20"]))
    assert "RuntimeError: something inside broke" in line and "TENSORTOWN_DEBUG" in line
    monkeypatch.setenv("TENSORTOWN_DEBUG", "1")
    with pytest.raises(RuntimeError, match="inside broke"):
        main(["grad", "pay", "--at", "x=20"])


def test_an_absurd_chart_size_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, ["plot", "x", "--size", "99999999999999999999x20"])
    assert_one_error_line(status, out, err)


# --- where options and points may be written ---------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--ascii", "list"],
        ["--ascii", "grad", "earnings", "--at", "x=25,y=6"],
        ["--ascii", "plot", "pay", "--at", "20", *SIZE],
    ],
)
def test_ascii_before_the_command_counts_too(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert out.isascii(), sorted({c for c in out if not c.isascii()})


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["grad", "earnings", "--at", "25,6"], "∂f/∂y = 7.142858"),  # as field and walk take it
        (["grad", "pay", "--at", "20"], "f'(x) = 10"),
        (["grad", "pay", "--at", "-1.5"], "f'(x) = -0.75"),
        (["grad", "earnings", "--at", "x=25", "--at", "y=6"], "∂f/∂x = 12.5"),
    ],
)
def test_at_takes_the_numbers_alone_in_the_order_of_the_variables(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: str
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert shown in out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["grad", "pay", "--at", "1,5"], ("use . for decimals",)),
        (["grad", "earnings", "--at", "25"], ("--at expects 2 number(s) (x,y)", "x=…,y=…")),
        (["grad", "earnings", "--at", "25,6,1"], ("--at expects 2 number(s)",)),
    ],
)
def test_at_with_the_wrong_count_says_so(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragments: tuple[str, ...]
) -> None:
    assert_one_error_line(*run(capsys, argv), *fragments)


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["grad", "-x**2", "--at", "x=3"], "f(x) = -9"),
        (["grad", "--at", "x=3", "-(x)"], "f(x) = -3"),
        (["field", "-x*y", "--at", "-1,2", "--no-color", *SIZE], "f: "),
        (["plot", "-x", "--from", "-2", "--to", "2", "--no-color", *SIZE], "┤"),
    ],
)
def test_an_expression_may_start_with_a_minus(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: str
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert shown in out


def test_an_error_quotes_the_input_with_its_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    line = assert_one_error_line(*run(capsys, ["grad", "x   +", "--at", "x=1"]))
    assert "in 'x   +'" in line and "column 6" in line  # the column counts in what is quoted
    line = assert_one_error_line(*run(capsys, ["grad", "-x +", "--at", "x=1"]))
    assert "in '-x +'" in line and "column 5" in line


def test_the_reason_is_said_once_when_both_streams_are_one(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tensortown.cli as cli

    argv = ["grad", "log(x)", "--at", "x=-1"]
    status, out, err = run(capsys, argv)
    assert status == 1 and "undefined: log of a negative" in out  # a pipe keeps the reason
    monkeypatch.setattr(cli, "_one_stream", lambda: True)
    status, out, err = run(capsys, argv)
    assert status == 1 and "undefined: " not in out
    assert err.startswith("undefined: log of a negative")


@pytest.mark.parametrize("together", [True, False], ids=["2>&1", "apart"])
def test_the_reason_is_read_once_from_one_pipe_and_once_from_each_of_two(together: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tensortown", "grad", "log(x)", "--at", "x=-1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if together else subprocess.PIPE,
        text=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
        timeout=120,
        check=False,
    )
    said = "undefined: log of a negative number (-1) at column 1"
    assert done.returncode == 1
    assert done.stdout.count(said) == 1
    assert (done.stderr or "").count(said) == (0 if together else 1)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["list"], ["grad", "pay", "--at", "x=20"]])
def test_a_full_disk_is_one_error_line_not_a_bug(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tensortown", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
            timeout=120,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "error: could not write the output: No space left on device"
    ]


def test_an_undefined_second_derivative_is_noted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, ["grad", "x**1.5", "--at", "x=0"])
    assert status == 0, err  # f and f' are defined there
    assert "f''(x) = undefined" in out
    assert "note: f''(x) is not finite here; f and the gradient are" in out
    status, out, _ = run(capsys, ["grad", "x**2", "--at", "x=0"])
    assert "note:" not in out


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["plot", "pay", "--at", "x=20", "--no-color", *SIZE], "f = $600.00"),
        (["plot", "pay", "--at", "20", "--no-color", *SIZE], "f = $600.00"),
        (["field", "earnings", "--at", "x=25,y=6", "--no-color", *SIZE], "f ($)"),
        (["field", "earnings", "--at", "25,6", "--no-color", *SIZE], "f ($)"),
    ],
)
def test_plot_and_field_take_a_point_as_grad_does(
    capsys: pytest.CaptureFixture[str], argv: list[str], shown: str
) -> None:
    status, out, err = run(capsys, argv)
    assert status == 0, err
    assert shown in out
    assert_one_error_line(*run(capsys, [*argv[:3], "z=1", *argv[4:]]), "no variable 'z'")


def test_an_error_quotes_a_dashed_argument_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_error_line(*run(capsys, ["-v"]), "invalid choice: '-v' (choose")
    assert_one_error_line(*run(capsys, ["walk", "pay", "--steps", "-5x"]), "'-5x' is not a whole")
