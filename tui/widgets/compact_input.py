"""Textual's compact Input, created with the class its first value would give it."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class CompactInput(Input):
    """``Input(compact=True)`` without the restyle its first value costs.

    Textual's Input adds its ``-valid`` class when its first value is validated, and a
    class change restyles the input and its parts: about 2 ms an input, with up to ten
    in the sidebar at start-up.  Born with the class (with no validators an Input's value
    is always valid), the first value changes no class.
    """

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        classes = " ".join(filter(None, ["-valid", kwargs.pop("classes", None)]))
        super().__init__(value, classes=classes, compact=True, **kwargs)
