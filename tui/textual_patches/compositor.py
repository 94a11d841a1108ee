"""A screen whose partial updates render and write only what changed.

A partial update writes the dirty *spans* of the screen.  Textual (8.x) cuts each line
into *chops* at the edges of the widgets on it, renders in full every widget whose clip
overlaps the bounding box of all the dirty regions (on a cursor move: the chart, the
containers under it over all their lines, the title and footer and, when a sidebar field
changed in the same update, the whole sidebar), and writes each chop a span meets from
the first segment the span touches: on a chart row of one colour, from the chart's left
edge.

:class:`SpanCompositor` renders a widget only for the lines on which it is the front-most
widget of some chop that a dirty span meets, and writes only the cells inside the spans:
a cursor move that changes three cells of a row writes those three cells.  What the
terminal shows is the same as with Textual's own compositor (``tests/app/test_tui_screen.py``
applies both to a terminal emulator), and a panel the update does not reach is not
rendered at all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Self, cast

from rich.cells import get_character_cell_size
from textual import events
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.strip import Strip


class SpanCompositor(Compositor):
    """A compositor whose partial updates render only the chops the dirty spans meet."""

    def render_full_update(self, simplify: bool = False) -> LayoutUpdate:
        """The whole screen, each chop rendered once, by the widget in front of it.

        Textual renders every visible widget over all its lines, even a container its
        children cover: the frame after a layout rendered the body, the chart column and
        the panel rows beneath the widgets that hide them.
        """
        if simplify:  # only screenshots simplify: leave those to Textual
            return super().render_full_update(simplify=True)
        screen_region = self.size.region
        self._dirty_regions.clear()
        width = screen_region.width
        spans = [(y, 0, width) for y in screen_region.line_range]
        chops = self._render_spans(screen_region, spans)
        # The screen is the last widget and fills every chop left: none stays None.
        strips: list[Iterable[Strip]] = [cast("list[Strip]", list(chop.values())) for chop in chops]
        return LayoutUpdate(strips, screen_region)

    def render_partial_update(self) -> ChopsUpdate | None:
        """The update of the dirty regions (as Textual's, without the renders it discards)."""
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        crop = Region.from_union(list(update_regions)).intersection(self.size.region)
        spans = list(self._regions_to_spans(update_regions))
        chops = self._render_spans(crop, spans)
        return ChopsUpdate(*_cut_to_spans(chops, self.cuts, spans))

    def _render_spans(
        self, crop: Region, spans: list[tuple[int, int, int]]
    ) -> list[dict[int, Strip | None]]:
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(line[:-1]) for line in cuts]
        wanted: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            wanted.setdefault(y, []).append((x1, x2))
        # Front to back, as Textual paints: the first widget to fill a chop owns it.
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            inside = visible.intersection(crop)
            if not (inside.width and inside.height):
                continue
            left, right = visible.x, visible.right
            needed = [
                y
                for y in inside.line_range
                if y in wanted and _fills_a_wanted_chop(cuts[y], chops[y], wanted[y], left, right)
            ]
            if not needed:
                continue
            top, bottom = needed[0], needed[-1] + 1
            strips = widget.render_lines(
                Region(left - region.x, top - region.y, visible.width, bottom - top)
            )
            for y, strip in zip(range(top, bottom), strips, strict=False):
                if y not in wanted:
                    continue
                line_cuts = cuts[y]
                own = line_cuts[bisect_left(line_cuts, left) : bisect_right(line_cuts, right)]
                pieces = strip.divide([cut - left for cut in own[1:]])
                chops_line = chops[y]
                for cut, piece in zip(own, pieces, strict=False):
                    if chops_line.get(cut) is None:
                        chops_line[cut] = piece
        return chops


