"""Textual's private names stay in tui/textual_patches, and the stock path still works.

The patches rely on Textual's internals, so they are used with the pinned Textual only;
any other version (or ``TENSORTOWN_STOCK_TEXTUAL=1``) takes Textual's own screen, Input
and Footer, and the acceptance walk must pass on that path too.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual")

import tui
from tui import textual_patches

TUI = Path(tui.__file__).parent
FENCE = TUI / "textual_patches"
HERE = Path(__file__).parent

PRIVATE = {
    "_handle_exception",
    "_bindings",
    "_on_key",
    "_restart_blink",
    "_dirty_regions",
    "_screen_resized",
    "_on_screen_resume",
    "_compositor",
    "_character_to_key",
    "_parse_cache",
    "_size",
    "_driver",
    "_check_action_state",
    "_modal_binding_chain",
    "_background_screens",
}
"""Private Textual names the explorer has used (or could reach for), beyond ``textual._…``."""


def _private_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "textual" and any(p.startswith("_") for p in parts[1:]):
                found.append(f"from {node.module} import")
            if parts[0] == "textual":
                found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("textual._")]
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            found.append(f".{node.attr}")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in PRIVATE:
            found.append(f"def {node.name}")
    return [f"{path.relative_to(TUI.parent)}: {use}" for use in found]


def test_textuals_private_names_are_used_only_in_the_fenced_package() -> None:
    uses = [
        use
        for path in sorted(TUI.rglob("*.py"))
        if FENCE not in path.parents
        for use in _private_uses(path)
    ]
    assert uses == []


def test_the_fence_is_where_the_private_names_are() -> None:
    """The scan finds what it looks for: the fenced package does use them."""
    uses = [use for path in sorted(FENCE.rglob("*.py")) for use in _private_uses(path)]
    assert any("_compositor" in use for use in uses)
    assert any("_on_key" in use for use in uses)


def test_pyproject_pins_the_textual_the_patches_are_written_for() -> None:
    pyproject = (TUI.parent / "pyproject.toml").read_text()
    assert f'"textual=={textual_patches.PINNED}"' in pyproject


def test_the_patches_apply_with_the_pinned_textual_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(textual_patches.STOCK, raising=False)
    monkeypatch.setattr(textual_patches, "installed_textual", lambda: textual_patches.PINNED)
    assert textual_patches._active()
    monkeypatch.setattr(textual_patches, "installed_textual", lambda: "8.2.9")
    assert not textual_patches._active()
    monkeypatch.setattr(textual_patches, "installed_textual", lambda: textual_patches.PINNED)
    monkeypatch.setenv(textual_patches.STOCK, "1")
    assert not textual_patches._active()


def test_on_the_stock_path_the_explorer_uses_textuals_own_parts() -> None:
    """Run in the stock process below: the screen, the Input and the footer are Textual's."""
    if textual_patches.ACTIVE:
        pytest.skip("runs with TENSORTOWN_STOCK_TEXTUAL=1 (see the test below)")
    from textual.screen import Screen
    from textual.widgets import Footer, Input

    from tui.explorer.base import ExplorerBase
    from tui.widgets.compact_input import CompactInput

    assert ExplorerBase.__mro__[1] is Screen
    assert CompactInput.__mro__[1] is Input
    assert isinstance(textual_patches.footer(), Footer)


def test_on_the_stock_path_a_bug_ends_the_app_with_status_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As Textual's own handler does: the traceback, and a failing exit status."""
    from textual.app import App

    monkeypatch.setattr(textual_patches, "ACTIVE", False)

    class Broken(App[int]):
        def on_mount(self) -> None:
            textual_patches.handle_exception(self, RuntimeError("a bug"))

    app = Broken()
    app.run(headless=True, size=(40, 10))
    assert app.return_code == 1


STOCK_TESTS = [
    f"{HERE / 'test_tui_app.py'}::test_acceptance_walk",
    f"{HERE / 'test_hardening_app.py'}::test_below_the_minimum_size_says_the_terminal_is_too_small",
    f"{Path(__file__)}::test_on_the_stock_path_the_explorer_uses_textuals_own_parts",
]
"""Run again on the stock path: the walk a person does, and the footer hidden when too small."""


@pytest.mark.slow
def test_the_acceptance_walk_passes_on_textuals_stock_path() -> None:
    env = {**os.environ, textual_patches.STOCK: "1"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-rs",
            *STOCK_TESTS,
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=TUI.parent,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert f"{len(STOCK_TESTS)} passed" in out.stdout, out.stdout[-2000:]
