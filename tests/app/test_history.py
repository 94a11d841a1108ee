"""The expression history (issue 22): ↑ and ↓ recall what was applied, kept between runs.

The history alone (no repeats, bounded, its file written whole, every broken file or
place a fresh start said once), then the explorer's expression field in Pilot.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("textual")

from tui_support import readout, run_async, settle

from tui import history as history_module
from tui.app import TensorTownApp
from tui.history import LIMIT, History, state_dir
from tui.widgets.expression_field import ExpressionField


def test_no_repeats_the_newest_last_and_bounded(tmp_path: Path) -> None:
    history = History(tmp_path / "h.json")
    for text in ("x**2", "x**3", "x**2", "  ", "sin(x)"):
        history.add(text)
    assert history.entries == ["x**3", "x**2", "sin(x)"]
    for i in range(LIMIT + 5):
        history.add(f"x + {i}")
    assert len(history.entries) == LIMIT and history.entries[-1] == f"x + {LIMIT + 4}"
    again = History.load(tmp_path / "h.json")
    assert again.entries == history.entries and again.problem is None


def test_up_and_down_walk_the_history_and_come_back_to_the_draft(tmp_path: Path) -> None:
    history = History(tmp_path / "h.json", ["a*x", "b*x", "c*x"])
    assert history.newer() is None  # ↓ before ↑: nothing to do
    assert [history.older("my draft") for _ in range(4)] == ["c*x", "b*x", "a*x", None]
    assert [history.newer() for _ in range(3)] == ["b*x", "c*x", "my draft"]
    history.older("x")
    history.edited()
    assert history.older("typed") == "c*x"  # an edit starts again from the newest


def test_where_it_lives(tmp_path: Path) -> None:
    assert state_dir({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "tensortown"
    assert state_dir({"XDG_STATE_HOME": "relative", "HOME": "/h"}) == Path(
        "/h/.local/state/tensortown"
    )
    assert state_dir({}) is None


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "could not be read"),
        ('{"version": 99, "expressions": ["x"]}', "from another version"),
        ('["x"]', "from another version"),
        ('{"version": 1, "expressions": [1, 2]}', "not a list of expressions"),
    ],
)
def test_a_broken_file_is_a_fresh_start_said_once(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "h.json"
    path.write_text(content)
    history = History.load(path)
    assert history.entries == [] and problem in (history.problem or "")
    history.problem = None
    history.add("x**2")  # and it is written anew
    assert json.loads(path.read_text()) == {"version": 1, "expressions": ["x**2"]}


def test_no_home_an_unwritable_place_and_a_full_disk_never_raise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nowhere = History.load(None)
    assert "not kept" in (nowhere.problem or "")
    nowhere.add("x")  # kept for this run only
    assert nowhere.entries == ["x"]
    (tmp_path / "file").write_text("")
    blocked = History.load(tmp_path / "file" / "h.json")
    blocked.add("x")
    assert "could not be saved" in (blocked.problem or "")
    unreadable = tmp_path / "dir.json"
    unreadable.mkdir()
    assert "could not be read" in (History.load(unreadable).problem or "")

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    path = tmp_path / "h.json"
    path.write_text('{"version": 1, "expressions": ["old"]}')
    monkeypatch.setattr(history_module.os, "replace", full)
    disk = History.load(path)
    disk.add("new")
    assert "No space left on device" in (disk.problem or "")
    assert json.loads(path.read_text())["expressions"] == ["old"]  # not half written
    assert sorted(os.listdir(tmp_path)) == ["dir.json", "file", "h.json"]


@run_async
async def test_up_recalls_the_expressions_applied_also_in_a_new_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    app = TensorTownApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for text in ("x**3", "sin(x)"):
            await pilot.press("e", "ctrl+u", *text, "enter")
            await settle(pilot)
    saved = json.loads((tmp_path / "tensortown" / "expressions.json").read_text())
    assert saved["expressions"] == ["x**3", "sin(x)"]
    app = TensorTownApp()  # a new run reads them back
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e", "ctrl+u", "x", "up")
        field = app.query_one(ExpressionField).input
        assert field.value == "sin(x)"
        await pilot.press("up")
        assert field.value == "x**3"
        await pilot.press("down", "down")
        assert field.value == "x"  # the draft, back
        await pilot.press("up", "up", "enter")
        await settle(pilot)
        assert app.explorer.exploration.function.source == "x**3"
        assert "f'(x) = 1200" in readout(app)
