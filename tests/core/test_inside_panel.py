"""The tape's inside laid out for the explorer's panel: fitted to its width, remarks under
their nodes with the tree's lines going on beside them, each line's kind for its style."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tensortown.catalogue import CATALOGUE, from_expression
from tensortown.inside import SQUARE_EXPONENT, Inside, inside
from tensortown.inside_panel import LONGEST_TEXT, PanelLine, panel_lines
from tensortown.inside_text import node_lines
from tensortown.numbers import format_number

pytestmark = pytest.mark.usefixtures("tf")


@pytest.fixture(scope="module")
def earnings() -> Inside:
    return inside(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0})


def tree_lines(lines: list[PanelLine]) -> list[PanelLine]:
    """The header and the node lines with the remarks under them (up to the blank line)."""
    return lines[: [line.kind for line in lines].index("blank")]


def test_a_wide_panel_shows_the_command_line_tree(earnings: Inside) -> None:
    """With room, the numbers and texts are those of ``tensortown tape``."""
    wide = [line.text for line in tree_lines(panel_lines(earnings, 200))]
    assert wide == node_lines(earnings, text_width=LONGEST_TEXT)


@settings(max_examples=60, deadline=None)
@given(width=st.integers(min_value=40, max_value=120))
def test_every_line_fits_the_width(earnings: Inside, width: int) -> None:
    lines = panel_lines(earnings, width)
    assert all(len(line.text) <= width for line in lines), width
    nodes = [line for line in lines if line.kind in ("node", "variable", "undefined")]
    assert len(nodes) == len(earnings.nodes)  # one line a node, wherever its remark goes
    for line, node in zip(nodes, earnings.nodes, strict=True):  # the numbers stay whole
        words = line.body.split()
        assert format_number(node.value) in words and format_number(node.adjoint) in words


def test_texts_are_shortened_only_as_far_as_needed(earnings: Inside) -> None:
    assert not any("…" in line.text for line in panel_lines(earnings, 64))
    narrow = panel_lines(earnings, 50)
    assert narrow[1].body.startswith("+  0.25 * x**2 + 500 + 50 * ") and "…" in narrow[1].body
    assert max(len(line.text) for line in tree_lines(narrow)) == 50  # all the room, no more


def test_a_remark_that_does_not_fit_goes_under_its_node(earnings: Inside) -> None:
    lines = tree_lines(panel_lines(earnings, 60))
    exponent = next(i for i, line in enumerate(lines) if line.body.startswith("2 "))
    under = [line for line in lines[exponent + 1 :] if line.kind == "remark"]
    assert " ".join(line.body for line in under).startswith(f"note: {SQUARE_EXPONENT[:20]}")
    assert "note" not in lines[exponent].body
    # the tree's lines go on beside the remark: `500`, a later sibling, is below it
    for line in under:
        assert line.tree.startswith("│  │") and line.text.endswith(line.body)
    wide = tree_lines(panel_lines(earnings, 200))
    assert not any(line.kind == "remark" for line in wide)
    assert f"note: {SQUARE_EXPONENT}" in wide[exponent].body


def test_kinds_name_variables_and_undefined_nodes(earnings: Inside) -> None:
    lines = [line for line in tree_lines(panel_lines(earnings, 80))[1:] if line.kind != "remark"]
    kinds = {line.body.split()[0]: line.kind for line in lines}
    assert kinds["x"] == kinds["y"] == "variable" and kinds["500"] == "node"
    broken = inside(from_expression("log(x) + x"), {"x": 0.0})
    lines = panel_lines(broken, 50)
    assert [line.kind for line in lines[:3]] == ["header", "undefined", "undefined"]
    assert all(line.kind == "undefined" for line in tree_lines(lines) if "log of 0" in line.body)
    assert lines[-1].kind == "note" and "undefined" in " ".join(line.body for line in lines[-3:])


def test_ascii_is_ascii_and_as_wide(earnings: Inside) -> None:
    fancy, plain = panel_lines(earnings, 60), panel_lines(earnings, 60, ascii=True)
    assert all(line.text.isascii() for line in plain)
    assert [len(line.tree) for line in plain] == [len(line.tree) for line in fancy]
    assert "df/dnode" in plain[0].body and "|- " in plain[2].tree


def test_a_very_narrow_panel_keeps_the_numbers() -> None:
    deep = inside(from_expression("x+" * 30 + "x"), {"x": 1.0})
    lines = panel_lines(deep, 30)
    assert lines[1].body.split()[-2:] == ["31", "1"]  # wider than 30: wrapped, not lost
