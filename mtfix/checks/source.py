"""Source-aware checks (MT7xx): compare a translation with its source when the segment has one
(PO msgid, XLIFF <source>, ``mtfix.check(text, source=...)``).

These rules report on protected spans themselves (a placeholder that went missing, a URL that
changed): their YAML says ``flags_protected: true``. None has a safe fix: what the right
translation is needs a human. Data (scale words, number words, length ratios, the starter
glossary) lives in rules/en/source.yaml.
"""
from __future__ import annotations

import hashlib
from array import array
import re
import struct
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Iterable, Iterator

from .. import number_dates
from .. import numbers as numread
from ..analysis import Doc
from ..model import Issue, Segment
from ..protect import EMAIL, URL, merge, plain_protected
from . import Context, Rules

FAMILY = "source"

_TAG = re.compile(r"</?([A-Za-z][\w:.-]*)([^<>]*?)(/?)>")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_PRINTF = re.compile(r"(?<!%)%(?:(\d+)\$|\(([\w.]+)\))?[-+0#]?\d*(?:\.\d+)?[sdifgxXeEoucr]")
_BRACE = re.compile(r"\{\{\s*[\w.-]+\s*\}\}|\$\{[\w.-]+\}|\{\w+(?:[.:,][^{}\n]*)?\}")
_ID_RE = re.compile(r"`[^`\n]+`|--[a-z][\w-]+|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"
                    r"|\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[\w-]+\.(?:py|js|ts|json|ya?ml|txt|md|html?|xml|exe|sh|cfg|ini|toml|csv|po)\b")
_LINK_RE = re.compile(f"{URL}|{EMAIL}", re.I)
_SENT = re.compile(r"(?<=[.!?…])[»”\"')]*\s+")
_SCRIPTS = (("ru", "\u0400", "\u04ff"), ("el", "\u0370", "\u03ff"), ("he", "\u0590", "\u05ff"),
            ("ar", "\u0600", "\u06ff"), ("ja", "\u3040", "\u30ff"), ("ko", "\uac00", "\ud7af"),
            ("zh", "\u4e00", "\u9fff"))


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    seg = doc.segment
    if not seg.source or not seg.source.strip() or not doc.text.strip():
        return
    lang = seg.source_lang or ctx.source_lang or guess_lang(seg.source)
    src_prot = source_protected(seg.source)
    if (rule := rules.get("MT701")):
        yield from _numbers(doc, seg.source, src_prot, lang, rule, ctx)
    if (rule := rules.get("MT702")):
        yield from _placeholders(doc.text, seg.source, rule)
    if (rule := rules.get("MT703")) and not _english_to_english(seg, ctx):
        yield from _untranslated(doc, seg.source, src_prot, lang, rule)
    if (rule := rules.get("MT704")):
        yield from _length(doc, seg.source, src_prot, lang, rule, ctx)
    if (rule := rules.get("MT705")):
        yield from _glossary(doc, seg.source, lang, rule, ctx)
    if (rule := rules.get("MT706")):
        yield from _inner_inconsistency(doc, seg.source, rule)
    if (rule := rules.get("MT707")):
        yield from _links(doc.text, seg.source, rule)


# ---------------------------------------------------------------- helpers
def guess_lang(text: str) -> str | None:
    counts = Counter()
    for ch in text:
        for lang, lo, hi in _SCRIPTS:
            if lo <= ch <= hi:
                counts[lang] += 1
                break
    if not counts:
        return None
    lang = counts.most_common(1)[0][0]
    return "ja" if lang == "zh" and counts.get("ja") else lang


def source_protected(text: str) -> tuple[tuple[int, int], ...]:
    spans = [(m.start(), m.end()) for m in _TAG.finditer(text)]
    spans += [(m.start(), m.end()) for m in _ENTITY.finditer(text)]
    return merge(spans + list(plain_protected(text)))


