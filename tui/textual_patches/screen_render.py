"""The screen as plain text, as Textual's own screenshot renders it (Textual 8.2.8).

``App.export_screenshot`` renders the screen with ``screen._compositor.render_update``
into a recording Rich console and exports SVG; the same render exported as text is the
screen's characters, a line per row.  ``tests/app/test_export.py`` holds it to the
screenshot's own text.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console


def screen_text(app: Any) -> str:
    """What the terminal shows now, without colour: a line per row."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    render = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=False
    )
    console.print(render)
    return console.export_text(styles=False)
