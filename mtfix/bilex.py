"""Word-translation evidence for the scorer with a source: how much of the source the output
covers, and how much of the output the source explains.

``mtfix/data/bilex.json`` holds, per source language, word-translation lists learnt with IBM
model 1 from human translations of the train splits (MLQE-PE ru, et, ne, ro, si -> en post-edits,
CC0; the human references of MQM zh-en newstest2020, Apache-2.0; see ``mtfix/data/README.md``;
built by ``benchmarks/build_bilex.py``). Words on both sides are cut to their first
``STEM`` letters, which folds most inflection of any language without a per-language stemmer;
Chinese is read per character.

Two features, each a share, so neither grows with length: ``src_cov`` (source words the table
knows whose translation appears in the output: low when the output leaves content out) and
``tgt_cov`` (output content words that translate some source word or are copied from it, like
names: low when the output says things the source does not, the hallucinations of weak MT).
Languages without a table give no evidence (the scorer then uses the average).

Out of English (``pairs``: en-de and en-zh, from the MLQE-PE train post-edits), ``coverage_out``
gives the same two shares for ``mtfix.score_target``, the output read as any language is.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

STEM = 5
# A word of any script: a letter, then letters, digits, the combining vowel signs of Indic
# scripts (category Mn/Mc, which ``\w`` does not match) or the zero-width (non-)joiners of
# Sinhala and Devanagari conjuncts.
_SOURCE_WORD = re.compile(r"[^\W\d_][\w\u0300-\u036f\u0900-\u0dff\u200c\u200d]*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_ENGLISH_WORD = re.compile(r"[^\W\d_]+")
# Script of a source without a language code -> the table to use (Latin-script sources need it).
_BY_SCRIPT = {"Cyrillic": "ru", "Devanagari": "ne", "Sinhala": "si", "Han": "zh"}


def source_tokens(text: str) -> list[str]:
    out: list[str] = []
    for w in _SOURCE_WORD.findall(text.lower()):
        if _HAN.match(w):
            out.extend(_HAN.findall(w))
        else:
            out.append(w[:STEM])
    return out


def target_tokens(text: str, function: frozenset[str]) -> list[str]:
    """English content words, cut like the source's (the 200 commonest words carry no content)."""
    return [w[:STEM] for w in _ENGLISH_WORD.findall(text.lower()) if len(w) > 1 and w not in function]


@dataclass(frozen=True)
class Table:
    stop: frozenset[str]                  # the language's commonest words: not content
    lex: dict[str, tuple[str, ...]]       # source stem -> English stems, most likely first
    tstop: frozenset[str] = frozenset()   # out of English: the target's commonest words

    @classmethod
    def from_json(cls, d: dict) -> Table:
        """A language's entry of ``bilex.json`` (as ``benchmarks/build_bilex.py`` writes it)."""
        return cls(frozenset(d["stop"]), {k: tuple(v.split()) for k, v in d["lex"].items()},
                   frozenset(d.get("tstop", ())))


@lru_cache(maxsize=1)
def _raw() -> dict:
    path = resources.files("mtfix").joinpath("data", "bilex.json")
    return json.loads(path.read_text(encoding="utf-8"))


# Only benchmarks/fit_scorer.py sets this: tables learnt without the sentence being featurised
# (cross-fitting), since the shipped tables have seen every training sentence.
fit_tables: dict[str, Table] | None = None


def table(lang: str) -> Table | None:
    if fit_tables is not None:
        return fit_tables.get(lang)
    return _shipped(lang)


@lru_cache(maxsize=None)
def _shipped(lang: str) -> Table | None:
    d = _raw().get("languages", {}).get(lang)
    return None if d is None else Table.from_json(d)


@lru_cache(maxsize=None)
def _shipped_pair(pair: str) -> Table | None:
    d = _raw().get("pairs", {}).get(pair)
    return None if d is None else Table.from_json(d)


def pair_table(pair: str) -> Table | None:
    """The table of a pair out of English ("en-de"): source stems -> target stems (or characters)."""
    if fit_tables is not None:
        return fit_tables.get(pair)
    return _shipped_pair(pair)


@lru_cache(maxsize=1)
def pairs() -> tuple[str, ...]:
    return tuple(_raw().get("pairs", {}))


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    return tuple(_raw().get("languages", {}))


def choose(source: str, source_lang: str | None, script: str) -> str | None:
    """The table for this source: its language if one is known, else by script; a Latin-script
    source without a code takes the table whose common words it uses most (if it uses them)."""
    if source_lang:
        lang = source_lang.lower().split("-")[0].split("_")[0]
        return lang if lang in languages() else None
    if script in _BY_SCRIPT:
        return _BY_SCRIPT[script] if _BY_SCRIPT[script] in languages() else None
    if script != "Latin":
        return None
    toks = source_tokens(source)
    best, best_share = None, 0.15   # at least this share of the words must be the table's own
    for lang in languages():
        t = table(lang)
        if t is None or lang in _BY_SCRIPT.values():
            continue
        share = sum(w in t.stop for w in toks) / max(len(toks), 1)
        if share > best_share:
            best, best_share = lang, share
    return best


def coverage(text: str, source: str, lang: str | None, function: frozenset[str]) -> dict[str, float]:
    """``src_cov`` and ``tgt_cov`` (see the module doc); each only where it is defined."""
    t = table(lang) if lang else None
    if t is None:
        return {}
    src = [w for w in source_tokens(source) if w not in t.stop]
    return _covered(src, target_tokens(text, function), t.lex)


def _covered(src: list[str], out_words: list[str], lex) -> dict[str, float]:  # noqa: ANN001 - a word table
    """The share of source words whose translation appears (``src_cov``) and of output words a
    source word explains (``tgt_cov``), each only where it is defined."""
    out: dict[str, float] = {}
    known = [w for w in src if w in lex]
    if known:
        present = set(out_words)
        out["src_cov"] = sum(any(e in present for e in lex[w]) for w in known) / len(known)
    if out_words:
        explained = {e for w in src for e in lex.get(w, ())} | set(src)
        out["tgt_cov"] = sum(e in explained for e in out_words) / len(out_words)
    return out


def coverage_out(text: str, source: str, pair: str) -> dict[str, float]:
    """``src_cov`` and ``tgt_cov`` for a pair out of English: as ``coverage``, with the output
    read as any language is (``source_tokens``) less the target's commonest words."""
    t = pair_table(pair)
    if t is None:
        return {}
    src = [w for w in source_tokens(source) if w not in t.stop]
    return _covered(src, [w for w in source_tokens(text) if w not in t.tstop], t.lex)
