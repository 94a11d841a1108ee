"""A widget that shows a chart canvas from :mod:`tensortown.chart`, one cached Strip a row.

The base chart's rows are turned into Strips once.  A cursor overlay (a canvas that shares
untouched rows with the base) replaces only the rows it changed, and only the cells that
differ from what is on screen are refreshed: the explorer's compositor
(:mod:`tui.textual_patches.compositor`) writes exactly those spans, so a cursor move
writes a few cells, not a chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from tui.textual_patches.kept_style import KeptStyle

if TYPE_CHECKING:
    from tensortown.chart.canvas import Canvas, Style


class CanvasView(KeptStyle):
    """Shows a :class:`~tensortown.chart.canvas.Canvas`; swap the overlay with :meth:`show`."""

    DEFAULT_CSS = """
    CanvasView {
        height: 1fr;
        width: 1fr;
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
    class Wheel(Message):
        """The mouse wheel turned over the plot at ``coordinates``: ``direction`` 1 for up
        (zoom in), -1 for down (zoom out)."""

        view: CanvasView
        coordinates: tuple[float, ...]
        """The data point under the mouse, rounded to what a cell can tell apart."""
        direction: int

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
        self._rows: dict[int, Strip] = {}
        """Rows as last rendered (the app's line filters applied), until they change."""
        self._rows_size = Size(0, 0)
        self.strips_built = 0
        """Rows converted to Strips so far (tests use it to check cursor moves stay cheap)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows in ``crop``, each kept until it changes.

        Textual renders a widget's lines through its styles cache (borders, padding, tint),
        even for a widget that has none, and crops a new Strip for each; a view has no
        styles of its own to draw, so it keeps each row with the app's line filters
        applied, and a change forgets only the rows it touched.
        """
        size = self.size
        if size != self._rows_size:  # the message row moves with the height
            self._rows_size = size
            self._rows.clear()
        canvas = self._canvas
        if canvas is not None and self._took_new_colours():  # a new theme, say
            self._strips = [self._strip(canvas, row) for row in range(canvas.height)]
            self._rows.clear()
        width = size.width
        rows = self._rows
        strips = []
        for y in crop.line_range:
            strip = rows.get(y)
            if strip is None:
                strip = self.line(y)
                filters = self.app.get_line_filters()
                if filters:
                    background = self.filter_background()
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                rows[y] = strip
            strips.append(strip)
        if crop.x or crop.width != width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def render_line(self, y: int) -> Strip:
        """Row ``y`` as shown."""
        return self.render_lines(Region(0, y, self.size.width, 1))[0]

    def filter_background(self) -> Color:
        """The background the app's line filters are given (kept until the styles change)."""
        if self._filter_background is None:
            self._filter_background = self.background_colors[1]
        return self._filter_background

    def notify_style_update(self) -> None:
        """Styles changed (theme, classes): colours are looked up again."""
        self._filter_background = None
        self._rows.clear()
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
        self._refresh_all()

    def show(self, canvas: Canvas, *, full: bool = False) -> None:
        """Show ``canvas``; rows shared with the canvas on screen are kept as they are."""
        old = self._canvas
        self._canvas = canvas
        if self._took_new_colours():
            full = True
        if full or old is None or old.width != canvas.width or old.height != canvas.height:
            self._strips = [self._strip(canvas, row) for row in range(canvas.height)]
            self._refresh_all()
            return
        dirty: list[Region] = []
        for row in range(canvas.height):
            new_chars, new_styles = canvas.chars[row], canvas.styles[row]
            old_chars, old_styles = old.chars[row], old.styles[row]
            if new_chars is old_chars and new_styles is old_styles:
                continue
            span = _changed_span(old_chars, old_styles, new_chars, new_styles)
            if span is None:
                continue
            self._strips[row] = self._strip(canvas, row)
            self._rows.pop(row, None)
            first, last = span
            dirty.append(Region(first, row, last + 1 - first, 1))
        if dirty:
            self.refresh(*dirty)

    def _took_new_colours(self) -> bool:
        """True, once, when the view's own colours (for the cells a chart leaves plain)
        are not those its rows were built with: the rows must be built again."""
        base = self.kept_rich_style
        if base == self._base_style:
            return False
        self._base_style = base
        self._rich_styles.clear()
        self._filter_background = None
        return True

    def _refresh_all(self) -> None:
        self._rows.clear()
        self.refresh()

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
        """Ask for a chart of the new size."""
        self.post_message(self.Resized(self, event.size.width, event.size.height))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Tell the explorer the data point under the mouse."""
        self.point(event, pin=False)

    def on_click(self, event: events.Click) -> None:
        """Pin the cursor here."""
        self.point(event, pin=True)

    def on_leave(self, event: events.Leave) -> None:
        """The mouse left the chart: the explorer returns to the pinned point."""
        self.post_message(self.PointerLeft(self))

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        """The wheel up over the plot: zoom in there (where the terminal passes it on)."""
        self.wheel(event, 1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The wheel down over the plot: zoom out there."""
        self.wheel(event, -1)

    def point(self, event: events.MouseEvent, pin: bool) -> None:
        """Post the data point under the mouse (``pin`` for a click)."""
        coordinates = self._under(event)
        if coordinates is not None:
            self.post_message(self.Pointed(self, coordinates, pin))

    def wheel(self, event: events.MouseEvent, direction: int) -> None:
        """Post the wheel's turn at the data point under the mouse; nothing scrolls."""
        event.stop()
        event.prevent_default()
        coordinates = self._under(event)
        if coordinates is not None:
            self.post_message(self.Wheel(self, coordinates, direction))

    def _under(self, event: events.MouseEvent) -> tuple[float, ...] | None:
        """The data point under the mouse, or None off the plot."""
        region = self.content_region
        column, row = event.screen_x - region.x, event.screen_y - region.y
        if not (0 <= column < region.width and 0 <= row < region.height):
            return None
        return self.coordinates_at(int(column), int(row))


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
