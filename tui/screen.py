"""The explorer's screen: a compositor that renders only what a partial update shows.

Textual (8.x) answers a partial screen update by rendering, in full, every widget whose
*clip* overlaps the bounding box of the dirty regions: every child of the screen (title,
footer), every widget of the sidebar when a field in it changed, and each widget over all
its lines even when the update touches one of them.  A cursor move dirties the chart, the
readout and the panels; its update then rendered the sidebar, the title and the footer too.

:class:`CroppedCompositor` renders a widget only when its visible part overlaps the box,
and then only the lines of it inside the box.  The update written to the terminal is the
same: Textual writes only the dirty spans, and a widget outside the box has no cell in
them (``tests/test_screen.py`` compares the two compositors' updates).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip


class CroppedCompositor(Compositor):
    """A compositor whose partial updates render only the lines inside the update's box."""

    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        for widget, (region, clip) in self.visible_widgets.items():
            visible = region.intersection(clip)
            inside = visible.intersection(crop)
            if not (inside.width and inside.height):
                continue
            # All the visible columns (Textual cuts lines at widget edges), the box's lines.
            lines = Region(visible.x, inside.y, visible.width, inside.height)
            yield (
                lines,
                clip,
                widget.render_lines(lines.translate((-region.x, -region.y))),
            )


class ExplorerScreen(Screen[None]):
    """The app's default screen, with the :class:`CroppedCompositor`."""

    def __init__(
        self, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._compositor = CroppedCompositor()
