"""Case of single words: a nationality, language or religion (MT205: "nepali", "korean",
"hindu") or a month or day of the week (MT206: "september", "friday") written in lower case.
Word lists (rules/en/propercase.yaml) of words that are never ordinary lower-case English, so
"polish", "china", "may" and "march" are not in them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "propercase"


@lru_cache(maxsize=16)
def _words(reg, key: str) -> frozenset[str]:  # noqa: ANN001 - cached per registry
    return frozenset(str(w).lower() for w in reg.data(FAMILY, key, []) or [])


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    nationality, calendar = rules.get("MT205"), rules.get("MT206")
    if ctx.registry is None or not (nationality or calendar):
        return
    demonyms = _words(ctx.registry, "demonyms") if nationality else frozenset()
    dates = _words(ctx.registry, "calendar") if calendar else frozenset()
    by_number = _words(ctx.registry, "calendar_by_number") if calendar else frozenset()
    text = doc.text
    words = doc.words
    for k, w in enumerate(words):
        t = w.text
        if not t.islower():
            continue
        rule = nationality if t in demonyms else calendar if t in dates else None
        if rule is None and t in by_number and any(
                0 <= j < len(words) and words[j].text[:1].isdigit() for j in (k - 1, k + 1)):
            rule = calendar   # "on august 2", "2 august"
        if rule is None:
            continue
        after = text[w.end:w.end + 2]
        before = text[w.start - 1:w.start] if w.start else ""
        # a hyphenated or URL-like token ("nepali-language", "nepali.com", "/june") is left alone
        if after[:1] in ("-", "/", "@") or (after[:1] == "." and after[1:].isalnum()) or before in ("/", "-", "@", "."):
            continue
        yield rule.issue(w.start, w.end, t[0].upper() + t[1:], word=t)
