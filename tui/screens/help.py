"""The help screen: every key, what it does, and what the panels show."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.text import ascii_text
from tui.widgets.ascii_scrollbar import AsciiScrollBarRender

KEYS: tuple[tuple[str, str], ...] = (
    ("← →", "move x by one step"),
    ("shift+← / →", "move x by ten steps"),
    ("↑ ↓", "move y by one step (two variables)"),
    ("shift+↑ / ↓", "move y by ten steps"),
    ("home / end", "go to the start / end of the range"),
    ("+ / -  0", "zoom in / out by 2 (the wheel too); 0: own range"),
    ("< > [ ]", "pan x (< >) or y ([ ]) by a quarter of the view"),
    ("z  h / H", "step: one cell, a round number; halve / double it"),
    ("g", "each node's value and ∂f/∂node; g again: the code"),
    ("pgup / pgdn", "scroll the tape panel (its code or its tree)"),
    ("1 2 3 4", "price, pay, bonus, earnings (default points)"),
    ("e", "edit the expression; Enter applies it at the point"),
    ("↑ ↓ (in it)", "the expressions applied before, kept between runs"),
    ("escape", "back to the chart; abandons a wait for TensorFlow"),
    ("tab / shift+tab", "move between the fields"),
    ("t", "show or hide the tangent"),
    ("d", "show f′, then f′ and f″, then neither (curves)"),
    ("w / W", "walk up / down the gradient from the cursor (fields)"),
    ("o / O", "TensorFlow's four optimizers, downhill / uphill (fields)"),
    ("/ *", "halve / double the walk's and optimizers' η"),
    ("c", "show or hide the slices through the cursor (fields; one at a time when short)"),
    ("a", "three variables or more: draw the next pair, the others held at the point"),
    ("s", "show or hide the sidebar"),
    ("x", "save the screen as SVG and text, named after the point"),
    ("ctrl+p", "command palette: functions, the tape's inside, resume"),
    ("?", "this help"),
    ("R", "start TensorFlow again after repeated deaths"),
    ("q", "quit"),
    ("ctrl+z", "suspend to the shell; fg brings it back"),
)

ASCII_KEYS = {
    "← →": "left right",
    "shift+← / →": "shift+left/right",
    "↑ ↓": "up down",
    "shift+↑ / ↓": "shift+up/down",
    "↑ ↓ (in it)": "up down (in it)",
}
"""Key names for terminals without Unicode (descriptions go through ``ascii_text``)."""

ABOUT = (
    "Every number comes from tf.GradientTape: f'(x) from a tape, f''(x) from a tape "
    "inside a tape, ∂f/∂x and ∂f/∂y from one tape over two variables. The tape panel "
    "shows the tutorial's code for this point and what TensorFlow really printed; "
    "g shows its inside instead: the expression as a tree, each node's value and its "
    "adjoint ∂f/∂node, all from one tape.gradient call.\n\n"
    "A walk steps x ← x ± η·∇f(x) with each gradient from the tape; η and the number "
    "of steps are in the sidebar. It stops at the edge of the box, where |∇f| is tiny, "
    "or where f is undefined, and says which.\n\n"
    "Mouse: move over the chart or the field to move the cursor; click to pin it there."
)


def ascii_words(text: str) -> str:
    """``text`` for terminals without Unicode (η is the rate, ± is +/-)."""
    return ascii_text(text.replace("η", "eta").replace("±", "+/-").replace("₀", "0"))


class HelpScreen(ModalScreen[None]):
    """A modal list of every key; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss_help", "Close", key_display="esc"),
    ]

    def __init__(self, *, ascii: bool = False) -> None:
        super().__init__()
        self.ascii = ascii

    def compose(self) -> ComposeResult:
        """The key table and a paragraph about the numbers."""
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            if key == "ctrl+z" and self.app.is_web:  # a browser has no shell to suspend to
                continue
            if self.ascii:
                key, what = ASCII_KEYS.get(key, key), ascii_words(what)
            table.add_row(key, what)
        about = ascii_words(ABOUT) if self.ascii else ABOUT
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            yield Static(table)
            yield Static(Text(about, style="italic"), id="help-about")

    def on_mount(self) -> None:
        """Under ``--ascii``, a scrollbar without block characters (a short terminal scrolls)."""
        if self.ascii:
            box = self.query_one("#help-box", VerticalScroll)
            box.vertical_scrollbar.renderer = AsciiScrollBarRender  # type: ignore[misc]

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)
