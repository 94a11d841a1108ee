"""Points for ``grad --points``: CSV with a header naming the variables, or JSON lines.

The input is read as it arrives (``os.read`` on the descriptor: a block is whatever the
file or pipe has ready, up to :data:`BLOCK` bytes), and each block's complete lines
become one chunk of points for the batched tape.  Output can start before the input
ends, and memory holds one block, however long the input.

The format is the first line's: ``{`` starts JSON lines, anything else is a CSV header
(commas, or tabs when the header has tabs and no commas).  Columns or keys that are
not variables of the function are ignored.  Anything wrong is one :class:`PointsError`
naming the line (the header is line 1) and the column or key.
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from tensortown.numbers import parse_number

BLOCK = 1 << 20
"""Bytes read at a time."""
LONGEST_LINE = 1 << 16
"""A line longer than this is refused (a file that is not points, or no newlines)."""
LARGEST = 1e30
"""The largest number a point may hold, as in every other input (see ``parse_number``)."""


class PointsError(ValueError):
    """Input that is not points: the message names the line and the column."""


@dataclass(frozen=True)
class Chunk:
    """Consecutive points: ``(rows, n)`` float64 in the order of the variables."""

    points: np.ndarray
    first_line: int
    """The input line of the first point."""
    consumed: int
    """Bytes of input read so far (for a progress bar)."""


def lines_of(fd: int, block: int = BLOCK) -> Iterator[tuple[list[bytes], int, int]]:
    """The complete lines (without their line ends) of each block read from ``fd``, the
    number of the first, and the bytes consumed so far; a last line without a newline is
    the last block's."""
    pending = b""
    number = 1
    consumed = 0
    while True:
        data = os.read(fd, block)
        if not data:
            break
        consumed += len(data)
        data = pending + data
        cut = data.rfind(b"\n") + 1
        pending = data[cut:]
        lines = data[:cut].split(b"\n")[:-1]
        if len(pending) > LONGEST_LINE or max(map(len, lines), default=0) > LONGEST_LINE:
            long = next((i for i, t in enumerate(lines) if len(t) > LONGEST_LINE), len(lines))
            raise PointsError(
                f"line {number + long} is longer than {LONGEST_LINE:,} bytes: "
                "is this a file of points?"
            )
        if lines:
            yield lines, number, consumed
            number += len(lines)
    if pending:
        yield [pending], number, consumed


def read(fd: int, symbols: tuple[str, ...]) -> Iterator[Chunk]:
    """The points in ``fd``, a chunk per block read, for a function of ``symbols``."""
    blocks = lines_of(fd)
    parse: Callable[[list[str], int], np.ndarray] | None = None
    for lines, number, consumed in blocks:
        texts = _decode(lines, number)
        if parse is None:
            header = texts[0].lstrip("\ufeff")
            if header.lstrip().startswith("{"):
                parse = _JsonLines(symbols).parse
            else:
                parse = _Csv(header, symbols).parse
                texts, number = texts[1:], number + 1
        if texts:
            yield Chunk(parse(texts, number), number, consumed)
    if parse is None:
        raise PointsError(
            f"no points: the input is empty (expected a CSV header naming "
            f"{', '.join(symbols)}, or JSON lines such as {_example(symbols)})"
        )


def _example(symbols: tuple[str, ...]) -> str:
    return json.dumps({s: i + 1 for i, s in enumerate(symbols)})


def _decode(lines: list[bytes], number: int) -> list[str]:
    try:
        return [line.decode("utf-8").removesuffix("\r") for line in lines]
    except UnicodeDecodeError:
        for i, line in enumerate(lines):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                raise PointsError(
                    f"line {number + i}: not UTF-8 text (byte {error.start + 1})"
                ) from None
        raise


def _checked(
    values: np.ndarray, cells: Callable[[int, int], str], number: int, names: tuple[str, ...]
) -> np.ndarray:
    """``values`` if every number is one a point may hold, else the first wrong cell's
    error."""
    bad = ~(np.abs(values) <= LARGEST)  # nan too
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise _cell_error(cells(row, col), number + row, names[col])
    return values


