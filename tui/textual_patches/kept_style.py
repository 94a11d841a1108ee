"""A widget whose Rich style is looked up once per style change, not once per refresh.

``Widget.rich_style`` walks the ancestors' backgrounds, and ``refresh()`` forgets it: a
widget that refreshes on every keystroke and renders with its own style paid that walk
each time.  Styles reach a widget through ``notify_style_update`` (its classes, an
ancestor's, the theme), which is when the kept style is dropped.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from tui.textual_patches import ACTIVE


class KeptStyle(Widget):
    """Adds :attr:`kept_rich_style`: ``rich_style``, kept until the styles change."""

    _kept_rich_style: Style | None = None

    @property
    def kept_rich_style(self) -> Style:
        """The widget's Rich style (colours and text style, backgrounds blended)."""
        if not ACTIVE:  # whether Textual still tells a widget of every style change
            return self.rich_style
        if self._kept_rich_style is None:
            self._kept_rich_style = self.rich_style
        return self._kept_rich_style

    def notify_style_update(self) -> None:
        """The styles changed: look the style up again next time."""
        self._kept_rich_style = None
        super().notify_style_update()
