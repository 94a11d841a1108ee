"""A chart's cell grid as a file to keep: SVG, HTML or plain text, with its colours.

The SVG and the HTML draw the same cells the terminal shows, a monospace cell each, with
the canvas's own colours (the terminal's default colours become :data:`FOREGROUND` on
:data:`BACKGROUND`); they name only fonts found on the reader's machine (no web font is
fetched).  Each run of one style is one ``<text>`` stretched to its cells
(``textLength``), so braille dots and box lines keep their columns in any font.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

from tensortown.chart.canvas import PLAIN, Canvas, Style

FOREGROUND = "#d4d4d4"
BACKGROUND = "#1e1e1e"
FONTS = '"DejaVu Sans Mono", "Menlo", "Consolas", "Liberation Mono", monospace'
CELL_WIDTH = 9
"""Pixels across a cell (0.6 em at 15 px): whole pixels, so that cells meet without seams."""
CELL_HEIGHT = 18
FONT_SIZE = 15
KINDS = (".svg", ".html", ".txt")
"""The files :func:`write` makes, by suffix."""


class ExportError(ValueError):
    """A file that can't be written: the message says which and why."""


def svg(canvas: Canvas, *, title: str = "TensorTown") -> str:
    """The grid as an SVG image of its cells."""
    width, height = canvas.width * CELL_WIDTH, canvas.height * CELL_HEIGHT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family=\'{FONTS}\' font-size="{FONT_SIZE}">',
        f"<title>{html.escape(title)}</title>",
        f'<rect width="100%" height="100%" fill="{BACKGROUND}"/>',
    ]
    for row in range(canvas.height):
        column = 0
        y = row * CELL_HEIGHT
        for text, style in canvas.runs(row):
            x = column * CELL_WIDTH
            cells = len(text)
            if style.bg is not None:
                parts.append(
                    f'<rect x="{x:g}" y="{y:g}" width="{cells * CELL_WIDTH:g}" '
                    f'height="{CELL_HEIGHT:g}" fill="{style.bg}" shape-rendering="crispEdges"/>'
                )
            if text.strip():
                weight = ' font-weight="bold"' if style.bold else ""
                baseline = y + CELL_HEIGHT * 0.78
                parts.append(
                    f'<text x="{x:g}" y="{baseline:g}" fill="{style.fg or FOREGROUND}"{weight} '
                    f'textLength="{cells * CELL_WIDTH:g}" lengthAdjust="spacingAndGlyphs" '
                    f'xml:space="preserve">{html.escape(text)}</text>'
                )
            column += cells
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def page(canvas: Canvas, *, title: str = "TensorTown") -> str:
    """The grid as an HTML page: one ``<pre>``, a ``<span>`` per run of one style."""
    lines = []
    for row in range(canvas.height):
        spans = []
        for text, style in canvas.runs(row):
            spans.append(html.escape(text) if style == PLAIN else _span(text, style))
        lines.append("".join(spans))
    body = "\n".join(lines)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        f'<body style="background:{BACKGROUND};color:{FOREGROUND};margin:1em">'
        f'<pre style="font-family:{html.escape(FONTS)};font-size:{FONT_SIZE}px;'
        f'line-height:{CELL_HEIGHT:g}px">\n{body}\n</pre></body></html>\n'
    )


def _span(text: str, style: Style) -> str:
    css = []
    if style.fg is not None:
        css.append(f"color:{style.fg}")
    if style.bg is not None:
        css.append(f"background:{style.bg}")
    if style.bold:
        css.append("font-weight:bold")
    return f'<span style="{";".join(css)}">{html.escape(text)}</span>'


def render(canvas: Canvas, suffix: str, *, title: str = "TensorTown") -> str:
    """The file's text for ``suffix`` (``.svg``, ``.html``, ``.txt``)."""
    if suffix == ".svg":
        return svg(canvas, title=title)
    if suffix == ".html":
        return page(canvas, title=title)
    if suffix == ".txt":
        return canvas.plain() + "\n"
    raise ExportError(f"{suffix or 'no suffix'}: write FILE.svg, FILE.html or FILE.txt")


def write(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` whole or not at all (a temporary file beside it, renamed);
    :class:`ExportError` naming the file and the reason."""
    target = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise ExportError(f"can't write {target}: {error.strerror}") from None
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 is for secrets; a chart is for reading
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"can't write {target}: {error.strerror}") from None
    return target
