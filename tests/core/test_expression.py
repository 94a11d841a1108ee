"""The expression language: what it accepts, what it refuses, and where it says so."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tensortown.catalogue import CATALOGUE, Function, from_expression, resolve
from tensortown.expression import (
    MAX_DEPTH,
    MAX_LENGTH,
    ExpressionError,
    parse,
)
from tensortown.tree import (
    evaluate_numpy,
    to_source,
    variables_of,
)


@pytest.mark.parametrize(
    ("text", "point", "expected"),
    [
        ("2", {}, 2.0),
        ("0.25", {}, 0.25),
        ("1e-3", {}, 1e-3),
        (".5", {}, 0.5),
        ("2x + 500", {"x": 800}, 2100.0),
        ("0.25x^2 + 500", {"x": 10}, 525.0),
        ("0.25 * x**2 + 500", {"x": 40}, 900.0),
        ("2^3^2", {}, 512.0),  # right-associative
        ("-x**2", {"x": 3}, -9.0),  # power binds tighter than unary minus
        ("2**-1", {}, 0.5),
        ("(x + 1)(x - 1)", {"x": 3}, None),  # implicit product only after a number
        ("3(x + 1)", {"x": 1}, 6.0),
        ("2pi", {}, 2 * math.pi),
        ("e", {}, math.e),
        ("log(e)", {}, 1.0),
        ("ln(x)", {"x": math.e}, 1.0),
        ("sqrt(16)", {}, 4.0),
        ("sigmoid(0)", {}, 0.5),
        ("softplus(0)", {}, math.log(2)),
        ("relu(-2) + abs(-3)", {}, 3.0),
        ("tanh(0) + sin(0) + cos(0) + tan(0) + exp(0)", {}, 2.0),
        ("x * y - x / y", {"x": 6, "y": 3}, 16.0),
        ("+x", {"x": 4}, 4.0),
        ("--x", {"x": 4}, 4.0),
    ],
)
def test_accepts(text: str, point: dict[str, float], expected: float | None) -> None:
    if expected is None:
        with pytest.raises(ExpressionError):
            parse(text)
        return
    tree = parse(text)
    assert float(evaluate_numpy(tree, **point)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("foo(x)", "unknown function 'foo'", 1),
        ("2*foo(x)", "unknown function 'foo'", 3),
        ("x**", "unexpected end of expression", 4),
        ("", "empty expression", 1),
        ("   ", "empty expression", 1),
        ("zz + 1", "unknown name 'zz' (variables are single letters: for a product, write z*z)", 1),
        ("X + 1", "unknown name 'X' (variables are a lowercase letter", 1),
        ("sinx", "unknown name 'sinx' (for sin of x, write sin(x))", 1),
        ("x +* 2", "unexpected '*'", 4),
        ("(x + 1", "missing ')'", 7),
        ("x + 1)", "unmatched ')'", 6),
        ("sin x", "needs parentheses", 1),
        ("sin()", "needs an argument", 5),
        ("log(x, 2)", "takes one argument", 6),
        ("x.real", "unexpected character '.'", 2),
        ("x @ y", "unexpected character '@'", 3),
        ("1,5", "use . for decimals", 2),
        ("y = x", "right-hand side", 3),
        ("x y", "unexpected name 'y'", 3),
        ("__import__('os')", "unknown function '__import__'", 1),
        ("1e999", "too large", 1),
        ("x²", "use ^2", 2),
        ("١٢x", "'١' (U+0661) is not an ASCII digit: write 0-9", 1),
        ("2*x + ٣", "'٣' (U+0663) is not an ASCII digit: write 0-9", 7),
        ("１２x", "'１' (U+FF11) is not an ASCII digit: write 0-9", 1),
        ("x٢", "'٢' (U+0662) is not an ASCII digit", 2),
        ("0.٥", "'٥' (U+0665) is not an ASCII digit", 3),
        ("1e٣", "'٣' (U+0663) is not an ASCII digit", 3),
        ("२ + x", "'२' (U+0968) is not an ASCII digit", 1),
    ],
)
def test_refuses_with_message_and_column(text: str, message: str, column: int | None) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert message in caught.value.message
    assert caught.value.column == column
    if column is not None:
        assert str(caught.value).endswith(f"at column {column}")


@given(
    st.characters(categories=["Nd"]).filter(lambda c: not c.isascii()),
    st.sampled_from(["{}", "{}x", "x*{}", "2{}", "{}.5", "sin({})"]),
)
def test_a_digit_of_any_other_script_is_refused_where_it_stands(digit: str, shape: str) -> None:
    """Python's ``\\d`` and ``float`` take every script's digits; the language takes 0-9 only."""
    text = shape.format(digit)
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert (
        caught.value.message == f"{digit!r} (U+{ord(digit):04X}) is not an ASCII digit: write 0-9"
    )
    assert caught.value.column == text.index(digit) + 1


def test_length_limit() -> None:
    with pytest.raises(ExpressionError, match="too long"):
        parse("x+" * MAX_LENGTH + "x")


def test_nesting_limit_is_a_clear_message() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 1) + "x" + ")" * (MAX_DEPTH + 1))
    parse("(" * (MAX_DEPTH - 1) + "x" + ")" * (MAX_DEPTH - 1))  # just inside the limit


def test_variables_in_order() -> None:
    assert variables_of(parse("y + x")) == ("x", "y")
    assert variables_of(parse("3")) == ()


@pytest.mark.parametrize(
    "text",
    ["0.25 * x**2 + 500", "-(x**2 + y**2)", "2**-x", "(-x)**2", "x - (y - 1)", "x / (y * 2)"],
)
def test_source_round_trip(text: str) -> None:
    tree = parse(text)
    again = parse(to_source(tree))
    for x, y in [(1.5, 2.0), (-0.5, 3.0)]:
        assert evaluate_numpy(again, x=x, y=y) == pytest.approx(evaluate_numpy(tree, x=x, y=y))


def test_tensorflow_source_writes_tf_math_calls() -> None:
    assert (
        CATALOGUE["earnings"].tensorflow_source() == "0.25 * x**2 + 500 + 50 * tf.math.log(y + 1)"
    )


def test_catalogue_entries() -> None:
    pay = CATALOGUE["pay"]
    assert pay.variables[0].tf_name == "hours_worked"
    assert (pay.variables[0].lo, pay.variables[0].hi, pay.variables[0].step) == (0, 60, 1)
    assert CATALOGUE["price"].default_point() == {"x": 800}
    assert CATALOGUE["bonus"].default_point() == {"y": 6}
    assert CATALOGUE["earnings"].default_point() == {"x": 25, "y": 6}
    assert all(f.unit == "$" for f in CATALOGUE.values())
    for f in CATALOGUE.values():
        for v in f.variables:
            assert v.lo <= v.default <= v.hi and v.step == 1


def test_resolve_keys_and_expressions() -> None:
    assert resolve(" Pay ") is CATALOGUE["pay"]
    typed = resolve("x**3")
    assert typed.key is None and typed.symbols == ("x",) and typed.unit == ""
    assert resolve("7").symbols == ("x",)


def test_typed_expression_keeps_the_range_it_replaces() -> None:
    typed = from_expression("x**3", like=CATALOGUE["pay"])
    assert (typed.variables[0].lo, typed.variables[0].hi, typed.variables[0].default) == (0, 60, 20)
    assert from_expression("y", like=CATALOGUE["pay"]).variables[0].lo == -10


def test_numpy_reference_is_float64_by_default() -> None:
    assert evaluate_numpy(parse("x"), x=np.float32(1)).dtype == np.float64


@pytest.mark.parametrize(
    "function",
    [
        *CATALOGUE.values(),
        from_expression("sin(x) * exp(-x/4)"),
        from_expression("x**3 + y", like=CATALOGUE["earnings"]),
    ],
    ids=lambda f: f.source,
)
def test_a_function_pickles_without_its_tree_and_unpickles_whole(function: Function) -> None:
    """What crosses to the TensorFlow process with every tape job: small, and parsed once."""
    data = pickle.dumps(function, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(data)
    assert back == function and back.variables == function.variables
    assert back.expression == function.expression  # parsed again from its source
    assert pickle.loads(data) is back  # equal functions unpickle as one object
    assert b"tensortown.expression" not in data and len(data) < 700
