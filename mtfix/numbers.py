"""One number reader for every script (used by MT701).

Reads the numbers of a text in any source language and of the English target: digits of any
Unicode script (Devanagari, Arabic-Indic, full-width...), grouping and decimal conventions per
language, scale words after a number ("3 тыс.", "2,5 Mrd", "25 лакх"), Chinese/Japanese numerals
and scale characters (25万 = 250,000, 140亿, 两万, 二〇一九, 11万7015), approximations (20多万,
2000余, 十几万), decades (90年代 = the 1990s) and English number words ("fourteen billion", "half a
million", "August" = 8).

Everything language-specific is data (rules/en/numbers.yaml, family ``source``); this module
only knows how to combine it. Each number carries every value it may be rendered as, and
whether a translation must contain it: a number written only in CJK numerals (一 in 一些,
十分) or an approximation never has to appear, it only excuses a target number.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterable

_SPACES = " \u00a0\u202f\u2009'"
# A date's parts are numbers of their own ("03.01.2018" is 3, 1 and 2018, not 3012018).
_DATE = re.compile(r"(?<![\w.,])(\d{1,2})([./-])(\d{1,2})\2(\d{2,4})(?![\d]|[.,]\d)")
# Only letters of alphabetic scripts block a number ("G20", "CX5" are names); a CJK character
# before a digit does not ("有15%" has the number 15).
_NOT_BEFORE = r"A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
# A full stop after an Indic or CJK abbreviation does not block: the Nepali era "वि.सं.१५६८" is
# the year 1568 (after a digit or a Latin letter it does: the rest of "1.2.3", "v.2", ".5").
_NUMBER = re.compile(rf"(?:(?<![{_NOT_BEFORE}\d.,])|(?<=[\u0900-\u0dff\u3000-\u9fff]\.))"
                     rf"\d(?:\d|[{_SPACES}](?=\d{{3}}(?!\d))|[.,](?=\d))*")
# A word after a number; Indic vowel signs and viramas are marks, not \w, yet part of the word.
_AFTER_WORD = re.compile(r"[ \u00a0-]?((?:[^\W\d_]|[\u0900-\u0dff\u200d])+\.?)")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0900-\u0965\u0970-\u0dff\u200d])+")   # Indic vowel signs are part of a word
_BEFORE_WORD = re.compile(r"((?:[^\W\d_]|[\u0900-\u0dff\u200d])+)[ \u00a0]$")
_RUN_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Number:
    """A number found in a text: its span, every value it may stand for, and whether a
    translation has to contain one of them."""

    start: int
    end: int
    values: frozenset[Decimal]
    raw: str
    required: bool = True
    scaled: bool = False        # a scale word or character was applied ("3 тыс.", "25万")
    main: Decimal | None = None  # the plain reading, when ``values`` holds alternatives
    scale: Decimal | None = None  # the scale word or character applied (10^4 for 万, 10^9 for billion)

    @property
    def value(self) -> Decimal:
        return self.main if self.main is not None else max(self.values)


@dataclass(frozen=True)
class Table:
    """The reader's data for every language, from rules/en/numbers.yaml."""

    decimal_comma: frozenset[str]
    space_groups: frozenset[str]
    lakh_groups: frozenset[str]
    scale_words: dict[str, tuple[tuple[str, Decimal], ...]]
    number_words: dict[str, dict[str, Decimal]]
    cjk_langs: frozenset[str]
    cjk_digits: dict[str, int]
    cjk_units: dict[str, Decimal]
    cjk_approx: str
    cjk_masks: tuple[str, ...]
    decades: dict[str, str]
    clock: dict[str, str]
    ambiguous_scales: frozenset[str] = frozenset()
    suffix_multipliers: dict[str, Decimal] | None = None
    range_marks: frozenset[str] = frozenset()
    currency: re.Pattern | None = None
    calendar_offsets: dict[str, tuple[int, ...]] | None = None
    calendar_short_years: dict[str, int] | None = None      # ne: ०५६ साल is BS 2056
    scale_before: frozenset[str] = frozenset()
    # Month names (and day markers) of another calendar, per source language: a day of such a
    # month becomes another day of a Gregorian month in translation (Nepali 2072 बैशाख 12 is
    # 25 April 2015), so it is not required, and the Gregorian day is no wrong number.
    calendar_months: dict[str, re.Pattern] | None = None
    calendar_day_marks: dict[str, re.Pattern] | None = None     # after the day only: १२ गते
    # A day of the month written alone (zh 26日, "on the 26th"): English news names the weekday
    # instead ("on Thursday"), so the digits need not appear; with its month (9月26日) they must.
    roman_langs: frozenset[str] = frozenset()     # sources whose Roman numerals count (secolul XV)
    bare_day_marks: dict[str, re.Pattern] | None = None
    month_marks: dict[str, re.Pattern] | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Table":
        dec = lambda v: Decimal(str(v))
        return cls(
            decimal_comma=frozenset(data.get("decimal_comma") or ()),
            space_groups=frozenset(data.get("space_groups") or ()),
            lakh_groups=frozenset(data.get("lakh_groups") or ()),
            scale_words={lang: tuple(sorted((str(w).lower(), dec(v)) for w, v in (words or {}).items()))
                         for lang, words in (data.get("scale_words") or {}).items()},
            number_words={lang: {str(w).lower(): dec(v) for w, v in (words or {}).items()}
                          for lang, words in (data.get("number_words") or {}).items()},
            cjk_langs=frozenset(data.get("cjk_langs") or ()),
            cjk_digits={str(k): int(v) for k, v in (data.get("cjk_digits") or {}).items()},
            cjk_units={str(k): dec(v) for k, v in (data.get("cjk_units") or {}).items()},
            cjk_approx=str(data.get("cjk_approx") or ""),
            cjk_masks=tuple(str(m) for m in data.get("cjk_masks") or ()),
            decades={str(k): str(v) for k, v in (data.get("decades") or {}).items()},
            clock={str(k): str(v) for k, v in (data.get("clock") or {}).items()},
            ambiguous_scales=frozenset(str(w).lower() for w in data.get("ambiguous_scales") or ()),
            suffix_multipliers={str(k): dec(v) for k, v in (data.get("suffix_multipliers") or {}).items()},
            range_marks=frozenset(str(m) for m in data.get("range_marks") or ()),
            currency=re.compile("(?<![A-Za-z])(?:" + "|".join(map(re.escape, data["currency_codes"])) + r")(?=\d)")
            if data.get("currency_codes") else None,
            calendar_offsets={str(k): tuple(int(x) for x in v) for k, v in (data.get("calendar_offsets") or {}).items()},
            scale_before=frozenset(data.get("scale_before") or ()),
            calendar_short_years={str(k): int(v) for k, v in (data.get("calendar_short_years") or {}).items()},
            calendar_months=_alternation(data.get("calendar_months")),
            calendar_day_marks=_alternation(data.get("calendar_day_marks")),
            roman_langs=frozenset(data.get("roman_langs") or ()),
            bare_day_marks=_alternation(data.get("bare_day_marks")),
            month_marks=_alternation(data.get("month_marks")),
        )


