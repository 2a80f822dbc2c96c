"""The sentence score for a target other than English: evidence that means the same in any language.

English has its own model (``mtfix.lm``: an English word table and class n-grams fitted on human
judgements). For any other target, ``fluency-target.json`` holds one small linear model over
features that need no grammar of the target: repetition, marks, Latin letters left in a non-Latin
text, the language-independent checks' findings and, with a source, length against the pair's
usual ratio, numbers and marks kept, source words left untranslated, and word-translation
coverage both ways from the tables learnt for the pair (``mtfix.bilex``, en-de and en-zh).
Fitted by ``benchmarks/fit_target_scorer.py`` on the MLQE-PE en-de and en-zh train splits, each
target left out in turn to choose it.

A score comes with a ``confidence``: "high" for English; "medium" for a target with word tables
and a source; "low" otherwise (the model then has only the surface evidence and says so).
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+")
_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+|[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_END = tuple(".!?。！？…\"'”»」)")
_PUNCT = re.compile(r"[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words of any script, cut to their first five letters; CJK per character."""
    from .bilex import source_tokens

    return source_tokens(text)


def text_features(text: str) -> dict[str, float]:
    toks = tokens(text)
    n = max(len(toks), 1)
    rep = sum(1 for i, w in enumerate(toks) if w in toks[max(0, i - 4):i] and not _HAN.match(w))
    han = [w for w in toks if _HAN.match(w)]
    bigrams = list(zip(han, han[1:]))
    letters = [c for c in text if c.isalpha()]
    latin = sum(bool(_LATIN.match(c)) for c in letters)
    non_latin = len(letters) - latin
    stripped = text.rstrip()
    return {"rep": rep / n,
            "rep_bi": (len(bigrams) - len(set(bigrams))) / len(bigrams) if bigrams else 0.0,
            # Latin letters in a text written mostly in another script: English left in
            "latin_in": latin / len(letters) if non_latin > latin and letters else 0.0,
            "punct": len(_PUNCT.findall(text)) / max(len(text), 1),
            "endpunct": float(stripped[-1:] in _END) if stripped else 0.0,
            "log_len": math.log(len(text) + 1)}


@lru_cache(maxsize=8)
def _freq(target: str) -> dict[str, float] | None:
    """wordfreq's word list of ``target`` (its data ships in the package), or None."""
    try:
        from wordfreq import available_languages, get_frequency_dict
    except ImportError:
        return None
    if target not in available_languages(wordlist="large") and target not in available_languages():
        return None
    wl = "large" if target in available_languages(wordlist="large") else "best"
    return get_frequency_dict(target, wordlist=wl)


def freq_words(text: str, freq: dict[str, float]) -> list[str]:
    """The text's words as the list has them: CJK runs split greedily into the longest listed
    words (up to four characters), so no segmenter is needed."""
    out: list[str] = []
    for run in _RUN.findall(text.lower()):
        if not _HAN.match(run):
            out.append(run)
            continue
        i = 0
        while i < len(run):
            for k in (4, 3, 2, 1):
                if k == 1 or run[i:i + k] in freq:
                    out.append(run[i:i + k])
                    i += k
                    break
    return out


def freq_features(text: str, target: str) -> dict[str, float]:
    freq = _freq(target)
    if not freq:
        return {}
    words = freq_words(text, freq)
    if not words:
        return {}
    zs = [math.log10(freq[w]) + 9.0 if w in freq else 0.0 for w in words]
    return {"tgt_zipf": sum(zs) / len(zs), "tgt_oov": sum(z == 0.0 for z in zs) / len(zs),
            "tgt_rare": sum(z < 3.0 for z in zs) / len(zs)}


