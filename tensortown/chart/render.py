"""From a catalogue :class:`Function` to a chart: its words, and samples from the tape."""

from __future__ import annotations

import numpy as np

from tensortown.catalogue import Function
from tensortown.chart.axes import axis_title
from tensortown.chart.curve import ChartError, CurveChart, CurveLabels, build_curve
from tensortown.chart.field import FieldChart, FieldLabels, build_field
from tensortown.chart.theme import Theme
from tensortown.results import CurveSamples, FieldSamples

FIELD_AXES = ("x", "y")


def per(unit: str, by: str) -> str:
    """The unit of a derivative: ``$/h``; empty when f has no unit."""
    if not unit:
        return ""
    return f"{unit}/{by}" if by else unit


def curve_labels(function: Function) -> CurveLabels:
    """Axis titles for a one-variable function, with the catalogue's units."""
    variable = function.variables[0]
    name = function.title if function.key else function.formula
    by = variable.unit
    return CurveLabels(
        x=axis_title(variable.label, variable.unit),
        f=axis_title(name, function.unit),
        first=axis_title(f"f′({variable.symbol})", per(function.unit, by)),
        second=axis_title(f"f″({variable.symbol})", per(per(function.unit, by), by)),
    )


def field_labels(function: Function) -> FieldLabels:
    """Axis titles for a field: its axes from the function's variables where it has them."""
    titles = []
    for symbol in function.axes or FIELD_AXES:
        if symbol in function.symbols:
            v = function.variable(symbol)
            titles.append(axis_title(v.label, v.unit))
        else:
            titles.append(symbol)
    return FieldLabels(x=titles[0], y=titles[1], f=axis_title("f", function.unit))


def field_refusal(function: Function) -> str:
    """Why ``function`` has no field of its own, and what to do."""
    names = ", ".join(function.symbols)
    if function.arity == 1:
        return f"a field is drawn over two variables; {function.source!r} has one ({names})"
    return (
        f"{function.source!r} has {function.arity} variables ({names}): choose the two to draw "
        "with --axes, e.g. --axes " + ",".join(function.symbols[:2]) + ", the others held at --at"
    )


def default_range(function: Function, symbol: str) -> tuple[float, float]:
    """The variable's own range, or -10…10 for an axis the function does not use."""
    if symbol in function.symbols:
        v = function.variable(symbol)
        return (v.lo, v.hi)
    return (-10.0, 10.0)


def curve_chart(
    function: Function,
    lo: float,
    hi: float,
    columns: int,
    rows: int,
    theme: Theme | None = None,
    *,
    derivatives: int = 0,
) -> CurveChart:
    """f (and f′, f″ panels) of a one-variable function, sampled in one tape call."""
    if function.arity != 1:
        raise ChartError(
            f"a curve needs a function of one variable; {function.source!r} has "
            f"{function.arity} ({', '.join(function.symbols)}): try `field`"
        )
    from tensortown import tape

    def sampler(xs: np.ndarray) -> CurveSamples:
        return tape.curve(function, xs)

    return build_curve(
        sampler, lo, hi, columns, rows, curve_labels(function), theme, derivatives=derivatives
    )


def field_chart(
    function: Function,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    columns: int,
    rows: int,
    theme: Theme | None = None,
) -> FieldChart:
    """The gradient field of a function of two variables (or of x or y), sampled in one
    tape call."""
    if function.axes is None:
        raise ChartError(field_refusal(function))
    from tensortown import tape

    def sampler(xs: np.ndarray, ys: np.ndarray) -> FieldSamples:
        return tape.field(function, xs, ys)

    return build_field(sampler, xlim, ylim, columns, rows, field_labels(function), theme)
