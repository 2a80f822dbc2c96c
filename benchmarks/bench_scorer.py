"""Fluency scorer on the MLQE-PE ru-en dev split (never used for fitting): accuracy, speed, load, size.

    python benchmarks/bench_scorer.py            # everything (about a minute on one core)
    python benchmarks/bench_scorer.py --quick    # 300 dev sentences

Baselines run in the same process: `length` (shorter = better, the judge's trivial scorer) and
`density` (the interim heuristic: 100 * exp(-2 * severity-weighted issues / sqrt(words))).
Figures: Pearson/Spearman with da_z (with and without source), share of dev pairs with
hter >= 0.2 where the detokenized post-edit outscores its MT (with and without source),
sentences per second after load, load time in a fresh interpreter, size of the shipped model
data, MT801's rate on MT and post-edits, and the seed article paragraph by paragraph.
"""
from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._data import ROOT, detok, load, pearson  # noqa: E402


def ranks(v):
    order = sorted(range(len(v)), key=v.__getitem__)
    r = [0.0] * len(v)
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2
        i = j + 1
    return r


def density(text: str) -> float:
    import mtfix
    from mtfix.model import Severity

    weight = {Severity.ERROR: 3.0, Severity.WARNING: 1.5, Severity.INFO: 0.5}
    pen = sum(weight[i.severity] for i in mtfix.check(text, ignore=["MT8"]))
    return 100 * math.exp(-2 * pen / math.sqrt(max(1, len(text.split()))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    load_s = subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); import mtfix; from mtfix import lm; "
         "lm.language_model(); lm.model(); print(time.perf_counter()-t)"],
        capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    import mtfix

    recs = load("dev")[: 300 if a.quick else None]
    mts = [r["mt"] for r in recs]
    da = [r["da_z"] for r in recs]
    pairs = [(detok(r["pe_tok"]), r["mt"], r["src"]) for r in recs if r["hter"] >= 0.2]
    systems = {
        "length": lambda t, s=None: -len(t),
        "density": lambda t, s=None: density(t),
        "mtfix": lambda t, s=None: mtfix.score(t, source=s, source_lang="ru" if s else None).value,
    }
    mtfix.score("Warm-up.")
    print(f"{'system':9}{'pearson':>9}{'spearman':>9}{'+source':>9}{'PE>MT':>7}{'+source':>9}{'sent/s':>9}")
    speed = {}
    for name, f in systems.items():
        t0 = time.perf_counter()
        s = [f(t) for t in mts]
        speed[name] = len(mts) / (time.perf_counter() - t0)
        s_src = [f(r["mt"], r["src"]) for r in recs]
        wins = sum((f(pe) > f(mt)) + 0.5 * (f(pe) == f(mt)) for pe, mt, _ in pairs) / len(pairs)
        wins_src = sum((f(pe, src) > f(mt, src)) + 0.5 * (f(pe, src) == f(mt, src))
                       for pe, mt, src in pairs) / len(pairs)
        print(f"{name:9}{pearson(s, da):9.3f}{pearson(ranks(s), ranks(da)):9.3f}"
              f"{pearson(s_src, da):9.3f}{wins:7.3f}{wins_src:9.3f}{speed[name]:9.0f}")
    t0 = time.perf_counter()
    low_mt = sum(any(i.code == "MT801" for i in mtfix.check(t)) for t in mts)
    check_speed = len(mts) / (time.perf_counter() - t0)
    low_pe = sum(any(i.code == "MT801" for i in mtfix.check(detok(r["pe_tok"]))) for r in recs)
    print(f"MT801 (all rules on, as `mtfix check` runs): {1000 * low_mt / len(mts):.0f} per 1000 MT "
          f"sentences, {1000 * low_pe / len(recs):.0f} per 1000 post-edits")
    size = sum(p.stat().st_size for p in (ROOT / "mtfix" / "data").glob("*")) / 1e6
    print(f"check (all rules incl. MT801): {check_speed:.0f} sentences/s; "
          f"score/check speed ratio {speed['mtfix'] / check_speed:.2f}; "
          f"score/density ratio {speed['mtfix'] / speed['density']:.2f}")
    print(f"load (fresh interpreter, import + model): {float(load_s):.3f} s; model data {size:.2f} MB; "
          f"pairs {len(pairs)}, sentences {len(mts)}")
    seed()


def seed() -> None:
    """The seed article, paragraph by paragraph, against the careful post-edit in tests/data."""
    import mtfix
    import yaml

    mt_text = (ROOT / "examples" / "kaliningrad-mt.txt").read_text(encoding="utf-8")
    pe_text = (ROOT / "tests" / "data" / "kaliningrad-postedit.txt").read_text(encoding="utf-8")
    gold = yaml.safe_load((ROOT / "tests" / "data" / "kaliningrad-gold.yaml").read_text(encoding="utf-8"))
    mt = [p for p in mt_text.split("\n\n") if p.strip()]
    pe = [p for p in pe_text.split("\n\n") if p.strip()]
    s_mt = [mtfix.score(p).value for p in mt]
    s_pe = [mtfix.score(p).value for p in pe]
    rank = {i: r for r, i in enumerate(sorted(range(len(mt)), key=s_mt.__getitem__))}
    garbled = sorted({next(k for k, p in enumerate(mt) if g["span"] in p)
                      for g in gold["items"] if g["id"] in (41, 42, 43)})
    third = len(mt) / 3
    low = [k for k in garbled if rank[k] < third]
    print(f"seed: post-edit above MT in {sum(b > a for a, b in zip(s_mt, s_pe))}/{len(mt)} paragraphs; "
          f"garbled-syntax paragraphs (items 41-43) {garbled} rank {[rank[k] for k in garbled]} "
          f"of {len(mt)} (0 = worst): {len(low)}/{len(garbled)} in the bottom third")


if __name__ == "__main__":
    main()
