"""Inside the tape: every node of a function's tree, its value and its adjoint ∂f/∂node.

One ``tf.function`` per :class:`~tensortown.catalogue.Function` (traced once, cached)
builds the expression node by node under one ``tf.GradientTape``: each node's tensor
is made from its children's tensors, so the adjoint flows through it, and each is
watched.  One ``tape.gradient(result, [every node…, every variable…])`` then gives all
the adjoints and the gradient together; the values are the same intermediate tensors.
Nothing here differentiates by hand: the per-variable sums of the leaves' adjoints are
sums of the tape's numbers, shown to make the chain rule visible (see
:mod:`tensortown.inside_text`).

The ops are :func:`tensortown.tree.to_tensorflow`'s, so the numbers are the readout's:
``a**2`` is ``tf.math.square(a)``, which takes no exponent, so the tape gives that
exponent's node the adjoint 0 and the node says why (:attr:`InsideNode.note`).

TensorFlow is imported on first use (see :mod:`tensortown.backend`).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tensortown import backend
from tensortown.catalogue import Function
from tensortown.expression import FUNCTIONS, Binary, Call, Name, Node, Number, Unary, lazy_numpy
from tensortown.tree import children, to_source, undefined_reason

_BINARY_OPS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow"}
_UNARY_OPS = {"-": "neg", "+": "pos"}

SQUARE_EXPONENT = "not an input: a**2 runs as tf.math.square(a), so the tape gives it 0"
"""The note on the exponent of ``a**2`` (see the module's docstring)."""


@dataclass(frozen=True)
class InsideNode:
    """One node of the tree at a point: what it is, its value and its adjoint ∂f/∂node."""

    id: int
    """Its place in the tree, parents before children, left to right; the root is 0."""
    op: str
    """``add sub mul div pow neg pos``, a function's name (``log``, ``sin``…), ``var`` or
    ``const``."""
    symbol: str
    """The op as written: ``+``, ``*``, ``**``, ``log``, the variable (``x``), the number
    (``0.25``, ``pi``)."""
    text: str
    """The subtree's source (:func:`tensortown.tree.to_source`), e.g. ``y + 1``."""
    children: tuple[int, ...]
    """The operands' ids, left to right."""
    depth: int
    """0 for the root, 1 for its children, …"""
    value: float | None
    """The node's float32 value from the traced call, or None where not finite."""
    adjoint: float | None
    """∂f/∂node from ``tape.gradient``, or None where not finite."""
    undefined: str | None = None
    """Why the value (or the adjoint) is not finite, or None."""
    note: str | None = None
    """Anything else true of this node's numbers (:data:`SQUARE_EXPONENT`), or None."""

    @property
    def is_leaf(self) -> bool:
        """True for a variable or a constant."""
        return not self.children


@dataclass(frozen=True)
class Inside:
    """A function's tree at one point: every node, the gradient, and the leaves' sums."""

    function: Function
    point: dict[str, float]
    """The point, by symbol, in the order of the function's variables."""
    nodes: tuple[InsideNode, ...]
    """Every node, by id (parents before children); ``nodes[0]`` is the root, f itself."""
    gradient: dict[str, float | None]
    """∂f/∂v by symbol, from the same ``tape.gradient`` call (the variables themselves
    are among its sources)."""
    leaves: dict[str, tuple[int, ...]]
    """The ids of each variable's leaves (empty for a variable f does not use)."""
    sums: dict[str, float | None]
    """Each variable's leaves' adjoints added up: the chain rule says this is ∂f/∂v."""
    repeated: tuple[tuple[int, ...], ...]
    """The ids of each subexpression (not a leaf) that occurs more than once, by text."""

    @property
    def root(self) -> InsideNode:
        """The node that is f."""
        return self.nodes[0]

    @property
    def value(self) -> float | None:
        """f at the point, or None where undefined."""
        return self.root.value

    @property
    def undefined(self) -> str | None:
        """Why f is not finite here, or None."""
        return self.root.undefined if self.root.value is None else None


# --- the tree's layout (no TensorFlow) ----------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """What does not change from point to point: each node's kind, text and place."""

    id: int
    op: str
    symbol: str
    text: str
    children: tuple[int, ...]
    depth: int
    tree: Node
    note: str | None


def _op(node: Node) -> tuple[str, str]:
    """(op name, symbol) of one node."""
    if isinstance(node, Number):
        return "const", node.text
    if isinstance(node, Name):
        return "var", node.name
    if isinstance(node, Unary):
        return _UNARY_OPS[node.op], node.op
    if isinstance(node, Call):
        return node.function, node.function
    return _BINARY_OPS[node.op], node.op


def _squares(node: Node) -> bool:
    """True for ``a**2``, which :func:`~tensortown.tree.to_tensorflow` makes ``square(a)``."""
    return (
        isinstance(node, Binary)
        and node.op == "**"
        and isinstance(node.right, Number)
        and node.right.value == 2
    )


def layout(tree: Node) -> tuple[_Layout, ...]:
    """Every node of ``tree`` in id order (parents before children), without recursion."""
    order: list[tuple[Node, int, int]] = []  # (node, parent id, depth)
    stack: list[tuple[Node, int, int]] = [(tree, -1, 0)]
    while stack:
        node, parent, depth = stack.pop()
        mine = len(order)
        order.append((node, parent, depth))
        stack.extend((child, mine, depth + 1) for child in reversed(children(node)))
    kids: list[list[int]] = [[] for _ in order]
    unused: set[int] = set()
    for i, (_, parent, _) in enumerate(order):
        if parent >= 0:
            kids[parent].append(i)
    for i, (node, _, _) in enumerate(order):
        if _squares(node):
            unused.add(kids[i][1])
    return tuple(
        _Layout(
            id=i,
            op=_op(node)[0],
            symbol=_op(node)[1],
            text=to_source(node),
            children=tuple(kids[i]),
            depth=depth,
            tree=node,
            note=SQUARE_EXPONENT if i in unused else None,
        )
        for i, (node, _, depth) in enumerate(order)
    )


def _repeated(nodes: tuple[_Layout, ...]) -> tuple[tuple[int, ...], ...]:
    by_text: dict[str, list[int]] = {}
    for node in nodes:
        if node.children:
            by_text.setdefault(node.text, []).append(node.id)
    return tuple(tuple(ids) for ids in by_text.values() if len(ids) > 1)


# --- the traced call ----------------------------------------------------------------------


def _resolve(tf: Any, path: str) -> Any:
    target = tf
    for part in path.split("."):
        target = getattr(target, part)
    return target


def _maker(tf: Any, node: _Layout, ops: dict[str, Any]) -> Callable[[list[Any]], Any]:
    """How one node's tensor is made from its operands' tensors (a variable's: the variable)."""
    tree = node.tree
    if isinstance(tree, Name):
        # Each occurrence is its own tensor, so each leaf has its own adjoint.
        return lambda a: tf.identity(a[0])
    if isinstance(tree, Number):
        value = tree.value
        np = lazy_numpy()

        def constant(_: list[Any]) -> Any:
            with np.errstate(over="ignore"):  # 1e39 is inf in float32: undefined, not a warning
                return tf.constant(value, dtype=tf.float32)

        return constant
    if isinstance(tree, Unary):
        return (lambda a: -a[0]) if tree.op == "-" else (lambda a: tf.identity(a[0]))
    if isinstance(tree, Call):
        op = ops[tree.function]
        return lambda a: op(a[0])
    if _squares(tree):
        return lambda a: tf.math.square(a[0])
    assert isinstance(tree, Binary)
    binary: dict[str, Callable[[list[Any]], Any]] = {
        "+": lambda a: a[0] + a[1],
        "-": lambda a: a[0] - a[1],
        "*": lambda a: a[0] * a[1],
        "/": lambda a: a[0] / a[1],
        "**": lambda a: tf.pow(a[0], a[1]),
    }
    return binary[tree.op]


class _Traced:
    """The traced ``tf.function`` of one function's tree: values, adjoints, gradient."""

    def __init__(self, function: Function) -> None:
        tf = backend.tensorflow()
        self.function = function
        self.nodes = layout(function.expression)
        self.repeated = _repeated(self.nodes)
        symbols = function.symbols
        self.leaves = {
            s: tuple(n.id for n in self.nodes if n.op == "var" and n.symbol == s) for s in symbols
        }
        ops = {name: _resolve(tf, spec.tf_path) for name, spec in FUNCTIONS.items()}
        makers = [_maker(tf, node, ops) for node in self.nodes]
        nodes = self.nodes
        index = {s: i for i, s in enumerate(symbols)}
        zero = tf.UnconnectedGradients.ZERO
        n = len(symbols)

        @tf.function(input_signature=[tf.TensorSpec([n], tf.float32)], autograph=False)
        def inside(v: Any) -> Any:
            """Every node's value and adjoint, and the gradient, from one tape."""
            parts = [v[i] for i in range(n)]
            tensors: list[Any] = [None] * len(nodes)
            with tf.GradientTape() as tape:
                tape.watch(parts)
                for node in reversed(nodes):  # children have larger ids than their parent
                    if node.op == "var":
                        operands = [parts[index[node.symbol]]]
                    else:
                        operands = [tensors[c] for c in node.children]
                    made = makers[node.id](operands)
                    tape.watch(made)
                    tensors[node.id] = made
            adjoints = tape.gradient(tensors[0], tensors + parts, unconnected_gradients=zero)
            return (
                tf.stack(tensors),
                tf.stack(adjoints[: len(nodes)]),
                tf.stack(adjoints[len(nodes) :]),
            )

        self.polymorphic = inside
        self.call = inside.get_concrete_function()

    def __call__(self, vector: Any) -> tuple[Any, Any, Any]:
        """(values, adjoints, gradient) at ``vector``, as numpy float32 arrays."""
        values, adjoints, gradient = self.call(vector)
        return values.numpy(), adjoints.numpy(), gradient.numpy()


@functools.lru_cache(maxsize=64)
def traced(function: Function) -> _Traced:
    """The cached, traced inside call for ``function``."""
    return _Traced(function)


def warm(function: Function) -> None:
    """Load TensorFlow and trace ``function``'s inside call (for a worker)."""
    traced(function)


# --- at a point ---------------------------------------------------------------------------


def _finite(value: Any) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None


def _vector(function: Function, point: dict[str, float]) -> tuple[dict[str, float], Any]:
    np = lazy_numpy()
    missing = [s for s in function.symbols if s not in point]
    if missing:
        raise KeyError(f"no value for {', '.join(missing)}")
    coords = {s: float(point[s]) for s in function.symbols}
    with np.errstate(over="ignore"):
        vector = np.array(list(coords.values()), dtype=np.float32)
    if not np.all(np.isfinite(vector)):
        raise ValueError("the point is outside float32's range (about ±3.4e38)")
    return coords, vector


ADJOINT_NOT_FINITE = "∂f/∂node is not finite here: a local derivative on its path up to f is not"
"""Why a node with a finite value has no adjoint, where f is defined."""
F_UNDEFINED = "f is undefined here, so ∂f/∂node is too"
"""Why a node with a finite value has no adjoint, where f is undefined."""


def _why(node: _Layout, value: float | None, adjoint: float | None, coords: Any) -> str | None:
    if value is None:
        return undefined_reason(node.tree, coords) or "the value is not finite here"
    if adjoint is None:
        return ADJOINT_NOT_FINITE
    return None


def inside(function: Function, point: dict[str, float]) -> Inside:
    """Every node's value and adjoint at ``point``, from one traced tape call.

    Where f itself is undefined the tape's adjoints and gradient are not shown (None),
    as :func:`tensortown.tape.derivative_at` shows no gradient there; the values are.
    """
    coords, vector = _vector(function, point)
    ready = traced(function)
    values, adjoints, gradient = ready(vector)
    defined = math.isfinite(values[0])
    nodes = []
    for node in ready.nodes:
        value = _finite(values[node.id])
        adjoint = _finite(adjoints[node.id]) if defined else None
        why = _why(node, value, adjoint, coords)
        nodes.append(
            InsideNode(
                id=node.id,
                op=node.op,
                symbol=node.symbol,
                text=node.text,
                children=node.children,
                depth=node.depth,
                value=value,
                adjoint=adjoint,
                undefined=why if defined or value is None else F_UNDEFINED,
                note=node.note,
            )
        )
    sums: dict[str, float | None] = {}
    for symbol, ids in ready.leaves.items():
        terms = [nodes[i].adjoint for i in ids]
        sums[symbol] = None if None in terms else math.fsum(t for t in terms if t is not None)
    return Inside(
        function=function,
        point=coords,
        nodes=tuple(nodes),
        gradient={
            s: _finite(g) if defined else None
            for s, g in zip(function.symbols, gradient, strict=True)
        },
        leaves=dict(ready.leaves),
        sums=sums,
        repeated=ready.repeated,
    )
