#!/usr/bin/env python3
"""Seed article acceptance for the phrase packs (MT4xx) alone: items 18-43 of the gold file.

  python benchmarks/seed_packs.py

For each `suggest`/`flag` item: is it flagged by an MT4 issue overlapping its span, and (for
`suggest`) does applying one of the offered suggestions put one of the item's `accept` phrases
into the text? Other families (MT801 fluency, MT2xx/MT6xx) may cover some items as well; this
script shows what the packs do on their own.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import mtfix  # noqa: E402
from _data import SHARED  # noqa: E402


def main() -> int:
    text = (SHARED / "seed" / "kaliningrad-mt.txt").read_text(encoding="utf-8")
    gold = yaml.safe_load((SHARED / "seed" / "kaliningrad-gold.yaml").read_text(encoding="utf-8"))["items"]
    issues = mtfix.check(text, source_lang="ru", select=["MT4"])
    flagged = offered = need = total = 0
    for g in gold:
        if not 18 <= g["id"] <= 43 or g["level"] not in ("suggest", "flag"):
            continue
        total += 1
        pos, start = -1, 0
        for _ in range(g["occurrence"]):
            pos = text.index(g["span"], start)
            start = pos + 1
        end = pos + len(g["span"])
        hits = [i for i in issues if i.start < end and pos < i.end]
        ok = None
        if g["level"] == "suggest":
            need += 1
            low = [a.lower().replace("’", "'") for a in g["accept"]]
            ok = any(any(a in (text[:i.start] + s + text[i.end:])[max(0, pos - 60):end + 80].lower().replace("’", "'")
                         for a in low) for i in hits for s in i.suggestions)
            offered += ok
        flagged += bool(hits)
        state = ("flagged" if hits else "MISSED") + ("" if ok is None else ", accept offered" if ok else ", NO accept")
        print(f"{g['id']:>3} {g['level']:8} {state:28} {g['span']!r} -> "
              f"{[s for i in hits for s in i.suggestions[:2]]}")
    print(f"RESULT MT4 flagged {flagged}/{total} suggest/flag items 18-43; accept phrase offered {offered}/{need}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
