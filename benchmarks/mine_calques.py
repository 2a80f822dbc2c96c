#!/usr/bin/env python3
"""Mine recurring MT -> post-edit repairs from the MLQE-PE ru-en TRAIN split (never dev).

  python benchmarks/mine_calques.py mine [--top 300] [--min 3]
  python benchmarks/mine_calques.py measure [--split train]

``mine`` aligns each MT sentence with its human post-edit (difflib over Moses tokens), collects the
replaced spans (with one word of context when the span is a single function word) and prints the
repairs that recur, with how often the MT phrase survives post-editing: a phrase that editors
replace most of the time it occurs is a candidate calque; one they keep is fluent English.
``measure`` runs the phrase packs (MT4) on the split: hits per 1,000 sentences on MT and on the
post-edits, and the share of hits whose suggestion appears in the post-edit.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import detok, load  # noqa: E402


def _pairs(mt: list[str], pe: list[str]):
    sm = difflib.SequenceMatcher(a=mt, b=pe, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "replace" or i2 - i1 > 5 or j2 - j1 > 5:
            continue
        # Widen short spans by one word each side, so "about" -> "" reads "told about" -> "spoke about".
        a0, b0 = max(0, i1 - 1), max(0, j1 - 1)
        yield " ".join(mt[i1:i2]), " ".join(pe[j1:j2])
        if i2 - i1 <= 2:
            yield " ".join(mt[a0:i2 + 1]), " ".join(pe[b0:j2 + 1])


def mine(top: int, minimum: int) -> None:
    recs = load("train")
    repairs: Counter[tuple[str, str]] = Counter()
    for r in recs:
        mt, pe = r["mt_tok"].lower().split(), r["pe_tok"].lower().split()
        repairs.update(set(_pairs(mt, pe)))
    mt_text = [" " + r["mt_tok"].lower() + " " for r in recs]
    pe_text = [" " + r["pe_tok"].lower() + " " for r in recs]
    by_src: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), n in repairs.items():
        if n >= minimum and a.strip(" .,") and len(a) > 3:
            by_src[a].append((n, b))
    rows = []
    for a, outs in by_src.items():
        in_mt = sum(f" {a} " in t for t in mt_text)
        in_pe = sum(f" {a} " in t for t in pe_text)
        fixed = sum(n for n, _ in outs)
        rows.append((fixed, a, in_mt, in_pe, sorted(outs, reverse=True)[:4]))
    rows.sort(reverse=True)
    print(f"{'repairs':>7} {'inMT':>5} {'inPE':>5}  MT phrase -> post-edit phrases")
    for fixed, a, in_mt, in_pe, outs in rows[:top]:
        print(f"{fixed:7d} {in_mt:5d} {in_pe:5d}  {a!r} -> " + "; ".join(f"{b!r} x{n}" for n, b in outs))


def measure(split: str, samples: int) -> None:
    import mtfix

    recs = load(split)
    n = len(recs)
    mt_hits = pe_hits = good = 0
    by_code: Counter[str] = Counter()
    by_entry_mt: Counter[str] = Counter()
    by_entry_pe: Counter[str] = Counter()
    pe_examples = []
    for r in recs:
        pe = detok(r["pe_tok"])
        issues = mtfix.check(r["mt"], select=["MT4"], source=r["src"])
        mt_hits += len(issues)
        for i in issues:
            by_code[i.code] += 1
            by_entry_mt[_entry_id(i.message)] += 1
            good += any(s.lower() in pe.lower() for s in i.suggestions if s)
        pe_iss = mtfix.check(pe, select=["MT4"], source=r["src"])
        pe_hits += len(pe_iss)
        by_entry_pe.update(_entry_id(i.message) for i in pe_iss)
        pe_examples += [(i.message, pe[i.start:i.end], pe) for i in pe_iss]
    print(f"split {split}: {n} sentences (pack chosen by detecting the source language)")
    print(f"MT4 hits per 1000 sentences: MT {1000 * mt_hits / n:.1f}  PE {1000 * pe_hits / n:.1f}  "
          f"ratio PE/MT {pe_hits / mt_hits if mt_hits else float('nan'):.3f}")
    print(f"suggestion precision (suggestion found in the post-edit): {good}/{mt_hits} = "
          f"{good / mt_hits if mt_hits else float('nan'):.3f}")
    for code, k in sorted(by_code.items()):
        print(f"  {code}: {k}")
    print("per entry (MT hits / PE hits):")
    for eid in sorted(set(by_entry_mt) | set(by_entry_pe), key=lambda e: -by_entry_mt[e] - by_entry_pe[e]):
        print(f"  {eid:40} {by_entry_mt[eid]:4d} {by_entry_pe[eid]:4d}")
    for msg, span, pe in pe_examples[:samples]:
        print(f"  PE hit {span!r}: {msg} | {pe[:110]}")


def _entry_id(message: str) -> str:
    return message.rsplit("[", 1)[-1].rstrip("]") if message.endswith("]") else "?"


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["mine", "measure"])
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--min", type=int, default=3)
    ap.add_argument("--split", default="train")
    ap.add_argument("--samples", type=int, default=15)
    a = ap.parse_args()
    if a.split == "dev" and a.mode == "mine":
        sys.exit("mine only on train: dev is for measuring")
    mine(a.top, a.min) if a.mode == "mine" else measure(a.split, a.samples)
