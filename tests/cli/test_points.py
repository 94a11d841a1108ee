"""``grad --points``: many points through the batched tape, as a script author uses it.

The batch must say what ``grad --json`` says at each point (the same fields, the same
numbers to float32's last digits, the same reasons), read CSV and JSON lines, stream,
and turn every malformed row into one ``error:`` line naming its line and column.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensortown import batch, tape
from tensortown.catalogue import resolve
from tensortown.cli import grad_json
from tests.cli.test_hardening_cli import assert_one_error_line, run

pytestmark = pytest.mark.usefixtures("tf")

ULPS = 8
"""How far (in float32 gaps) a batched number may be from the single point's: the tape's
element-wise kernels take vectorised paths on a batch, which round transcendental
functions differently in the last bit."""


def close(a: float | None, b: float | None, scale: float = 0.0) -> bool:
    """Equal to ``ULPS`` float32 gaps at the larger of the two and ``scale`` (a field's
    largest entry: a mixed partial that should be 0 is rounding noise at that scale)."""
    if a is None or b is None:
        return a is b
    gap = float(np.spacing(np.float32(max(abs(a), abs(b), scale, 1e-30))))
    return abs(a - b) <= ULPS * gap


def _largest(numbers: list) -> float:
    return max((abs(n) for n in numbers if n is not None), default=0.0)


def assert_same_record(batched: dict, single: dict) -> None:
    """Equal fields; numbers equal to a few float32 gaps; the same reason."""
    assert batched.keys() == single.keys()
    for key in ("function", "expression", "point", "undefined"):
        assert batched[key] == single[key], key
    assert close(batched["value"], single["value"]), (batched, single)
    scale = _largest(list(single["gradient"].values()))
    for s in single["gradient"]:
        assert close(batched["gradient"][s], single["gradient"][s], scale), (s, batched, single)
    scale = _largest([h for row in single["hessian"] for h in row])
    for row_b, row_s in zip(batched["hessian"], single["hessian"], strict=True):
        for b, s in zip(row_b, row_s, strict=True):
            assert close(b, s, scale), (batched, single)


FUNCTIONS = [
    "earnings",
    "pay",
    "bonus",
    "sin(x)*exp(y/10) + sqrt(x)",
    "log(x*y) - x**3",
    "x*y*z + w",
    "sqrt(a) * log(b) / (c + d**2)",
]
finite = st.floats(-60, 60, allow_nan=False, width=32)


@settings(max_examples=40, deadline=None)
@given(
    key=st.sampled_from(FUNCTIONS),
    rows=st.lists(st.tuples(finite, finite, finite, finite), min_size=1, max_size=30),
)
def test_the_batch_says_what_grad_json_says_at_each_point(key: str, rows: list) -> None:
    function = resolve(key)
    points = np.array([r[: function.arity] for r in rows], dtype=np.float64)
    result = batch.evaluate(function, points)
    lines = result.json_lines()
    records = list(result.records())
    assert [json.dumps(r) for r in records] == lines  # the fast layout is the reference's
    for point, line in zip(points.tolist(), lines, strict=True):
        coords = dict(zip(function.symbols, point, strict=True))
        single = grad_json(tape.derivative_at(function, coords))
        assert_same_record(json.loads(line), single)


def test_a_batch_where_f_ignores_a_variable() -> None:
    """f does not depend on every column (or on any): the tape's gradient is 0, not None."""
    for text, value in (("7 + 0*x", 7.0), ("x + 0*y", 1.0), ("y", 1.0)):
        function = resolve(text)
        result = batch.evaluate(function, np.ones((3, function.arity)))
        assert result.values.tolist() == [value] * 3
        assert result.defined.all()
        assert np.isfinite(result.hessians).all()


# --- the command, in-process ------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "points.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_csv_in_json_lines_out_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "x,y\n25,6\n10,0\n1,-1\n")
    status, out, err = run(capsys, ["grad", "earnings", "--points", path, "--json"])
    assert status == 0 and err == ""
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["point"] for r in records] == [
        {"x": 25.0, "y": 6.0},
        {"x": 10.0, "y": 0.0},
        {"x": 1.0, "y": -1.0},
    ]
    assert records[0]["gradient"] == {"x": 12.5, "y": pytest.approx(7.1428576)}
    assert records[2]["value"] is None and "log of 0" in records[2]["undefined"]


