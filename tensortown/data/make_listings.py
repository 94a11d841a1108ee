"""Write ``listings.csv``: TensorTown's apartments, their sizes and asking prices.

The prices follow the tutorial's f(x) = 2x + 500 (x in square feet) with seeded noise, as
real listings scatter around a trend: a line fitted to them comes out near w = 2 and
b = 500, but not exactly. ``python -m tensortown.data.make_listings`` writes the file
again; the seed makes it the same file (a test holds the shipped one to it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

SEED = 20261204
COUNT = 40
FILE = Path(__file__).with_name("listings.csv")


def listings(count: int = COUNT, seed: int = SEED) -> str:
    """The CSV text: a header, then ``size,price`` rows (whole square feet and dollars)."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(40, 161, count) * 10  # 400 to 1,600 square feet, in tens
    prices = np.rint(2.0 * sizes + 500.0 + rng.normal(0.0, 60.0, count)).astype(int)
    rows = "".join(f"{size},{price}\n" for size, price in zip(sizes, prices, strict=True))
    return "size,price\n" + rows


def main() -> int:
    FILE.write_text(listings())
    print(f"wrote {FILE} ({COUNT} listings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
