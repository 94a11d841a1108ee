"""Inside the tape: every node's value and adjoint against independent references.

The adjoints come from one ``tape.gradient`` call with every node watched; here each is
held to sympy's derivative of f with that one node cut out and made a symbol (for a
tree, ∂f/∂node), the values to the numpy twin, each variable's leaves' sum to the
readout's gradient, and the tutorial's two functions to the figures in issue 18.
"""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import assume, example, given
from hypothesis import strategies as st

from tensortown import tape
from tensortown.catalogue import CATALOGUE, Function, from_expression, resolve
from tensortown.expression import FUNCTIONS, Binary, Call, Name, Node, Number, Unary
from tensortown.inside import SQUARE_EXPONENT, Inside, inside, layout, traced
from tensortown.inside_text import SHARED, inside_text, node_lines, note_lines
from tensortown.tree import children, evaluate_numpy, to_source

pytestmark = pytest.mark.usefixtures("tf")

# --- random trees (as in test_hardening_numeric) ----------------------------------------

LITERALS = ["0", "1", "2", "3", "0.5", "0.25", "10", "1e-3", "7."]

leaves: st.SearchStrategy[Node] = st.one_of(
    st.sampled_from(["x", "y"]).map(lambda name: Name(name, 1)),
    st.sampled_from(LITERALS).map(lambda text: Number(float(text), text, 1)),
    st.just(Number(math.pi, "pi", 1)),
)


