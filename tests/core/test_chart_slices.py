"""Cross-sections: a slice's slope is the partial derivative the tape gives at the point."""

from __future__ import annotations

import numpy as np
import pytest

from tensortown import tape
from tensortown.catalogue import CATALOGUE, resolve
from tensortown.chart.curve import ChartError
from tensortown.chart.slices import slice_chart, slice_samples, slice_title

pytestmark = pytest.mark.usefixtures("tf")

EARNINGS = CATALOGUE["earnings"]


def test_titles_hold_the_other_variable() -> None:
    assert slice_title(EARNINGS, "x", {"x": 25.0, "y": 6.0}) == "f(x, 6)"
    assert slice_title(EARNINGS, "y", {"x": 25.0, "y": 6.0}) == "f(25, y)"


@pytest.mark.parametrize("along", ["x", "y"])
def test_the_slices_derivative_is_the_partial_derivative(along: str) -> None:
    point = {"x": 25.0, "y": 6.0}
    here = tape.derivative_at(EARNINGS, point)
    samples = slice_samples(EARNINGS, along, point, np.array([point[along]]))
    assert samples.values[0] == pytest.approx(here.value, rel=1e-6)
    assert samples.first[0] == pytest.approx(here.gradient[along], rel=1e-6)
    assert np.isnan(samples.second).all()


def test_slice_chart_draws_the_curve_through_the_point() -> None:
    point = {"x": 25.0, "y": 6.0}
    chart = slice_chart(EARNINGS, "y", point, 0.0, 20.0, 34, 9)
    text = chart.canvas.plain()
    assert "f(25, y)" in text and "compliments" in text
    # f(25, y) rises with y: the sampled values grow
    values = chart.panels[0].values
    assert np.all(np.diff(values) > 0)
    assert len(chart.panels) == 1


def test_slices_need_x_and_y() -> None:
    with pytest.raises(ChartError):
        slice_chart(CATALOGUE["pay"], "x", {"x": 1.0}, 0, 1, 34, 9)
    with pytest.raises(ChartError):
        slice_chart(resolve("x*y"), "z", {"x": 1.0, "y": 1.0}, 0, 1, 34, 9)
