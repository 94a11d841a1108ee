"""The tape in a process of its own: TensorFlow imports and computes beside the app, not in it.

TensorFlow's import takes seconds and holds the interpreter's lock for nearly all of
them, so in the app's process nothing else ran meanwhile: the first numbers came only
after the first frame, the import and the first trace, one after the other.  In a second
process, started before the app imports Textual, the import runs on the other core while
the app draws its first screen, and a keystroke never waits behind TensorFlow's lock.

:class:`TapeProcess` keeps :class:`~tui.engine.TapeThread`'s promise (one job at a time,
in order; a job cancelled before it started is dropped) and sends each job across a pipe:
the job is a module-level function of :mod:`tui.engine` (or another module that does not
import Textual), pickled by name with its arguments, and the result or the error comes
back the same way.  The process is ``python -m tui.tape_process``; it ends when the pipe
closes, so it never outlives the app.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from tui import engine

if TYPE_CHECKING:
    from tensortown.catalogue import Function

_LENGTH = struct.Struct("!I")
"""Each message is its length, then its pickle."""


ENVIRONMENT = "TENSORTOWN_TAPE"
"""Set to ``thread`` to run the tape in the app's own process, on a thread, as before."""


class TapeLost(engine.JobDropped):
    """The tape process has ended (killed, out of memory, or the app is closing).

    The job's future is cancelled, as a worker's is when a newer keystroke replaces it,
    and :attr:`~tui.engine.TapeThread.on_lost` hears why, once.
    """


class TapeProcess(engine.TapeThread):
    """The tape's jobs run in a child process, one at a time, in the order submitted."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tui.tape_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # TensorFlow's C++ logging must not reach the screen
            close_fds=True,
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._requests: IO[bytes] = self._process.stdin
        self._replies: IO[bytes] = self._process.stdout
        self._lost: str | None = None
        """Why no more jobs can run, once the process has gone."""
        super().__init__()

    @property
    def pid(self) -> int:
        """The tape process's id."""
        return self._process.pid

    def stop(self, timeout: float = 0.0) -> bool:
        """Drop the queued jobs and end the process at once (it holds nothing to keep)."""
        self._stopping = True
        self._jobs.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        if timeout > 0:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _serve(self) -> None:
        try:
            super()._serve()
        finally:  # the thread has stopped: nothing reads or writes the pipes any more
            for pipe in (self._requests, self._replies):
                with contextlib.suppress(OSError):
                    pipe.close()

    def _run(self, job: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        if self._lost is not None:
            raise TapeLost(self._lost)
        try:
            _send(self._requests, (job, args))
            ok, value = _receive(self._replies)
        except (OSError, EOFError, ValueError) as error:  # the process is gone
            self._lose(error)
            raise TapeLost(self._lost) from error
        if ok:
            return value
        raise value

    def _lose(self, error: BaseException) -> None:
        if self._stopping:
            self._lost = "the app is closing"
            return
        code = self._process.wait()
        self._lost = (
            f"TensorFlow's process ended (exit status {code}): restart TensorTown to go on."
        )
        if self.on_lost is not None:
            self.on_lost(self._lost)


def start(function: Function | None, point: dict[str, float] | None) -> engine.TapeThread:
    """The tape for the app, TensorFlow already importing: a process, or a thread if none starts.

    The first job imports TensorFlow and traces the call that reads the opening point, so
    the first numbers wait for nothing else.  ``TENSORTOWN_TAPE=thread`` keeps the tape in
    this process (one interpreter's memory less; the first numbers come a second or so later).
    """
    from tui.state import Exploration

    if os.environ.get(ENVIRONMENT) == "thread":
        return engine.TapeThread()
    try:
        tape: engine.TapeThread = TapeProcess()
    except OSError:  # no interpreter to start (a frozen build, a process limit)
        return engine.TapeThread()
    tape.submit_detached(engine.prepare, Exploration.opening(function, point))
    return tape


def _send(pipe: IO[bytes], message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_LENGTH.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: IO[bytes]) -> Any:
    head = pipe.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the pipe closed")
    (size,) = _LENGTH.unpack(head)
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError("the pipe closed mid-message")
    return pickle.loads(data)


def _reply(pipe: IO[bytes], job: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        reply: tuple[bool, Any] = (True, job(*args))
    except Exception as error:
        reply = (False, error)
    try:
        _send(pipe, reply)
    except Exception as error:  # a result or error that does not pickle: say what it was
        failed = reply[1] if not reply[0] else error
        _send(pipe, (False, RuntimeError(f"{type(failed).__name__}: {failed}")))


def serve() -> None:
    """The tape process: run each job read from stdin, write its result to stdout, until EOF."""
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
            job, args = _receive(requests)
        except EOFError:  # the app has closed
            return
        try:
            _reply(replies, job, args)
        except OSError:  # the app closed while the job ran
            return


if __name__ == "__main__":
    serve()
