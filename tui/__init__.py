"""The TensorTown explorer: a Textual app over the core in :mod:`tensortown`.

Nothing here computes a derivative or draws a chart: the numbers come from
:mod:`tensortown.tape`, the pictures from :mod:`tensortown.chart`.  Importing this
package imports neither Textual nor TensorFlow; :func:`tui.app.run` opens the app.
"""

from __future__ import annotations
