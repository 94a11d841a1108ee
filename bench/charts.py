"""Chart figures: build a curve, draw the cursor over it, compute and render a field."""

from __future__ import annotations

from typing import Any

from bench.common import row, time_ms


def run() -> list[dict[str, Any]]:
    """Curve build at 200×50 (and at a new zoomed range), the cursor overlay on the cached
    chart, the field at 200×60."""
    from tensortown import tape, view
    from tensortown.catalogue import CATALOGUE
    from tensortown.chart.render import curve_chart, field_chart
    from tensortown.chart.theme import Theme

    pay, earnings = CATALOGUE["pay"], CATALOGUE["earnings"]
    tape.warm(pay)
    theme = Theme()
    rows = []
    build = time_ms(lambda: curve_chart(pay, 0, 60, 200, 50, theme), 40)
    rows.append(row("chart build 200×50 (tape + plotext + frame)", build, goal=25))
    zooms = {"i": 0}

    def zoom_step() -> None:
        """A ``+`` at a cursor never zoomed around before: a range never built, no cache."""
        zooms["i"] += 1
        lo, hi = view.zoom(0, 60, (zooms["i"] * 0.618) % 60, 2)
        curve_chart(pay, lo, hi, 200, 50, theme)

    zoomed = time_ms(zoom_step, 40)
    rows.append(row("zoom step: chart build at a 2× zoomed range 200×50", zoomed, goal=25))
    panels = time_ms(lambda: curve_chart(pay, 0, 60, 200, 50, theme, derivatives=2), 30)
    rows.append(row("chart build 200×50 with f′ and f″ panels", panels))

    chart = curve_chart(pay, 0, 60, 200, 50, theme, derivatives=1)
    g = chart.geometry
    columns = list(range(g.left, g.left + g.width))
    state = {"i": 0}

    reach = max(8, g.width // 4)  # as the explorer draws them

    def overlay() -> None:
        """The explorer's cursor move: the cursor, the markers, the tangent and the secant
        to a point of the curve three columns on."""
        column = columns[state["i"] % (len(columns) - 3)]
        state["i"] += 1
        sample, further = chart.column_sample(column), chart.column_sample(column + 3)
        assert sample is not None and further is not None
        x, value, slope, second = sample
        secant = (further[0], further[1])
        chart.with_cursor(x, value, slope, second=second, reach=reach, secant=secant)

    rows.append(
        row("cursor + markers + tangent + secant on cached chart", time_ms(overlay, 500), goal=1)
    )
    field = time_ms(lambda: field_chart(earnings, (0, 60), (0, 20), 200, 60, theme), 30)
    rows.append(row("field 200×60, tape + render", field, goal=30))
    cached = field_chart(earnings, (0, 60), (0, 20), 200, 60, theme)
    rows.append(
        row("field cursor on cached field", time_ms(lambda: cached.with_cursor(25, 6), 500))
    )
    return rows


if __name__ == "__main__":
    for line in run():
        print(line)
