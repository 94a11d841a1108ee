"""What is done with a parsed expression: its nodes and variables, its source, its
TensorFlow ops (what the tape runs), its numpy twin (the independent reference the tests
hold the tape to), and why a point is undefined.

The names a tree may use and their ops are :mod:`tensortown.expression`'s one table
(:data:`~tensortown.expression.FUNCTIONS`); nothing here adds to it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from tensortown.expression import (
    FUNCTIONS,
    Binary,
    Call,
    Name,
    Node,
    Number,
    Unary,
    lazy_numpy,
)
from tensortown.names import variable_order


def children(node: Node) -> list[Node]:
    """A node's operands, left to right."""
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
        stack.extend(reversed(children(current)))


def variables_of(node: Node) -> tuple[str, ...]:
    """The variables a tree uses, by letter and number (``variable_order``): ``x, y, z``."""
    used = {n.name for n in walk(node) if isinstance(n, Name)}
    return tuple(sorted(used, key=variable_order))


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
    np = lazy_numpy()
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
    np = lazy_numpy()
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
    return lazy_numpy().power(left, right)


def undefined_reason(node: Node, point: dict[str, float], dtype: Any = None) -> str | None:
    """Why ``node`` has no finite value at ``point``, or None when it has one.

    Evaluates in ``dtype`` (float32, as the tape does) and finds the innermost
    operation whose inputs are finite but whose result is not, named in words a
    person understands.
    """
    np = lazy_numpy()
    scalar = np.dtype(np.float32 if dtype is None else dtype).type
    env: dict[str, Any] = {k: scalar(v) for k, v in point.items()}
    env["__dtype__"] = scalar
    with np.errstate(all="ignore"):
        reason = _find_reason(node, env)
    return reason[1] if reason else None


def _find_reason(n: Node, env: dict[str, Any]) -> tuple[float, str] | None:
    """Return (value, reason) for the first failing operation, else None (value finite)."""
    np = lazy_numpy()
    if isinstance(n, Number) and not np.isfinite(env["__dtype__"](n.value)):
        return (
            math.inf,
            f"the number {n.text} is too large for float32 (about 3.4e38) at column {n.column}",
        )
    if isinstance(n, Number | Name):
        return None
    operands = children(n)
    for child in operands:
        found = _find_reason(child, env)
        if found:
            return found
    values = [_evaluate(c, env) for c in operands]
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
