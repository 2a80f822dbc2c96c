"""Which LanguageTool rules stay quiet on human translations into a target other than English?

    MTFIX_LANGUAGETOOL_URL=$(scripts/languagetool-server start de) python benchmarks/languagetool_targets.py

German (the target the shared data has human translations of): every rule LanguageTool 6.6 runs
by default, on human text that should be clean (MLQE-PE en-de dev post-edits; the WMT21 news
human references ref.A and ref.B) and on MT (MLQE-PE en-de dev MT; three WMT21 news systems with
one expert's MQM spans). Per rule: human segments flagged, MT segments flagged, and the share of
its news MT matches on an expert span. Prints the rules to keep (quiet on human text: at most
KEEP_HUMAN of human segments, and more often on MT than on human text) and one RESULT line.
"""
from __future__ import annotations

import bisect
import collections
import json
import os
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._data import SHARED  # noqa: E402

KEEP_HUMAN = 0.002     # a rule may flag at most 0.2% of human segments
SAMPLE = 600          # segments of each set (LanguageTool's German rules take ~0.1-1 s a sentence here)
BATCH = 20
# Style advice, not an error in a translation: a word repeated across sentences
STYLE = {"DE_REPEATEDWORDS_LEIDER", "DE_REPEATEDWORDS_NUN", "DE_REPEATEDWORDS_MEIST", "DE_REPEATEDWORDS_INSBESONDERE"}
NEWS_SYSTEMS = ("hyp.Online-W", "hyp.UEdin", "hyp.eTranslation")


def ask(url: str, text: str, lang: str) -> list[dict]:
    data = urllib.parse.urlencode({"language": lang, "text": text}).encode()
    with urllib.request.urlopen(url + "/v2/check", data, timeout=60) as r:
        return json.load(r)["matches"]


def sets() -> dict[str, list[tuple[str, list]]]:
    from sacremoses import MosesDetokenizer

    md = MosesDetokenizer(lang="de")
    mlqe = [json.loads(x) for x in open(SHARED / "data" / "mlqe-pe-en-de" / "dev.jsonl", encoding="utf-8")]
    news = [json.loads(x) for x in open(SHARED / "data" / "mqm-en-de-news21" / "segments.jsonl", encoding="utf-8")]
    return {"human_pe": [(md.detokenize(r["pe_tok"].split()), []) for r in mlqe],
            # ref.A and ref.B interleaved, so a sample has both translators
            "human_ref": [(s["mt"], []) for s in sorted((s for s in news if s["system"] in ("ref.A", "ref.B")),
                                                        key=lambda s: (s["seg_id"], s["system"]))],
            "mt_mlqe": [(r["mt"], []) for r in mlqe],
            "mt_news": [(s["mt"], [(e["start"], e["end"]) for e in s["errors"] if e["start"] is not None])
                        for s in sorted((s for s in news if s["system"] in NEWS_SYSTEMS),
                                        key=lambda s: (s["seg_id"], s["system"]))]}


def main() -> None:
    url = os.environ.get("MTFIX_LANGUAGETOOL_URL", "").rstrip("/")
    if not url:
        sys.exit("set MTFIX_LANGUAGETOOL_URL (scripts/languagetool-server start de)")
    per: dict[str, dict[str, collections.Counter]] = {}
    on_span = collections.Counter()
    sizes = {}
    for name, rows in sets().items():
        rows = rows[:SAMPLE]
        sizes[name] = len(rows)
        per[name] = collections.Counter()
        # BATCH segments a request, one paragraph each (a request costs far more than a sentence)
        chunks = [rows[i:i + BATCH] for i in range(0, len(rows), BATCH)]
        with ThreadPoolExecutor(2) as pool:
            answers = pool.map(lambda c: ask(url, "\n\n".join(t for t, _ in c), "de-DE"), chunks)
            for chunk, matches in zip(chunks, answers):
                starts, pos = [], 0
                for t, _ in chunk:
                    starts.append(pos)
                    pos += len(t) + 2
                seen = set()
                for m in matches:
                    k = bisect.bisect_right(starts, m["offset"]) - 1
                    text, spans = chunk[k]
                    rid = m["rule"]["id"]
                    if name == "mt_news":
                        a = m["offset"] - starts[k]
                        b = a + m["length"]
                        on_span[rid] += any(a < e and s < b for s, e in spans)
                        per.setdefault("mt_news_matches", collections.Counter())[rid] += 1
                    if (k, rid) not in seen:
                        per[name][rid] += 1
                        seen.add((k, rid))
    rules = sorted(set().union(*(c for c in per.values())))
    human_n = sizes["human_pe"] + sizes["human_ref"]
    mt_n = sizes["mt_mlqe"] + sizes["mt_news"]
    keep, noisy = [], []
    print("rule  human_pe human_ref mt_mlqe mt_news on_span")
    for r in rules:
        h = per["human_pe"][r] + per["human_ref"][r]
        t = per["mt_mlqe"][r] + per["mt_news"][r]
        nm = per.get("mt_news_matches", {}).get(r, 0)
        print(f"{r:40s} {per['human_pe'][r]:4d} {per['human_ref'][r]:4d} {per['mt_mlqe'][r]:4d} "
              f"{per['mt_news'][r]:4d} {on_span[r]}/{nm}")
        (keep if h / human_n <= KEEP_HUMAN and t / mt_n > h / human_n and r not in STYLE else noisy).append(r)
    print("keep:", " ".join(keep))
    print("noisy:", " ".join(noisy))
    flagged = {k: sum(per[k][r] for r in keep) for k in per if k != "mt_news_matches"}
    print(f"RESULT human_segments={human_n} kept_rules={len(keep)} noisy_rules={len(noisy)} "
          f"kept_flags_human={(flagged['human_pe'] + flagged['human_ref']) / human_n:.4f} "
          f"all_flags_human={sum(per['human_pe'].values()) / sizes['human_pe']:.4f}")


if __name__ == "__main__":
    main()
