"""Start-up order: first frame, then TensorFlow, then the first numbers, then the rest.

How long each takes is measured by ``python -m bench app``, not asserted here; these
tests hold the order that makes it short.
"""

from __future__ import annotations

import re
from typing import Any, cast

import pytest

pytest.importorskip("textual")

from textual.widgets import LoadingIndicator
from tui_support import hold_tensorflow, readout, run_async, settle

from tui.app import TensorTownApp
from tui.runner import collector
from tui.runner import jobs as runner_jobs
from tui.widgets.one_more_step import OneMoreStepPanel
from tui.widgets.tape_panel import TapePanel

SIZE = (120, 40)


pytestmark = pytest.mark.usefixtures("tf")  # one TensorFlow for the whole session


def _record_jobs(monkeypatch: pytest.MonkeyPatch, app_box: list[TensorTownApp]) -> list[str]:
    """Wrap the tape thread's jobs: their names, in the order they ran."""
    jobs: list[str] = []

    def recorded(name: str) -> Any:
        real = getattr(runner_jobs, name)

        def job(*args: Any) -> Any:
            if name == "load":
                frame = app_box[0].first_frame if app_box else None
                jobs.append(f"load{args[0] if args else ()!r} after frame={frame is not None}")
            elif name == "warm":
                jobs.append(f"warm {args[0].key}")
            else:
                jobs.append(name)
            return real(*args)

        return job

    for name in ("load", "warm", "read_point", "curve_chart", "field_chart"):
        monkeypatch.setattr(runner_jobs, name, recorded(name))
    real_settle = collector.settle

    def settle_job() -> None:
        jobs.append("settle")
        real_settle()

    monkeypatch.setattr(collector, "settle", settle_job)
    return jobs


@run_async
async def test_tensorflow_loads_after_the_first_frame_and_numbers_come_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    box: list[TensorTownApp] = []
    jobs = _record_jobs(monkeypatch, box)
    app = TensorTownApp()
    box.append(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "f'(x) = 10" in readout(app)
        # The import starts once the first frame is painted, and traces nothing itself.
        assert jobs[0] == "load() after frame=True", jobs
        # The numbers are the first job after it; the chart follows; then the warming.
        assert jobs[1:3] == ["read_point", "curve_chart"], jobs
        await app.workers.wait_for_complete()
    warmed = [j for j in jobs if j.startswith("warm")]
    assert warmed[0] == "warm pay", jobs  # the function on screen first
    assert sorted(warmed) == ["warm bonus", "warm earnings", "warm pay", "warm price"], jobs
    # Once warmed, the collector takes back what start-up froze (one full pass); the
    # prebuilt charts that follow freeze the heap again with its garbage gone.
    settled = jobs.index("settle")
    assert not any(j.startswith("warm") for j in jobs[settled:]), jobs


@run_async
async def test_the_loading_state_is_words_not_an_animation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual's LoadingIndicator repaints 16 times a second, taking the GIL from the import."""
    release = hold_tensorflow(monkeypatch)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.query(LoadingIndicator)
        assert "Loading TensorFlow" in app.query_one(OneMoreStepPanel).plain
        assert "Loading TensorFlow" in app.query_one(TapePanel).plain
        release.set()
        await settle(pilot)
        assert "Loading TensorFlow" not in app.query_one(TapePanel).plain
        assert "Loading TensorFlow" not in app.query_one(OneMoreStepPanel).plain


def test_the_collector_pauses_and_resumes_with_what_was_made_frozen() -> None:
    import gc

    from tui.runner import collector

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        collector.pause()
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]  # tracked objects made while paused
        collector.resume()
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
        collector.resume()  # a second resume does nothing more
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # give the test session's objects back to the collector
        gc.enable()


def test_resume_without_pause_leaves_the_collector_alone() -> None:
    import gc

    from tui.runner import collector

    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        collector.resume()
        assert not gc.isenabled()  # it was off before, not paused by start-up
        assert gc.get_freeze_count() == frozen
    finally:
        gc.enable()


