"""The row of panels under the chart: what it shows and how many rows it gets.

Under a curve, the one-more-step table; under a field, the walk's table; beside either,
the tape box with the tutorial's GradientTape code at the point.  With the tape's inside
shown (``g``), the tape box takes the whole row for the expression's tree, its values
and its adjoints.  The rows come from :func:`tui.explorer.layout.panel_rows`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

from tui import text
from tui.explorer import layout
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.tape_panel import TapePanel
from tui.widgets.walk_table import WalkTable

if TYPE_CHECKING:
    from tui.explorer.base import ExplorerBase

TAPE_TITLE = "GradientTape"
INSIDE_TITLE = ("Inside the tape: each node's value and ∂f/∂node", "Inside the tape")
"""The tape box's title with the tree shown: wide, and where that does not fit."""
INSIDE_SUBTITLE = "g: the code"
READING = "Reading the tape…"


class Panels:
    """Lays out and switches the panels under the chart of ``screen``."""

    def __init__(self, screen: ExplorerBase) -> None:
        self.screen = screen

    def kind(self) -> str:
        """What the panels are under (see :func:`tui.explorer.layout.panels_kind`)."""
        screen = self.screen
        return layout.panels_kind(screen.exploration.function.arity, screen.derivatives)

    def rows(self, height: int) -> int:
        """The panels' rows on a terminal ``height`` rows tall."""
        return layout.panel_rows(self.kind(), height)

    def fit(self, height: int) -> None:
        """Give ``#panels`` its rows for the view and the terminal's height."""
        panels = self.screen.query_one("#panels")
        rows = self.rows(height)
        panels.styles.height = rows
        panels.display = rows > 0  # f′ and f″ on a short terminal take the panels' rows

    def show_for(self, arity: int) -> None:
        """The table that goes with a function of ``arity`` variables, unless the tree has
        the row; the tape box's title."""
        screen = self.screen
        inside = screen.show_inside
        screen.query_one(OneMoreStepPanel).display = arity == 1 and not inside
        screen.query_one(WalkTable).display = arity >= 2 and not inside
        screen.query_one("#body").set_class(inside, "-inside")
        box = screen.query_one("#tape-box", VerticalScroll)
        if inside:
            wide, short = INSIDE_TITLE
            title = wide if screen.app.size.width >= len(wide) + 8 else short
            box.border_title = text.ascii_text(title) if screen.ascii else title
            box.border_subtitle = INSIDE_SUBTITLE
        else:
            box.border_title = TAPE_TITLE
            box.border_subtitle = ""

    def inside_changed(self, height: int) -> None:
        """The tree shown or hidden (``g``): the row rearranged, the panel asked for it."""
        screen = self.screen
        self.show_for(screen.exploration.function.arity)
        if screen.show_inside and self.rows(height) == 0:
            screen.notify("no room for the tape's inside under f′ and f″: d hides them", timeout=4)
        panel = screen.query_one(TapePanel)
        if screen.backend_error is None and screen.ready:
            panel.show_message(text.ascii_text(READING) if screen.ascii else READING)
            screen.readings.request_tape_panel()
        screen.query_one("#tape-box", VerticalScroll).scroll_home(animate=False)
