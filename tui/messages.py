"""Messages posted to the explorer's screen by its workers and the command palette (a
widget's own messages are nested classes of that widget; the walker's is in its module)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tensortown.inside import Inside
    from tensortown.results import Transcript
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
class BackendRestarting(Message):
    """TensorFlow's process is being started again (``why``: it died, or a job was
    abandoned); TensorFlow is to be loaded again."""

    why: str


@dataclass
class TranscriptRead(Message):
    """The tutorial's tape code at a point and what it printed."""

    exploration: Exploration
    transcript: Transcript


@dataclass
class InsideRead(Message):
    """The tape's inside at a point: the tree, each node's value and ∂f/∂node."""

    exploration: Exploration
    inside: Inside


@dataclass
class FunctionChosen(Message):
    """A function was chosen from the command palette (``""``: the person's own expression)."""

    key: str
