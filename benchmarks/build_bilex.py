"""Build mtfix/data/bilex.json: word-translation lists per source language for the scorer.

    python benchmarks/build_bilex.py        # about a minute; needs wordfreq only through mtfix

IBM model 1 (Brown et al. 1993; six EM rounds, a NULL word) on human translations of train
data only: the source sentences and post-edits of the MLQE-PE train splits ru, et, ne, ro and
si -> en (Fomicheva et al. 2020, arXiv:2010.04480, CC0 1.0), and the source sentences and the
human reference translations of MQM zh-en newstest2020 (Freitag et al. 2021,
google/wmt-mqm-human-evaluation, Apache-2.0). Words are cut to their first mtfix.bilex.STEM
letters on both sides (Chinese per character), a language's commonest words are set aside as
function words, and each source word keeps its most likely English words (p >= P_MIN, at most
TOP_K). Only these word lists are stored, no sentences.
"""
from __future__ import annotations

import collections
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._data import PAIRS, ROOT, SHARED, detok, load, load_mqm  # noqa: E402

OUT = ROOT / "mtfix" / "data" / "bilex.json"
ROUNDS = 6
TOP_K = 5
P_MIN = 0.05
MIN_COUNT = 2        # source words seen once are mostly names, which tgt_cov matches by copy
STOP = {"zh": 150}   # commonest source words set aside (Chinese characters: more of them)
STOP_DEFAULT = 80


def ibm1(pairs: list[tuple[list[str], list[str]]]) -> dict[tuple[str, str], float]:
    """t(e | f) by expectation-maximisation, starting uniform."""
    t: dict[tuple[str, str], float] = collections.defaultdict(lambda: 1.0)
    for _ in range(ROUNDS):
        count: dict[tuple[str, str], float] = collections.defaultdict(float)
        total: dict[str, float] = collections.defaultdict(float)
        for fs, es in pairs:
            fs = fs + ["<null>"]
            for e in es:
                ws = [t[(f, e)] for f in fs]
                z = sum(ws)
                for f, w in zip(fs, ws):
                    count[(f, e)] += w / z
                    total[f] += w / z
        t = collections.defaultdict(float, {k: c / total[k[0]] for k, c in count.items()})
    return t


def build(lang: str, bitext: list[tuple[str, str]]) -> dict:
    from mtfix.bilex import source_tokens, target_tokens
    from mtfix.lm import language_model

    function = language_model().function
    srcs = [source_tokens(s) for s, _ in bitext]
    freq = collections.Counter(w for s in srcs for w in s)
    stop = {w for w, _ in freq.most_common(STOP.get(lang, STOP_DEFAULT))}
    pairs = [([w for w in s if w not in stop], target_tokens(e, function)) for s, (_, e) in zip(srcs, bitext)]
    t = ibm1(pairs)
    best: dict[str, list[tuple[float, str]]] = collections.defaultdict(list)
    for (f, e), p in t.items():
        if f != "<null>" and p >= P_MIN and freq[f] >= MIN_COUNT:
            best[f].append((p, e))
    lex = {f: " ".join(e for _, e in sorted(v, reverse=True)[:TOP_K]) for f, v in sorted(best.items())}
    return {"stop": sorted(stop), "lex": lex, "sentences": len(bitext)}


OUT_PAIRS = {"en-de": 80, "en-zh": 150}   # pairs out of English -> the target's stop-word count


def load_out(pair: str, split: str) -> list[dict]:
    with open(SHARED / "data" / f"mlqe-pe-{pair}" / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def build_out(pair: str, bitext: list[tuple[str, str]]) -> dict:
    """A pair out of English: English source stems -> target stems (CJK: characters), both
    sides read by ``bilex.source_tokens``; each side's commonest words set aside."""
    from mtfix.bilex import source_tokens

    srcs = [source_tokens(s) for s, _ in bitext]
    tgts = [source_tokens(e) for _, e in bitext]
    freq = collections.Counter(w for s in srcs for w in s)
    tfreq = collections.Counter(w for e in tgts for w in e)
    stop = {w for w, _ in freq.most_common(STOP_DEFAULT)}
    tstop = {w for w, _ in tfreq.most_common(OUT_PAIRS[pair])}
    t = ibm1([([w for w in s if w not in stop], [w for w in e if w not in tstop]) for s, e in zip(srcs, tgts)])
    best: dict[str, list[tuple[float, str]]] = collections.defaultdict(list)
    for (f, e), p in t.items():
        if f != "<null>" and p >= P_MIN and freq[f] >= MIN_COUNT:
            best[f].append((p, e))
    lex = {f: " ".join(e for _, e in sorted(v, reverse=True)[:TOP_K]) for f, v in sorted(best.items())}
    return {"stop": sorted(stop), "tstop": sorted(tstop), "lex": lex, "sentences": len(bitext)}


def main() -> None:
    from mtfix import bilex

    if sys.argv[1:] == ["--out-pairs"]:     # only the pairs out of English; the x-en tables kept
        out = json.loads(OUT.read_text(encoding="utf-8"))
        out.setdefault("pairs", {})
        for pair in OUT_PAIRS:
            out["pairs"][pair] = build_out(pair, [(r["src"], r["pe_tok"]) for r in load_out(pair, "train")])
            print(f"{pair}: {len(out['pairs'][pair]['lex'])} source words")
        out["sources"].update({p: "MLQE-PE train src + post-edits (CC0 1.0)" for p in OUT_PAIRS})
        _write(out)
        return

    out = {"stem": bilex.STEM, "method": f"IBM model 1, {ROUNDS} rounds; p >= {P_MIN}, top {TOP_K}",
           "sources": {**{p: "MLQE-PE train src + post-edits (CC0 1.0)" for p in PAIRS},
                       "zh": "MQM zh-en newstest2020 src + human references (Apache-2.0)"},
           "languages": {}}
    for p in PAIRS:
        t0 = time.time()
        out["languages"][p] = build(p, [(r["src"], detok(r["pe_tok"])) for r in load("train", p)])
        print(f"{p}: {len(out['languages'][p]['lex'])} source words ({time.time() - t0:.0f}s)")
    out["languages"]["zh"] = build("zh", [(s["src"], s["mt"]) for s in load_mqm(human=True)])
    old = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
    out["pairs"] = old.get("pairs", {})     # rebuilt by --out-pairs
    print(f"zh: {len(out['languages']['zh']['lex'])} source words")
    _write(out)


def _write(out: dict) -> None:
    from mtfix import bilex

    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    bilex._raw.cache_clear()
    bilex._shipped_pair.cache_clear()
    bilex.pairs.cache_clear()
    bilex._shipped.cache_clear()
    bilex.languages.cache_clear()
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
