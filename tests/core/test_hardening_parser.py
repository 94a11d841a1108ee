"""Hardening: whatever text a person types, the parser answers with its own error or a tree.

Random strings (printable, any unicode, very long), near-valid token soup and deep
nesting go into :func:`parse`.  The only exception allowed out is
:class:`ExpressionError`, with a one-line message and a column inside the text;
never ``RecursionError``, ``MemoryError``, ``IndexError`` or anything else.  What
parses must survive the rest of the core's tree walks within a modest stack.
"""

from __future__ import annotations

import inspect
import string
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from types import FrameType

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tensortown import expression
from tensortown.expression import (
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    ExpressionError,
    Node,
    Token,
    parse,
)
from tensortown.tree import (
    evaluate_numpy,
    to_source,
    undefined_reason,
    variables_of,
)

WHOLE_TEXT_ERRORS = ("empty expression", "too long")
"""Errors about the text as a whole, which may have no column to point at."""


def outcome(text: str) -> Node | None:
    """Parse ``text``; check that a refusal is well-formed and an acceptance round-trips."""
    try:
        tree = parse(text)
    except ExpressionError as error:
        check_refusal(text, error)
        return None
    source = to_source(tree)
    try:
        again = parse(source)
    except ExpressionError as error:
        # to_source may add parentheses (x**-x -> x**(-x)) and so a level of nesting.
        assert "nested too deeply" in error.message, f"{text!r} -> {source!r}: {error}"
    else:
        assert to_source(again) == source, f"{text!r} -> {source!r} does not round-trip"
    return tree


def check_refusal(text: str, error: ExpressionError) -> None:
    """A refusal has a one-line printable message and a column inside (or just past) the text."""
    message = error.message
    assert isinstance(message, str) and message.strip(), f"no message for {text!r}"
    assert message.isprintable(), f"message for {text!r} is not printable: {message!r}"
    if error.column is None:
        assert any(w in message for w in WHOLE_TEXT_ERRORS), f"no column for {text!r}: {message}"
        return
    assert isinstance(error.column, int)
    assert 1 <= error.column <= len(text) + 1, f"column {error.column} outside {text!r}"
    at = text[error.column - 1 :]
    if "is not an ASCII digit" in message:
        assert at[0].isdecimal() and f"U+{ord(at[0]):04X}" in message, (message, text)
    if message.startswith("unexpected character"):
        char = at[0]
        shown = repr(char) if char.isprintable() else f"U+{ord(char):04X}"
        assert shown in message, f"{message!r} does not point at {char!r} in {text!r}"
    for kind in ("unknown name ", "unknown function "):
        if message.startswith(kind):
            name = message[len(kind) :].split("'")[1]
            start = name.removesuffix("…")  # a long name is shown shortened
            assert at.startswith(start), f"{message!r} does not point at {name!r} in {text!r}"


# --- random text ---------------------------------------------------------------------------


@given(st.text(max_size=MAX_LENGTH + 20))
@example("")
@example("\ud800")  # a lone surrogate, as a broken paste can produce
@example("x\x00")
@example("١٢x")  # Arabic-Indic digits
@example("x\u2028+ 1")
def test_any_unicode_text(text: str) -> None:
    outcome(text)


@given(st.text(alphabet=string.printable, max_size=120))
def test_printable_ascii(text: str) -> None:
    outcome(text)


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", categories=["Nd", "No", "Zs", "Sm", "Lo", "Cf"]),
        max_size=40,
    )
)
def test_look_alike_unicode(text: str) -> None:
    """Other scripts' digits, superscripts, odd spaces and math signs."""
    outcome(text)


# --- near-valid token soup -----------------------------------------------------------------

