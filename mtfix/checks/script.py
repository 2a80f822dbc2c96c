"""Untranslated text and mixed scripts (MT621-MT622).

One regular expression (a character class of non-Latin scripts) rejects the ordinary English
segment at once; only segments that contain such letters are looked at word by word. Look-alike
letters come from ``rules/en/script.yaml`` and are a dict look-up per character.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterator

from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules

FAMILY = "script"

# Letters of scripts that are not Latin: Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari,
# Thai, Georgian, Hangul, kana, CJK. Combining marks and symbols are not in it.
_FOREIGN_CLASS = ("\u0370-\u03ff\u0400-\u052f\u0531-\u058f\u05d0-\u05ea\u0620-\u06ff\u0900-\u097f"
                  "\u0e00-\u0e7f\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                  "\uac00-\ud7af\u1f00-\u1fff")


class _OnFirstUse:
    """A pattern compiled when first used: this class of ~40,000 characters takes ~2.5 ms to
    compile, and an English text with no character beyond Latin and punctuation never needs it."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern

    def __getattr__(self, name: str):
        rx = re.compile(self._pattern)
        self.search, self.match = rx.search, rx.match
        return getattr(rx, name)


_FOREIGN = _OnFirstUse(f"[{_FOREIGN_CLASS}]")
# Everything outside Latin (to U+036F) and General Punctuation (U+2000-U+206F): no text without
# one of these has a letter of _FOREIGN_CLASS, and this class compiles at once.
_MAYBE_FOREIGN = re.compile(r"[^\x00-\u036f\u2000-\u206f]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


@lru_cache(maxsize=4)
def _lookalikes(reg_id: int, reg) -> dict[str, str]:  # noqa: ANN001 - cached per registry
    return {str(k): str(v) for k, v in (reg.data(FAMILY, "lookalikes", {}) or {}).items()}


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if not _MAYBE_FOREIGN.search(doc.text) or not _FOREIGN.search(doc.text) or ctx.registry is None:
        return
    looks = _lookalikes(id(ctx.registry), ctx.registry)
    untranslated, mixed = rules.get("MT621"), rules.get("MT622")
    run: list[tuple[int, int]] = []
    words = doc.words
    for k, w in enumerate(words):
        if not _FOREIGN.search(w.text):
            continue
        latin = _delatinise(w.text, looks, _isolated(words, k))
        if latin is not None:
            if mixed is not None:
                yield mixed.issue(w.start, w.end, latin, word=w.text)
            continue
        span = _foreign_span(w)
        if span is None:
            continue
        if run and not _LATIN_OR_DIGIT.search(doc.text[run[-1][1]:span[0]]) \
                and "\n" not in doc.text[run[-1][1]:span[0]]:
            run.append(span)
            continue
        if run and untranslated is not None and not _kept(doc, run):
            yield _untranslated(doc, run, untranslated)
        run = [span]
    if run and untranslated is not None and not _kept(doc, run):
        yield _untranslated(doc, run, untranslated)


def _kept(doc: Doc, run: list[tuple[int, int]]) -> bool:
    """Foreign text a writer keeps on purpose: quoted from the source in a third script, or,
    with no source to compare, a gloss in brackets ("Pan Yin (潘隱)", "-logia (-λογία)")."""
    if _quoted_from_source(doc, run):
        return True
    if doc.segment is not None and doc.segment.source:
        return False
    before = doc.text[:run[0][0]].rstrip("-‐ ")
    return before.endswith(("(", "（")) and doc.text[run[-1][1]:].lstrip()[:1] in (")", "）", ",", "，", ";")


def _quoted_from_source(doc: Doc, run: list[tuple[int, int]]) -> bool:
    """A word the source itself quotes in a third script (Greek ἔργον in an Estonian sentence)
    is kept, not left untranslated: only a copy in the source's own script is MT's fault."""
    source = doc.segment.source if doc.segment is not None else None
    text = doc.text[run[0][0]:run[-1][1]]
    if not source or text not in source:
        return False
    script = _script(next((c for c in text if _FOREIGN.match(c)), " "))
    own = _SCRIPT_OF.get(doc.segment.source_lang or "")
    if own is not None:
        return script not in own      # "4050р." in a ru source is Russian left untranslated
    letters = [c for c in source if c.isalpha()]
    same = sum(_script(c) == script for c in letters)
    return same * 2 < len(letters)


# The script a source language is written in (Unicode name prefixes); a word of another script
# in its source is a quotation. Languages not listed are judged by the source's letters.
_SCRIPT_OF = {**dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn"), ("CYRILLIC",)),
              "el": ("GREEK",), "zh": ("CJK",), "ja": ("CJK", "HIRAGANA", "KATAKANA"), "ko": ("HANGUL", "CJK"),
              "ar": ("ARABIC",), "fa": ("ARABIC",), "he": ("HEBREW",), "ne": ("DEVANAGARI",),
              "hi": ("DEVANAGARI",), "si": ("SINHALA",), "th": ("THAI",),
              **dict.fromkeys(("et", "ro", "de", "fr", "es", "it", "pt", "pl", "cs", "hu", "fi", "nl", "en"),
                              ("LATIN",))}


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split()[0]


def _isolated(words: tuple[Token, ...], k: int) -> bool:
    """No foreign-script word next to words[k]: it sits in English, not in a Cyrillic phrase."""
    return not any(0 <= j < len(words) and _FOREIGN.search(words[j].text) for j in (k - 1, k + 1))


def _delatinise(word: str, looks: dict[str, str], isolated: bool) -> str | None:
    """The word with its look-alike letters made Latin, when it is a Latin word in disguise."""
    foreign = [c for c in word if _FOREIGN.match(c)]
    if any(c not in looks for c in foreign):
        return None   # a real Cyrillic/Greek letter: untranslated text, not a disguise
    latin = sum(1 for c in word if c.isalpha() and not _FOREIGN.match(c))
    out = "".join(looks.get(c, c) for c in word)
    if latin >= len(foreign):
        return out
    # Mostly look-alikes: "ТАСС" is TASS in Cyrillic, not "TACC", and "а", "Не", "На" are Russian
    # words inside a Russian phrase. Only a known English word standing among English words.
    if not isolated or len(foreign) < 2:
        return None
    from ..lexicon import zipf

    return out if zipf(re.split(r"[’'-]", out)[0]) >= 3.0 else None


def _foreign_span(w: Token) -> tuple[int, int] | None:
    text = w.text
    idx = [k for k, c in enumerate(text) if _FOREIGN.match(c)]
    if all("GREEK" in unicodedata.name(text[k], "") for k in idx) \
            and all(b - a > 1 for a, b in zip(idx, idx[1:])):
        return None   # Greek letters used as symbols (α, π, μm, σ2N, α-subunit, δ-ε), not a word
    lo = 0
    while lo < len(text) and text[lo].isdigit():
        lo += 1        # "7499р": the number is English, the unit is not
    if not _FOREIGN.search(text, lo):
        return None   # digits only, of a script whose digits are letters here ("१२३")
    return w.start + lo, w.end


def _untranslated(doc: Doc, run: list[tuple[int, int]], rule) -> Issue:  # noqa: ANN001
    start, end = run[0][0], run[-1][1]
    # (a run may hold no foreign letter once leading digits are cut: "٢𫣐", found by fuzzing)
    first = next((c for c in doc.text[start:end] if _FOREIGN.match(c)), doc.text[start:start + 1] or " ")
    script = unicodedata.name(first, "UNKNOWN").split()[0].title()
    if script == "Cjk":
        script = "CJK"
    return rule.issue(start, end, None, script=script)
