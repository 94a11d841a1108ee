"""TensorFlow's own optimizers on a function, side by side: what ``model.fit`` does, in 2-D.

Each run puts the start in a ``tf.Variable`` and lets a ``tf.keras.optimizers`` class
(plain gradient descent, momentum, RMSprop, Adam) step it with ``apply_gradients``, every
gradient from ``tf.GradientTape``. The steps run inside one traced ``tf.function``, a
``tf.while_loop`` that records each point, f and ∇f, so there is no Python round trip
per step; the optimizer and its loop are made once per function and optimizer settings
(the learning rate is the optimizer's own variable, so a new rate is not a new trace),
and each run starts from fresh optimizer state.

An optimizer minimises; a walk uphill (``ascent``) minimises −f, as the walk's ascent
adds η·∇f. Why a run stopped uses the walk's words and codes (``flat``, ``edge``,
``undefined``, ``steps``), and one more: ``diverged``, f moving the wrong way at every
step, which is said plainly as a learning rate too large.

Keras is loaded only here, on the first run: TensorTown's import of TensorFlow leaves it
out (see :mod:`tensortown.backend`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from tensortown import backend
from tensortown.catalogue import Function
from tensortown.numbers import format_number
from tensortown.tree import to_tensorflow
from tensortown.walk import FLAT, MAX_STEPS, Step, Stop, Walk, box_of

KINDS = ("sgd", "momentum", "rmsprop", "adam")
"""The optimizers, in the order a table lists them."""
TITLES = {"sgd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSprop", "adam": "Adam"}
RISING_AT_THE_EDGE = 3
"""Steps in a row the wrong way before leaving the box that make it a divergence."""
RISING_INSIDE = 12
"""Steps in a row the wrong way, each longer than the last, that make a divergence."""


@dataclass(frozen=True)
class Settings:
    """An optimizer's parameters: the learning rate η for all, the momentum for
    ``momentum``, β₁ and β₂ for Adam (RMSprop keeps Keras's own ρ = 0.9)."""

    rate: float = 0.1
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999

    def check(self) -> None:
        """ValueError, in words for the user, unless every parameter is usable."""
        if not (math.isfinite(self.rate) and self.rate > 0):
            raise ValueError("the learning rate must be a positive number")
        for name, value in (("momentum", self.momentum), ("β₁", self.beta1), ("β₂", self.beta2)):
            if not (math.isfinite(value) and 0 <= value < 1):
                raise ValueError(f"{name} must be at least 0 and less than 1")

    def words(self, kind: str) -> str:
        """The parameters ``kind`` uses: ``η = 0.1, β₁ = 0.9, β₂ = 0.999``."""
        used = [f"η = {format_number(self.rate)}"]
        if kind == "momentum":
            used.append(f"momentum = {format_number(self.momentum)}")
        elif kind == "adam":
            used += [f"β₁ = {format_number(self.beta1)}", f"β₂ = {format_number(self.beta2)}"]
        return ", ".join(used)


@dataclass(frozen=True)
class Run:
    """One optimizer's run: its steps and why it stopped (a :class:`~tensortown.walk.Walk`)."""

    kind: str
    settings: Settings
    walk: Walk

    def kind_title(self) -> str:
        """The optimizer's name as a person reads it (``gradient descent``, ``Adam``)."""
        return TITLES[self.kind]

    def json(self) -> dict[str, Any]:
        """The parameters, for ``walk --json``."""
        return {"optimizer": self.kind, "settings": asdict(self.settings)}


def optimize(
    function: Function,
    start: dict[str, float],
    kind: str,
    settings: Settings | None = None,
    *,
    steps: int = 50,
    ascent: bool = False,
    box: dict[str, tuple[float, float]] | None = None,
    flat: float = FLAT,
) -> Run:
    """Run TensorFlow's ``kind`` optimizer from ``start`` for at most ``steps`` steps."""
    settings = settings or Settings()
    if kind not in KINDS:
        raise ValueError(f"no optimizer {kind!r} (the optimizers: {', '.join(KINDS)})")
    settings.check()
    if not 0 <= steps <= MAX_STEPS:
        raise ValueError(f"the number of steps must be between 0 and {MAX_STEPS:,}")
    loop = _loop(function, kind, settings.momentum, settings.beta1, settings.beta2)
    vector = np.array([start[s] for s in function.symbols], dtype=np.float32)
    points, values, gradients = loop.run(vector, settings.rate, steps, -1.0 if ascent else 1.0)
    course = Course(function.symbols, box or box_of(function), functools.partial(_why, function))
    walk = course.walk(points, values, gradients, ascent, settings.rate, flat, steps)
    return Run(kind, settings, walk)


def optimize_all(
    function: Function, start: dict[str, float], settings: Settings | None = None, **options: Any
) -> list[Run]:
    """Every optimizer of :data:`KINDS` from the same start, with the same settings."""
    return [optimize(function, start, kind, settings, **options) for kind in KINDS]


class Loop:
    """One optimizer on one function of ``n`` variables (``value_of`` builds f from their
    tensors, in order): its variable, its state and its traced loop."""

    def __init__(
        self,
        kind: str,
        n: int,
        value_of: Callable[[list[Any]], Any],
        *,
        momentum: float = 0.9,
        b1: float = 0.9,
        b2: float = 0.999,
    ) -> None:
        tf = backend.tensorflow()
        self.tf = tf
        optimizers = tf.keras.optimizers  # Keras is loaded here, on the first run
        self.optimizer = {
            "sgd": lambda: optimizers.SGD(learning_rate=0.1),
            "momentum": lambda: optimizers.SGD(learning_rate=0.1, momentum=momentum),
            "rmsprop": lambda: optimizers.RMSprop(learning_rate=0.1),
            "adam": lambda: optimizers.Adam(learning_rate=0.1, beta_1=b1, beta_2=b2),
        }[kind]()
        self.variable = v = tf.Variable(tf.zeros([n]), name="point")
        self.optimizer.build([v])
        optimizer = self.optimizer

        def here() -> tuple[Any, Any, Any]:
            """The point (copied: a read of v would follow it), f and ∇f there."""
            with tf.GradientTape() as tape:
                parts = [v[i] for i in range(n)]
                value = value_of(parts)
            gradient = tape.gradient(value, v, unconnected_gradients=tf.UnconnectedGradients.ZERO)
            return tf.stack(parts), tf.broadcast_to(value, []), gradient

        @tf.function(
            input_signature=[tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.float32)],
            autograph=False,
        )
        def loop(count: Any, sign: Any) -> Any:
            def step(k: Any, points: Any, values: Any, gradients: Any) -> Any:
                point, value, gradient = here()
                points, values = points.write(k, point), values.write(k, value)
                gradients = gradients.write(k, gradient)
                with tf.control_dependencies([points.flow, values.flow, gradients.flow]):
                    optimizer.apply_gradients([(sign * gradient, v)])
                return k + 1, points, values, gradients

            def arrays() -> Any:
                return tf.TensorArray(tf.float32, size=count + 1)

            _, points, values, gradients = tf.while_loop(
                lambda k, *_: k < count, step, (tf.constant(0), arrays(), arrays(), arrays())
            )
            point, value, gradient = here()  # where the last step arrived
            points, values = points.write(count, point), values.write(count, value)
            gradients = gradients.write(count, gradient)
            return points.stack(), values.stack(), gradients.stack()

        self.loop = loop

    def run(
        self, start: np.ndarray, rate: float, steps: int, sign: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Points, f and ∇f of every step from ``start``, the optimizer's state fresh."""
        tf = self.tf
        optimizer = self.optimizer
        self.variable.assign(start)
        for variable in optimizer.variables:  # the step count and the slots, not η
            if variable is not optimizer.learning_rate:
                variable.assign(tf.zeros_like(variable))
        optimizer.learning_rate.assign(rate)
        points, values, gradients = self.loop(tf.constant(steps), tf.constant(sign))
        return points.numpy(), values.numpy(), gradients.numpy()


@functools.lru_cache(maxsize=32)
def _loop(function: Function, kind: str, momentum: float, b1: float, b2: float) -> Loop:
    body, symbols = to_tensorflow(function.expression), function.symbols

    def value_of(parts: list[Any]) -> Any:
        return body(**dict(zip(symbols, parts, strict=True)))

    return Loop(kind, function.arity, value_of, momentum=momentum, b1=b1, b2=b2)


@dataclass(frozen=True)
class Course:
    """How a run's recorded steps are read: the variables' names, the box, and the words
    for an undefined point."""

    symbols: tuple[str, ...]
    limits: dict[str, tuple[float, float]]
    why_undefined: Callable[[dict[str, float]], str]

    def walk(
        self,
        points: np.ndarray,
        values: np.ndarray,
        gradients: np.ndarray,
        ascent: bool,
        rate: float,
        flat: float,
        steps: int,
    ) -> Walk:
        """The steps up to the first reason to stop (the loop ran them all)."""
        symbols, limits = self.symbols, self.limits
        sign = -1.0 if ascent else 1.0
        taken: list[Step] = []
        rising, last_length = 0, 0.0
        for k in range(steps + 1):
            point = {s: float(points[k, i]) for i, s in enumerate(symbols)}
            value = float(values[k])
            gradient: dict[str, float | None] = {
                s: float(gradients[k, i]) for i, s in enumerate(symbols)
            }
            defined = math.isfinite(value) and all(
                math.isfinite(g or 0.0) for g in gradient.values()
            )
            step = Step(
                k,
                point,
                value if defined else None,
                gradient if defined else dict.fromkeys(symbols),
            )
            taken.append(step)
            if not defined:  # overflowed on its way out (growing fast), or truly undefined
                last = taken[-2].value if k else None
                if rising >= 2 or (last is not None and abs(last) > 1e30):
                    return Walk(taken, _diverged(k, rate), ascent, rate)
                reason = f"f is undefined at step {k}: {self.why_undefined(point)}"
                return Walk(taken, Stop("undefined", reason), ascent, rate)
            if k:
                before = taken[-2]
                length = math.dist(before.point.values(), point.values())
                worse = sign * (value - (before.value or 0.0)) > 0
                rising = rising + 1 if worse and length > last_length else 0
                last_length = length
                if rising >= RISING_INSIDE:
                    return Walk(taken, _diverged(k, rate), ascent, rate)
            norm = step.norm or 0.0
            if norm < flat:
                return Walk(
                    taken,
                    Stop("flat", f"converged: |∇f| = {norm:.2g} is below {flat:.2g}"),
                    ascent,
                    rate,
                )
            if k == steps:
                return Walk(taken, Stop("steps", f"took all {steps} steps"), ascent, rate)
            following = {s: float(points[k + 1, i]) for i, s in enumerate(symbols)}
            outside = [s for s, x in following.items() if not limits[s][0] <= x <= limits[s][1]]
            if outside:
                later = float(values[k + 1])
                if not math.isfinite(later) or sign * (later - value) > 0:
                    rising += 1
                if rising >= RISING_AT_THE_EDGE:
                    return Walk(taken, _diverged(k, rate), ascent, rate)
                s = outside[0]
                lo, hi = limits[s]
                where = f"{s} = {following[s]:.4g} ({lo:g}..{hi:g})"
                return Walk(
                    taken, Stop("edge", f"the next step leaves the box at {where}"), ascent, rate
                )
        raise AssertionError("unreachable: the last step stops the walk")


def _diverged(k: int, rate: float) -> Stop:
    return Stop(
        "diverged",
        f"diverged at step {k}: f moved the wrong way at every step, each step longer: "
        f"the learning rate (η = {format_number(rate)}) is too large",
    )


def _why(function: Function, point: dict[str, float]) -> str:
    """Why ``function`` is undefined at ``point``, in the tape's words."""
    from tensortown import tape

    return tape.derivative_at(function, point).undefined or "a number is not finite"