@run_async
async def test_the_first_frame_resumes_a_paused_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from tui.runner import collector

    release = hold_tensorflow(monkeypatch)
    collector.pause()
    try:
        app = TensorTownApp()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.first_frame is not None
            assert gc.isenabled()
            release.set()
            await settle(pilot)
    finally:
        release.set()
        gc.unfreeze()
        gc.enable()


def test_settle_gives_the_frozen_objects_back() -> None:
    import gc

    from tui.runner import collector

    kept = [[n] for n in range(1000)]
    gc.freeze()
    assert gc.get_freeze_count() >= len(kept)
    collector.settle()
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def _styles(app: TensorTownApp) -> dict[str, str]:
    """Every node's computed styles, by its place in the DOM."""
    return {
        f"{index} {node!r}": node.styles.css
        for index, node in enumerate(app.screen.walk_children(with_self=True))
    }


@pytest.mark.parametrize(("size", "ascii_only"), [(SIZE, False), ((80, 24), True)])
@run_async
async def test_the_first_frame_has_the_styles_a_full_restyle_gives(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], ascii_only: bool
) -> None:
    """The first resume and the chart's focus skip restyling what cannot have changed."""
    release = hold_tensorflow(monkeypatch)
    app = TensorTownApp(ascii_only=ascii_only)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.first_frame is not None
        shown = _styles(app)
        app.update_styles(app.screen, animate=False)
        assert _styles(app) == shown
        release.set()
        await settle(pilot)
        # The focus goes to a field and back: the chart column restyles itself alone.
        await pilot.press("e")
        await pilot.press("escape")
        await pilot.pause()
        shown = _styles(app)
        app.update_styles(app.screen, animate=False)
        assert _styles(app) == shown


@run_async
@pytest.mark.parametrize(
    ("size", "classes"), [(SIZE, set()), ((80, 24), {"-narrow", "-short"}), ((90, 40), {"-narrow"})]
)
async def test_the_body_is_born_with_the_classes_of_the_terminals_size(
    monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], classes: set[str]
) -> None:
    """A class added to ``#body`` on the first resize restyled each of its widgets again
    before the first frame (some 60 ms here at 80×24); it is there when the body mounts."""
    from textual.dom import DOMNode

    hold_tensorflow(monkeypatch)
    app = TensorTownApp()
    restyled: list[str] = []
    real_update = DOMNode.update_node_styles

    def update_node_styles(self: DOMNode, animate: bool = True) -> None:
        if app.first_frame is None:
            restyled.append(f"{type(self).__name__}#{self.id}")
        real_update(self, animate)

    monkeypatch.setattr(DOMNode, "update_node_styles", update_node_styles)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.first_frame is not None
        body = app.query_one("#body")
        assert {name for name in body.classes if name in ("-narrow", "-short")} == classes
        assert "Horizontal#body" not in restyled
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert "-short" in body.classes and "-narrow" not in body.classes


def _on_screen(view: Any) -> list[str]:
    """The view's rows as a frame of the whole screen shows them."""
    from textual.strip import Strip

    update = view.app.screen._compositor.render_full_update()
    region = view.content_region
    rows = cast("list[list[Strip]]", update.strips)[region.y : region.bottom]
    return ["".join(strip.text for strip in row)[region.x : region.right] for row in rows]


def _drawn_as_held(view: Any) -> bool:
    """The screen shows exactly the rows the view holds."""
    shown = _on_screen(view)
    return bool(shown) and shown == [view.line(y).text for y in range(view.size.height)]


@run_async
async def test_chart_views_show_the_rows_they_hold_after_the_cursor_moves() -> None:
    """Each move refreshes the cells it changed, and only those rows are drawn again."""
    from tui.widgets.curve_view import CurveView
    from tui.widgets.field_view import FieldView
    from tui.widgets.slices import SliceView

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        curve = app.query_one(CurveView)
        before = _on_screen(curve)
        await pilot.press("right", "t")
        await settle(pilot)
        assert _on_screen(curve) != before and _drawn_as_held(curve)
        await pilot.press("4", "right", "up")
        await settle(pilot)
        assert _drawn_as_held(app.query_one(FieldView))
        for view in app.query(SliceView):
            assert _drawn_as_held(view)
        assert "x = 26 h   y = 7" in readout(app)


