"""Keep a view: the explorer's screen saved as SVG (Textual's screenshot) and plain text.

The files are named after the function and the point (``earnings-x25-y6.svg``), in
``$TENSORTOWN_EXPORT_DIR`` or the current directory, and each is written whole or not at
all (:func:`tensortown.chart.export.write`).
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from tensortown.numbers import format_number

EXPORT_DIR = "TENSORTOWN_EXPORT_DIR"


def export_name(key: str | None, point: dict[str, float]) -> str:
    """``earnings-x25-y6``, ``expression-x0.5``: safe in any file system."""
    where = "-".join(f"{s}{format_number(v)}" for s, v in point.items())
    name = f"{key or 'expression'}-{where}"
    return re.sub(r"[^A-Za-z0-9._+-]", "_", name)


def export_dir() -> Path:
    """Where exports go: ``$TENSORTOWN_EXPORT_DIR``, else the current directory."""
    return Path(os.environ.get(EXPORT_DIR) or ".")


def export_view(screen: Any) -> None:
    """The explorer's ``x``: the screen saved as SVG and text (or, served, sent to the
    browser's downloads); a file that can't be written is said on screen."""
    from tensortown.chart.export import ExportError
    from tui import textual_patches

    app = screen.app
    shown = screen.exploration
    stem = export_name(shown.function.key, shown.point_dict())
    try:
        svg, text = app.export_screenshot(), textual_patches.screen_text(app)
        if app.is_web:  # served (tensortown serve): to the browser's downloads
            files = {f"{stem}.svg": svg, f"{stem}.txt": text}
            for name, content in files.items():
                if content is not None:
                    app.deliver_text(io.StringIO(content), save_filename=name)
            screen.notify(f"sent {' and '.join(files)} to the browser", timeout=5)
            return
        paths = save(stem, svg, text)
    except ExportError as error:
        screen.notify(f"not saved: {error}", severity="error", timeout=6)
        return
    screen.notify("saved " + " and ".join(str(p) for p in paths), timeout=5)


def save(stem: str, svg: str, text: str | None) -> list[Path]:
    """Write ``stem.svg`` (and ``stem.txt``); the paths, or ExportError saying why not."""
    from tensortown.chart.export import write

    folder = export_dir()
    written = [write(folder / f"{stem}.svg", svg)]
    if text is not None:
        written.append(write(folder / f"{stem}.txt", text))
    return written
