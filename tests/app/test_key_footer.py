"""The one-widget footer draws the line Textual's ``Footer`` draws, cell for cell."""

from __future__ import annotations

import re
from typing import Any, ClassVar

import pytest
from rich.style import Style

pytest.importorskip("textual")

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from tui_support import run_async

from tui.textual_patches.footer import KeyFooter, fit_keys

Cell = tuple[str, str]


class Footed(App[None]):
    """Keys as the explorer has them: shown, hidden, a wide key display, one disabled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "nothing('left')", "move", key_display="←→"),
        Binding("1", "nothing('1')", "function", key_display="1-4"),
        Binding("2", "nothing('2')", "other function", show=False),
        ("t", "tangent", "tangent"),
        Binding("w", "walk", "walk", key_display="w/W", tooltip="walk up the gradient"),
        Binding("W", "walk", "walk down"),  # the same action: the first key only
        ("question_mark", "nothing('?')", "help"),
        ("q", "quit", "quit"),
    ]

    def __init__(self, ours: bool, compact: bool, **options: Any) -> None:
        super().__init__()
        self.ours, self.compact, self.options = ours, compact, options
        self.walked: list[str] = []

    def compose(self) -> ComposeResult:
        if self.ours:
            yield KeyFooter(compact=self.compact, show_command_palette=True, **self.options)
        else:
            yield Footer(compact=self.compact, show_command_palette=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "tangent" else True  # shown, disabled

    def action_nothing(self, key: str) -> None:
        self.walked.append(key)

    def action_walk(self) -> None:
        self.walked.append("walk")


def _seen(character: str, style: Style | None) -> Cell:
    """A cell as a person sees it: its character and style, and of a blank cell only what
    shows on a blank (Textual draws a container's empty cells without a text colour)."""
    style = style or Style()
    if character == " ":
        style = Style(bgcolor=style.bgcolor, reverse=style.reverse, underline=style.underline)
    return character, str(style)


def _cells(app: App[Any]) -> list[Cell]:
    """The bottom line, a cell at a time."""
    strips = app.screen._compositor.render_strips()
    return [_seen(character, segment.style) for segment in strips[-1] for character in segment.text]


def _key_column(app: App[Any], description: str) -> int:
    """The screen column where Textual's footer draws the key with ``description``."""
    for key in app.query(FooterKey):
        if key.description == description:
            return key.region.x
    raise LookupError(description)


SOME_THEMES = ("ansi-dark", "ansi-light", "textual-dark", "textual-light", "atom-one-dark")
"""Terminal colours, dark and light; the footer's line under the pointer is checked in
these (each theme restyles both apps), the plain line in every built-in theme."""


async def _lines(ours: bool, compact: bool, width: int, hover: str | None) -> dict[str, list[Cell]]:
    """The footer's line in each theme, with the pointer over ``hover`` or not."""
    found: dict[str, list[Cell]] = {}
    app = Footed(ours, compact)
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        column = None
        if hover is not None:
            reference = Footed(False, compact)
            async with reference.run_test(size=(width, 3)) as other:
                await other.pause()
                column = _key_column(reference, hover)
        themes = sorted(app.available_themes) if hover is None else SOME_THEMES
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            if column is not None:
                await pilot.hover(offset=(column + 1, 2))
                await pilot.pause()
            found[theme] = _cells(app)
    return found


@run_async
@pytest.mark.parametrize("compact", [True, False], ids=["compact", "regular"])
@pytest.mark.parametrize("width", [120, 79])
@pytest.mark.parametrize("hover", [None, "tangent", "walk", "palette"])
async def test_the_key_footer_draws_textuals_footer(
    compact: bool, width: int, hover: str | None
) -> None:
    """Every built-in theme; room to spare and room for the keys alone; a key under the
    pointer; a disabled key (dim)."""
    theirs = await _lines(False, compact, width, hover)
    ours = await _lines(True, compact, width, hover)
    assert "".join(c for c, _ in ours["textual-dark"]).strip().startswith("←→")
    for theme, line in theirs.items():
        assert ours[theme] == line, theme


@run_async
@pytest.mark.parametrize("ascii", [False, True])
async def test_keys_that_do_not_fit_give_way_whole_and_the_pinned_stay(ascii: bool) -> None:
    """Textual's footer cuts them at the palette's key; ours leaves out whole keys, the
    rightmost first, and keeps the pinned ones (help and quit in the explorer)."""
    app = Footed(True, True, pinned=("nothing('?')", "quit"), ascii=ascii)
    async with app.run_test(size=(60, 3)) as pilot:
        await pilot.pause()
        line = "".join(c for c, _ in _cells(app))
        bar = " " if ascii else "▏"
        assert re.fullmatch(
            rf"←→ move 1-4 function t tangent \? help q quit +{bar}\^p palette ", line
        )
        footer = app.query_one(KeyFooter)
        assert footer.key_at(line.index("help")) is not None
        assert footer.key_at(line.index("^p") - 1) is (None if ascii else footer.palette)
        await pilot.click(offset=(line.index("^p") + 3, 2))  # the palette's key
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


@pytest.mark.parametrize(
    ("widths", "pinned", "room", "kept"),
    [
        ([5, 5, 5], [False, False, False], 17, [0, 1, 2]),  # 5+1+5+1+5
        ([5, 5, 5], [False, False, False], 16, [0, 1]),  # whole keys only
        ([5, 9, 3, 4], [False, False, True, True], 16, [0, 2, 3]),  # 9 gives way, not 5
        ([5, 9, 3, 4], [False, False, True, True], 7, [3]),  # pinned, from the left
        ([5, 5], [False, False], 0, []),
        ([], [], 10, []),
    ],
)
def test_fit_keys(widths: list[int], pinned: list[bool], room: int, kept: list[int]) -> None:
    assert fit_keys(widths, pinned, room, gap=1) == kept


@run_async
async def test_a_click_presses_the_key_and_the_pointer_shows_its_tooltip() -> None:
    app = Footed(True, True)
    async with app.run_test(size=(120, 3)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        line = "".join(c for c, _ in _cells(app))
        column = line.index("w/W")
        await pilot.hover(offset=(column, 2))
        assert footer.tooltip == "walk up the gradient"
        await pilot.click(offset=(column + 2, 2))
        await pilot.pause()
        assert app.walked == ["walk"]
        assert footer.key_at(line.index("tangent")) is not None  # disabled: a bell
        await pilot.click(offset=(line.index("tangent"), 2))
        await pilot.click(offset=(line.index("help") + 4, 2))  # the gap after a key
        await pilot.click(offset=(line.index("help"), 2))
        await pilot.pause()
        assert app.walked == ["walk", "?"] and app.is_running
        await pilot.click(offset=(line.index("quit"), 2))
        await pilot.pause()
        assert not app.is_running


@run_async
async def test_the_footer_draws_again_only_when_its_keys_change() -> None:
    app = Footed(True, True)
    async with app.run_test(size=(120, 3)) as pilot:
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        shown = footer.keys
        assert [key.description for key in shown][:2] == ["move", "function"]
        assert footer.palette is not None and footer.palette.description == "palette"
        app.refresh_bindings()
        await pilot.pause()
        assert footer.keys is shown  # the same keys: kept, not drawn again
        line = "".join(c for c, _ in _cells(app))
        await pilot.hover(offset=(line.index("w/W"), 2))
        app.bind("x", "app.bell", description="extra")
        app.refresh_bindings()
        await pilot.pause()
        assert footer.keys is not shown and footer.keys[-1].description == "extra"
        assert "extra" in "".join(c for c, _ in _cells(app))
        # The pointer has not moved: its key is still the one under it.
        assert footer.tooltip == "walk up the gradient"