def source_features(text: str, source: str, pair: str | None, expected: float) -> dict[str, float]:
    from .bilex import coverage_out
    from .lm_source import _marks, _numbers

    dev = math.log((len(text) + 5) / (len(source) + 5)) - expected
    src_n, mt_n = _numbers(source), _numbers(text)
    marks = sum(abs(a - b) for a, b in zip(_marks(source), _marks(text)))
    # source words of four letters or more written unchanged in the output: left untranslated
    # (names are capitalised, so only lower-case source words count)
    src_words = {w for w in _WORD.findall(source) if len(w) > 3 and w.islower()}
    out_words = [w for w in _WORD.findall(text) if len(w) > 3]
    copied = sum(w in src_words for w in out_words)
    out = {"len_low": max(0.0, -dev), "len_high": max(0.0, dev),
           "num_missing": len(src_n - mt_n) / len(src_n) if src_n else 0.0,
           "num_extra": len(mt_n - src_n) / len(mt_n) if mt_n else 0.0,
           "marks_diff": min(marks, 3) / 3.0,
           "copy": copied / len(out_words) if out_words else 0.0}
    out.update(source_difficulty(source))
    if pair:
        out.update(coverage_out(text, source, pair))
    return out


def source_difficulty(source: str) -> dict[str, float]:
    """How hard the English source is to translate, whatever the target: its rare words and
    names (from the English word table) and its length."""
    from .lm import language_model

    zipf = language_model().zipf
    words = _WORD.findall(source)
    if not words:
        return {}
    zs = [zipf.get(w.lower(), 0.0) for w in words]
    from .lm import base_score

    return {"src_fluency": base_score(source), "src_zipf": sum(zs) / len(zs), "src_rare": sum(z < 3.0 for z in zs) / len(zs),
            "src_names": sum(w[0].isupper() for w in words[1:]) / len(words),
            "src_len": math.log(len(words) + 1)}


@lru_cache(maxsize=1)
def model() -> dict:
    path = resources.files("mtfix").joinpath("data", "fluency-target.json")
    return json.loads(path.read_text(encoding="utf-8"))


def expected_ratio(target: str, source: str) -> float:
    """The usual log length ratio of a translation into ``target``: the fitted one, else by the
    script of the target (CJK targets are much shorter in characters)."""
    m = model()
    if target in m["len_ratio"]:
        return m["len_ratio"][target]
    return m["len_ratio_default"]


def pair_of(source_lang: str | None, target: str) -> str | None:
    from .bilex import pairs

    src = (source_lang or "en").lower().split("-")[0]
    pair = f"{src}-{target}"
    return pair if pair in pairs() else None


def features(text: str, target: str, source: str | None = None, source_lang: str | None = None,
             extra: dict[str, float] | None = None) -> dict[str, float]:
    f = text_features(text)
    f.update(freq_features(text, target))
    if source:
        f.update(source_features(text, source, pair_of(source_lang, target), expected_ratio(target, source)))
    if extra:
        f.update(extra)
    return f


def raw(feats: dict[str, float], with_source: bool) -> float:
    """The fitted predictor of the standardised human score (higher = better); a feature that is
    not defined (coverage without a table) sits at its training mean and moves nothing."""
    w = model()["bi" if with_source else "mono"]
    return sum((feats.get(name, mu) - mu) * sc for name, mu, sc in zip(w["names"], w["mu"], w["scale"]))


def value(feats: dict[str, float], with_source: bool) -> float:
    a, b = model()["calib"]
    return 100.0 / (1.0 + math.exp(-(a * raw(feats, with_source) + b)))


def confidence(target: str, source: str | None, source_lang: str | None) -> tuple[str, str]:
    """(level, why) of a score for ``target``."""
    if target.startswith("en"):
        return "high", "English: fitted on human judgements of MT into English"
    if source and pair_of(source_lang, target):
        return "medium", f"{target}: word-translation tables for this pair and language-independent evidence"
    if source:
        return "low", f"{target}: no word-translation tables for this pair; length, numbers and marks only"
    return "low", f"{target}: no source given, so surface evidence only (repetition, marks, word frequencies); pass the source for more"
