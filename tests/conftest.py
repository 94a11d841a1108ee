"""Shared test set-up: quiet TensorFlow, hypothesis profiles, one warmed backend."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# The expressions the tests apply are kept in a history of their own, not the person's.
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="tensortown-test-state-")
# And a key storm's x saves its views there, not in the checkout.
os.environ["TENSORTOWN_EXPORT_DIR"] = tempfile.mkdtemp(prefix="tensortown-test-exports-")

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "soak",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def tf():  # type: ignore[no-untyped-def]
    """TensorFlow, imported once for the whole session through the core's quiet loader."""
    from tensortown import backend

    return backend.tensorflow()
