"""The TensorTown catalogue: the tutorial's four functions as data, and typed expressions.

Every function the tools work with, from the catalogue or typed by a person, is a
:class:`Function`: a parsed expression plus what the page says about it (title,
formula, the name and unit of each variable, its default point and range).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from tensortown.expression import (
    ExpressionError,
    Node,
    parse,
)
from tensortown.names import MAX_VARIABLES
from tensortown.tree import (
    to_source,
    variables_of,
)


@dataclass(frozen=True)
class Variable:
    """One input of a function: its symbol, TensorFlow name, unit, default point and range."""

    symbol: str
    """The name in the formula: ``x`` or ``y`` in the tutorial, any of
    :data:`~tensortown.names.VARIABLE_NAME` in a typed expression."""
    tf_name: str
    """The name given to the ``tf.Variable``, as on the tutorial page (``hours_worked``)."""
    label: str
    """Words for an axis or a readout (``hours worked``)."""
    unit: str
    """Unit of the variable (``h``), or empty."""
    default: float
    """The point the explorer starts at."""
    lo: float
    """The default range's lower end."""
    hi: float
    """The default range's upper end."""
    step: float = 1.0
    """One step of the cursor (and the "one more" in the one-more-hour table)."""


@dataclass(frozen=True)
class Function:
    """A function of one or more variables, with everything needed to show it."""

    key: str | None
    """The catalogue key (``pay``), or None for a typed expression."""
    title: str
    """A short title (``Weekly pay``)."""
    formula: str
    """The formula as printed (``f(x) = 0.25x² + 500``)."""
    source: str
    """The expression as typed or stored (``0.25*x**2 + 500``)."""
    variables: tuple[Variable, ...]
    """The inputs, in order."""
    unit: str = ""
    """The unit of f: ``$`` for the catalogue, empty for typed expressions."""
    expression: Node = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    """The parsed tree."""

    def __post_init__(self) -> None:
        if self.expression is None:
            object.__setattr__(self, "expression", parse(self.source))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled without its tree, which ``source`` gives again: the explorer sends a
        function to its TensorFlow process with every job, and equal functions
        unpickle there as one object, parsed once (:func:`_unpickled`)."""
        fields = (self.key, self.title, self.formula, self.source, self.variables, self.unit)
        return (_unpickled, fields)

    @property
    def arity(self) -> int:
        """How many variables."""
        return len(self.variables)

    @property
    def axes(self) -> tuple[str, str] | None:
        """The two variables a field of f is drawn over: its own two, or x and y for a
        function of one of them; None for any other (one other variable, or three and
        more: a field of those is drawn through a point, see :mod:`tensortown.section`)."""
        if self.arity == 2:
            return (self.symbols[0], self.symbols[1])
        if self.arity == 1 and self.symbols[0] in ("x", "y"):
            return ("x", "y")
        return None

    @property
    def symbols(self) -> tuple[str, ...]:
        """The variables' symbols, in order."""
        return tuple(v.symbol for v in self.variables)

    def variable(self, symbol: str) -> Variable:
        """The variable with this symbol."""
        for v in self.variables:
            if v.symbol == symbol:
                return v
        raise KeyError(symbol)

    def default_point(self) -> dict[str, float]:
        """The starting point, by symbol."""
        return {v.symbol: v.default for v in self.variables}

    @property
    def is_money(self) -> bool:
        """True when f is in dollars, to show ``$530.25``."""
        return self.unit == "$"

    def tensorflow_source(self) -> str:
        """The body of the tutorial's ``f = lambda …:``, with ``tf.math`` calls."""
        return to_source(self.expression, tensorflow=True)


@functools.lru_cache(maxsize=256)
def _unpickled(
    key: str | None,
    title: str,
    formula: str,
    source: str,
    variables: tuple[Variable, ...],
    unit: str,
) -> Function:
    return Function(key, title, formula, source, variables, unit)


_HOURS = Variable("x", "hours_worked", "hours worked", "h", 20.0, 0.0, 60.0)
_COMPLIMENTS = Variable("y", "compliments_given", "compliments given", "", 6.0, 0.0, 20.0)

CATALOGUE: dict[str, Function] = {
    f.key: f  # type: ignore[misc]
    for f in (
        Function(
            key="price",
            title="Apartment price",
            formula="f(x) = 2x + 500",
            source="2*x + 500",
            variables=(Variable("x", "square_feet", "square feet", "sq ft", 800.0, 0.0, 2000.0),),
            unit="$",
        ),
        Function(
            key="pay",
            title="Weekly pay",
            formula="f(x) = 0.25x² + 500",
            source="0.25 * x**2 + 500",
            variables=(_HOURS,),
            unit="$",
        ),
        Function(
            key="bonus",
            title="Weekly bonus",
            formula="f(y) = 50·ln(y + 1)",
            source="50 * log(y + 1)",
            variables=(_COMPLIMENTS,),
            unit="$",
        ),
        Function(
            key="earnings",
            title="Weekly earnings",
            formula="f(x, y) = 0.25x² + 500 + 50·ln(y + 1)",
            source="(0.25 * x**2 + 500) + (50 * log(y + 1))",
            variables=(
                Variable("x", "hours_worked", "hours worked", "h", 25.0, 0.0, 60.0),
                _COMPLIMENTS,
            ),
            unit="$",
        ),
    )
}
"""The tutorial's four functions, by key."""


def generic_variable(symbol: str, default: float = 1.0) -> Variable:
    """A plain variable for a typed expression: range -10..10, step 1."""
    return Variable(symbol, symbol, symbol, "", default, -10.0, 10.0)


def from_expression(text: str, like: Function | None = None) -> Function:
    """A :class:`Function` for an expression a person typed (raises ``ExpressionError``).

    With ``like``, a variable that ``like`` also has keeps its range, step and
    default, so that typing ``x**3`` while exploring pay keeps x = 20 in view.
    """
    tree = parse(text)
    symbols = variables_of(tree) or ("x",)
    if len(symbols) > MAX_VARIABLES:
        raise ExpressionError(f"{len(symbols)} variables: at most {MAX_VARIABLES}", 1)
    source = text.strip()
    variables = []
    for symbol in symbols:
        variable = generic_variable(symbol)
        if like is not None and symbol in like.symbols:
            kept = like.variable(symbol)
            variable = Variable(
                symbol, symbol, symbol, "", kept.default, kept.lo, kept.hi, kept.step
            )
        variables.append(variable)
    return Function(
        key=None,
        title="Your expression",
        formula=f"f({', '.join(symbols)}) = {to_source(tree)}",
        source=source,
        variables=tuple(variables),
        unit="",
        expression=tree,
    )


def resolve(text: str) -> Function:
    """A catalogue key (``pay``) or an expression (``x**3``) as a :class:`Function`."""
    key = text.strip().lower()
    if key in CATALOGUE:
        return CATALOGUE[key]
    return from_expression(text)
