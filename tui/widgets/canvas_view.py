"""A widget that shows a chart canvas from :mod:`tensortown.chart`, one cached Strip a row.

The base chart's rows are turned into Strips once.  A cursor overlay (a canvas that shares
untouched rows with the base) replaces only the rows it changed, and only the columns that
differ from what is on screen are refreshed, so a cursor move writes a few cells, not a chart.

Textual repaints a dirty span of a line from the left edge of the widget that holds it, so
the chart is shown through a row of narrow tiles: a change near the right end of a line
resends one tile's width of that line, not the whole line up to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.app import ComposeResult
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.kept_style import KeptStyle

if TYPE_CHECKING:
    from tensortown.chart.canvas import Canvas, Style


TILES = 16
"""Tiles across a main chart (about 5 columns each at 120×40)."""


class _Tile(Widget):
    """A vertical slice of the chart: crops the parent's cached Strips."""

    DEFAULT_CSS = """
    _Tile {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, view: CanvasView) -> None:
        super().__init__()
        self.view = view
        self._rows: dict[int, Strip] = {}
        self._span: tuple[int, int, int] | None = None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Mouse events reach the tile under the mouse: hand them to the chart."""
        event.stop()
        self.view.point(event, pin=False)

    def on_click(self, event: events.Click) -> None:
        """Pin the cursor here."""
        event.stop()
        self.view.point(event, pin=True)

    def on_resize(self, event: events.Resize) -> None:
        """Laid out anew (or for the first time): the view finds the tiles' columns again."""
        self.view.forget_spans()

    def on_leave(self, event: events.Leave) -> None:
        """Moving to the next tile is not leaving the chart."""
        event.stop()
        self.view.pointer_left()

    def render_lines(self, crop: Region) -> list[Strip]:
        """This tile's part of the rows in ``crop``, kept per row until the row changes here.

        Textual renders every widget that overlaps a screen update in full, through its
        styles cache (borders, padding, tint), even a widget that has none: with sixteen
        tiles a cursor move re-rendered ~500 lines that way, and cropped a new Strip for
        each.  A tile has no styles of its own: it keeps its slice of each row (the app's
        line filters applied), and the view forgets only the slices a change touched.
        """
        start, end = self.view.span_of(self)
        span = (start, end, self.size.height)
        if span != self._span:
            self._span = span
            self._rows.clear()
        rows = self._rows
        strips = []
        for y in crop.line_range:
            strip = rows.get(y)
            if strip is None:
                # Filter the whole row (each Strip keeps its filtered copy, so the tiles
                # share one pass over the row), then cut this tile's part out of it.
                strip = self.view.line(y)
                filters = self.app.get_line_filters()
                if filters:
                    background = self.view.filter_background()
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                strip = strip.crop(start, end)
                rows[y] = strip
            strips.append(strip)
        if crop.x or crop.width != end - start:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        """This tile's part of row ``y``."""
        return self.render_lines(Region(0, y, self.size.width, 1))[0]

    def forget(self, row: int | None = None) -> None:
        """Drop the kept slice of ``row`` (of every row when None)."""
        if row is None:
            self._rows.clear()
        else:
            self._rows.pop(row, None)


