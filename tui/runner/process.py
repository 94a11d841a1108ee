"""TensorFlow in a process of its own: it imports and computes beside the app, not in it.

TensorFlow's import takes seconds and holds the interpreter's lock for nearly all of
them, so in the app's process nothing else ran meanwhile: the first numbers came only
after the first frame, the import and the first trace, one after the other.  In a second
process, started before the app imports Textual, the import runs on the other core while
the app draws its first screen, and the app never waits behind TensorFlow's lock.

:class:`ProcessRunner` keeps :class:`~tui.runner.base.ThreadRunner`'s promise (one job at a time,
in order; a job cancelled before it started is dropped) and sends each job across a pipe:
the job is a module-level function of :mod:`tui.runner.jobs` (or another module that does not
import Textual), pickled by name with its arguments, and the result or the error comes
back the same way.  The app's event loop writes each job and reads each reply itself
(``add_reader``): no thread of the app's hands a result over, or waits for the lock.

The process is ``python -P -c "…serve()"`` (``-P``: a ``random.py`` in the directory
TensorTown is run from cannot shadow the standard library); it ends when the pipe
closes, so it never outlives the app.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

T = TypeVar("T")

_LENGTH = struct.Struct("!I")
"""Each message is its length, then its pickle."""

_OWN_PACKAGES = ("tensortown", "tui")
"""Errors of these packages cross as themselves; others as their nearest built-in class."""

_Entry = tuple["asyncio.Future[Any] | None", Callable[..., Any], tuple[Any, ...]]


class ProcessRunner:
    """TensorFlow's jobs run in a child process, one at a time, in the order submitted."""

    def __init__(self) -> None:
        # The process's stderr, kept (unnamed) for its last words if it dies.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed when the process ends
        root = str(Path(__file__).resolve().parents[2])  # where this ``tui`` comes from
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-P",
                "-c",
                f"import sys; sys.path.append({root!r}); "
                "from tui.runner.process import serve; serve()",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,  # TensorFlow's C++ logging must not reach the screen
            close_fds=True,
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._requests: IO[bytes] = self._process.stdin
        self._replies: IO[bytes] = self._process.stdout
        os.set_blocking(self._replies.fileno(), False)
        self._pending: collections.deque[_Entry] = collections.deque()
        self._running: _Entry | None = None
        """The job the process is running (its future is None for a detached job)."""
        self._running_since = 0.0
        """When the running job was sent (``time.monotonic()``)."""
        self.answered = False
        """True once the process has answered a job (it got as far as running one)."""
        self._received = bytearray()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lost: str | None = None
        """Why no more jobs can run, once the process has gone."""
        self._stopping = False
        self._on_lost: Callable[[str], None] | None = None
        with contextlib.suppress(RuntimeError):  # started on a loop: its end is seen at once
            self._attach(asyncio.get_running_loop())

    @property
    def pid(self) -> int:
        """The runner process's id."""
        return self._process.pid

    @property
    def on_lost(self) -> Callable[[str], None] | None:
        """Called once, on the app's loop, if the process ends: with why, in words.

        Given after the process has already gone (it died while the app was starting),
        it is called at once.
        """
        return self._on_lost

    @on_lost.setter
    def on_lost(self, callback: Callable[[str], None] | None) -> None:
        self._on_lost = callback
        if callback is not None and self._lost is not None and not self._stopping:
            callback(self._lost)

    def submit(self, job: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        """Queue ``job(*args)``; await the result (cancelling it skips a job not yet started).

        Once the process has gone, the future comes back cancelled.
        """
        loop = asyncio.get_running_loop()
        self._attach(loop)
        future: asyncio.Future[T] = loop.create_future()
        if self._lost is not None:
            future.cancel()
            return future
        self._pending.append((future, job, args))
        self._next()
        return future

    def submit_detached(self, job: Callable[..., Any], *args: Any) -> None:
        """Queue ``job(*args)`` whose result nobody waits for (any error is dropped too)."""
        if self._lost is None:
            self._pending.append((None, job, args))
            self._next()

    def stop(self, timeout: float = 0.0) -> bool:
        """Drop the queued jobs and end the process at once (it holds nothing to keep)."""
        self._stopping = True
        self._lose("the app is closing")
        return True

    # --- the loop's side of the pipe ------------------------------------------------------

    def _attach(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._loop is loop:
            return
        if self._lost is None and self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(self._replies.fileno())
        self._loop = loop
        if self._lost is None:
            loop.add_reader(self._replies.fileno(), self._readable)

    def _next(self) -> None:
        """Send the next job not cancelled, unless one is running."""
        while self._running is None and self._pending and self._lost is None:
            entry = self._pending.popleft()
            future, job, args = entry
            if future is not None and future.cancelled():
                continue
            try:
                data = pickle.dumps((job, args), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # arguments that cannot cross: the job's own error
                if future is not None:
                    future.set_exception(error)
                continue
            try:
                self._requests.write(_LENGTH.pack(len(data)) + data)
                self._requests.flush()
            except OSError:  # the process has gone
                self._pending.appendleft(entry)
                self._lose(self._ended())
                return
            self._running = entry
            self._running_since = time.monotonic()

    def running_for(self, *, unwanted: bool = False) -> float:
        """Seconds the running job has been running (0 if none); with ``unwanted``, only a
        job whose future was cancelled, which nobody waits for any more."""
        running = self._running
        if running is None or self._lost is not None:
            return 0.0
        future = running[0]
        if unwanted and (future is None or not future.cancelled()):
            return 0.0
        return time.monotonic() - self._running_since

    def _readable(self) -> None:
        """Read what the process wrote; settle the running job once its reply is whole."""
        try:
            while chunk := os.read(self._replies.fileno(), 1 << 16):
                self._received += chunk
            ended = True  # os.read gave b"": the pipe's other end has closed
        except BlockingIOError:
            ended = False
        except OSError:
            ended = True
        while len(self._received) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self._received)
            if len(self._received) < _LENGTH.size + size:
                break
            data = bytes(self._received[_LENGTH.size : _LENGTH.size + size])
            del self._received[: _LENGTH.size + size]
            self._settle(data)
        if ended:
            self._lose(self._ended())

    def _settle(self, data: bytes) -> None:
        self.answered = True
        running, self._running = self._running, None
        future = running[0] if running is not None else None
        try:
            ok, value = pickle.loads(data)
        except Exception as error:  # a result this process cannot load: the job's error
            ok, value = False, RuntimeError(f"{type(error).__name__}: {error}")
        if future is not None and not future.done():
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._next()

    def _ended(self) -> str:
        """Why the process is gone, with its exit status and its last line on stderr."""
        try:
            code = self._process.wait(timeout=2)
        except subprocess.TimeoutExpired:  # its pipe broke but it lives on: end it
            self._process.kill()
            code = self._process.wait()
        said = ""
        with contextlib.suppress(OSError, ValueError):
            self._log.seek(0)
            lines = self._log.read()[-4096:].decode(errors="replace").strip().splitlines()
            said = f" ({lines[-1].strip()[:200]})" if lines else ""
        how = f"ended (exit status {code})"
        if code < 0:  # ended by a signal: the kernel's out-of-memory killer, say
            with contextlib.suppress(ValueError):
                how = f"was killed ({signal.Signals(-code).name})"
        return f"TensorFlow's process {how}{said}"

    def _lose(self, why: str) -> None:
        """No more jobs: end the process, cancel every future, and say why (once)."""
        first = self._lost is None
        if first:
            self._lost = why
        if self._loop is not None and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError, ValueError, OSError):
                self._loop.remove_reader(self._replies.fileno())
        if self._process.poll() is None:
            self._process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(timeout=5)
        running, self._running = self._running, None
        for future, _job, _args in [*([running] if running else []), *self._pending]:
            if future is not None:
                with contextlib.suppress(RuntimeError):  # its loop has closed
                    future.cancel()
        self._pending.clear()
        for pipe in (self._requests, self._replies, self._log):
            with contextlib.suppress(OSError):
                pipe.close()
        if first and not self._stopping and self._on_lost is not None:
            self._on_lost(why)


# --- the runner process's side -----------------------------------------------------------------


def _send(pipe: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_LENGTH.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: IO[bytes]) -> bytes:
    head = pipe.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the pipe closed")
    (size,) = _LENGTH.unpack(head)
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError("the pipe closed mid-message")
    return data


def crossing(error: BaseException) -> BaseException:
    """``error`` as it can cross to the app: its own class if ours or built in, else the
    nearest built-in class with its message (a TensorFlow error must not import
    TensorFlow into the app when it is unpickled)."""
    kind = type(error)
    if not isinstance(error, Exception):  # SystemExit, KeyboardInterrupt: not for the app
        return RuntimeError(f"{kind.__name__}: {error}")
    if kind.__module__ == "builtins" or kind.__module__.split(".")[0] in _OWN_PACKAGES:
        return error
    base = next(c for c in kind.__mro__ if c.__module__ == "builtins" and issubclass(c, Exception))
    return base(f"{kind.__name__}: {error}")


def _reply(pipe: IO[bytes], job: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        reply: tuple[bool, Any] = (True, job(*args))
    except BaseException as error:  # even SystemExit: a job cannot end this process
        reply = (False, crossing(error))
    try:
        _send(pipe, reply)
    except OSError:
        raise
    except Exception as error:  # a result or error that does not pickle: say what it was
        failed = error if reply[0] else reply[1]
        base = ValueError if isinstance(failed, ValueError) else RuntimeError
        _send(pipe, (False, base(f"{type(failed).__name__}: {failed}")))


def _raise(error: Exception) -> None:
    raise error


def serve() -> None:
    """The runner process: run each job read from stdin, write its result to stdout, until EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app decides when this process ends
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    # Nothing else may write into the replies: native code printing to fd 1 goes nowhere.
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    while True:
        try:
            job, args = pickle.loads(_receive(requests))
        except EOFError:  # the app has closed
            return
        except Exception as error:  # a job this process cannot load (its module, say)
            job, args = _raise, (RuntimeError(f"{type(error).__name__}: {error}"),)
        try:
            _reply(replies, job, args)
        except OSError:  # the app closed while the job ran
            return
