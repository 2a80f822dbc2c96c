"""Fit mtfix's English part-of-speech tagger (``mtfix/data/tagger-en.bin``) on UD English EWT.

    python benchmarks/fit_tagger.py [--iters 6] [--prune 1.0] [--out mtfix/data/tagger-en.bin]

Trains the averaged perceptron of ``mtfix.tagger`` on the treebank's train split (Penn tags,
the XPOS column), chooses nothing on test: iterations and pruning are read on dev, and test is
reported once. Prints ``RESULT`` with dev and test accuracy (all tokens, and words unseen in
train), the model's size and its tagging speed. Data: ../shared/data/ud-english-ewt (CC BY-SA 4.0;
the model is a derived work under the same licence, see mtfix/data/README.md).
"""
from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from mtfix import tagger  # noqa: E402
from mtfix.lm import fingerprint  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ud-english-ewt"


def read(split: str) -> list[tuple[list[str], list[str]]]:
    out, words, tags = [], [], []
    for line in open(DATA / f"en_ewt-{split}.conllu", encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        words.append(cols[1])
        tags.append(cols[4] if cols[4] != "_" else cols[3])
    if words:
        out.append((words, tags))
    return out


class Perceptron:
    def __init__(self, classes: list[str]) -> None:
        self.classes = classes
        self.index = {c: i for i, c in enumerate(classes)}
        self.w: dict[str, dict[int, float]] = {}
        self.totals: dict[tuple[str, int], float] = defaultdict(float)
        self.stamps: dict[tuple[str, int], int] = defaultdict(int)
        self.i = 0

    def predict(self, feats: list[str]) -> int:
        scores = [0.0] * len(self.classes)
        for f in feats:
            ws = self.w.get(f)
            if ws:
                for c, v in ws.items():
                    scores[c] += v
        return max(range(len(scores)), key=lambda c: (scores[c], -c))

    def update(self, truth: int, guess: int, feats: list[str]) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            ws = self.w.setdefault(f, {})
            for c, d in ((truth, 1.0), (guess, -1.0)):
                v = ws.get(c, 0.0)
                key = (f, c)
                self.totals[key] += (self.i - self.stamps[key]) * v
                self.stamps[key] = self.i
                ws[c] = v + d

    def average(self) -> None:
        for f, ws in self.w.items():
            for c, v in list(ws.items()):
                key = (f, c)
                total = self.totals[key] + (self.i - self.stamps[key]) * v
                ws[c] = total / self.i


def make_tagdict(sents) -> dict[str, str]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for words, tags in sents:
        for w, t in zip(words, tags):
            counts[tagger.normalise(w)][t] += 1
    out = {}
    for w, c in counts.items():
        tag, n = c.most_common(1)[0]
        total = sum(c.values())
        if total >= 20 and n / total >= 0.97:
            out[w] = tag
    return out


def train(sents, iters: int, seed: int = 1):
    classes = sorted({t for _, ts in sents for t in ts})
    tagdict = make_tagdict(sents)
    p = Perceptron(classes)
    rng = random.Random(seed)
    data = list(sents)
    for it in range(iters):
        right = total = 0
        for words, tags in data:
            context = [*tagger.START, *(tagger.normalise(w) for w in words), *tagger.END]
            prev, prev2 = tagger.START
            for i, word in enumerate(words):
                guess_tag = tagdict.get(context[i + 2])
                if guess_tag is None:
                    feats = tagger.features(i + 2, word, context, prev, prev2)
                    g = p.predict(feats)
                    p.update(p.index[tags[i]], g, feats)
                    guess_tag = classes[g]
                prev2, prev = prev, guess_tag
                right += guess_tag == tags[i]
                total += 1
        rng.shuffle(data)
        print(f"iter {it + 1}: train acc {right / total:.4f}", file=sys.stderr)
    p.average()
    return p, tagdict


def pack(p: Perceptron, tagdict: dict[str, str], prune: float) -> bytes:
    rows = []
    biggest = 0.0
    for f, ws in p.w.items():
        kept = [(c, v) for c, v in ws.items() if abs(v) >= prune]
        if kept:
            rows.append((fingerprint(f), kept))
            biggest = max(biggest, max(abs(v) for _, v in kept))
    rows.sort()
    for a, b in zip(rows, rows[1:]):
        if a[0] == b[0]:
            raise SystemExit("fingerprint collision: change the feature strings")
    scale = 32000.0 / biggest
    from array import array
    keys, offsets, tags, weights = array("Q"), array("I", [0]), array("B"), array("h")
    for fp, kept in rows:
        keys.append(fp)
        for c, v in sorted(kept):
            q = round(v * scale)
            if q:
                tags.append(c)
                weights.append(q)
        offsets.append(len(tags))
    meta = json.dumps({"classes": p.classes, "tagdict": tagdict, "scale": scale,
                       "n_keys": len(keys), "n_weights": len(tags),
                       "source": "UD_English-EWT train (CC BY-SA 4.0)"},
                      ensure_ascii=False, sort_keys=True).encode("utf-8")
    return (tagger.MAGIC + struct.pack("<I", len(meta)) + meta + keys.tobytes()
            + offsets.tobytes() + tags.tobytes() + weights.tobytes())


def evaluate(model: tagger.Model, sents, seen: set[str]) -> tuple[float, float, int, float]:
    right = total = uright = utotal = 0
    t0 = time.perf_counter()
    for words, tags in sents:
        guess = model.tag_parts(words)
        for w, g, t in zip(words, guess, tags):
            right += g == t
            total += 1
            if tagger.normalise(w) not in seen:
                uright += g == t
                utotal += 1
    dt = time.perf_counter() - t0
    return right / total, uright / max(utotal, 1), total, total / dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--iters", type=int, default=6)
    ap.add_argument("--prune", type=float, default=1.0)
    ap.add_argument("--out", default=str(ROOT / "mtfix" / "data" / "tagger-en.bin"))
    ap.add_argument("--test", action="store_true", help="also report the test split (once)")
    a = ap.parse_args()
    tr, dev = read("train"), read("dev")
    seen = {tagger.normalise(w) for ws, _ in tr for w in ws}
    p, tagdict = train(tr, a.iters)
    raw = pack(p, tagdict, a.prune)
    Path(a.out).write_bytes(raw)
    m = tagger.Model(raw)
    acc, unk, n, speed = evaluate(m, dev, seen)
    line = (f"RESULT dev_acc={acc:.4f} dev_unseen_acc={unk:.4f} dev_tokens={n} "
            f"size_kb={len(raw) // 1024} features={len(m.keys)} weights={len(m.tags)} "
            f"tokens_per_s={speed:.0f}")
    if a.test:
        tacc, tunk, tn, _ = evaluate(m, read("test"), seen)
        line += f" test_acc={tacc:.4f} test_unseen_acc={tunk:.4f}"
    print(line)


if __name__ == "__main__":
    main()