def ascii_digits(text: str) -> str:
    """``text`` with the digits of every script as ASCII digits (same length, offsets hold)."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isdigit() and not ch.isascii():
            d = unicodedata.decimal(ch, unicodedata.digit(ch, None))   # digit(): circled ① is 1
            out.append(str(d) if d is not None else ch)
        elif ch == "\uff0e":            # full-width full stop, used as a decimal point
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)


def parse_number(raw: str, lang: str | None, table: Table | None = None) -> Decimal | None:
    """The value of digits with separators, by the conventions of ``lang``."""
    s = re.sub(f"[{_SPACES}]", "", raw)
    comma_dec = table.decimal_comma if table else frozenset()
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    elif dots + commas:
        sep = "." if dots else ","
        groups = s.split(sep)
        thousands = len(groups) > 2 or (len(groups[1]) == 3 and (
            (sep == "," and lang not in comma_dec) or (sep == "." and lang in comma_dec and lang != "ru")))
        s = s.replace(sep, "") if thousands else s.replace(sep, ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _split_commas(raw: str, lang: str | None, table: Table) -> list[tuple[int, str]]:
    """Where a comma cannot be a separator of one number, the digits are two numbers: "[1,1]"
    in a decimal-point language, "3,12" in English. Returns (offset, part) pairs."""
    if lang in table.decimal_comma or "," not in raw or "." in raw:
        return [(0, raw)]
    if lang in table.lakh_groups and re.fullmatch(r"\d{1,2}(?:,\d\d)*,\d{3}", raw):
        return [(0, raw)]                          # Indian grouping: 1,00,000
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        return [(0, raw)]
    out, pos = [], 0
    for part in raw.split(","):
        out.append((pos, part))
        pos += len(part) + 1
    return [(k, p) for k, p in out if p]


def _scale_of(word: str, table: Iterable[tuple[str, Decimal]]) -> Decimal | None:
    w = word.lower().rstrip(".")
    for key, val in table:
        k = key.rstrip(".")
        if (k.endswith("*") and w.startswith(k[:-1])) or w == k:
            return val
    return None


def _mask(text: str, spans) -> str:
    if not spans:
        return text
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def read(text: str, lang: str | None, table: Table, protected=()) -> list[Number]:
    """Every number of ``text`` (a source in ``lang``, or English with lang "en")."""
    masked = _mask(ascii_digits(text), protected)
    if table.currency is not None:                  # "USD11.16 million": the letters are no name
        masked = table.currency.sub(lambda m: " " * len(m.group()), masked)
    out: list[Number] = []
    if (lang or "") in table.cjk_langs:
        for m in table.cjk_masks:                   # 百分之 ("per cent of") is not 100
            masked = masked.replace(m, " " * len(m))
        cjk = _read_cjk(masked, table)
        out += cjk
        masked = _mask(masked, [(n.start, n.end) for n in cjk])
    dates = list(_DATE.finditer(masked))
    for m in dates:
        for g in (1, 3, 4):
            out.append(Number(m.start(g), m.end(g), frozenset({Decimal(m.group(g)).normalize()}), m.group(g)))
    masked = _mask(masked, [(m.start(), m.end()) for m in dates])
    scales = table.scale_words.get(lang or "en", ())
    for m in _NUMBER.finditer(masked):
        pieces, pos = [], 0
        for piece in m.group().split(" ") if lang not in table.space_groups else [m.group()]:
            pieces += [(pos + k, p) for k, p in _split_commas(piece, lang, table)]
            pos += len(piece) + 1                   # a plain space groups digits only where usual
        for off, part in pieces:
            start = m.start() + off
            value = parse_number(part, lang, table)
            if value is None:
                continue
            end, values, scaled, main, scale = start + len(part), {value}, False, value, None
            after = _AFTER_WORD.match(masked, end)
            if after and (scale := _scale_of(after.group(1), scales)) is not None:
                word = after.group(1).lower().rstrip(".")
                values = {value * scale} | ({value} if word in table.ambiguous_scales else set())
                # "mln." keeps its dot; "million." ends the sentence
                end, scaled = after.end() - (len(word) > 4 and after.group(1).endswith(".")), True
                main = max(values)
            elif lang in table.scale_before and (before := _BEFORE_WORD.search(masked, 0, start)) \
                    and (scale := _scale_of(before.group(1), scales)) is not None:
                values, scaled, start = {value * scale}, True, before.start(1)   # Sinhala: මිලියන 10.94
                main = value * scale
            if (lang or "") in table.cjk_langs:
                values |= _alternatives(value, masked[end:end + 2], table)
            out.append(Number(start, end, frozenset(v.normalize() for v in values), part, scaled=scaled,
                              main=main.normalize(), scale=scale if scaled else None))
    out.sort(key=lambda n: n.start)
    out = _compounds(_shared_scales(out, masked, table), masked)
    from .number_dates import adjust    # calendars, clock times, decades, Roman numerals

    return adjust(out, masked, lang, table)


def _alternation(data: dict | None) -> dict[str, re.Pattern]:
    return {str(k): re.compile("|".join(map(re.escape, sorted(map(str, v), key=len, reverse=True))))
            for k, v in (data or {}).items() if v}


def _compounds(numbers: list[Number], text: str) -> list[Number]:
    """A scaled number followed by a smaller one is one number: ३ सय ७५ (3 hundred 75) is 375,
    "2 thousand 500" is 2,500, १० करोड ३० लाख (10 crore 30 lakh) is 103 million."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if prev is not None and prev.scale is not None and n.value < prev.scale \
                and (not n.scaled or (n.scale is not None and n.scale < prev.scale)) \
                and not text[prev.end:n.start].strip():
            # ४ करोड ३७ लाख (4 crore 37 lakh) is 43.7 million: a smaller scale goes on counting.
            total = (prev.value + n.value).normalize()
            out[-1] = Number(prev.start, n.end, frozenset({total}), text[prev.start:n.end], prev.required,
                             True, total, n.scale if n.scaled else None)
            continue
        out.append(n)
    return out


