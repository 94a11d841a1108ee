"""``plot --json|--csv`` and ``field --json|--csv``: the numbers behind the charts.

The samples lie where they say (evenly over the range, both ends included, a field in
rows of constant y), carry the tape's numbers (checked against the charts' own batched
calls), mark the undefined ones, and bad options are one ``error:`` line.
"""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from tensortown import tape
from tensortown.catalogue import resolve
from tests.cli.test_hardening_cli import assert_one_error_line, run

pytestmark = pytest.mark.usefixtures("tf")


def test_plot_json_samples_the_range_with_f_f1_f2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["plot", "pay", "--from", "0", "--to", "60", "--json"])
    assert status == 0
    data = json.loads(out)
    assert data["axes"] == {"x": {"from": 0.0, "to": 60.0, "samples": 101}}
    xs = [p["point"]["x"] for p in data["points"]]
    assert xs == np.linspace(0, 60, 101).tolist()
    curve = tape.curve(resolve("pay"), np.array(xs))
    assert [p["value"] for p in data["points"]] == pytest.approx(curve.values.tolist())
    assert [p["gradient"]["x"] for p in data["points"]] == pytest.approx(curve.first.tolist())
    assert {p["hessian"][0][0] for p in data["points"]} == {0.5}
    ted = data["points"][xs.index(pytest.approx(10.2))]
    assert ted["gradient"]["x"] == pytest.approx(5.1)


def test_plot_json_marks_undefined_samples(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["plot", "log(x)", "--from", "-1", "--to", "1", "--json"])
    assert status == 0  # the samples are data: an undefined one is a row, not a failure
    points = json.loads(out)["points"]
    undefined = [p for p in points if p["undefined"]]
    assert [p["point"]["x"] for p in undefined] == [p["point"]["x"] for p in points[:51]]
    assert all(p["value"] is None and p["gradient"] == {"x": None} for p in undefined)
    assert "log of 0" in undefined[-1]["undefined"]


def test_field_json_is_rows_of_constant_y(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["field", "earnings", "--x", "0:40", "--y", "0:6", "--json", "--samples", "5x4"]
    status, out, _ = run(capsys, argv)
    assert status == 0
    data = json.loads(out)
    points = data["points"]
    assert len(points) == 20
    assert [p["point"]["y"] for p in points[:5]] == [0.0] * 5
    assert [p["point"]["x"] for p in points[:5]] == [0.0, 10.0, 20.0, 30.0, 40.0]
    assert points[-1]["point"] == {"x": 40.0, "y": 6.0}
    samples = tape.field(resolve("earnings"), np.linspace(0, 40, 5), np.linspace(0, 6, 4))
    assert [p["value"] for p in points] == pytest.approx(samples.values.ravel().tolist())
    assert [p["gradient"]["y"] for p in points] == pytest.approx(samples.dfdy.ravel().tolist())


def test_csv_is_the_same_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["field", "earnings", "--json", "--samples", "3"]
    points = json.loads(run(capsys, argv)[1])["points"]
    status, out, _ = run(capsys, [*argv[:-3], "--csv", "--samples", "3"])
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(points) == 9
    for row, point in zip(rows, points, strict=True):
        assert float(row["value"]) == point["value"]
        assert float(row["hessian.y.y"]) == point["hessian"][1][1]
        assert row["undefined"] == ""


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["plot", "pay", "--json", "--at", "20"], "for one point, use `tensortown grad"),
        (["plot", "pay", "--json", "--csv"], "--json or --csv, not both"),
        (["plot", "pay", "--json", "--samples", "1"], "at least 2"),
        (["plot", "pay", "--csv", "--samples", "2x3"], "--samples expects N"),
        (["plot", "pay", "--json", "--from", "5", "--to", "5"], "the x range is empty"),
        (["field", "earnings", "--json", "--samples", "4000x4000"], "at most 10,000,000"),
        (["field", "earnings", "--json", "--samples", "\u0665"], "--samples expects"),
        (["field", "price", "--json"], "try `plot --json`"),
        (["field", "earnings", "--csv", "--at", "25,6"], "without --at"),
    ],
)
def test_bad_options_are_one_error_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert_one_error_line(*run(capsys, argv), fragment)


def test_field_of_three_variables_holds_the_others_at_the_point(
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["field", "x*y*z", "--axes", "z,x", "--at", "y=2", "--json", "--samples", "2"]
    status, out, _ = run(capsys, argv)
    assert status == 0
    data = json.loads(out)
    assert list(data["axes"]) == ["z", "x"] and data["held"] == {"y": 2.0}
    first = data["points"][0]
    assert first["point"] == {"x": -10.0, "y": 2.0, "z": -10.0}
    assert first["gradient"] == {"x": -20.0, "y": 100.0, "z": -20.0}  # all three partials
    assert data["points"][1]["point"] == {"x": -10.0, "y": 2.0, "z": 10.0}  # z runs across


def test_field_picture_of_three_variables_is_the_section(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["field", "x*y*z", "--size", "40x12", "--no-color"]
    status, out, _ = run(capsys, [*base, "--at", "x=1,y=2,z=3"])
    assert status == 0
    _, same, _ = run(capsys, ["field", "3*x*y", "--size", "40x12", "--no-color", "--at", "1,2"])
    assert out == same  # z held at 3: the field of 3xy, the cursor at (1, 2)
