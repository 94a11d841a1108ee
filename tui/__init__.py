"""The TensorTown explorer: a Textual app over the core in :mod:`tensortown`.

Nothing here computes a derivative or draws a chart: the numbers come from
:mod:`tensortown.tape`, the pictures from :mod:`tensortown.chart`.  Importing this
package imports neither Textual nor TensorFlow; :func:`tui.main.main` is the `tensortown` command.
"""

from __future__ import annotations

import os

# Textual paces screen updates at TEXTUAL_FPS (60 by default): a key's numbers waited up
# to 17 ms for the next slot.  An update is a few milliseconds now, so the explorer asks
# for slots every 4 ms (about 1 ms off a cursor move's median in `make bench`); a value
# set in the environment wins.  Textual reads it once, when it is first imported.
os.environ.setdefault("TEXTUAL_FPS", "240")
