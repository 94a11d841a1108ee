"""The safe expression language: text a person types, parsed through an allow-list.

Nothing typed here ever reaches ``eval``/``exec``, an attribute or an import: the
text is tokenised and parsed by a small recursive-descent parser into a tree of
the node types below, and only names from :data:`FUNCTIONS`, :data:`CONSTANTS`
and :data:`VARIABLES` are accepted.  The tree is then compiled to TensorFlow ops
(:func:`to_tensorflow`) or evaluated with numpy as an independent reference
(:func:`evaluate_numpy`).

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tensortown.numbers import not_an_ascii_digit

MAX_LENGTH = 500
"""The longest expression accepted, in characters."""

MAX_DEPTH = 40
"""The deepest nesting accepted (parentheses, unary signs, calls and powers)."""

VARIABLES = ("x", "y")
"""The names a function may use for its inputs."""

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
    """A variable, ``x`` or ``y``."""

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


def _numpy() -> Any:
    """numpy, imported when first needed: the explorer's first frame does not wait for it."""
    import numpy

    return numpy


def _numpy_twin(name: str) -> Callable[[Any], Any]:
    """numpy's function ``name``, looked up when called."""

    def twin(v: Any) -> Any:
        return getattr(_numpy(), name)(v)

    twin.__name__ = name
    return twin


def _softplus_np(v: Any) -> Any:
    return _numpy().logaddexp(0.0, v)


def _sigmoid_np(v: Any) -> Any:
    return 1.0 / (1.0 + _numpy().exp(-v))


def _relu_np(v: Any) -> Any:
    return _numpy().maximum(v, 0.0)


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
        if name in VARIABLES:
            return Name(name, token.column)
        raise ExpressionError(f"unknown name {_shorten(name)!r} (use x and y)", token.column)

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
        raise ExpressionError("empty expression: type a function of x (and y), e.g. x**2", 1)
    return _Parser(text).parse()


# --- walking the tree -------------------------------------------------------------------


