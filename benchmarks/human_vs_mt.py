"""How much more often mtfix flags machine translation than human translation of the same source.

    python benchmarks/human_vs_mt.py [--set news20|news21-ende|ted21-enru] [--limit N] [--by-rule]

The MQM sets (../shared/data/mqm-*) hold, for each source sentence, the outputs of several MT
systems and one or more human translations, all rated by experts. A checker that finds MT errors
flags the MT more often than the humans' translations of the very same sentences; a checker that
reacts to topic, length or style flags both alike. Issue 22 asks that the human translations'
issue rate stay at most half of MT's (``ratio <= 0.5``). Each distinct (target, source) is checked
once, with its source and source language, as ``mtbench.py detect`` does.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import mtfix

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = {"news20": ("mqm-zh-en-news20", "zh", "en"), "news21-ende": ("mqm-en-de-news21", "en", "de"),
        "ted21-enru": ("mqm-en-ru-ted21", "en", "ru")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="news20", choices=sorted(SETS))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--by-rule", action="store_true")
    a = ap.parse_args()
    folder, src_lang, tgt = SETS[a.set]
    segs = [json.loads(line) for line in open(DATA / folder / "segments.jsonl", encoding="utf-8")]
    segs = segs[: a.limit]
    stats = {True: Counter(), False: Counter()}
    rules = {True: Counter(), False: Counter()}
    cache: dict[tuple[str, str], list] = {}
    for s in segs:
        human = bool(s.get("human"))
        key = (s["mt"], s["src"])
        if key not in cache:
            cache[key] = mtfix.check(s["mt"], source=s["src"], source_lang=src_lang, target_lang=tgt)
        issues = cache[key]
        st = stats[human]
        st["segments"] += 1
        st["issues"] += len(issues)
        st["flagged"] += bool(issues)
        rules[human].update(i.code for i in issues)
    rate = {h: stats[h]["issues"] / max(1, stats[h]["segments"]) for h in (True, False)}
    share = {h: stats[h]["flagged"] / max(1, stats[h]["segments"]) for h in (True, False)}
    if a.by_rule:
        for code in sorted(set(rules[True]) | set(rules[False])):
            h = rules[True][code] / max(1, stats[True]["segments"])
            m = rules[False][code] / max(1, stats[False]["segments"])
            print(f"{code}: human {h:.4f}/seg  mt {m:.4f}/seg  ratio {h / m if m else float('inf'):.2f}")
    print(f"RESULT set={a.set} human_segments={stats[True]['segments']} mt_segments={stats[False]['segments']} "
          f"human_issues_per_seg={rate[True]:.4f} mt_issues_per_seg={rate[False]:.4f} "
          f"ratio={rate[True] / max(rate[False], 1e-9):.3f} human_flagged={share[True]:.4f} "
          f"mt_flagged={share[False]:.4f} flagged_ratio={share[True] / max(share[False], 1e-9):.3f}")


if __name__ == "__main__":
    main()
