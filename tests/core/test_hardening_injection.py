"""Hardening: text that tries to run code is refused with a clear message, and runs nothing.

Each attempt goes through the parser (and, via the catalogue, the way the app and
the command line take a typed function) while an audit hook records every import,
``compile``/``exec``, file ``open``, ``os.system`` and subprocess in this thread.
The attempts that name a sentinel file would create it if they ran.
"""

from __future__ import annotations

import builtins
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tensortown.catalogue import resolve
from tensortown.expression import (
    CONSTANTS,
    FUNCTIONS,
    Call,
    ExpressionError,
    Name,
    Number,
    is_variable,
    parse,
)
from tensortown.tree import (
    evaluate_numpy,
    walk,
)

WATCHED_EVENTS = ("import", "compile", "exec", "open", "os.", "subprocess.", "shutil.", "socket.")
"""Audit events that mean code ran, a module loaded or the outside world was touched."""

_recording = threading.local()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    log = getattr(_recording, "log", None)
    if log is not None and event.startswith(WATCHED_EVENTS):
        log.append((event, repr(args)[:200]))


sys.addaudithook(_audit)  # hooks can't be removed; it records only inside `recording()`


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """Collect the watched audit events raised by this thread inside the block."""
    log: list[tuple[str, str]] = []
    _recording.log = log
    try:
        yield log
    finally:
        _recording.log = None


SENTINEL = "tensortown-injected"
"""The file name an attempt would create; ``{s}`` in an attempt is its full path."""

ATTEMPTS: list[tuple[str, str]] = [
    ("__import__('os')", "unknown function '__import__'"),
    ("__import__('os').system('touch {s}')", "unknown function '__import__'"),
    ("__import__('pathlib').Path('{s}').touch()", "unknown function '__import__'"),
    ("x.__class__", "attributes are not allowed"),
    ("().__class__.__bases__", "unexpected ')'"),
    ("().__class__.__base__.__subclasses__()", "unexpected ')'"),
    ("open('{s}', 'w')", "unknown function 'open'"),
    ("open('{s}')", "unknown function 'open'"),
    ("lambda: 1", "unknown name 'lambda'"),
    ("lambda x: x", "unknown name 'lambda'"),
    ("[x for x in y]", "unexpected character '['"),
    ("x if y else 1", "unexpected name 'if'"),
    ('exec(\'open("{s}", "w")\')', "unknown function 'exec'"),
    ("exec", "unknown name 'exec'"),
    ("eval('1')", "unknown function 'eval'"),
    ("compile('1', 'f', 'eval')", "unknown function 'compile'"),
    ("globals()", "unknown function 'globals'"),
    ("locals()", "unknown function 'locals'"),
    ("vars()", "unknown function 'vars'"),
    ("(y := 2)", "unexpected character ':'"),
    ("x := 2", "unexpected character ':'"),
    ("f'{x}'", 'unexpected character "\'"'),
    ('f\'{open("{s}", "w")}\'', 'unexpected character "\'"'),
    ("x @ y", "use * to multiply"),
    ("x.numpy()", "attributes are not allowed"),
    ("sin(x).numpy()", "attributes are not allowed"),
    ("sin.__globals__", "needs parentheses"),
    ("tf.math.exp(x)", "unknown name 'tf'"),
    ("np.exp(x)", "unknown name 'np'"),
    ("os.system('touch {s}')", "unknown name 'os'"),
    ("getattr(x, 'real')", "unknown function 'getattr'"),
    ("breakpoint()", "unknown function 'breakpoint'"),
    ("__builtins__", "unknown name '__builtins__'"),
    ("import os", "unknown name 'import'"),
    ("x; import os", "unexpected character ';'"),
    ("x\nimport os", "unexpected name 'import'"),
    ("x # comment", "unexpected character '#'"),
    ("'x'", "unexpected character"),
    ('"x"', "unexpected character"),
    ("x[0]", "unexpected character '['"),
    ("{}", "unexpected character '{'"),
    ("x, y", "use . for decimals"),
    ("*x", "unexpected '*'"),
    ("**x", "unexpected '**'"),
    ("x or y", "unexpected name 'or'"),
    ("not x", "unknown name 'not'"),
    ("x == y", "unexpected character '='"),
    ("x < y", "unexpected character '<'"),
    ("sin(x)(y)", "unexpected '('"),
    ("log.__call__(x)", "needs parentheses"),
    ("exp(x).__class__.__mro__", "attributes are not allowed"),
    ("\\x00", "unexpected character"),
    ("x\x00", "unexpected character U+0000"),
    ("sys.exit(1)", "unknown name 'sys'"),
    ("quit()", "unknown function 'quit'"),
]


