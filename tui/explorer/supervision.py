"""What the explorer says and does as TensorFlow loads, is lost, or is started again.

The runner tells the screen (``on_lost``, ``on_restart``) and the screen's handlers hand
the message here. A restart keeps everything the person made (the function, the point,
the ranges, the panels, the charts already drawn): only the numbers wait, with a note in
the readout, until TensorFlow is loaded again and the point is read once more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui import messages, text
from tui.widgets.curve_view import CurveView
from tui.widgets.field_view import FieldView
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.readout import Readout
from tui.widgets.tape_panel import TapePanel
from tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tui.explorer.base import ExplorerBase

RETRY_KEY = "R"
"""The key that starts TensorFlow again once the runner has stopped trying."""


class Supervision:
    """The explorer's side of TensorFlow's start, loss and restarts."""

    def __init__(self, screen: ExplorerBase) -> None:
        self.screen = screen
        self.restarting: str | None = None
        """Why TensorFlow is being started again, until it is back."""

    def attach(self) -> None:
        """Listen to the runner (a lost process is said even if it died before now)."""
        screen = self.screen

        def restarting(why: str) -> None:
            screen.post_message(messages.BackendRestarting(why))

        def lost(why: str) -> None:
            screen.post_message(messages.BackendFailed(f"{why}. {RETRY_KEY} starts it again."))

        screen.runner.on_restart = restarting
        screen.runner.on_lost = lost

    def show_loading(self) -> None:
        """Words where the charts and numbers will be (not Textual's LoadingIndicator: its
        animation repaints 16 times a second and takes the interpreter's lock from
        TensorFlow's import)."""
        screen = self.screen
        loading = "Loading TensorFlow" + ("..." if screen.ascii else "…")
        screen.query_one(OneMoreStepPanel).show_message(loading)
        screen.query_one(TapePanel).show_message(loading)
        for view in (screen.query_one(CurveView), screen.query_one(FieldView)):
            view.clear(loading)
        screen.query_one(TitleBar).status = loading[0].lower() + loading[1:]

    def ready(self, seconds: float) -> None:
        """TensorFlow is loaded (again): the numbers and the chart of the point shown."""
        screen = self.screen
        again = " again" if self.restarting else ""
        screen.log(f"TensorFlow ready{again} after {seconds:.1f} s")
        if self.restarting is not None:
            screen.notify("TensorFlow is back.", timeout=3)
        self.restarting = None
        screen.ready = True
        screen.query_one(TitleBar).status = ""
        screen.readings.request(screen.exploration)  # numbers first, then the chart
        screen.charts.want(screen.exploration, screen.derivatives)

    def restart(self, why: str) -> None:
        """TensorFlow is being started again: what is on screen stays, the numbers wait."""
        screen = self.screen
        self._numbers_stop(why, None, "TensorFlow was started again")
        dots = "..." if screen.ascii else "…"
        note = f"{why}: starting TensorFlow again{dots}"
        exploration = screen.exploration
        items = text.point_items(exploration.function, exploration.point_dict())
        screen.query_one(Readout).show_items(items, text.ascii_text(note) if screen.ascii else note)
        screen.query_one(TitleBar).status = "restarting TensorFlow"
        screen.load_backend()

    def failed(self, advice: str) -> None:
        """Say what went wrong and what to do (a failed import, a process that keeps
        dying); the app keeps running."""
        screen = self.screen
        self._numbers_stop(None, advice, "TensorFlow stopped it")
        screen.query_one(OneMoreStepPanel).loading = False
        screen.query_one("#tape-box").loading = False
        screen.query_one(TitleBar).status = "TensorFlow unavailable"
        for view in (screen.query_one(CurveView), screen.query_one(FieldView)):
            view.clear("No chart without TensorFlow (see below).")
        screen.query_one(Readout).show_items([], advice, "error")
        screen.query_one(OneMoreStepPanel).show_message("No numbers without TensorFlow.")
        screen.query_one(TapePanel).show_message(advice)

    def _numbers_stop(self, restarting: str | None, error: str | None, walk: str) -> None:
        """No numbers come for now: no chart is awaited, the walk stops (saying ``walk``),
        the lab and the waiting reading are dropped."""
        screen = self.screen
        self.restarting = restarting
        screen.backend_error = error
        screen.ready = False
        screen.charts.lost()
        screen.walker.stop(walk)
        screen.lab.clear()
        screen.readings.restarting()

    def retry(self) -> bool:
        """Start TensorFlow again after it was given up on; True if the runner could."""
        return self.screen.runner.retry()
