#!/usr/bin/env python3
"""Does the time grow linearly with the size of one file? `mtfix check|fix|score` on one text file
of SIZE, 2*SIZE, 4*SIZE ... (the seed article repeated, paragraphs kept), each a fresh process,
beside `proselint check` on the first size. Prints wall time, CPU time and peak RSS per size,
and the ratio of each doubling (linear: 2.0; quadratic: 4.0).

  python benchmarks/scaling.py [--size 1000000] [--steps 3] [--commands check,fix,score]
                               [--proselint/--no-proselint] [--big 16000000]

``--big`` also runs `check` once on a file that large and reports its peak RSS.
Ends with one line `RESULT key=value ...`: check_1x_over_proselint (wall; _cpu: CPU time, the
steadier figure on a shared machine), check_4x_over_1x (the 4x file's CPU time over the 1x
file's), the same for fix and score, big_rss_mb.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kaliningrad-mt.txt"


def make_text(size: int) -> str:
    para = SEED.read_text(encoding="utf-8").strip("\n") + "\n\n"
    return para * max(1, round(size / len(para.encode("utf-8"))))


def run(cmd: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user+sys) and peak RSS (MB) of one fresh process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed with status {status}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def mtfix_cmd(command: str, path: str) -> list[str]:
    return [sys.executable, "-m", "mtfix", command, path]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--steps", type=int, default=3, help="sizes SIZE * 2**k for k < steps")
    ap.add_argument("--commands", default="check,fix,score")
    ap.add_argument("--proselint", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--big", type=int, default=0, help="also check one file this large (bytes)")
    a = ap.parse_args()
    commands = a.commands.split(",")
    res: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for k in range(a.steps):
            p = Path(tmp) / f"doc{k}.txt"
            p.write_text(make_text(a.size * 2 ** k), encoding="utf-8")
            files.append(p)
        prose = shutil.which("proselint") if a.proselint else None
        if prose:
            # Side by side: proselint and mtfix alternate on the same 1x file.
            pw, pc, pr = run([prose, "check", str(files[0])])
            mw, mc, mr = run(mtfix_cmd("check", str(files[0])))
            print(f"1x file ({files[0].stat().st_size / 1e6:.1f} MB): proselint {pw:6.2f} s wall "
                  f"{pc:6.2f} s CPU {pr:5.0f} MB | mtfix check {mw:6.2f} s wall {mc:6.2f} s CPU {mr:5.0f} MB"
                  f" | ratio {mw / pw:.2f} wall, {mc / pc:.2f} CPU")
            res["check_1x_over_proselint"] = mw / pw
            res["check_1x_over_proselint_cpu"] = mc / pc
        for command in commands:
            prev = first = None
            for k, p in enumerate(files):
                wall, cpu, rss = run(mtfix_cmd(command, str(p)))
                ratio = f"x{cpu / prev:.2f} CPU over half the size" if prev else ""
                print(f"mtfix {command:5} {p.stat().st_size / 1e6:6.1f} MB  {wall:7.2f} s wall "
                      f"{cpu:7.2f} s CPU  {rss:6.0f} MB  {ratio}")
                prev = cpu
                first = first or cpu
                if k == len(files) - 1 and k:
                    res[f"{command}_{2 ** k}x_over_1x"] = cpu / first
        if a.big:
            p = Path(tmp) / "big.txt"
            p.write_text(make_text(a.big), encoding="utf-8")
            wall, cpu, rss = run(mtfix_cmd("check", str(p)))
            print(f"mtfix check {p.stat().st_size / 1e6:6.1f} MB  {wall:7.2f} s wall {cpu:7.2f} s CPU  {rss:6.0f} MB")
            res["big_mb"] = p.stat().st_size / 1e6
            res["big_rss_mb"] = rss
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores shared: CPU time is the steadier figure)")
    print("RESULT " + " ".join(f"{k}={v:.2f}" for k, v in res.items()))


if __name__ == "__main__":
    main()
