#!/usr/bin/env python3
"""What a pre-commit run on one file costs: first run (empty cache directory) and warm run of
`mtfix check FILE` beside `proselint check FILE`, fresh processes, alternated.

  python benchmarks/startup.py [FILE] [--runs 7] [--mtfix 'CMD ...'] [--check-args '--ignore MT801']

--mtfix: how to start mtfix (default: this checkout, `python -m mtfix` with PYTHONPATH set). To
measure a non-editable install: `python -m venv /tmp/v && /tmp/v/bin/pip install .` then
`--mtfix /tmp/v/bin/mtfix`. "First run" gives every run a new, empty MTFIX_CACHE_DIR; "warm"
shares one that an earlier run filled. Reports median wall time and the largest peak RSS, the
ratios to proselint, and (in one more process of the same mtfix) how much of a warm run is the
language model's loading (mtfix.lm, owned by issue 11) and the phrase matcher's compiling.
Ends with `RESULT first_ratio=... warm_ratio=... warm_rss_mb=... lm_ms=... ...`.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks._data import run_process as run  # noqa: E402
PROBE = """
import sys, time
t0 = time.perf_counter()
import mtfix
from mtfix import lm
from mtfix.checks import phrases
from mtfix.ruledata import registry
t1 = time.perf_counter(); reg = registry()
t2 = time.perf_counter(); phrases.compiled(reg)
t3 = time.perf_counter(); lm.language_model(); lm.model()
t4 = time.perf_counter(); mtfix.check(open(sys.argv[1], encoding="utf-8").read())
t5 = time.perf_counter()
print(*(round(x * 1000) for x in (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default=str(ROOT / "examples" / "kaliningrad-mt.txt"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--mtfix", help="command that starts mtfix (default: this checkout)")
    ap.add_argument("--check-args", default="", help="extra arguments of `mtfix check`, e.g. "
                    "'--ignore MT801' to see the run without the language model (issue 11)")
    a = ap.parse_args()
    env = {**os.environ}
    if a.mtfix:
        mtfix = shlex.split(a.mtfix)
        env.pop("PYTHONPATH", None)
    else:
        mtfix = [sys.executable, "-m", "mtfix"]
        env["PYTHONPATH"] = str(ROOT)
    check = ["check", *shlex.split(a.check_args)]
    prose = shutil.which("proselint")
    if not prose:
        raise SystemExit("proselint is not installed (pip install proselint): it is the baseline")
    res: dict[str, list[tuple[float, float]]] = {"mtfix first run": [], "mtfix warm": [], "proselint": []}
    with tempfile.TemporaryDirectory() as tmp:
        warm_env = {**env, "MTFIX_CACHE_DIR": str(Path(tmp) / "warm")}
        run([*mtfix, *check, a.file], warm_env)   # fills the warm cache
        for k in range(a.runs):
            first_env = {**env, "MTFIX_CACHE_DIR": str(Path(tmp) / f"first{k}")}
            res["mtfix first run"].append(run([*mtfix, *check, a.file], first_env))
            res["proselint"].append(run([prose, "check", a.file], env))
            res["mtfix warm"].append(run([*mtfix, *check, a.file], warm_env))
        py = [sys.executable] if not a.mtfix else [str(Path(mtfix[0]).with_name("python"))]
        # From a neutral folder: `python -c` puts the working directory first on sys.path.
        probe = subprocess.run([*py, "-c", PROBE, os.path.abspath(a.file)], capture_output=True, text=True,
                               env=warm_env, cwd=tmp if a.mtfix else None)
    med = {k: (statistics.median(t for t, _ in v), max(m for _, m in v)) for k, v in res.items()}
    base = med["proselint"][0]
    for k, (t, m) in med.items():
        print(f"{k:16} {t * 1000:7.0f} ms  peak RSS {m:6.1f} MB  ({t / base:.2f}x proselint)")
    parts = probe.stdout.split()
    if len(parts) == 5:
        names = ("import mtfix", "rule registry", "phrase matcher", "language model (lm.py)", "check itself")
        print("warm, in-process: " + ", ".join(f"{n} {v} ms" for n, v in zip(names, parts)))
    else:
        print("probe failed:", probe.stderr.strip().splitlines()[-1:] or "?")
        parts = ["nan"] * 5
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"RESULT first_ratio={med['mtfix first run'][0] / base:.2f} warm_ratio={med['mtfix warm'][0] / base:.2f} "
          f"first_ms={med['mtfix first run'][0] * 1000:.0f} warm_ms={med['mtfix warm'][0] * 1000:.0f} "
          f"proselint_ms={base * 1000:.0f} first_rss_mb={med['mtfix first run'][1]:.1f} "
          f"warm_rss_mb={med['mtfix warm'][1]:.1f} proselint_rss_mb={med['proselint'][1]:.1f} "
          f"lm_ms={parts[3]} phrases_ms={parts[2]} import_ms={parts[0]}")


if __name__ == "__main__":
    main()
