"""Derivatives from ``tf.GradientTape``: at a point, over a curve and over a field.

Every derivative TensorTown shows comes from here, and every one of them from a
tape: nested tapes for second derivatives, one batched call for a whole curve or
field (a ``tf.function`` with an input signature, traced once per function and
cached), and, for the tape panel, the tutorial's own eager code whose watched
variables and gradient are printed exactly as TensorFlow prints them.

TensorFlow is imported on first use (see :mod:`tensortown.backend`).
"""

from __future__ import annotations

import functools
import math
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from tensortown import backend
from tensortown.catalogue import Function
from tensortown.results import (
    CurveSamples,
    FieldSamples,
    PointResult,
    Transcript,
)
from tensortown.tree import (
    to_tensorflow,
    undefined_reason,
)

# --- compiled tape functions, one set per Function ----------------------------------------


class _Compiled:
    """The traced ``tf.function``s of one function: point, curve and field."""

    def __init__(self, function: Function) -> None:
        tf = backend.tensorflow()
        self.tf = tf
        self.function = function
        self.body = to_tensorflow(function.expression)
        symbols = function.symbols
        body = self.body
        n = len(symbols)
        zero = tf.UnconnectedGradients.ZERO
        # autograph=False: these bodies are straight-line tape code (the expression is
        # plain TensorFlow ops, see ``to_tensorflow``), so autograph would build the same
        # graph; converting them cost ~0.1 s on the first trace, before the first numbers.

        @tf.function(
            input_signature=[
                tf.TensorSpec([n], tf.float32),
                tf.TensorSpec([None, n], tf.float32),
            ],
            reduce_retracing=True,
            autograph=False,
        )
        def point(v: Any, moved: Any) -> Any:
            """f, ∇f and the Hessian at ``v``, and f at each row of ``moved`` (one call)."""
            parts = [v[i] for i in range(n)]
            with tf.GradientTape(persistent=True) as outer:
                outer.watch(parts)
                with tf.GradientTape() as inner:
                    inner.watch(parts)
                    value = body(**dict(zip(symbols, parts, strict=True)))
                grads = inner.gradient(value, parts, unconnected_gradients=zero)
            rows = [tf.stack(outer.gradient(g, parts, unconnected_gradients=zero)) for g in grads]
            del outer
            there = body(**{s: moved[:, i] for i, s in enumerate(symbols)})
            there = tf.broadcast_to(there, tf.shape(moved)[:1])  # a constant f is a scalar
            return value, tf.stack(grads), tf.stack(rows), there

        symbol = symbols[0]
        across, up = function.axes or ("x", "y")

        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)], autograph=False)
        def curve(xs: Any) -> Any:
            with tf.GradientTape() as outer:
                outer.watch(xs)
                with tf.GradientTape() as inner:
                    inner.watch(xs)
                    values = body(**{symbol: xs})
                first = inner.gradient(values, xs, unconnected_gradients=zero)
            second = outer.gradient(first, xs, unconnected_gradients=zero)
            return values, first, second

        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)], autograph=False)
        def slopes(xs: Any) -> Any:
            with tf.GradientTape() as inner:
                inner.watch(xs)
                values = body(**{symbol: xs})
            return values, inner.gradient(values, xs, unconnected_gradients=zero)

        @tf.function(
            input_signature=[
                tf.TensorSpec([None, None], tf.float32),
                tf.TensorSpec([None, None], tf.float32),
            ],
            autograph=False,
        )
        def grid(gx: Any, gy: Any) -> Any:
            with tf.GradientTape() as tape:
                tape.watch([gx, gy])
                values = body(**{across: gx, up: gy})
            dfdx, dfdy = tape.gradient(values, [gx, gy], unconnected_gradients=zero)
            return values, dfdx, dfdy

        self.point = point
        self._point_call: Any = None
        self._flat_call: Any = None
        self.curve = curve
        self.slopes = slopes
        self.grid = grid
        self._variables: list[Any] | None = None
        self.transcript_lock = threading.Lock()

    def at(self, vector: np.ndarray, moved: np.ndarray) -> tuple[Any, Any, Any, Any]:
        """``point`` through its concrete function, called with its two flat tensors.

        The polymorphic function matches the signature on every call, and even the
        concrete function's ``__call__`` binds and casts its arguments through several
        Python layers: a cursor move's whole tape call was about 0.5 ms, and up to 2 ms
        when the machine had done other work since the last move (its caches cold).  The
        signature is fixed (two float32 vectors), so ``_call_flat``, the concrete
        function's own flat entry, takes the tensors as they are: 0.1 ms less per call
        hot, 0.4 ms cold.  Should a TensorFlow release drop it, the public call is used
        (``tests/core/test_tape_properties.py`` holds the two to the same numbers).
        """
        if self._point_call is None:
            self._point_call = self.point.get_concrete_function()
            self._flat_call = getattr(self._point_call, "_call_flat", None)
        if self._flat_call is None:
            return self._point_call(vector, moved)
        tf = self.tf
        outputs = self._flat_call(
            [tf.constant(vector), tf.constant(moved)], self._point_call.captured_inputs
        )
        return tuple(outputs)

    def variables(self) -> list[Any]:
        """The tutorial's named ``tf.Variable``s, made once and assigned per point."""
        if self._variables is None:
            tf = self.tf
            self._variables = [
                tf.Variable(v.default, name=v.tf_name, dtype=tf.float32)
                for v in self.function.variables
            ]
        return self._variables

    def warm(self) -> None:
        """Trace every function once, so the first keystroke finds them ready."""
        n = self.function.arity
        self.at(np.ones(n, dtype=np.float32), np.ones((1, n), dtype=np.float32))
        if n == 1:
            self.curve(np.ones(2, dtype=np.float32))
        if self.function.axes is not None:
            self.grid(np.ones((2, 2), dtype=np.float32), np.ones((2, 2), dtype=np.float32))


