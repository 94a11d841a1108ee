"""The jobs a :class:`~tui.runner.base.Runner` runs: every call into TensorFlow the explorer makes.

They are plain module-level functions, since they may run in the runner's process, which
never imports Textual: what they take and return is pickled across.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tensortown.chart.theme import Theme
    from tensortown.inside import Inside
    from tensortown.optimizers import Settings
    from tensortown.results import OneMoreStep, PointResult, Transcript
    from tensortown.walk import Step, Stop
    from tui.state import Exploration

_loaded_in: float | None = None
"""Seconds TensorFlow's import took here, once it is done."""


def load(functions: tuple[Function, ...] = ()) -> float:
    """Import TensorFlow and trace ``functions``' tape calls; returns the import's seconds.

    The app passes none: its first reading traces only the point's call, and the rest is
    warmed (:func:`warm`) once the first numbers are on screen.  Called again, it returns
    the first import's time (the runner's process imports before the app asks).
    """
    global _loaded_in
    from tensortown import backend

    start = time.perf_counter()
    backend.tensorflow()  # at once when loaded; raises BackendUnavailable if it cannot be
    if _loaded_in is None:
        _loaded_in = time.perf_counter() - start
    for function in functions:
        warm(function)
    return _loaded_in


def settle() -> None:
    """One full collection where the runner runs, then what is left frozen for good.

    What stays after the warming is TensorFlow, its traces and the catalogue's compiled
    functions: frozen (``gc.freeze``), they are out of every later full pass, which took
    half a second with them in.  See :func:`tui.runner.collector.settle`.
    """
    import gc

    from tui.runner import collector

    collector.settle()
    gc.freeze()


def import_reply_types() -> None:
    """Import the modules of what the jobs return (numpy, the tape's and the charts' types).

    A job's result arrives from the runner's process as a pickle, and the first to unpickle
    would import them; the app imports them while TensorFlow loads instead.
    """
    import numpy  # noqa: F401

    import tensortown.chart.curve
    import tensortown.chart.field
    import tensortown.tape  # noqa: F401


def prepare(exploration: Exploration) -> None:
    """Import TensorFlow and trace the call that reads the opening point: the first job."""
    load()
    read_point(exploration)


def warm(function: Function) -> None:
    """Trace the tape calls of one function, so that its first keystroke finds them ready."""
    import numpy as np

    from tensortown import tape

    if function.arity == 1:
        tape.warm(function)
    else:  # tape.warm also traces the curve, which needs one variable: trace what we use
        tape.derivative_at(function, function.default_point())
        if function.axes is not None:  # three or more: each section has its own field
            tape.field(function, np.ones(2), np.ones(2))
    tape.tape_transcript(function, function.default_point())


@dataclass(frozen=True)
class Reading:
    """What the readouts show for one point: the tape's result and the one-more-step table."""

    exploration: Exploration
    result: PointResult
    steps: tuple[OneMoreStep, ...]
    """One step along each variable, in the function's order."""


def read_point(exploration: Exploration) -> Reading:
    """f, the derivatives and the one-more-step table at the point, from one traced tape call.

    One job, so that the readout and the table change in one frame.  The tutorial's eager
    transcript costs more than these numbers together: it is its own job, :func:`transcript`.
    """
    from tensortown import steps

    function, point = exploration.function, exploration.point_dict()
    result, taken = steps.step_readings(function, point, exploration.step)
    return Reading(exploration, result, taken)


def transcript(exploration: Exploration) -> Transcript:
    """The tutorial's eager GradientTape code at the point, and what TensorFlow printed."""
    from tensortown import tape

    return tape.tape_transcript(exploration.function, exploration.point_dict())


def inside(exploration: Exploration) -> Inside:
    """The tape's inside at the point: every node's value and ∂f/∂node, from one traced call."""
    from tensortown import inside as tape_inside

    return tape_inside.inside(exploration.function, exploration.point_dict())


def curve_chart(
    exploration: Exploration, width: int, height: int, theme: Theme, derivatives: int = 0
) -> CurveChart:
    """The base chart of a one-variable function over its range (with f′, f″ panels if asked)."""
    from tensortown.chart import render

    lo, hi = exploration.ranges[0]
    return render.curve_chart(
        exploration.function, lo, hi, width, height, theme, derivatives=derivatives
    )


def field_chart(exploration: Exploration, width: int, height: int, theme: Theme) -> FieldChart:
    """The base gradient field over the drawn variables' ranges (for three variables or
    more, of the section through the point)."""
    from tensortown.chart import render

    function = exploration.drawn()
    limits = [
        exploration.range_of(s) if s in function.symbols else render.default_range(function, s)
        for s in function.axes or ("x", "y")
    ]
    return render.field_chart(function, limits[0], limits[1], width, height, theme)


def slice_chart(
    exploration: Exploration, along: str, width: int, height: int, theme: Theme
) -> CurveChart:
    """The slice along ``along`` (a drawn variable) through the point."""
    from tensortown.chart.slices import slice_chart as chart

    lo, hi = exploration.range_of(along)
    point = exploration.point_dict()  # all of it: the title names the held values too
    return chart(exploration.drawn(), along, point, lo, hi, width, height, theme)


_walks: dict[int, Iterator[Step | Stop]] = {}
"""The walks under way, by number: their generators live where the jobs run."""


def walk_begin(
    number: int,
    exploration: Exploration,
    ascent: bool,
    rate: float,
    steps: int,
) -> None:
    """Start walk ``number`` from the point (:func:`tensortown.walk.walk_steps`), in its box.

    The walk's generator calls the tape for each step, so it lives with the other jobs
    (in the runner's process, when there is one) and is advanced by :func:`walk_advance`.
    """
    from tensortown.walk import walk_steps

    function = exploration.drawn()  # for three variables or more: in the plane drawn
    box = {s: exploration.range_of(s) for s in function.symbols}
    start = {s: exploration.value_of(s) for s in function.symbols}
    walk = walk_steps(function, start, rate=rate, steps=steps, ascent=ascent, box=box)
    _walks[number] = walk


def walk_advance(number: int, count: int) -> list[Step | Stop]:
    """The next ``count`` steps of walk ``number``, fewer at its end (then it is forgotten)."""
    walk = _walks.get(number)
    if walk is None:
        return []
    try:
        items = list(itertools.islice(walk, count))
    except BaseException:  # a rate or step count the walk refuses: it is over
        _walks.pop(number, None)
        raise
    if len(items) < count:
        _walks.pop(number, None)
    return items


def optimizer_lab(
    exploration: Exploration, ascent: bool, settings: Settings, steps: int
) -> list[Any]:
    """TensorFlow's four optimizers from the point, in the plane drawn and its box (the
    lab, :mod:`tui.lab`)."""
    from tensortown.optimizers import optimize_all

    function = exploration.drawn()
    box = {s: exploration.range_of(s) for s in function.symbols}
    start = {s: exploration.value_of(s) for s in function.symbols}
    return optimize_all(function, start, settings, steps=steps, ascent=ascent, box=box)


def walk_forget(number: int) -> None:
    """Drop walk ``number`` (stopped or replaced before its end)."""
    _walks.pop(number, None)
