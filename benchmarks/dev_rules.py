#!/usr/bin/env python3
"""Accuracy of rule families on the MLQE-PE ru-en dev split (never used for fitting).

  python benchmarks/dev_rules.py [--select MT1,MT2] [--source-lang ru] [--samples 10] [--split dev]

Prints, for the selected rules:
- issues per 1,000 sentences on the MT and on the detokenized human post-edits (false alarms),
  and their ratio (PE rate / MT rate; lower is better), with a sample of flags on post-edits;
- the safe fixer against the post-edit: sentences changed, improved / worsened sentence TER
  (sacrebleu) against pe_tok, corpus TER before and after;
- share of post-edits the fixer changes at all (do-no-harm).
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtfix  # noqa: E402
from _data import detok, load, tok  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select", default=None)
    ap.add_argument("--ignore", default=None)
    ap.add_argument("--source-lang", default=None)
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument("--split", default="dev")
    a = ap.parse_args()
    recs = load(a.split)
    pes = [detok(r["pe_tok"]) for r in recs]
    kw = dict(select=a.select, ignore=a.ignore, source_lang=a.source_lang)

    mt_issues = [mtfix.check(r["mt"], **kw) for r in recs]
    pe_issues = [mtfix.check(p, **kw) for p in pes]
    n = len(recs)
    mt_rate = 1000 * sum(map(len, mt_issues)) / n
    pe_rate = 1000 * sum(map(len, pe_issues)) / n
    by_code_mt = Counter(i.code for x in mt_issues for i in x)
    by_code_pe = Counter(i.code for x in pe_issues for i in x)
    print(f"sentences {n}")
    print(f"issues per 1000 sentences: MT {mt_rate:.1f}  PE {pe_rate:.1f}  "
          f"ratio PE/MT {pe_rate / mt_rate if mt_rate else float('nan'):.3f}")
    for code in sorted(set(by_code_mt) | set(by_code_pe)):
        print(f"  {code}: MT {by_code_mt[code]:4d}  PE {by_code_pe[code]:4d}")
    flagged = [(p, i) for p, x in zip(pes, pe_issues) for i in x]
    random.Random(0).shuffle(flagged)
    if flagged:
        print("sample of flags on post-edits:")
        for p, i in flagged[:a.samples]:
            print(f"  {i.code} {p[i.start:i.end]!r} -> {list(i.suggestions[:2])} | {p[:100]}")

    from sacrebleu.metrics import TER

    ter = TER()
    fixed = [mtfix.fix(r["mt"], **kw).text for r in recs]
    base_t = [tok(r["mt"]) for r in recs]
    fix_t = [tok(f) for f in fixed]
    refs = [r["pe_tok"] for r in recs]
    changed = improved = worsened = 0
    for r, f, b, ref in zip(recs, fix_t, base_t, refs):
        if f == b:
            continue
        changed += 1
        d = ter.sentence_score(f, [ref]).score - ter.sentence_score(b, [ref]).score
        improved += d < 0
        worsened += d > 0
    c_base = ter.corpus_score(base_t, [refs]).score
    c_fix = ter.corpus_score(fix_t, [refs]).score
    pe_changed = sum(mtfix.fix(p, **kw).text != p for p in pes)
    print(f"fixer on MT: changed {changed}  improved {improved}  worsened {worsened}  "
          f"improved share {improved / changed if changed else float('nan'):.3f}")
    print(f"corpus TER: MT {c_base:.2f} -> fixed {c_fix:.2f}")
    print(f"fixer on post-edits: changed {pe_changed}/{n} = {100 * pe_changed / n:.2f}%")
    print(f"RESULT mt_rate={mt_rate:.1f} pe_rate={pe_rate:.1f} changed={changed} improved={improved} "
          f"worsened={worsened} ter_mt={c_base:.2f} ter_fixed={c_fix:.2f} pe_changed_pct={100 * pe_changed / n:.2f}")


if __name__ == "__main__":
    main()
