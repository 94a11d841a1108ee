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


def _points_file(directory: Path, count: int = POINTS) -> Path:
    """``count`` points of earnings, as a script would write them (three decimals)."""
    rng = np.random.default_rng(20)
    path = directory / f"points-{count}.csv"
    with path.open("w") as out:
        out.write("x,y\n")
        for start in range(0, count, POINTS):
            xy = rng.uniform(0, 50, (min(POINTS, count - start), 2)).round(3)
            out.write("".join(f"{x},{y}\n" for x, y in xy.tolist()))
    return path


def _peak_mb(argv: list[str]) -> float:
    """The peak resident memory of one process (``ru_maxrss`` of a child), in MB."""
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "TF_ENABLE_ONEDNN_OPTS": "0"}
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=True
    )
    return int(out.stdout.split()[-1]) / 1024


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
        many = _points_file(Path(tmp), 10 * POINTS)
        peaks = [
            _peak_mb([tensortown, "grad", "earnings", "--points", str(path), "--json"])
            for path in (points, many)
        ]
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
            "peak memory, grad --points on 10^6 points − on 10^5 (a block at a time)",
            value=peaks[1] - peaks[0],
            unit="MB",
            note=f"info: {peaks[0]:.0f} MB, then {peaks[1]:.0f} MB",
        ),
        row(
            "each further point of grad --points",
            value=per_point * 1e6,
            unit="µs",
            note="info",
        ),
    ]
