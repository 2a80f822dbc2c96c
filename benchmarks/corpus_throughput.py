#!/usr/bin/env python3
"""`mtfix score --format jsonl` on a generated corpus: segments per second, peak memory, and
`--jobs N` against `--jobs 1` (same output).

  python benchmarks/corpus_throughput.py [--segments 2000] [--format tsv|jsonl|tmx] [--jobs 2] [--gz] [--dask]

The corpus is built from the MLQE-PE training data (/work/shared/data/mlqe-pe-*-en/train.jsonl:
source `src`, MT output `mt`), pairs taken round-robin across the language pairs and repeated
until SEGMENTS (each repetition gets its id suffixed, the text unchanged). Each run is a fresh
process; peak RSS is the largest of the parent and its workers (RUSAGE_CHILDREN maxrss, which is
the largest single child, so parent and worker peaks are both covered). The cores may be shared
with other work: the load average is printed beside the ratio.
With ``--dask`` it also starts a real cluster on loopback (`dask scheduler` and two `dask worker`
processes of one thread each), runs `--engine dask --scheduler` against it (ratio to `--jobs N`,
same output), then runs again and kills one worker (SIGKILL) a second into the run: the output
must still be complete and identical. The cluster's processes are stopped at the end.
Ends with `RESULT format=... segments=... identical=0|1 jobs1_seg_s=... jobsN_seg_s=... speedup=...
peak_rss_mb=... load=...`.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")


def pairs(n: int) -> list[tuple[str, str, str, str]]:
    """(id, source language, source, target) ``n`` times, round-robin over the *-en pairs."""
    per_pair = []
    for folder in sorted(DATA.glob("mlqe-pe-*-en")):
        lang = folder.name.split("-")[2]
        with open(folder / "train.jsonl", encoding="utf-8") as f:
            rows = [json.loads(line) for _, line in zip(range(max(n // 5, 50)), f)]
        per_pair.append([(lang, r["src"], r["mt"]) for r in rows])
    out = []
    k = 0
    while len(out) < n:
        group = per_pair[k % len(per_pair)]
        lang, src, mt = group[(k // len(per_pair)) % len(group)]
        out.append((f"s{k}", lang, src, mt))
        k += 1
    return out


def write_corpus(path: Path, fmt: str, rows, gz: bool) -> Path:
    if fmt == "tsv":
        text = "".join(f"{s}\t{t}\t{i}\n" for i, _, s, t in rows)
    elif fmt == "jsonl":
        text = "".join(json.dumps({"id": i, "source": s, "target": t}, ensure_ascii=False) + "\n"
                       for i, _, s, t in rows)
    else:
        body = "".join(f'<tu tuid="{i}"><tuv xml:lang="{lang}"><seg>{escape(s)}</seg></tuv>'
                       f'<tuv xml:lang="en"><seg>{escape(t)}</seg></tuv></tu>\n' for i, lang, s, t in rows)
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="*all*" '
                f'creationtool="bench" datatype="plaintext" segtype="sentence"/><body>\n{body}</body></tmx>\n')
    data = text.encode("utf-8")
    path = path.with_suffix(f".{fmt}" + (".gz" if gz else ""))
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def run(cmd: list[str]) -> tuple[float, bytes]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if proc.returncode not in (0, 1):
        raise SystemExit(f"mtfix failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return time.perf_counter() - t0, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--format", choices=["tsv", "jsonl", "tmx"], default="tsv")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--gz", action="store_true", help="gzip the corpus")
    ap.add_argument("--dask", action="store_true", help="also a real Dask cluster on loopback (see above)")
    a = ap.parse_args()
    rows = pairs(a.segments)
    dask_result = ""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_corpus(Path(tmp, "corpus"), a.format, rows, a.gz)
        base = [sys.executable, "-m", "mtfix", "score", "--format", "jsonl", "--isolated", str(path)]
        serial = serial_rate(path)
        w1, out1 = run([*base, "--jobs", "1"])
        wn, outn = run([*base, "--jobs", str(a.jobs)])
        if a.dask:
            dask_result = run_dask(base, out1, wn)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(out1.splitlines())
    identical = int(out1 == outn)
    load = os.getloadavg()[0]
    print(f"{a.format}{'.gz' if a.gz else ''}: {n} segments; --jobs 1 {w1:.1f} s ({n / w1:.0f} seg/s), "
          f"--jobs {a.jobs} {wn:.1f} s ({n / wn:.0f} seg/s); identical output: {bool(identical)}; "
          f"peak RSS {peak:.0f} MB; load {load:.2f}")
    print(f"serial part (the parent reading, ordering and writing, no scoring): {serial:.0f} seg/s = "
          f"{serial / (n / w1):.0f} cores' worth of scoring at the --jobs 1 rate")
    print(f"RESULT format={a.format}{'.gz' if a.gz else ''} segments={n} identical={identical} "
          f"jobs1_seg_s={n / w1:.1f} jobs{a.jobs}_seg_s={n / wn:.1f} speedup={w1 / wn:.2f} "
          f"peak_rss_mb={peak:.0f} serial_seg_s={serial:.0f} load={load:.2f}{dask_result}")


def serial_rate(path: Path) -> float:
    """Segments per second of what only the parent does: read the records, keep them in order,
    write one JSON line each (the scoring left out). Its ratio to one core's scoring rate is the
    number of cores past which the parent, not the workers, limits a run."""
    sys.path.insert(0, str(ROOT))
    from mtfix.corpus import iter_records

    sink = open(os.devnull, "w")
    t0 = time.perf_counter()
    n = 0
    for r in iter_records(str(path)):
        sink.write(json.dumps({"id": r.id, "score": 50.0, "issues": ["MT301"]}) + "\n")
        n += 1
    sink.close()
    return n / (time.perf_counter() - t0)


def run_dask(base: list[str], expected: bytes, jobs_wall: float) -> str:
    """Scheduler and two workers as processes on loopback; a normal run and one that loses a
    worker. Returns the RESULT fields."""
    import signal
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    addr = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    procs = [subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], **quiet)]
    try:
        from dask.distributed import Client

        def worker() -> subprocess.Popen:
            return subprocess.Popen(["dask", "worker", addr, "--nworkers", "1", "--nthreads", "1",
                                     "--no-dashboard"], **quiet)

        procs += [worker(), worker()]
        with Client(addr, timeout="30s") as c:
            c.wait_for_workers(2, timeout=60)
        wd, outd = run([*base, "--engine", "dask", "--scheduler", addr])
        # Again, and kill one worker a second in: its chunks are retried on the other.
        t0 = time.perf_counter()
        proc = subprocess.Popen([*base, "--engine", "dask", "--scheduler", addr], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env)
        time.sleep(1.0)
        os.kill(procs[1].pid, signal.SIGKILL)
        outk, _ = proc.communicate()
        wk = time.perf_counter() - t0
        n = len(expected.splitlines())
        print(f"dask (scheduler + 2 workers on loopback): {wd:.1f} s ({n / wd:.0f} seg/s), "
              f"{jobs_wall / wd:.2f}x the throughput of --jobs; identical: {outd == expected}; "
              f"with a worker killed: {wk:.1f} s, identical: {outk == expected}")
        return (f" dask_seg_s={n / wd:.1f} dask_vs_jobs={jobs_wall / wd:.2f} dask_identical={int(outd == expected)}"
                f" killed_identical={int(outk == expected)}")
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
