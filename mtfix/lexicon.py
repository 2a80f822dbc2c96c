"""English lexicon with frequencies and inflections, loaded lazily, once, and shared by every check.

Backed by wordfreq's English word list (CC-BY-SA 4.0) and lemminflect's lemma/inflection tables.
``zipf(word)`` is the Zipf frequency (log10 of occurrences per billion words; 0 = unseen, ~7 =
"the"). Look up whole tokens: wordfreq's own tokenizer would split "Bi-bi-si" into three common
syllables. Nothing is loaded at import time; each table loads on first use (wordfreq ~0.16 s,
lemminflect ~0.17 s, the candidate index ~0.05 s; measured by benchmarks/check_speed.py).
"""
from __future__ import annotations

import math
from functools import lru_cache

# Words below this Zipf frequency are too rare to be offered as a correction: wordfreq's long
# tail holds misspellings and transliterations of its own.
CANDIDATE_MIN_ZIPF = 2.0
_CANDIDATE_MIN_FREQ = 10 ** (CANDIDATE_MIN_ZIPF - 9)


@lru_cache(maxsize=1)
def _freqs() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


def zipf(word: str) -> float:
    """Zipf frequency of the exact lower-cased token, 0.0 when unknown."""
    f = _freqs().get(word.lower())
    return round(math.log10(f) + 9, 2) if f else 0.0


def is_word(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf


def known(word: str) -> bool:
    """In wordfreq at any frequency, or a form lemminflect's tables know (rare inflections)."""
    lw = word.lower()
    return lw in _freqs() or bool(lemmas(lw))


@lru_cache(maxsize=1)
def _candidate_index() -> dict[tuple[int, str], tuple[str, ...]]:
    """Frequent alphabetic words bucketed by (length, first letter): a non-word's candidates
    are searched only in the few buckets an edit distance of 2 can reach, ~20x fewer strings
    than the whole list."""
    buckets: dict[tuple[int, str], list[str]] = {}
    for w, f in _freqs().items():   # wordfreq orders its list by falling frequency
        if f < _CANDIDATE_MIN_FREQ:
            break
        if w.isalpha() and w.isascii():
            buckets.setdefault((len(w), w[0]), []).append(w)
    return {k: tuple(v) for k, v in buckets.items()}


def near(word: str, max_dist: int = 2) -> list[tuple[str, int]]:
    """Frequent words within ``max_dist`` edits (Levenshtein) of ``word``, nearest and most
    frequent first. The first letter is taken as right: MT garbles endings, not word starts,
    and it keeps the search to a few small buckets."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    lw = word.lower()
    index = _candidate_index()
    out: dict[str, int] = {}
    for n in range(len(lw) - max_dist, len(lw) + max_dist + 1):
        choices = index.get((n, lw[0]))
        if choices:
            for cand, dist, _ in extract(lw, choices, scorer=Levenshtein.distance,
                                         score_cutoff=max_dist, limit=None):
                out[cand] = dist
    freqs = _freqs()
    return sorted(out.items(), key=lambda cd: (cd[1], -freqs.get(cd[0], 0.0)))


@lru_cache(maxsize=4096)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS ({} for a word its tables do not hold)."""
    import lemminflect

    return lemminflect.getAllLemmas(word)


_TAGS = {"VERB": ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "NOUN": ("NN", "NNS"),
         "ADJ": ("JJ", "JJR", "JJS")}


@lru_cache(maxsize=4096)
def inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of ``lemma`` as ``upos`` (VERB, NOUN, ADJ), from lemminflect.
    Asked tag by tag: ``getAllInflections`` leaves out a VBN that equals the VBD."""
    import lemminflect

    out = {}
    for tag in _TAGS[upos]:
        forms = lemminflect.getInflection(lemma, tag)
        if forms:
            out[tag] = tuple(forms)
    return out


def noun_number(word: str) -> str | None:
    """'sg', 'pl', or None (not a noun, or both: "news", "series", "sheep")."""
    lw = word.lower()
    found = lemmas(lw).get("NOUN")
    if not found:
        return None
    forms = inflections(found[0], "NOUN")
    # lemminflect lists a mass-noun reading as a second NNS ("reports", "report"): only the
    # first plural counts, or every countable noun would look number-less.
    sg, pl = lw in forms.get("NN", ()), lw == (forms.get("NNS") or ("",))[0]
    if sg == pl:
        return None
    return "sg" if sg else "pl"