@functools.lru_cache(maxsize=64)
def compiled(function: Function) -> _Compiled:
    """The cached, traced tape functions for ``function``."""
    return _Compiled(function)


def warm(function: Function) -> None:
    """Load TensorFlow and trace ``function``'s tape calls (for a worker thread)."""
    compiled(function).warm()


# --- at a point ---------------------------------------------------------------------------


def finite_or_none(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def point_vector(
    function: Function, point: dict[str, float]
) -> tuple[dict[str, float], np.ndarray]:
    symbols = function.symbols
    missing = [s for s in symbols if s not in point]
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    coords = {s: float(point[s]) for s in symbols}
    with np.errstate(over="ignore"):
        vector = np.array([coords[s] for s in symbols], dtype=np.float32)
    if not np.all(np.isfinite(vector)):
        raise ValueError("the point is outside float32's range (about ±3.4e38)")
    return coords, vector


def derivative_at(
    function: Function, point: dict[str, float], *, transcript: bool = False
) -> PointResult:
    """f, the gradient and the Hessian at ``point`` from nested tapes; the tape code if asked."""
    coords, vector = point_vector(function, point)
    value_t, grads_t, hessian_t, _ = compiled(function).at(vector, vector[None, :])
    return point_result(function, coords, value_t, grads_t, hessian_t, transcript=transcript)


def point_result(
    function: Function,
    coords: dict[str, float],
    value_t: Any,
    grads_t: Any,
    hessian_t: Any,
    *,
    transcript: bool = False,
) -> PointResult:
    symbols = function.symbols
    value = finite_or_none(value_t)
    grads = grads_t.numpy()
    gradient = {s: finite_or_none(grads[i]) for i, s in enumerate(symbols)}
    hessian = [[finite_or_none(h) for h in row] for row in hessian_t.numpy()]
    reason = undefined_text(
        function, coords, value is not None, [g is not None for g in gradient.values()]
    )
    if value is None:
        gradient = dict.fromkeys(symbols)
        hessian = [[None] * len(symbols) for _ in symbols]
    return PointResult(
        function=function,
        point=coords,
        value=value,
        gradient=gradient,
        hessian=hessian,
        undefined=reason,
        transcript=tape_transcript(function, coords) if transcript else None,
    )


def undefined_text(
    function: Function, coords: dict[str, float], value: bool, gradient: Sequence[bool]
) -> str | None:
    """Why the point is undefined, given whether f and each partial are finite; or None."""
    if not value:
        return undefined_reason(function.expression, coords) or "f is not finite here"
    if not all(gradient):
        names = ", ".join(
            _derivative_name(function, s)
            for s, ok in zip(function.symbols, gradient, strict=True)
            if not ok
        )
        return f"{names} is not finite here (the slope is vertical or undefined)"
    return None


def _derivative_name(function: Function, symbol: str) -> str:
    if function.arity == 1:
        return f"f'({symbol})"
    return f"∂f/∂{symbol}"


def value_at(function: Function, point: dict[str, float]) -> float | None:
    """f at ``point`` from the same traced tape call, or None where undefined."""
    vector = np.array([float(point[s]) for s in function.symbols], dtype=np.float32)
    value, _, _, _ = compiled(function).at(vector, vector[None, :])
    return finite_or_none(value)


def tape_transcript(function: Function, point: dict[str, float]) -> Transcript:
    """Run the tutorial's eager GradientTape code and keep what it prints."""
    tf = backend.tensorflow()
    ready = compiled(function)
    body = ready.body
    variables = ready.variables()
    # The named variables are shared by every caller: assign, record and print as one.
    with ready.transcript_lock:
        for variable, spec in zip(variables, function.variables, strict=True):
            variable.assign(float(point[spec.symbol]))
        with tf.GradientTape() as tape:
            result = body(
                **{v.symbol: var for v, var in zip(function.variables, variables, strict=True)}
            )
        watched = str(tape.watched_variables())
        if len(variables) == 1:
            gradient = str(tape.gradient(result, variables[0]))
        else:
            gradient = str(tape.gradient(result, tuple(variables)))
    return Transcript(
        code=tape_code(function, point),
        watched=watched,
        gradient=gradient,
        heading=_heading(function, point),
    )


def _heading(function: Function, point: dict[str, float]) -> str:
    args = ", ".join(function.symbols)
    parts = [f"{s} = {_literal(point[s])}" for s in function.symbols]
    where = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 2 else parts)
    return f"Derivative of f({args}) at {where}:"


