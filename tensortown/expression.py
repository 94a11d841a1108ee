"""The safe expression language: text a person types, parsed through an allow-list.

Nothing typed here ever reaches ``eval``/``exec``, an attribute or an import: the
text is tokenised and parsed by a small recursive-descent parser into a tree of
the node types below, and only names from :data:`FUNCTIONS`, :data:`CONSTANTS`
and variables' names (:mod:`tensortown.names`) are accepted.  What is then done with
the tree (TensorFlow ops, its numpy twin, its source) is :mod:`tensortown.tree`'s.

Grammar (``^`` and ``**`` are the same right-associative power)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary | implicit)*
    unary      := ("-" | "+") unary | power
    power      := atom (("**" | "^") unary)?
    atom       := NUMBER | NAME | NAME "(" expression ")" | "(" expression ")"

``implicit`` is multiplication without a sign after a number: ``2x``, ``0.25x^2``,
``3(x + 1)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tensortown.names import is_variable, name_hint
from tensortown.numbers import not_an_ascii_digit

MAX_LENGTH = 500
"""The longest expression accepted, in characters."""

MAX_DEPTH = 40
"""The deepest nesting accepted (parentheses, unary signs, calls and powers)."""

VARIABLES = ("x", "y")
"""The tutorial's variables: the names a function of one or two variables is drawn over."""

CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}
"""Named constants."""


class ExpressionError(ValueError):
    """A typed expression that is not accepted, with the 1-based column of the problem."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.message = message
        self.column = column
        super().__init__(f"{message} at column {column}" if column is not None else message)


# --- the tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A numeric literal or a named constant."""

    value: float
    text: str
    column: int


@dataclass(frozen=True)
class Name:
    """A variable (``x``, ``y``, ``z``, ``w1``…)."""

    name: str
    column: int


@dataclass(frozen=True)
class Unary:
    """Unary minus (``-``) or plus (``+``)."""

    op: str
    operand: Node
    column: int


@dataclass(frozen=True)
class Binary:
    """One of ``+ - * / **``."""

    op: str
    left: Node
    right: Node
    column: int


@dataclass(frozen=True)
class Call:
    """One of the allowed functions applied to one argument."""

    function: str
    argument: Node
    column: int


Node = Number | Name | Unary | Binary | Call


# --- the allow-list: one table from names to numpy and TensorFlow ------------------------


def lazy_numpy() -> Any:
    """numpy, imported when first needed: the explorer's first frame does not wait for it."""
    import numpy

    return numpy


def _numpy_twin(name: str) -> Callable[[Any], Any]:
    """numpy's function ``name``, looked up when called."""

    def twin(v: Any) -> Any:
        return getattr(lazy_numpy(), name)(v)

    twin.__name__ = name
    return twin


def _softplus_np(v: Any) -> Any:
    return lazy_numpy().logaddexp(0.0, v)


def _sigmoid_np(v: Any) -> Any:
    return 1.0 / (1.0 + lazy_numpy().exp(-v))


def _relu_np(v: Any) -> Any:
    return lazy_numpy().maximum(v, 0.0)


@dataclass(frozen=True)
class FunctionSpec:
    """An allowed function: its TensorFlow op (by path under ``tf``) and numpy twin."""

    tf_path: str
    numpy: Callable[[Any], Any]


FUNCTIONS: dict[str, FunctionSpec] = {
    "exp": FunctionSpec("math.exp", _numpy_twin("exp")),
    "log": FunctionSpec("math.log", _numpy_twin("log")),
    "ln": FunctionSpec("math.log", _numpy_twin("log")),
    "sqrt": FunctionSpec("math.sqrt", _numpy_twin("sqrt")),
    "sin": FunctionSpec("math.sin", _numpy_twin("sin")),
    "cos": FunctionSpec("math.cos", _numpy_twin("cos")),
    "tan": FunctionSpec("math.tan", _numpy_twin("tan")),
    "tanh": FunctionSpec("math.tanh", _numpy_twin("tanh")),
    "sigmoid": FunctionSpec("math.sigmoid", _sigmoid_np),
    "softplus": FunctionSpec("math.softplus", _softplus_np),
    "relu": FunctionSpec("nn.relu", _relu_np),
    "abs": FunctionSpec("math.abs", _numpy_twin("abs")),
}
"""Every function a user may call, and nothing else."""


# --- tokens -----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
  | (?P<name>[A-Za-z_][A-Za-z_0-9]*)
  | (?P<op>\*\*|[-+*/^()])
    """,
    re.VERBOSE,
)
"""ASCII digits only: ``\\d`` would also take ``١٢`` or ``１２`` (which ``float`` reads)."""


@dataclass(frozen=True)
class Token:
    """One token: its kind (number, name, op, end), its text and its 1-based column."""

    kind: str
    text: str
    column: int


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``end`` token."""
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            # Kept as a token so that the error reported is the first in reading order.
            tokens.append(Token("bad", text[position], position + 1))
            position += 1
            continue
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), position + 1))
        position = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _bad_character(token: Token) -> ExpressionError:
    char = token.text
    if char.isdecimal():  # a digit of another script, or full-width
        return ExpressionError(not_an_ascii_digit(char), token.column)
    shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
    return ExpressionError(f"unexpected character {shown}{_character_hint(char)}", token.column)


