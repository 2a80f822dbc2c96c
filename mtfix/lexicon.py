"""English lexicon with frequencies and inflections, read lazily, per word, and shared by every check.

Backed by wordfreq's English word list (CC-BY-SA 4.0) and lemminflect's lemma/inflection tables.
``zipf(word)`` is the Zipf frequency (log10 of occurrences per billion words; 0 = unseen, ~7 =
"the"). Look up whole tokens: wordfreq's own tokenizer would split "Bi-bi-si" into three common
syllables.

Nothing is loaded at import time. The tables live in an SQLite index built with the wheel
(``mtfix/data/lexicon-en.sqlite``, see ``mtfix/builddata``); a run opens it read-only and asks it
one word at a time, so it pays for the ~160 words it looks up, not for 321,000. Only when the
installed wordfreq or lemminflect differ from the ones the index was built with (or in a checkout
that never ran the build) is the same index built once into the user cache, keyed by the
versions; if that cannot be written or read back, it is built in memory for the run.
"""
from __future__ import annotations

import glob
import os
import sqlite3
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

# Words below this Zipf frequency are too rare to be offered as a correction.
CANDIDATE_MIN_ZIPF = 2.0
SHIPPED = Path(__file__).resolve().parent / "data" / "lexicon-en.sqlite"


@lru_cache(maxsize=None)
def _installed(pkg: str) -> str | None:
    """The installed version of ``pkg`` from its dist-info folder name (importlib.metadata
    costs ~30 ms to import; this is a directory listing next to the package). Once per run: the
    lexicon and the phrase index both ask."""
    try:
        spec = find_spec(pkg)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    site = os.path.dirname(os.path.dirname(spec.origin))
    found = glob.glob(os.path.join(glob.escape(site), f"{pkg}-*.dist-info"))
    if len(found) == 1:
        return os.path.basename(found[0])[len(pkg) + 1:-len(".dist-info")]
    try:
        from importlib.metadata import version

        return version(pkg)
    except Exception:  # noqa: BLE001 - not installed as a distribution
        return None


def _wanted_meta() -> dict[str, str]:
    from .builddata.lexicon_db import FORMAT, misspellings_digest

    return {"format": FORMAT, "wordfreq": _installed("wordfreq") or "?",
            "lemminflect": _installed("lemminflect") or "?", "misspellings": misspellings_digest()}


def _open(path: Path, want: dict[str, str], *, scan: bool = False) -> sqlite3.Connection | None:
    """``path`` opened read-only if it is an index for ``want``; None if missing or untrusted.
    ``scan`` (a file in the user cache, which anything could have written): also check every
    row's types, so a damaged or planted file is rebuilt rather than trusted."""
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if all(meta.get(k) == v for k, v in want.items()) and meta.get("complete") in ("0", "1"):
            db.execute("SELECT zipf, lemmas FROM words WHERE word = 'the'").fetchall()
            if not scan or not db.execute(_BAD_ROWS).fetchone():
                return db
        db.close()
    except Exception:  # noqa: BLE001 - missing, unreadable, damaged, another schema: not this one
        pass
    return None


_BAD_ROWS = """
    SELECT 1 FROM words WHERE typeof(word) != 'text' OR typeof(zipf) NOT IN ('integer', 'null')
        OR typeof(lemmas) NOT IN ('text', 'null')
    UNION ALL SELECT 1 FROM paradigms WHERE typeof(key) != 'text' OR typeof(forms) != 'text'
    UNION ALL SELECT 1 FROM buckets WHERE typeof(len) != 'integer' OR typeof(first) != 'text'
        OR typeof(words) != 'text'
    UNION ALL SELECT 1 FROM misspellings WHERE typeof(word) != 'text' OR typeof(fixes) != 'text'
    UNION ALL SELECT 1 FROM foreign_words WHERE typeof(word) != 'text' OR typeof(lang) != 'text'
        OR typeof(zipf) != 'integer'
    LIMIT 1"""


