"""Script figures: ``grad --points`` on 10^5 points, from process start to its last line,
against TensorFlow's import alone and one ``grad``, each in a fresh process, in turn."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import row

POINTS = 10**5
RUNS = 5


def _points_file(directory: Path) -> Path:
    """10^5 points of earnings, as a script would write them (three decimals)."""
    rng = np.random.default_rng(20)
    path = directory / "points.csv"
    xy = rng.uniform(0, 50, (POINTS, 2)).round(3)
    path.write_text("x,y\n" + "".join(f"{x},{y}\n" for x, y in xy.tolist()))
    return path


def _seconds(argv: list[str], output: Path | None = None) -> float:
    """Wall time of one process, start to exit, its output to ``output`` (or nowhere)."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}
    with open(output or os.devnull, "wb") as sink:
        start = time.perf_counter()
        subprocess.run(argv, stdout=sink, stderr=subprocess.DEVNULL, env=env, check=True)
        return time.perf_counter() - start


def run() -> list[dict[str, Any]]:
    """The batch's figures: whole processes, so the import is counted as a user pays it."""
    tensortown = str(Path(sys.executable).parent / "tensortown")
    found: dict[str, list[float]] = {"import": [], "points": [], "one": []}
    with tempfile.TemporaryDirectory() as tmp:
        points = _points_file(Path(tmp))
        result = Path(tmp) / "out.jsonl"
        commands = {
            "import": [sys.executable, "-c", "import tensorflow"],
            "points": [tensortown, "grad", "earnings", "--points", str(points), "--json"],
            "one": [tensortown, "grad", "earnings", "--at", "25,6", "--json"],
        }
        for _ in range(RUNS):
            for name, argv in commands.items():
                found[name].append(_seconds(argv, result if name == "points" else None))
        lines = result.read_text().count("\n")
    if lines != POINTS:
        raise RuntimeError(f"grad --points wrote {lines} lines for {POINTS} points")
    imported = statistics.median(found["import"])
    per_point = (statistics.median(found["points"]) - statistics.median(found["one"])) / POINTS
    return [
        row("TensorFlow's import alone (python -c, same runs)", found["import"], unit="s"),
        row(
            "grad --points, 10^5 points (process start → last line)",
            found["points"],
            unit="s",
            goal=imported + 1.0,
            goal_text=f"≤ import + 1 s ({imported + 1.0:.2f} s)",
        ),
        row("one grad --json (process start → exit)", found["one"], unit="s", note="info"),
        row(
            "each further point of grad --points",
            value=per_point * 1e6,
            unit="µs",
            note="info",
        ),
    ]
