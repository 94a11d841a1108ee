"""The quiet TensorFlow import: no collector passes over it, and its objects frozen after.

Each case runs in a fresh interpreter, where TensorFlow is not imported yet.
"""

from __future__ import annotations

import os
import subprocess
import sys


def _run(code: str, **env: str) -> list[str]:
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", **env}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
    )
    return out.stdout.split()


def test_the_import_runs_without_the_collector_and_is_frozen_after() -> None:
    code = (
        "import gc, sys\n"
        "from tensortown import backend\n"
        "seen = []\n"
        "def spy(phase, info):\n"
        "    if phase == 'start' and 'tensorflow' in sys.modules and not backend.is_loaded():\n"
        "        seen.append(info['generation'])\n"
        "gc.callbacks.append(spy)\n"
        "before = gc.get_freeze_count()\n"
        "backend.tensorflow()\n"
        "gc.callbacks.remove(spy)\n"
        "print(len(seen), gc.isenabled(), gc.get_freeze_count() - before)\n"
    )
    passes, enabled, frozen = _run(code)
    assert passes == "0"  # no collection while TensorFlow was importing
    assert enabled == "True"  # the collector is back on afterwards
    assert int(frozen) > 100_000  # the import's objects are out of the collector's way


def test_a_disabled_collector_stays_disabled() -> None:
    code = (
        "import gc\n"
        "from tensortown import backend\n"
        "gc.disable()\n"
        "backend.tensorflow()\n"
        "print(gc.isenabled())\n"
    )
    assert _run(code) == ["False"]


def test_a_failed_import_turns_the_collector_back_on_and_freezes_nothing() -> None:
    code = (
        "import gc, sys\n"
        "sys.modules['tensorflow'] = None  # makes `import tensorflow` raise ImportError\n"
        "from tensortown import backend\n"
        "try:\n"
        "    backend.tensorflow()\n"
        "except backend.BackendUnavailable:\n"
        "    print('unavailable', gc.isenabled(), gc.get_freeze_count())\n"
    )
    assert _run(code) == ["unavailable", "True", "0"]


def test_a_failed_import_is_not_tried_again() -> None:
    """A half-imported TensorFlow imported again can abort in native code: the same
    advice comes back instead, and the import is not run a second time."""
    code = (
        "import sys\n"
        "class Finder:\n"
        "    tries = 0\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'tensorflow':\n"
        "            Finder.tries += 1\n"
        "            raise ImportError('a broken install')\n"
        "sys.meta_path.insert(0, Finder())\n"
        "from tensortown import backend\n"
        "said = []\n"
        "for _ in range(2):\n"
        "    try:\n"
        "        backend.tensorflow()\n"
        "    except backend.BackendUnavailable as error:\n"
        "        said.append(str(error))\n"
        "print(Finder.tries, len(said), said[0] == said[1], 'a broken install' in said[0])\n"
    )
    assert _run(code) == ["1", "2", "True", "True"]


def test_tensorflow_works_after_the_freeze() -> None:
    code = (
        "import gc\n"
        "from tensortown import backend\n"
        "tf = backend.tensorflow()\n"
        "x = tf.Variable(3.0)\n"
        "with tf.GradientTape() as tape:\n"
        "    y = x * x\n"
        "gc.collect()\n"
        "print(tape.gradient(y, x).numpy())\n"
    )
    assert _run(code) == ["6.0"]


def test_keras_is_left_out_of_the_import_and_still_loads_on_request() -> None:
    """TensorFlow imports Keras eagerly (only to register its optimizers); TensorTown
    never uses it, so it is kept out while TensorFlow imports, and not blocked after."""
    code = (
        "import sys\n"
        "from tensortown import backend\n"
        "tf = backend.tensorflow()\n"
        "print('keras' in sys.modules, 'tf_keras' in sys.modules)\n"
        "print(tf.keras.layers.Dense.__name__)\n"
    )
    assert _run(code) == ["False", "False", "Dense"]


def test_a_keras_imported_before_is_left_alone() -> None:
    code = (
        "import sys, keras\n"
        "from tensortown import backend\n"
        "backend.tensorflow()\n"
        "print(sys.modules['keras'] is keras)\n"
    )
    assert _run(code) == ["True"]
