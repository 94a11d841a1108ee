"""``plot`` and ``field --output FILE.svg|.html|.txt``: the chart kept as a file.

Each file draws the cells the terminal shows: the SVG's texts sit at their cells and say
what the canvas says there, the HTML's ``<pre>`` reads as the plain text, the text file is
what ``--no-color`` prints; the SVG is also a golden file (regenerate on purpose only,
with ``TENSORTOWN_UPDATE_GOLDEN=1``, and look at it).  A file that can't be written is
one ``error:`` line, and no half-written file or temporary is left.
"""

from __future__ import annotations

import html.parser
import os
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tensortown.chart import export
from tests.cli.test_hardening_cli import assert_one_error_line, run

pytestmark = pytest.mark.usefixtures("tf")

GOLDEN = Path(__file__).parent / "golden"
FIELD = ("field", "earnings", "--at", "25,6", "--size", "60x18")
SVG = "{http://www.w3.org/2000/svg}"


def text_of(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> str:
    status, out, err = run(capsys, [*argv, "--no-color"])
    assert status == 0, err
    return out


def test_the_svg_draws_each_run_at_its_cells(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "earnings.svg"
    status, out, err = run(capsys, [*FIELD, "--output", str(path)])
    assert (status, out, err) == (0, "", "")
    lines = text_of(capsys, FIELD).splitlines()
    root = ElementTree.fromstring(path.read_text())
    assert root.findtext(f"{SVG}title") == "Weekly earnings: f(x, y) = 0.25x² + 500 + 50·ln(y + 1)"
    texts = root.findall(f"{SVG}text")
    assert texts
    for element in texts:
        column = round(float(element.get("x", "")) / export.CELL_WIDTH)
        row = int(float(element.get("y", "")) // export.CELL_HEIGHT)
        content = element.text or ""
        assert lines[row][column : column + len(content)] == content
    fills = {rect.get("fill") for rect in root.findall(f"{SVG}rect")}
    assert len(fills) > 10  # the field's shades, in colour though stdout is not a terminal
    golden = GOLDEN / "field_earnings_60x18.svg"
    if os.environ.get("TENSORTOWN_UPDATE_GOLDEN"):
        golden.write_text(path.read_text())
    assert path.read_text() == golden.read_text()


def test_no_color_draws_the_cells_on_one_background(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "plain.svg"
    assert run(capsys, [*FIELD, "--no-color", "--output", str(path)])[0] == 0
    root = ElementTree.fromstring(path.read_text())
    assert {rect.get("fill") for rect in root.findall(f"{SVG}rect")} == {export.BACKGROUND}


class _Pre(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.inside = self.inside or tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def test_the_html_reads_as_the_text_and_the_text_as_no_color_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ("plot", "pay", "--at", "20", "--size", "70x20")
    plain = text_of(capsys, argv)
    assert run(capsys, [*argv, "--output", str(tmp_path / "pay.html")])[0] == 0
    assert run(capsys, [*argv, "--output", str(tmp_path / "pay.txt")])[0] == 0
    page = _Pre()
    page.feed((tmp_path / "pay.html").read_text())
    assert page.text.strip("\n") == plain.rstrip("\n")
    assert (tmp_path / "pay.txt").read_text() == plain
    assert (tmp_path / "pay.txt").stat().st_mode & 0o777 == 0o644


def test_a_suffix_it_cannot_write_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert_one_error_line(*run(capsys, [*FIELD, "--output", "chart.png"]), "write FILE.svg")


@pytest.mark.parametrize("where", ["missing/chart.svg", "file/chart.svg"])
def test_a_file_it_cannot_write_is_one_error_line_and_status_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str
) -> None:
    (tmp_path / "file").write_text("")
    status, out, err = run(capsys, [*FIELD, "--output", str(tmp_path / where)])
    assert status == 1 and out == ""
    reason = {"missing": "No such file or directory", "file": "Not a directory"}[
        where.split("/")[0]
    ]
    assert err.splitlines() == [f"error: can't write {tmp_path / where}: {reason}"]
    assert [p.name for p in tmp_path.rglob("*")] == ["file"]


def test_a_full_disk_leaves_no_half_written_file(tmp_path: Path) -> None:
    """The file is written beside its name and renamed only once whole."""
    target = tmp_path / "chart.txt"
    target.write_text("the old chart\n")

    real = os.replace

    def replace_fails(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    os.replace = replace_fails  # type: ignore[assignment]
    try:
        with pytest.raises(export.ExportError, match=r"can't write .*No space left on device"):
            export.write(target, "a new chart\n")
    finally:
        os.replace = real
    assert target.read_text() == "the old chart\n"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.txt"]
