#!/usr/bin/env python3
"""Corpora at scale (issue 24): what a core scores, what the parent alone costs, what a second
core and a Dask cluster add, and whether memory depends on the corpus size.

  python benchmarks/corpus_scale.py [--segments 2000] [--big 20000,100000] [--huge 1000000] [--skip-dask]
                                    [--repeat 3]

The corpus comes from the MLQE-PE training data of the five *-en pairs (source `src`, MT output
`mt`; 7,000 rows a pair, 35,000 distinct pairs), taken round-robin and repeated up to the size
asked; each repetition has its own id. The cycle is far longer than any cache of mtfix (the
language model's base-score cache holds 32 sentences), so a repeat costs what a new segment does.
In one run, each command a fresh process:

1. per core: ``score --format jsonl --jobs 1`` on the corpus as TSV, JSONL and TMX against
   ``mtfix check --jobs 1`` on the same targets as a plain text file (one paragraph each);
2. ``--jobs 2`` against ``--jobs 1`` (TSV), the load average beside it (the 2 cores are shared);
   again at the first BIG size (``jobs2_vs_jobs1_mid``), where the pool's start-up no longer
   weighs a third of the run;
3. a real Dask cluster started here (``dask scheduler`` and two ``dask worker`` processes of one
   thread on loopback): ``--engine dask`` against ``--jobs 2`` (same output), first on the fresh
   workers (each loads mtfix in that run), then REPEAT alternating runs on the warm workers
   (median), then the first run on fresh workers started with ``--preload mtfix.dask_worker``, then at the first BIG size (with the client's CPU a segment beyond start-up: the
   serial part of a dask run); the gzipped TSV read by the workers (same output); then
   ``--output-dir`` with one worker SIGKILLed after the first part file appears (the parts must
   still be the output);
4. peak RSS (VmHWM) of the parent and of each worker, at SEGMENTS and at each BIG size, for
   ``--jobs 2``, and for ``--engine dask --output-dir`` at the largest;
5. the serial part at HUGE segments, without scoring: the parent reading, ordering and writing
   (what ``--jobs`` and dask without ``--output-dir`` do on one core), and the line-count pass of
   the workers' block reading, with the reading's peak RSS; with ``--score-huge``, the HUGE corpus
   scored with ``--jobs 2`` and the peak RSS of the parent and each worker (memory at 1M against
   the BIG sizes).

Ends with ``RESULT ...``.
"""
from __future__ import annotations

import argparse
import gzip
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_throughput import pairs, write_corpus  # noqa: E402  (the corpus generator)

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    import psutil

    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return []


class Peaks:
    """Peak RSS of a process tree (and of other processes named), sampled every 50 ms from
    VmHWM, which is the kernel's own high-water mark: the last sample is the peak up to then."""

    def __init__(self, parent: int, others: list[int] = ()) -> None:
        self.parent, self.others, self.peak = parent, list(others), {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            roots = [self.parent, *self.others]
            for pid in roots + [c for r in roots for c in children(r)]:
                kb = hwm_kb(pid)
                if kb:
                    self.peak[pid] = max(self.peak.get(pid, 0), kb)
            time.sleep(0.05)

    def done(self) -> tuple[float, list[float]]:
        self.stop.set()
        self.thread.join()
        parent = self.peak.pop(self.parent, 0) / 1024
        return parent, sorted((kb / 1024 for kb in self.peak.values()), reverse=True)


def run(cmd: list[str], others: list[int] = (), watch: bool = False):
    """(seconds, stdout, stderr, (parent MB, [worker MB]))"""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV)
    peaks = Peaks(proc.pid, others) if watch else None
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-800:]}")
    return wall, out, err, (peaks.done() if peaks else (0.0, []))


