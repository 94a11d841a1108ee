"""The explorer's base charts: built by TensorFlow's runner, kept by key, shown when wanted.

A base chart (a curve with its f′, f″ panels, or a field) depends on the function, its
ranges, the chart area's size and the theme; the cursor is drawn over it, so a cursor move
builds none.  :class:`ChartStore` is the cache and its keys, pure; :class:`Charts` asks
the runner for the chart wanted, one build at a time (a newer one replaces an older), and
shows it on the curve or field view.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from tui.runner import collector, jobs
from tui.widgets.curve_view import CurveView
from tui.widgets.field_view import FieldView

if TYPE_CHECKING:
    import asyncio

    from textual.widget import Widget
    from textual.worker import Worker

    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tensortown.chart.theme import Theme
    from tui.runner.base import Runner
    from tui.state import Exploration

CHART_CACHE_SIZE = 12
"""Base charts kept (per function, range, size and theme)."""
RESIZE_DELAY = 0.08
"""Seconds to wait after the last resize before rebuilding the chart."""
DRAWING_AFTER = 0.3
"""Seconds a chart may take before its view says it is being drawn instead of showing the
last one (a long expression's first trace takes a second or more)."""


class ChartKey(NamedTuple):
    """What a base chart was built for."""

    view: tuple[object, ...]
    """The function and its ranges (:meth:`Exploration.chart_key`)."""
    kind: str
    """``curve`` or ``field``."""
    width: int
    height: int
    color: bool
    ascii: bool
    panels: int
    """f′ and f″ panels under a curve (0, 1 or 2)."""


def chart_theme(*, color: bool, ascii: bool) -> Theme:
    """The charts' theme (colour, glyphs) for the explorer's options."""
    from tensortown.chart.theme import Theme

    return Theme(color=color, ascii=ascii)


def kind_of(exploration: Exploration) -> str:
    """``field`` for a function of two variables or more, ``curve`` for one."""
    return "field" if exploration.function.arity >= 2 else "curve"


class ChartStore:
    """The base charts built so far, the most recently used last, at most ``size`` of them."""

    def __init__(self, size: int = CHART_CACHE_SIZE) -> None:
        self.size = size
        self.charts: OrderedDict[ChartKey, CurveChart | FieldChart] = OrderedDict()
        self.built = 0
        """How many base charts were built (tests check that a cursor move builds none)."""
        self.areas: dict[str, tuple[int, int]] = {}
        """The chart area's size for each kind (the field shares its row with the slices)."""

    def key(
        self, exploration: Exploration, *, derivatives: int, color: bool, ascii: bool
    ) -> ChartKey | None:
        """The key of ``exploration``'s base chart at its area's size (None: size unknown)."""
        kind = kind_of(exploration)
        area = self.areas.get(kind)
        if area is None:
            return None
        panels = derivatives if kind == "curve" else 0
        return ChartKey(exploration.chart_key(), kind, *area, color, ascii, panels)

    def get(self, key: ChartKey) -> CurveChart | FieldChart | None:
        """The chart for ``key`` if kept (now the most recently used)."""
        chart = self.charts.get(key)
        if chart is not None:
            self.charts.move_to_end(key)
        return chart

    def keep(self, key: ChartKey, chart: CurveChart | FieldChart) -> None:
        """Keep a newly built chart, forgetting the least recently used beyond ``size``."""
        self.built += 1
        self.charts[key] = chart
        self.charts.move_to_end(key)
        while len(self.charts) > self.size:
            self.charts.popitem(last=False)
        collector.keep()


def submit_chart(
    runner: Runner, key: ChartKey, exploration: Exploration, theme: Theme
) -> asyncio.Future[Any]:
    """Build the chart for ``key`` with the runner (a curve with its f′, f″ panels)."""
    if key.kind == "field":
        return runner.submit(jobs.field_chart, exploration, key.width, key.height, theme)
    return runner.submit(jobs.curve_chart, exploration, key.width, key.height, theme, key.panels)


class Charts:
    """Builds, keeps and shows the explorer's base charts, on the views of ``owner``.

    ``owner`` (the explorer's screen) runs the build workers and timers and is told, with
    ``shown``, each time a chart comes on screen (the cursor is then drawn over it);
    ``ready`` says whether TensorFlow can build charts now.
    """

    def __init__(
        self,
        owner: Widget,
        runner: Runner,
        shown: Callable[[CurveChart | FieldChart], None],
        *,
        ready: Callable[[], bool],
        color: bool,
        ascii: bool,
    ) -> None:
        self.owner = owner
        self.runner = runner
        self.color, self.ascii = color, ascii
        self._theme: Theme | None = None
        self.store = ChartStore()
        self._ready = ready
        self._shown = shown
        self._wanted: ChartKey | None = None
        self._building: ChartKey | None = None
        self._in_flight: set[ChartKey] = set()
        self._resize_timer: Any = None
        self._drawing_timer: Any = None
        self._exploration: Exploration | None = None
        self._derivatives = 0
        self._prebuilt: list[Exploration] = []

    @property
    def theme(self) -> Theme:
        """The charts' theme, made when first needed (the chart package imports numpy, which
        the first frame does not wait for)."""
        if self._theme is None:
            self._theme = chart_theme(color=self.color, ascii=self.ascii)
        return self._theme

    @property
    def resizing(self) -> bool:
        """True while a resize waits to rebuild the chart (tests wait for it)."""
        return self._resize_timer is not None

    def view(self, exploration: Exploration) -> CurveView | FieldView:
        """The view that shows ``exploration``'s chart."""
        if exploration.function.arity >= 2:
            return self.owner.query_one(FieldView)
        return self.owner.query_one(CurveView)

    def key(self, exploration: Exploration, derivatives: int) -> ChartKey | None:
        """The key of ``exploration``'s chart at this theme and its area's size."""
        return self.store.key(
            exploration, derivatives=derivatives, color=self.color, ascii=self.ascii
        )

    def follow(self, exploration: Exploration, derivatives: int) -> None:
        """What the next chart is to show, asked for later (after a resize, say)."""
        self._exploration, self._derivatives = exploration, derivatives

    def want(self, exploration: Exploration, derivatives: int) -> None:
        """Show ``exploration``'s chart: from the store, or built (once TensorFlow is ready)."""
        self.follow(exploration, derivatives)
        if not self._ready():
            return
        key = self.key(exploration, derivatives)
        if key is None:
            return
        if key == self._wanted and key == self._building:
            return  # already on its way
        self._wanted = key
        cached = self.store.get(key)
        if cached is not None:
            view = self.view(exploration)
            if view.chart is not cached or view.canvas is None:  # else it is on screen
                self._show(exploration, cached)
            return
        self._building = key
        build = functools.partial(self._build, key, exploration)
        _: Worker[None] = self.owner.run_worker(build, group="chart", exclusive=True)
        if self._drawing_timer is not None:
            self._drawing_timer.stop()
        self._drawing_timer = self.owner.set_timer(
            DRAWING_AFTER, functools.partial(self._say_drawing, key, exploration)
        )

    def sized(self, kind: str, area: tuple[int, int], other: tuple[int, int]) -> None:
        """The chart area of ``kind`` has a new size (and so the hidden other kind: ``other``)."""
        self.store.areas[kind] = area
        self.store.areas["curve" if kind == "field" else "field"] = other
        if self._resize_timer is not None:
            self._resize_timer.stop()
        self._resize_timer = self.owner.set_timer(RESIZE_DELAY, self._after_resize)

    def lost(self) -> None:
        """TensorFlow is gone: no chart is coming (its job was cancelled with it)."""
        self._building = None
        if self._drawing_timer is not None:
            self._drawing_timer.stop()
            self._drawing_timer = None

    def prebuild(self, explorations: list[Exploration]) -> None:
        """Build these charts at this size in the background, one job at a time, and keep
        them, so that ``1``–``4`` find their chart at once (again after each resize)."""
        self._prebuilt = explorations
        prebuild = functools.partial(self._prebuild, explorations)
        _: Worker[None] = self.owner.run_worker(prebuild, group="prebuild")

    def _after_resize(self) -> None:
        self._resize_timer = None
        if self._ready() and self._exploration is not None:
            self.want(self._exploration, self._derivatives)
            if self._prebuilt:
                self.prebuild(self._prebuilt)

    def _say_drawing(self, key: ChartKey, exploration: Exploration) -> None:
        """The chart for ``key`` is still on its way: the last one must not pass for it."""
        self._drawing_timer = None
        if self._ready() and self._building == key and self._wanted == key:
            view = self.view(exploration)
            view.chart = None  # no cursor drawn on it meanwhile
            view.clear("drawing the chart" + ("..." if self.ascii else "…"))

    async def _build(self, key: ChartKey, exploration: Exploration) -> None:
        from tensortown.chart.curve import ChartError

        try:
            chart = await submit_chart(self.runner, key, exploration, self.theme)
        except (ChartError, ValueError) as error:
            if key == self._building:
                self._building = None
            if key == self._wanted:
                self.view(exploration).clear(str(error))
            return
        if key == self._building:
            self._building = None
        self.store.keep(key, chart)
        if key == self._wanted:
            self._show(exploration, chart)

    async def _prebuild(self, explorations: list[Exploration]) -> None:
        from tensortown.chart.curve import ChartError

        for exploration in explorations:
            key = self.key(exploration, 0)
            if key is None or key in self.store.charts or key in self._in_flight:
                continue
            self._in_flight.add(key)
            try:
                chart = await submit_chart(self.runner, key, exploration, self.theme)
            except (ChartError, ValueError):
                continue
            finally:
                self._in_flight.discard(key)
            self.store.keep(key, chart)

    def _show(self, exploration: Exploration, chart: CurveChart | FieldChart) -> None:
        self.view(exploration).set_chart(chart)  # type: ignore[arg-type]
        self._shown(chart)
