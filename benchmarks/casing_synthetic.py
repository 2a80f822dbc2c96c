#!/usr/bin/env python3
"""Recall and collateral damage of the safe casing/script fixes on injected artefacts.

  python benchmarks/casing_synthetic.py [--split train,dev] [--seed 0]

The MLQE-PE MT has almost none of the artefacts MT2xx/MT6xx repair, so dev_rules.py cannot show
whether they work. Here human post-edits (correct English) get one artefact each, of the kinds MT
produces: a casing-table name with its first word lower-cased ("defense Ministry"), an acronym
in lower case ("nato"; "us" only after "the"), a title with a capitalised head ("prime
Minister"), one Latin letter swapped for its Cyrillic twin ("Мoscow"). Then `mtfix.fix --select
MT2,MT6` runs on the corrupted sentence. Prints, per kind: sentences, restored exactly to the
post-edit, and changed elsewhere (an edit the corruption did not ask for); plus the untouched
post-edits the fixer changes at all.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

import mtfix  # noqa: E402
from _data import detok, load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
_CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}


def corruptions(text: str, table: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, corrupted text) for every artefact this sentence can carry."""
    out = []
    for name in table["names"]:
        m = re.search(rf"\b{re.escape(name)}\b", text)
        if m and " " in name:
            first = name.split(" ")[0]
            bad = first.lower() + name[len(first):]
            if bad != name:
                out.append(("name", text[:m.start()] + bad + text[m.end():]))
    for acr in table["acronyms"]:
        m = re.search(rf"(?<![\w.]){re.escape(acr)}(?![\w.])", text)
        if m:
            out.append(("acronym", text[:m.start()] + acr.lower() + text[m.end():]))
    m = re.search(r"\bthe US (?=[a-z])", text)
    if m:
        out.append(("acronym-us", text[:m.start()] + "the us " + text[m.end():]))
    for title in table["titles"]:
        m = re.search(rf"\b{re.escape(title)}\b(?! [A-Z])", text)
        if m and " " in title:
            head = title.split(" ")[-1]
            bad = title[:-len(head)] + head.capitalize()
            out.append(("title", text[:m.start()] + bad + text[m.end():]))
    words = [m for m in re.finditer(r"\b[A-Za-z]{4,}\b", text)]
    rng.shuffle(words)
    for m in words[:1]:
        k = next((i for i, ch in enumerate(m.group()) if ch in _CYR), None)
        if k is not None:
            p = m.start() + k
            out.append(("lookalike", text[:p] + _CYR[text[p]] + text[p + 1:]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train,dev")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    table = yaml.safe_load((ROOT / "rules" / "en" / "casing.yaml").read_text(encoding="utf-8"))
    pes = [detok(r["pe_tok"]) for s in a.split.split(",") for r in load(s)]
    total, restored, collateral = Counter(), Counter(), Counter()
    samples: list[str] = []
    for pe in pes:
        for kind, bad in corruptions(pe, table, rng):
            total[kind] += 1
            got = mtfix.fix(bad, select="MT2,MT6").text
            restored[kind] += got == pe
            if got != pe and got != bad:
                collateral[kind] += 1
                if len(samples) < 8:
                    samples.append(f"  {kind}: {bad[:90]!r} -> {got[:90]!r}")
    untouched = sum(mtfix.fix(p, select="MT2,MT6").text != p for p in pes)
    print(f"post-edits {len(pes)} ({a.split})")
    for kind in sorted(total):
        print(f"  {kind:11} injected {total[kind]:4d}  restored {restored[kind]:4d} "
              f"({100 * restored[kind] / total[kind]:.0f}%)  wrong change {collateral[kind]}")
    print(f"clean post-edits changed by the fixer: {untouched}/{len(pes)}")
    if samples:
        print("wrong changes:")
        print("\n".join(samples))
    print(f"RESULT injected={sum(total.values())} restored={sum(restored.values())} "
          f"wrong={sum(collateral.values())} clean_changed={untouched}")


if __name__ == "__main__":
    main()