TOKENS = [
    *"xy+-*/^().,=@[]{}'\"_!#%&|<>~:;?`$\\",
    "**",
    "x",
    "y",
    "2",
    "0.25",
    ".5",
    "1e3",
    "1e400",
    "1.",
    "e",
    "pi",
    " ",
    "\t",
    "×",
    "²",
    "·",
    "−",
    *FUNCTIONS,
    *(f"{name}(" for name in FUNCTIONS),
    "lambda",
    "import",
    "__class__",
    "os",
    "z",
    "2x",
]


@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
@example("sin(x,y)")
@example("2(x)(x)")
@example("x^^2")
@example("1e400x")
def test_token_soup(text: str) -> None:
    outcome(text)


@st.composite
def valid_then_broken(draw: st.DrawFn) -> str:
    """A valid expression with one token removed, doubled or swapped for a foreign one."""
    pieces = draw(st.lists(st.sampled_from(["x", "y", "2", "pi", "sin(x)", "(x+1)"]), min_size=1))
    ops = draw(st.lists(st.sampled_from(["+", "-", "*", "/", "^", "**"]), min_size=len(pieces)))
    tokens = [t for pair in zip(pieces, ops, strict=False) for t in pair][:-1]
    index = draw(st.integers(0, len(tokens) - 1))
    how = draw(st.sampled_from(["drop", "double", "swap"]))
    if how == "drop":
        del tokens[index]
    elif how == "double":
        tokens.insert(index, tokens[index])
    else:
        tokens[index] = draw(st.sampled_from(TOKENS))
    return " ".join(tokens)


@given(valid_then_broken())
def test_one_token_off(text: str) -> None:
    outcome(text)


# --- length and nesting ----------------------------------------------------------------------

