"""The TensorTown explorer: a Textual app over the core's tape and charts.

The app holds what is app-wide: the help and quit keys, the command palette, the
explorer's screen (:mod:`tui.explorer`) and the way out.  The screen holds the state and
everything shown; TensorFlow runs with the runner (:mod:`tui.runner`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType

from tui import textual_patches
from tui.explorer.screen import ExplorerScreen
from tui.keytimes import KeyTimes
from tui.runner import collector
from tui.runner.base import ThreadRunner
from tui.session import Session, SessionFile
from tui.state import Exploration
from tui.textual_patches import FOOTER

if TYPE_CHECKING:
    from textual.screen import Screen

    from tensortown.catalogue import Function
    from tui.runner.base import Runner

STARTED = time.perf_counter()
"""When this module was imported: the app logs how long its first frame took."""

ASCII_KEY_LABELS = {"←→": "<->", "→": ">"}
"""Key labels for terminals without Unicode."""


ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""The signals that end the explorer as ``q`` does."""


class TensorTownApp(App[int]):
    """Explore f, f', f'' and ∇f from tf.GradientTape with the keyboard (and the mouse)."""

    TITLE = "TensorTown"
    AUTO_FOCUS = None
    CSS_PATH = "app.tcss"
    ALLOW_IN_MAXIMIZED_VIEW: ClassVar[str] = FOOTER
    """The footer stays under a maximized panel (Textual's default names its own Footer)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "help", key_display="?", id="help"),
        Binding("q", "quit", "quit", id="quit"),
        Binding("ctrl+z", "suspend_process", "suspend", show=False, id="suspend"),
    ]

    def __init__(
        self,
        function: Function | None = None,
        point: dict[str, float] | None = None,
        *,
        ascii_only: bool = False,
        color: bool = True,
        runner: Runner | None = None,
        sessions: SessionFile | None = None,
        resume: bool = False,
        resumed: Session | None = None,
    ) -> None:
        super().__init__()
        textual_patches.guard_pastes()
        self.ascii = ascii_only
        self.color = color and not os.environ.get("NO_COLOR")
        self.runner: Runner = runner or ThreadRunner()
        """Where TensorFlow's jobs run: a thread here, or the process :func:`run` was given."""
        self.sessions = sessions if sessions is not None else SessionFile.default()
        """Where the exploration is kept for ``--resume``."""
        if resume and resumed is None:
            resumed = self.sessions.load()
        self.resume_problem = self.sessions.problem if resume else None
        """Why ``--resume`` could not resume, said once the screen is up."""
        self.sessions.problem = None
        self.explorer = ExplorerScreen(
            resumed.exploration if resumed else Exploration.opening(function, point),
            self.runner,
            ascii=self.ascii,
            color=self.color,
            sessions=self.sessions,
            previous=resumed,
            looked=resume,
            view=resumed.view if resumed else None,
        )
        """The explorer's screen (the app's default screen)."""
        self.explorer.readings.key_times = KeyTimes.from_environment()
        self.first_frame: float | None = None
        """Seconds from import to the first frame."""

    def get_default_screen(self) -> Screen[Any]:
        """The explorer."""
        return self.explorer

    def on_mount(self) -> None:
        """The theme; the first frame's time, once it is painted; the signals that end the
        app, and the repaint after a suspend."""
        self.theme = "textual-dark"
        self.call_after_refresh(self._first_frame)
        if self.resume_problem:
            self.notify(self.resume_problem, severity="warning", timeout=8)
        self.app_resume_signal.subscribe(self, self._resumed)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop = asyncio.get_running_loop()  # (not in a thread, not on Windows)
            for signum in ENDING_SIGNALS:
                loop.add_signal_handler(signum, self._ended_by, signum)

    def _ended_by(self, signum: int) -> None:
        """SIGTERM, SIGHUP or SIGINT: leave as ``q`` does (the terminal restored, TensorFlow's
        process ended), with the shell's status for the signal (143, 129, 130)."""
        self.exit(return_code=128 + signum)

    def _resumed(self, _app: object) -> None:
        """Back from ctrl+z (or a SIGTSTP) and ``fg``: the terminal was someone else's
        meanwhile, so paint every cell again."""
        self.screen.refresh(repaint=True, layout=True)

    def _first_frame(self) -> None:
        self.first_frame = time.perf_counter() - STARTED
        self.log(f"first frame after {self.first_frame * 1000:.0f} ms")
        collector.resume()

    def get_key_display(self, binding: Binding) -> str:
        """Key labels as Textual gives them, without arrows under ``--ascii``."""
        display = super().get_key_display(binding)
        return ASCII_KEY_LABELS.get(display, display) if self.ascii else display

    def pop_screen(self) -> AwaitComplete:
        """Pop a screen, but never the last one.

        Textual 8.2.8's command palette can dismiss itself twice when two Enters arrive
        together (as they do over SSH), which would pop the explorer and end the app
        with ScreenStackError; the second pop is ignored instead.
        """
        if len(self.screen_stack) <= 1:

            async def nothing() -> None:
                return None

            return AwaitComplete(nothing()).call_next(self)
        return super().pop_screen()

    def on_resize(self, event: events.Resize) -> None:
        """Lay the explorer out for the terminal's new size (under the help or the palette too).

        The event's size, not ``self.size``: this handler runs before Textual's own, which
        is where the app takes its new size.
        """
        self.explorer.fit(*event.size)

    async def on_event(self, event: events.Event) -> None:
        """Every key is the explorer's to see first: it stops a running walk, and the
        cursor keys on the chart take a short way to the cursor."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            explorer = self.explorer
            explorer.key_pressed()
            key_times = explorer.readings.key_times
            if key_times is not None:
                key_times.key(event.time)
            if len(self.screen_stack) == 1 and explorer.move_key(event.key):
                event.stop()
                event.prevent_default()
                return
        await super().on_event(event)

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.help import HelpScreen

        screen = HelpScreen(ascii=self.ascii)
        if self.ascii:
            screen.add_class("-ascii")
        self.push_screen(screen)

    def on_unmount(self) -> None:
        """Keep the exploration; let the runner go (queued jobs are dropped); save the
        keystroke timings."""
        self.explorer.keeping.flush()
        self.runner.stop()
        key_times = self.explorer.readings.key_times
        if key_times is not None:
            key_times.save()


def run(
    function: Function | None = None,
    point: dict[str, float] | None = None,
    ascii_only: bool = False,
    color: bool = True,
    runner: Runner | None = None,
    sessions: SessionFile | None = None,
    resume: bool = False,
    resumed: Session | None = None,
) -> int:
    """Open the explorer (``tensortown``, ``tensortown explore``); returns the exit status.

    ``runner`` is where TensorFlow runs: the command line starts a
    :class:`~tui.runner.process.ProcessRunner` before it imports this module.
    """
    from tensortown import backend

    if not color:
        os.environ["NO_COLOR"] = "1"
    app = TensorTownApp(
        function,
        point,
        ascii_only=ascii_only,
        color=color,
        runner=runner,
        sessions=sessions,
        resume=resume,
        resumed=resumed,
    )
    with backend.divert_native_stderr():
        app.run()
    status = app.return_code or 0
    if not app.runner.stop(timeout=2.0):
        # TensorFlow is still importing or tracing on a thread; tearing the interpreter
        # down under it aborts in native code, so leave at once, cleanly.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    return status