def _literal(value: float) -> str:
    return f"{value:g}"


def tape_code(function: Function, point: dict[str, float]) -> str:
    """The GradientTape code for ``function`` at ``point``, in the tutorial's words."""
    lines = [
        f"{v.symbol} = tf.Variable({float(point[v.symbol])!r}, name={v.tf_name!r})"
        for v in function.variables
    ]
    args = ", ".join(function.symbols)
    lines += [
        "with tf.GradientTape() as tape:",
        f"    f = lambda {args}: {function.tensorflow_source()}",
        f"    result = f({args})",
        'print("Watched variables:")',
        "print(tape.watched_variables())",
        f'print("\\n{_heading(function, point)}")',
    ]
    target = function.symbols[0] if function.arity == 1 else f"({args})"
    lines.append(f"print(tape.gradient(result, {target}))")
    return "\n".join(lines)


# --- over a batch -------------------------------------------------------------------------


def _nan_where_notfinite_or_none(array: Any) -> np.ndarray:
    out = np.asarray(array, dtype=np.float64)
    out[~np.isfinite(out)] = np.nan
    return out


def curve(function: Function, xs: np.ndarray) -> CurveSamples:
    """f, f' and f'' at every x in one tape call (the function's first variable)."""
    if function.arity != 1:
        raise ValueError(f"a curve needs a function of one variable, not of {function.arity}")
    xs32 = np.ascontiguousarray(xs, dtype=np.float32)
    values, first, second = compiled(function).curve(xs32)
    values = _nan_where_notfinite_or_none(values)
    first = _nan_where_notfinite_or_none(first)
    second = _nan_where_notfinite_or_none(second)
    first[np.isnan(values)] = np.nan
    second[np.isnan(values)] = np.nan
    return CurveSamples(np.asarray(xs, dtype=np.float64), values, first, second)


def values_and_slopes(function: Function, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f and f' at every x (float32, as the tape gives them) in one tape call; no f''."""
    if function.arity != 1:
        raise ValueError(f"slopes need a function of one variable, not of {function.arity}")
    values, first = compiled(function).slopes(np.ascontiguousarray(xs, dtype=np.float32))
    return values.numpy(), first.numpy()


def field(function: Function, xs: np.ndarray, ys: np.ndarray) -> FieldSamples:
    """f and its partials along the field's axes (``function.axes``: x and y, or the two
    variables it has) on the grid ``xs`` × ``ys``, in one tape call."""
    if function.axes is None:
        raise ValueError(
            f"a field needs a function of two variables (or of x or y), not of "
            f"{', '.join(function.symbols)}"
        )
    gx, gy = np.meshgrid(
        np.asarray(xs, dtype=np.float32), np.asarray(ys, dtype=np.float32), indexing="xy"
    )
    values, dfdx, dfdy = compiled(function).grid(gx, gy)
    values = _nan_where_notfinite_or_none(values)
    dfdx = _nan_where_notfinite_or_none(dfdx)
    dfdy = _nan_where_notfinite_or_none(dfdy)
    return FieldSamples(
        np.asarray(xs, dtype=np.float64), np.asarray(ys, dtype=np.float64), values, dfdx, dfdy
    )