def _cell_error(text: str, line: int, name: str) -> PointsError:
    if not text.strip():
        return PointsError(f"line {line}, column {name!r} is empty")
    try:
        parse_number(text)
        reason = f"{_shown(text)} is not a number"
    except ValueError as error:
        reason = str(error) if len(text) <= 40 else f"{_shown(text)} is not a number"
    return PointsError(f"line {line}, column {name!r}: {reason}")


def _shown(text: str) -> str:
    """A cell as a message quotes it: stripped, and cut short."""
    text = text.strip()
    return repr(text) if len(text) <= 40 else repr(text[:30]) + f"… ({len(text):,} characters)"


def _number(text: str, line: int, name: str) -> float:
    """One cell, strictly: what ``parse_number`` takes, and no ``1_000``."""
    if "_" in text:
        raise PointsError(
            f"line {line}, column {name!r}: {_shown(text)} is not a number (no _ between digits)"
        )
    try:
        return parse_number(text)
    except ValueError:
        raise _cell_error(text, line, name) from None


class _Csv:
    """Rows of numbers under a header that names the variables."""

    def __init__(self, header: str, symbols: tuple[str, ...]) -> None:
        self.delimiter = "\t" if "\t" in header and "," not in header else ","
        names = [n.strip() for n in next(csv.reader([header], delimiter=self.delimiter))]
        missing = [s for s in symbols if s not in names]
        if missing:
            shown = ", ".join(repr(n) for n in names if n) or "nothing"
            raise PointsError(
                f"line 1: the header has no column {missing[0]!r} (it names {shown}; "
                f"the function's variables: {', '.join(symbols)})"
            )
        self.symbols = symbols
        self.width = len(names)
        self.take = [names.index(s) for s in symbols]

    def parse(self, texts: list[str], number: int) -> np.ndarray:
        rows = list(csv.reader(texts, delimiter=self.delimiter))
        for i, row in enumerate(rows):
            if len(row) != self.width:
                line = number + i
                if not row or not "".join(row).strip():
                    raise PointsError(f"line {line} is empty (a CSV row per point)")
                raise PointsError(f"line {line}: {len(row)} column(s), the header has {self.width}")
        columns = [[row[k] for row in rows] for k in self.take]
        fast = all(t.isascii() and "_" not in t for t in texts)
        out = np.empty((len(rows), len(self.symbols)))
        for j, column in enumerate(columns):
            try:
                if not fast:
                    raise ValueError
                out[:, j] = [float(cell) for cell in column]
            except ValueError:
                out[:, j] = [
                    _number(cell, number + i, self.symbols[j]) for i, cell in enumerate(column)
                ]
        return _checked(out, lambda r, c: columns[c][r], number, self.symbols)


class _JsonLines:
    """One JSON object per line, with a number for each variable."""

    def __init__(self, symbols: tuple[str, ...]) -> None:
        self.symbols = symbols

    def parse(self, texts: list[str], number: int) -> np.ndarray:
        out = np.empty((len(texts), len(self.symbols)))
        for i, text in enumerate(texts):
            line = number + i
            if not text.strip():
                raise PointsError(f"line {line} is empty (a JSON object per point)")
            try:
                record = json.loads(text)
            except ValueError as error:
                raise PointsError(f"line {line}: not JSON ({error})") from None
            if not isinstance(record, dict):
                raise PointsError(
                    f"line {line}: expected an object such as {_example(self.symbols)}"
                )
            for j, s in enumerate(self.symbols):
                if s not in record:
                    raise PointsError(f"line {line}: no key {s!r}")
                value = record[s]
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise PointsError(
                        f"line {line}, key {s!r}: {json.dumps(value)[:40]} is not a number"
                    )
                if not math.isfinite(value) or abs(value) > LARGEST:
                    raise PointsError(
                        f"line {line}, key {s!r}: {value} is not a finite number "
                        f"of at most {LARGEST:g}"
                    )
                out[i, j] = value
        return out
