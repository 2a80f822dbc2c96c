#!/usr/bin/env python3
"""Cold start: what one pre-commit run on one file costs, beside proselint on the same file.

  python benchmarks/cold_check.py [FILE] [--runs 7]

Runs `mtfix check FILE` and `proselint check FILE` as fresh processes, alternating, and reports
the median wall time and the peak RSS of each, and the ratio mtfix / proselint. Also reports what
`import mtfix` costs and which heavy modules it loads (it should load none).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._data import run_process  # noqa: E402
HEAVY = ("wordfreq", "lemminflect", "rapidfuzz", "sacremoses", "language_tool_python", "yaml", "numpy")


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process running this checkout."""
    return run_process(cmd, {**os.environ, "PYTHONPATH": str(ROOT)})


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "kaliningrad-mt.txt"))
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    cmds = {"mtfix": [sys.executable, "-m", "mtfix", "check", a.file]}
    if shutil.which("proselint"):
        cmds["proselint"] = [shutil.which("proselint"), "check", a.file]
    cmds["python -c pass"] = [sys.executable, "-c", "pass"]
    res: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
    for _ in range(a.runs):
        for name, cmd in cmds.items():
            res[name].append(run(cmd))
    med = {k: (statistics.median(t for t, _ in v), max(m for _, m in v)) for k, v in res.items()}
    for k, (t, m) in med.items():
        print(f"{k:16} {t * 1000:7.0f} ms  peak RSS {m:6.1f} MB")
    probe = ("import sys, time; t=time.perf_counter(); import mtfix; "
             "print(round((time.perf_counter()-t)*1000), ','.join(m for m in %r if m in sys.modules))" % (HEAVY,))
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout.split()
    print(f"import mtfix: {out[0]} ms; heavy modules loaded by the import: {out[1] if len(out) > 1 else 'none'}")
    ratio = med["mtfix"][0] / med["proselint"][0] if "proselint" in med else float("nan")
    print(f"RESULT mtfix_ms={med['mtfix'][0] * 1000:.0f} mtfix_rss_mb={med['mtfix'][1]:.1f} "
          f"proselint_ms={med.get('proselint', (float('nan'),))[0] * 1000:.0f} "
          f"proselint_rss_mb={med.get('proselint', (0, float('nan')))[1]:.1f} ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
