"""The explorer's pure parts: layout arithmetic, the chart store, the state's rules, the readout."""

from __future__ import annotations

import itertools

import pytest

from tensortown.catalogue import CATALOGUE
from tui import text
from tui.explorer import layout
from tui.explorer.charts import ChartStore
from tui.state import Exploration


@pytest.mark.parametrize("width", [60, 80, 99, 100, 120, 200])
def test_the_field_keeps_its_columns_beside_the_slices(width: int) -> None:
    classes = {"-narrow"} if width < layout.NARROW else set()
    squeezed = layout.slices_squeezed(width, classes | {"-slices"})
    columns = layout.field_columns(width, sidebar=width >= layout.NARROW, slices=True)
    assert squeezed == (columns < layout.FIELD_COLUMNS)


def test_what_is_asked_for_wins_over_the_default() -> None:
    assert layout.asked_for(set(), "sidebar")
    assert not layout.asked_for({"-narrow"}, "sidebar")
    assert layout.asked_for({"-narrow", "-sidebar"}, "sidebar")
    assert not layout.asked_for({"-no-slices"}, "slices")
    assert not layout.slices_shown({"-squeezed"})


@pytest.mark.parametrize("rows", range(layout.MIN_ROWS, 61))
@pytest.mark.parametrize("derivatives", [0, 1, 2])
def test_the_hidden_views_size_goes_back_to_the_shown_ones(rows: int, derivatives: int) -> None:
    for slices in (False, True):
        field = layout.size_of_other(
            "curve", 100, 20, rows=rows, slices=slices, derivatives=derivatives
        )
        back = layout.size_of_other(
            "field", *field, rows=rows, slices=slices, derivatives=derivatives
        )
        assert back == (100, 20)


def test_panels_give_way_row_by_row_between_short_and_tall() -> None:
    rows = [layout.panel_rows("curve", h) for h in range(layout.SHORT, layout.TALL + 1)]
    assert rows == sorted(rows)
    assert all(b - a <= 1 for a, b in itertools.pairwise(rows))
    assert layout.panel_rows("curve", layout.TALL) == layout.PANEL_ROWS["curve"][0]
    assert layout.panel_rows("derivatives", layout.SHORT - 1) == 0


def test_the_chart_store_keeps_the_most_recently_used() -> None:
    store = ChartStore(size=2)
    pay = Exploration.start(CATALOGUE["pay"])
    assert store.key(pay, derivatives=0, color=True, ascii=False) is None  # no size yet
    store.areas["curve"] = (80, 20)
    keys = [
        store.key(pay.with_range("x", 0, hi), derivatives=0, color=True, ascii=False)
        for hi in (10, 20, 30)
    ]
    assert all(k is not None for k in keys)
    first, second, third = keys
    assert first is not None and second is not None and third is not None
    store.keep(first, "chart 1")  # type: ignore[arg-type]
    store.keep(second, "chart 2")  # type: ignore[arg-type]
    assert store.get(first) == "chart 1"  # now the most recent
    store.keep(third, "chart 3")  # type: ignore[arg-type]
    assert store.get(second) is None and store.get(first) == "chart 1"
    assert store.built == 3


def test_a_key_names_what_the_chart_depends_on() -> None:
    store = ChartStore()
    store.areas.update(curve=(80, 20), field=(60, 25))
    pay = Exploration.start(CATALOGUE["pay"])
    key = store.key(pay, derivatives=2, color=False, ascii=True)
    assert key is not None
    assert (key.kind, key.width, key.height, key.panels) == ("curve", 80, 20, 2)
    assert key == store.key(pay.moved("x", 3), derivatives=2, color=False, ascii=True)
    earnings = Exploration.start(CATALOGUE["earnings"])
    field = store.key(earnings, derivatives=2, color=False, ascii=True)
    assert field is not None and (field.kind, field.panels) == ("field", 0)


def test_the_state_refuses_a_step_or_a_range_that_cannot_be() -> None:
    pay = Exploration.start(CATALOGUE["pay"])
    with pytest.raises(ValueError, match="more than 0"):
        pay.with_step(0)
    assert pay.with_step(0.5).step == 0.5
    with pytest.raises(ValueError, match="too fine: a step of 1e-300 is finer than float32"):
        pay.with_step(1e-300)  # ← → would move nowhere: x + 1e-300 is x in float32
    assert pay.with_step(2.0**-18).step == 2.0**-18  # float32's gap at 60, the range's end
    with pytest.raises(ValueError, match="'from' must be less than 'to'"):
        pay.with_bound("x", "from", pay.range_of("x")[1])
    narrowed = pay.with_bound("x", "to", 15)
    assert narrowed.range_of("x") == (0, 15) and narrowed.value_of("x") == 15


def test_a_point_outside_the_range_widens_it() -> None:
    pay = Exploration.start(CATALOGUE["pay"])
    placed = pay.placed("x", 120)
    assert placed.value_of("x") == 120 and placed.range_of("x")[1] == 120
    assert pay.placed("x", 30).ranges == pay.ranges


def test_the_readout_of_an_undefined_point_says_why() -> None:
    from tensortown import tape

    result = tape.derivative_at(CATALOGUE["bonus"], {"y": -2})
    shown = text.readout(result, ascii=True)
    assert shown.note_class == "error" and shown.note.startswith("undefined:")
    assert all(item.unit.isascii() for item in shown.items)


def test_the_readout_of_a_field_points_where_f_rises() -> None:
    from tensortown import tape

    result = tape.derivative_at(CATALOGUE["earnings"], {"x": 25, "y": 6})
    shown = text.readout(result)
    assert "|∇f| = " in shown.note and "north-east" in shown.note
    assert [i.name for i in shown.items][:2] == ["x", "y"]
