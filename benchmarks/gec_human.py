#!/usr/bin/env python3
"""How often do the learner-English rules (spelling, LM candidate edits) fire on human English?

  python benchmarks/gec_human.py [--select MT103,MT104,MT52] [--per-pair 1500] [--show N]

Human text: MLQE-PE post-edits of the five x-en *train* splits (`pe_tok`, detokenized with
sacremoses) and the MQM news20 human translations (zh-en). Only the selected codes run (no
source: as for any English a user checks). Each issue is a false alarm unless the human text
itself has a slip; the thresholds of rules/en/spelling.yaml and rules/en/lmedits.yaml are chosen
on these figures (JFLEG is evaluation only). Prints issues per 1000 sentences per set and a
sample of flagged words, and ends with `RESULT sentences=... flagged_share=... per_1000=...`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mtfix  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
PAIRS = ("ru", "et", "ne", "ro", "si")


def human_sets(per_pair: int) -> dict[str, list[str]]:
    from sacremoses import MosesDetokenizer

    detok = MosesDetokenizer(lang="en")
    out = {}
    for p in PAIRS:
        rows = [json.loads(l) for l in open(DATA / f"mlqe-pe-{p}-en" / "train.jsonl", encoding="utf-8")]
        out[f"pe-{p}"] = [detok.detokenize(r["pe_tok"].split()) for r in rows[:per_pair]]
    refs = []
    for line in open(DATA / "mqm-zh-en-news20" / "segments.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r.get("human"):
            refs.append(r["mt"])
        if len(refs) >= per_pair:
            break
    out["mqm-human"] = refs
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select", default="MT103,MT104")
    ap.add_argument("--per-pair", type=int, default=1500)
    ap.add_argument("--show", type=int, default=30)
    a = ap.parse_args()
    select = a.select.split(",")
    total = flagged = issues = 0
    seen: Counter = Counter()
    parts = []
    for name, sents in human_sets(a.per_pair).items():
        n_iss = n_flag = 0
        for s in sents:
            found = mtfix.check(s, select=select)
            n_iss += len(found)
            n_flag += bool(found)
            for i in found:
                seen[f"{i.code} {s[i.start:i.end]}->{i.suggestions[0] if i.suggestions else ''}"] += 1
        total += len(sents)
        flagged += n_flag
        issues += n_iss
        parts.append(f"{name}={1000 * n_iss / max(len(sents), 1):.1f}")
        print(f"{name}: {len(sents)} sentences, {n_iss} issues, {n_flag} flagged", flush=True)
    for k, c in seen.most_common(a.show):
        print(f"  {c:3d} {k}")
    print(f"RESULT sentences={total} flagged_share={flagged / max(total, 1):.4f} "
          f"per_1000={1000 * issues / max(total, 1):.2f} " + " ".join(parts))


if __name__ == "__main__":
    main()
