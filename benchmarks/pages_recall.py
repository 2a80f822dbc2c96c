#!/usr/bin/env python3
"""How much of a reviewer's count does mtfix find on realistic MT pages? Recall on keyed pages.

    python benchmarks/pages_recall.py [--set 1|2|...|53] [--source-lang] [--show]

benchmarks/pages/setN/ holds six English pages that look like raw MT output from six source
languages and domains, and key.tsv: page, the erroneous span (verbatim, once in its page), a
category and the correction. They were written for issue 22 by helpers that saw neither mtfix's
code nor its rules; each set was measured before anything was fitted to it (stop 40's closing note
gives the figures of sets 1-3, stop 41's those of sets 4-8, stop 42's those of sets 9-18, stop
43's those of sets 19-23, stop 44's those of sets 24-29, stop 45's those of sets 30-33, stop 46's
those of sets 34-37, stop 47's those of sets 38-45, stop 48's those of sets 46-49, stop 49's those
of sets 50-53; set 6 was kept unseen to the end of stop 41, sets 12, 16 and 18 to the end of stop
42, sets 21-23 to the end of stop 43, sets 26-29 to the end of stop 44, sets 32-33 to the end of
stop 45, sets 36-37 to the end of stop 46, sets 40, 41, 44 and 45 to the end of stop 47, sets
47-49 to the end of stop 48, sets 48, 49, 52 and 53 to the end of stop 49 (but for the
false-friend misses of 48-49)), so they now serve as a regression measure, not a held-out one.

A key span is found when an issue overlaps it; an issue that overlaps no key span is counted as
"off-key" (a false alarm, or an error the key left out). --source-lang passes each page's source
language (the calque packs on). Prints a line per page, the total and the recall per category,
and ends with `RESULT key=... found=... recall=... issues=... off_key=...`.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import mtfix  # noqa: E402

HERE = Path(__file__).resolve().parent / "pages"
SOURCES = {"1": ("es", "de", "zh", "fr", "ru", "pt"), "2": ("it", "nl", "ja", "es", "pl", "tr"),
           "3": ("ko", "fr", "ru", "de", "zh", "ar"), "4": ("sv", "pt", "cs", "vi", "el", "hi"),
           "5": ("de", "es", "zh", "fr", "ru", "ja"), "6": ("tr", "id", "uk", "ko", "it", "ar"),
           "7": ("hu", "fi", "th", "fa", "ro", "bg"), "8": ("nl", "sk", "ja", "he", "sr", "pt"),
           "9": ("uk", "id", "th", "fa", "hu", "fi"), "10": ("ro", "da", "bg", "ko", "es", "zh"),
           "11": ("pl", "tr", "vi", "pt", "ja", "ar"), "12": ("de", "fr", "it", "ru", "zh", "es"),
           "13": ("zh", "de", "ja", "es", "fr", "ru"), "14": ("ko", "pt", "it", "nl", "tr", "vi"),
           "15": ("fr", "ru", "zh", "de", "es", "ja"), "16": ("pt", "pl", "ko", "it", "uk", "zh"),
           "17": ("de", "es", "zh", "ru", "fr", "ja"), "18": ("it", "tr", "ko", "pt", "cs", "id"),
           "19": ("sv", "el", "he", "ja", "ru", "es"), "20": ("de", "zh", "fr", "ko", "pt", "pl"),
           "21": ("it", "tr", "vi", "nl", "ar", "cs"), "22": ("fr", "ru", "zh", "de", "ja", "es"),
           "23": ("ko", "pt", "pl", "id", "uk", "it"), "24": ("fr", "zh", "de", "ru", "es", "ja"),
           "25": ("ko", "it", "pt", "tr", "ar", "nl"), "26": ("pl", "uk", "vi", "id", "th", "cs"),
           "27": ("hu", "ro", "el", "sv", "he", "fa"), "28": ("es", "zh", "fr", "ru", "ja", "de"),
           "29": ("pt", "ko", "it", "pl", "tr", "vi"), "30": ("da", "ja", "es", "ru", "pt", "fi"),
           "31": ("de", "zh", "fr", "ko", "it", "tr"), "32": ("pl", "vi", "nl", "ar", "cs", "id"),
           "33": ("sv", "uk", "el", "hi", "hu", "ro"), "34": ("es", "de", "ja", "pt", "it", "ko"),
           "35": ("fr", "zh", "ru", "tr", "nl", "pl"), "36": ("ar", "vi", "th", "cs", "fi", "id"),
           "37": ("hi", "uk", "sv", "el", "hu", "ro"), "38": ("ja", "de", "es", "fa", "bg", "ko"),
           "39": ("zh", "fr", "pt", "he", "sk", "da"), "40": ("ru", "it", "tr", "sr", "th", "nl"),
           "41": ("pl", "vi", "id", "ar", "hi", "fi"), "42": ("es", "ko", "de", "ru", "it", "zh"),
           "43": ("pt", "ja", "pl", "tr", "fr", "vi"), "44": ("nl", "el", "cs", "uk", "id", "hi"),
           "45": ("ar", "th", "fi", "sv", "ro", "hu"),
           "46": ("ja", "de", "zh", "es", "ru", "ko"), "47": ("fr", "pt", "it", "pl", "tr", "vi"),
           "48": ("nl", "cs", "uk", "id", "hi", "ar"), "49": ("sv", "th", "he", "bg", "fa", "da"),
           "50": ("es", "ko", "de", "ru", "pt", "ja"), "51": ("zh", "fr", "it", "tr", "pl", "vi"),
           "52": ("nl", "ar", "id", "cs", "uk", "hi"), "53": ("fi", "he", "th", "el", "hu", "ro")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", action="append", choices=sorted(SOURCES, key=int), help="default: every set")
    ap.add_argument("--source-lang", action="store_true", help="give each page's source language")
    ap.add_argument("--show", action="store_true", help="print the missed spans and the off-key issues")
    a = ap.parse_args()
    total = found = issues_n = off = 0
    by_cat, by_cat_found = collections.Counter(), collections.Counter()
    for name in a.set or sorted(SOURCES, key=int):
        folder = HERE / f"set{name}"
        key = collections.defaultdict(list)
        for line in (folder / "key.tsv").read_text(encoding="utf-8").splitlines():
            page, span, cat = line.split("\t")[:3]
            key[int(page)].append((span, cat))
        for page, lang in enumerate(SOURCES[name], 1):
            text = (folder / f"page{page}.txt").read_text(encoding="utf-8")
            issues = mtfix.check(text, source_lang=lang if a.source_lang else None)
            spans = [(text.index(s), text.index(s) + len(s), s, c) for s, c in key[page]]
            hit = lambda i, s, e: i.start < e and s < max(i.end, i.start + 1)   # noqa: E731
            got = 0
            for s, e, span, cat in spans:
                ok = any(hit(i, s, e) for i in issues)
                got += ok
                by_cat[cat] += 1
                by_cat_found[cat] += ok
                if a.show and not ok:
                    print(f"  missed set{name} page{page} [{cat}] {span!r}")
            stray = [i for i in issues if not any(hit(i, s, e) for s, e, _, _ in spans)]
            if a.show:
                for i in stray:
                    print(f"  off-key set{name} page{page} {i.code} {text[i.start:i.end]!r}")
            print(f"set{name} page{page} ({lang}): key {len(spans)} found {got} issues {len(issues)} off-key {len(stray)}")
            total, found, issues_n, off = total + len(spans), found + got, issues_n + len(issues), off + len(stray)
    print("by category: " + ", ".join(f"{c} {by_cat_found[c]}/{n}" for c, n in by_cat.most_common()))
    print(f"RESULT key={total} found={found} recall={found / total:.4f} issues={issues_n} off_key={off}")


if __name__ == "__main__":
    main()