@lru_cache(maxsize=1)
def _db() -> sqlite3.Connection:
    want = _wanted_meta()
    db = _open(SHIPPED, want)
    if db is not None:
        return db
    from .builddata import lexicon_db
    from .cache import cache_dir

    path = cache_dir() / (f"lexicon-{want['format']}-wordfreq{want['wordfreq']}-lemminflect{want['lemminflect']}"
                         f"-{want['misspellings']}.sqlite")
    db = _open(path, want, scan=True)
    if db is not None:
        return db
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lexicon_db.build(path)
        db = _open(path, want, scan=True)
        if db is not None:
            return db
    except Exception:  # noqa: BLE001 - read-only or broken cache folder: build in memory
        pass
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        built = lexicon_db.build(Path(tmp) / "lexicon.sqlite")
        disk = sqlite3.connect(built)
        mem = sqlite3.connect(":memory:", check_same_thread=False)
        disk.backup(mem)
        disk.close()
    return mem


@lru_cache(maxsize=1)
def _complete() -> bool:
    row = _db().execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
    return bool(row and row[0] == "1")


@lru_cache(maxsize=65536)
def _row(word: str) -> tuple[int | None, str | None] | None:
    got = _db().execute("SELECT zipf, lemmas FROM words WHERE word = ?", (word,)).fetchone()
    return None if got is None else (got[0], got[1])


def _decode(raw: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v.split(",")) for k, _, v in (part.partition(":") for part in raw.split(";") if part)}


def zipf(word: str) -> float:
    """Zipf frequency of the exact lower-cased token, 0.0 when unknown."""
    row = _row(word.lower())
    return row[0] / 100 if row and row[0] else 0.0


def is_word(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf


def known(word: str) -> bool:
    """In wordfreq at any frequency, or a form lemminflect's tables know (rare inflections)."""
    lw = word.lower()
    row = _row(lw)
    return (row is not None and row[0] is not None) or bool(lemmas(lw))


@lru_cache(maxsize=1024)
def _bucket(n: int, first: str) -> tuple[str, ...]:
    got = _db().execute("SELECT words FROM buckets WHERE len = ? AND first = ?", (n, first)).fetchone()
    return tuple(got[0].split("\n")) if got else ()


def near(word: str, max_dist: int = 2) -> list[tuple[str, int]]:
    """Frequent words within ``max_dist`` edits (Levenshtein) of ``word``, nearest and most
    frequent first. The first letter is taken as right: MT garbles endings, not word starts,
    and it keeps the search to a few small buckets."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extract

    lw = word.lower()
    out: dict[str, int] = {}
    for n in range(len(lw) - max_dist, len(lw) + max_dist + 1):
        choices = _bucket(n, lw[0]) if lw else ()
        if choices:
            for cand, dist, _ in extract(lw, choices, scorer=Levenshtein.distance,
                                         score_cutoff=max_dist, limit=None):
                out[cand] = dist
    return sorted(out.items(), key=lambda cd: (cd[1], -zipf(cd[0])))


@lru_cache(maxsize=8192)
def lemmas(word: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by universal POS ({} for a word its tables do not hold)."""
    row = _row(word)
    if row is not None and row[1] is not None:
        return _decode(row[1])
    if _complete():
        return {}   # the index holds every form lemminflect's table knows
    import lemminflect   # a rare word: ask the package itself

    return {k: tuple(v) for k, v in lemminflect.getAllLemmas(word).items()}


@lru_cache(maxsize=8192)
def inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of ``lemma`` as ``upos`` (VERB, NOUN, ADJ), from lemminflect."""
    got = _db().execute("SELECT forms FROM paradigms WHERE key = ?", (f"{upos}:{lemma}",)).fetchone()
    if got is not None:
        return _decode(got[0])
    from .builddata.lexicon_db import ask_inflections

    return ask_inflections(lemma, upos)


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


@lru_cache(maxsize=4096)
def foreign(word: str) -> tuple[str, float] | None:
    """(language, Zipf frequency there) when lower-case ``word`` is common in another language
    written in Latin letters and rare in English ("gratuit" -> ("fr", 4.6)), else None."""
    got = _db().execute("SELECT lang, zipf FROM foreign_words WHERE word = ?", (word,)).fetchone()
    return (got[0], got[1] / 100.0) if got else None


@lru_cache(maxsize=4096)
def misspelling(word: str) -> tuple[str, ...]:
    """The corrections of a common misspelling ("recieve" -> "receive"; codespell's list, see
    ``benchmarks/build_misspellings.py``), else ()."""
    got = _db().execute("SELECT fixes FROM misspellings WHERE word = ?", (word,)).fetchone()
    return tuple(got[0].split(",")) if got else ()