def _fill(attempt: str, sentinel: Path) -> str:
    return attempt.replace("{s}", str(sentinel))


@pytest.fixture
def sentinel(tmp_path: Path) -> Iterator[Path]:
    """A path no attempt may create; checked after the test."""
    path = tmp_path / SENTINEL
    yield path
    assert not path.exists(), "an attempt created the sentinel file"


@pytest.mark.parametrize(("attempt", "message"), ATTEMPTS, ids=[a for a, _ in ATTEMPTS])
def test_attempt_is_refused_clearly_and_runs_nothing(
    attempt: str, message: str, sentinel: Path
) -> None:
    text = _fill(attempt, sentinel)
    builtins_before = dict(vars(builtins))
    modules_before = set(sys.modules)
    with recording() as events:
        with pytest.raises(ExpressionError) as parsed:
            parse(text)
        with pytest.raises(ExpressionError) as resolved:
            resolve(text)
    error = parsed.value
    assert message in error.message, error.message
    assert isinstance(error.column, int) and 1 <= error.column <= len(text)
    assert str(resolved.value) == str(error)
    assert "Traceback" not in str(error)
    assert events == []
    assert set(sys.modules) == modules_before
    assert dict(vars(builtins)) == builtins_before


def test_the_audit_hook_would_see_an_attempt_that_ran(sentinel: Path) -> None:
    """The hook is not blind: really running an attempt is seen (and creates the file)."""
    with recording() as events:
        exec(_fill("open('{s}', 'w').close()", sentinel))  # the control, run on purpose
    assert any(event == "open" for event, _ in events)
    assert any(event == "exec" or event == "compile" for event, _ in events)
    assert sentinel.exists()
    sentinel.unlink()


# --- what is accepted holds only allow-listed pieces ------------------------------------

PIECES = [
    *"xy+-*/^() ",
    "**",
    "2",
    "0.5",
    "pi",
    "e",
    *FUNCTIONS,
    "__import__",
    "os",
    ".",
    "'",
    ",",
    "lambda",
    "[",
    "]",
    ":",
    "=",
    "__class__",
    "open",
    "exec",
]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_accepted_trees_hold_only_allow_listed_names(text: str) -> None:
    with recording() as events:
        try:
            tree = parse(text)
        except ExpressionError:
            tree = None
        if tree is not None:
            evaluate_numpy(tree, x=1.5, y=-0.5)
    assert events == []
    if tree is None:
        return
    for node in walk(tree):
        if isinstance(node, Call):
            assert node.function in FUNCTIONS
        elif isinstance(node, Name):
            assert is_variable(node.name)
        elif isinstance(node, Number):
            assert isinstance(node.value, float)
            assert node.text in CONSTANTS or node.text[0].isdigit() or node.text[0] == "."


DANGEROUS_BUILTINS = {
    "eval", "exec", "compile", "open", "__import__", "getattr", "setattr", "delattr",
    "globals", "locals", "vars", "input", "breakpoint", "help", "exit", "quit",
}  # fmt: skip


def test_the_allow_list_names_only_tensorflow_math() -> None:
    """Every allowed function resolves to one attribute of ``tf.math`` or ``tf.nn``."""
    for name, spec in FUNCTIONS.items():
        assert name.isidentifier() and not name.startswith("_")
        module, _, op = spec.tf_path.partition(".")
        assert module in ("math", "nn") and op.isidentifier() and "." not in op, spec.tf_path
        assert name not in DANGEROUS_BUILTINS


def test_compiled_tensorflow_function_runs_no_code(tf: Any) -> None:
    """Compiling and running an accepted tree imports, opens and executes nothing."""
    from tensortown.tree import (
        to_tensorflow,
    )

    tree = parse("softplus(x) * log(y + 2) - relu(-x) / sqrt(abs(y) + 1) + 2pi^sigmoid(x)")
    to_tensorflow(tree)  # first call may import tensortown.backend; it is preloaded by `tf`
    with recording() as events:
        result = to_tensorflow(tree)(x=tf.constant(1.5), y=tf.constant(-0.5))
    assert events == []
    assert float(result) == pytest.approx(float(evaluate_numpy(tree, x=1.5, y=-0.5)), rel=1e-5)
