#!/usr/bin/env python3
"""`mtfix check --jobs N` against `--jobs 1` on many files: same output, and how much faster.

  python benchmarks/jobs.py [--files 400] [--jobs 2] [--runs 3] [--command check]

Writes FILES text files (paragraphs of the seed article, shuffled per file), runs `mtfix check
-r DIR --jobs 1` and `--jobs N` alternately as fresh processes, and reports wall and CPU time
(CPU of the process and its workers) of the best run of each, whether the outputs are
byte-identical, and the machine's load average (the cores may be shared with other work: the
wall-time gain is bounded by the idle cores, the CPU time shows the pool's own overhead).
Ends with `RESULT identical=0|1 speedup=... jobs1_wall=... jobsN_wall=... jobs1_cpu=... jobsN_cpu=... load=...`.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kaliningrad-mt.txt"


def run(cmd: list[str]) -> tuple[float, float, bytes]:
    t0 = time.perf_counter()
    before = os.times()
    out = subprocess.run(cmd, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return time.perf_counter() - t0, cpu, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--command", default="check", choices=["check", "fix", "score"])
    a = ap.parse_args()
    paras = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(13)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(a.files):
            Path(tmp, f"doc{k:04d}.txt").write_text("\n\n".join(rng.sample(paras, 3)) + "\n", encoding="utf-8")
        base = [sys.executable, "-m", "mtfix", a.command, "-r", tmp]
        best: dict[int, tuple[float, float]] = {}
        outs: dict[int, bytes] = {}
        for _ in range(a.runs):
            for n in (1, a.jobs):
                wall, cpu, out = run([*base, "--jobs", str(n)])
                outs.setdefault(n, out)
                if out != outs[n]:
                    raise SystemExit("output differs between two runs with the same --jobs")
                if n not in best or wall < best[n][0]:
                    best[n] = (wall, cpu)
    identical = outs[1] == outs[a.jobs]
    load = os.getloadavg()[0]
    for n, (wall, cpu) in best.items():
        print(f"--jobs {n}: {wall:6.2f} s wall  {cpu:6.2f} s CPU  ({a.files} files, best of {a.runs})")
    print(f"outputs identical: {identical} ({len(outs[1])} bytes); load average {load:.2f} on {os.cpu_count()} cores")
    print(f"RESULT identical={int(identical)} speedup={best[1][0] / best[a.jobs][0]:.2f} "
          f"jobs1_wall={best[1][0]:.2f} jobs{a.jobs}_wall={best[a.jobs][0]:.2f} "
          f"jobs1_cpu={best[1][1]:.2f} jobs{a.jobs}_cpu={best[a.jobs][1]:.2f} load={load:.2f}")


if __name__ == "__main__":
    main()