def _children(node: Node) -> list[Node]:
    if isinstance(node, Unary):
        return [node.operand]
    if isinstance(node, Binary):
        return [node.left, node.right]
    if isinstance(node, Call):
        return [node.argument]
    return []


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, parents before children."""
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(_children(current)))


def variables_of(node: Node) -> tuple[str, ...]:
    """The variables a tree uses, in the order of :data:`VARIABLES`."""
    used = {n.name for n in walk(node) if isinstance(n, Name)}
    return tuple(v for v in VARIABLES if v in used)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "unary": 3, "**": 4}


def to_source(node: Node, *, tensorflow: bool = False) -> str:
    """The tree as Python source; with ``tensorflow`` the calls are written ``tf.math.log(…)``."""

    def show(n: Node, parent: int = 0, right_of_power: bool = False) -> str:
        if isinstance(n, Number):
            return n.text
        if isinstance(n, Name):
            return n.name
        if isinstance(n, Call):
            name = "tf." + FUNCTIONS[n.function].tf_path if tensorflow else n.function
            return f"{name}({show(n.argument)})"
        if isinstance(n, Unary):
            mine = _PRECEDENCE["unary"]
            text = f"{n.op}{show(n.operand, mine)}"
            return f"({text})" if parent > mine or right_of_power else text
        mine = _PRECEDENCE[n.op]
        if n.op == "**":
            text = f"{show(n.left, mine + 1)}**{show(n.right, mine, right_of_power=True)}"
            return f"({text})" if parent > mine else text
        text = f"{show(n.left, mine)} {n.op} {show(n.right, mine + 1)}"
        return f"({text})" if parent > mine else text

    return show(node)


def to_tensorflow(node: Node) -> Callable[..., Any]:
    """Compile the tree to a callable of TensorFlow tensors, keyword arguments by variable."""
    import tensortown.backend as backend

    tf = backend.tensorflow()
    np = _numpy()
    ops = {name: _resolve_tf(tf, spec.tf_path) for name, spec in FUNCTIONS.items()}

    def build(n: Node) -> Callable[[dict[str, Any]], Any]:
        if isinstance(n, Number):
            value = n.value

            def constant(env: dict[str, Any]) -> Any:
                with np.errstate(over="ignore"):  # 1e39 is inf in float32: undefined, not a warning
                    return tf.constant(value, dtype=env["__dtype__"])

            return constant
        if isinstance(n, Name):
            name = n.name
            return lambda env: env[name]
        if isinstance(n, Unary):
            inner = build(n.operand)
            if n.op == "-":
                return lambda env: -inner(env)
            return inner
        if isinstance(n, Call):
            op = ops[n.function]
            arg = build(n.argument)
            return lambda env: op(arg(env))
        left, right = build(n.left), build(n.right)
        if n.op == "+":
            return lambda env: left(env) + right(env)
        if n.op == "-":
            return lambda env: left(env) - right(env)
        if n.op == "*":
            return lambda env: left(env) * right(env)
        if n.op == "/":
            return lambda env: left(env) / right(env)
        if isinstance(n.right, Number) and n.right.value == 2:
            return lambda env: tf.math.square(left(env))  # the same value, a cheaper gradient
        return lambda env: tf.pow(left(env), right(env))

    compiled = build(node)
    used = set(variables_of(node))

    def function(dtype: Any = None, **variables: Any) -> Any:
        first = next(iter(variables.values()), None)
        chosen = dtype or (first.dtype if first is not None else tf.float32)
        result = compiled({"__dtype__": chosen, **variables})
        if first is not None and not used & variables.keys():
            # A constant still has the shape of its inputs, so batches stay rectangular.
            result = result + tf.zeros_like(first)
        return result

    # Plain TensorFlow ops: nothing for autograph to convert, and converting each nested
    # lambda costs ~4 stack frames per operation (x-x-…-x overflowed the stack when traced).
    return tf.autograph.experimental.do_not_convert(function)


def _resolve_tf(tf: Any, path: str) -> Any:
    target = tf
    for part in path.split("."):
        target = getattr(target, part)
    return target


def evaluate_numpy(node: Node, dtype: Any = None, **variables: Any) -> Any:
    """Evaluate the tree with numpy (float64 unless told): an independent reference for values."""
    np = _numpy()
    dtype = np.float64 if dtype is None else dtype
    env = {k: np.asarray(v, dtype=dtype) for k, v in variables.items()}
    env["__dtype__"] = np.dtype(dtype).type
    with np.errstate(all="ignore"):
        return _evaluate(node, env)


def _evaluate(n: Node, env: dict[str, Any]) -> Any:
    if isinstance(n, Number):
        return env["__dtype__"](n.value)
    if isinstance(n, Name):
        return env[n.name]
    if isinstance(n, Unary):
        inner = _evaluate(n.operand, env)
        return -inner if n.op == "-" else inner
    if isinstance(n, Call):
        return FUNCTIONS[n.function].numpy(_evaluate(n.argument, env))
    left, right = _evaluate(n.left, env), _evaluate(n.right, env)
    if n.op == "+":
        return left + right
    if n.op == "-":
        return left - right
    if n.op == "*":
        return left * right
    if n.op == "/":
        return left / right
    return _numpy().power(left, right)


def undefined_reason(node: Node, point: dict[str, float], dtype: Any = None) -> str | None:
    """Why ``node`` has no finite value at ``point``, or None when it has one.

    Evaluates in ``dtype`` (float32, as the tape does) and finds the innermost
    operation whose inputs are finite but whose result is not, named in words a
    person understands.
    """
    np = _numpy()
    scalar = np.dtype(np.float32 if dtype is None else dtype).type
    env: dict[str, Any] = {k: scalar(v) for k, v in point.items()}
    env["__dtype__"] = scalar
    with np.errstate(all="ignore"):
        reason = _find_reason(node, env)
    return reason[1] if reason else None


def _find_reason(n: Node, env: dict[str, Any]) -> tuple[float, str] | None:
    """Return (value, reason) for the first failing operation, else None (value finite)."""
    np = _numpy()
    if isinstance(n, Number) and not np.isfinite(env["__dtype__"](n.value)):
        return (
            math.inf,
            f"the number {n.text} is too large for float32 (about 3.4e38) at column {n.column}",
        )
    if isinstance(n, Number | Name):
        return None
    children = _children(n)
    for child in children:
        found = _find_reason(child, env)
        if found:
            return found
    values = [_evaluate(c, env) for c in children]
    result = _evaluate(n, env)
    if np.isfinite(result):
        return None
    shown = [_short(v) for v in values]
    if isinstance(n, Call):
        arg = values[0]
        if n.function in ("log", "ln"):
            if arg == 0:
                return (result, f"log of 0 at column {n.column}")
            if arg < 0:
                return (result, f"log of a negative number ({shown[0]}) at column {n.column}")
        if n.function == "sqrt" and arg < 0:
            return (result, f"square root of a negative number ({shown[0]}) at column {n.column}")
        if n.function == "tan":
            return (result, f"tan is infinite at {shown[0]} (column {n.column})")
        return (result, f"{n.function}({shown[0]}) overflows (column {n.column})")
    if isinstance(n, Binary):
        left, right = values
        if n.op == "/" and right == 0:
            return (result, f"division by zero at column {n.column}")
        if n.op == "**":
            if left == 0 and right < 0:
                return (result, f"0 to a negative power at column {n.column}")
            if left < 0 and not float(right).is_integer():
                return (
                    result,
                    f"negative number ({shown[0]}) to a fractional power ({shown[1]}) "
                    f"at column {n.column}",
                )
        return (result, f"overflow: the value is too large at column {n.column}")
    return (result, f"overflow at column {n.column}")


def _short(value: Any) -> str:
    return f"{float(value):.6g}"