def mask(text: str, spans) -> str:
    """``text`` with protected spans blanked (same length, so offsets still hold)."""
    if not spans:
        return text
    parts, pos = [], 0
    for s, e in spans:
        parts.append(text[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _data(ctx: Context, key: str, default):
    return ctx.registry.data(FAMILY, key, default) if ctx.registry else default


# ---------------------------------------------------------------- MT701 numbers
_NUMBER_KEYS = ("decimal_comma", "space_groups", "lakh_groups", "scale_words", "number_words", "cjk_langs",
                "cjk_digits", "cjk_units", "cjk_approx", "cjk_masks", "decades", "clock", "ambiguous_scales",
                "suffix_multipliers", "range_marks", "currency_codes", "calendar_offsets",
                "scale_before", "calendar_months", "calendar_day_marks",
                "calendar_short_years", "bare_day_marks", "month_marks",
                "roman_langs")


@lru_cache(maxsize=4)
def number_table(reg) -> numread.Table:  # noqa: ANN001 - cached per registry
    """The number reader's data (rules/en/numbers.yaml), read once per registry."""
    return numread.Table.from_data({k: reg.data(FAMILY, k) for k in _NUMBER_KEYS})


def parse_number(raw: str, lang: str | None) -> Decimal | None:
    from ..ruledata import registry

    return numread.parse_number(raw, lang, number_table(registry()))


def _numbers(doc: Doc, source: str, src_prot, lang, rule, ctx) -> Iterator[Issue]:
    if ctx.registry is None:
        return
    table = number_table(ctx.registry)
    src = numread.read(source, lang, table, src_prot)
    # The target read in its own conventions (1.234,5 de; 1 234,5 fr; 万 zh): rules/en/numbers.yaml
    tlang = _target_lang(doc.segment, ctx)
    tgt = numread.read(doc.text, tlang, table, doc.segment.protected)
    if not src and not tgt:
        return
    # Any reading of any source number (digits, numerals, words) excuses a target number; a
    # source number must appear when it is written in digits and is not an approximation.
    src_values = set().union(*(n.values for n in src)) | numread.word_values(source, lang or "", table)
    have = set().union(*(n.values for n in tgt)) | numread.word_values(doc.text, tlang, table)
    runs = _digit_runs(doc.text)      # once per segment: every number asks about them
    excuse = _Excuse(source, src, runs)
    extra = [t for t in tgt if not t.values & src_values and not excuse(t, doc.text)]
    if tlang != "en" and tlang in table.cjk_langs:
        # A CJK target's numeral characters are words as often as numbers (一条 "a", 百科全书
        # "encyclopedia", 四重奏 "quartet"): only numbers written in digits count as added.
        extra = [t for t in extra if _HAS_DIGIT.search(t.raw)]
    # "211,985 universities" for 211，985大学 (a list with a full-width comma): grouping digits
    # in English, but each part is a number of the source.
    listed = [t for t in extra if "," in t.raw and _parts(t.raw) <= src_values]
    if listed:
        extra = [t for t in extra if t not in listed]
        have |= set().union(*(_parts(t.raw) for t in listed))
    if extra and number_dates.other_calendar(source, lang, table):
        extra = [t for t in extra if not (t.raw.isdigit() and int(t.raw) <= 31 and _gregorian_day(doc.text, t))]
    missing: list[numread.Number] = []
    for n in src:
        # A source 1 is "a"/"an" as often as "one": it is never required.
        if n.required and n.value != 1 and not n.values & have and all(n.values != m.values for m in missing) \
                and not _regrouped(n, runs):
            missing.append(n)
    if missing and extra:
        # "3.292 million" for 329.29万 (3.2929 million): the source's number cut or rounded to
        # the digits the translation shows is the same number.
        for t in list(extra):
            n = next((m for m in missing if _rounded(t, m)), None)
            if n is not None:
                extra.remove(t)
                missing.remove(n)
    if (missing or extra) and _IMPERIAL.search(source) and _METRIC.search(doc.text):
        # 80 feet -> 24 Meter, 8-foot -> 2,4 m: a unit conversion, the numbers differ by design
        missing = [m for m in missing if not _IMPERIAL.match(source, m.end)]
        extra = [t for t in extra if not _METRIC.match(doc.text, t.end)]
    if not missing:
        # With every source number rendered, an added year ("the 2015 nuclear deal") or list
        # marker ("1)") is the translator making the text explicit, not a wrong number.
        extra = [t for t in extra if not (_YEAR.fullmatch(t.raw) or doc.text.startswith(")", t.end))]
    if not missing and not extra:
        return
    # Dates and codes ("05.03" vs "03/05"): the same digit groups in another order are not an error.
    digits = lambda items: Counter(g.lstrip("0") for n in items for g in re.findall(r"\d+", n.raw))
    if digits(src) == digits(tgt) and all(n.raw.isascii() for n in src):
        return
    if len(missing) == 1 and len(extra) == 1:
        t, m = extra[0], missing[0]
        shown = doc.text[t.start:t.end]
        # A replacement only for one plain reading: never for an alternative (90年代: 90 or the 1990s).
        sugg = [_english(m.value, m.raw)] if len(m.values) == 1 else []
        yield rule.issue(t.start, t.end, suggestions=sugg, number=shown, expected=sugg[0] if sugg else "",
                         message=f"The source has {m.raw.strip()} here, not {shown}: check the number")
        return
    for t in extra:
        yield rule.issue(t.start, t.end, message=f"{doc.text[t.start:t.end]} is not in the source: check the number")
    if missing:
        shown = ", ".join(_english(m.value, m.raw) if m.raw.isascii() else m.raw for m in missing)
        yield rule.issue(0, len(doc.text), message=f"The translation drops the number(s) {shown} of the source")


def _rounded(t: numread.Number, n: numread.Number) -> bool:
    """Is the target number ``t``, written with a scale word or decimals ("3.29 million",
    "2.5"), the source number ``n`` rounded or cut to the digits ``t`` shows? An exact count
    ("2018", "7,962") has no such tolerance."""
    raw = t.raw.replace(",", "")
    if len(t.values) != 1 or not re.fullmatch(r"\d+(?:\.\d+)?", raw) or not int(raw.replace(".", "")):
        return False
    value, shown = next(iter(t.values)), Decimal(raw)
    decimals = len(raw.partition(".")[2])
    if value == shown and not decimals:
        return False
    step = value / shown * Decimal(10) ** -decimals
    return any(abs(v - value) * 2 <= step or Decimal(0) <= v - value < step for v in n.values)


_YEAR = re.compile(r"(?:19|20)\d\d")
# A currency conversion a translator adds in brackets: "30 billion yuan (about 4.3 billion U.S. dollars)".
_CONVERSION = re.compile(r"\((?:about|approximately|approx\.|roughly|around|some|or|nearly|over|equivalent to|worth) "
                         r"(?:US\$|\$|€|£|USD |EUR )?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"(?: (?:million|billion|trillion|thousand))?"
                             r"(?: (?:U\.S\.|US|American|Hong Kong|Singapore|Canadian|Australian))?"
                             r" ?(?:dollars|euros|pounds|yuan|USD|EUR)?\)", re.IGNORECASE)
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_MONTH_BEFORE = re.compile(_MONTH + r" $")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?(?: of)? " + _MONTH + r"\b")


def _parts(raw: str) -> set[Decimal]:
    return {Decimal(p) for p in raw.split(",") if p.isdigit()}


_DIGIT_RUN = re.compile(r"\d[\d -]*\d")


def _digit_runs(text: str) -> list[tuple[int, int, str]]:
    """Every run of digits grouped by spaces or hyphens: (start, end, its digits alone)."""
    return [(m.start(), m.end(), re.sub(r"[ -]", "", m.group()))
            for m in _DIGIT_RUN.finditer(numread.ascii_digits(text))]


def _regroup_key(n: numread.Number) -> str | None:
    digits = n.raw.replace(",", "").replace(" ", "")
    return digits if len(digits) >= 6 and digits.isdigit() else None


def _regrouped(n: numread.Number, runs: list[tuple[int, int, str]]) -> bool:
    """A long code or phone number written with other grouping: 85993119 as "8599 3119"."""
    key = _regroup_key(n)
    return key is not None and any(joined == key for _, _, joined in runs)


def _gregorian_day(text: str, t: numread.Number) -> bool:
    """A day of a Gregorian month ("April 29", "29th of April"): converted from a date of the
    source's own calendar, it shares no digits with it."""
    return bool(_MONTH_BEFORE.search(text, max(0, t.start - 11), t.start) or _MONTH_AFTER.match(text, t.end))
_CLOCK = re.compile(r"\d\s?:\s?$")


class _Excuse:
    """Whether a target number the reader cannot match is no error: the minutes of a clock time
    ("10:00" for 10时, "9:30" for 9时半), or digits the source has inside a name ("ATP 500" for
    ATP500, where a letter before the digits keeps the reader from taking them as a number).
    What it needs of the source and of the target's digit runs is derived once per segment."""

    def __init__(self, source: str, src: list[numread.Number], runs: list[tuple[int, int, str]]) -> None:
        self.source, self.src, self.runs = source, src, runs
        self._digits: str | None = None
        self._rest: str | None = None
        self._keys = {k for k in map(_regroup_key, src) if k is not None}

    def __call__(self, t: numread.Number, text: str) -> bool:
        if _CLOCK.search(text[max(0, t.start - 4):t.start]) and t.raw in ("00", "30", "15", "45"):
            return True
        if _CONVERSION.search(text, max(0, t.start - 25), t.start) and _CURRENCY_AFTER.match(text, t.end):
            return True                              # "(about 4.3 billion U.S. dollars)": the translator's note
        if not t.raw.isdigit():
            return False
        if self._digits is None:
            self._digits = re.sub(r"\D", "", numread.ascii_digits(self.source))
            self._rest = numread.ascii_digits(mask(self.source, [(n.start, n.end) for n in self.src]))
        if len(t.raw) >= 4 and t.raw in self._digits:
            return True                              # a phone number grouped differently: 8599 3119
        if any(s <= t.start and t.end <= e and joined in self._keys for s, e, joined in self.runs):
            return True                              # ... or "859 93119": a group of any length
        return re.search(rf"(?<!\d){t.raw}(?!\d)", self._rest) is not None


_SCALES_EN = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _english(value: Decimal, src_raw: str) -> str:
    """The source's number as English writes it: "7,926", "2.5", "14 billion"."""
    if value == value.to_integral():
        for scale, word in _SCALES_EN:
            if value >= scale and (value / scale) * 100 == ((value / scale) * 100).to_integral():
                return f"{format((value / scale).normalize(), 'f')} {word}"
        grouped = value >= 10000 or bool(re.search(r"\d[ \u00a0\u202f\u2009',.]\d{3}(?!\d)", src_raw))
        return f"{int(value):,}" if grouped else str(int(value))
    return format(value, "f")


# ---------------------------------------------------------------- MT702 placeholders and tags
def tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TAG.finditer(text):
        ident = re.search(r"\bid\s*=\s*[\"']([^\"']*)", m.group(2))
        closing = m.group().startswith("</")
        name = m.group(1).lower()
        key = f"</{name}>" if closing else f"<{name}{' id=' + ident.group(1) if ident else ''}{m.group(3)}>"
        out.append((m.start(), m.end(), key))
    for rx in (_PRINTF, _BRACE):
        out += [(m.start(), m.end(), re.sub(r"\s+", "", m.group())) for m in rx.finditer(text)]
    return sorted(out)


def _placeholders(text: str, source: str, rule) -> Iterator[Issue]:
    src, tgt = tokens(source), tokens(text)
    want, have = Counter(k for *_, k in src), Counter(k for *_, k in tgt)
    missing = list((want - have).elements())
    added = [(s, e, k) for s, e, k in tgt if (have - want)[k] > 0]
    seen = Counter()
    for s, e, k in added:
        seen[k] += 1
        if seen[k] > (have - want)[k]:
            continue
        similar = [m for m in missing if _kind(m) == _kind(k)]
        if similar:
            yield rule.issue(s, e, suggestions=[similar[0]],
                             message=f"'{k}' is not in the source; did you mean '{similar[0]}'?")
            missing.remove(similar[0])
        else:
            yield rule.issue(s, e, message=f"'{k}' is not in the source: remove it or check the source")
    if missing:
        left = Counter(missing)
        shown = []
        for *_, k in src:                   # in source order
            if left[k] > 0:
                left[k] -= 1
                shown.append(k)
        yield rule.issue(0, len(text), message=f"Missing from the translation: {' '.join(shown)}")
        return
    # Unnumbered printf placeholders are filled in order: reordering them swaps the values.
    order_s = [k for *_, k in src if _PRINTF.fullmatch(k) and "$" not in k and "(" not in k]
    order_t = [(s, e, k) for s, e, k in tgt if _PRINTF.fullmatch(k) and "$" not in k and "(" not in k]
    if len(order_s) == len(order_t) and order_s != [k for *_, k in order_t]:
        first = next(t for t, k in zip(order_t, order_s) if t[2] != k)
        yield rule.issue(first[0], first[1], message="Unnumbered placeholders are filled in order: "
                         f"the source has {' '.join(order_s)} (use %1$s-style numbers to reorder)")


def _kind(token: str) -> str:
    return "tag" if token.startswith("<") else "printf" if token.startswith("%") else "brace"


# ---------------------------------------------------------------- MT703 untranslated
def _script_share(text: str, lang: str) -> tuple[int, int]:
    lo_hi = [(lo, hi) for lg, lo, hi in _SCRIPTS if lg == lang]
    letters = [c for c in text if c.isalpha()]
    if not lo_hi:
        return 0, len(letters)
    lo, hi = lo_hi[0]
    return sum(1 for c in letters if lo <= c <= hi), len(letters)


_HAS_DIGIT = re.compile(r"\d")
# A number's unit right after it, in the imperial system (a source) and the metric one (a target).
_IMPERIAL = re.compile(r"[\s-]?(?:feet|foot|ft|miles?|inch(?:es)?|pounds?|lbs?|ounces?|oz|gallons?|yards?|"
                       r"acres?|mph|°F|degrees? Fahrenheit)\b", re.I)
_METRIC = re.compile(r"[\s\u00a0-]?(?:m|km|cm|mm|kg|g|l|ha|km/h|°C|met(?:er|re)s?|kilomet(?:er|re)s?|"
                     r"centimet(?:er|re)s?|Metern?|Kilometern?|Zentimetern?|Kilogramm|Liter[n]?|Hektar|"
                     r"mètres?|kilomètres?|kilos?|litres?|metros?|kilómetros?|метр\w*|километр\w*|км|см|кг|"
                     r"Grad Celsius|degrés?)(?!\w)", re.I)


def _target_lang(seg: Segment, ctx: Context) -> str:
    """The segment's target language (base code), as the pipeline chose the rules by."""
    if ctx.target is not None:
        return ctx.target
    from ..pipeline import target_of
    from ..options import Options

    return target_of(seg, ctx.options or Options())


def _english_to_english(seg, ctx: Context) -> bool:
    """An English-variant catalogue (a PO ``Language: en_GB``, XLIFF ``target-language="en-AU"``,
    ``--target-lang en-GB``) of an English source: copying the source is the translation there."""
    declared = seg.target_lang or (ctx.options.target_lang if ctx.options else None)
    if not declared or declared.replace("_", "-").split("-")[0].lower() != "en":
        return False
    if not seg.target_lang and "-" not in declared.replace("_", "-"):
        return False    # a plain "en" (the API's default) says nothing about the catalogue
    from ..langdetect import detect

    return guess_lang(seg.source or "") is None and detect(seg.source) is None


def _untranslated(doc: Doc, source: str, src_prot, lang, rule) -> Iterator[Issue]:
    tgt = " ".join(mask(doc.text, doc.segment.protected).split())
    src = " ".join(mask(source, src_prot).split())
    words = re.findall(r"[^\W\d_]{2,}", tgt)
    # A Latin-script name in a Russian source ("Star Wars Fallen Order") is meant to stay as is.
    source_script_lang = lang in {lg for lg, _, _ in _SCRIPTS}
    if source_script_lang and guess_lang(src) != lang:
        return
    if tgt.casefold() == src.casefold() and words and (guess_lang(src) or len(words) >= 3):
        yield rule.issue(0, len(doc.text), message="The translation is the source text, untranslated")
        return
    if lang and guess_lang(source) == lang:
        foreign, total = _script_share(tgt, lang)
        if foreign >= 4 and foreign > total / 2:
            yield rule.issue(0, len(doc.text), message="The translation is mostly in the source script: "
                             "left untranslated?")


# ---------------------------------------------------------------- MT704 length ratio
def _length(doc: Doc, source: str, src_prot, lang, rule, ctx) -> Iterator[Issue]:
    src = " ".join(mask(source, src_prot).split())
    tgt = " ".join(mask(doc.text, doc.segment.protected).split())
    ranges = _data(ctx, "length_ratio", {}) or {}
    lo, hi = ranges.get(lang or "", ranges.get("default", [0.4, 2.5]))
    # A short source (a headline, a proverb) has no reliable ratio: per language, since 20 Chinese
    # characters say as much as 60 Latin ones. A plain number applies to every language.
    mins = _data(ctx, "length_ratio_min_chars", None) or 20
    min_chars = int(mins.get(lang or "", mins.get("default", 20)) if isinstance(mins, dict) else mins)
    if len(src) < min_chars or not tgt:
        return
    ratio = len(tgt) / len(src)
    if ratio < lo:
        yield rule.issue(0, len(doc.text), message=f"The translation is {ratio:.2f}x the source length "
                         f"(expected {lo}-{hi} for {lang or 'this pair'}): something may be left out")
    elif ratio > hi:
        yield rule.issue(0, len(doc.text), message=f"The translation is {ratio:.2f}x the source length "
                         f"(expected {lo}-{hi} for {lang or 'this pair'}): something may be added or repeated")


# ---------------------------------------------------------------- MT705 glossary
def _terms(ctx: Context, lang: str | None):
    from ..glossary import load

    builtin = _builtin_terms(id(ctx.registry), tuple(
        (str(e["source"]), tuple(e["target"] if isinstance(e["target"], list) else [e["target"]]))
        for e in (_data(ctx, "glossary", []) or [])))
    path = ctx.options.glossary if ctx.options is not None else None
    return (builtin, load(path, lang)) if path else (builtin,)


@lru_cache(maxsize=4)
def _builtin_terms(reg_id: int, pairs: tuple):
    from ..glossary import terms_from_pairs

    return terms_from_pairs(pairs)


def _glossary(doc: Doc, source: str, lang, rule, ctx) -> Iterator[Issue]:
    # One issue per segment (the span is the whole target), naming every term it misses.
    from ..glossary import candidates

    misses = [t for terms in _terms(ctx, lang) for t in candidates(terms, source)
              if t.source_re.search(source) and not t.target_re.search(doc.text)]
    if misses:
        yield rule.issue(0, len(doc.text), suggestions=[x for t in misses for x in t.targets[:2]],
                         term="', '".join(t.source for t in misses),
                         required="', '".join(" / ".join(t.targets) for t in misses))


# ---------------------------------------------------------------- MT706 inconsistency
def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _inner_inconsistency(doc: Doc, source: str, rule) -> Iterator[Issue]:
    """Within one segment: the same source sentence rendered two ways (sentences aligned 1:1)."""
    src = [s for s in _SENT.split(source.strip()) if s]
    if len(src) < 2:
        return
    spans, pos = [], 0
    stripped = doc.text
    for piece in _SENT.split(stripped):
        if not piece:
            continue
        start = stripped.index(piece, pos)
        spans.append((start, start + len(piece)))
        pos = start + len(piece)
    if len(spans) != len(src):
        return
    first: dict[str, tuple[str, int]] = {}
    for s_text, (a, b) in zip(src, spans):
        key, tgt = _norm(s_text), doc.text[a:b]
        if key in first and _norm(first[key][0]) != _norm(tgt):
            yield rule.issue(a, b, suggestions=[first[key][0]], other=first[key][0],
                             where="earlier in this text")
        first.setdefault(key, (tgt, a))


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


# The translation memory (MT706 across chunks and files) holds, per distinct source of the run,
# a tally of its translations: one bytes object per variant (digest of the translation, line,
# file number, count, then the translation in UTF-8: ~180 bytes instead of ~330 for a tuple of
# Python objects; it is what still grows with a 50 MB catalogue). Nearly every source has one
# variant, stored as bare bytes; several are a tuple, first seen first. File names are kept once,
# under key -1 (digests are never negative); what each chunk added under key -2, so a fix
# that re-checks the same segments does not count them twice.
_ENTRY = struct.Struct("<QIII")


def _pack(digest: int, line: int, path: str, count: int, text: str, memory: dict) -> bytes:
    paths, index = memory.setdefault(-1, ([], {}))
    if path not in index:
        index[path] = len(paths)
        paths.append(path)
    return _ENTRY.pack(digest, line, index[path], count) + text.encode("utf-8", "surrogatepass")


def _unpack(packed: bytes, memory: dict) -> tuple[int, str, str, int, int]:
    """(translation digest, translation, path, line, count)."""
    digest, line, k, count = _ENTRY.unpack_from(packed)
    return digest, packed[_ENTRY.size:].decode("utf-8", "surrogatepass"), memory[-1][0][k], line, count


def _tally(memory: dict, mkey: int) -> list[tuple[int, str, str, int, int]]:
    got = memory.get(mkey)
    if got is None:
        return []
    return [_unpack(p, memory) for p in ((got,) if isinstance(got, bytes) else got)]


def _store(memory: dict, mkey: int, tally: list[tuple[int, str, str, int, int]]) -> None:
    packed = tuple(_pack(d, line, path, n, text, memory) for d, text, path, line, n in tally)
    memory[mkey] = packed[0] if len(packed) == 1 else packed


def _key(seg: Segment) -> str | None:
    """The MT706 group of a segment: its source, and its PO msgctxt (which exists to allow
    different translations of one source)."""
    if not (seg.source and seg.source.strip() and seg.text.strip()):
        return None
    ctxt = seg.meta.get("context")
    return _norm(seg.source) + ("\x04" + ctxt if ctxt else "")


def _count(tally: list, digest: int, seg: Segment) -> None:
    for k, t in enumerate(tally):
        if t[0] == digest:
            tally[k] = (*t[:4], t[4] + 1)
            return
    tally.append((digest, seg.text, seg.location.path, seg.location.line, 1))


def precount(segments: Iterable[Segment], memory: dict) -> None:
    """Tally every translation of every source of a run before checking it, so that MT706's
    reference is the run's majority whatever the order of the files (the CLI's first pass)."""
    for seg in segments:
        key = _key(seg)
        if key is not None:
            mkey = _digest(key)
            tally = _tally(memory, mkey)
            _count(tally, _digest(_norm(seg.text)), seg)
            _store(memory, mkey, tally)
    memory[-3] = True


def check_document(docs: list[Doc], rules: Rules, ctx: Context) -> Iterator[tuple[int, Issue]]:
    """One source, several translations: the translation most of the run uses is the reference
    (on a tie the one seen first), and only the others are flagged -- never a translation that
    is the majority. With ``precount`` (what ``mtfix check`` does) the majority is that of the whole
    run; without, of what the run has seen so far."""
    rule = rules.get("MT706")
    if rule is None:
        return
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        key = _key(d.segment)
        if key is not None:
            groups.setdefault(key, []).append(i)
    if not groups:
        return
    memory = ctx.options.extra.get("translation_memory") if ctx.options is not None else None
    if not isinstance(memory, dict):
        memory = {}         # no run-wide memory: this document alone decides
    first = docs[0].segment.location
    chunk = (first.path, first.line, len(docs))
    # Counted already by ``precount`` (the CLI's first pass over a run): nothing to add. Else this
    # chunk's translations are added, and when a fix re-checks the same segments, what they
    # added the first time is taken back first (a fixed translation replaces its old form).
    counting = not memory.get(-3)
    added = memory.setdefault(-2, {})
    if counting and chunk in added:
        _uncount(memory, added.pop(chunk))
    mine = array("Q")
    for key, idx in groups.items():
        mkey = _digest(key)   # 8-byte digests: the memory of a 50 MB run stays small
        norms = {i: _norm(docs[i].text) for i in idx}
        tally = _tally(memory, mkey)
        if counting:        # first occurrence first
            for i in idx:
                d = _digest(norms[i])
                _count(tally, d, docs[i].segment)
                mine.extend((mkey, d))
            _store(memory, mkey, tally)
        if len(tally) < 2:
            continue
        best = max(tally, key=lambda t: t[4])    # max keeps the first of equals: first seen wins a tie
        ref_path, ref_line = best[2], best[3]
        where = f"at line {ref_line}" if ref_path == first.path else f"in {ref_path}:{ref_line}"
        for i in idx:
            d = _digest(norms[i])
            if d != best[0]:
                yield i, rule.issue(0, len(docs[i].text), suggestions=[best[1]], other=best[1], where=where)
    if counting:
        added[chunk] = mine.tobytes()     # 16 bytes a segment with a source


def _uncount(memory: dict, pairs: bytes) -> None:
    """Take back what one chunk added to the tallies (``(mkey, digest)`` pairs)."""
    got = array("Q")
    got.frombytes(pairs)
    for k in range(0, len(got), 2):
        mkey, digest = got[k], got[k + 1]
        tally = _tally(memory, mkey)
        for n, t in enumerate(tally):
            if t[0] == digest:
                if t[4] > 1:
                    tally[n] = (*t[:4], t[4] - 1)
                else:
                    del tally[n]
                break
        if tally:
            _store(memory, mkey, tally)
        else:
            memory.pop(mkey, None)


# ---------------------------------------------------------------- MT707 URLs, e-mails, identifiers
_CAMEL = re.compile(r"[a-z]+[A-Z][A-Za-z0-9]*")


def _code_like(token: str) -> bool:
    """A camelCase token is code when its parts are English words ("maxRetries", "onClick");
    Wikipedia captions glued to a word ("thumbleftCastelul", "pubisTiina") are not."""
    if token.startswith("`") or not _CAMEL.fullmatch(token):
        return True
    from .. import lexicon

    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", token)
    # the lower-case head is a common English word; every later part is an English word
    return lexicon.zipf(parts[0]) >= 3.5 and all(p.isdigit() or lexicon.known(p.lower()) for p in parts[1:])

def _links(text: str, source: str, rule) -> Iterator[Issue]:
    want = [m.group().strip("`") for rx in (_LINK_RE, _ID_RE) for m in rx.finditer(source)
            if rx is _LINK_RE or _code_like(m.group())]
    want = [w for w in dict.fromkeys(want) if w not in text]
    if not want:
        return
    cands = [(m.start(), m.end(), m.group()) for rx in (_LINK_RE, _ID_RE) for m in rx.finditer(text)]
    cands = [c for c in cands if c[2].strip("`") not in source]
    from rapidfuzz.distance import Levenshtein

    lost = []
    for w in want:
        best = max(cands, key=lambda c: Levenshtein.normalized_similarity(w, c[2].strip("`")), default=None)
        if best is not None and Levenshtein.normalized_similarity(w, best[2].strip("`")) >= 0.6:
            cands.remove(best)
            s, e = best[0], best[1]
            if best[2].startswith("`"):
                s, e = s + 1, e - 1
            yield rule.issue(s, e, suggestions=[w], message=f"'{text[s:e]}' differs from the source's '{w}': "
                             "URLs, addresses and code must be copied exactly")
        else:
            lost.append(w)
    if lost:
        yield rule.issue(0, len(text), message=f"Missing from the translation: {', '.join(lost)}")
