#!/usr/bin/env python3
"""`mtfix score --format jsonl` on a generated corpus: segments per second, peak memory, and
`--jobs N` against `--jobs 1` (same output).

  python benchmarks/corpus_throughput.py [--segments 2000] [--format tsv|jsonl|tmx] [--jobs 2] [--gz]

The corpus is built from the MLQE-PE training data (/work/shared/data/mlqe-pe-*-en/train.jsonl:
source `src`, MT output `mt`), pairs taken round-robin across the language pairs and repeated
until SEGMENTS (each repetition gets its id suffixed, the text unchanged). Each run is a fresh
process; peak RSS is the largest of the parent and its workers (RUSAGE_CHILDREN maxrss, which is
the largest single child, so parent and worker peaks are both covered). The cores may be shared
with other work: the load average is printed beside the ratio.
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
    a = ap.parse_args()
    rows = pairs(a.segments)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_corpus(Path(tmp, "corpus"), a.format, rows, a.gz)
        base = [sys.executable, "-m", "mtfix", "score", "--format", "jsonl", "--isolated", str(path)]
        w1, out1 = run([*base, "--jobs", "1"])
        wn, outn = run([*base, "--jobs", str(a.jobs)])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(out1.splitlines())
    identical = int(out1 == outn)
    load = os.getloadavg()[0]
    print(f"{a.format}{'.gz' if a.gz else ''}: {n} segments; --jobs 1 {w1:.1f} s ({n / w1:.0f} seg/s), "
          f"--jobs {a.jobs} {wn:.1f} s ({n / wn:.0f} seg/s); identical output: {bool(identical)}; "
          f"peak RSS {peak:.0f} MB; load {load:.2f}")
    print(f"RESULT format={a.format}{'.gz' if a.gz else ''} segments={n} identical={identical} "
          f"jobs1_seg_s={n / w1:.1f} jobs{a.jobs}_seg_s={n / wn:.1f} speedup={w1 / wn:.2f} "
          f"peak_rss_mb={peak:.0f} load={load:.2f}")


if __name__ == "__main__":
    main()
