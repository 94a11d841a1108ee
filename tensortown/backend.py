"""TensorFlow, loaded lazily and quietly.

``import tensortown`` never imports TensorFlow: the 2–4 s import happens on the
first call of :func:`tensorflow`, with its start-up noise silenced so that no
line can land on a terminal UI.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterator
from typing import Any

_lock = threading.Lock()
_module: Any = None
_stderr_diverted = False


class BackendUnavailable(RuntimeError):
    """TensorFlow could not be imported; the message says how to fix it."""


_failure: BackendUnavailable | None = None
"""Why the import failed, once it has."""


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Point file descriptor 2 at /dev/null for the duration (C++ logging ignores sys.stderr)."""
    if _stderr_diverted:  # fd 2 already leads away from the terminal
        yield
        return
    try:
        saved = os.dup(2)
    except OSError:  # no real stderr (e.g. some test runners): nothing to silence
        yield
        return
    try:
        sys.stderr.flush()
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection during the import; what it made is frozen (``gc.freeze``).

    The import makes hundreds of thousands of objects that live as long as the process.
    The cyclic collector's full passes over them were a large part of the import, and
    every later full pass would walk them all again (a stall on whichever thread triggers
    it).  So the collector waits, and the import's objects go to the permanent generation
    it never visits; with them goes a little garbage, a price paid once.  The collector's
    state before the import is restored after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        if enabled:
            gc.enable()


_NOT_USED = ("keras", "tf_keras")
"""Packages TensorFlow's import loads that TensorTown never uses (see :func:`_without`)."""


@contextlib.contextmanager
def _without(names: tuple[str, ...]) -> Iterator[None]:
    """Import nothing by these top-level names for the duration (``None`` in ``sys.modules``).

    ``import tensorflow`` imports Keras eagerly, in a ``try`` that lets an ``ImportError``
    pass, only to register Keras's optimizers; ``tf.keras`` itself is loaded on first use.
    Keras is a noticeable part of the import's time and memory.  Blocked while TensorFlow
    imports, and no longer after: ``tf.keras`` still loads Keras if a caller asks for it.
    """
    blocked = [name for name in names if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in blocked:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


@contextlib.contextmanager
def divert_native_stderr(log_path: str = os.devnull) -> Iterator[None]:
    """Keep native writes to fd 2 off the terminal for as long as an app draws on it.

    Textual draws on ``sys.__stderr__`` (fd 2), so silencing fd 2 around the
    TensorFlow import would blank the screen.  Instead the terminal moves to a
    duplicate descriptor that ``sys.__stderr__``/``sys.stderr`` now write to, and
    fd 2 itself, where TensorFlow's C++ logging goes, points at ``log_path``.
    """
    global _stderr_diverted
    try:
        terminal_fd = os.dup(2)
    except OSError:
        yield
        return
    saved_streams = (sys.stderr, sys.__stderr__)
    terminal = os.fdopen(terminal_fd, "w", buffering=1, encoding="utf-8", errors="replace")
    sys.stderr.flush()
    with open(log_path, "a") as log:
        os.dup2(log.fileno(), 2)
    sys.stderr = sys.__stderr__ = terminal  # type: ignore[misc]
    _stderr_diverted = True
    try:
        yield
    finally:
        _stderr_diverted = False
        terminal.flush()
        os.dup2(terminal_fd, 2)
        sys.stderr, sys.__stderr__ = saved_streams  # type: ignore[misc]
        terminal.close()


def is_loaded() -> bool:
    """True when TensorFlow has been imported by :func:`tensorflow`."""
    return _module is not None


def tensorflow() -> Any:
    """Import TensorFlow once (thread-safe), silenced, and return the module.

    A failed import is not tried again: the same :class:`BackendUnavailable` is raised.
    """
    global _module, _failure
    if _module is not None:
        return _module
    with _lock:
        if _module is None:
            os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
            os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
            if os.environ.get("TENSORTOWN_FAIL_TF_IMPORT"):
                # Lets tests and users see exactly what a broken installation looks like.
                raise BackendUnavailable(_advice("simulated failure (TENSORTOWN_FAIL_TF_IMPORT)"))
            if _failure is not None:  # importing a half-imported TensorFlow again can abort
                raise _failure
            try:
                with _quiet_stderr(), _collector_paused(), _without(_NOT_USED):
                    import tensorflow as tf

                    tf.get_logger().setLevel("ERROR")
            except Exception as error:  # ImportError, or a broken native library
                _failure = BackendUnavailable(_advice(f"{type(error).__name__}: {error}"))
                raise _failure from error
            _module = tf
    return _module


def _advice(cause: str) -> str:
    return (
        f"TensorFlow could not be loaded ({cause}). "
        "Reinstall it with `make setup` or `pip install tensorflow-cpu`."
    )
