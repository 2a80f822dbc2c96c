#!/usr/bin/env python3
"""Phrase packs (MT4xx) on the MLQE-PE ru-en DEV split: false alarms, precision, speed.

  python benchmarks/packs_dev.py [--split dev] [--repeat 3]

1. Hits per 1,000 sentences on the MT and on the detokenized human post-edits (the packs
   chosen by detecting the language of `src`), their ratio (PE / MT, lower is better), and the
   precision of the suggestions: share of MT hits whose suggestion appears in the post-edit.
2. Speed: `mtfix.check` over the dev MT with every rule, and with MT4 ignored, alternated in the
   same process after a warm-up; prints the ratio (all / without MT4).
3. Scaling: the one automaton with all entries against an automaton of a tenth of them, on the
   same tokens (the cost should barely depend on the number of entries).
Dev is for measuring only: nothing is tuned on it (benchmarks/mine_calques.py uses train).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtfix  # noqa: E402
from _data import detok, load  # noqa: E402


def rates(recs: list[dict], pes: list[str]) -> None:
    n = len(recs)
    mt_hits = pe_hits = good = 0
    entries: Counter[str] = Counter()
    pe_samples = []
    for r, pe in zip(recs, pes):
        issues = mtfix.check(r["mt"], source=r["src"], select=["MT4"])
        mt_hits += len(issues)
        for i in issues:
            entries[i.message.rsplit("[", 1)[-1].rstrip("]")] += 1
            good += any(s and s.lower() in pe.lower() for s in i.suggestions)
        pe_iss = mtfix.check(pe, source=r["src"], select=["MT4"])
        pe_hits += len(pe_iss)
        pe_samples += [f"{pe[i.start:i.end]!r} {i.message.rsplit('[', 1)[-1]}" for i in pe_iss]
    mt_rate, pe_rate = 1000 * mt_hits / n, 1000 * pe_hits / n
    print(f"sentences {n}; MT4 hits: MT {mt_hits}, PE {pe_hits}")
    print(f"hits per 1000 sentences: MT {mt_rate:.1f}  PE {pe_rate:.1f}  "
          f"ratio PE/MT {pe_rate / mt_rate if mt_rate else float('nan'):.3f} (target <= 0.25)")
    print(f"suggestion precision (a suggestion appears in the post-edit): {good}/{mt_hits} = "
          f"{good / mt_hits if mt_hits else float('nan'):.3f}")
    print("MT hits by entry:", dict(entries.most_common()))
    print("PE hits:", pe_samples)
    print(f"RESULT mt_rate={mt_rate:.1f} pe_rate={pe_rate:.1f} precision={good}/{mt_hits}")


def speed(texts: list[str], repeat: int) -> None:
    for t in texts[:50]:                       # warm-up: registry, lexicons, automaton
        mtfix.check(t, source_lang="ru")
        mtfix.check(t, source_lang="ru", ignore=["MT4"])
    with_t = without_t = 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            mtfix.check(t, source_lang="ru", ignore=["MT4"])
        t1 = time.perf_counter()
        for t in texts:
            mtfix.check(t, source_lang="ru")
        t2 = time.perf_counter()
        without_t += t1 - t0
        with_t += t2 - t1
    print(f"check {len(texts)} sentences x{repeat}: without MT4 {without_t:.2f}s, with all packs "
          f"{with_t:.2f}s, ratio {with_t / without_t:.3f} (target <= 1.20)")


def scaling(texts: list[str], repeat: int) -> None:
    from mtfix.analysis import Doc
    from mtfix.checks.phrases import compiled
    from mtfix.model import Segment
    from mtfix.patterns import Matcher, tokenize_view
    from mtfix.ruledata import registry

    full = compiled(registry()).matcher
    tenth = Matcher(full.variants[::10])
    toks = [tokenize_view(Doc(Segment(t)).tokens, t) for t in texts]
    times = {}
    for name, m in (("all", full), ("tenth", tenth)):
        t0 = time.perf_counter()
        for _ in range(repeat):
            for tk in toks:
                m.find(tk)
        times[name] = time.perf_counter() - t0
    print(f"automaton: {len(full.variants)} variants / {full.size} keys: {times['all']:.3f}s; "
          f"a tenth ({len(tenth.variants)} variants): {times['tenth']:.3f}s; "
          f"ratio {times['all'] / times['tenth']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    recs = load(a.split)
    pes = [detok(r["pe_tok"]) for r in recs]
    rates(recs, pes)
    mts = [r["mt"] for r in recs]
    speed(mts, a.repeat)
    scaling(mts, a.repeat)


if __name__ == "__main__":
    main()
