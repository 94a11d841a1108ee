"""The sidebar: the function picker, the point, the ranges, the step and the expression."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tensortown.catalogue import CATALOGUE
from tui.widgets.expression_field import ExpressionField
from tui.widgets.number_field import NumberField

if TYPE_CHECKING:
    from tui.state import Exploration

EXPRESSION_OPTION = "expression"
"""The picker's id for "your expression"."""


class Sidebar(VerticalScroll, can_focus=False):
    """Every input of the explorer; the explorer reads what is applied from their messages."""

    def __init__(self, *, id: str | None = None, ascii: bool = False) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self._wide = True
        self._two = False
        self._y_fields = False

    def compose(self) -> ComposeResult:
        """Picker, then the fields, each under a heading."""
        yield Static("Function", classes="heading")
        options = [Option(self._prompt(key, wide=True), id=key) for key in CATALOGUE]
        options.append(Option("e your expression", id=EXPRESSION_OPTION))
        yield OptionList(*options, id="picker", compact=True)
        yield Static("Point", classes="heading")
        yield NumberField("x", id="point-x")
        yield Static("Range", classes="heading")
        yield NumberField("x from", id="from-x")
        yield NumberField("x to", id="to-x")
        yield NumberField("step", id="step")
        yield Static("Expression  f =", classes="heading")
        yield ExpressionField(id="expression", ascii=self.ascii)

    def _mount_y_fields(self) -> None:
        """The fields of y and the walk's, mounted with the first function of x and y.

        Five inputs and their labels that a function of one variable never shows: left
        out of the first frame, they join the DOM at once (their values follow when they
        compose).
        """
        from tui.widgets.walk_inputs import WalkInputs  # with tensortown.walk: not at start

        self._y_fields = True
        self.mount(NumberField("y", id="point-y", classes="y-only"), after="#point-x")
        self.mount(
            NumberField("y from", id="from-y", classes="y-only"),
            NumberField("y to", id="to-y", classes="y-only"),
            after="#to-x",
        )
        self.mount(
            Static("Walk  w up  W down", classes="heading y-only"),
            WalkInputs(id="walk-inputs", classes="y-only", ascii=self.ascii),
        )

    @staticmethod
    def _prompt(key: str, *, wide: bool) -> str:
        number = list(CATALOGUE).index(key) + 1
        return f"{number} {key:<9}{CATALOGUE[key].title}" if wide else f"{number} {key}"

    def on_resize(self) -> None:
        """Titles in the picker only where they fit on one line."""
        wide = self.size.width >= 26
        if wide != self._wide:
            self._wide = wide
            picker = self.query_one("#picker", OptionList)
            for key in CATALOGUE:
                picker.replace_option_prompt(key, self._prompt(key, wide=wide))

    def show(self, exploration: Exploration) -> None:
        """Fill the fields from the exploration (fields being typed in are left alone)."""
        function = exploration.function
        two = function.arity >= 2
        if two and not self._y_fields:
            self._mount_y_fields()
        if self._two != two:
            # display, not a class: a class on the sidebar restyles every widget in it
            self._two = two
            for field in self.query(".y-only"):
                field.display = two
        picker = self.query_one("#picker", OptionList)
        key = function.key or EXPRESSION_OPTION
        index = picker.get_option_index(key)
        if picker.highlighted != index:
            picker.highlighted = index
        for slot, symbol in zip("xy", exploration.drawn_symbols, strict=False):
            label = symbol
            point_field = self.query_one(f"#point-{slot}", NumberField)
            point_field.set_label(label)
            point_field.show_value(exploration.value_of(symbol))
            lo, hi = exploration.range_of(symbol)
            from_field = self.query_one(f"#from-{slot}", NumberField)
            from_field.set_label(f"{label} from")
            from_field.show_value(lo)
            to_field = self.query_one(f"#to-{slot}", NumberField)
            to_field.set_label(f"{label} to")
            to_field.show_value(hi)
        self.query_one("#step", NumberField).show_value(exploration.step)
        self.query_one(ExpressionField).show_text(function.source)