def _read_cjk(text: str, table: Table) -> list[Number]:
    """Runs of digits and CJK numerals with at least one CJK character in them."""
    digits, units, approx = table.cjk_digits, table.cjk_units, table.cjk_approx
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        starts = ch in digits or ch in units or (ch.isascii() and ch.isdigit()
                                                  and not (i and re.match(f"[{_NOT_BEFORE}.,]", text[i - 1])))
        if not starts:
            i += 1
            continue
        j, toks = i, []
        while j < n:
            c = text[j]
            if c.isascii() and c.isdigit():
                m = _RUN_DIGITS.match(text, j)
                toks.append(("num", Decimal(m.group().replace(",", ""))))
                j = m.end()
            elif c in digits:
                toks.append(("cjk", Decimal(digits[c])))
                j += 1
            elif c in units:
                toks.append(("unit", units[c]))
                j += 1
            elif c in approx and toks:
                toks.append(("approx", None))
                j += 1
            else:
                break
        kinds = {k for k, _ in toks}
        if kinds <= {"num"}:                      # plain digits: the ordinary reader's job
            i = j
            continue
        value, is_approx = _cjk_value(toks)
        raw = text[i:j]
        values = {value.normalize()} | _alternatives(value, text[j:j + 2], table)
        # 四五十 is "40 or 50", 三四百 "300 or 400": two neighbouring digits before a unit
        if len(toks) > 2 and toks[0][0] == toks[1][0] == "cjk" and toks[1][1] == toks[0][1] + 1 \
                and toks[2][0] == "unit":
            value = _cjk_value(toks[1:])[0]
            values = {_cjk_value(toks[:1] + toks[2:])[0].normalize(), value.normalize()}
            is_approx = True
        elif len(toks) == 2 and toks[0][0] == toks[1][0] == "cjk" and 0 < toks[0][1] < toks[1][1]:
            values |= {toks[0][1], toks[1][1]}      # 三五年 is "3 to 5 years"
        required = "num" in kinds and not is_approx
        last = table.cjk_units.get(raw[-1:], Decimal(1))
        out.append(Number(i, j, frozenset(values), raw, required=required, scaled="unit" in kinds,
                          main=value.normalize(), scale=last if last >= 10000 else None))
        i = j
    return out