NESTINGS: dict[str, Callable[[int], str]] = {
    "parentheses": lambda n: "(" * n + "x" + ")" * n,
    "calls": lambda n: "sin(" * n + "x" + ")" * n,
    "signs": lambda n: "-" * n + "x",
    "alternating signs": lambda n: "-+" * (n // 2) + "-" * (n % 2) + "x",
    "powers": lambda n: "x^" * n + "x",
    "powers of signs": lambda n: "x**-" * n + "x",
    "implicit products": lambda n: "2(" * n + "x" + ")" * n,
    "negated groups": lambda n: "-(" * n + "x" + ")" * n,
}


@pytest.mark.parametrize("shape", sorted(NESTINGS))
@given(depth=st.integers(0, 2 * MAX_DEPTH))
@example(depth=MAX_DEPTH)
@example(depth=MAX_DEPTH + 1)
def test_nesting_is_accepted_up_to_the_limit_then_refused_clearly(shape: str, depth: int) -> None:
    text = NESTINGS[shape](depth)
    tree = outcome(text)
    if tree is None:
        with pytest.raises(ExpressionError, match="nested too deeply"):
            parse(text)
    # "signs" and "powers" of depth n nest n levels; every shape stays accepted at half the limit.
    if depth <= MAX_DEPTH // 2:
        assert tree is not None, f"{shape} at depth {depth} was refused"


@given(opening=st.integers(0, 5000), closing=st.integers(0, 5000))
def test_unbalanced_parentheses_at_any_length(opening: int, closing: int) -> None:
    outcome("(" * opening + "x" + ")" * closing)


@pytest.mark.parametrize(
    "text",
    [
        "x" * (MAX_LENGTH + 1),
        "(" * 100_000,
        "x+" * 1_000_000,
        "9" * 5_000_000,
        " " * (MAX_LENGTH + 1) + "x",
    ],
    ids=["just-too-long", "100k-parens", "2M-chain", "5M-digits", "padded"],
)
def test_very_long_text_is_refused_before_it_is_read(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused on its length alone: not one token is made of it, however long it is."""
    read: list[int] = []
    real_tokenize = expression.tokenize

    def tokenize(text: str) -> list[Token]:
        read.append(len(text))
        return real_tokenize(text)

    monkeypatch.setattr(expression, "tokenize", tokenize)
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    assert "too long" in caught.value.message
    assert str(MAX_LENGTH) in caught.value.message
    assert read == []
    parse("x")  # the spy is in the parser's path: a short text is tokenised through it
    assert read == [1]


def parser_calls(text: str) -> int:
    """The calls (Python and built-in) that parsing ``text`` makes: its work, counted."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        with suppress(ExpressionError):
            parse(text)
    finally:
        sys.setprofile(previous)
    return calls


LINEAR = {
    "chain": "x-",
    "quotients": "x/y*",
    "calls": "sin(x)+",
    "implicit products": "2x+",
    "numbers": "0.25e3*",
    "powers": "x^2+",
    "signs": "-x+",
    "spaces": "x  +  ",
}
"""Pieces repeated to make long flat expressions (no deeper nesting as they grow)."""


@pytest.mark.parametrize("name", sorted(LINEAR))
@pytest.mark.parametrize("ending", ["x", "@"], ids=["accepted", "refused"])
def test_parsing_work_grows_in_step_with_the_text(name: str, ending: str) -> None:
    """Four times the text costs at most about four times the calls, accepted or refused."""
    piece = LINEAR[name]
    short = piece * (MAX_LENGTH // (4 * len(piece))) + ending
    long = piece * (MAX_LENGTH // len(piece) - 1) + ending
    assert len(long) <= MAX_LENGTH
    ratio = (len(long) - 1) / (len(short) - 1)
    small, large = parser_calls(short), parser_calls(long)
    assert small > len(short)  # the count sees the parser's work
    assert large <= 1.1 * ratio * small, f"{name}: {small} calls, then {large} for {ratio:.1f}×"


@pytest.mark.parametrize("text", ["9" * 400, "1e400", "0." + "0" * 400 + "1", "1" + "0" * 309])
def test_enormous_numbers_are_refused_or_read(text: str) -> None:
    tree = outcome(text)
    if text in ("9" * 400, "1e400", "1" + "0" * 309):
        assert tree is None
        with pytest.raises(ExpressionError, match="too large"):
            parse(text)


# --- what parses survives the rest of the core, within a modest stack -----------------------

STACK_BUDGET = 350
"""Frames the whole core pipeline may use: the app calls it from deep inside Textual."""


@contextmanager
def stack_budget(frames: int) -> Iterator[None]:
    """Allow only ``frames`` more Python frames than the caller already uses."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + frames)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def whole_pipeline(text: str) -> None:
    """Everything the core does with typed text, short of TensorFlow."""
    tree = parse(text)
    to_source(tree)
    to_source(tree, tensorflow=True)
    names = variables_of(tree)
    samples = ([0.0, 1.0, -2.0], [3.0, 0.0, 0.5])
    evaluate_numpy(tree, **{n: samples[i % 2] for i, n in enumerate(names)})
    undefined_reason(tree, {n: (-2.0, 0.0)[i % 2] for i, n in enumerate(names)})


LONGEST = {
    "chain": "x-" * ((MAX_LENGTH - 1) // 2) + "x",
    "quotients": "x/" * ((MAX_LENGTH - 1) // 2) + "y",
    "parentheses": "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH,
    "calls": "log(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH,
    "powers": "x^" * MAX_DEPTH + "x",
    "negated logs": "log(-" * (MAX_DEPTH // 2) + "x" + ")" * (MAX_DEPTH // 2),
    "nested chains": "(x-" * MAX_DEPTH + "x" + ")" * MAX_DEPTH,
}


@pytest.mark.parametrize("name", sorted(LONGEST))
def test_longest_accepted_expressions_fit_a_modest_stack(name: str) -> None:
    text = LONGEST[name]
    assert len(text) <= MAX_LENGTH
    with stack_budget(STACK_BUDGET):
        whole_pipeline(text)


@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
@example("__class____class__sigmoid(")  # a long unknown name, shortened in the message
def test_whatever_parses_evaluates_without_raising(text: str) -> None:
    tree = outcome(text)
    if tree is not None:
        with stack_budget(STACK_BUDGET):
            whole_pipeline(text)
