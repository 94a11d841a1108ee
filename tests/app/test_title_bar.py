"""The title bar reads the same in an SVG screenshot as on a terminal: name, title, formula."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("textual")

from rich.cells import cell_len
from textual.app import App, ComposeResult
from tui_support import run_async

from tui.widgets.title_bar import TitleBar

SPAN = re.compile(
    r'<text [^>]*x="([0-9.]+)"[^>]*textLength="([0-9.]+)"'
    r'[^>]*clip-path="url\(#terminal-(?:[0-9]+-)?line-0\)">([^<]*)</text>'
)
"""One span of the top line in Textual's SVG: the x it starts at, its length, its text."""


class Titled(App[None]):
    """The bar alone, as the explorer shows it for the pay function."""

    def __init__(self, ascii: bool, status: str) -> None:
        super().__init__()
        self.plain = ascii
        self.status = status

    def compose(self) -> ComposeResult:
        yield TitleBar(ascii=self.plain)

    def on_mount(self) -> None:
        bar = self.query_one(TitleBar)
        bar.title = "Weekly pay"
        bar.formula = "f(x) = 0.25x^2 + 500" if self.plain else "f(x) = 0.25x² + 500"
        bar.status = self.status


def as_a_viewer_draws(svg: str, width: int) -> str:
    """The top line as librsvg draws it: each span from its own cell, its leading spaces gone."""
    spans = [
        (float(x), float(length), html.unescape(text).replace("\xa0", " "))
        for x, length, text in SPAN.findall(svg)
    ]
    cell = next(length / cell_len(text) for _, length, text in spans if text.strip())
    line = [" "] * width
    for x, _, text in spans:
        start = round(x / cell)
        for offset, char in enumerate(text.strip("\n").lstrip()):
            line[start + offset] = char
    return "".join(line).rstrip()


@pytest.mark.parametrize("ascii", [False, True], ids=["unicode", "ascii"])
@pytest.mark.parametrize("status", ["", "loading TensorFlow"], ids=["ready", "loading"])
@run_async
async def test_the_screenshot_keeps_the_gaps_the_terminal_shows(ascii: bool, status: str) -> None:
    app = Titled(ascii, status)
    async with app.run_test(size=(80, 3)) as pilot:
        await pilot.pause()
        on_the_terminal = app.query_one(TitleBar).render().plain.rstrip()
        drawn = as_a_viewer_draws(app.export_screenshot(), 80)
    bar = "|" if ascii else "│"
    assert on_the_terminal.startswith(f" TensorTown {bar} Weekly pay   f(x) = 0.25x")
    assert drawn == on_the_terminal
