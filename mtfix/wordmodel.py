"""Learned word-level evidence (MT802): the probability that a post-editor would change each word.

A logistic regression over features that mean the same in any domain: the bigram language
model's surprise at the word and its neighbours (``mtfix.lm``), the word's rarity and shape, its
place in the sentence, the sentence's own predicted quality (``lm.base_score``), and, with a
source, whether a word-translation list (``mtfix.bilex``) explains the word. Weights are fitted
by ``benchmarks/fit_wordmodel.py`` on the MLQE-PE x-en train splits (word tags: did the
post-editor change the word) and stored in ``mtfix/data/wordmodel-en.json``; they load on first
use, so a run that never asks for MT802 reads nothing.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

from . import lm

TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_STEM = 5


@lru_cache(maxsize=1)
def weights() -> dict:
    path = resources.files("mtfix").joinpath("data", "wordmodel-en.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _explained(source: str, lang: str | None) -> tuple[set[str], set[str]] | None:
    """(stems the word-translation list of ``lang`` gives for the source's words, the source's
    own words), or None without a list."""
    from .bilex import source_tokens, table

    t = table(lang) if lang else None
    if t is None:
        return None
    src = source_tokens(source)
    return {e for w in src if w not in t.stop for e in t.lex.get(w, ())}, set(src)


def features(text: str, source: str | None = None,
             source_lang: str | None = None) -> tuple[list[tuple[int, int]], list[dict[str, float]]]:
    """The tokens of ``text`` (character spans) and each one's features."""
    model = lm.language_model()
    zipf, bi = model.zipf, model.bi
    function = model.function
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    if not toks:
        return [], []
    base = lm.base_score(text, source or None, source_lang)
    sent: dict[str, float] = {"base": base, "base2": base * base,
                              "log_len": math.log(len(toks))}
    expl = None
    if source:
        from .bilex import choose, coverage
        from .lm_source import script_of

        table_lang = choose(source, source_lang, script_of(source))
        expl = _explained(source, table_lang)
        sent["has_source"] = 1.0
        cov = coverage(text, source, table_lang, function)
        sent["tgt_cov"] = cov.get("tgt_cov", 0.5)
        sent["src_cov"] = cov.get("src_cov", 0.5)
        ratio = math.log((len(text) + 5) / (len(source) + 5))
        sent["len_ratio"] = ratio
    info = []
    for _, _, t in toks:
        if not t[0].isalnum() and t[0] != "_":
            info.append(("p", t, None))
        elif any(c.isdigit() for c in t):
            info.append(("n", t, None))
        else:
            w = t.lower().replace("’", "'")
            info.append(("w", w, zipf.get(w)))

    def lp(a: int, b: int) -> float:
        """log P(word b | word a), backing off to the unigram; 0 where either is no word."""
        ka, wa, za = info[a]
        kb, wb, zb = info[b]
        if ka != "w" or kb != "w" or za is None or zb is None:
            return 0.0
        v = bi.get(wa + " " + wb)
        return v if v is not None else model.backoff + (zb - 9.0) * math.log(10)

    n = len(toks)
    unexpl = [0.0] * n
    out = []
    for i, (s, e, t) in enumerate(toks):
        kind, w, z = info[i]
        f = dict(sent)
        f["pos"] = i / max(n - 1, 1)
        f["first"] = float(i == 0)
        f["last"] = float(i == n - 1)
        if kind == "p":
            f["punct"] = 1.0
        elif kind == "n":
            f["num"] = 1.0
        else:
            f["word"] = 1.0
            f["func"] = float(w in function)
            f["cap_mid"] = float(t[0].isupper() and i > 0 and info[i - 1][1] not in ".!?:")
            if z is None:
                f["oov"] = 1.0
            else:
                f["zipf"] = z
                f["rare"] = float(z < 3.0)
            left = lp(i - 1, i) if i > 0 else 0.0
            right = lp(i, i + 1) if i + 1 < n else 0.0
            f["lp_left"] = left
            f["lp_right"] = right
            f["lp_min"] = min(left, right)
            if expl is not None and w not in function and len(w) > 1:
                stem = w[:_STEM]
                known, src = expl
                if stem in src:
                    f["copied"] = 1.0
                elif stem not in known:
                    f["unexplained"] = 1.0
                    unexpl[i] = 1.0
        out.append(f)
    for i, f in enumerate(out):
        near = sum(unexpl[max(0, i - 2):i]) + sum(unexpl[i + 1:i + 3])
        if near:
            f["near_unexpl"] = near
        # the sentence's predicted quality scales the word's own evidence
        for name in ("unexplained", "oov", "lp_min", "near_unexpl"):
            if name in f:
                f["base_x_" + name] = base * f[name]
    return [(s, e) for s, e, _ in toks], out


def probabilities(text: str, source: str | None = None,
                  source_lang: str | None = None) -> list[tuple[int, int, float]]:
    """(start, end, probability that a post-editor changes it) for each token of ``text``."""
    w = weights()
    coef, b = w["coef"], w["intercept"]   # on the raw features: standardisation folded in
    spans, feats = features(text, source, source_lang)
    out = []
    for (s, e), f in zip(spans, feats):
        z = b + sum(coef[k] * v for k, v in f.items() if k in coef)
        out.append((s, e, 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))))
    return out


def stretches(probs: list[tuple[int, int, float]], threshold: float) -> list[tuple[int, int, float]]:
    """Each run of consecutive tokens above ``threshold`` as (start, end, highest probability)."""
    out: list[tuple[int, int, float]] = []
    run: list[tuple[int, int, float]] = []
    for tok in [*probs, None]:
        if tok is not None and tok[2] > threshold:
            run.append(tok)
            continue
        if run:
            out.append((run[0][0], run[-1][1], max(p for _, _, p in run)))
            run = []
    return out
