"""Slices of a function of two variables: f(x, y₀) along x and f(x₀, y) along y.

A slice is an ordinary curve of one variable, so it is drawn by :func:`build_curve`; its
samples come from one batched tape call over a single row (or column) of the field, whose
∂f/∂x (or ∂f/∂y) is exactly the slice's derivative: a partial derivative is the ordinary
derivative of a slice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tensortown.catalogue import Function
from tensortown.chart.axes import axis_title
from tensortown.chart.curve import ChartError, CurveChart, CurveLabels, build_curve
from tensortown.chart.theme import Theme
from tensortown.numbers import format_number


@dataclass(frozen=True)
class SliceSamples:
    """f and its derivative along the slice; the slice chart draws no f″ panel."""

    values: np.ndarray
    first: np.ndarray
    second: np.ndarray


def slice_title(function: Function, along: str, through: dict[str, float]) -> str:
    """``f(x, 6)`` or ``f(25, y)``: the other variables held at the point's values (every
    variable of ``through``, in its order: a section's held ones too)."""
    args = [s if s == along else format_number(through[s]) for s in through]
    return f"f({', '.join(args)})"


def slice_samples(
    function: Function, along: str, through: dict[str, float], positions: np.ndarray
) -> SliceSamples:
    """f and ∂f/∂``along`` at ``positions`` along the slice, in one tape call."""
    from tensortown import tape

    across, up = function.axes or ("x", "y")
    if along == across:
        samples = tape.field(function, positions, np.array([through[up]]))
        values, first = samples.values[0, :], samples.dfdx[0, :]
    else:
        samples = tape.field(function, np.array([through[across]]), positions)
        values, first = samples.values[:, 0], samples.dfdy[:, 0]
    return SliceSamples(values, first, np.full_like(values, np.nan))


def slice_chart(
    function: Function,
    along: str,
    through: dict[str, float],
    lo: float,
    hi: float,
    columns: int,
    rows: int,
    theme: Theme | None = None,
) -> CurveChart:
    """The curve of f along ``along`` (one of its two variables) through ``through``."""
    if function.arity != 2 or along not in function.symbols:
        raise ChartError(f"a slice needs a function of two variables, not of {function.symbols}")
    variable = function.variable(along)
    # The title stays short (no unit): the slope is read out beside it on the same row.
    labels = CurveLabels(
        x=axis_title(variable.label, variable.unit), f=slice_title(function, along, through)
    )

    def sampler(positions: np.ndarray) -> SliceSamples:
        return slice_samples(function, along, through, positions)

    return build_curve(sampler, lo, hi, columns, rows, labels, theme)
