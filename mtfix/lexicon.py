"""English lexicon with frequencies and inflections, loaded lazily, once, and shared by every check.

Backed by wordfreq's English word list (CC-BY-SA 4.0) and lemminflect's lemma/inflection tables.
``zipf(word)`` is the Zipf frequency (log10 of occurrences per billion words; 0 = unseen, ~7 =
"the"). Look up whole tokens: wordfreq's own tokenizer would split "Bi-bi-si" into three common
syllables.

Nothing is loaded at import time. On first use the lexicon is read from a compact index, a
``marshal`` file in the user's cache directory (``$MTFIX_CACHE_DIR``, else
``$XDG_CACHE_HOME/mtfix`` or ``~/.cache/mtfix``) keyed by the wordfreq and lemminflect versions:
every word's Zipf frequency, the candidate buckets, and the lemmas, noun numbers and verb
paradigms of the ~90k frequent words and of every form in lemminflect's table. Reading it costs
~0.15-0.25 s, against ~0.7 s for importing wordfreq and lemminflect and loading their tables
(benchmarks/check_speed.py measures both); the packages are then only imported to build it.
The index is derived from the installed packages on the first run (a few seconds) and never
downloaded; if it cannot be written, the run keeps it in memory.
"""
from __future__ import annotations

import math
import marshal
import os
from array import array
from functools import lru_cache
from pathlib import Path
from typing import Any

# Words below this Zipf frequency are too rare to be offered as a correction: wordfreq's long
# tail holds misspellings and transliterations of its own.
CANDIDATE_MIN_ZIPF = 2.0
_INDEX_FORMAT = 4


@lru_cache(maxsize=1)
def _index() -> dict[str, Any]:
    path = _index_path()
    if path is not None and path.is_file():
        try:
            stored = marshal.loads(path.read_bytes())   # one read: marshal.load(file) is slower
            if isinstance(stored, dict) and stored.get("format") == _INDEX_FORMAT:
                return _unpack(stored)
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass   # a damaged or foreign file: rebuild it
    stored = _build_index()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(stored))
            os.replace(tmp, path)
        except OSError:
            pass   # a read-only home: keep the tables in memory for this run
    return _unpack(stored)


