"""Fitting TensorTown's listings (tensortown.fit): the data is what its script makes, a
converged fit is numpy's least squares, the raw scale teaches its lesson, and bad CSV is
one error line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tensortown.data import make_listings
from tensortown.fit import LISTINGS, FitError, fit, least_squares, listings, read
from tensortown.optimizers import Settings
from tests.cli.test_hardening_cli import assert_one_error_line, run

pytestmark = pytest.mark.usefixtures("tf")


def test_the_shipped_listings_are_what_their_script_writes() -> None:
    assert LISTINGS.read_text() == make_listings.listings()
    data = listings()
    assert len(data.x) == make_listings.COUNT
    w, b, _ = least_squares(data)
    assert w == pytest.approx(2.0, rel=0.05) and b == pytest.approx(500.0, rel=0.1)  # the trend


@pytest.mark.parametrize("kind", ["sgd", "momentum"])
def test_a_converged_fit_on_standardised_sizes_is_numpys_least_squares(kind: str) -> None:
    data = listings()
    result = fit(data, kind, steps=2000, standardise=True)
    assert result.walk.stop.code == "flat", result.walk.stop.reason
    w, b, loss = result.least_squares
    assert np.linalg.lstsq(np.c_[data.x, np.ones_like(data.x)], data.y, rcond=None)[0] == (
        pytest.approx([w, b])
    )
    assert result.w == pytest.approx(w, rel=1e-3)
    assert result.b == pytest.approx(b, rel=1e-3)
    assert result.loss == pytest.approx(loss, rel=1e-3)


def test_plain_descent_on_raw_sizes_diverges_and_adam_copes() -> None:
    data = listings()
    diverged = fit(data, "sgd", Settings(rate=0.1), steps=200)
    assert diverged.walk.stop.code == "diverged"
    assert "the learning rate (η = 0.1) is too large" in diverged.walk.stop.reason
    crawled = fit(data, "sgd", Settings(rate=1e-7), steps=200)  # small enough for w
    assert crawled.walk.stop.code == "steps" and abs(crawled.b) < 1.0  # b has hardly moved
    adam = fit(data, "adam", Settings(rate=0.1), steps=200)
    values = [s.value or 0.0 for s in adam.walk.steps]
    assert adam.walk.stop.code == "steps" and values[-1] < values[0] / 100


def test_the_gradient_is_the_tapes_of_the_mean_squared_error() -> None:
    data = listings()
    result = fit(data, "sgd", Settings(rate=1e-7), steps=3)
    for step in result.walk.steps:
        w, b = step.point["w"], step.point["b"]
        residual = w * data.x + b - data.y
        assert step.value == pytest.approx(np.mean(residual**2), rel=1e-5)
        expected = [2 * np.mean(residual * data.x), 2 * np.mean(residual)]
        assert [step.gradient["w"], step.gradient["b"]] == pytest.approx(expected, rel=1e-4)


def test_the_text_says_why_the_raw_scale_is_hard(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["fit", "--steps", "50"])
    assert status == 0
    assert "∂L/∂w is 1,171 times ∂L/∂b" in out and "--standardise" in out
    assert out.count("diverged") == 2 and "numpy's lstsq" in out
    status, out, _ = run(capsys, ["fit", "--standardise", "--optimizer", "momentum"])
    assert "converged" in out and "times ∂L/∂b" not in out


@pytest.mark.parametrize(
    ("text", "options", "said"),
    [
        ("size,price\n800,2100\n", [], "two rows or more with different 'size' (found 1)"),
        ("size,price\n800,2100\n800,2200\n", [], "different 'size'"),
        ("size,price\n800,2100\n900,lots\n", [], "line 3, column 'price': 'lots' is not a number"),
        ("size,price\n800,\n900,2300\n", [], "line 2, column 'price': nothing is not a number"),
        ("size,price\n1_000,2100\n900,2300\n", [], "'1_000' is not a number"),
        ("size,price\nnan,2100\n900,2300\n", [], "'nan' is not a number"),
        ("size,price\n800,2100\n900,2300\n", ["--x", "rooms"], "no column 'rooms'"),
        ("size\n800\n", [], "line 1 should name two columns"),
        ("", [], "line 1 should name two columns"),
    ],
)
def test_a_malformed_csv_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, options: list[str], said: str
) -> None:
    path = tmp_path / "data.csv"
    path.write_text(text)
    line = assert_one_error_line(*run(capsys, ["fit", str(path), *options]))
    assert said in line


def test_a_file_that_is_not_text_or_not_there_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"size,price\n\xff\xfe,1\n")
    assert "can't read" in assert_one_error_line(*run(capsys, ["fit", str(path)]))
    missing = str(tmp_path / "nowhere.csv")
    assert "No such file" in assert_one_error_line(*run(capsys, ["fit", missing]))


def test_named_columns_a_bom_and_standard_input() -> None:
    data = read("\ufeffrooms,size,rent\n1,800,2100\n2,900,2300\n", "x.csv", "size", "rent")
    assert data.x.tolist() == [800.0, 900.0] and data.y.tolist() == [2100.0, 2300.0]
    with pytest.raises(FitError):
        read("a,b\n1,2\n", "x.csv")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tensortown",
            "fit",
            "-",
            "--optimizer",
            "sgd",
            "--standardise",
            "--json",
        ],
        input="size,price\n800,2100\n900,2300\n1000,2500\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    shaped = json.loads(done.stdout)
    assert shaped["data"] == {"source": "standard input", "rows": 3, "x": "size", "y": "price"}
    assert shaped["w"] == pytest.approx(2.0, rel=1e-3) and shaped["b"] == pytest.approx(
        500, rel=1e-3
    )


def test_a_million_rows_fit_in_one_run(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    sizes = rng.integers(40, 161, 10**6) * 10
    prices = np.rint(2 * sizes + 500 + rng.normal(0, 60, 10**6)).astype(int)
    path = tmp_path / "many.csv"
    with path.open("w") as out:
        out.write("size,price\n")
        out.write(
            "".join(f"{s},{p}\n" for s, p in zip(sizes.tolist(), prices.tolist(), strict=True))
        )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tensortown",
            "fit",
            str(path),
            "--optimizer",
            "sgd",
            "--standardise",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    shaped = json.loads(done.stdout)
    assert shaped["data"]["rows"] == 10**6 and shaped["stopped"] == "flat"
    assert shaped["w"] == pytest.approx(shaped["least_squares"]["w"], rel=1e-3)
