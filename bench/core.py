"""Core figures: batched tape against numpy, and the tape at one point."""

from __future__ import annotations

import functools
import os
from typing import Any

import numpy as np

from bench.common import row, time_ms

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


def _numpy_pay(xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pay and its hand-written derivative, the reference the tape is measured against."""
    return 0.25 * xs**2 + 500, xs / 2


def steady_allocator() -> None:
    """Put glibc's allocator in the state a long-running process reaches: arrays reused.

    glibc maps each block of at least its *mmap threshold* afresh and unmaps it when
    freed, so every call page-faults its arrays in again; the threshold rises to the
    largest such block freed so far (up to 32 MB).  Left to the order of the runs, the
    10^6-point tape (4 MB tensors) and numpy (8 MB arrays) were each 2–3× slower or not,
    depending on which arrays had been freed before: the ratio moved between 1.5× and
    3.8× from run to run.  One 31 MB block freed first sets the threshold above every
    array timed here, for both sides alike.  ``python -m bench`` calls this before any
    module, so that every figure is taken in the same state.  (glibc on 64 bits; with
    ``MALLOC_MMAP_THRESHOLD_`` set, or another allocator, it does nothing.)
    """
    block = np.empty(31 * 2**20, dtype=np.uint8)
    del block


def run() -> list[dict[str, Any]]:
    """The batched-derivative and per-point figures of the core."""
    from tensortown import tape
    from tensortown.catalogue import CATALOGUE

    pay = CATALOGUE["pay"]
    tape.warm(pay)
    rows = []
    for n, repeat in ((10**3, 300), (10**5, 60), (10**6, 25)):
        xs = np.linspace(0, 60, n)  # float64, numpy's default: the reference as one writes it
        xs32 = xs.astype(np.float32)  # the tape computes in float32, as the tutorial does
        tape_ms = time_ms(functools.partial(tape.values_and_slopes, pay, xs32), repeat)
        numpy_ms = time_ms(functools.partial(_numpy_pay, xs), repeat)
        numpy32_ms = time_ms(functools.partial(_numpy_pay, xs32), repeat)
        values, slopes = tape.values_and_slopes(pay, xs32)
        expected_values, expected_slopes = _numpy_pay(xs)
        np.testing.assert_allclose(slopes, expected_slopes, rtol=1e-6)
        np.testing.assert_allclose(values, expected_values, rtol=1e-6)
        label = f"10^{len(str(n)) - 1}"
        rows.append(row(f"tape f, f' at {label} points (float32)", tape_ms))
        rows.append(row(f"numpy f, hand-written f' at {label} points (float64)", numpy_ms))
        ratio = float(np.median(tape_ms) / np.median(numpy_ms))
        goal = 2.5 if n == 10**6 else None
        rows.append(row(f"tape ÷ numpy at {label} points", value=ratio, unit="×", goal=goal))
        ratio32 = float(np.median(tape_ms) / np.median(numpy32_ms))
        rows.append(
            row(f"tape ÷ numpy in float32 at {label} points", value=ratio32, unit="×", note="info")
        )
    point = time_ms(lambda: tape.derivative_at(pay, {"x": 20.0}), 500)
    rows.append(row("gradient + Hessian at one point (traced tape)", point, goal=1.0))
    transcript = time_ms(lambda: tape.tape_transcript(pay, {"x": 20.0}), 300)
    rows.append(row("tutorial's eager tape transcript at one point", transcript))
    return rows