def _unpack(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored form is a few long strings (marshal reads one string far faster than 300k);
    the dicts are rebuilt here, and each lemma or paradigm entry is decoded only when asked."""
    zipfs = array("H")
    zipfs.frombytes(stored["zipf"])
    buckets = stored["buckets"]
    return {"zipf": dict(zip(stored["words"].split("\n"), zipfs)), "buckets": buckets,
            "complete": stored["complete"],
            "covered": frozenset(stored["covered"].split("\n")),
            "lemmas": dict(line.split("\t", 1) for line in stored["lemmas"].split("\n") if line),
            "paradigms": dict(line.split("\t", 1) for line in stored["paradigms"].split("\n") if line)}


def _encode(table: dict[str, tuple[str, ...]]) -> str:
    return ";".join(f"{k}:{','.join(v)}" for k, v in table.items())


def _decode(raw: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v.split(",")) for k, v in (part.split(":", 1) for part in raw.split(";") if part)}


def _index_path() -> Path | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        key = f"wordfreq{version('wordfreq')}-lemminflect{version('lemminflect')}"
    except PackageNotFoundError:
        return None
    from .cache import cache_dir

    return cache_dir() / f"lexicon-{_INDEX_FORMAT}-{key}.marshal"


def _build_index() -> dict[str, Any]:
    """Everything the engines ask the lexicon, computed from the installed packages."""
    import lemminflect
    import wordfreq

    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    zipfs = {w: int(round((math.log10(f) + 9) * 100)) for w, f in freqs.items()}
    buckets: dict[tuple[int, str], list[str]] = {}
    for w, z in zipfs.items():   # wordfreq orders its list by falling frequency
        if z < CANDIDATE_MIN_ZIPF * 100:
            break
        if w.isalpha() and w.isascii():
            buckets.setdefault((len(w), w[0]), []).append(w)
    every_form = _lemminflect_words()
    covered = {w for words in buckets.values() for w in words} | every_form
    lemma_table: dict[str, dict[str, tuple[str, ...]]] = {}
    for w in covered:
        found = lemminflect.getAllLemmas(w)
        if found:
            lemma_table[w] = {k: tuple(v) for k, v in found.items()}
    paradigms: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {"NOUN": {}, "VERB": {}}
    for found in lemma_table.values():
        for upos, table in paradigms.items():
            for lemma in found.get(upos, ()):
                if lemma not in table:
                    table[lemma] = _ask_inflections(lemma, upos)
    return {"format": _INDEX_FORMAT, "complete": bool(every_form),
            "words": "\n".join(zipfs), "covered": "\n".join(sorted(covered)),
            "zipf": array("H", zipfs.values()).tobytes(),
            "buckets": {k: tuple(v) for k, v in buckets.items()},
            "lemmas": "\n".join(f"{w}\t{_encode(t)}" for w, t in lemma_table.items()),
            "paradigms": "\n".join(f"{upos}:{lemma}\t{_encode(t)}" for upos, table in paradigms.items()
                                   for lemma, t in table.items())}


def _lemminflect_words() -> set[str]:
    """Every form lemminflect's lemma table holds, so that a word outside the index is known
    to be outside lemminflect too and the package need not be imported to say so. Internal
    API: without it only the frequent words are indexed, and rarer ones ask the package."""
    try:
        from lemminflect import Lemmatizer

        lem = Lemmatizer()
        return set(lem._getLemmaDict()) | set(lem._getOverridesDict())
    except Exception:  # noqa: BLE001 - any change of lemminflect's internals
        return set()


def zipf(word: str) -> float:
    """Zipf frequency of the exact lower-cased token, 0.0 when unknown."""
    z = _index()["zipf"].get(word.lower())
    return z / 100 if z else 0.0


def is_word(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf


def known(word: str) -> bool:
    """In wordfreq at any frequency, or a form lemminflect's tables know (rare inflections)."""
    lw = word.lower()
    return lw in _index()["zipf"] or bool(lemmas(lw))


def near(word: str, max_dist: int = 2) -> list[tuple[str, int]]:
    """Frequent words within ``max_dist`` edits (Levenshtein) of ``word``, nearest and most
    frequent first. The first letter is taken as right: MT garbles endings, not word starts,
    and it keeps the search to a few small buckets."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    lw = word.lower()
    index = _index()["buckets"]
    out: dict[str, int] = {}
    for n in range(len(lw) - max_dist, len(lw) + max_dist + 1):
        choices = index.get((n, lw[0]))
        if choices:
            for cand, dist, _ in extract(lw, choices, scorer=Levenshtein.distance,
                                         score_cutoff=max_dist, limit=None):
                out[cand] = dist
    zipfs = _index()["zipf"]
    return sorted(out.items(), key=lambda cd: (cd[1], -zipfs.get(cd[0], 0)))


@lru_cache(maxsize=8192)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS ({} for a word its tables do not hold)."""
    index = _index()
    if word in index["covered"]:
        raw = index["lemmas"].get(word)
        return _decode(raw) if raw else {}
    if index["complete"]:
        return {}   # the index holds every form lemminflect's table knows
    import lemminflect   # a rare word: ask the package itself

    return {k: tuple(v) for k, v in lemminflect.getAllLemmas(word).items()}


_TAGS = {"VERB": ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "NOUN": ("NN", "NNS"),
         "ADJ": ("JJ", "JJR", "JJS")}


@lru_cache(maxsize=8192)
def inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of ``lemma`` as ``upos`` (VERB, NOUN, ADJ), from lemminflect."""
    raw = _index()["paradigms"].get(f"{upos}:{lemma}")
    return _decode(raw) if raw is not None else _ask_inflections(lemma, upos)


def _ask_inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Asked tag by tag: ``getAllInflections`` leaves out a VBN that equals the VBD."""
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
