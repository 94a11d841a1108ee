"""The optimizers' figures: four of TensorFlow's optimizers × 500 steps on earnings, in
one traced loop each (:mod:`tensortown.optimizers`), beside the same steps driven from
Python, one tape and one ``apply_gradients`` call at a time."""

from __future__ import annotations

from typing import Any

from bench.common import row, time_ms

STEPS = 500


def _python_driven(steps: int = STEPS) -> None:
    """The four optimizers as a script would first write them: eager, a call per step."""
    from tensortown import backend
    from tensortown.catalogue import CATALOGUE
    from tensortown.tree import to_tensorflow

    tf = backend.tensorflow()
    body = to_tensorflow(CATALOGUE["earnings"].expression)
    keras = tf.keras.optimizers
    for optimizer in (
        keras.SGD(0.1),
        keras.SGD(0.1, momentum=0.9),
        keras.RMSprop(0.1),
        keras.Adam(0.1),
    ):
        v = tf.Variable([25.0, 6.0])
        for _ in range(steps):
            with tf.GradientTape() as tape:
                value = body(x=v[0], y=v[1])
            optimizer.apply_gradients([(-tape.gradient(value, v), v)])


def run() -> list[dict[str, Any]]:
    """Traced against Python-driven, the same 4 × 500 steps."""
    from tensortown.catalogue import CATALOGUE
    from tensortown.optimizers import optimize_all

    earnings = CATALOGUE["earnings"]
    start = {"x": 25.0, "y": 6.0}
    traced = time_ms(lambda: optimize_all(earnings, start, steps=STEPS, ascent=True), 15)
    driven = time_ms(_python_driven, 3, warmup=1)
    return [
        row(
            f"4 optimizers × {STEPS} steps, a traced loop each (walk --optimizer all)",
            traced,
            goal=150,
        ),
        row(f"the same 4 × {STEPS} steps driven from Python, a call per step", driven, note="info"),
    ]
