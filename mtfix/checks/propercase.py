"""Case of single words (MT205): a nationality, language or religion written in lower case
("nepali", "korean", "hindu"). A word list (rules/en/propercase.yaml) of words that are never
ordinary lower-case English, so "polish" or "china" are not in it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "propercase"


@lru_cache(maxsize=4)
def _demonyms(reg) -> frozenset[str]:  # noqa: ANN001 - cached per registry
    return frozenset(str(w).lower() for w in reg.data(FAMILY, "demonyms", []) or [])


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    rule = rules.get("MT205")
    if ctx.registry is None or rule is None:
        return
    demonyms = _demonyms(ctx.registry)
    text = doc.text
    for w in doc.words:
        t = w.text
        if t.islower() and t in demonyms:
            after = text[w.end:w.end + 2]
            # a hyphenated or URL-like token ("nepali-language", "nepali.com") is left alone
            if after[:1] in ("-", "/", "@") or (after[:1] == "." and after[1:].isalnum()):
                continue
            yield rule.issue(w.start, w.end, t[0].upper() + t[1:], word=t)
