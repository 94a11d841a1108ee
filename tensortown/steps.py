"""One more step: f(x), f(x + h) and f'(x)·h from the tape, as in the tutorial's table.

The tutorial's Ted and Todd earn f(x + 1) − f(x) for one more hour, about f'(x); as the
step h shrinks, Δf/h tends to f'(x) and the remainder Δf − f'(x)·h to ½·f″(x)·h².
"""

from __future__ import annotations

import numpy as np

from tensortown import tape
from tensortown.catalogue import Function
from tensortown.results import OneMoreStep, PointResult


def step_reading(
    function: Function, point: dict[str, float], symbol: str, step: float
) -> tuple[PointResult, OneMoreStep]:
    """:func:`derivative_at` and :func:`one_more_step` from one traced tape call."""
    here, steps = step_readings(function, point, step, (symbol,))
    return here, steps[0]


def step_readings(
    function: Function,
    point: dict[str, float],
    step: float,
    symbols: tuple[str, ...] | None = None,
) -> tuple[PointResult, tuple[OneMoreStep, ...]]:
    """:func:`derivative_at` and one step of ``step`` along each of ``symbols`` (every
    variable by default), all from one traced tape call.

    The steps are taken in float32, as the tape takes them: Δf/h and f'·h use the step
    between the two float32 points, which differs from ``step`` by float32's rounding.
    """
    coords, vector = tape.point_vector(function, point)
    symbols = function.symbols if symbols is None else symbols
    indices = [function.symbols.index(s) for s in symbols]
    moved = np.repeat(vector[None, :], len(indices), axis=0)
    with np.errstate(over="ignore"):
        for row, index in enumerate(indices):
            moved[row, index] = np.float32(coords[symbols[row]] + step)
    value_t, grads_t, hessian_t, there_t = tape.compiled(function).at(vector, moved)
    here = tape.point_result(function, coords, value_t, grads_t, hessian_t)
    there = there_t.numpy()
    return here, tuple(
        OneMoreStep(
            symbol=symbol,
            x=coords[symbol],
            step=step,
            value=here.value,
            next_value=tape.finite_or_none(there[row]),
            slope=here.gradient[symbol],
            second=here.hessian[index][index],
            taken=float(moved[row, index]) - float(vector[index]),
        )
        for row, (symbol, index) in enumerate(zip(symbols, indices, strict=True))
    )


def one_more_step(
    function: Function,
    point: dict[str, float],
    symbol: str,
    step: float,
    *,
    here: PointResult | None = None,
) -> OneMoreStep:
    """f(x), f(x + h) and f'(x)·h, as in the tutorial's Ted and Todd table.

    ``here`` is the tape's result at ``point`` when the caller has it already: then only
    f(x + h) is computed.
    """
    if here is None or here.function != function or here.point != point:
        here = tape.derivative_at(function, point)
    moved = dict(here.point)
    moved[symbol] = here.point[symbol] + step
    index = function.symbols.index(symbol)
    taken = float(np.float32(moved[symbol])) - float(np.float32(here.point[symbol]))
    return OneMoreStep(
        symbol=symbol,
        x=here.point[symbol],
        step=step,
        value=here.value,
        next_value=tape.value_at(function, moved),
        slope=here.gradient[symbol],
        second=here.hessian[index][index],
        taken=taken,
    )