def _cut_to_spans(
    chops: list[dict[int, Strip | None]],
    cuts: list[list[int]],
    spans: list[tuple[int, int, int]],
) -> tuple[list[dict[int, Strip | None]], list[tuple[int, int, int]], list[list[int]]]:
    """The chops cut down to the cells inside the spans, with the ends of the pieces.

    Textual writes a chop that a span meets from the segment holding the span's first
    cell to the segment holding its last: a changed cell in a long run of one style
    resent the whole run.  Each piece here lies inside one span, so it is written whole
    and alone.  (A chop holding a wide character is left whole: a cut through one would
    write half of it as a space.)
    """
    pieces: list[dict[int, Strip | None]] = [{} for _ in chops]
    ends: list[list[int]] = [[] for _ in chops]
    for y, x1, x2 in spans:  # one line's spans come in order and do not overlap
        line, line_pieces, line_ends = chops[y], pieces[y], ends[y]
        for (x, strip), end in zip(line.items(), cuts[y][1:], strict=False):
            start, stop = max(x, x1), min(end, x2)
            if strip is None or start >= stop:
                continue
            if (start > x or stop < end) and _one_cell_each(strip.text):
                strip = strip.crop(start - x, stop - x)
            else:  # whole, or with a wide character a cut could split: as Textual writes it
                start, stop = x, end
                if start in line_pieces:  # the same chop met by an earlier span
                    continue
            line_pieces[start] = strip
            line_ends.append(stop)
    return pieces, spans, ends


def _one_cell_each(text: str) -> bool:
    """True if every character of ``text`` takes one cell (none wide, none zero-width)."""
    return text.isascii() or all(get_character_cell_size(c) == 1 for c in set(text))


def _fills_a_wanted_chop(
    line_cuts: list[int],
    chops_line: dict[int, Strip | None],
    spans: list[tuple[int, int]],
    left: int,
    right: int,
) -> bool:
    """True if a widget over columns [left, right) would fill a still empty chop in a span."""
    for x1, x2 in spans:
        start, end = max(x1, left), min(x2, right)
        if start >= end:
            continue
        # The chop holding ``start`` begins at the last cut at or before it (``left`` is a cut).
        i = bisect_right(line_cuts, start) - 1
        while line_cuts[i] < end:  # ``right`` is a cut too: the loop ends there at the latest
            if chops_line.get(line_cuts[i]) is None:
                return True
            i += 1
    return False


class SpanScreen(Screen[None]):
    """A screen with the :class:`SpanCompositor`, laid out and painted once as it starts."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = SpanCompositor()
        self._resumed = False
        self._painted_whole = False
        """Set while Textual's first resume has laid the screen out (and so painted it)."""

    def _screen_resized(self, size: Size) -> None:
        """Lay the screen out again only for a size it was not laid out at.

        After its first layout the screen is sent Resize events of the size it was just
        laid out at (its own new size, and the app's), and Textual laid the whole screen
        out again for each, as TensorFlow began to import.  What waits for a layout is
        laid out by the next screen update, as always.  (The app passes on a terminal's
        resize only when the size changed.)
        """
        if size == self._compositor.size:
            return
        super()._screen_resized(size)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume keeps the styles the widgets were just given.

        Textual restyles the whole screen when it first resumes, although each widget
        was styled as it was mounted and every class set since has restyled what it
        touches, a good part of the first frame.  (Textual does not restyle it
        when it comes back from the help or the command palette either.)  Textual calls
        this before its own handler, which reads ``refresh_styles``.
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            # Textual's handler lays the screen out at the app's size, which paints it
            # whole; but the screen's new size (in that layout) and the handler itself
            # both ask for the whole screen again: a second full frame, every byte of it
            # over SSH, right after the first.  While the handler
            # runs, those repaints are dropped (:meth:`refresh`); the layout they ask for
            # is kept, and a widget that changes on its first Resize refreshes itself.
            if self.is_attached and self._size != self.app.size:
                self._painted_whole = True
                self.call_next(self._forget_painted_whole)

    def _forget_painted_whole(self) -> None:
        self._painted_whole = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        """As Textual's, but not a repaint of the whole screen while the first resume lays
        out and paints the whole screen (see :meth:`_on_screen_resume`)."""
        if self._painted_whole and not regions:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
