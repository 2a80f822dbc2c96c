"""User glossaries for MT705: source term -> the target term(s) a translation must use.

CSV: ``source,target`` per row (a header row naming the columns is skipped; alternatives in the
target cell are separated by ``|``). TBX (ISO 30042, 2008 and 2019 dialects): each term entry's
terms by language; the English ones are the accepted targets. TBX is XML, so it goes through
defusedxml like XLIFF. Loaded once per (path, mtime). Lives below the checks layer (checks may
not import formats), next to the other lazily loaded data.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterable


class GlossaryError(ValueError):
    """A glossary mtfix cannot read: the message is the one line the user sees."""


@dataclass(frozen=True)
class Term:
    """A term and its expressions, compiled on first use: a 40,000-row glossary compiled both
    for every row at load time (80 s), while a text meets only the few terms it contains."""
    source: str
    targets: tuple[str, ...]
    source_pattern: str
    target_pattern: str

    @cached_property
    def source_re(self) -> re.Pattern:
        return re.compile(self.source_pattern, re.I)

    @cached_property
    def target_re(self) -> re.Pattern:
        return re.compile(self.target_pattern, re.I)

    @property
    def key(self) -> str:
        """The first (up to) three characters every match in a source starts its word with
        ("" when the term does not start with a word character: try it on every text)."""
        m = _WORD.match(self.source.lower())
        return m.group()[:3] if m else ""


_WORD = re.compile(r"\w+")


def _stem_pattern(word: str) -> str:
    # Inflected source languages (ru, de, ...) change word endings: "Госдума", "Госдумы".
    # (the first three letters always stay literal: Term.key relies on it)
    if len(word) >= 6 and word.isalpha():
        return re.escape(word[:-2]) + r"\w{0,4}"
    if len(word) >= 4 and word.isalpha():
        return re.escape(word[:-1]) + r"\w{0,3}"
    return re.escape(word)


def make_term(source: str, targets: Iterable[str]) -> Term:
    words = source.split()
    src = r"\s+".join(_stem_pattern(w) for w in words)
    tgts = tuple(t.strip() for t in targets if t.strip())
    alts = "|".join(r"\s+".join(re.escape(w) for w in t.split()) + r"(?:s|es|['’]s)?" for t in tgts)
    return Term(source.strip(), tgts, rf"(?<!\w){src}(?!\w)", rf"(?<!\w)(?:{alts})(?!\w)")


def terms_from_pairs(pairs: Iterable[tuple[str, Iterable[str]]]) -> tuple[Term, ...]:
    return tuple(make_term(s, t) for s, t in pairs if s.strip() and any(x.strip() for x in t))


_INDEXES: dict[int, tuple[tuple[Term, ...], dict[str, list[int]], list[int]]] = {}


def candidates(terms: tuple[Term, ...], source: str) -> list[Term]:
    """The terms that may occur in ``source`` (every one that does, in glossary order): those
    whose first word's first letters start a word of it. The index is built once per glossary."""
    hit = _INDEXES.get(id(terms))
    if hit is None or hit[0] is not terms:
        if len(_INDEXES) > 16:
            _INDEXES.clear()
        by_key: dict[str, list[int]] = {}
        always: list[int] = []
        for k, t in enumerate(terms):
            key = t.key
            (by_key.setdefault(key, []) if key else always).append(k)
        hit = _INDEXES[id(terms)] = (terms, by_key, always)
    _, by_key, always = hit
    found = set(always)
    for key in {w[:3] for w in _WORD.findall(source.lower())}:
        found.update(by_key.get(key, ()))
    return [terms[k] for k in sorted(found)]


def _csv(text: str, path: str) -> list[tuple[str, list[str]]]:
    import csv   # here: the CLI imports this module for GlossaryError on every run
    import io

    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows.extend(r for r in reader if r and any(c.strip() for c in r))
    except csv.Error as e:      # a field over csv's size limit, a NUL byte...
        raise GlossaryError(f"{path}:{reader.line_num}: not a glossary CSV row ({e}; "
                            "expected source,target)") from None
    if rows and [c.strip().lower() for c in rows[0][:2]] in (["source", "target"], ["term", "translation"]):
        rows = rows[1:]
    out = []
    for k, row in enumerate(rows, 1):
        if row[0].lstrip().startswith("#"):
            continue
        if len(row) < 2:
            raise GlossaryError(f"{path}: row {k} needs two columns (source, target)")
        out.append((row[0], row[1].split("|")))
    return out


def _tbx(text: str, path: str, source_lang: str | None) -> list[tuple[str, list[str]]]:
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    try:
        root = DET.fromstring(text)
    except DefusedXmlException:
        raise GlossaryError(f"{path}: unsafe XML rejected (entity declarations are not allowed)") from None
    except ParseError as e:
        raise GlossaryError(f"{path}: not well-formed TBX ({e})") from None
    out = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        by_lang: dict[str, list[str]] = {}
        for ls in entry:
            if _local(ls.tag) not in ("langSet", "langSec"):
                continue
            lang = next((v for k, v in ls.attrib.items() if k.endswith("lang")), "").lower()
            terms = [t.text.strip() for t in ls.iter() if _local(t.tag) == "term" and t.text]
            by_lang.setdefault(lang.split("-")[0], []).extend(terms)
        targets = by_lang.pop("en", [])
        sources = by_lang.get(source_lang or "", []) or [t for ts in by_lang.values() for t in ts]
        out.extend((s, targets) for s in sources if targets)
    return out


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def load(path: str, source_lang: str | None = None) -> tuple[Term, ...]:
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as e:
        raise GlossaryError(f"{path}: cannot read glossary ({e.strerror})") from None
    return _load(path, mtime, source_lang)


@lru_cache(maxsize=8)
def _load(path: str, mtime: int, source_lang: str | None) -> tuple[Term, ...]:
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):     # a FIFO or device would block or never end
            raise GlossaryError(f"{path}: glossary is not a regular file")
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: glossary is not UTF-8") from None
    except OSError as e:
        raise GlossaryError(f"{path}: cannot read glossary ({e.strerror})") from None
    # No cycle collection while the rows are parsed: ~10 objects a row, none in a cycle, and each
    # full collection also walks every object of the lexicons already loaded (a load of 4x the
    # rows took 5.5x the time with it, 4.1x without).
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        if path.lower().endswith((".tbx", ".xml")) or text.lstrip().startswith("<"):
            return terms_from_pairs(_tbx(text, path, source_lang))
        return terms_from_pairs(_csv(text, path))
    finally:
        if enabled:
            gc.enable()
