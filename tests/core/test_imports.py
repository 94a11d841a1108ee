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
        if "from tui" in text or "import tui" in text:
            offenders.append(str(path))
    assert offenders == []


def test_the_app_starts_without_numpy_plotext_or_tensorflow() -> None:
    """The first frame waits for none of them: they load in the background (and the
    gradient walk's modules with the first function of x and y)."""
    heavy = ("numpy", "plotext", "tensorflow", "tensortown.walk", "tui.widgets.walk_inputs")
    code = (
        "import sys, tui.app\n"
        "tui.app.TensorTownApp()  # its explorer screen, the runner's thread, the charts' store\n"
        f"print(','.join(m for m in {heavy!r} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("argv", [[], ["--ascii"], ["--no-color", "--ascii"]])
def test_the_bare_command_opens_the_explorer_without_numpy(argv: list[str]) -> None:
    """``tensortown`` reaches the app without importing the chart commands (and numpy)."""
    code = (
        "import gc, sys, tui.app\n"
        "def run(**options):\n"
        "    heavy = [m for m in ('numpy', 'plotext', 'tensorflow') if m in sys.modules]\n"
        "    print(','.join(heavy) + '|' + str(options['ascii_only']) + str(options['color']))\n"
        "    print('collector', gc.isenabled())  # paused until the first frame\n"
        "    options['runner'].stop(timeout=5)\n"
        "    return 0\n"
        "tui.app.run = run\n"
        "import tui.main\n"
        "tui.main._terminal = lambda fd: True  # as if in one: the app itself is replaced\n"
        f"sys.exit(tui.main.main({argv!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    options = f"|{'--ascii' in argv}{'--no-color' not in argv}"
    assert out.stdout.split() == [options, "collector", "False"]


def test_help_still_lists_every_subcommand() -> None:
    """The explorer's command line (``python -m tui`` is ``tensortown``) has every subcommand."""
    out = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("list", "grad", "walk", "explore", "plot", "field"):
        assert command in out.stdout, command


BLOCK_TEXTUAL = (
    "import sys\n"
    "for name in ('textual', 'tui', 'rich'):\n"
    "    sys.modules[name] = None  # as if not installed: importing it fails\n"
)


def test_the_core_command_line_works_without_textual_installed() -> None:
    """``python -m tensortown``: the scriptable subcommands, and no explorer to open."""
    code = BLOCK_TEXTUAL + (
        "from tensortown.cli import main\n"
        "status = main(['list'])\n"
        "print('status', status)\n"
        "main(['--help'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "pay" in out.stdout and "status 0" in out.stdout, out.stderr
    assert "    explore " not in out.stdout
    for command in ("list", "grad", "walk", "plot", "field"):
        assert command in out.stdout, command


def test_the_bare_core_command_says_where_the_explorer_is() -> None:
    code = BLOCK_TEXTUAL + "from tensortown.cli import main\nmain([])\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith("error: the explorer is the `tensortown` command")
    assert len(out.stderr.strip().splitlines()) == 1