@run_async
async def test_the_loading_note_stays_in_the_middle_when_only_the_height_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The view's kept rows are dropped for a new height, not only a new width."""
    from tui.widgets.curve_view import CurveView

    release = hold_tensorflow(monkeypatch)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        curve = app.query_one(CurveView)
        for height in (34, 28, 46):
            await pilot.resize_terminal(SIZE[0], height)
            await pilot.pause()
            rows = _on_screen(curve)
            noted = [y for y, row in enumerate(rows) if "Loading TensorFlow" in row]
            assert noted == [curve.size.height // 2], height
        release.set()
        await settle(pilot)


@run_async
async def test_a_chart_takes_a_new_themes_background_where_it_draws_nothing() -> None:
    from collections import Counter

    from tui.widgets.curve_view import CurveView

    def backgrounds(app: TensorTownApp, view: CurveView) -> Counter[str]:
        strips = app.screen._compositor.render_strips()
        region = view.content_region
        found: Counter[str] = Counter()
        for y in range(region.y, region.bottom):
            for segment in strips[y].crop(region.x, region.right):
                if segment.style and segment.style.bgcolor:
                    found[segment.style.bgcolor.name] += len(segment.text)
        return found

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        curve = app.query_one(CurveView)
        app.theme = "textual-light"
        await settle(pilot)
        background = curve.rich_style.bgcolor
        assert background is not None
        plain, _ = backgrounds(app, curve).most_common(1)[0]
        assert plain == background.name


@run_async
async def test_the_fields_of_y_join_the_sidebar_with_the_first_function_of_x_and_y() -> None:
    """Eight inputs a function of one variable never shows are not in the first frame."""
    from textual.widgets import Input

    from tui.widgets.number_field import NumberField
    from tui.widgets.walk_inputs import WalkInputs

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.query(Input)) == 5  # x, its range, the step, the expression
        assert not app.query("#point-y") and not app.query(WalkInputs)
        await pilot.press("4")
        await settle(pilot)
        point_y = app.query_one("#point-y", NumberField)
        assert point_y.input.value == "6" and point_y.display
        assert app.query_one("#to-y", NumberField).input.value == "20"
        assert app.query_one("#walk-steps", NumberField).input.value == "50"
        order = [field.id for field in app.query(NumberField)]
        assert order[:6] == ["point-x", "point-y", "from-x", "to-x", "from-y", "to-y"]
        await pilot.press("2")
        await settle(pilot)
        assert not point_y.display
        assert len(app.query(Input)) == 13  # and y's three, the walk's and optimizers' five


@run_async
async def test_a_compact_input_is_textuals_compact_input_without_its_first_restyles() -> None:
    """Same classes and look as ``Input(compact=True)`` with a value; no restyle to get there."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from tui.widgets.compact_input import CompactInput

    class Inputs(App[None]):
        AUTO_FOCUS = None  # neither focused: the same pseudo-classes

        def compose(self) -> ComposeResult:
            yield Input("20", compact=True, id="textual")
            yield CompactInput("20", id="ours")

    restyled: list[str] = []
    real_update = CompactInput.update_node_styles

    def update_node_styles(self: CompactInput, animate: bool = True) -> None:
        restyled.append(str(self.id))
        real_update(self, animate)

    app = Inputs()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CompactInput, "update_node_styles", update_node_styles)
        async with app.run_test(size=(40, 4)) as pilot:
            await pilot.pause()
            theirs, ours = app.query_one("#textual", Input), app.query_one("#ours", Input)
            assert ours.classes == theirs.classes
            assert ours.compact and ours.value == "20"
            assert ours.styles.css == theirs.styles.css
            assert restyled == []


@run_async
async def test_a_fields_error_line_joins_it_with_the_first_mistake() -> None:
    """No error line is in the first frame: most people never need one."""
    from textual.widgets import Input

    from tui.widgets.expression_field import ExpressionField
    from tui.widgets.number_field import NumberField

    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.query(".error")
        field = app.query_one("#point-x", NumberField)
        field.input.focus()
        await pilot.pause()
        field.query_one(Input).value = "abc"
        await pilot.pause()
        error = field.query_one(".error")
        assert error.display and "not a number" in str(error.render())
        assert not app.query_one(ExpressionField).query(".error")


@run_async
async def test_text_set_before_the_first_layout_is_in_the_first_frame() -> None:
    """The app's panels say "Loading TensorFlow…" from on_mount: in the first frame, not
    in a second one that the import's hold on the GIL can delay by a second."""
    from rich.text import Text
    from textual._compositor import Compositor, LayoutUpdate
    from textual.app import App, ComposeResult

    from tui.widgets.text_lines import TextLines

    class Panel(App[None]):
        def compose(self) -> ComposeResult:
            yield TextLines()

        def on_mount(self) -> None:
            self.query_one(TextLines).set_texts([Text("Loading TensorFlow…")])

    frames: list[LayoutUpdate] = []
    real = Compositor.render_full_update

    def kept(self: Compositor, simplify: bool = False) -> LayoutUpdate:
        update = real(self, simplify)
        frames.append(update)
        return update

    app = Panel()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Compositor, "render_full_update", kept)
        async with app.run_test(size=(40, 4)) as pilot:
            await pilot.pause()
            assert frames
            assert "Loading TensorFlow…" in frames[0].render_segments(app.console)


