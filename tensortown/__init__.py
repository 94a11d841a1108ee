"""TensorTown: derivatives and gradients from tf.GradientTape, explored in a terminal.

Importing this package loads neither TensorFlow nor Textual: TensorFlow is
imported lazily by :mod:`tensortown.backend` when a derivative is first needed.
"""

from __future__ import annotations

__version__ = "0.1.0"