def _alternatives(value: Decimal, after: str, table: Table) -> set[Decimal]:
    """Other values a number may be rendered as, by what follows it: 90年代 -> 1990 ("the
    1990s"), 15时 -> 3 ("3 p.m.")."""
    out: set[Decimal] = set()
    for mark, how in table.decades.items():
        if after.startswith(mark) and value < 100 and value % 10 == 0 and how == "century":
            out |= {value + 1900, value + 2000}
    for mark, how in table.clock.items():
        if after.startswith(mark) and 12 < value < 24 and how == "12h":
            out.add(value - 12)
    for mark, mult in (table.suffix_multipliers or {}).items():
        if after.startswith(mark):                  # 三成 is 30 per cent
            out.add(value * mult)
    return out


def _shared_scales(numbers: list[Number], text: str, table: Table) -> list[Number]:
    """In a range the scale is written once: 600至850亿 is "60 to 85 billion", so the first
    number may also be read with the second one's scale (on either side)."""
    out = list(numbers)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        between = text[a.end:b.start].strip().lower()
        if b.scale is not None and not a.scaled and between in table.range_marks:
            out[k] = Number(a.start, a.end, a.values | {(a.value * b.scale).normalize()},
                            a.raw, a.required, a.scaled, a.main)
    return out


def _cjk_value(toks) -> tuple[Decimal, bool]:
    total = section = Decimal(0)
    num: Decimal | None = None
    prev = None
    is_approx = False
    for kind, val in toks:
        if kind in ("num", "cjk"):
            # 二〇一九: digits in a row are read digit by digit (a year)
            num = num * 10 + val if (kind == "cjk" and prev == "cjk" and num is not None) else val
        elif kind == "approx":
            is_approx = True
        elif val < 10000:                          # 十 百 千: multiply the digit before
            section += (num if num is not None else Decimal(1)) * val
            num = None
        else:                                      # 万 亿 兆: scale everything before
            if val > 10000 and total:              # 3亿 after 5万 cannot happen; 万亿 = 10^12
                total = (total + section + (num or 0)) * val
            else:
                base = section + (num or 0)
                total += (base if base else Decimal(1)) * val
            section, num = Decimal(0), None
        prev = kind
    return total + section + (num or 0), is_approx


