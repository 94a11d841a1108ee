"""Flat tangents: the zeros of f′ among its samples."""

from __future__ import annotations

import numpy as np
import pytest

from tensortown.flat import nearest, zero_crossings


def test_crossings_of_a_cubics_derivative() -> None:
    xs = np.linspace(-3, 3, 301) + 0.005
    found = zero_crossings(xs, 3 * xs**2 - 3)  # f = x³ − 3x
    assert found == pytest.approx([-1.0, 1.0], abs=1e-4)


def test_an_exact_zero_sample_counts_once() -> None:
    xs = np.array([-1.0, 0.0, 1.0])
    assert zero_crossings(xs, xs / 2) == [0.0]


def test_gaps_and_jumps_are_not_zeros() -> None:
    xs = np.linspace(-1, 1, 40)
    assert zero_crossings(xs, np.sign(xs)) == []  # |x|: f′ jumps from −1 to 1
    values = -1 / xs**2
    assert zero_crossings(xs, values) == []
    broken = np.array([1.0, np.nan, -1.0])
    assert zero_crossings(np.array([0.0, 1.0, 2.0]), broken) == []


def test_nearest() -> None:
    assert nearest([-1.0, 1.0], 0.7) == 1.0
    assert nearest([], 0.7) is None
