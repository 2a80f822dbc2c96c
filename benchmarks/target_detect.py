"""How well the target language is guessed from the text when nothing names it
(``mtfix.langdetect.detect_target``, used per document by ``pipeline.text_target``).

Texts of known language from the shared data (dev splits): English (MLQE-PE x-en MT, en-de/en-zh
sources), German (en-de MT, WMT21 news human references), Chinese (en-zh MT), Russian (ru-en
sources, WMT21 TED MT), and Estonian, Romanian, Nepali, Sinhala sources (none of the targets:
the right answer is no guess). Three lengths: whole sentences; short UI-like strings (a
sentence's first three words); and documents (20 sentences joined, as a file is judged).
A guess is right, no guess (None: the file stays English, the safe default), or wrong (another
language: the worst case, the English checks switched off or the wrong pack on).

    python benchmarks/target_detect.py
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks._data import SHARED  # noqa: E402
from mtfix.langdetect import detect_target  # noqa: E402

D = SHARED / "data"


def _jsonl(path: Path, field: str, keep=lambda r: True, n: int = 1000) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if keep(r):
                out.append(r[field])
            if len(out) >= n:
                break
    return out


def texts() -> dict[str, list[tuple[str | None, str]]]:
    sets: dict[str, list[tuple[str | None, str]]] = {}
    for p in ("ru", "et", "ne", "ro", "si"):
        sets[f"{p}-en mt"] = [("en", t) for t in _jsonl(D / f"mlqe-pe-{p}-en/dev.jsonl", "mt")]
    sets["ru src"] = [("ru", t) for t in _jsonl(D / "mlqe-pe-ru-en/dev.jsonl", "src")]
    for p in ("et", "ro"):
        sets[f"{p} src"] = [(p, t) for t in _jsonl(D / f"mlqe-pe-{p}-en/dev.jsonl", "src")]
    for p in ("ne", "si"):
        sets[f"{p} src"] = [(None, t) for t in _jsonl(D / f"mlqe-pe-{p}-en/dev.jsonl", "src")]
    sets["en-de src"] = [("en", t) for t in _jsonl(D / "mlqe-pe-en-de/dev.jsonl", "src")]
    sets["en-de mt"] = [("de", t) for t in _jsonl(D / "mlqe-pe-en-de/dev.jsonl", "mt")]
    sets["en-zh mt"] = [("zh", t) for t in _jsonl(D / "mlqe-pe-en-zh/dev.jsonl", "mt")]
    sets["news21 de human"] = [("de", t) for t in _jsonl(D / "mqm-en-de-news21/segments.jsonl", "mt",
                                                         lambda r: r.get("human"))]
    sets["ted21 ru mt"] = [("ru", t) for t in _jsonl(D / "mqm-en-ru-ted21/segments.jsonl", "mt",
                                                     lambda r: not r.get("human"))]
    return sets


def short(t: str) -> str:
    return " ".join(t.split()[:3])


def main() -> int:
    sets = texts()
    tot = {k: [0, 0, 0] for k in ("sentence", "ui", "doc")}   # right, none, wrong
    wrong_en = {k: 0 for k in tot}
    n_en = {k: 0 for k in tot}
    # Texts not in English: how many are recognised (right), and how many of the non-English
    # guesses on any text are right (precision: a wrong one runs the wrong pack, or none).
    other = {k: [0, 0] for k in tot}      # right, n
    guessed = {k: [0, 0] for k in tot}    # right, guesses of a language other than English
    t0 = time.perf_counter()
    calls = 0
    print(f"{'set':<18} {'length':<9} {'n':>5} {'right':>6} {'none':>6} {'wrong':>6}")
    for name, items in sets.items():
        docs = [(items[i][0], "\n".join(t for _, t in items[i:i + 20])) for i in range(0, len(items), 20)]
        for kind, rows in (("sentence", items), ("ui", [(g, short(t)) for g, t in items]), ("doc", docs)):
            r = [0, 0, 0]
            for gold, t in rows:
                got = detect_target(t)
                calls += 1
                k = 0 if got == gold else (1 if got is None else 2)
                if gold is None and got is None:
                    k = 0
                r[k] += 1
                if gold == "en":
                    n_en[kind] += 1
                    wrong_en[kind] += got not in (None, "en")
                else:
                    other[kind][0] += k == 0
                    other[kind][1] += 1
                if got not in (None, "en"):
                    guessed[kind][0] += got == gold
                    guessed[kind][1] += 1
            for i in range(3):
                tot[kind][i] += r[i]
            n = sum(r)
            print(f"{name:<18} {kind:<9} {n:>5} {r[0] / n:>6.3f} {r[1] / n:>6.3f} {r[2] / n:>6.3f}")
    us = (time.perf_counter() - t0) / calls * 1e6
    parts = []
    for kind, (right, none, wrong) in tot.items():
        n = right + none + wrong
        parts.append(f"{kind}_right={right / n:.3f} {kind}_none={none / n:.3f} {kind}_wrong={wrong / n:.4f} "
                     f"{kind}_english_switched_off={wrong_en[kind] / max(1, n_en[kind]):.4f} "
                     f"{kind}_other_right={other[kind][0] / max(1, other[kind][1]):.3f} "
                     f"{kind}_other_precision={guessed[kind][0] / max(1, guessed[kind][1]):.4f}")
    print("RESULT " + " ".join(parts) + f" us_per_call={us:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
