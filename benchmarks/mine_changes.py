#!/usr/bin/env python3
"""Where the next rule should come from: what post-editors change, what experts mark that no
rule covers, and how often each rule fires on MT versus on the human repair.

  python benchmarks/mine_changes.py changes [--pair all] [--split train] [--top 40]
  python benchmarks/mine_changes.py spans [--top 40]
  python benchmarks/mine_changes.py rates [--pair all] [--split train] [--limit 3000]

``changes`` aligns each MLQE-PE MT sentence with its post-edit (difflib over Moses tokens) and
prints, per pair, the most frequent MT -> post-edit replacements (up to three tokens a side).
``spans`` lists the MQM news20 zh-en expert spans (Fluency/* and Style/Awkward) that no mtfix
issue overlaps, most frequent first: the errors experts see and mtfix does not.
``rates`` runs mtfix on the MT and on the detokenized post-edit of each pair (links and tags the
tokenizer split rejoined) and prints, per rule,
issues per 1,000 sentences on each and their ratio (a precise rule fires far less on the
post-edit; the target is at most a third of the MT rate). It ends with one RESULT line.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import PAIRS, detok, load, load_mqm  # noqa: E402


def _replacements(mt: list[str], pe: list[str]):
    sm = difflib.SequenceMatcher(a=mt, b=pe, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal" and i2 - i1 <= 3 and j2 - j1 <= 3:
            yield " ".join(mt[i1:i2]) or "∅", " ".join(pe[j1:j2]) or "∅"


def cmd_changes(args) -> None:
    total = 0
    for pair in _pairs(args.pair):
        counts: Counter = Counter()
        for r in load(args.split, pair):
            if r.get("hter", 0) > 0:
                counts.update(_replacements(r["mt_tok"].split(), r["pe_tok"].split()))
        total += sum(counts.values())
        print(f"== {pair} {args.split}: {sum(counts.values())} replacements")
        for (a, b), n in counts.most_common(args.top):
            print(f"{n:6d}  {a!r} -> {b!r}")
    print(f"RESULT command=changes pairs={len(_pairs(args.pair))} replacements={total}")


def cmd_spans(args) -> None:
    import mtfix

    missed: Counter = Counter()
    gold = found = 0
    for s in load_mqm(False)[:args.limit]:
        spans = [e for e in s["errors"] if e["start"] is not None
                 and (e["category"].startswith("Fluency/") or e["category"] == "Style/Awkward")]
        if not spans:
            continue
        issues = mtfix.check(s["mt"], source=s["src"], source_lang="zh")
        for e in spans:
            gold += 1
            if any(i.start < e["end"] and e["start"] < i.end for i in issues):
                found += 1
            else:
                missed[(e["category"], s["mt"][e["start"]:e["end"]].strip().lower()[:40])] += 1
    for (cat, text), n in missed.most_common(args.top):
        print(f"{n:6d}  {cat:24} {text!r}")
    print(f"RESULT command=spans gold={gold} found={found} recall={found / max(1, gold):.4f}")


# MLQE-PE ships the post-edits Moses-tokenized only, and the detokenizer cannot rejoin what the
# tokenizer split inside a link, a tag or a clock time ("https: / / vk.com / x", "< i >",
# "15: 00"): the post-editor wrote them whole, so ``rates`` rejoins them before checking (else
# MT707, MT702 and MT311 count them).
_SPLIT_LINK = re.compile(r"\b(https?|ftp): / / (\S+(?: [/_] \S+)*)")
_SPLIT_TAG = re.compile(r"< (/ )?([a-z]+) >")
_SPLIT_TIME = re.compile(r"(?<![\d:])(\d{1,2}): (\d\d)\b")     # "15 : 00" detokenizes to "15: 00"


def _post_edit(pe_tok: str) -> str:
    text = detok(pe_tok)
    text = _SPLIT_LINK.sub(lambda m: f"{m.group(1)}://" + re.sub(r" ([/_]) ", r"\1", m.group(2)), text)
    text = _SPLIT_TAG.sub(lambda m: f"<{'/' if m.group(1) else ''}{m.group(2)}>", text)
    return _SPLIT_TIME.sub(r"\1:\2", text)


def cmd_rates(args) -> None:
    import mtfix

    worst = 0.0
    for pair in _pairs(args.pair):
        lang = pair.split("-")[0]
        on_mt: Counter = Counter()
        on_pe: Counter = Counter()
        recs = load(args.split, pair)[:args.limit]
        for r in recs:
            on_mt.update(i.code for i in mtfix.check(r["mt"], source=r["src"], source_lang=lang))
            on_pe.update(i.code for i in mtfix.check(_post_edit(r["pe_tok"]), source=r["src"], source_lang=lang))
        n = len(recs)
        print(f"== {pair} {args.split}: {n} sentences; issues per 1,000 (MT / post-edit / ratio)")
        for code in sorted(set(on_mt) | set(on_pe)):
            a, b = 1000 * on_mt[code] / n, 1000 * on_pe[code] / n
            print(f"   {code}  {a:7.1f}  {b:7.1f}  {b / a if a else float('inf'):5.2f}")
        a, b = sum(on_mt.values()) / n, sum(on_pe.values()) / n
        ratio = b / a if a else float("nan")
        worst = max(worst, ratio) if ratio == ratio else worst
        print(f"   all    {1000 * a:7.1f}  {1000 * b:7.1f}  {ratio:5.2f}")
    print(f"RESULT command=rates split={args.split} worst_pe_to_mt_ratio={worst:.4f}")


def _pairs(pair: str) -> tuple[str, ...]:
    return PAIRS if pair == "all" else (pair.split("-")[0],)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("changes", "spans", "rates"))
    ap.add_argument("--pair", default="all")
    ap.add_argument("--split", default="train")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--limit", type=int, default=3000)
    args = ap.parse_args()
    {"changes": cmd_changes, "spans": cmd_spans, "rates": cmd_rates}[args.command](args)


if __name__ == "__main__":
    main()
