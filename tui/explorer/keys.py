"""The explorer's keys: every binding, and the cursor keys the chart handles itself."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CURSOR_KEYS: dict[str, tuple[str, int]] = {
    "right": ("x", 1),
    "left": ("x", -1),
    "shift+right": ("x", 10),
    "shift+left": ("x", -10),
    "up": ("y", 1),
    "down": ("y", -1),
    "shift+up": ("y", 10),
    "shift+down": ("y", -10),
}
"""The keys bound to ``move`` (see ``BINDINGS``), for the chart's short way to it."""

ZOOM = 2.0
"""How many times ``+`` (and a turn of the wheel up) magnifies the view; ``-`` undoes it."""
PAN = 0.25
"""How much of the view ``<`` ``>`` (x) and ``[`` ``]`` (y) move it by."""
REFUSAL_SHOWN = 5.0
"""Seconds a refused key's message is shown (the same message is not shown twice meanwhile)."""

BINDINGS: list[BindingType] = [
    Binding("left", "move('x', -1)", "move", key_display="←→", id="left"),
    Binding("right", "move('x', 1)", "x+1", key_display="→", show=False, id="right"),
    Binding("shift+left", "move('x', -10)", "x−10", show=False, id="left10"),
    Binding("shift+right", "move('x', 10)", "x+10", show=False, id="right10"),
    Binding("up", "move('y', 1)", "y+1", show=False, id="up"),
    Binding("down", "move('y', -1)", "y−1", show=False, id="down"),
    Binding("shift+up", "move('y', 10)", "y+10", show=False, id="up10"),
    Binding("shift+down", "move('y', -10)", "y−10", show=False, id="down10"),
    Binding("pageup", "scroll_tape(-1)", "tape up", show=False, id="tape-up"),
    Binding("pagedown", "scroll_tape(1)", "tape down", show=False, id="tape-down"),
    Binding("home", "to_end(0)", "Start", show=False, id="home"),
    Binding("end", "to_end(1)", "End", show=False, id="end"),
    Binding("1", "choose('price')", "function", key_display="1-4", id="price"),
    Binding("2", "choose('pay')", "pay", show=False, id="pay"),
    Binding("3", "choose('bonus')", "bonus", show=False, id="bonus"),
    Binding("4", "choose('earnings')", "earnings", show=False, id="earnings"),
    # These two move the focus: as priority bindings they act in the order the keys
    # came, so keys typed in the same burst land where the focus went.
    Binding("e", "focus_expression", "expression", id="expression", priority=True),
    Binding("escape", "focus_chart", "chart", show=False, id="chart", priority=True),
    Binding("t", "toggle_tangent", "tangent", id="tangent"),
    Binding("d", "derivatives", "f'", show=False, id="derivatives"),
    Binding("w", "walk(True)", "walk", key_display="w/W", id="walk-up"),
    Binding("W", "walk(False)", "walk down", show=False, id="walk-down"),
    Binding("o", "lab(False)", "optimizers", show=False, id="lab-down"),
    Binding("O", "lab(True)", "optimizers uphill", show=False, id="lab-up"),
    Binding("slash", "lab_rate(0.5)", "halve η", show=False, id="halve-rate"),
    Binding("asterisk", "lab_rate(2.0)", "double η", show=False, id="double-rate"),
    Binding("c", "toggle_slices", "slices", show=False, id="slices"),
    Binding("s", "toggle_sidebar", "sidebar", id="sidebar"),
    Binding("g", "toggle_inside", "tape's inside", show=False, id="inside"),
    Binding("x", "export", "export", show=False, id="export"),
    Binding("R", "retry_tensorflow", "retry TensorFlow", show=False, id="retry"),
    # Last of the shown keys: on a narrow terminal the footer leaves it out first.
    Binding("a", "cycle_axes", "axes", id="axes"),  # three variables or more
    Binding("plus", f"zoom({ZOOM})", "zoom", key_display="+-", id="zoom-in"),
    Binding("minus", f"zoom({1 / ZOOM})", "zoom out", show=False, id="zoom-out"),
    Binding("less_than_sign", f"pan('x', {-PAN})", "pan left", show=False, id="pan-left"),
    Binding("greater_than_sign", f"pan('x', {PAN})", "pan right", show=False, id="pan-right"),
    Binding("left_square_bracket", f"pan('y', {-PAN})", "pan down", show=False, id="pan-down"),
    Binding("right_square_bracket", f"pan('y', {PAN})", "pan up", show=False, id="pan-up"),
    Binding("0", "home_view", "whole range", show=False, id="home-view"),
    Binding("z", "cell_step", "step = a cell", show=False, id="cell-step"),
    Binding("h", "scale_step(0.5)", "halve step", show=False, id="halve-step"),
    Binding("H", "scale_step(2)", "double step", show=False, id="double-step"),
]
"""The explorer's bindings; the footer shows those with ``show``, in this order."""