def _character_hint(char: str) -> str:
    hints = {
        ",": " (use . for decimals)",
        ".": " (attributes are not allowed)",
        "=": " (type only the right-hand side, e.g. x**2)",
        "[": " (use parentheses)",
        "{": " (use parentheses)",
        "@": " (use * to multiply)",
        "×": " (use * to multiply)",
        "·": " (use * to multiply)",
        "²": " (use ^2 or **2)",
    }
    return hints.get(char, "")


# --- the parser -------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def enter(self, column: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(
                f"expression nested too deeply (more than {MAX_DEPTH} levels)", column
            )

    def leave(self) -> None:
        self.depth -= 1

    def parse(self) -> Node:
        node = self.expression()
        token = self.current
        if token.kind == "bad":
            raise _bad_character(token)
        if token.kind != "end":
            if token.text == ")":
                raise ExpressionError("unmatched ')'", token.column)
            raise ExpressionError(f"unexpected {_describe(token)}", token.column)
        return node

    def expression(self) -> Node:
        node = self.term()
        while self.current.text in ("+", "-") and self.current.kind == "op":
            op = self.advance()
            node = Binary(op.text, node, self.term(), op.column)
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            token = self.current
            if token.kind == "op" and token.text in ("*", "/"):
                self.advance()
                node = Binary(token.text, node, self.unary(), token.column)
            elif _starts_implicit_factor(node, token):
                node = Binary("*", node, self.power(), token.column)
            else:
                return node

    def unary(self) -> Node:
        token = self.current
        if token.kind == "op" and token.text in ("-", "+"):
            self.advance()
            self.enter(token.column)
            try:
                return Unary(token.text, self.unary(), token.column)
            finally:
                self.leave()
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        token = self.current
        if token.kind == "op" and token.text in ("**", "^"):
            self.advance()
            self.enter(token.column)
            try:
                return Binary("**", base, self.unary(), token.column)
            finally:
                self.leave()
        return base

    def atom(self) -> Node:
        token = self.advance()
        if token.kind == "number":
            try:
                value = float(token.text)
            except ValueError:  # pragma: no cover - the pattern only matches floats
                raise ExpressionError(f"bad number {token.text!r}", token.column) from None
            if not math.isfinite(value):
                raise ExpressionError(f"number {_shorten(token.text)} is too large", token.column)
            return Number(value, token.text, token.column)
        if token.kind == "name":
            return self.name(token)
        if token.text == "(":
            self.enter(token.column)
            try:
                inner = self.expression()
            finally:
                self.leave()
            self.expect_close(token)
            return inner
        if token.kind == "end":
            raise ExpressionError("unexpected end of expression", token.column)
        if token.kind == "bad":
            raise _bad_character(token)
        raise ExpressionError(f"unexpected {_describe(token)}", token.column)

    def name(self, token: Token) -> Node:
        name = token.text
        if self.current.text == "(":
            if name not in FUNCTIONS:
                raise ExpressionError(f"unknown function {_shorten(name)!r}", token.column)
            opening = self.advance()
            self.enter(opening.column)
            try:
                if self.current.text == ")":
                    raise ExpressionError(f"{name}() needs an argument", self.current.column)
                argument = self.expression()
            finally:
                self.leave()
            self.expect_close(opening, function=name)
            return Call(name, argument, token.column)
        if name in FUNCTIONS:
            raise ExpressionError(f"function {name!r} needs parentheses: {name}(…)", token.column)
        if name in CONSTANTS:
            return Number(CONSTANTS[name], name, token.column)
        if is_variable(name):
            return Name(name, token.column)
        raise ExpressionError(
            f"unknown name {_shorten(name)!r}{name_hint(name, FUNCTIONS)}", token.column
        )

    def expect_close(self, opening: Token, function: str | None = None) -> None:
        token = self.current
        if token.text == ")":
            self.advance()
            return
        if token.kind == "end":
            raise ExpressionError("unexpected end of expression: missing ')'", token.column)
        if token.text == "," and function is not None:
            raise ExpressionError(f"{function}() takes one argument", token.column)
        if token.kind == "bad":
            raise _bad_character(token)
        raise ExpressionError(f"expected ')' but found {_describe(token)}", token.column)


def _starts_implicit_factor(node: Node, token: Token) -> bool:
    """True for ``2x``, ``2 pi``, ``2(x+1)``, ``2sin(x)``: a number followed by a factor."""
    if not isinstance(node, Number) or node.text in CONSTANTS:
        return False
    return token.kind == "name" or token.text == "("


def _shorten(text: str) -> str:
    return text if len(text) <= 24 else text[:20] + "…"


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "end of expression"
    text = token.text if len(token.text) <= 24 else token.text[:20] + "…"
    if token.kind == "number":
        return f"number {text}"
    if token.kind == "name":
        return f"name {text!r}"
    return repr(text)


def parse(text: str) -> Node:
    """Parse ``text`` into an expression tree, or raise :class:`ExpressionError`."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            f"expression too long ({len(text)} characters, at most {MAX_LENGTH})", MAX_LENGTH + 1
        )
    if not text.strip():
        raise ExpressionError("empty expression: type a function, e.g. x**2 or x*y*z", 1)
    return _Parser(text).parse()
