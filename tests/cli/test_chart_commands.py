"""``tensortown plot`` and ``tensortown field`` end to end, with the real tape."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tensortown.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exit:
        status = int(exit.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ("plot", "pay", "--at", "20"),
        ("plot", "bonus", "--from", "0", "--to", "20"),
        ("plot", "y**3 - y", "--from", "-2", "--to", "2", "--at", "-1"),
        ("plot", "log(x)", "--from", "-1", "--to", "1", "--derivatives", "2"),
        ("field", "earnings", "--at", "25,6"),
        ("field", "-(x**2 + y**2)", "--x", "-5:5", "--y", "-5:5", "--at", "-1,2"),
        ("field", "x"),
        ("field", "y"),
        ("field", "bonus"),
    ],
)
@pytest.mark.parametrize("size", [(20, 8), (80, 20), (120, 30)])
def test_output_is_exactly_the_size_and_plain_without_colour(capsys, tf, argv, size) -> None:
    columns, rows = size
    status, out, err = run(capsys, *argv, "--size", f"{columns}x{rows}", "--no-color")
    assert status == 0, err
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == rows
    assert all(len(line) <= columns for line in lines)
    assert "\x1b" not in out


def test_no_color_environment_and_ascii(capsys, tf, monkeypatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)  # as a CI may set it
    monkeypatch.delenv("NO_COLOR", raising=False)
    status, out, _ = run(capsys, "plot", "pay", "--size", "60x15", "--at", "20")
    assert status == 0 and "\x1b" not in out  # captured: no terminal, no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    status, out, _ = run(capsys, "plot", "pay", "--size", "60x15", "--at", "20")
    assert status == 0 and "\x1b[" in out
    status, out, _ = run(capsys, "--no-color", "plot", "pay", "--size", "60x15", "--at", "20")
    assert status == 0 and "\x1b" not in out  # the option before the command counts too
    monkeypatch.setenv("NO_COLOR", "1")
    status, out, _ = run(capsys, "plot", "pay", "--size", "60x15", "--at", "20", "--ascii")
    assert status == 0 and "\x1b" not in out and out.isascii()
    status, out, _ = run(capsys, "field", "earnings", "--size", "60x15", "--ascii")
    assert status == 0 and out.isascii()


def test_field_arrows_from_the_tape(capsys, tf) -> None:
    _, out, _ = run(capsys, "field", "x", "--size", "60x15", "--no-color")
    assert "→" in out and not set("↗↑↖←↙↓↘") & set(out)
    _, out, _ = run(capsys, "field", "y", "--size", "60x15", "--no-color")
    assert "↑" in out and not set("→↗↖←↙↓↘") & set(out)


@pytest.mark.parametrize(
    "argv",
    [
        ("plot", "earnings"),
        ("plot", "x*y"),
        ("plot", "pay", "--size", "10x5"),
        ("plot", "pay", "--from", "5", "--to", "5"),
        ("plot", "pay", "--from", "9", "--to", "1"),
        ("plot", "pay", "--size", "big"),
        ("plot", "pay", "--at", "99"),
        ("plot", "x +* 2"),
        ("field", "x", "--x", "3:3"),
        ("field", "x", "--x", "-5"),
        ("field", "x", "--size", "19x30"),
        ("field", "z"),
        ("field", "x*y*z", "--axes", "x,w"),
    ],
)
def test_bad_input_is_one_error_line_and_status_two(capsys, tf, argv) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1
    assert "Traceback" not in err


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("name", "extra"),
    [("plot_pay_secant_80x24", ()), ("plot_pay_secant_ascii_80x24", ("--ascii",))],
)
def test_plot_draws_the_secant_as_the_explorer_does(capsys, tf, name, extra) -> None:
    """``plot pay --at 20 --secant 1``: golden; regenerate on purpose only, with
    ``TENSORTOWN_UPDATE_GOLDEN=1``, and read the diff before committing it."""
    argv = ("plot", "pay", "--at", "20", "--secant", "1", "--size", "80x24", "--no-color")
    status, out, err = run(capsys, *argv, *extra)
    assert status == 0, err
    assert "Δf/h = 10.25 (h = 1)" in out or "df/h = 10.25 (h = 1)" in out
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("TENSORTOWN_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("plot", "pay", "--secant", "1"), "--secant H needs --at X"),
        (("plot", "pay", "--at", "20", "--secant", "0"), "other than 0"),
        (("plot", "pay", "--at", "20", "--secant", "one"), "--secant"),
    ],
)
def test_a_secant_without_a_point_or_with_no_step_is_refused(capsys, tf, argv, message) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error:") and message in err, err