def word_values(text: str, lang: str, table: Table) -> set[Decimal]:
    """Values of number words in ``text``: single words ("three", "August") and, for English,
    compounds with scales ("fourteen billion", "half a million", "two hundred and five")."""
    words = table.number_words.get(lang) or {}
    found: set[Decimal] = set()
    toks = [w.lower() for w in _WORD.findall(text)]
    found.update(words[w] for w in toks if w in words)
    if lang != "en":
        return found
    scales = dict(table.scale_words.get("en", ()))
    total = cur = Decimal(0)
    active = False
    for k, w in enumerate(toks + [""]):
        nxt = toks[k + 1] if k + 1 < len(toks) else ""
        if w in words and words[w] == words[w].to_integral() and words[w] < 100 and w not in _ORDINAL_LIKE:
            cur += words[w]
            active = True
        elif w == "hundred":
            cur = (cur or 1) * 100
            active = True
        elif w in scales and (scales[w] >= 1000 or (active and scales[w] >= 10)):
            total += (cur or 1) * scales[w]
            cur, active = Decimal(0), True
            found.add(total)
        elif w == "half" and nxt in ("a", "an"):
            cur, active = Decimal("0.5"), True
        elif w in ("a", "an") and (nxt == "hundred" or scales.get(nxt, 0) >= 1000):
            cur = cur or Decimal(1)
            active = True
        elif w == "and" and active and (nxt in words or nxt == "hundred"):
            continue
        else:
            if active and total + cur:
                found.add(total + cur)
            total = cur = Decimal(0)
            active = False
    return {v.normalize() for v in found}


# Words in the number-word table that are not cardinals: they stand alone, never in a compound.
_ORDINAL_LIKE = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth once twice "
                          "single double pair dozen half january february march april may june july "
                          "august september october november december".split())
