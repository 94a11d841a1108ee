"""The TensorTown explorer: a Textual app over the core in :mod:`tensortown`.

Nothing here computes a derivative or draws a chart: the numbers come from
:mod:`tensortown.tape`, the pictures from :mod:`tensortown.chart`.  Importing this
package imports neither Textual nor TensorFlow; :func:`tui.main.main` is the `tensortown` command.
"""

from __future__ import annotations

import os

# Textual paces screen updates at TEXTUAL_FPS (60 by default), so a key's numbers waited
# for the next slot; an update takes far less than a slot, so the explorer asks for more
# of them.  A value set in the environment wins; Textual reads it once, on import.
os.environ.setdefault("TEXTUAL_FPS", "240")