def test_strict_makes_an_undefined_point_status_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "x,y\n25,6\n1,-1\n3,-1\n")
    status, out, err = run(capsys, ["grad", "earnings", "--points", path, "--strict"])
    assert status == 1 and len(out.splitlines()) == 3
    assert err.splitlines() == [
        "undefined at 2 of 3 points (first at line 3: log of 0 at column 29)"
    ]


def test_csv_out_has_the_json_fields_flattened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, '{"x": 20}\n{"x": 40, "note": "Todd"}\n', "points.jsonl")
    status, out, _ = run(capsys, ["grad", "pay", "--points", path, "--csv"])
    assert status == 0
    assert out.splitlines() == [
        "x,value,gradient.x,hessian.x.x,undefined",
        "20.0,600.0,10.0,0.5,",
        "40.0,900.0,20.0,0.5,",
    ]
    status, out, err = run(capsys, ["grad", "log(x)", "--at", "x=-1", "--csv"])
    assert out.splitlines()[1] == "-1.0,,,,log of a negative number (-1) at column 1"
    assert status == 1  # one point is grad's: undefined is status 1, as with --json
    assert err.splitlines() == ["undefined: log of a negative number (-1) at column 1"]


def test_three_variables_from_a_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "z,y,x\n3,2,1\n")
    status, out, _ = run(capsys, ["grad", "x*y*z", "--points", path])
    record = json.loads(out)
    assert status == 0
    assert record["point"] == {"x": 1.0, "y": 2.0, "z": 3.0}
    assert record["gradient"] == {"x": 6.0, "y": 3.0, "z": 2.0}
    assert record["hessian"] == [[0.0, 3.0, 2.0], [3.0, 0.0, 1.0], [2.0, 1.0, 0.0]]


def test_extra_columns_tabs_crlf_and_a_bom_are_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "\ufeffname\ty\tx\r\nTed\t6\t25\r\n")
    status, out, _ = run(capsys, ["grad", "earnings", "--points", path])
    assert status == 0
    assert json.loads(out)["point"] == {"x": 25.0, "y": 6.0}


BAD = [
    ("x,y\n25\n", "line 2: 1 column(s), the header has 2"),
    ("x,y\n25,abc\n", "line 2, column 'y': 'abc' is not a number"),
    ("x,y\n25,6\n\n1,2\n", "line 3 is empty"),
    ("x,y\n25,\n", "line 2, column 'y' is empty"),
    ("x,y\n1_000,2\n", "line 2, column 'x': '1_000' is not a number"),
    ("x,y\n\u0661,2\n", "line 2, column 'x': '\u0661' (U+0661) is not an ASCII digit"),
    ("x,y\nnan,2\n", "line 2, column 'x': nan is not a number"),
    ("x,y\n1e300,2\n", "line 2, column 'x': 1e300 is too large"),
    ("x\n25\n", "line 1: the header has no column 'y'"),
    ("", "no points: the input is empty"),
    ('{"x": 1, "y": 2}\n{"x": 1}\n', "line 2: no key 'y'"),
    ('{"x": 1, "y": 2}\n{"x": "1", "y": 2}\n', "line 2, key 'x': \"1\" is not a number"),
    ('{"x": 1, "y": 2}\n[1, 2]\n', "line 2: expected an object"),
    ('{"x": 1, "y": 2}\n{"x": 1,\n', "line 2: not JSON"),
    ('{"x": 1, "y": 2}\n\n', "line 2 is empty"),
    ('{"x": NaN, "y": 2}\n', "line 1, key 'x': nan is not a finite number"),
    ("x,y\n" + "1" * 70_000 + ",2\n", "line 2 is longer than 65,536 bytes"),
    ("x,y\n" + "1" * 70_000, "line 2 is longer than 65,536 bytes"),
    ("x,y\n\xff,2\n", "line 2, column 'x'"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD)
def test_a_bad_row_is_one_error_line_naming_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, fragment: str
) -> None:
    path = write(tmp_path, text)
    status, out, err = run(capsys, ["grad", "earnings", "--points", path])
    good = [line for line in out.splitlines() if line]
    assert all(json.loads(line)["undefined"] is None for line in good)  # the rows before it
    assert_one_error_line(status, "", err, f"--points {path}: ", fragment)