class CanvasView(KeptStyle):
    """Shows a :class:`~tensortown.chart.canvas.Canvas`; swap the overlay with :meth:`show`."""

    DEFAULT_CSS = """
    CanvasView {
        height: 1fr;
        width: 1fr;
        layout: horizontal;
    }
    """

    @dataclass
    class Pointed(Message):
        """The mouse is over the plot at ``coordinates`` (clicked when ``pin``)."""

        view: CanvasView
        coordinates: tuple[float, ...]
        """The data point under the mouse, rounded to what a cell can tell apart."""
        pin: bool

    @dataclass
    class PointerLeft(Message):
        """The mouse left the plot."""

        view: CanvasView

    @dataclass
    class Resized(Message):
        """The widget has a new size: the chart should be rebuilt for it."""

        view: CanvasView
        width: int
        height: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._canvas: Canvas | None = None
        self._strips: list[Strip] = []
        self._rich_styles: dict[Style, RichStyle] = {}
        self._base_style: RichStyle | None = None
        self._filter_background: Color | None = None
        self.message = ""
        """Shown centred while there is no chart (loading, too small ...)."""
        self._spans: (
            tuple[Size, list[tuple[_Tile, int, int]], dict[_Tile, tuple[int, int]]] | None
        ) = None
        self._tiled = False
        self.strips_built = 0
        """Rows converted to Strips so far (tests use it to check cursor moves stay cheap)."""

    tiles: ClassVar[int] = TILES
    """How many tiles across: about one for every five or six columns the view gets."""

    def compose(self) -> ComposeResult:
        """The tiles, if the view is to be seen; a hidden view mounts them when first shown.

        The field and the slices start hidden (by the stylesheet): their 28 tiles would
        be half the widgets of the first frame.  See :meth:`mount_tiles`.
        """
        if all(node.display for node in self.ancestors_with_self if isinstance(node, Widget)):
            self._tiled = True
            yield from (_Tile(self) for _ in range(self.tiles))

    def filter_background(self) -> Color:
        """The background the app's line filters are given (kept until the styles change)."""
        if self._filter_background is None:
            self._filter_background = self.background_colors[1]
        return self._filter_background

    def notify_style_update(self) -> None:
        """Styles changed (theme, classes): colours are looked up again."""
        self._filter_background = None
        for tile in self.query_children(_Tile):
            tile.forget()
        super().notify_style_update()

    @property
    def canvas(self) -> Canvas | None:
        """The canvas on screen (base chart or overlay)."""
        return self._canvas

    def clear(self, message: str = "") -> None:
        """Show ``message`` (centred) instead of a chart."""
        self._canvas = None
        self._strips = []
        self.message = message
        self._refresh_tiles()

    def show(self, canvas: Canvas, *, full: bool = False) -> None:
        """Show ``canvas``; rows shared with the canvas on screen are kept as they are."""
        old = self._canvas
        self._canvas = canvas
        base = self.kept_rich_style  # the widget's own colours, for cells the chart leaves plain
        if base != self._base_style:
            self._base_style = base
            self._rich_styles.clear()
            self._filter_background = None
            full = True
        if full or old is None or old.width != canvas.width or old.height != canvas.height:
            self._strips = [self._strip(canvas, row) for row in range(canvas.height)]
            self._refresh_tiles()
            return
        tiles = self._tile_spans()
        dirty: dict[_Tile, list[Region]] = {}
        for row in range(canvas.height):
            new_chars, new_styles = canvas.chars[row], canvas.styles[row]
            old_chars, old_styles = old.chars[row], old.styles[row]
            if new_chars is old_chars and new_styles is old_styles:
                continue
            span = _changed_span(old_chars, old_styles, new_chars, new_styles)
            if span is None:
                continue
            self._strips[row] = self._strip(canvas, row)
            first, last = span
            for tile, start, end in tiles:
                if start <= last and first < end:
                    left = max(first, start) - start
                    right = min(last + 1, end) - start
                    tile.forget(row)
                    dirty.setdefault(tile, []).append(Region(left, row, right - left, 1))
        for tile, regions in dirty.items():  # one refresh a tile: each one has its cost
            tile.refresh(*regions)

    def _tile_spans(self) -> list[tuple[_Tile, int, int]]:
        """Each tile and its columns in the chart, kept while the layout stays the same.

        (A widget's ``region`` is looked up through the screen: too dear for every frame.)
        Spans are kept only once every tile has been laid out: tiles mounted a moment ago
        have no region yet.
        """
        if self._spans is not None and self._spans[0] == self.size:
            return self._spans[1]
        left = self.content_region.x
        tiles = list(self.query_children(_Tile))
        spans = [
            (tile, tile.region.x - left, tile.region.x - left + tile.region.width) for tile in tiles
        ]
        by_tile = {tile: (start, end) for tile, start, end in spans}
        if tiles and all(end > start for _, start, end in spans):
            self._spans = (self.size, spans, by_tile)
        return spans

    def forget_spans(self) -> None:
        """The tiles moved: look their columns up again at the next frame."""
        self._spans = None

    def span_of(self, tile: _Tile) -> tuple[int, int]:
        """The first and last-plus-one column of ``tile`` in the chart."""
        if self._spans is not None and self._spans[0] == self.size:
            found = self._spans[2].get(tile)
            if found is not None:
                return found
        self._spans = None
        for each, start, end in self._tile_spans():
            if each is tile:
                return start, end
        return 0, 0  # not laid out yet: nothing of the chart to show in it

    def _refresh_tiles(self) -> None:
        for tile in self.query_children(_Tile):
            tile.forget()
            tile.refresh()

    def line(self, y: int) -> Strip:
        """Row ``y`` of the chart at full width (the message row when there is no chart)."""
        if y < len(self._strips):
            return self._strips[y]
        width = self.size.width
        if not self._strips and self.message and y == self.size.height // 2:
            text = self.message[:width].center(width)
            return Strip([Segment(text, self.kept_rich_style + RichStyle(italic=True))], width)
        return Strip.blank(width, self.kept_rich_style)

    def _strip(self, canvas: Canvas, row: int) -> Strip:
        self.strips_built += 1
        convert = self._rich_style
        chars, styles = canvas.chars[row], canvas.styles[row]
        segments = []
        start, current = 0, styles[0]
        for i in range(1, len(styles)):
            style = styles[i]
            if style is not current and style != current:  # identity first: styles are shared
                segments.append(Segment("".join(chars[start:i]), convert(current)))
                start, current = i, style
        segments.append(Segment("".join(chars[start:]), convert(current)))
        return Strip(segments, canvas.width)

    def _rich_style(self, style: Style) -> RichStyle:
        found = self._rich_styles.get(style)
        if found is None:
            base = self._base_style or RichStyle()
            found = base + RichStyle(color=style.fg, bgcolor=style.bg, bold=style.bold or None)
            self._rich_styles[style] = found
        return found

    def coordinates_at(self, column: int, row: int) -> tuple[float, ...] | None:
        """The data point at a cell of the widget, or None off the plot (subclasses say)."""
        return None

    def on_resize(self, event: events.Resize) -> None:
        """Ask for a chart of the new size (and mount the tiles, the first time)."""
        self.mount_tiles(event.size)
        self.post_message(self.Resized(self, event.size.width, event.size.height))

    def mount_tiles(self, size: Size) -> None:
        """Mount the tiles of a view that started hidden, with its first size.

        (Subclasses' resize handlers call this.)  A hidden view is given no size until it
        is shown; its tiles, mounted then, show what the view holds from the next frame.
        """
        if self._tiled or not size.area:
            return
        self._tiled = True
        self._spans = None
        self.mount_all(_Tile(self) for _ in range(self.tiles))

    def pointer_left(self) -> None:
        """The mouse left a tile: if it left the chart, let the app return to the pinned point."""
        if not self.is_mouse_over:
            self.post_message(self.PointerLeft(self))

    def point(self, event: events.MouseEvent, pin: bool) -> None:
        """Post the data point under the mouse (``pin`` for a click)."""
        region = self.content_region  # the event is relative to the tile: use screen cells
        column, row = event.screen_x - region.x, event.screen_y - region.y
        if not (0 <= column < region.width and 0 <= row < region.height):
            return
        coordinates = self.coordinates_at(int(column), int(row))
        if coordinates is not None:
            self.post_message(self.Pointed(self, coordinates, pin))


def _changed_span(
    old_chars: list[str], old_styles: list[Style], new_chars: list[str], new_styles: list[Style]
) -> tuple[int, int] | None:
    """The first and last column that differ between two rows, or None when equal."""
    if old_chars == new_chars and old_styles == new_styles:
        return None
    width = len(new_chars)
    first = 0
    while (
        first < width
        and old_chars[first] == new_chars[first]
        and (old_styles[first] is new_styles[first] or old_styles[first] == new_styles[first])
    ):
        first += 1
    last = width - 1
    while (
        last > first
        and old_chars[last] == new_chars[last]
        and (old_styles[last] is new_styles[last] or old_styles[last] == new_styles[last])
    ):
        last -= 1
    return first, last


def round_to_cell(value: float, cell_size: float) -> float:
    """``value`` with only the decimals a cell of ``cell_size`` can tell apart (20.33 → 20.3)."""
    if cell_size <= 0 or not math.isfinite(cell_size):
        return value
    decimals = max(0, -math.floor(math.log10(cell_size)))
    return round(value, decimals) + 0.0
