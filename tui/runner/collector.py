"""The garbage collector waits while the explorer starts.

Starting makes objects that live as long as the app: Textual's modules and classes, the
widgets, their styles.  The cyclic collector's full passes over them were about a tenth
of the time to the first frame here.  ``tensortown`` pauses the collector before it
imports the app (:func:`pause`); the app resumes it once its first frame is on screen
(:func:`resume`), with what was made so far frozen out of its way (``gc.freeze``).
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Turn the collector off until :func:`resume` (if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what was made while paused and turn the collector back on.

    Does nothing unless :func:`pause` turned it off: an app started some other way (a
    test, a Pilot) leaves the collector as it found it.
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


def settle() -> None:
    """Give the frozen objects back to the collector and collect once (a full pass).

    Frozen, they keep the collector's full passes short, but its rule for when to make one
    (a quarter more long-lived objects than the last pass saw) then counts only the
    unfrozen few, and a full pass came with nearly every function switch.  The app calls
    this once its background warming is done, off the user's path; the charts it then
    prebuilds freeze the heap again, garbage collected (:func:`keep`).
    """
    gc.unfreeze()
    gc.collect()


def keep() -> None:
    """Something built to stay (a chart) was kept: freeze the heap out of full passes.

    TensorFlow, its traces and the charts are there for good; in the cyclic collector's
    full passes they made a pause in the middle of a frame.  The prebuilt charts come
    after the warming and :func:`settle`'s one full pass, so what is frozen last is the
    heap as it stays, its garbage collected.
    """
    gc.freeze()
