"""What the tape returns: a point's value, gradient and Hessian, the tutorial's transcript,
a curve's and a field's samples, and the one-more-step table.

Plain data, pickled between the explorer and TensorFlow's process: building them is
:mod:`tensortown.tape`'s.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np

from tensortown.catalogue import Function


def gradient_norm(gradient: dict[str, float | None]) -> float | None:
    """|∇f| from its components, or None where one of them is undefined."""
    parts = list(gradient.values())
    if any(p is None for p in parts):
        return None
    return math.sqrt(sum(p * p for p in parts if p is not None))


@dataclass(frozen=True)
class Transcript:
    """The tutorial's GradientTape code for one function and point, and what it printed."""

    code: str
    """The Python code, as on the tutorial page."""
    watched: str
    """``print(tape.watched_variables())``: the real objects' text."""
    gradient: str
    """``print(tape.gradient(result, …))``: the real tensors' text."""
    heading: str
    """The line printed before the gradient (``Derivative of f(x) at x = 20:``)."""

    def output(self) -> str:
        """The printed output, as the tutorial shows it."""
        return f"Watched variables:\n{self.watched}\n\n{self.heading}\n{self.gradient}"


@dataclass(frozen=True)
class PointResult:
    """The value and derivatives of a function at one point."""

    function: Function
    point: dict[str, float]
    """The point, by symbol."""
    value: float | None
    """f at the point, or None where undefined."""
    gradient: dict[str, float | None]
    """∂f/∂v for each variable, by symbol (None where not finite)."""
    hessian: list[list[float | None]]
    """Second derivatives, rows and columns in the order of the variables."""
    undefined: str | None = None
    """Why f or its gradient is not finite here, or None."""
    transcript: Transcript | None = dataclasses.field(default=None, compare=False)
    """The tutorial-style tape code and output, when asked for."""

    @property
    def defined(self) -> bool:
        """True when f and its gradient are finite at the point."""
        return self.undefined is None

    @property
    def slope(self) -> float | None:
        """f'(x) for a one-variable function (the first variable's derivative)."""
        return self.gradient[self.function.symbols[0]]

    @property
    def second(self) -> float | None:
        """f''(x) for a one-variable function (the first diagonal entry)."""
        return self.hessian[0][0]

    @property
    def gradient_norm(self) -> float | None:
        """|∇f|, or None where a component is undefined."""
        return gradient_norm(self.gradient)


@dataclass(frozen=True)
class CurveSamples:
    """f, f' and f'' of a one-variable function at many points; nan where undefined."""

    xs: np.ndarray
    values: np.ndarray
    first: np.ndarray
    second: np.ndarray

    @property
    def defined(self) -> np.ndarray:
        """Where f is finite (the chart draws these, and leaves gaps elsewhere)."""
        return np.isfinite(self.values)


@dataclass(frozen=True)
class FieldSamples:
    """f and its gradient on a grid; arrays shaped (len(ys), len(xs)); nan where undefined."""

    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    dfdx: np.ndarray
    dfdy: np.ndarray

    @property
    def defined(self) -> np.ndarray:
        """Where f and both partial derivatives are finite."""
        return np.isfinite(self.values) & np.isfinite(self.dfdx) & np.isfinite(self.dfdy)


ROUNDING_GAPS = 2
"""Within this many float32 gaps of f, a remainder is rounding."""


@dataclass(frozen=True)
class OneMoreStep:
    """The tutorial's one-more-hour table: what one more step really adds against f'·h."""

    symbol: str
    x: float
    step: float
    value: float | None
    next_value: float | None
    slope: float | None
    second: float | None = None
    """f″(x) (∂²f/∂x² along the step for two variables), from the same tape call."""
    taken: float | None = None
    """The step between the two float32 points the tape was given (``step`` rounded)."""

    @property
    def h(self) -> float:
        """The step the numbers use: the one taken, else the one asked for."""
        return self.step if self.taken is None or self.taken == 0 else self.taken

    @property
    def next_x(self) -> float:
        """The point one step on."""
        return self.x + self.step

    @property
    def change(self) -> float | None:
        """Δf = f(x + h) − f(x)."""
        if self.value is None or self.next_value is None:
            return None
        return self.next_value - self.value

    @property
    def predicted(self) -> float | None:
        """f'(x)·h: what the derivative predicts for the step."""
        return None if self.slope is None else self.slope * self.h

    @property
    def error(self) -> float | None:
        """Δf − f'(x)·h: how far the prediction is off."""
        change, predicted = self.change, self.predicted
        return None if change is None or predicted is None else change - predicted

    @property
    def secant_point(self) -> tuple[float, float] | None:
        """(x + h, f(x + h)), the secant's other point; None where f is undefined there."""
        return None if self.next_value is None else (self.x + self.h, self.next_value)

    @property
    def ratio(self) -> float | None:
        """Δf/h: the secant's slope, which tends to f'(x) as h shrinks."""
        change = self.change
        return None if change is None else change / self.h

    @property
    def bend(self) -> float | None:
        """½·f″(x)·h²: what the remainder Δf − f'(x)·h tends to as h shrinks (Taylor)."""
        return None if self.second is None else 0.5 * self.second * self.h**2

    @property
    def rounding(self) -> float | None:
        """The gap between float32 numbers near f here: what Δf can be off by.

        Below a few of these, the remainder shows TensorFlow's float32 rounding, not the
        curve's bend.
        """
        if self.value is None or self.next_value is None:
            return None
        largest = max(abs(self.value), abs(self.next_value))
        return float(np.spacing(np.float32(largest)))

    @property
    def rounded_away(self) -> bool:
        """True when the remainder is within a few float32 gaps of f: the bend is lost."""
        error, rounding = self.error, self.rounding
        if error is None or rounding is None:
            return False
        return abs(error) <= ROUNDING_GAPS * rounding
