"""``grad --points FILE|-`` (and ``grad --csv``): many points through one batched tape.

Each chunk of points read (:mod:`tensortown.points`) goes through the traced batch
(:mod:`tensortown.batch`) and its results are written and flushed before the next chunk
is read: a line per point, as JSON (the fields of ``grad --json``) or CSV.  An
undefined point is a row with its reason; with ``--strict`` it also makes the exit
status 1.  Bad input stops at its line with one ``error:`` line (the rows before it
are written).
"""

from __future__ import annotations

import argparse
import csv
import os
import stat
import sys
import time
from typing import IO, Any

import numpy as np

from tensortown.arguments import UsageError, parse_at, point_for
from tensortown.catalogue import Function

EXIT_OK = 0
EXIT_UNDEFINED = 1


def command_points(args: argparse.Namespace, function: Function) -> int:
    """Write the results for ``--points`` (or for ``--at`` as one CSV row)."""
    from tensortown import batch

    if args.points is not None and args.at:
        raise UsageError("give the points with --at or --points, not both")
    if args.json and args.csv:
        raise UsageError("--json or --csv, not both")
    fd, close = _open(args.points)
    try:
        out = sys.stdout
        writer = csv.writer(out, lineterminator="\n") if args.csv else None
        if writer is not None:
            writer.writerow(batch.column_names(function))
            out.flush()
        progress = Progress.for_input(fd, ascii_only=args.ascii)
        undefined = 0
        first: str | None = None
        reason: str | None = None
        total = 0
        for chunk in _chunks(args, function, fd):
            result = batch.evaluate(function, chunk.points)
            progress.clear()
            if writer is not None:
                writer.writerows(result.csv_rows())
            else:
                lines = result.json_lines()
                out.write("\n".join(lines) + "\n")
            out.flush()
            total += len(result)
            progress.show(chunk.consumed, total)
            bad = np.flatnonzero(~result.defined)
            if len(bad):
                if first is None:
                    row = int(bad[0])
                    reason = result.reasons[row]
                    first = f"line {chunk.first_line + row}: {reason}"
                undefined += len(bad)
        progress.clear()
    finally:
        if close:
            os.close(fd)
    if undefined and fd < 0:  # one point, as grad --json: its reason, status 1
        print(f"undefined: {reason}", file=sys.stderr)
        return EXIT_UNDEFINED
    if undefined and args.strict:
        print(f"undefined at {undefined:,} of {total:,} points (first at {first})", file=sys.stderr)
        return EXIT_UNDEFINED
    return EXIT_OK


def _open(path: str | None) -> tuple[int, bool]:
    """The input's descriptor, and whether it is ours to close (None: no input)."""
    if path is None:
        return -1, False
    if path == "-":
        return sys.stdin.fileno(), False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as error:
        raise UsageError(f"--points {path}: {error.strerror}") from None
    if stat.S_ISDIR(os.fstat(fd).st_mode):
        os.close(fd)
        raise UsageError(f"--points {path}: is a directory")
    return fd, True


def _chunks(args: argparse.Namespace, function: Function, fd: int) -> Any:
    """The chunks of points: from the input, or ``--at``'s one point."""
    from tensortown.points import Chunk, PointsError, read

    if fd < 0:
        point = point_for(function, parse_at(function, args.at))
        yield Chunk(np.array([[point[s] for s in function.symbols]]), 1, 0)
        return
    name = "standard input" if args.points == "-" else args.points
    try:
        yield from read(fd, function.symbols)
    except PointsError as error:
        raise UsageError(f"--points {name}: {error}") from None


class Progress:
    """A one-line bar on stderr: how much of the input file is read, and points done."""

    WIDTH = 30
    EVERY = 0.1
    """Seconds between redraws."""

    def __init__(self, size: int, stream: IO[str] | None, *, ascii_only: bool) -> None:
        self.size = size
        self.stream = stream
        self.fill = "#" if ascii_only else "█"
        self.shown = False
        self.last = 0.0

    @classmethod
    def for_input(cls, fd: int, *, ascii_only: bool) -> Progress:
        """A bar when the input is a file and stderr a terminal; else one that draws nothing."""
        size = 0
        try:
            info = os.fstat(fd) if fd >= 0 else None
            if info is not None and stat.S_ISREG(info.st_mode) and os.isatty(2):
                size = info.st_size
        except OSError:
            pass
        return cls(size, sys.stderr if size else None, ascii_only=ascii_only)

    def show(self, consumed: int, points: int) -> None:
        now = time.monotonic()
        if self.stream is None or now - self.last < self.EVERY:
            return
        self.last = now
        done = min(consumed / self.size, 1.0)
        filled = round(done * self.WIDTH)
        bar = self.fill * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r{bar} {done:4.0%}  {points:,} points")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown and self.stream is not None:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False
