"""Gradient walks: known end points and every reason to stop."""

from __future__ import annotations

import itertools
import json

import pytest

from tensortown.catalogue import CATALOGUE, resolve
from tensortown.cli import main
from tensortown.walk import Step, Stop, gradient_walk, walk_steps

pytestmark = pytest.mark.usefixtures("tf")


def test_a_bowl_descends_to_its_bottom() -> None:
    walk = gradient_walk(resolve("x**2 + y**2"), {"x": 3.0, "y": 4.0}, ascent=False, steps=200)
    assert walk.stop.code == "flat"
    end = walk.steps[-1].point
    assert abs(end["x"]) < 1e-4 and abs(end["y"]) < 1e-4
    values = [s.value for s in walk.steps]
    assert all(a is not None and b is not None and b < a for a, b in itertools.pairwise(values))


def test_each_step_follows_the_tapes_gradient() -> None:
    walk = gradient_walk(resolve("x**2 + y**2"), {"x": 3.0, "y": 4.0}, ascent=False, steps=1)
    first, second = walk.steps
    assert first.gradient == {"x": 6.0, "y": 8.0}
    assert second.point == pytest.approx({"x": 3.0 - 0.6, "y": 4.0 - 0.8})


def test_earnings_ascends_towards_more_hours_and_compliments_until_the_edge() -> None:
    walk = gradient_walk(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0}, steps=500)
    xs = [s.point["x"] for s in walk.steps]
    ys = [s.point["y"] for s in walk.steps]
    assert all(b > a for a, b in itertools.pairwise(xs)) and all(
        b > a for a, b in itertools.pairwise(ys)
    )
    assert walk.stop.code == "edge"
    assert "leaves the box" in walk.stop.reason


def test_walk_stops_where_f_is_undefined() -> None:
    walk = gradient_walk(resolve("log(x)"), {"x": 0.5}, ascent=False, steps=20)
    assert walk.stop.code == "undefined"
    assert "log of a negative number" in walk.stop.reason


def test_walk_takes_at_most_the_steps_asked() -> None:
    walk = gradient_walk(CATALOGUE["pay"], {"x": 1.0}, steps=3)
    assert walk.stop.code == "steps" and len(walk.steps) == 4


def test_walk_is_a_stream_of_steps_then_a_stop() -> None:
    items = list(walk_steps(resolve("x**2"), {"x": 1.0}, ascent=False, steps=2))
    assert all(isinstance(i, Step) for i in items[:-1]) and isinstance(items[-1], Stop)


@pytest.mark.parametrize("rate", [0.0, -1.0, float("nan")])
def test_bad_rates_are_refused(rate: float) -> None:
    with pytest.raises(ValueError, match="learning rate"):
        gradient_walk(resolve("x"), {"x": 1.0}, rate=rate)


def test_walk_command_json(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["walk", "x**2 + y**2", "--from", "3,4", "--descent", "--steps", "2", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == 0
    assert data["steps"][0] == {
        "k": 0,
        "point": {"x": 3.0, "y": 4.0},
        "value": 25.0,
        "gradient": {"x": 6.0, "y": 8.0},
    }
    assert data["stopped"] == "steps" and len(data["steps"]) == 3


def test_walk_command_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["walk", "earnings", "--steps", "2"]) == 0
    out = capsys.readouterr().out
    assert "(25, 6)" in out and "$753.55" in out and "took all 2 steps" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["walk", "earnings", "--from", "25"],
        ["walk", "earnings", "--from", "a,b"],
        ["walk", "earnings", "--from", "99,6"],
        ["walk", "earnings", "--rate", "0"],
        ["walk", "x**", "--from", "1"],
    ],
)
def test_walk_command_refuses_bad_input(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error:")


@pytest.mark.parametrize("steps", [-1, 10_001])
def test_step_counts_outside_the_limits_are_refused(steps: int) -> None:
    with pytest.raises(ValueError, match="number of steps"):
        gradient_walk(resolve("x"), {"x": 1.0}, steps=steps)
