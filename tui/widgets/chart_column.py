"""The column with the chart, the readout and the panels: where the keyboard rests."""

from __future__ import annotations

from textual.containers import Vertical


class ChartColumn(Vertical, can_focus=True):
    """Focusable, so the arrow keys reach the explorer's bindings whichever chart is shown.

    Focus stays here when the function changes between one and two variables, so a key
    typed right after ``4`` or ``2`` (``e``, say) is never lost to a focus hand-over.
    """

    DEFAULT_CSS = """
    ChartColumn:focus {
        background-tint: $foreground 0%;
    }
    """

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Restyle the column alone: no rule styles what is inside it by its focus.

        Textual restyles a widget and everything in it when its focus changes; here that
        is the charts, the readout and the panels, on the first frame and whenever the
        focus comes back from a field.
        """
        self.app.stylesheet.update_nodes([self], animate=True)