def test_bytes_that_are_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"x,y\n1,2\n\xe9,2\n")
    status, _, err = run(capsys, ["grad", "earnings", "--points", str(path)])
    assert_one_error_line(status, "", err, "line 3: not UTF-8 text (byte 1)")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--points", "{missing}"], "No such file or directory"),
        (["--points", "{dir}"], "is a directory"),
        (["--points", "{file}", "--at", "x=1,y=2"], "--at or --points, not both"),
        (["--points", "{file}", "--json", "--csv"], "--json or --csv, not both"),
    ],
)
def test_bad_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], fragment: str
) -> None:
    names = {"missing": tmp_path / "nothing.csv", "dir": tmp_path, "file": write(tmp_path, "")}
    argv = [a.format(**{k: str(v) for k, v in names.items()}) for a in argv]
    assert_one_error_line(*run(capsys, ["grad", "earnings", *argv]), fragment)


def test_chunks_are_one_read_each(tmp_path: Path) -> None:
    """Memory holds one block: a long input comes in many chunks, in order."""
    from tensortown import points

    path = write(tmp_path, "x\n" + "".join(f"{i}\n" for i in range(5000)))
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        for lines, number, _ in points.lines_of(fd, block=1000):
            assert sum(map(len, lines)) <= 1000
            chunks.append((lines, number))
    finally:
        os.close(fd)
    assert len(chunks) > 20
    assert [c[1] for c in chunks] == list(
        np.cumsum([1] + [len(c[0]) for c in chunks[:-1]]).tolist()
    )
    assert (
        b"".join(b"".join(line + b"\n" for line in c[0]) for c in chunks) == Path(path).read_bytes()
    )


def test_the_progress_bar_draws_clears_and_stays_quiet_off_a_terminal() -> None:
    import io

    from tensortown.points_command import Progress

    stream = io.StringIO()
    bar = Progress(1000, stream, ascii_only=True)
    bar.show(500, 12_000)
    bar.clear()
    assert stream.getvalue() == "\r" + "#" * 15 + "." * 15 + "  50%  12,000 points\r\x1b[2K"
    r, w = os.pipe()
    try:
        assert Progress.for_input(r, ascii_only=True).stream is None  # a pipe: no bar
    finally:
        os.close(r)
        os.close(w)


# --- the real command: standard input, streaming -------------------------------------------------


def test_standard_input_streams_a_line_per_point_before_the_input_ends() -> None:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}
    command = [sys.executable, "-m", "tensortown", "grad", "pay", "--points", "-"]
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        answers = []
        for hours in (10, 40):
            if hours == 10:
                process.stdin.write("x\n")
            process.stdin.write(f"{hours}\n")
            process.stdin.flush()
            answers.append(json.loads(process.stdout.readline()))  # before stdin closes
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    assert [a["gradient"]["x"] for a in answers] == [5.0, 20.0]
    assert [a["value"] for a in answers] == [525.0, 900.0]


def test_ten_thousand_points_agree_with_numpy(tmp_path: Path) -> None:
    xs = np.linspace(-50, 50, 10_000)
    path = write(tmp_path, "x\n" + "".join(f"{x!r}\n" for x in xs.tolist()))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "tensortown", "grad", "pay", "--points", path, "--csv"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.splitlines()
    assert time.perf_counter() - start < 60
    assert out[0] == "x,value,gradient.x,hessian.x.x,undefined"
    table = np.array([[float(c) for c in line.split(",")[:4]] for line in out[1:]])
    assert table.shape == (10_000, 4)
    assert table[:, 0].tolist() == xs.tolist()
    np.testing.assert_allclose(table[:, 2], xs.astype(np.float32) / 2, rtol=1e-6)
    assert not any(math.isnan(v) for v in table[:, 1])
