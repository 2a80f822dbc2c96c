"""Is LanguageTool worth turning on for MT output, and with which rules?

Side by side in one run, on samples of the dev data (../shared/data, not shipped): LanguageTool
with its defaults, LanguageTool with mtfix's curated "mt" profile (and the opt-in "mt-names"),
mtfix alone, and mtfix with the curated LanguageTool (what ``--languagetool URL`` gives a user).

- MQM news20 zh-en (machine outputs): span precision (issues on an expert error span / issues)
  and span recall (expert spans touched by an issue / expert spans), matched as
  ``../shared/tools/mtbench.py detect`` matches them (any overlap).
- MQM news20 human translations: issues per 100 segments (false alarms on good English).
- MLQE-PE dev, five pairs: issues per 100 sentences on the MT and on its human post-edit
  (detokenized); a useful check flags the MT more often than the post-edit (ratio > 1).
- Speed: sentences per second over all of the above, each text checked the way the CLI checks a
  file (documents of 50 segments, one LanguageTool request per document).

Samples keep it to a few minutes on 2 shared cores: ``--news`` machine segments (every k-th
across all ten systems), ``--human`` human translations, ``--per-pair`` sentences per pair.
``--by-rule`` adds the per-rule table the curated profile was chosen from.

    scripts/languagetool-server start          # prints URL
    python benchmarks/languagetool_compare.py --url URL [--by-rule]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._data import SHARED, detok  # noqa: E402

from mtfix.model import Segment  # noqa: E402
from mtfix.options import Options  # noqa: E402
from mtfix.pipeline import check_segments  # noqa: E402
from mtfix.protect import plain_protected  # noqa: E402

PAIRS = ("ru", "et", "ne", "ro", "si")
DOC = 50   # segments per checked "document"
SYSTEMS = {   # name -> (run mtfix's own rules, LanguageTool profile or None)
    "lt-default": (False, "default"),
    "lt-curated": (False, "mt"),
    "lt-names": (False, "mt-names"),     # the opt-in profile: spelling matches on names too
    "mtfix": (True, None),
    "mtfix+lt": (True, "mt"),
    "mtfix+lt-names": (True, "mt-names"),
}


def sample(rows: list, n: int) -> list:
    """Every k-th row: spread over systems, documents and topics, the same rows every run."""
    step = max(1, len(rows) // n) if n else 1
    return rows[::step][:n]


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def datasets(args) -> dict[str, list[tuple[str, str | None, str]]]:
    """name -> [(text, source, source language)]; news MT rows keep their expert spans aside."""
    news = read(SHARED / "data" / "mqm-zh-en-news20" / "segments.jsonl")
    mt = sample([s for s in news if not s.get("human")], args.news)
    human = sample([s for s in news if s.get("human")], args.human)
    out = {"news-mt": [(s["mt"], s["src"], "zh") for s in mt],
           "news-human": [(s["mt"], s["src"], "zh") for s in human]}
    for pair in PAIRS:
        rows = sample(read(SHARED / "data" / f"mlqe-pe-{pair}-en" / "dev.jsonl"), args.per_pair)
        out[f"{pair}-mt"] = [(r["mt"], r["src"], pair) for r in rows]
        out[f"{pair}-pe"] = [(detok(r["pe_tok"]), r["src"], pair) for r in rows]
    gold = [[(e["start"], e["end"]) for e in s["errors"] if e["start"] is not None] for s in mt]
    return out, gold


def run(system: str, items, url: str) -> tuple[list[list[tuple[int, int, str]]], float]:
    own, profile = SYSTEMS[system]
    extra = {"languagetool": url, "languagetool_rules": (profile,)} if profile else {}
    lang = items[0][2] if items else None
    options = Options(select=None if own else ("LT:",), source_lang=lang, extra=extra)
    out: list[list[tuple[int, int, str]]] = []
    t = time.perf_counter()
    for k in range(0, len(items), DOC):
        segs = [Segment(text, source=src, source_lang=lang, protected=plain_protected(text))
                for text, src, _ in items[k:k + DOC]]
        for issues in check_segments(segs, options):
            out.append([(i.start, i.end, i.code) for i in issues])
    return out, time.perf_counter() - t


def span_scores(found, gold) -> tuple[float, float, int]:
    over = lambda a, e: a[0] < e[1] and e[0] < a[1]   # noqa: E731 (mtbench's matching)
    n = sum(len(f) for f in found)
    hit = sum(any(over(a, e) for e in g) for f, g in zip(found, gold) for a in f)
    got = sum(any(over(a, e) for a in f) for f, g in zip(found, gold) for e in g)
    total = sum(len(g) for g in gold)
    return (hit / n if n else float("nan")), (got / total if total else float("nan")), n


def per100(found) -> float:
    return 100 * sum(len(f) for f in found) / max(1, len(found))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default=os.environ.get("MTFIX_LANGUAGETOOL_URL"),
                    help="a running LanguageTool server (scripts/languagetool-server start)")
    ap.add_argument("--news", type=int, default=1000)
    ap.add_argument("--human", type=int, default=300)
    ap.add_argument("--per-pair", type=int, default=300)
    ap.add_argument("--by-rule", action="store_true", help="per-rule table of LanguageTool's defaults")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    args = ap.parse_args()
    if not args.url:
        print("languagetool_compare: give --url (start one with scripts/languagetool-server start)",
              file=sys.stderr)
        return 2
    data, gold = datasets(args)
    n_sent = sum(len(v) for v in data.values())
    print(f"samples: news20 MT {len(data['news-mt'])} segments ({sum(map(len, gold))} expert spans), "
          f"human {len(data['news-human'])}, MLQE-PE dev {args.per_pair} x MT and post-edit x "
          f"{len(PAIRS)} pairs; {n_sent} texts per system")
    systems = [s for s in args.systems.split(",") if s in SYSTEMS]
    res: dict[str, dict] = {}
    raw: dict[str, dict] = {}
    for system in systems:
        found, secs = {}, 0.0
        for name, items in data.items():
            found[name], t = run(system, items, args.url)
            secs += t
        p, r, n = span_scores(found["news-mt"], gold)
        mt = [per100(found[f"{x}-mt"]) for x in PAIRS]
        pe = [per100(found[f"{x}-pe"]) for x in PAIRS]
        res[system] = dict(span_p=p, span_r=r, issues=n, human=per100(found["news-human"]),
                           mt=sum(mt) / len(mt), pe=sum(pe) / len(pe),
                           ratio=sum(mt) / sum(pe) if sum(pe) else float("nan"),
                           pairs=[(a / b if b else float("nan")) for a, b in zip(mt, pe)],
                           sps=n_sent / secs)
        raw[system] = found
    base = res[systems[0]]["sps"]
    print(f"\n{'system':12}{'span_P':>8}{'span_R':>8}{'issues':>8}{'human/100':>11}"
          f"{'MT/100':>8}{'PE/100':>8}{'MT:PE':>7}  {'MT:PE per pair ' + '/'.join(PAIRS):30}{'sent/s':>8}{'speed':>7}")
    for s in systems:
        v = res[s]
        pairs = " ".join(f"{x:.2f}" for x in v["pairs"])
        print(f"{s:12}{v['span_p']:8.3f}{v['span_r']:8.3f}{v['issues']:8d}{v['human']:11.1f}"
              f"{v['mt']:8.1f}{v['pe']:8.1f}{v['ratio']:7.2f}  {pairs:30}{v['sps']:8.1f}{v['sps'] / base:6.2f}x")
    if args.by_rule and "lt-default" in raw:
        by_rule(raw["lt-default"], gold)
    key = lambda s: s.replace("-", "_").replace("+", "_")   # noqa: E731
    fields = []
    for s in systems:
        v = res[s]
        fields += [f"{key(s)}_span_p={v['span_p']:.3f}", f"{key(s)}_span_r={v['span_r']:.3f}",
                   f"{key(s)}_human_per100={v['human']:.1f}", f"{key(s)}_mt_pe={v['ratio']:.2f}",
                   f"{key(s)}_sps={v['sps']:.1f}"]
    print("RESULT " + " ".join(fields))
    return 0


def by_rule(found: dict, gold) -> None:
    """Per LanguageTool rule: issues and expert-span hits on news MT, issues on human news,
    issues on MLQE MT vs post-edits (all pairs)."""
    over = lambda a, e: a[0] < e[1] and e[0] < a[1]   # noqa: E731
    stats: dict[str, Counter] = defaultdict(Counter)
    for f, g in zip(found["news-mt"], gold):
        for a in f:
            stats[a[2]]["news"] += 1
            stats[a[2]]["hit"] += any(over(a, e) for e in g)
    for name, col in (("news-human", "human"),) + tuple((f"{x}-mt", "mt") for x in PAIRS) \
            + tuple((f"{x}-pe", "pe") for x in PAIRS):
        for f in found[name]:
            for a in f:
                stats[a[2]][col] += 1
    print(f"\n{'rule (LanguageTool defaults)':40}{'news':>6}{'hit':>5}{'P':>6}{'human':>7}{'MT':>5}{'PE':>5}")
    for rule, c in sorted(stats.items(), key=lambda kv: -(kv[1]["news"] + kv[1]["mt"] + kv[1]["pe"])):
        p = c["hit"] / c["news"] if c["news"] else float("nan")
        print(f"{rule:40}{c['news']:6d}{c['hit']:5d}{p:6.2f}{c['human']:7d}{c['mt']:5d}{c['pe']:5d}")


if __name__ == "__main__":
    sys.exit(main())
