"""The README shows every subcommand ``tensortown --help`` lists, and stays short enough to read."""

from __future__ import annotations

import re
from pathlib import Path

from tensortown.cli import build_parser
from tui.main import MORE_COMMANDS, explore

README = Path(__file__).resolve().parents[2] / "README.md"


def _subcommands() -> list[str]:
    """The subcommands as ``tensortown --help`` lists them (one a line, under COMMAND)."""
    text = build_parser(explore=explore, more_commands=MORE_COMMANDS).format_help()
    listed = text.split("positional arguments:")[1].split("options:")[0]
    return re.findall(r"^ {4}(\w+) ", listed, re.MULTILINE)


def test_every_subcommand_has_an_example_in_the_readme() -> None:
    text = README.read_text()
    commands = _subcommands()
    assert {"list", "grad", "walk", "explore", "plot", "field"} <= set(commands)
    missing = [c for c in commands if not re.search(rf"^tensortown {c}\b", text, re.MULTILINE)]
    assert missing == []


def test_the_readme_is_short() -> None:
    assert len(README.read_text().splitlines()) < 200
