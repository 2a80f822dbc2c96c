"""Readings of a number that depend on what is written around it: the years, months and days
of another calendar (Nepali Bikram Sambat), a lone day of the month (zh 26日), "1 p.m." and "the
1990s" on the English side, a decade after an apostrophe ('90) and Roman numerals (secolul XV).
Split from mtfix/numbers.py, whose ``read`` calls :func:`adjust` on every text it reads; the data
is rules/en/numbers.yaml (calendar_*, bare_day_marks, month_marks, roman_langs)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .numbers import Number, Table


def adjust(out: list[Number], masked: str, lang: str | None, table: Table) -> list[Number]:
    """``out``, the numbers read from ``masked`` (a text in ``lang``), with the readings and
    requirements its context gives them."""
    offsets = (table.calendar_offsets or {}).get(lang or "")
    century = (table.calendar_short_years or {}).get(lang or "")
    if century:                                     # ०५६ is BS 2056 (and 1999 AD, by the offsets)
        out = [replace(n, values=n.values | {n.value + century}) if re.fullmatch(r"0\d\d", n.raw) else n
               for n in out]
    if offsets:                                     # Bikram Sambat 2028 is 1971 AD, BS 1568 is 1511
        out = [replace(n, values=n.values | {v + k for v in n.values if 1000 <= v <= 2200 for k in offsets})
               if n.raw.isdigit() else n for n in out]
    months = (table.calendar_months or {}).get(lang or "")
    if months is not None and months.search(masked):
        marks = (table.calendar_day_marks or {}).get(lang or "")
        out = [replace(n, required=False) if n.raw.isdigit() and n.value <= 32 and _by_month(masked, n, months, marks)
               else n for n in out]
    if lang == "en":
        # "1 p.m." is 13 (kell 13, 13时); "the 1990s" is the 90s of the source (90-х, anii '90).
        out = [replace(n, values=n.values | {n.value + 12}) if n.raw.isdigit() and 1 <= n.value <= 12
               and _PM.match(masked, n.end) else n for n in out]
        out = [replace(n, values=n.values | {n.value % 100}) if _DECADE_EN.fullmatch(n.raw)
               and masked[n.end:n.end + 1] == "s" else n for n in out]
    if (lang or "") in table.roman_langs:
        out = sorted(out + _romans(masked), key=lambda n: n.start)
    out = [replace(n, values=n.values | {Decimal(1900) + n.value, Decimal(2000) + n.value})
           if len(n.raw) == 2 and n.raw.isdigit() and _SHORT_DECADE.search(masked, 0, n.start) else n for n in out]
    days = (table.bare_day_marks or {}).get(lang or "")
    if days is not None:
        month = (table.month_marks or {}).get(lang or "")
        out = [replace(n, required=False) if n.raw.isdigit() and 1 <= n.value <= 31 and days.match(masked, n.end)
               and not (month and n.start and month.match(masked, n.start - 1)) else n for n in out]
    return out


_PM = re.compile(r"(?::\d\d)?\s?(?:p\.\s?m\b|pm\b|PM\b)")
_DECADE_EN = re.compile(r"(?:1[5-9]|20)\d0")
# "anii '90", "the '90s": a decade or year written with two digits after an apostrophe.
_SHORT_DECADE = re.compile(r"(?<![\w'’])['’]$")
# Roman numerals of two letters or more, in capitals, standing alone: centuries (secolul XV, XX век),
# monarchs and volumes. A single I, V or X is too often a letter.
_ROMAN = re.compile(r"(?<![\w.-])(?=[IVXLC]{2,}\b)(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})(?![\w-])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _romans(text: str) -> list[Number]:
    """Roman numerals as numbers a translation may write in digits ("15th century" for secolul
    XV); never required, since a translation may keep them."""
    out = []
    for m in _ROMAN.finditer(text):
        raw, total = m.group(), 0
        if not raw:
            continue
        vals = [_ROMAN_VALUES[c] for c in raw]
        total = sum(-v if k + 1 < len(vals) and v < vals[k + 1] else v for k, v in enumerate(vals))
        out.append(Number(m.start(), m.end(), frozenset({Decimal(total)}), raw, required=False))
    return out


def _by_month(text: str, n: Number, months: re.Pattern, marks: re.Pattern | None) -> bool:
    """Is the number a day: next to a month name (one space before or after it), or before a
    day mark?"""
    if text[n.end:n.end + 1] == " " and (months.match(text, n.end + 1) or (marks and marks.match(text, n.end + 1))):
        return True
    return any(text[m.end():n.start] == " " for m in months.finditer(text, max(0, n.start - 12), n.start))


def other_calendar(source: str, lang: str | None, table: Table) -> bool:
    """Does the source date something in another calendar's months (Nepali बैशाख, असोज)?"""
    months = (table.calendar_months or {}).get(lang or "")
    return months is not None and months.search(source) is not None
