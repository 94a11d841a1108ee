"""Every use of a private Textual name, in one place, for one exact version of Textual.

TensorTown changes a few things Textual does, each for speed over SSH or for keys typed
in one burst, and each held to Textual's own output by a test (``tests/app``):

- :mod:`~tui.textual_patches.compositor`: a compositor that renders and writes only the
  cells a screen update changes, and a screen that skips repeated layouts and repaints
  as it starts;
- :mod:`~tui.textual_patches.input_keys`: an Input that runs its editing keys as they
  arrive (Textual issue 6605);
- :mod:`~tui.textual_patches.footer`: the footer drawn by one widget;
- :mod:`~tui.textual_patches.kept_style`: a widget's Rich style kept until its styles change;
- :mod:`~tui.textual_patches.paste`: pastes cleaned of control characters before Textual's
  input parser, which let an escape sequence inside a paste out as keys ahead of it;
- :mod:`~tui.textual_patches.screen_render`: the screen as plain text, rendered as
  Textual's screenshot renders it (:func:`screen_text`);
- :func:`handle_exception`: end the app with a traceback, as a worker's error would.

They rely on Textual's internals, so they are used only with the Textual version they
were written and tested for (:data:`PINNED`, pinned exactly in ``pyproject.toml``).  With
any other version, or with ``TENSORTOWN_STOCK_TEXTUAL=1``, the explorer uses Textual's
own screen, Input and Footer instead: slower over SSH, never wrong.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

PINNED = "8.2.8"
"""The Textual version the patches were written for (``pyproject.toml`` pins it)."""
STOCK = "TENSORTOWN_STOCK_TEXTUAL"
"""Set to ``1`` to use Textual's own screen, Input and Footer (the fallback's path)."""


def installed_textual() -> str | None:
    """The installed Textual's version (None if its metadata cannot be found).

    The pinned version's metadata folder beside Textual says so at the cost of one look;
    anything else asks ``importlib.metadata``, which reads every installed package's.
    """
    import textual

    if (Path(textual.__file__).parent.parent / f"textual-{PINNED}.dist-info").is_dir():
        return PINNED
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("textual")
    except PackageNotFoundError:
        return None


def _active() -> bool:
    return installed_textual() == PINNED and os.environ.get(STOCK, "") in ("", "0")


ACTIVE = _active()
"""True when the patches apply: the pinned Textual is installed and the stock path not asked for."""


def handle_exception(app: App[object], error: Exception) -> None:
    """End ``app`` with ``error``'s traceback, as Textual does for an error in a worker."""
    if ACTIVE:
        app._handle_exception(error)
        return
    from rich.traceback import Traceback

    traceback = Traceback.from_exception(type(error), error, error.__traceback__)
    app.exit(return_code=1, message=traceback)


def footer(*, ascii: bool = False) -> Widget:
    """The explorer's footer: one widget with the pinned Textual, else Textual's own Footer."""
    if ACTIVE:
        from tui.textual_patches.footer import KeyFooter

        return KeyFooter(
            compact=True,
            show_command_palette=True,
            pinned=("help", "quit"),
            ascii=ascii,
            id="footer",
        )
    from textual.widgets import Footer

    # Textual's footer draws a Unicode bar before the palette's key: none under --ascii
    return Footer(compact=True, show_command_palette=not ascii, id="footer")


FOOTER = "KeyFooter" if ACTIVE else "Footer"
"""The footer's class name (it stays under a maximized panel)."""


def guard_pastes() -> None:
    """Clean each paste before Textual's parser sees it (:mod:`tui.textual_patches.paste`)."""
    if ACTIVE:
        from tui.textual_patches.paste import install

        install()


def pastes_dropped() -> int:
    """Control characters dropped from pastes since the last call (0 on the stock path)."""
    if not ACTIVE:
        return 0
    from tui.textual_patches.paste import take_dropped

    return take_dropped()


def screen_text(app: App[object]) -> str | None:
    """The screen as plain text, a line per row (None on the stock path: SVG only there)."""
    if not ACTIVE:
        return None
    from tui.textual_patches.screen_render import screen_text as text

    return text(app)
