"""The project's import graph: no circles, and no module too long to read in one sitting.

The layers themselves are import-linter's contracts (``pyproject.toml``, run by
``make test``); these tests hold what a contract cannot say.
"""

from __future__ import annotations

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LONGEST = 420
"""Lines a module of tensortown/ or tui/ may have ("about 400")."""


def _cycle(graph: grimp.ImportGraph) -> list[str] | None:
    """One import circle among the graph's modules, or None."""
    modules = sorted(graph.modules)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if state.get(imported) == 1:
                return [*path[path.index(imported) :], imported]
            if imported not in state and (found := visit(imported)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in modules:
        if module not in state and (found := visit(module)):
            return found
    return None


def test_no_import_circle_among_the_projects_modules() -> None:
    """At run time: an import only for type checking (``TYPE_CHECKING``) is no circle."""
    graph = grimp.build_graph("tensortown", "tui", exclude_type_checking_imports=True)
    assert _cycle(graph) is None


def test_the_circle_finder_finds_a_circle() -> None:
    graph = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c"):
        graph.add_module(module)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    assert _cycle(graph) == ["a.b", "a.c", "a.b"]


@pytest.mark.parametrize("package", ["tensortown", "tui"])
def test_no_module_is_much_over_400_lines(package: str) -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / package).rglob("*.py"))
        if (lines := len(path.read_text().splitlines())) > LONGEST
    }
    assert long == {}
