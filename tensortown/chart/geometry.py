"""Exact mapping between data and terminal cells, as plain functions and two small classes.

An axis maps ``[lo, hi]`` onto ``length`` cells starting at ``offset``: ``lo`` sits on the
near edge of the first cell and ``hi`` on the far edge of the last, so each cell covers an
equal slice of the range and maps back to its centre (+0.5). The y axis is flipped once,
here: row 0 is the top, where the largest value is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


def linear_mapper(x: float, lo: float, hi: float, new_lo: float, new_hi: float) -> float:
    """Map ``x`` linearly from ``[lo, hi]`` onto ``[new_lo, new_hi]``."""
    return new_lo + (x - lo) * (new_hi - new_lo) / (hi - lo)


def map_coordinate_to_cell(value: float, lo: float, hi: float, length: int) -> int:
    """The cell (0 … length-1) whose slice of ``[lo, hi]`` holds ``value``; clamped at the ends."""
    if not math.isfinite(value):
        raise ValueError(f"cannot place {value} on an axis")
    position = linear_mapper(value, lo, hi, 0.0, float(length))
    return min(max(math.floor(position), 0), length - 1)


def map_cell_to_coordinate(cell: float, lo: float, hi: float, length: int) -> float:
    """The value at the centre of ``cell`` (0-based, counted from ``lo``)."""
    return linear_mapper(cell + 0.5, 0.0, float(length), lo, hi)


@dataclass(frozen=True)
class Axis:
    """One axis of a plot area: data ``[lo, hi]`` over ``length`` cells from ``offset``."""

    lo: float
    hi: float
    offset: int
    length: int
    flipped: bool = False
    """True for y: the first cell (the top row) holds ``hi``."""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lo) and math.isfinite(self.hi) and self.lo < self.hi):
            raise ValueError(f"an axis needs lo < hi, not [{self.lo}, {self.hi}]")
        if self.length < 1:
            raise ValueError("an axis needs at least one cell")

    @property
    def cell_size(self) -> float:
        """Data units per cell."""
        return (self.hi - self.lo) / self.length

    def position(self, value: float) -> float:
        """The continuous cell coordinate of ``value`` inside the plot area (0 … length)."""
        position = linear_mapper(value, self.lo, self.hi, 0.0, float(self.length))
        return self.length - position if self.flipped else position

    def to_cell(self, value: float) -> int:
        """The terminal column or row of ``value`` (clamped into the plot area)."""
        cell = map_coordinate_to_cell(value, self.lo, self.hi, self.length)
        if self.flipped:
            cell = self.length - 1 - cell
        return self.offset + cell

    def to_value(self, cell: int) -> float:
        """The value at the centre of terminal column or row ``cell``."""
        index = cell - self.offset
        if self.flipped:
            index = self.length - 1 - index
        return map_cell_to_coordinate(index, self.lo, self.hi, self.length)

    def contains_value(self, value: float) -> bool:
        """True when ``value`` lies within ``[lo, hi]``."""
        return self.lo <= value <= self.hi

    def contains_cell(self, cell: int) -> bool:
        """True when terminal column or row ``cell`` is inside the plot area."""
        return self.offset <= cell < self.offset + self.length

    def centres(self) -> list[float]:
        """The value at the centre of every cell, in terminal order."""
        return [self.to_value(self.offset + i) for i in range(self.length)]


@dataclass(frozen=True)
class PlotGeometry:
    """Where a plot area sits in a chart and which data it shows; maps both ways."""

    x: Axis
    y: Axis

    @classmethod
    def of(
        cls,
        left: int,
        top: int,
        width: int,
        height: int,
        xlim: tuple[float, float],
        ylim: tuple[float, float],
    ) -> PlotGeometry:
        """A ``width`` × ``height`` plot area at (``left``, ``top``) showing xlim × ylim."""
        return cls(Axis(xlim[0], xlim[1], left, width), Axis(ylim[0], ylim[1], top, height, True))

    @property
    def left(self) -> int:
        """The first column of the plot area."""
        return self.x.offset

    @property
    def top(self) -> int:
        """The first row of the plot area."""
        return self.y.offset

    @property
    def width(self) -> int:
        """Columns in the plot area."""
        return self.x.length

    @property
    def height(self) -> int:
        """Rows in the plot area."""
        return self.y.length

    @property
    def xlim(self) -> tuple[float, float]:
        """The x range shown."""
        return (self.x.lo, self.x.hi)

    @property
    def ylim(self) -> tuple[float, float]:
        """The y range shown."""
        return (self.y.lo, self.y.hi)

    def x_to_column(self, x: float) -> int:
        """The terminal column of ``x``."""
        return self.x.to_cell(x)

    def column_to_x(self, column: int) -> float:
        """The x at the centre of ``column``."""
        return self.x.to_value(column)

    def y_to_row(self, y: float) -> int:
        """The terminal row of ``y`` (row 0 is the top)."""
        return self.y.to_cell(y)

    def row_to_y(self, row: int) -> float:
        """The y at the centre of ``row``."""
        return self.y.to_value(row)

    def cell_of(self, x: float, y: float) -> tuple[int, int]:
        """The (column, row) of the point (x, y)."""
        return (self.x_to_column(x), self.y_to_row(y))

    def point_at(self, column: int, row: int) -> tuple[float, float]:
        """The data point (x, y) at the centre of cell (column, row)."""
        return (self.column_to_x(column), self.row_to_y(row))

    def contains(self, column: int, row: int) -> bool:
        """True when the cell is inside the plot area."""
        return self.x.contains_cell(column) and self.y.contains_cell(row)
