"""``python -m bench``: run every benchmark, print one table, keep it as JSON in bench/results/."""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

MODULES = (
    "bench.core",
    "bench.charts",
    "bench.optimizers",
    "bench.scripts",
    "bench.app",
    "bench.restart",
)
RESULTS = Path(__file__).parent / "results"


def machine() -> str:
    """A line naming the machine the numbers came from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    # The interpreter's build moves every start-up figure by a quarter (see the Makefile).
    base = getattr(sys, "_base_executable", sys.executable)
    python = f"Python {platform.python_version()} ({os.path.realpath(base)})"
    return f"{cpu}, {os.cpu_count()} cores, {python}, {platform.system()}"


def _format(value: Any, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "KB":
        return f"{value:.2f} KB"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "µs":
        return f"{value:.2f} µs"
    if unit == "s":
        return f"{value:.2f} s"
    return f"{value:.3f} ms" if value < 10 else f"{value:.1f} ms"


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table (the README shows it)."""
    lines = [
        "| figure | median | p95 | goal | holds |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        holds = {True: "yes", False: "**no**", None: "-"}[r["ok"]]
        note = f" ({r['note']})" if r.get("note") else ""
        lines.append(
            f"| {r['figure']}{note} | {_format(r['median'], r['unit'])} | "
            f"{_format(r['p95'], r['unit'])} | {r['goal']} | {holds} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark modules named in ``argv`` (all by default)."""
    from bench.core import steady_allocator

    names = argv if argv else list(MODULES)
    steady_allocator()
    rows: list[dict[str, Any]] = []
    for name in names:
        module_name = name if name.startswith("bench.") else f"bench.{name}"
        print(f"running {module_name} …", file=sys.stderr, flush=True)
        module = importlib.import_module(module_name)
        rows.extend(module.run())
    text = table(rows)
    print(f"\nMachine: {machine()}\n")
    print(text)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y-%m-%dT%H-%M-%S")
    payload = {"machine": machine(), "when": stamp, "rows": rows}
    for path in (RESULTS / f"bench-{stamp}.json", RESULTS / "latest.json"):
        path.write_text(json.dumps(payload, indent=2))
    print(f"\nwritten to {RESULTS / 'latest.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
