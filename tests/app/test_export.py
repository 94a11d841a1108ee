"""Keep a view (issue 21): ``x`` saves the screen as SVG and text, named after the point.

The SVG is Textual's own screenshot; the text file is the same render as characters,
held here to the screenshot's text row by row.  A folder that can't be written is said
on screen, and the explorer goes on.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

pytest.importorskip("textual")

from tui_support import readout, run_async, settle

from tui import textual_patches
from tui.app import TensorTownApp
from tui.export import export_name

SIZE = (100, 30)

pytestmark = pytest.mark.usefixtures("tf")


def test_names_say_the_function_and_the_point() -> None:
    assert export_name("earnings", {"x": 25.0, "y": 6.0}) == "earnings-x25-y6"
    assert export_name(None, {"x": -0.5}) == "expression-x-0.5"
    assert export_name("pay", {"x": 1e-07}) == "pay-x1e-7"


def _svg_rows(svg: str, width: int) -> list[str]:
    """The screenshot's characters, row by row: each ``<text>`` of the terminal's lines
    at its cell (Rich writes a run per ``<text>`` and leaves blank runs out)."""
    root = ElementTree.fromstring(svg)
    texts = [
        e
        for e in root.iter("{http://www.w3.org/2000/svg}text")
        if "clip-path" in e.attrib and e.text
    ]
    cell = min(float(e.get("textLength", "0")) / len(e.text or " ") for e in texts)
    rows: dict[float, list[str]] = {}
    for element in texts:
        y, text = float(element.get("y", "")), (element.text or "").replace("\xa0", " ")
        row = rows.setdefault(y, [" "] * width)
        column = round(float(element.get("x", "")) / cell)
        row[column : column + len(text)] = list(text)
    return ["".join(rows[y]).rstrip() for y in sorted(rows)]


@run_async
async def test_x_saves_the_screen_as_svg_and_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TENSORTOWN_EXPORT_DIR", str(tmp_path))
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right", "x")
        await settle(pilot)
        svg = tmp_path / "pay-x21.svg"
        assert svg.exists()
        ElementTree.fromstring(svg.read_text())  # valid XML
        saved = [n.message for n in app._notifications if n.message.startswith("saved")]
        assert saved and str(svg) in saved[-1]
        if not textual_patches.ACTIVE:
            return
        text = (tmp_path / "pay-x21.txt").read_text()
        lines = text.splitlines()
        assert len(lines) == SIZE[1] and max(len(line) for line in lines) <= SIZE[0]
        assert "Weekly pay" in lines[0]
        assert "x = 21" in text and "f'(x) = 10.5" in text and "f'(x) = 10.5" in readout(app)
        shot = _svg_rows(svg.read_text(), SIZE[0])
        written = [line.rstrip() for line in lines if line.strip()]
        assert written == [row for row in shot if row.strip()]


@run_async
async def test_a_folder_it_cannot_write_is_said_and_the_app_goes_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TENSORTOWN_EXPORT_DIR", str(tmp_path / "missing"))
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("not saved: can't write") and "No such file" in m for m in messages)
        await pilot.press("right")
        await settle(pilot)
        assert "x = 21" in readout(app)


@run_async
async def test_the_palette_saves_the_view_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tui.commands import ViewCommands

    monkeypatch.setenv("TENSORTOWN_EXPORT_DIR", str(tmp_path))
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = [hit async for hit in ViewCommands(app.screen).search("export")]
        best = max(hits, key=lambda hit: hit.score)
        assert str(best.text) == "Export: save the screen as SVG and text (x)"
        await best.command()  # type: ignore[misc]
        await settle(pilot)
        assert (tmp_path / "pay-x20.svg").exists()
