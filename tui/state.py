"""What the explorer is looking at: a function, a point, the ranges and the step."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from tensortown import view
from tensortown.catalogue import Function

_DECIMALS = 12
"""Cursor moves round to this many decimals, so 0.1 steps stay 20.3 and not 20.300000000000001
(more for steps under a millionth: six digits below the step's first)."""


@dataclass(frozen=True)
class Exploration:
    """One immutable view: the explorer holds it in a reactive and replaces it on every change."""

    function: Function
    point: tuple[float, ...]
    """The cursor, one value per variable, in the function's order."""
    ranges: tuple[tuple[float, float], ...]
    """(from, to) per variable."""
    step: float
    """How far ← and → (and ↑ ↓) move."""
    axes: tuple[int, int] = (0, 1)
    """The two variables drawn across and up (their indices), for a function of two or
    more; for three and more the others are held at the point (``a`` cycles the pair)."""

    @classmethod
    def start(cls, function: Function, point: dict[str, float] | None = None) -> Exploration:
        """The function at ``point`` (its default point where not given), with its own ranges."""
        given = {**function.default_point(), **(point or {})}
        ranges = tuple((v.lo, v.hi) for v in function.variables)
        values = tuple(float(given[s]) for s in function.symbols)
        return cls(function, values, _widen(ranges, values), function.variables[0].step)

    @classmethod
    def opening(
        cls, function: Function | None = None, point: dict[str, float] | None = None
    ) -> Exploration:
        """Where the explorer opens: ``function`` (weekly pay if none) at ``point``."""
        from tensortown.catalogue import CATALOGUE

        return cls.start(function or CATALOGUE["pay"], point)

    @property
    def symbols(self) -> tuple[str, ...]:
        """The function's variables' symbols."""
        return self.function.symbols

    @property
    def drawn_symbols(self) -> tuple[str, ...]:
        """The variables the chart is drawn over: the one, or the two of :attr:`axes`."""
        symbols = self.symbols
        if len(symbols) == 1:
            return symbols
        return (symbols[self.axes[0]], symbols[self.axes[1]])

    @property
    def held(self) -> tuple[str, ...]:
        """The variables held at the point while the chart shows the others."""
        return tuple(s for s in self.symbols if s not in self.drawn_symbols)

    def drawn(self) -> Function:
        """The function the charts show: the function itself, or, for three variables or
        more, its section over the two axes through the point (the others held)."""
        if self.function.arity <= 2:
            return self.function
        from tensortown.section import section

        across, up = self.drawn_symbols
        return section(self.function, (across, up), self.point_dict())

    def with_next_axes(self) -> Exploration:
        """The next pair of variables to draw (x, y → x, z → y, z → …); the point stays."""
        pairs = list(itertools.combinations(range(self.function.arity), 2))
        if len(pairs) < 2:
            return self
        return replace(self, axes=pairs[(pairs.index(self.axes) + 1) % len(pairs)])

    def point_dict(self) -> dict[str, float]:
        """The point by symbol, as the core wants it."""
        return dict(zip(self.symbols, self.point, strict=True))

    def value_of(self, symbol: str) -> float:
        """The point's coordinate for ``symbol``."""
        return self.point[self.symbols.index(symbol)]

    def range_of(self, symbol: str) -> tuple[float, float]:
        """(from, to) for ``symbol``."""
        return self.ranges[self.symbols.index(symbol)]

    def moved(self, symbol: str, steps: float) -> Exploration:
        """The cursor moved ``steps`` steps along ``symbol``, kept within its range."""
        lo, hi = self.range_of(symbol)
        decimals = max(_DECIMALS, 6 - math.floor(math.log10(self.step)))
        value = round(self.value_of(symbol) + steps * self.step, decimals)
        return self.at(symbol, min(max(value, lo), hi))

    def at(self, symbol: str, value: float) -> Exploration:
        """The cursor with ``symbol`` set to ``value``."""
        index = self.symbols.index(symbol)
        point = list(self.point)
        point[index] = value + 0.0
        return replace(self, point=tuple(point))

    def to_end(self, symbol: str, end: int) -> Exploration:
        """The cursor at the start (``end=0``) or the end (``end=1``) of the range."""
        return self.at(symbol, self.range_of(symbol)[end])

    def with_range(self, symbol: str, lo: float, hi: float) -> Exploration:
        """A new range for ``symbol``; the cursor is pulled inside it."""
        index = self.symbols.index(symbol)
        ranges = list(self.ranges)
        ranges[index] = (lo, hi)
        value = min(max(self.value_of(symbol), lo), hi)
        return replace(self, ranges=tuple(ranges)).at(symbol, value)

    def with_step(self, step: float) -> Exploration:
        """The cursor's step set to ``step``; ValueError (its message for the user) unless it
        is more than 0 and float32 tells its moves apart in the ranges."""
        if not step > 0:
            raise ValueError("the step must be more than 0")
        view.check_step(step, *self._coarsest_range(), "too fine")  # else ← → do nothing
        return replace(self, step=step)

    def with_bound(self, symbol: str, end: str, value: float) -> Exploration:
        """``symbol``'s range with its ``from`` or ``to`` end (``end``) set to ``value``.

        ValueError, with its message for the user, unless from stays less than to.
        """
        lo, hi = self.range_of(symbol)
        lo, hi = (value, hi) if end == "from" else (lo, value)
        if not lo < hi:
            raise ValueError(f"'from' must be less than 'to' ({symbol} from {lo:g} to {hi:g})")
        return self.with_range(symbol, lo, hi)

    def placed(self, symbol: str, value: float) -> Exploration:
        """The cursor at ``value`` along ``symbol``, the range widened to hold it if need be."""
        lo, hi = self.range_of(symbol)
        widened = (
            self if lo <= value <= hi else self.with_range(symbol, min(lo, value), max(hi, value))
        )
        return widened.at(symbol, value)

    # --- the view: zoom, pan, home, and the step that follows them ----------------------

    def with_ranges(self, ranges: Sequence[tuple[float, float]]) -> Exploration:
        """All the ranges at once (one per variable); the point is pulled inside them."""
        point = tuple(
            min(max(value, lo), hi) + 0.0
            for value, (lo, hi) in zip(self.point, ranges, strict=True)
        )
        return replace(self, ranges=tuple(ranges), point=point)

    def zoomed(self, factor: float, about: Mapping[str, float] | None = None) -> Exploration:
        """Every range magnified ``factor`` times (2: half as wide) around ``about`` (the
        point where not given), which stays where it was in the view; the step is kept.

        ValueError, with its message for the user, for a view float32 cannot show.
        """
        centre = {**self.point_dict(), **(about or {})}
        ranges = []
        for symbol, (lo, hi) in zip(self.symbols, self.ranges, strict=True):
            try:
                ranges.append(view.zoom(lo, hi, centre[symbol], factor))
            except ValueError as error:
                raise ValueError(f"{symbol}: {error}") from None
        return self.with_ranges(ranges)

    def panned(self, symbol: str, fraction: float) -> Exploration:
        """``symbol``'s range moved by ``fraction`` of its width; the point kept inside it."""
        index = self.symbols.index(symbol)
        try:
            moved = view.pan(*self.ranges[index], fraction)
        except ValueError as error:
            raise ValueError(f"{symbol}: {error}") from None
        ranges = list(self.ranges)
        ranges[index] = moved
        return self.with_ranges(ranges)

    def home(self) -> Exploration:
        """The function's own ranges again (the point pulled inside them, the step kept)."""
        return self.with_ranges([(v.lo, v.hi) for v in self.function.variables])

    def _coarsest_range(self) -> tuple[float, float]:
        """The range whose float32 numbers are furthest apart: the one a step must suit."""
        return max(self.ranges, key=lambda box: view.resolution(*box))

    def with_cell_step(self, cells: Sequence[int]) -> Exploration:
        """The step set to a round number, at most one cell of the chart on any axis
        (``cells``: the chart's cells across each drawn variable's range)."""
        ranges = [self.range_of(s) for s in self.drawn_symbols]
        steps = [
            view.cell_step(lo, hi, count) for (lo, hi), count in zip(ranges, cells, strict=True)
        ]
        step = view.check_step(min(steps), *self._coarsest_range(), "no step of one cell")
        return replace(self, step=step)

    def halved_step(self) -> Exploration:
        """Half the step (not finer than float32 tells apart in the ranges)."""
        return replace(self, step=view.halved(self.step, *self._coarsest_range()))

    def doubled_step(self) -> Exploration:
        """Twice the step."""
        return replace(self, step=view.doubled(self.step, *self._coarsest_range()))

    def with_function(self, function: Function) -> Exploration:
        """A typed expression in place of the function, keeping the point and ranges it shares."""
        old = self.point_dict()
        values = []
        ranges = []
        for v in function.variables:
            if v.symbol in old:
                values.append(old[v.symbol])
                ranges.append(self.range_of(v.symbol))
            else:
                values.append(v.default)
                ranges.append((v.lo, v.hi))
        return Exploration(function, tuple(values), _widen(tuple(ranges), tuple(values)), self.step)

    def chart_key(self) -> tuple[object, ...]:
        """What the base chart depends on (besides its size and theme): the function drawn
        and its ranges (a section's are its two axes')."""
        if self.function.arity <= 2:
            return (self.function, self.ranges)
        return (self.drawn(), tuple(self.range_of(s) for s in self.drawn_symbols))


def _widen(
    ranges: tuple[tuple[float, float], ...], point: tuple[float, ...]
) -> tuple[tuple[float, float], ...]:
    """Ranges stretched to hold the point (a start point given on the command line)."""
    return tuple(
        (min(lo, value), max(hi, value)) for (lo, hi), value in zip(ranges, point, strict=True)
    )