@run_async
async def test_the_footer_has_its_keys_in_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Drawn with the screen by one widget, not composed after the first frame (during
    the import) nor a widget per key."""
    from tui.textual_patches.footer import KeyFooter

    release = hold_tensorflow(monkeypatch)
    at_first_frame: list[str] = []
    real_first_frame = TensorTownApp._first_frame

    def first_frame(self: TensorTownApp) -> None:
        update = self.screen._compositor.render_full_update()
        at_first_frame.append("".join(s.text for s in cast("list[Any]", update.strips)[-1]))
        real_first_frame(self)

    monkeypatch.setattr(TensorTownApp, "_first_frame", first_frame)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        release.set()
        await settle(pilot)
        footer = app.query_one(KeyFooter)
        assert not footer.children
        assert at_first_frame and all(
            f"{key.display} {key.description}" in at_first_frame[0] for key in footer.keys
        ), at_first_frame
        assert "quit" in at_first_frame[0] and "palette" in at_first_frame[0]


@run_async
async def test_resizes_to_the_size_laid_out_at_lay_nothing_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Resize events the first layout sends back (the screen's, the app's) cost none."""
    from textual.screen import Screen

    from tui.textual_patches.compositor import SpanScreen

    release = hold_tensorflow(monkeypatch)
    layouts: list[str] = []
    real_refresh_layout = Screen._refresh_layout

    def refresh_layout(self: Screen[Any], size: Any = None, scroll: bool = False) -> None:
        if isinstance(self, SpanScreen):
            layouts.append(f"{size}")
        real_refresh_layout(self, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    app = TensorTownApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        sized = [layout for layout in layouts if layout != "None"]
        assert sized == [f"Size(width={SIZE[0]}, height={SIZE[1]})"], layouts
        release.set()
        await settle(pilot)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "Size(width=100, height=30)" in layouts


@run_async
async def test_the_screen_is_painted_whole_once_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first resume's layout paints the whole screen, and the screen's new size and
    Textual's handler asked for the whole screen again: a second full frame, some 20 KB
    over SSH.  Now one full frame, and it is whole."""
    from tui.textual_patches.compositor import SpanCompositor

    release = hold_tensorflow(monkeypatch)
    frames: list[str] = []
    real_full = SpanCompositor.render_full_update
    app = TensorTownApp()

    def full(self: SpanCompositor, simplify: bool = False) -> Any:
        update = real_full(self, simplify)
        frames.append(re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", update.render_segments(app.console)))
        return update

    monkeypatch.setattr(SpanCompositor, "render_full_update", full)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause(0.05)
        assert len(frames) == 1
        assert "quit" in frames[0] and frames[0].count("Loading TensorFlow") >= 3
        release.set()
        await settle(pilot)
        await pilot.press("right")
        assert "x = 21 " in readout(app)
        await pilot.resize_terminal(100, 30)  # a later layout still paints
        await pilot.pause()
        assert len(frames) > 1