def cpu() -> float:
    """CPU seconds of every finished child so far (a child's forked workers included: it waited
    for them)."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def load() -> str:
    return open("/proc/loadavg").read().split()[0]


class Cluster:
    """``dask scheduler`` and two ``dask worker`` processes (one thread each) on loopback."""

    def __init__(self, preload: list[str] = ()) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.addr = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": ENV}
        self.procs = [subprocess.Popen(["dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                        "--no-dashboard"], **quiet)]
        extra = [arg for module in preload for arg in ("--preload", module)]
        self.workers = [subprocess.Popen(["dask", "worker", self.addr, "--nworkers", "1", "--nthreads", "1",
                                          "--no-dashboard", *extra], **quiet) for _ in range(2)]
        self.procs += self.workers
        from dask.distributed import Client

        with Client(self.addr, timeout="30s") as c:
            c.wait_for_workers(2, timeout=90)

    def worker_pids(self) -> list[int]:
        from dask.distributed import Client

        with Client(self.addr, timeout="30s") as c:
            c.wait_for_workers(2, timeout=90)      # a killed worker's nanny starts a new one
            return sorted(c.run(os.getpid).values())

    def close(self) -> None:
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


def parts(folder: Path) -> bytes:
    return b"".join((folder / n).read_bytes() for n in sorted(os.listdir(folder)) if n.startswith("part-"))


def killed_run(base: list[str], cluster: Cluster, out_dir: Path) -> tuple[float, bytes, int]:
    """``--output-dir`` with a worker SIGKILLed once the first part file is written."""
    victim = cluster.worker_pids()[0]
    t0 = time.perf_counter()
    proc = subprocess.Popen([*base, "--engine", "dask", "--scheduler", cluster.addr, "--output-dir", str(out_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    parts_at_kill = -1
    while proc.poll() is None:
        done = [n for n in (os.listdir(out_dir) if out_dir.exists() else []) if n.endswith(".jsonl")]
        if done:
            os.kill(victim, signal.SIGKILL)
            parts_at_kill = len(done)
            break
        time.sleep(0.01)
    proc.communicate()
    if proc.returncode not in (0, 1):
        raise SystemExit("the killed-worker run failed")
    return time.perf_counter() - t0, parts(out_dir), parts_at_kill


def write_tsv(path: Path, n: int) -> Path:
    """The corpus of ``pairs(n)`` as TSV, written as it is made (1M segments: 260 MB)."""
    base = pairs(35_000)
    with open(path, "w", encoding="utf-8") as f:
        for k in range(n):
            _, _, src, mt = base[k % len(base)]
            f.write(f"{src}\t{mt}\ts{k}\n")
    return path


def serial_part(path: Path) -> tuple[float, float, float]:
    """(segments/s of the parent alone: read, keep in order, write a JSON line each; segments/s
    of the workers' line-count pass over all blocks, on one core; peak RSS MB of this reading,
    VmHWM: a forked child's ru_maxrss would count the pages it shared with this process)."""
    code = f"""
import json, os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from mtfix.corpus import iter_records
from mtfix import corpus_blocks
sink = open(os.devnull, "w"); t0 = time.perf_counter(); n = 0
for r in iter_records(sys.argv[1]):
    sink.write(json.dumps({{"id": r.id, "score": 50.0, "issues": ["MT301"]}}) + "\\n"); n += 1
t1 = time.perf_counter()
lines = sum(corpus_blocks.count_block(sys.argv[1], s, e) for s, e in corpus_blocks.blocks(sys.argv[1]))
t2 = time.perf_counter()
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(n / (t1 - t0), lines / (t2 - t1), hwm / 1024)
"""
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    a, b, c = out.stdout.split()
    return float(a), float(b), float(c)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=2000)
    ap.add_argument("--big", default="20000,100000", help="sizes for the peak RSS series (comma-separated)")
    ap.add_argument("--huge", type=int, default=1_000_000)
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--score-huge", action="store_true",
                    help="also score the HUGE corpus with --jobs 2 and report its peak RSS (1M: ~6 min on 2 cores)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating --jobs 2 / dask runs on the warm workers")
    a = ap.parse_args()
    py = [sys.executable, "-m", "mtfix"]
    fields: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rows = pairs(a.segments)
        n = a.segments
        plain = tmp / "targets.txt"
        plain.write_text("".join(t.replace("\n", " ") + "\n\n" for _, _, _, t in rows), encoding="utf-8")
        corpora = {fmt: write_corpus(tmp / f"c-{fmt}", fmt, rows, False) for fmt in ("tsv", "jsonl", "tmx")}
        print(f"load at start {load()}")
        w_plain, _, _, _ = run([*py, "check", "--isolated", "--jobs", "1", str(plain)])
        print(f"plain text, mtfix check --jobs 1: {n / w_plain:.0f} seg/s")
        rate, outs = {}, {}
        for fmt, path in corpora.items():
            w, out, _, _ = run([*py, "score", "--format", "jsonl", "--isolated", "--jobs", "1", str(path)])
            rate[fmt], outs[fmt] = n / w, out
            print(f"{fmt}: score --jobs 1 {n / w:.0f} seg/s = {w_plain / w:.2f}x check on plain text")
            fields[f"{fmt}_vs_plain"] = f"{w_plain / w:.2f}"
        w_check, _, _, _ = run([*py, "check", "--isolated", "--jobs", "1", str(corpora["tsv"])])
        nosrc = tmp / "nosource.tsv"
        nosrc.write_text("".join(f"\t{t}\t{i}\n" for i, _, _, t in rows), encoding="utf-8")
        w_nosrc, _, _, _ = run([*py, "check", "--isolated", "--jobs", "1", str(nosrc)])
        print(f"tsv: check --jobs 1 {n / w_check:.0f} seg/s = {w_plain / w_check:.2f}x check on plain text; "
              f"the same TSV without its sources {n / w_nosrc:.0f} seg/s = {w_plain / w_nosrc:.2f}x "
              "(the difference: the source-aware checks)")
        fields.update(tsv_check_vs_plain=f"{w_plain / w_check:.2f}", nosource_check_vs_plain=f"{w_plain / w_nosrc:.2f}")
        base = [*py, "score", "--format", "jsonl", "--isolated", str(corpora["tsv"])]
        l0 = load()
        c0 = cpu()
        w1, out1, _, _ = run([*base, "--jobs", "1"])
        c1 = cpu()
        w2, out2, _, (p_small, wk_small) = run([*base, "--jobs", "2"], watch=True)
        c2 = cpu()
        l1 = load()
        cpu1, cpu2 = c1 - c0, c2 - c1
        print(f"--jobs 2 vs --jobs 1: {w1 / w2:.2f}x wall (identical: {out1 == out2}); load {l0} -> {l1}; "
              f"CPU seconds {cpu1:.1f} vs {cpu2:.1f}: on two idle cores at most {2 * cpu1 / cpu2:.2f}x; "
              f"{n / cpu1:.0f} segments a CPU second on one core (start-up included)")
        fields.update(plain_seg_s=f"{n / w_plain:.0f}", tsv_seg_s=f"{rate['tsv']:.0f}", jobs2_vs_jobs1=f"{w1 / w2:.2f}",
                      jobs2_cpu_bound=f"{2 * cpu1 / cpu2:.2f}", tsv_seg_cpu_s=f"{n / cpu1:.0f}", jobs_identical=str(int(out1 == out2)),
                      load=f"{l0}-{l1}")

        sizes = [int(x) for x in a.big.split(",")]
        parents, workers = [p_small], [max(wk_small, default=0)]
        print(f"peak RSS --jobs 2, {n} seg: parent {p_small:.0f} MB, workers "
              f"{', '.join(f'{m:.0f}' for m in wk_small)} MB")
        for size in sizes:
            big = write_tsv(tmp / f"big{size}.tsv", size)
            wb, _, _, (p_big, wk_big) = run([*py, "score", "--format", "jsonl", "--isolated", "--jobs", "2", str(big)],
                                            watch=True)
            print(f"peak RSS --jobs 2, {size} seg: parent {p_big:.0f} MB, workers "
                  f"{', '.join(f'{m:.0f}' for m in wk_big)} MB ({size / wb:.0f} seg/s, load {load()})")
            if size == sizes[0]:
                # Throughput beyond start-up: at SEGMENTS the pool's start-up is a third of the run.
                w1b, _, _, _ = run([*py, "score", "--format", "jsonl", "--isolated", "--jobs", "1", str(big)])
                print(f"--jobs 2 vs --jobs 1 at {size} segments: {w1b / wb:.2f}x wall")
                fields.update(jobs2_vs_jobs1_mid=f"{w1b / wb:.2f}")
            parents.append(p_big)
            workers.append(max(wk_big, default=0))
        fields.update(rss_sizes="/".join(str(x) for x in [n, *sizes]),
                      rss_parent_mb="/".join(f"{m:.0f}" for m in parents),
                      rss_worker_mb="/".join(f"{m:.0f}" for m in workers))

        if not a.skip_dask:
            cluster = Cluster()
            try:
                # The first run on the fresh workers loads mtfix in each (as --jobs 2 loads it in its
                # parent): --jobs 2 run just before it, for the same load.
                w2c, _, _, _ = run([*base, "--jobs", "2"])
                k0 = cpu()
                wd, outd, _, _ = run([*base, "--engine", "dask", "--scheduler", cluster.addr])
                kd = cpu() - k0
                print(f"dask (2 workers on loopback), first run on fresh workers, vs --jobs 2: {w2c / wd:.2f}x "
                      f"(identical: {outd == out1})")
                # Then the workers are warm, as a cluster that stays up is: alternate runs, median.
                warm = []
                for _ in range(a.repeat):
                    wj, _, _, _ = run([*base, "--jobs", "2"])
                    wdw, outw, _, _ = run([*base, "--engine", "dask", "--scheduler", cluster.addr])
                    warm.append(wj / wdw)
                    outd = outd if outw == outd else b""
                warm_median = sorted(warm)[len(warm) // 2]
                print(f"dask on warm workers vs --jobs 2, {a.repeat} alternating runs: "
                      f"{', '.join(f'{x:.2f}' for x in warm)}x (median {warm_median:.2f}x; identical: {outd == out1})")
                # Fresh workers started as the README advises (--preload mtfix.dask_worker: mtfix loaded
                # when a worker starts, not in the first run).
                pre = Cluster(preload=["mtfix.dask_worker"])
                try:
                    w2p, _, _, _ = run([*base, "--jobs", "2"])
                    wdp, outp, _, _ = run([*base, "--engine", "dask", "--scheduler", pre.addr])
                finally:
                    pre.close()
                print(f"dask, first run on fresh workers started with --preload mtfix.dask_worker, vs --jobs 2: "
                      f"{w2p / wdp:.2f}x (identical: {outp == out1})")
                fields.update(dask_preload_vs_jobs2=f"{w2p / wdp:.2f}")
                outd = outd if outp == outd else b""
                mid = tmp / f"big{sizes[0]}.tsv"      # written above
                mid_base = [*py, "score", "--format", "jsonl", "--isolated", str(mid)]
                wjm, outjm, _, _ = run([*mid_base, "--jobs", "2"])
                k1 = cpu()
                wdm, outdm, _, _ = run([*mid_base, "--engine", "dask", "--scheduler", cluster.addr])
                kdm = cpu() - k1
                print(f"dask vs --jobs 2 at {sizes[0]} segments: {wjm / wdm:.2f}x (identical: {outdm == outjm}); "
                      f"the client's CPU beyond start-up: {1e6 * max(kdm - kd, 0) / (sizes[0] - n):.0f} us a segment")
                gz = tmp / "c.tsv.gz"
                gz.write_bytes(gzip.compress(corpora["tsv"].read_bytes()))
                wdg, outg, _, _ = run([*py, "score", "--format", "jsonl", "--isolated", str(gz), "--engine", "dask",
                                       "--scheduler", cluster.addr])
                print(f"dask on the gzipped TSV (read by the workers): {w2c / wdg:.2f}x --jobs 2 on the plain one "
                      f"(identical: {outg == out1})")
                wk, outk, at = killed_run(base, cluster, tmp / "killed")
                print(f"--output-dir, a worker killed after {at} part(s): {wk:.1f} s, parts identical: {outk == out1}")
                wpids = cluster.worker_pids()
                big_dir = tmp / "big-parts"
                wdb, _, _, (pd, _) = run([*py, "score", "--format", "jsonl", "--isolated", "--engine", "dask",
                                          "--scheduler", cluster.addr, "--output-dir", str(big_dir), str(big)],
                                         watch=True)
                worker_mb = [hwm_kb(p) / 1024 for p in wpids]
                print(f"dask --output-dir {sizes[-1]} seg: client {pd:.0f} MB, workers "
                      f"{', '.join(f'{m:.0f}' for m in worker_mb)} MB ({sizes[-1] / wdb:.0f} seg/s)")
                fields.update(dask_vs_jobs2=f"{w2c / wd:.2f}", dask_warm_vs_jobs2=f"{warm_median:.2f}",
                              dask_warm_runs="/".join(f"{x:.2f}" for x in warm),
                              dask_vs_jobs2_mid=f"{wjm / wdm:.2f}", dask_mid_segments=str(sizes[0]),
                              dask_client_us_seg=f"{1e6 * max(kdm - kd, 0) / (sizes[0] - n):.0f}",
                              dask_identical=str(int(outd == out1 and outdm == outjm)),
                              dask_gz_identical=str(int(outg == out1)),
                              killed_identical=str(int(outk == out1)), dask_client_mb=f"{pd:.0f}",
                              dask_worker_mb=f"{max(worker_mb):.0f}")
            finally:
                cluster.close()

        huge = write_tsv(tmp / "huge.tsv", a.huge)
        size_mb = huge.stat().st_size / 1e6
        del rows
        serial, count, read_mb = serial_part(huge)
        print(f"{a.huge} segments ({size_mb:.0f} MB TSV), no scoring: the parent reads, orders and writes "
              f"{serial:.0f} seg/s = {serial / rate['tsv']:.0f} cores' scoring; the workers' count pass "
              f"{count:.0f} seg/s a core; reading peak RSS {read_mb:.0f} MB")
        fields.update(serial_seg_s=f"{serial:.0f}", serial_cores=f"{serial / rate['tsv']:.0f}",
                      count_seg_s=f"{count:.0f}", huge_read_mb=f"{read_mb:.0f}")
        if a.score_huge:
            # The whole HUGE corpus scored (--jobs 2, TSV output): memory at 1M against the BIG sizes.
            wh, outh, _, (p_huge, wk_huge) = run([*py, "score", "--format", "tsv", "--isolated", "--jobs", "2",
                                                  str(huge)], watch=True)
            lines_out = outh.count(b"\n")
            print(f"{a.huge} segments scored, --jobs 2: {wh:.0f} s ({a.huge / wh:.0f} seg/s), {lines_out} "
                  f"lines out; peak RSS parent {p_huge:.0f} MB, workers {', '.join(f'{m:.0f}' for m in wk_huge)} MB")
            fields.update(huge_scored_seg_s=f"{a.huge / wh:.0f}", huge_rss_parent_mb=f"{p_huge:.0f}",
                          huge_rss_worker_mb=f"{max(wk_huge, default=0):.0f}")
    fields["load_end"] = load()
    print("RESULT " + " ".join(f"{k}={v}" for k, v in fields.items()))


if __name__ == "__main__":
    main()
