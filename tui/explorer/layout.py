"""The explorer's layout arithmetic: pure functions of the terminal's size and what is shown.

``tui/app.tcss`` lays the screen out; these functions say what it will give each part, so
that a chart hidden now (the field while a curve shows) can be built at the size it will
have, and so that a part gives way where another would be left too small.  The classes
they read (``-narrow``, ``-sidebar``, ``-no-slices``…) are the ones set on ``#body``.
"""

from __future__ import annotations

from collections.abc import Collection

NARROW = 100
"""Below this many columns the sidebar starts hidden."""
SHORT = 30
"""Below this many rows the panels under the chart shrink (see ``app.tcss``)."""
TALL = 40
"""From this many rows the panels under the chart have their full height."""
MIN_COLUMNS, MIN_ROWS = 60, 18
"""Below this the layout can't show a chart and its readout: say so instead."""
SLICES_WIDTH = 37
"""Columns the slices take beside the field (their width and margin in ``app.tcss``)."""
SIDEBAR_WIDTH = (30, 26)
"""The sidebar's columns, on a wide and on a narrow terminal (``app.tcss``)."""
FIELD_COLUMNS = 30
"""The slices are shown beside the field only if it keeps this many columns (at 100 it
has 31 beside the sidebar and the slices; at 80 it would have 15)."""
PANEL_ROWS = {"curve": (19, 8), "derivatives": (14, 0), "field": (14, 8)}
"""Rows of ``#panels`` under each view, tall and short terminal (see :func:`panel_rows`)."""


def size_classes(width: int, height: int) -> dict[str, bool]:
    """The layout classes of ``#body`` at a terminal size, each with whether it is on."""
    return {"-narrow": width < NARROW, "-short": height < SHORT}


def too_small(width: int, height: int) -> bool:
    """True where the layout can't show a chart and its readout."""
    return width < MIN_COLUMNS or height < MIN_ROWS


def panels_kind(arity: int, derivatives: int) -> str:
    """What the panels are under: ``field``, ``derivatives`` (f′ and f″ shown) or ``curve``."""
    if arity >= 2:
        return "field"
    return "derivatives" if derivatives else "curve"


def panel_rows(kind: str, height: int) -> int:
    """Rows of ``#panels`` under a view (``curve``, ``derivatives``, ``field``) at a height.

    :data:`PANEL_ROWS`' tall rows from :data:`TALL` rows up and its short ones below
    :data:`SHORT`; in between, the panels give up a row for each row the terminal lacks,
    down to 8, so that the chart keeps its rows.
    """
    tall, short = PANEL_ROWS[kind]
    if height < SHORT:
        return short
    return max(PANEL_ROWS["curve"][1], tall - max(0, TALL - height))


def asked_for(classes: Collection[str], part: str) -> bool:
    """Whether ``#body`` (with ``classes``) is to show the ``sidebar`` or the ``slices``:
    asked for with ``s`` or ``c`` (class ``-sidebar``), or by default where the terminal
    is not narrow."""
    if f"-no-{part}" in classes:
        return False
    return f"-{part}" in classes or "-narrow" not in classes


def field_columns(width: int, *, sidebar: bool, slices: bool) -> int:
    """The columns the field gets on a terminal ``width`` wide (``#main`` pads one a side)."""
    narrow = width < NARROW
    return width - (SIDEBAR_WIDTH[narrow] if sidebar else 0) - 2 - (SLICES_WIDTH if slices else 0)


def slices_squeezed(width: int, classes: Collection[str]) -> bool:
    """True where the slices, asked for, would leave the field too few columns."""
    sidebar = asked_for(classes, "sidebar")
    return asked_for(classes, "slices") and (
        field_columns(width, sidebar=sidebar, slices=True) < FIELD_COLUMNS
    )


def slices_shown(classes: Collection[str]) -> bool:
    """Whether the slices take their columns beside the field."""
    return asked_for(classes, "slices") and "-squeezed" not in classes


def size_of_other(
    kind: str, width: int, height: int, *, rows: int, slices: bool, derivatives: int
) -> tuple[int, int]:
    """The field's chart size from the curve's (``kind="curve"``), or the other way round.

    The field shares its row with the slices (when shown) and gets the rows the panels
    give up under a field (unless the terminal is short): ``rows`` is the terminal's height.
    """
    across = SLICES_WIDTH if slices else 0
    curve = panel_rows(panels_kind(1, derivatives), rows)
    down = curve - panel_rows("field", rows)
    if kind == "curve":
        return (width - across, height + down)
    return (width + across, height - down)
