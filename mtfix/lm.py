"""Offline fluency model: a word bigram language model plus fitted quality-estimation weights.

Two small files under ``mtfix/data`` (built by ``benchmarks/fit_scorer.py``, loaded lazily, once):

* ``lm-en.json.gz``: unigram and bigram log-probabilities derived from the English frequency
  lists shipped by symspellpy (MIT), which were built from Google Books Ngram counts (CC BY 3.0).
* ``fluency-weights.json``: weights fitted on the train split of MLQE-PE ru-en (Fomicheva et al.
  2020, arXiv:2010.04480): n-gram and feature weights regressed on the human DA score, plus a
  pairwise term that prefers the human post-edit over the MT it repairs. No sentence is stored.

Everything here is pure Python at run time; this module sits below the checks and the scorer
(it imports nothing from them) so the MT801 check and ``mtfix.score`` share one model.
"""
from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Mapping

# Same word shape as mtfix.analysis, plus single punctuation marks as tokens.
_TOKEN = re.compile(r"[^\W_](?:[\w’']*[^\W_])?(?:-[^\W_](?:[\w’']*[^\W_])?)*|[^\w\s]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_BREAK = frozenset(',;:()"“”«»—–-[]!?.…')
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z'-]{2,}\b")

DENSE = ("lm_mean", "lm_min", "oov", "cap_unk", "unseen", "cyr", "num", "logn")
ISSUES = ("iss_error", "iss_warning", "iss_info")
SOURCE = ("len_dev", "num_missing", "latin_missing")


@dataclass(frozen=True)
class LanguageModel:
    uni: Mapping[str, float]     # log P(w)
    bi: Mapping[str, float]      # log P(w2 | w1), key "w1 w2"
    common: frozenset[str]       # the most frequent words: an unseen pair of them is telling
    backoff: float               # log weight of the unigram estimate for an unseen pair


@dataclass(frozen=True)
class Weights:
    grams: Mapping[str, float]
    names: tuple[str, ...]
    mu: tuple[float, ...]
    scale: tuple[float, ...]     # weight / standard deviation, folded together at fit time
    intercept: float


@dataclass(frozen=True)
class Model:
    mono: Weights                # without source
    bi: Weights                  # with source-side evidence
    calib: tuple[float, float]   # value = 100 * sigmoid(a * raw + b)
    low_fluency: float           # MT801 threshold on the text-only sentence value


def _data(name: str):
    return resources.files("mtfix").joinpath("data", name)


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    from .cache import cached, key_of

    blob = _data("lm-en.json.gz").read_bytes()
    raw = cached("lm-en", key_of(blob), lambda: json.loads(gzip.decompress(blob)), use_marshal=True)
    return LanguageModel(raw["uni"], raw["bi"], frozenset(raw["common"]), raw["backoff"])


@lru_cache(maxsize=1)
def model() -> Model:
    raw = json.loads(_data("fluency-weights.json").read_text(encoding="utf-8"))

    def w(d: dict) -> Weights:
        return Weights(d["grams"], tuple(d["names"]), tuple(d["mu"]), tuple(d["scale"]), d["intercept"])

    return Model(w(raw["mono"]), w(raw["bi"]), tuple(raw["calib"]), raw["low_fluency"])


def _norm(tok: str) -> str:
    if _CYRILLIC.search(tok):
        return "<cyr>"
    if tok[0].isdigit():
        return "<num>"
    return tok.lower().replace("’", "'")


def grams(text: str) -> set[str]:
    """Unigrams and bigrams (lower-cased, numbers and Cyrillic words as classes) with edges."""
    t = ["<s>", *(_norm(m) for m in _TOKEN.findall(text)), "</s>"]
    return {*t, *(a + " " + b for a, b in zip(t, t[1:]))}


def text_features(text: str) -> dict[str, float]:
    """Language-model features of one sentence, independent of its length."""
    lm = language_model()
    uni, bi, common = lm.uni, lm.bi, lm.common
    n_words = oov = cap_unk = unseen = pairs = cyr = num = 0
    lps: list[float] = []
    prev: str | None = None
    for t in _TOKEN.findall(text):
        if not t[0].isalnum():
            if t in _BREAK:
                prev = None  # a clause break: no bigram across it
            continue
        n_words += 1
        if _CYRILLIC.search(t):
            cyr += 1
            prev = None
            continue
        if t[0].isdigit():
            num += 1
            prev = None
            continue
        w = t.lower().replace("’", "'")
        u = uni.get(w)
        if u is None:
            if t[0].isupper():
                cap_unk += 1   # most likely a name
                lps.append(-14.0)
            else:
                oov += 1       # a non-word or a rare form
                lps.append(-16.0)
            prev = None
            continue
        if prev is None:
            lp = u
        else:
            pairs += 1
            lp = bi.get(prev + " " + w)
            if lp is None:
                lp = lm.backoff + u
                unseen += prev in common and w in common
        lps.append(lp)
        prev = w
    n = max(n_words, 1)
    return {"lm_mean": sum(lps) / len(lps) if lps else 0.0, "lm_min": min(lps, default=0.0),
            "oov": oov / n, "cap_unk": cap_unk / n, "unseen": unseen / max(pairs, 1),
            "cyr": cyr / n, "num": num / n, "logn": math.log(n)}


def source_features(text: str, source: str) -> dict[str, float]:
    """Evidence from the source: length ratio, numbers and Latin-script names carried over."""
    ratio = math.log((len(text) + 5) / (len(source) + 5))
    nums = set(_NUMBER.findall(source))
    latin = {w.lower() for w in _LATIN_WORD.findall(source)}
    low = text.lower()
    return {"len_dev": abs(ratio - 0.12),   # English runs ~12% longer than Russian in characters
            "num_missing": sum(x not in text for x in nums) / (len(nums) or 1) if nums else 0.0,
            "latin_missing": sum(w not in low for w in latin) / len(latin) if latin else 0.0}


def raw_score(text: str, extra: Mapping[str, float] | None = None, source: str | None = None) -> float:
    """The fitted predictor of the DA z-score for one sentence (higher = better)."""
    m = model()
    w = m.bi if source else m.mono
    feats = text_features(text)
    if extra:
        feats.update(extra)
    if source:
        feats.update(source_features(text, source))
    hit = [g for g in grams(text) if g in w.grams]
    total = w.intercept
    if hit:
        total += sum(w.grams[g] for g in hit) / math.sqrt(len(hit))
    for name, mu, sc in zip(w.names, w.mu, w.scale):
        total += (feats.get(name, 0.0) - mu) * sc
    return total


def calibrate(raw: float) -> float:
    a, b = model().calib
    return 100.0 / (1.0 + math.exp(-(a * raw + b)))
