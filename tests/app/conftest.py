"""Set-up shared by the app's tests; the root conftest gives the one TensorFlow (``tf``).

Helper functions (``run_async``, ``settle``, ``readout``, ``hold_tensorflow``) live in
``tui_support.py`` beside this file, imported by name: pytest puts this folder on the path.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between a walk's or the lab's ticks (the animation has its own test)."""
    from tui import lab, walker

    monkeypatch.setattr(walker, "PACE", 0.0)
    monkeypatch.setattr(lab, "PACE", 0.0)
