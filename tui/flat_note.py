"""The readout's note about flat tangents: where f′ is zero, at the cursor or on the chart.

f′ at the cursor comes from the tape's reading; the zeros elsewhere from the f′ panel's
samples (also from the tape), located by :func:`tensortown.flat.zero_crossings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tensortown.numbers import format_number
from tui.widgets.canvas_view import round_to_cell

if TYPE_CHECKING:
    from tensortown.catalogue import Function
    from tensortown.chart.curve import CurveChart

FLAT = 1e-6
"""|f′| at most this fraction of the largest |f′| on the chart counts as zero."""
LISTED = 3
"""Zeros named at most; more are counted."""


def flat_note(
    function: Function, point: dict[str, float], slope: float | None, chart: CurveChart | None
) -> str | None:
    """``flat tangent: f'(x) = 0 here``, where else f′ is zero (with an f′ panel), or None."""
    import numpy as np  # lazily: the first frame doesn't wait for numpy

    from tensortown.flat import nearest, zero_crossings

    symbol = function.symbols[0]
    x = point[symbol]
    name = f"f'({symbol})"
    slopes = chart.panels[1].values if chart is not None and len(chart.panels) > 1 else None
    scale = 1.0
    if slopes is not None and np.isfinite(slopes).any():
        scale = max(1.0, float(np.nanmax(np.abs(slopes))))
    if slope is not None and abs(slope) <= FLAT * scale:
        return f"flat tangent: {name} = 0 here"
    if chart is None or slopes is None:
        return None
    # The samples stop short of the range's ends; f′ there came in the same batch.  Pay's
    # f′ = x/2 is zero at 0 hours, the first end of its range.
    ends = [0.0 if abs(v) <= FLAT * scale else v for v in chart.panels[1].ends]
    g = chart.geometry.x
    zeros = zero_crossings(
        np.concatenate(([g.lo], chart.xs, [g.hi])), np.concatenate(([ends[0]], slopes, [ends[1]]))
    )
    cell = chart.geometry.x.cell_size

    def where(z: float) -> str:
        return f"{symbol} = {format_number(round_to_cell(z, cell / 3))}"

    closest = nearest(zeros, x)
    if closest is None:
        return f"{name} is never 0 on this range: no flat tangent"
    if abs(closest - x) <= cell / 2:
        return f"flat tangent here: {name} crosses 0 at {where(closest)}"
    if len(zeros) > LISTED:
        return f"{name} = 0 at {len(zeros)} places (nearest {where(closest)}): flat tangents"
    places = " and ".join(where(z) for z in zeros)
    return f"{name} = 0 at {places}: flat tangent{'s' if len(zeros) > 1 else ''} there"
