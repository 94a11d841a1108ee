"""Snapshots of issue 7's views at 120×40 and 80×24: a walk's trail and table, the slices, f′.

The walk runs without pauses here (``PACE = 0``) and every snapshot waits for it to end.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("pytest_textual_snapshot")

from test_tui_snapshots import SMALL, WIDE, walk

from tensortown.catalogue import resolve
from tui.app import TensorTownApp

SIZES = pytest.mark.parametrize("size", [WIDE, SMALL], ids=["120x40", "80x24"])


pytestmark = pytest.mark.usefixtures("tf", "fast")  # one TensorFlow; walks without pauses


@SIZES
def test_walk_up_earnings(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk("4", "w"))


@SIZES
def test_walk_down_a_bowl(snap_compare: Any, size: tuple[int, int]) -> None:
    app = TensorTownApp(resolve("x**2 + y**2"), {"x": 8.0, "y": 5.0})
    assert snap_compare(app, terminal_size=size, run_before=walk("W"))


@SIZES
def test_slices(snap_compare: Any, size: tuple[int, int]) -> None:
    keys = ("4", "right") if size == WIDE else ("4", "c", "c")  # 80×24: the y-slice
    assert snap_compare(TensorTownApp(), terminal_size=size, run_before=walk(*keys))


@SIZES
def test_derivative_panels(snap_compare: Any, size: tuple[int, int]) -> None:
    app = TensorTownApp(resolve("x**3 - 3*x"), {"x": -1.0})
    assert snap_compare(app, terminal_size=size, run_before=walk("d", "d"))


@SIZES
def test_optimizer_lab_on_a_bowl(snap_compare: Any, size: tuple[int, int]) -> None:
    """The four optimizers downhill from (8, 5), η doubled once: each path and its initial."""
    app = TensorTownApp(resolve("x**2 + 3*y**2"), {"x": 8.0, "y": 5.0})
    assert snap_compare(app, terminal_size=size, run_before=walk("o", "asterisk"))
