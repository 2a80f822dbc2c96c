#!/usr/bin/env python3
"""The API's fixed cost per call: `mtfix.check` once per sentence against once for the whole
text (the same sentences as one document, a blank line between them), warm, in one process.

  python benchmarks/api_calls.py [--split dev] [--limit 1000] [--runs 5] [--select ...]

Prints the time of each (best of --runs, alternated), the ratio, and the cost per call beyond
the document's. Ends with `RESULT per_sentence_s=... per_document_s=... ratio=... fixed_ms_per_call=...`.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtfix  # noqa: E402
from _data import load  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--select", default=None)
    a = ap.parse_args()
    sents = [r["mt"] for r in load(a.split)[:a.limit]]
    doc = "\n\n".join(sents)
    mtfix.check(doc, select=a.select)   # warm: rules, matcher, lexicon, LM loaded
    best = {"per sentence": float("inf"), "per document": float("inf")}
    for _ in range(a.runs):
        t = time.process_time()
        for s in sents:
            mtfix.check(s, select=a.select)
        best["per sentence"] = min(best["per sentence"], time.process_time() - t)
        t = time.process_time()
        mtfix.check(doc, select=a.select)
        best["per document"] = min(best["per document"], time.process_time() - t)
    ratio = best["per sentence"] / best["per document"]
    fixed = (best["per sentence"] - best["per document"]) / len(sents) * 1000
    for k, v in best.items():
        print(f"{k:13} {v:7.3f} s CPU ({len(sents)} sentences, best of {a.runs})")
    print(f"ratio {ratio:.2f}; fixed cost {fixed:.3f} ms per call")
    print(f"RESULT per_sentence_s={best['per sentence']:.3f} per_document_s={best['per document']:.3f} "
          f"ratio={ratio:.2f} fixed_ms_per_call={fixed:.3f}")


if __name__ == "__main__":
    main()
