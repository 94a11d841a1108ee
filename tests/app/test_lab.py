"""The optimizer lab on the field (o, O, / and *): four paths from the cursor, a table of
why each stopped, and the keys around it."""

from __future__ import annotations

from typing import Any

import pytest
from test_tui_app import SIZE, press
from tui_support import run_async, settle

from tensortown.catalogue import resolve
from tensortown.optimizers import KINDS
from tui.app import TensorTownApp
from tui.widgets.field_view import FieldView
from tui.widgets.walk_table import WalkTable

pytestmark = pytest.mark.usefixtures("tf", "fast")


def table(app: TensorTownApp) -> str:
    return app.query_one(WalkTable).plain


@run_async
async def test_o_runs_the_four_optimizers_from_the_cursor() -> None:
    app = TensorTownApp(resolve("x**2 + 3*y**2"), {"x": 8.0, "y": 5.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await press(pilot, "o")
        await settle(pilot)
        run = app.explorer.lab.run
        assert run is not None and [r.kind for r in run.runs or ()] == list(KINDS)
        assert not run.ascent and run.settings.rate == pytest.approx(0.1)
        paths = app.query_one(FieldView).paths
        assert len(paths) == 4 and all(path[0] == (8.0, 5.0) for path in paths)
        assert [len(p) for p in paths] == [len(r.walk.steps) for r in run.runs or ()]
        shown = table(app)
        for name in ("SGD", "momentum", "RMSprop", "Adam"):
            assert name in shown
        assert app.query_one(WalkTable).border_title == "Optimizers downhill  η = 0.1"
        # each goes down the bowl
        for r in run.runs or ():
            values = [s.value or 0.0 for s in r.walk.steps]
            assert values[-1] < values[0]


@run_async
async def test_halving_and_doubling_the_rate_runs_the_lab_again() -> None:
    app = TensorTownApp(resolve("x**2 + y**2"), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await press(pilot, "o")
        await settle(pilot)
        await press(pilot, "asterisk", "asterisk", "asterisk", "asterisk")  # η = 1.6
        await settle(pilot)
        run = app.explorer.lab.run
        assert run is not None and run.settings.rate == pytest.approx(1.6)
        codes = {r.kind: r.walk.stop.code for r in run.runs or ()}
        assert codes["sgd"] in ("diverged", "edge")  # x ← x − 3.2x: away, growing
        assert "learning rate is too large" in table(app) or codes["sgd"] == "edge"
        await press(pilot, "slash", "slash", "slash", "slash", "slash")  # η = 0.05
        await settle(pilot)
        run = app.explorer.lab.run
        assert run is not None and run.settings.rate == pytest.approx(0.05)
        assert "η = 0.05" in (app.query_one(WalkTable).border_title or "")


@run_async
async def test_uphill_and_what_clears_the_lab() -> None:
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await press(pilot, "o")  # pay is a curve: no lab
        assert app.explorer.lab.run is None
        await press(pilot, "4", "O")
        await settle(pilot)
        run = app.explorer.lab.run
        assert run is not None and run.ascent
        assert "uphill" in (app.query_one(WalkTable).border_title or "")
        await press(pilot, "w")  # a walk takes its place
        await settle(pilot)
        assert app.explorer.lab.run is None and app.query_one(FieldView).paths == []
        await press(pilot, "o")
        await settle(pilot)
        assert app.explorer.walker.run is None and app.explorer.lab.run is not None
        await press(pilot, "3", "4")  # another function: gone
        await settle(pilot)
        assert app.explorer.lab.run is None and not app.query_one(WalkTable).lab


@run_async
async def test_a_key_while_the_paths_are_drawn_shows_them_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui import lab

    monkeypatch.setattr(lab, "PACE", 0.5)  # slow enough to press a key in the middle
    app = TensorTownApp(resolve("x**2 + y**2"), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await pilot.press("o")
        for _ in range(200):
            await pilot.pause(0.02)
            run: Any = app.explorer.lab.run
            if run is not None and run.runs is not None and run.shown > 0:
                break
        assert run.drawing
        await pilot.press("t")  # any key
        await pilot.pause(0.1)
        assert not run.drawing and run.shown == run.longest


@run_async
async def test_the_sidebar_sets_momentum_and_adams_betas() -> None:
    from test_tui_walks import set_number

    from tui.widgets.number_field import NumberField

    app = TensorTownApp(resolve("x**2 + y**2"), {"x": 3.0, "y": 4.0})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, timeout=120)
        await set_number(pilot, "walk-momentum", "0.5")
        await set_number(pilot, "walk-beta1", "0.8")
        await set_number(pilot, "walk-beta2", "1")  # refused: less than 1
        assert app.query_one("#walk-beta2", NumberField).has_class("-invalid")
        await press(pilot, "o")
        await settle(pilot)
        run = app.explorer.lab.run
        assert run is not None
        settings = run.settings
        assert (settings.momentum, settings.beta1, settings.beta2) == (0.5, 0.8, 0.999)
        momentum = next(r for r in run.runs or () if r.kind == "momentum")
        assert momentum.settings.momentum == 0.5
