#!/usr/bin/env python3
"""Throughput of `mtfix.check` over the MLQE-PE dev MT, with every rule on, against a baseline
selection timed in the same process (default: punctuation only, MT3).

  python benchmarks/check_speed.py [--repeat 3] [--baseline MT3] [--select MT1,MT5] [--split dev]

First reports the cold cost of the lexicon (its compact index, see mtfix/lexicon.py, and the first
look-ups), measured in this fresh process before anything else touches it, beside what loading
wordfreq and lemminflect directly costs in another fresh process. Then, warm, for each selection:
sentences/s checking one sentence per call (as a benchmark or an editor integration does) and the
whole set as one document (as `mtfix check FILE` does), best of --repeat runs, and the ratio of
the time to the baseline's. One process, one thread: this is the one-core figure.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtfix  # noqa: E402
from _data import best_of, load  # noqa: E402


def cold_lexicon() -> dict[str, float]:
    """Cold costs in this fresh process: the lexicon index (built from wordfreq + lemminflect
    and written to the cache on a first run, read back on every later one), the first
    look-ups, and, for comparison, what importing the two packages' own tables would cost."""
    from mtfix import lexicon

    built = lexicon._open(lexicon.SHIPPED, lexicon._wanted_meta()) is None
    steps = {
        ("lexicon index (not shipped: built or read from the user cache)" if built
         else "lexicon index (shipped)"): lexicon._db,
        "first look-ups": lambda: (lexicon.zipf("the"), lexicon.noun_number("complexes"),
                                   lexicon.near("destabilizie"), lexicon.inflections("go", "VERB")),
    }
    out = {}
    for name, fn in steps.items():
        t = time.perf_counter()
        fn()
        out[name] = time.perf_counter() - t
    return out


def packages_cold() -> float:
    """Seconds a fresh process spends loading wordfreq's list and lemminflect's tables."""
    import subprocess

    code = ("import time; t=time.perf_counter(); import wordfreq, lemminflect; "
            "wordfreq.get_frequency_dict('en', wordlist='best'); lemminflect.getAllLemmas('x'); "
            "lemminflect.getInflection('go', 'VBZ'); print(time.perf_counter()-t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", default="MT3")
    ap.add_argument("--select", default=None, help="an extra selection to time (e.g. MT1,MT5)")
    ap.add_argument("--split", default="dev")
    a = ap.parse_args()

    cold = cold_lexicon()
    for name, secs in cold.items():
        print(f"cold {name:24} {secs * 1000:7.0f} ms")
    print(f"cold lexicon total            {sum(cold.values()) * 1000:7.0f} ms"
          f"   (wordfreq + lemminflect loaded directly: {packages_cold() * 1000:.0f} ms)")

    sents = [r["mt"] for r in load(a.split)]
    doc = "\n\n".join(sents)
    n = len(sents)
    selections = {"baseline " + a.baseline: a.baseline, "all rules": None}
    if a.select:
        selections["select " + a.select] = a.select
    for sel in selections.values():       # warm: rule data, caches, every lazy import
        for s in sents[:50]:
            mtfix.check(s, select=sel)

    results = {}
    for label, sel in selections.items():
        per_call = best_of(lambda: [mtfix.check(s, select=sel) for s in sents], a.repeat)
        whole = best_of(lambda: mtfix.check(doc, select=sel), a.repeat)
        results[label] = (per_call, whole)
    base = results["baseline " + a.baseline]
    print(f"{n} sentences, best of {a.repeat}")
    for label, (per_call, whole) in results.items():
        print(f"{label:22} per sentence: {n / per_call:8.0f} sent/s (x{per_call / base[0]:.2f} baseline)"
              f"   one document: {n / whole:8.0f} sent/s (x{whole / base[1]:.2f} baseline)")
    allr = results["all rules"]
    print(f"RESULT all_rules_sent_per_s={n / allr[0]:.0f} all_rules_doc_sent_per_s={n / allr[1]:.0f} "
          f"ratio_vs_baseline={allr[0] / base[0]:.2f} cold_lexicon_ms={sum(cold.values()) * 1000:.0f}")


if __name__ == "__main__":
    main()
