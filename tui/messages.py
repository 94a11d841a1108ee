"""Messages the app's workers post back to the UI loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tensortown.chart.curve import CurveChart
    from tensortown.chart.field import FieldChart
    from tensortown.tape import Transcript
    from tui.state import Exploration


@dataclass
class BackendReady(Message):
    """TensorFlow is loaded (nothing traced yet: the first reading traces what it needs)."""

    seconds: float


@dataclass
class BackendFailed(Message):
    """TensorFlow could not be loaded, or its process ended; ``advice`` says what to do."""

    advice: str


@dataclass
class TranscriptRead(Message):
    """The tutorial's tape code at a point and what it printed."""

    exploration: Exploration
    transcript: Transcript


@dataclass
class ChartBuilt(Message):
    """A base chart (curve or field) for a function, range, size and theme."""

    key: tuple[object, ...]
    chart: CurveChart | FieldChart


@dataclass
class ChartFailed(Message):
    """The chart could not be drawn (too small, empty range, ...)."""

    key: tuple[object, ...]
    reason: str
