"""Terminal charts of the core: the curve (with f′, f″ panels) and the gradient field.

Pure of Textual; plotext and TensorFlow are imported only when a chart is built.
"""

from __future__ import annotations

from tensortown.chart.canvas import Canvas, Style
from tensortown.chart.curve import ChartError, CurveChart, CurveLabels, build_curve
from tensortown.chart.field import FieldChart, FieldLabels, build_field
from tensortown.chart.geometry import Axis, PlotGeometry
from tensortown.chart.theme import DARK, LIGHT, Theme

__all__ = [
    "DARK",
    "LIGHT",
    "Axis",
    "Canvas",
    "ChartError",
    "CurveChart",
    "CurveLabels",
    "FieldChart",
    "FieldLabels",
    "PlotGeometry",
    "Style",
    "Theme",
    "build_curve",
    "build_field",
]
