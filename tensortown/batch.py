"""Many points through one traced tape call: f, the gradient and the Hessian of each.

``grad --points``, ``plot --json`` and ``field --json`` send their points here in
chunks: a ``tf.function`` over a ``[None, n]`` matrix, traced once per function,
with the same nested tapes as :func:`tensortown.tape.derivative_at` applied to a
column per variable.  f at one row depends only on that row, so the gradient of
the batch's f (its sum) with respect to a column is every row's partial at once,
and the same again for the second derivatives: n + 1 gradients for the whole
chunk, however many rows it has.

The records are what ``grad --json`` prints for one point (see
:func:`tensortown.shapes.point_record`), built from the chunk's arrays with numpy
masks rather than one Python object per number.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from tensortown import backend
from tensortown.catalogue import Function
from tensortown.tape import undefined_text


class _BatchTape:
    """The traced batch call of one function."""

    def __init__(self, function: Function) -> None:
        from tensortown.tape import compiled

        tf = backend.tensorflow()
        body = compiled(function).body
        symbols = function.symbols
        n = len(symbols)
        zero = tf.UnconnectedGradients.ZERO

        @tf.function(input_signature=[tf.TensorSpec([None, n], tf.float32)], autograph=False)
        def batch(points: Any) -> Any:
            columns = [points[:, i] for i in range(n)]
            with tf.GradientTape(persistent=True) as outer:
                outer.watch(columns)
                with tf.GradientTape() as inner:
                    inner.watch(columns)
                    values = body(**dict(zip(symbols, columns, strict=True)))
                    values = tf.broadcast_to(values, tf.shape(points)[:1])  # a constant f
                grads = inner.gradient(values, columns, unconnected_gradients=zero)
            rows = [
                tf.stack(outer.gradient(g, columns, unconnected_gradients=zero), axis=1)
                for g in grads
            ]
            del outer
            return values, tf.stack(grads, axis=1), tf.stack(rows, axis=1)

        self.tf = tf
        self.batch = batch

    def __call__(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        values, grads, hessians = self.batch(self.tf.constant(points))
        return values.numpy(), grads.numpy(), hessians.numpy()


@functools.lru_cache(maxsize=16)
def _tape(function: Function) -> _BatchTape:
    return _BatchTape(function)


@dataclass(frozen=True)
class Batch:
    """f, the gradients and the Hessians at a chunk of points, as float32 arrays."""

    function: Function
    points: np.ndarray
    """``(rows, n)`` float64: the points as given (the tape saw them as float32)."""
    values: np.ndarray
    """``(rows,)``"""
    gradients: np.ndarray
    """``(rows, n)``"""
    hessians: np.ndarray
    """``(rows, n, n)``"""

    def __len__(self) -> int:
        return len(self.values)

    @property
    def defined(self) -> np.ndarray:
        """Per row: f and every partial are finite."""
        return np.isfinite(self.values) & np.isfinite(self.gradients).all(axis=1)

    def records(self, head: bool = True) -> Iterator[dict[str, Any]]:
        """One ``grad --json`` record per row, in order (None where not finite); without
        ``head``, without the function and expression (a chart's samples)."""
        function = self.function
        symbols = function.symbols
        n = len(symbols)
        value_ok = np.isfinite(self.values)
        grad_ok = np.isfinite(self.gradients)
        hess_ok = np.isfinite(self.hessians) & value_ok[:, None, None]
        grad_ok &= value_ok[:, None]
        points = self.points.tolist()
        values = _nulled(self.values, value_ok)
        gradients = _nulled(self.gradients, grad_ok)
        hessians = _nulled(self.hessians, hess_ok)
        key, source = function.key, function.source
        defined = (value_ok & grad_ok.all(axis=1)).tolist()
        for r, point in enumerate(points):
            coords = dict(zip(symbols, point, strict=True))
            reason = None
            if not defined[r]:
                ok = grad_ok[r].tolist()
                reason = undefined_text(function, coords, values[r] is not None, ok)
            gradient = gradients[r]
            record = {"function": key, "expression": source} if head else {}
            yield record | {
                "point": coords,
                "value": values[r],
                "gradient": dict(zip(symbols, gradient, strict=True)) if n else {},
                "hessian": hessians[r],
                "undefined": reason,
            }

    def columns(self, null: str) -> list[list[str]]:
        """The records' numbers as text, a list per column of :func:`column_names` but the
        last (the point, f, the gradient, the Hessian row by row), ``null`` where a record
        has None: what :meth:`json_lines` and :meth:`csv_rows` lay out."""
        n = self.function.arity
        value_ok = np.isfinite(self.values)
        columns = [_texts(self.points[:, i], np.ones(len(self), bool), null) for i in range(n)]
        columns.append(_texts(self.values, value_ok, null))
        columns += [_texts(self.gradients[:, i], value_ok, null) for i in range(n)]
        columns += [
            _texts(self.hessians[:, i, j], value_ok, null) for i in range(n) for j in range(n)
        ]
        return columns

    @functools.cached_property
    def reasons(self) -> list[str | None]:
        """Per row, why it is undefined (None where defined): worked out once a batch, in
        Python for each undefined row."""
        function, symbols = self.function, self.function.symbols
        value_ok = np.isfinite(self.values)
        grad_ok = np.isfinite(self.gradients)
        reasons: list[str | None] = [None] * len(self)
        for r in np.flatnonzero(~(value_ok & grad_ok.all(axis=1))).tolist():
            coords = dict(zip(symbols, self.points[r].tolist(), strict=True))
            reasons[r] = undefined_text(function, coords, bool(value_ok[r]), grad_ok[r].tolist())
        return reasons

    def json_lines(self, head: bool = True) -> list[str]:
        """Each row's record as ``json.dumps`` writes it, laid out from :meth:`columns`
        (the same text as ``json.dumps(record)`` for each of :meth:`records`)."""
        n = self.function.arity
        columns = self.columns("null")
        reasons = ["null" if r is None else json.dumps(r) for r in self.reasons]
        symbols = [json.dumps(s) for s in self.function.symbols]
        start = "{"
        if head:
            start += (
                f'"function": {json.dumps(self.function.key)}, '
                f'"expression": {json.dumps(self.function.source)}, '
            ).replace("%", "%%")
        point = ", ".join(f"{s}: %s" for s in symbols)
        gradient = ", ".join(f"{s}: %s" for s in symbols)
        rows = ", ".join("[" + ", ".join(["%s"] * n) + "]" for _ in range(n))
        template = (
            f'{start}"point": {{{point}}}, "value": %s, "gradient": {{{gradient}}}, '
            f'"hessian": [{rows}], "undefined": %s}}'
        )
        return [template % row for row in zip(*columns, reasons, strict=True)]

    def csv_rows(self) -> list[list[str]]:
        """The rows for ``--csv`` under :func:`column_names`: empty where None."""
        reasons = ["" if r is None else r for r in self.reasons]
        return [list(row) for row in zip(*self.columns(""), reasons, strict=True)]


def column_names(function: Function) -> list[str]:
    """The CSV header: the record's fields, nested names joined with dots
    (``gradient.x``, ``hessian.x.y``); ``function`` and ``expression`` are the command's."""
    s = function.symbols
    return [
        *s,
        "value",
        *(f"gradient.{v}" for v in s),
        *(f"hessian.{a}.{b}" for a in s for b in s),
        "undefined",
    ]


def _texts(column: np.ndarray, value_ok: np.ndarray, null: str) -> list[str]:
    """``repr`` of each float, ``null`` where it or the row's f is not finite."""
    # repr is most of the cost of a line: write each distinct number once (a Hessian's
    # entries are often one constant), and index.
    # (by bit pattern: 0.0 and -0.0 are equal, and written differently)
    bits = np.ascontiguousarray(column).view(f"u{column.dtype.itemsize}")
    distinct, index = np.unique(bits, return_inverse=True)
    if len(distinct) < len(column) // 2:
        words = list(map(repr, distinct.view(column.dtype).astype(np.float64).tolist()))
        texts = list(map(words.__getitem__, index.ravel().tolist()))
    else:
        texts = list(map(repr, column.astype(np.float64).tolist()))
    for r in np.flatnonzero(~(np.isfinite(column) & value_ok)).tolist():
        texts[r] = null
    return texts


def _nulled(array: np.ndarray, ok: np.ndarray) -> list[Any]:
    """``array`` as nested lists of Python floats, None where ``ok`` is False."""
    values = array.astype(np.float64).astype(object)
    values[~ok] = None
    result: list[Any] = values.tolist()
    return result


def evaluate(function: Function, points: np.ndarray) -> Batch:
    """The tape at every row of ``points`` (``(rows, n)``, the function's variables in
    order), in one call; float32's range is checked by the caller."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, function.arity) + 0.0  # no -0
    with np.errstate(over="ignore"):
        as32 = np.ascontiguousarray(points, dtype=np.float32)
    values, grads, hessians = _tape(function)(as32)
    return Batch(function, points, values, grads, hessians)


def records(function: Function, chunks: Iterable[np.ndarray]) -> Iterator[dict[str, Any]]:
    """The record of every point of every chunk, in order, a chunk at a time."""
    for chunk in chunks:
        yield from evaluate(function, chunk).records()
