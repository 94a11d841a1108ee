"""The exploration kept for ``--resume``: its file (tui.session), and the explorer's use of it.

The file is written whole or not at all, and every broken case (corrupt, another
version, not an exploration, unreadable, nowhere to write, a full disk, no HOME) leaves
the explorer starting afresh with one message, never an error.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from test_tui_app import SIZE, has, press
from tui_support import readout, run_async, settle

from tensortown.catalogue import CATALOGUE, from_expression
from tui import history
from tui.app import TensorTownApp
from tui.session import VERSION, Session, SessionFile
from tui.state import Exploration


def kept(tmp_path: Path) -> SessionFile:
    return SessionFile(tmp_path / "state" / "session.json")


def test_a_session_reads_back_as_it_was_written(tmp_path: Path) -> None:
    shown = Exploration.start(CATALOGUE["earnings"], {"x": 31, "y": 2}).zoomed(2.0)
    shown = shown.with_step(0.5)
    sessions = kept(tmp_path)
    assert sessions.save(Session(shown, {"tangent": False, "derivatives": 0, "inside": True}))
    again = sessions.load()
    assert again is not None and sessions.problem is None
    assert again.exploration == shown
    assert again.view == {"tangent": False, "derivatives": 0, "inside": True}
    data = json.loads(sessions.path.read_text())  # type: ignore[union-attr]
    assert data["function"] == "earnings" and data["point"] == {"x": 31.0, "y": 2.0}


def test_a_typed_expression_and_its_drawn_pair_are_kept(tmp_path: Path) -> None:
    function = from_expression("x*y*z + sin(w)")
    shown = Exploration.start(function).with_next_axes().with_next_axes()
    sessions = kept(tmp_path)
    sessions.save(Session(shown))
    again = sessions.load()
    assert again is not None
    assert again.exploration == shown and again.exploration.drawn_symbols == shown.drawn_symbols
    assert again.exploration.function.source == "x*y*z + sin(w)"


def _saved(**changes: Any) -> dict[str, Any]:
    data = Session(Exploration.start(CATALOGUE["pay"])).to_json()
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "could not be read"),
        (b"\xff\xfe\x00", "could not be read"),
        (json.dumps({**_saved(), "version": VERSION + 1}), "another version"),
        (json.dumps([1, 2, 3]), "another version"),
        (json.dumps(_saved(function=None)), "names no function"),
        (json.dumps(_saved(function="sin(x")), "does not parse"),
        (json.dumps(_saved(point={"y": 1})), "one number per variable (x)"),
        (json.dumps(_saved(point={"x": "20"})), "x is not a number"),
        (json.dumps(_saved(ranges={"x": [60, 0]})), "runs backwards"),
        (json.dumps(_saved(ranges={"x": [0, 1e300]})), "its range of x"),
        (json.dumps(_saved(step=0)), "the step must be more than 0"),
        (json.dumps(_saved(step=1e-30)), "finer than float32"),
        ('{"version": 1, "function": "pay", "point": {"x": NaN}}', "x is not a number"),
    ],
)
def test_a_broken_file_is_a_fresh_start_said_once(
    tmp_path: Path, content: str | bytes, said: str
) -> None:
    sessions = kept(tmp_path)
    assert sessions.path is not None
    sessions.path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        sessions.path.write_bytes(content)
    else:
        sessions.path.write_text(content)
    assert sessions.load() is None
    assert sessions.problem is not None and said in sessions.problem
    assert str(sessions.path) in sessions.problem


def test_what_is_odd_in_the_view_keeps_its_default(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    assert sessions.path is not None
    sessions.path.parent.mkdir(parents=True)
    view = {"tangent": 1, "derivatives": 7, "inside": True, "colour": "red"}
    sessions.path.write_text(json.dumps(_saved(view=view)))
    again = sessions.load()
    assert again is not None and again.view == {"tangent": True, "derivatives": 0, "inside": True}


def test_a_point_outside_its_ranges_is_pulled_in(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    assert sessions.path is not None
    sessions.path.parent.mkdir(parents=True)
    sessions.path.write_text(json.dumps(_saved(point={"x": 99})))
    again = sessions.load()
    assert again is not None and again.exploration.point == (60.0,)


def test_no_file_no_home_and_a_directory_in_its_place(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    assert sessions.load() is None and "no earlier exploration" in (sessions.problem or "")
    nowhere = SessionFile(None)  # what state_dir gives without HOME or XDG_STATE_HOME
    assert history.state_dir({}) is None
    assert nowhere.load() is None and "no HOME" in (nowhere.problem or "")
    assert not nowhere.save(Session(Exploration.start(CATALOGUE["pay"])))
    folder = tmp_path / "a-folder"
    (folder / "session.json").mkdir(parents=True)
    odd = SessionFile(folder / "session.json")
    assert odd.load() is None and "could not be read" in (odd.problem or "")


def test_a_missing_folder_is_made_and_a_file_in_the_way_is_said(tmp_path: Path) -> None:
    deep = SessionFile(tmp_path / "not" / "yet" / "session.json")
    assert deep.save(Session(Exploration.start(CATALOGUE["pay"])))
    (tmp_path / "file").write_text("")
    blocked = SessionFile(tmp_path / "file" / "session.json")
    assert not blocked.save(Session(Exploration.start(CATALOGUE["pay"])))
    assert "could not be kept in" in (blocked.problem or "")


def test_a_full_disk_keeps_the_file_before_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = kept(tmp_path)
    before = Session(Exploration.start(CATALOGUE["pay"], {"x": 7}))
    assert sessions.save(before)
    real = os.fdopen

    class Full:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.file = real(*args, **kwargs)

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *args: Any) -> None:
            self.file.close()

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(history.os, "fdopen", Full)
    assert not sessions.save(Session(Exploration.start(CATALOGUE["pay"], {"x": 9})))
    assert "No space left on device" in (sessions.problem or "")
    monkeypatch.undo()
    again = sessions.load()
    assert again is not None and again.exploration.point == (7.0,)
    assert sorted(p.name for p in sessions.path.parent.iterdir()) == ["session.json"]  # type: ignore[union-attr]


# --- the explorer ------------------------------------------------------------------------


@run_async
async def test_the_explorer_keeps_what_was_chosen_and_resume_opens_it(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    app = TensorTownApp(sessions=sessions)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await press(pilot, "4", "right", "right", "up", "plus", "g")
        await pilot.pause(0.7)  # the save is half a second after the change
        kept_point = app.explorer.exploration
        assert sessions.path is not None and sessions.path.exists()
    again = TensorTownApp(sessions=SessionFile(sessions.path), resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        shown = again.explorer.exploration
        assert shown == kept_point and shown.function.key == "earnings"
        assert has(readout(again), "x", "27") and has(readout(again), "y", "7")
        assert again.explorer.show_inside
        assert again.resume_problem is None


@run_async
async def test_opening_and_quitting_keeps_the_exploration_before(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    sessions.save(Session(Exploration.start(CATALOGUE["bonus"], {"x": 3})))
    written = sessions.path.read_text()  # type: ignore[union-attr]
    app = TensorTownApp(sessions=sessions)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
    assert sessions.path.read_text() == written  # type: ignore[union-attr]


@run_async
async def test_a_quit_within_the_half_second_still_keeps_the_last_move(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    app = TensorTownApp(sessions=sessions)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await pilot.press("right", "right", "right")
    again = sessions.load()
    assert again is not None and again.exploration.point == (23.0,)


@run_async
async def test_resume_with_a_broken_file_starts_afresh_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = kept(tmp_path)
    assert sessions.path is not None
    sessions.path.parent.mkdir(parents=True)
    sessions.path.write_text("{broken")
    said: list[str] = []
    real = TensorTownApp.notify

    def notify(self: TensorTownApp, message: str, **kwargs: Any) -> None:
        said.append(message)
        real(self, message, **kwargs)

    monkeypatch.setattr(TensorTownApp, "notify", notify)
    app = TensorTownApp(sessions=sessions, resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        assert has(readout(app), "x", "20") and has(readout(app), "f'(x)", "10")
        await press(pilot, "right", "right")
    assert [m for m in said if "can't be opened" in m or "could not be read" in m] == [
        f"the last exploration ({sessions.path}) could not be read: Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1)"
    ]
    assert sessions.load() is not None  # the next save replaced it


@run_async
async def test_the_palette_resumes_the_exploration_kept_from_before(tmp_path: Path) -> None:
    sessions = kept(tmp_path)
    before = Exploration.start(CATALOGUE["earnings"], {"x": 40, "y": 12})
    sessions.save(Session(before, {"tangent": True, "derivatives": 0, "inside": True}))
    app = TensorTownApp(sessions=sessions)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        assert app.explorer.exploration.function.key == "pay"
        await app.explorer.run_action("resume")
        await settle(pilot)
        assert app.explorer.exploration == before and app.explorer.show_inside
        assert has(readout(app), "∂f/∂x", "20")


def test_resume_takes_no_function(capsys: pytest.CaptureFixture[str]) -> None:
    from tui.main import main

    with pytest.raises(SystemExit) as ended:
        main(["explore", "pay", "--resume"])
    assert ended.value.code == 2
    assert capsys.readouterr().err == (
        "error: --resume opens the last exploration: give it no FUNCTION\n"
    )


def test_every_state_file_lives_in_the_same_place(monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tempfile.mkdtemp()
    monkeypatch.setenv("XDG_STATE_HOME", folder)
    assert SessionFile.default().path == Path(folder) / "tensortown" / "session.json"
