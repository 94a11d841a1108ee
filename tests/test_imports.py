"""The core stays light: importing it loads neither TensorFlow nor Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "tensortown",
    "tensortown.catalogue",
    "tensortown.expression",
    "tensortown.numbers",
    "tensortown.tape",
    "tensortown.backend",
    "tensortown.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_neither_tensorflow_nor_textual(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in ('tensorflow', 'textual', 'tui') if m in sys.modules); "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_no_core_source_mentions_textual() -> None:
    from pathlib import Path

    import tensortown

    root = Path(tensortown.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        text = path.read_text()
        if "import textual" in text or "from textual" in text:
            offenders.append(str(path))
        if "from tui" in text and path.name != "cli.py":  # the command opens the app lazily
            offenders.append(str(path))
    assert offenders == []


def test_the_app_starts_without_numpy_plotext_or_tensorflow() -> None:
    """The first frame waits for none of them: they load in the background."""
    code = (
        "import sys, tui.app; "
        "print(','.join(m for m in ('numpy', 'plotext', 'tensorflow') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