def _extend(inner: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    return st.one_of(
        st.builds(lambda op, a: Unary(op, a, 1), st.sampled_from(["-", "+"]), inner),
        st.builds(
            lambda op, a, b: Binary(op, a, b, 1),
            st.sampled_from(["+", "-", "*", "/", "**"]),
            inner,
            inner,
        ),
        st.builds(lambda f, a: Call(f, a, 1), st.sampled_from(sorted(FUNCTIONS)), inner),
    )


def _full(depth: int) -> st.SearchStrategy[Node]:
    """Trees up to ``depth`` deep, three times in four an operation at each level (the
    recursive strategy alone draws mostly small trees)."""
    if depth == 0:
        return leaves
    inner = _full(depth - 1)
    return st.one_of(leaves, _extend(inner), _extend(inner), _extend(inner))


trees = st.one_of(st.recursive(leaves, _extend, max_leaves=7), _full(4))
coordinates = st.one_of(
    st.sampled_from([1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0]),
    st.floats(-4, 4, allow_nan=False, width=32),
)

# --- the independent reference: sympy ---------------------------------------------------

X, Y, CUT = sympy.symbols("x y cut", real=True)
_SYMPY = {
    "exp": sympy.exp,
    "log": sympy.log,
    "ln": sympy.log,
    "sqrt": sympy.sqrt,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "tanh": sympy.tanh,
    "sigmoid": lambda a: 1 / (1 + sympy.exp(-a)),
    "softplus": lambda a: sympy.log(1 + sympy.exp(a)),
    "relu": lambda a: sympy.Max(a, 0),
    "abs": sympy.Abs,
}


def to_sympy(node: Node, cut: Node | None = None) -> Any:
    """The tree in sympy, with the node ``cut`` (by identity) replaced by the symbol CUT."""
    if node is cut:
        return CUT
    if isinstance(node, Number):
        return sympy.Float(float(np.float32(node.value)))  # the number the tape sees
    if isinstance(node, Name):
        return {"x": X, "y": Y}[node.name]
    if isinstance(node, Unary):
        inner = to_sympy(node.operand, cut)
        return -inner if node.op == "-" else inner
    if isinstance(node, Call):
        return _SYMPY[node.function](to_sympy(node.argument, cut))
    left, right = to_sympy(node.left, cut), to_sympy(node.right, cut)
    return {
        "+": lambda: left + right,
        "-": lambda: left - right,
        "*": lambda: left * right,
        "/": lambda: left / right,
        "**": lambda: left**right,
    }[node.op]()


def _number(expr: Any) -> float | None:
    """A real, finite value of a sympy expression, or None."""
    try:
        value = complex(sympy.N(expr, 30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if value.imag != 0 or not math.isfinite(value.real):
        return None
    return value.real


def reference_adjoint(tree: Node, node: Node, point: dict[str, float]) -> float | None:
    """∂f/∂node from sympy: f with ``node`` cut out, differentiated by the cut, at the point
    (the cut's value is sympy's too); None where it is not a finite real number."""
    at = {X: point.get("x", 0.0), Y: point.get("y", 0.0)}
    value = _number(to_sympy(node).subs(at))
    if value is None:
        return None
    derivative = sympy.diff(to_sympy(tree, node), CUT)
    return _number(derivative.subs({**at, CUT: value}))


def _in_a_negative_power(tree: Node, node: Node, point: dict[str, float]) -> bool:
    """True where ``node`` is in the exponent of a negative base: (-2)**y has no ∂/∂y
    (TensorFlow's pow gives 0 there, sympy a complex number)."""
    parent = {id(c): n for n in preorder(tree) for c in children(n)}
    current = node
    while id(current) in parent:
        above = parent[id(current)]
        if (
            isinstance(above, Binary)
            and above.op == "**"
            and above.right is current
            and float(evaluate_numpy(above.left, **point)) < 0
        ):
            return True
        current = above
    return False


def preorder(tree: Node) -> list[Node]:
    """The tree's nodes by id, as :func:`tensortown.inside.layout` numbers them."""
    out: list[Node] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(children(node)))
    return out


_SLOPE_OF = {"sin": math.cos, "cos": math.sin, "tan": lambda u: 1 / math.cos(u) ** 2}
"""The periodic functions' local derivatives (up to sign): what their adjoints carry."""


def _well_conditioned(tree: Node, point: dict[str, float]) -> bool:
    """Every subtree's value is finite and the same in float32 and float64 (to 1e-5), and
    so is the local derivative of every sin, cos and tan (at a large argument, as in
    ``cos(pi / 1e-3)``, float32's rounding of the argument moves the slope far more than
    the value: -0.124 against -0.062 there)."""
    for node in preorder(tree):
        wide = float(evaluate_numpy(node, **point))
        narrow = float(evaluate_numpy(node, np.float32, **point))
        if not (math.isfinite(wide) and math.isfinite(narrow)):
            return False
        if abs(wide - narrow) > 1e-5 * abs(wide) + 1e-30 or abs(wide) > 1e6:
            return False
        if isinstance(node, Call) and node.function in _SLOPE_OF:
            slope = _SLOPE_OF[node.function]
            u64 = float(evaluate_numpy(node.argument, **point))
            u32 = float(evaluate_numpy(node.argument, np.float32, **point))
            if abs(slope(u64) - slope(u32)) > 1e-4 * max(abs(slope(u64)), 1e-2):
                return False
    return True


def _at_a_kink(tree: Node, point: dict[str, float]) -> bool:
    """True where relu or abs gets exactly 0 (no derivative there)."""
    return any(
        isinstance(n, Call)
        and n.function in ("relu", "abs")
        and float(evaluate_numpy(n.argument, np.float32, **point)) == 0
        for n in preorder(tree)
    )


def _zero_on_the_way_up(result: Inside, node: int) -> bool:
    """True where the node or one above it has the value 0."""
    parent = {c: n.id for n in result.nodes for c in n.children}
    while True:
        if result.nodes[node].value == 0:
            return True
        if node not in parent:
            return False
        node = parent[node]


def _saturated_on_the_way_up(result: Inside, node: int) -> bool:
    """True under a tanh or sigmoid within 1e-3 of ±1: TensorFlow's gradients take their
    derivatives from the output, 1 - y² and y·(1 - y), which float32 rounds to 0 there."""
    parent = {c: n.id for n in result.nodes for c in n.children}
    while node in parent:
        node = parent[node]
        above = result.nodes[node]
        if above.op in ("tanh", "sigmoid") and abs(above.value or 0) > 0.999:
            return True
    return False


def _point(function: Function, x: float, y: float) -> dict[str, float]:
    return {s: {"x": x, "y": y}[s] for s in function.symbols}


# --- properties ---------------------------------------------------------------------------


@given(trees, coordinates, coordinates)
@example(Binary("*", Name("x", 1), Name("x", 1), 1), 3.0, 0.0)
@example(
    Binary("**", Binary("+", Name("x", 1), Name("y", 1), 1), Number(2.0, "2", 1), 1), 1.5, -0.5
)
@example(Call("log", Binary("*", Name("x", 1), Call("sin", Name("y", 1), 1), 1), 1), 2.0, 1.0)
def test_every_adjoint_is_the_derivative_of_f_by_that_node(tree: Node, x: float, y: float) -> None:
    function = from_expression(to_source(tree))
    tree = function.expression
    point = _point(function, x, y)
    assume(_well_conditioned(tree, point) and not _at_a_kink(tree, point))
    result = inside(function, point)
    assert result.value is not None
    assert result.root.adjoint == 1.0
    for node, got in zip(preorder(tree), result.nodes, strict=True):
        assert got.text == to_source(node)
        assert got.value == pytest.approx(float(evaluate_numpy(node, **point)), rel=1e-4, abs=1e-6)
        if got.note == SQUARE_EXPONENT:
            assert got.adjoint == 0.0  # not an input of tf.math.square
            continue
        expected = reference_adjoint(tree, node, point)
        if expected is None or abs(expected) > 1e6 or _in_a_negative_power(tree, node, point):
            continue
        if _saturated_on_the_way_up(result, got.id):
            continue
        if got.adjoint is None:
            # Only where a zero meets an infinite local derivative (sqrt(0), 0**0): the
            # tape's inf * 0 is nan where sympy, which simplifies 0 * a to 0, has a limit.
            assert _zero_on_the_way_up(result, got.id), (to_source(tree), got)
            continue
        assert got.adjoint == pytest.approx(expected, rel=2e-3, abs=1e-4), (to_source(tree), got)


@given(trees, coordinates, coordinates)
def test_each_variables_leaves_add_up_to_the_readouts_gradient(
    tree: Node, x: float, y: float
) -> None:
    function = from_expression(to_source(tree))
    point = _point(function, x, y)
    assume(_well_conditioned(function.expression, point))
    result = inside(function, point)
    readout = tape.derivative_at(function, point)
    assert result.value == pytest.approx(readout.value, rel=1e-5, abs=1e-6)
    for symbol in function.symbols:
        total, gradient = result.sums[symbol], readout.gradient[symbol]
        if total is None or gradient is None:
            continue
        assert total == pytest.approx(gradient, rel=1e-4, abs=1e-5), to_source(tree)
        assert result.gradient[symbol] == pytest.approx(total, rel=1e-5, abs=1e-6)


def test_the_reference_is_the_whole_path_not_the_local_derivative() -> None:
    """A node's local derivative in place of ∂f/∂node would be caught: at (25, 6) the
    reference for y + 1 is 50/7, where log's own derivative is 1/7."""
    tree = CATALOGUE["earnings"].expression
    plus = preorder(tree)[11]
    assert to_source(plus) == "y + 1"
    expected = reference_adjoint(tree, plus, {"x": 25.0, "y": 6.0})
    assert expected == pytest.approx(50 / 7) and expected != pytest.approx(1 / 7)
    assert reference_adjoint(tree, preorder(tree)[12], {"x": 25.0, "y": 6.0}) == expected


# --- the tutorial's figures -------------------------------------------------------------


def _by_text(result: Inside, text: str) -> Any:
    found = [node for node in result.nodes if node.text == text]
    assert len(found) == 1, text
    return found[0]


def test_earnings_at_25_6_has_the_issues_figures() -> None:
    result = inside(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0})
    log = _by_text(result, "log(y + 1)")
    assert log.op == "log" and log.value == pytest.approx(math.log(7), rel=1e-7)
    assert log.adjoint == 50.0
    plus = _by_text(result, "y + 1")
    assert (plus.op, plus.value) == ("add", 7.0)
    assert plus.adjoint == pytest.approx(50 / 7, rel=1e-6)
    assert np.float32(plus.adjoint) == np.float32(7.1428576)  # the tutorial's float32
    x, y = (_by_text(result, s) for s in ("x", "y"))
    assert (x.op, x.adjoint) == ("var", 12.5)
    assert np.float32(y.adjoint) == np.float32(7.1428576)
    assert result.gradient == {"x": 12.5, "y": y.adjoint}
    assert result.sums == result.gradient
    assert result.root.adjoint == 1.0 and result.root.children == (1, 8)
    text = inside_text(result)
    assert "7.142858" in text and "50" in text and "12.5" in text


def test_pay_at_20() -> None:
    result = inside(CATALOGUE["pay"], {"x": 20.0})
    assert result.value == 600.0 and result.gradient == {"x": 10.0}
    assert [(n.text, n.value, n.adjoint) for n in result.nodes] == [
        ("0.25 * x**2 + 500", 600.0, 1.0),
        ("0.25 * x**2", 100.0, 1.0),
        ("0.25", 0.25, 400.0),
        ("x**2", 400.0, 0.25),
        ("x", 20.0, 10.0),
        ("2", 2.0, 0.0),
        ("500", 500.0, 1.0),
    ]
    assert result.nodes[5].note == SQUARE_EXPONENT  # x**2 is tf.math.square(x) in the tape


def test_x_times_x_adds_up_its_two_leaves() -> None:
    result = inside(from_expression("x*x"), {"x": 3.0})
    assert result.leaves == {"x": (1, 2)}
    assert [result.nodes[i].adjoint for i in (1, 2)] == [3.0, 3.0]
    assert result.sums == {"x": 6.0} == result.gradient
    assert result.gradient == tape.derivative_at(from_expression("x*x"), {"x": 3.0}).gradient
    assert any("f'(x): 3 + 3 = 6" in line for line in note_lines(result, wrap=None))


def test_an_undefined_node_says_why() -> None:
    result = inside(from_expression("x + log(x - 5)"), {"x": 3.0})
    assert result.value is None and "log of a negative number (-2)" in (result.undefined or "")
    log = _by_text(result, "log(x - 5)")
    assert log.value is None and log.undefined == result.undefined
    assert _by_text(result, "x - 5").value == -2.0
    assert all(node.adjoint is None for node in result.nodes)  # f undefined: no ∂f/∂node
    assert result.gradient == {"x": None} and result.sums == {"x": None}
    lines = node_lines(result)
    assert "undefined: log of a negative number" in lines[1]
    assert "undefined" in note_lines(result)[0]


def test_an_undefined_inner_node_under_a_defined_f() -> None:
    result = inside(from_expression("tanh(1/x)"), {"x": 0.0})
    assert result.value == 1.0
    assert _by_text(result, "1 / x").undefined == "division by zero at column 7"
    assert result.gradient == {"x": None}


def test_a_variable_f_does_not_use_has_no_leaves() -> None:
    result = inside(from_expression("2"), {"x": 1.0})
    assert result.leaves == {"x": ()} and result.gradient == {"x": 0.0}
    assert result.sums == {"x": 0.0}


# --- one trace, shared subexpressions ---------------------------------------------------


def test_one_trace_per_function() -> None:
    function = from_expression("sin(x) * y")
    ready = traced(function)
    for i in range(5):
        inside(function, {"x": float(i), "y": 2.0})
    assert traced(function) is ready
    assert ready.polymorphic.experimental_get_tracing_count() == 1


def test_a_repeated_subexpression_is_each_occurrence_and_summed() -> None:
    result = inside(from_expression("(x + 1) * (x + 1)"), {"x": 3.0})
    assert result.repeated == ((1, 4),)
    assert [result.nodes[i].adjoint for i in (1, 4)] == [4.0, 4.0]
    notes = " ".join(note_lines(result, wrap=None))
    assert SHARED in notes and "∂f/∂(x + 1) = 4 + 4 = 8" in notes


def _optimized_ops(concrete: Any) -> list[str]:
    """The ops of ``concrete``'s graph after Grappler, with TensorFlow's default options."""
    tf_optimizer = pytest.importorskip("tensorflow.python.grappler.tf_optimizer")
    from tensorflow.core.protobuf import config_pb2, meta_graph_pb2

    meta = meta_graph_pb2.MetaGraphDef()
    meta.graph_def.CopyFrom(concrete.graph.as_graph_def())
    fetch = meta_graph_pb2.CollectionDef()
    fetch.node_list.value.extend(out.name for out in concrete.outputs)
    meta.collection_def["train_op"].CopyFrom(fetch)
    return [n.op for n in tf_optimizer.OptimizeGraph(config_pb2.ConfigProto(), meta).node]


@pytest.mark.parametrize(
    ("text", "op"), [("sin(x) * sin(x)", "Sin"), ("exp(x*y) + exp(x*y)", "Exp")]
)
def test_the_shared_note_is_what_grappler_does(text: str, op: str) -> None:
    """The note says TensorFlow's graph computes a repeated subexpression once: the trace
    has an op per occurrence, and Grappler leaves one."""
    concrete = traced(from_expression(text)).call
    traced_ops = [o.type for o in concrete.graph.get_operations()]
    assert traced_ops.count(op) == 2
    assert _optimized_ops(concrete).count(op) == 1


def test_grappler_runs_on_the_inside_call() -> None:
    """Grappler's rewrites are in the numbers: log(x + 1) runs as log1p(x), which float32's
    1 + 1e-8 == 1 would make 0 if the ops ran as traced."""
    result = inside(from_expression("log(x + 1)"), {"x": 1e-8})
    assert result.nodes[1].value == 1.0
    assert result.value == pytest.approx(1e-8, rel=1e-6)


# --- the layout and the text ------------------------------------------------------------


def test_layout_numbers_parents_before_children_without_recursion() -> None:
    text = "x-" * 200 + "y"
    nodes = layout(from_expression(text).expression)
    assert len(nodes) == 401 and nodes[0].children == (1, 400) and nodes[400].text == "y"
    assert max(n.depth for n in nodes) == 200


def test_ascii_text_is_ascii_and_unicode_is_box_drawing() -> None:
    result = inside(CATALOGUE["earnings"], {"x": 25.0, "y": 6.0})
    plain = inside_text(result, ascii=True)
    assert plain.isascii() and "|- " in plain and "`- " in plain and "df/dnode" in plain
    fancy = inside_text(result)
    assert "├─ " in fancy and "└─ " in fancy and "│  " in fancy
    assert len(node_lines(result)) == 1 + len(result.nodes)
    widths = {line.index("  1") for line in node_lines(result)[1:3]}
    assert len(widths) == 1  # the columns line up


def test_long_texts_are_shortened() -> None:
    result = inside(from_expression("x+" * 40 + "x"), {"x": 1.0})
    first = node_lines(result, text_width=20)[1]
    assert "…" in first and len(first.split("…")[0]) <= 24


def test_importing_the_inside_modules_loads_no_numpy_tensorflow_or_textual() -> None:
    """The explorer can import the text and the data classes for its panel at start-up."""
    heavy = ("numpy", "tensorflow", "textual", "tui")
    code = (
        "import sys, tensortown.inside, tensortown.inside_text, tensortown.tape_command\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_slope_float32_cannot_carry_is_not_held_to_float64() -> None:
    """``-cos(pi / 1e-3)``: its value agrees in float32, its slope sin(3141.59…) does not."""
    tree = resolve("-cos(pi / 1e-3) + 0*x").expression
    assert not _well_conditioned(tree, {"x": 1.0})
    assert _well_conditioned(resolve("-cos(pi / 4) + 0*x").expression, {"x": 1.0})
