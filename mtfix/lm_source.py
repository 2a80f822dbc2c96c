"""Source-side evidence of the quality model (``mtfix.lm``): what a translation should keep of
its source in any script. Length against the source language's usual ratio (or its script's),
numbers of any digit script, question and exclamation marks and brackets (full-width ones too),
Latin-script names carried over, source words left untranslated, and word-translation coverage
both ways (``mtfix.bilex``)."""
from __future__ import annotations

import math
import re

from .lm import language_model, model


_DIGITS = re.compile(r"\d+")
_SCRIPTS = (("Han", "\u4e00", "\u9fff"), ("Cyrillic", "\u0400", "\u04ff"),
            ("Devanagari", "\u0900", "\u097f"), ("Sinhala", "\u0d80", "\u0dff"),
            ("Arabic", "\u0600", "\u06ff"), ("Hangul", "\uac00", "\ud7af"),
            ("Kana", "\u3040", "\u30ff"), ("Greek", "\u0370", "\u03ff"), ("Hebrew", "\u0590", "\u05ff"),
            ("Thai", "\u0e00", "\u0e7f"))


def script_of(text: str) -> str:
    """The dominant non-Latin script of a text, or "Latin"."""
    counts: dict[str, int] = {}
    for c in text:
        if c.isalpha() and ord(c) > 0x24F:
            name = next((s for s, lo, hi in _SCRIPTS if lo <= c <= hi), "Other")
            counts[name] = counts.get(name, 0) + 1
    latin = sum(c.isascii() and c.isalpha() for c in text)
    best = max(counts.items(), key=lambda kv: kv[1], default=("Latin", 0))
    return best[0] if best[1] > latin else "Latin"


def _numbers(text: str) -> set[str]:
    """Digit runs of any script (Devanagari, Arabic-Indic, full-width...) as ASCII strings."""
    from .numbers import ascii_digits

    return {m.group().lstrip("0") or "0" for m in _DIGITS.finditer(ascii_digits(text))}


def expected_ratio(source: str, source_lang: str | None) -> float:
    m = model()
    if source_lang and source_lang in m.len_ratio:
        return m.len_ratio[source_lang]
    return m.script_ratio.get(script_of(source), m.script_ratio["Latin"])


_WIDE = str.maketrans("？！（）：；％", "?!():;%")   # full-width marks of CJK sources
_LATIN_TOKEN = re.compile(r"\b[A-Za-z][A-Za-z'’-]+\b")


def _marks(text: str) -> tuple[int, int, int]:
    t = text.translate(_WIDE)
    return t.count("?"), t.count("!"), t.count("(")


def source_features(text: str, source: str, source_lang: str | None = None,
                    expected: float | None = None) -> dict[str, float]:
    """Length against what the source's language predicts (``expected``: the log ratio, by
    default from the model's table), numbers carried over or invented, question marks,
    exclamations and brackets kept, Latin-script words (names, acronyms) carried over, source
    words copied untranslated, and word-translation coverage both ways (``mtfix.bilex``)."""
    script = script_of(source)
    if expected is None:
        expected = expected_ratio(source, source_lang)
    dev = math.log((len(text) + 5) / (len(source) + 5)) - expected
    src_n, mt_n = _numbers(source), _numbers(text)
    marks = sum(abs(a - b) for a, b in zip(_marks(source), _marks(text)))
    low = text.lower()
    src_words = _LATIN_TOKEN.findall(source)
    lm = language_model()
    if script == "Latin":
        # A Latin-script source: its capitalised words (names) should appear, its other words not.
        names = {w.lower() for w in src_words[1:] if w[0].isupper()} - lm.function   # not the first word
        src_lower = {w.lower() for w in src_words}
        out_words = [w.lower() for w in _LATIN_TOKEN.findall(text) if len(w) > 3 and not w[0].isupper()]
        copied = sum(w in src_lower and lm.zipf.get(w, 0.0) < 3.0 for w in out_words)
        copy = copied / len(out_words) if out_words else 0.0
    else:
        names, copy = {w.lower() for w in src_words}, 0.0   # Latin words in CJK/Cyrillic/...: names
    from .bilex import choose, coverage

    out = {"len_low": max(0.0, -dev), "len_high": max(0.0, dev),
           "num_missing": len(src_n - mt_n) / len(src_n) if src_n else 0.0,
           "num_extra": len(mt_n - src_n) / len(mt_n) if mt_n else 0.0,
           "marks_diff": min(marks, 3) / 3.0,
           "names_missing": sum(w not in low for w in names) / len(names) if names else 0.0,
           "copy": copy}
    out.update(coverage(text, source, choose(source, source_lang, script), lm.function))
    return out


