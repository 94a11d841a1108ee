"""TensorFlow's optimizers on a function (tensortown.optimizers): known answers, each step
against the update rule written out in numpy, and why a run stops."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable

import numpy as np
import pytest

from tensortown import optimizers, tape
from tensortown.catalogue import CATALOGUE, from_expression
from tensortown.optimizers import KINDS, Settings, optimize, optimize_all
from tests.cli.test_hardening_cli import assert_one_error_line, run

pytestmark = pytest.mark.usefixtures("tf")

BOWL = from_expression("x**2 + y**2")


@pytest.mark.parametrize("kind", KINDS)
def test_each_optimizer_descends_the_bowl_to_its_bottom(kind: str) -> None:
    result = optimize(BOWL, {"x": 3, "y": 4}, kind, steps=500)
    last = result.walk.steps[-1]
    assert result.walk.stop.code == "flat", result.walk.stop.reason
    assert math.hypot(last.point["x"], last.point["y"]) < 1e-3
    values = [s.value or 0.0 for s in result.walk.steps]
    assert values[-1] < values[0] / 1e5


def _reference(
    kind: str, settings: Settings
) -> Callable[[np.ndarray, np.ndarray, int], np.ndarray]:
    """Keras's update rule for ``kind``, in float64 numpy: (x, g, t) → the next x."""
    rate, state = settings.rate, {}
    epsilon = 1e-7

    def step(x: np.ndarray, g: np.ndarray, t: int) -> np.ndarray:
        if kind == "sgd":
            return x - rate * g
        if kind == "momentum":
            state["v"] = settings.momentum * state.get("v", 0 * x) - rate * g
            return x + state["v"]
        if kind == "rmsprop":
            state["s"] = 0.9 * state.get("s", 0 * x) + 0.1 * g * g
            return x - rate * g / (np.sqrt(state["s"]) + epsilon)
        b1, b2 = settings.beta1, settings.beta2
        state["m"] = state.get("m", 0 * x) + (g - state.get("m", 0 * x)) * (1 - b1)
        state["v"] = state.get("v", 0 * x) + (g * g - state.get("v", 0 * x)) * (1 - b2)
        lr = rate * math.sqrt(1 - b2**t) / (1 - b1**t)
        return x - lr * state["m"] / (np.sqrt(state["v"]) + epsilon)

    return step


@pytest.mark.parametrize("kind", KINDS)
def test_each_step_is_the_optimizers_update_rule_with_the_tapes_gradient(kind: str) -> None:
    function = from_expression("0.1*x**2 + sin(y) + x*y/10")
    settings = Settings(rate=0.05, momentum=0.8, beta1=0.85, beta2=0.99)
    result = optimize(function, {"x": 1.5, "y": -0.5}, kind, settings, steps=12)
    steps = result.walk.steps
    assert len(steps) == 13
    rule = _reference(kind, settings)
    for t, (here, there) in enumerate(itertools.pairwise(steps), start=1):
        x = np.array([here.point["x"], here.point["y"]])
        g = np.array([here.gradient["x"], here.gradient["y"]], dtype=float)
        expected = rule(x, g, t)
        got = np.array([there.point["x"], there.point["y"]])
        assert got == pytest.approx(expected, rel=1e-4, abs=1e-6), (kind, t)
        # and what each step records is the tape's own f and ∇f at its point
        core = tape.derivative_at(function, here.point)
        assert here.value == pytest.approx(core.value, rel=1e-5, abs=1e-6)
        assert g == pytest.approx([core.gradient["x"], core.gradient["y"]], rel=1e-5, abs=1e-6)


def test_a_rate_too_large_is_said_to_be_one() -> None:
    result = optimize(BOWL, {"x": 3, "y": 4}, "sgd", Settings(rate=1.1), steps=100)
    assert result.walk.stop.code == "diverged"
    assert "the learning rate (η = 1.1) is too large" in result.walk.stop.reason
    unbounded = {"x": (-1e30, 1e30), "y": (-1e30, 1e30)}  # no edge to stop at first
    result = optimize(BOWL, {"x": 3, "y": 4}, "sgd", Settings(rate=1.5), steps=200, box=unbounded)
    assert result.walk.stop.code == "diverged"


def test_a_step_onto_an_undefined_point_stops_there_with_the_reason() -> None:
    result = optimize(from_expression("log(x)"), {"x": 1}, "sgd", Settings(rate=2), steps=5)
    assert result.walk.stop.code == "undefined" and len(result.walk.steps) == 2
    assert "log of a negative number" in result.walk.stop.reason
    assert result.walk.steps[-1].value is None


def test_uphill_minimises_minus_f() -> None:
    earnings = CATALOGUE["earnings"]
    for run_ in optimize_all(earnings, {"x": 25, "y": 6}, steps=5, ascent=True):
        values = [s.value or 0.0 for s in run_.walk.steps]
        assert values == sorted(values) and values[-1] > values[0], run_.kind


def test_a_new_rate_reuses_the_traced_loop_from_fresh_state() -> None:
    start = {"x": 3.0, "y": 4.0}
    first = optimize(BOWL, start, "adam", Settings(rate=0.1), steps=20)
    loops = optimizers._loop.cache_info().currsize
    optimize(BOWL, start, "adam", Settings(rate=0.02), steps=20)
    again = optimize(BOWL, start, "adam", Settings(rate=0.1), steps=20)
    assert optimizers._loop.cache_info().currsize == loops  # the same loop, no new trace
    assert again.walk.steps == first.walk.steps  # no momentum left over from before


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (Settings(rate=0), "learning rate must be a positive number"),
        (Settings(momentum=1.0), "momentum must be at least 0 and less than 1"),
        (Settings(beta2=-0.1), "β₂ must be at least 0"),
    ],
)
def test_bad_settings_are_refused_in_words(settings: Settings, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        optimize(BOWL, {"x": 1, "y": 1}, "adam", settings)


# --- the command line ----------------------------------------------------------------------


def test_walk_optimizer_all_prints_a_row_each(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["walk", "x^2 + y^2", "--from", "3,4", "--descent", "--optimizer", "all"]
    status, out, _ = run(capsys, [*argv, "--steps", "500"])
    assert status == 0
    rows = [line.split()[0] for line in out.splitlines()[5:9]]
    assert rows == ["gradient", "momentum", "RMSprop", "Adam"]
    assert out.count("converged") == 4
    status, out, _ = run(capsys, [*argv, "--json"])
    shaped = json.loads(out)
    assert [o["optimizer"] for o in shaped["optimizers"]] == list(KINDS)
    assert shaped["function"] is None and "x**2" in shaped["expression"].replace("^", "**")


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--momentum", "1.5"], "momentum must be at least 0 and less than 1"),
        (["--beta1", "nope"], "--beta1"),
        (["--rate", "-1"], "learning rate must be a positive number"),
    ],
)
def test_walk_optimizer_refuses_bad_settings_in_one_line(
    capsys: pytest.CaptureFixture[str], extra: list[str], said: str
) -> None:
    line = assert_one_error_line(*run(capsys, ["walk", "pay", "--optimizer", "adam", *extra]))
    assert said in line


def test_the_optimizers_are_loaded_only_when_asked_for() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from tensortown import tape; from tensortown.catalogue import CATALOGUE;"
        "tape.derivative_at(CATALOGUE['pay'], {'x': 20.0});"
        "print('keras' in sys.modules);"
        "from tensortown.optimizers import optimize;"
        "optimize(CATALOGUE['pay'], {'x': 20.0}, 'adam', steps=2);"
        "print('keras' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["False", "True"]
