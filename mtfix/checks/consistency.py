"""Consistency within one document (MT601-MT604): one thing spelled two ways.

Document-level (``check_document``): every form is counted over all segments of the document,
then each minority occurrence is flagged with the majority form as the suggestion. On a tie the
target locale decides (en-US: "U.S.", "-ize", "ruble"; en-GB: "US", "-ise", "rouble"). Forms come
from the regional table in ``rules/en/consistency.yaml`` plus the -ise/-ize pattern, which needs
no table: a document that writes both "organise" and "organize" proves the variation itself.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules

FAMILY = "consistency"

_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}")
# Words that start a sentence but not a name: after "U.S." they show the dot ended a sentence.
_SENTENCE_OPENERS = frozenset(
    "The A An It He She They We I You This That These Those But And In On At As However Its His "
    "Her Their There What When Where Why How If So Then Yet".split())
# -ise/-ize family: a stem of 3+ letters ("organ-ise"; "prise"/"prize" are different words).
_IZE = re.compile(r"^([a-z]{3,})i([sz])(e|ed|es|ing|ation|ations|er|ers)$")


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterable[Issue]:
    return ()   # everything here needs the whole document


@lru_cache(maxsize=4)
def _tables(reg_id: int, reg):  # noqa: ANN001, ANN202 - cached per registry
    dotted = frozenset(str(a) for a in reg.data(FAMILY, "dotted_acronyms", []) or [])
    # word -> (concept, variant, {variant: word}); variant "us"/"gb" for regional pairs, "0", "1"...
    # (in order of preference) for the variant groups that no locale decides.
    variants: dict[str, tuple[str, str, dict[str, str]]] = {}
    for n, entry in enumerate(reg.data(FAMILY, "regional", []) or []):
        us, gb = [str(w).lower() for w in entry["us"]], [str(w).lower() for w in entry["gb"]]
        for a, b in zip(us, gb):
            forms = {"us": a, "gb": b}
            variants[a] = (f"r{n}", "us", forms)
            variants[b] = (f"r{n}", "gb", forms)
    for n, group in enumerate(reg.data(FAMILY, "variants", []) or []):
        forms = {str(k): str(w).lower() for k, w in enumerate(group)}
        for k, w in forms.items():
            variants[w] = (f"v{n}", k, forms)
    fixed: dict[tuple[str, ...], int] = {}
    for name in reg.data(FAMILY, "fixed_names", []) or []:
        key = tuple(str(name).lower().split())
        fixed[key] = len(key)
    return dotted, variants, fixed


def check_document(docs: Sequence[Doc], rules: Rules, ctx: Context) -> Iterator[tuple[int, Issue]]:
    if ctx.registry is None:
        return
    locale = ctx.target_locale.lower().replace("_", "-")
    gb, us = locale.startswith("en-gb"), locale.startswith("en-us")
    dotted, variants, fixed = _tables(id(ctx.registry), ctx.registry)
    if (rule := rules.get("MT601")):
        yield from _acronym_dots(docs, rule, dotted, prefer_dots=not gb)
    if (rule := rules.get("MT602")):
        yield from _spellings(docs, rule, variants, fixed, region="gb" if gb else "us")
    if (rule := rules.get("MT603")):
        yield from _dotted_times(docs, rule, us=us)
    if (rule := rules.get("MT604")) and us:
        yield from _day_first_dates(docs, rule)


# MT604: a numeric date with slashes. Day first for certain where the first number is over 12
# ("15/03/2024"); then every slash date of the document is read day first ("01/09/2024").
_SLASH_DATE = re.compile(r"(?<![\d/.,:-])(?P<d>0?[1-9]|[12]\d|3[01])/(?P<m>0?[1-9]|1[0-2])(?:/(?P<y>(?:19|20)\d{2}))?"
                         r"(?![\d/]|[.,:]\d)")
_MONTHS = ("January February March April May June July August September October November December").split()


def _day_first_dates(docs: Sequence[Doc], rule) -> Iterator[tuple[int, Issue]]:  # noqa: ANN001
    """MT604 (en-US only): slash dates of a document that writes the day first, which an American
    reader takes for month/day ("01/09/2024" read as January 9). The document shows its order by
    a date whose first number is over 12 ("15/03/2024"); without one nothing is flagged. A date
    without its year counts only after "on", "from", "until", "till", "by", "to", "since" or a
    weekday ("until 30/06"), not a score or a fraction ("2/3", "a 24/7 service")."""
    found = []
    day_first = False
    for d, doc in enumerate(docs):
        text = doc.text
        if "/" not in text:
            continue
        for m in _SLASH_DATE.finditer(text):
            if m.group("y") is None and not _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            found.append((d, m))
            day_first = day_first or int(m.group("d")) > 12
    if not day_first:
        return
    for d, m in found:
        doc = docs[d]
        start, end = m.span()
        if doc.segment.is_protected(start, end):
            continue
        day, month = int(m.group("d")), int(m.group("m"))
        written = f"{day} {_MONTHS[month - 1]}" + (f" {m.group('y')}" if m.group("y") else "")
        yield d, rule.issue(start, end, written)


_DATE_BEFORE = re.compile(r"\b(?:on|from|until|till|to|by|since|before|after|Monday|Tuesday|Wednesday|Thursday|"
                          r"Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun|day|date|the)\.?,?\s+\Z", re.I)


# MT603: a clock time written with a dot ("9.00", "16.30"), where a time-word before it or a
# range or "a.m." after it shows it is a time, not a decimal ("1.52 children", "12.50 EUR").
_DOTTED_TIME = re.compile(
    r"(?<![\d.,:/€$£¥#])(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d)"
    r"(?![\d]|[.,]\d|\s?(?:%|°|€|\$|£|km|cm|mm|ml|kg|mg|kcal|kWh|EUR|USD|GBP|RON|PLN|CZK|SEK|HUF|euros?\b|"
    r"dollars?\b|lei\b|kr\b|zł|Kč|Ft\b|per\b|percent|[gmlVW]\b))")
_TIME_BEFORE = re.compile(r"(?:\b(?:at|from|until|till|to|by|after|before|between|open|opens|closes|closed|"
                          r"daily|departure|departs|arrival|arrives|check-in|check-out|and|or|hours)\s+|[–—-]\s?)\Z",
                          re.I)
_TIME_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|hrs?\b|h\b|hours\b|o['’]clock|uur\b|Uhr\b|"
                         r"WIB\b|WITA\b|[–—-]\s?\d{1,2}[.:]\d{2})")
_DOTTED_RANGE = re.compile(r"\s?[–—-]\s?([01]?\d|2[0-3])\.([0-5]\d)(?![\d]|[.,]\d)")
# What follows a time (not a decimal's unit: "3.28 million", "14.02 yuan", "1.52 births").
_TIME_NEXT = re.compile(r"(?:\s?(?:[.,;:!?)\]–—-]|\Z)|\s(?:a\.m\.|p\.m\.|am|pm|hrs?|h|hours|o['’]clock|local|in|on|at|"
                        r"and|or|to|till|until|when|the|every|each|daily|sharp|WIB|WITA|CET|CEST|UTC|GMT|uur|Uhr|"
                        r"from|for|with|by|we|you|they|it|is|are|was|were|will)\b)")
_COLON_TIME = re.compile(r"(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])")


def _dotted_times(docs: Sequence[Doc], rule, us: bool) -> Iterator[tuple[int, Issue]]:  # noqa: ANN001
    """MT603: clock times written with a dot, where American English (en-US, the default
    locale) writes a colon ("9.00–16.00" -> "9:00–16:00"); in another locale only where the
    document also writes a colon time (one document, one form). British style ("9.30am") is
    left alone under en-GB."""
    if not us and not any(_COLON_TIME.search(doc.text) for doc in docs):
        return
    for d, doc in enumerate(docs):
        text = doc.text
        if "." not in text:
            continue
        done = 0
        for m in _DOTTED_TIME.finditer(text):
            start, end = m.span()
            if start < done or not (_TIME_BEFORE.search(text, max(0, start - 20), start)
                                    or _TIME_AFTER.match(text, end)) or not _TIME_NEXT.match(text, end):
                continue
            fixed = f"{m.group('h')}:{m.group('m')}"
            r = _DOTTED_RANGE.match(text, end)
            if r is not None:   # "9.00–16.00": one issue for the range
                fixed += text[end:r.start(1)] + f"{r.group(1)}:{r.group(2)}"
                end = r.end()
            done = end
            if doc.segment.is_protected(start, end):
                continue
            yield d, rule.issue(start, end, fixed)


def _acronym_dots(docs: Sequence[Doc], rule, dotted: frozenset[str],
                  prefer_dots: bool) -> Iterator[tuple[int, Issue]]:  # noqa: ANN001
    # (doc index, start, end, acronym, is_dotted)
    seen: list[tuple[int, int, int, str, bool]] = []
    for d, doc in enumerate(docs):
        for m in _DOTTED.finditer(doc.text):
            plain = m.group().replace(".", "")
            if plain in dotted:
                seen.append((d, m.start(), m.end(), plain, True))
        for w in doc.words:
            if w.text in dotted:
                seen.append((d, w.start, w.end, w.text, False))
    if not seen:
        return
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _, _, _, plain, is_dotted in seen:
        counts[plain][is_dotted] += 1
    for d, start, end, plain, is_dotted in seen:
        n_plain, n_dots = counts[plain]
        if not n_plain or not n_dots:
            continue
        dots_win = n_dots > n_plain or (n_dots == n_plain and prefer_dots)
        if dots_win == is_dotted:
            continue
        text = docs[d].text
        if is_dotted:
            # "in the U.S." at the end of a paragraph: the last dot also ends the sentence.
            nxt = text[end:end + 12].split()
            at_end = not nxt or text[end:end + 1] == "\n" \
                or nxt[0].strip("\"“‘'(") in _SENTENCE_OPENERS
            repl = plain + ("." if at_end else "")
        else:
            repl = ".".join(plain) + "."
            if text[end:end + 1] == ".":
                end += 1   # "the US." -> "the U.S." (one dot ends both)
        yield d, rule.issue(start, end, repl, suggestion=repl)


def _spellings(docs: Sequence[Doc], rule, variants: dict, fixed: dict,
               region: str) -> Iterator[tuple[int, Issue]]:  # noqa: ANN001
    seen = []   # (doc index, token, concept, variant, {variant: word})
    for d, doc in enumerate(docs):
        words = doc.words
        lows = [w.lower for w in words]
        for k, (w, low) in enumerate(zip(words, lows)):
            if low.endswith(("'s", "’s")):
                # "Zelensky's" counts as "Zelensky"; only the name part is flagged.
                low = low[:-2]
                w = Token(w.text[:-2], w.start, w.end - 2, True)
            hit = variants.get(low)
            m = None if hit is not None or ("is" not in low and "iz" not in low) else _IZE.match(low)
            if (hit is None and m is None) or _in_fixed_name(lows, k, fixed):
                continue
            if hit is not None:
                seen.append((d, w, *hit))
            else:
                stem, letter, suffix = m.groups()
                forms = {"us": f"{stem}iz{suffix}", "gb": f"{stem}is{suffix}"}
                seen.append((d, w, f"ize:{stem}", "us" if letter == "z" else "gb", forms))
    if not seen:
        return
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for _, _, concept, variant, _ in seen:
        counts[concept][variant] += 1
    for d, w, concept, variant, forms in seen:
        c = counts[concept]
        if len(c) < 2:
            continue
        # Majority wins; on a tie the target locale's form, or the group's first (preferred) form.
        winner = max(c, key=lambda v: (c[v], v == region, -int(v) if v.isdigit() else 0))
        if variant == winner:
            continue
        repl = _same_case(w.text, forms[winner])
        yield d, rule.issue(w.start, w.end, repl, suggestion=repl)


def _in_fixed_name(lows: list[str], k: int, fixed: dict[tuple[str, ...], int]) -> bool:
    """Is word k inside a proper name with a fixed spelling ("Ministry of Defence")?"""
    for size in set(fixed.values()):
        for start in range(max(0, k - size + 1), k + 1):
            if tuple(lows[start:start + size]) in fixed:
                return True
    return False


def _same_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
