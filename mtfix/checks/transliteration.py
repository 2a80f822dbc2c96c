"""Transliterated acronyms and untranslated source terms (MT211-MT213).

A source that spells an acronym by its letter names (Russian Би-би-си) comes out of MT as a
hyphenated transliteration ("Bi-bi-si"). Known ones are a table look-up (safe fix); unknown ones
are decoded letter by letter (a suggestion). Untranslated Russian administrative terms
("Kaliningrad oblast") come from the ru-en pack and run only when the source may be Russian.
All look-ups are dict hits on whole tokens.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..analysis import Doc
from ..model import Issue
from ..ruledata import RuleInfo
from . import Context, Rules

FAMILY = "transliteration"

# Source languages whose MT leaves these Russian terms (oblast, krai) in the output.
_SHARED_TERMS = {"ru": frozenset({"ru", "uk", "be", "kk"})}


@lru_cache(maxsize=4)
def _tables(reg_id: int, reg) -> tuple[dict[str, str], dict[str, str], dict[str, str], bool]:  # noqa: ANN001
    def lower_map(key: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for k, v in (reg.data(FAMILY, key, {}) or {}).items()}

    admin = lower_map("admin_terms")
    return lower_map("acronyms"), lower_map("letter_names"), admin, all(t.isascii() for t in admin)


def source_applies(rule: RuleInfo, ctx: Context) -> bool:
    """A rule of a source pack ("ru-en") runs when the source is that language or unknown."""
    if "-" not in rule.pack or ctx.source_lang is None:
        return True
    src = rule.pack.split("-")[0]
    return ctx.source_lang.split("-")[0] in _SHARED_TERMS.get(src, frozenset({src}))


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if ctx.registry is None:
        return
    acronyms, letters, admin, admin_ascii = _tables(id(ctx.registry), ctx.registry)
    known, spelled = rules.get("MT211"), rules.get("MT212")
    admin_rule = rules.get("MT213")
    if admin_rule is not None and not source_applies(admin_rule, ctx):
        admin_rule = None
    if "-" not in doc.text and (admin_rule is None or not _may_name(doc.text, admin, admin_ascii)):
        return   # no hyphenated word and no admin term (most sentences): nothing below can fire
    words = doc.words
    for k, w in enumerate(words):
        low = w.lower
        if "-" in low:
            if low in acronyms:
                if known is not None:
                    yield known.issue(w.start, w.end, acronyms[low])
                continue
            if spelled is not None and (acronym := _decode(low, letters)):
                yield spelled.issue(w.start, w.end, acronym, safe=False)
        elif admin_rule is not None and low in admin and w.text.islower():
            yield _admin(doc, k, admin[low], admin_rule)


def _may_name(text: str, terms: dict[str, str], ascii_terms: bool) -> bool:
    """Could a word of ``text``, lower-cased, be one of ``terms``? A word's lower case is a piece of
    the text's lower case (only a final sigma lower-cases by context), so for terms in ASCII one
    substring search each decides; other terms are always looked for word by word."""
    if not ascii_terms:
        return True
    low = text.lower()
    return any(t in low for t in terms)


def _decode(token: str, letters: dict[str, str]) -> str | None:
    """"ef-bi-ai" -> "FBI" when every part is a letter name and the token is not a word."""
    parts = token.split("-")
    if len(parts) < 2 or any(p not in letters for p in parts):
        return None
    from ..lexicon import zipf

    if zipf(token) > 0 or zipf(token.replace("-", "")) >= 3.0:
        return None   # a real (hyphenated) word
    return "".join(letters[p] for p in parts)


def _admin(doc: Doc, k: int, english: str, rule: RuleInfo) -> Issue:
    words = doc.words
    w = words[k]
    prev = words[k - 1] if k else None
    if prev is not None and prev.text[:1].isupper() and doc.text[prev.end:w.start] == " " \
            and not _sentence_initial(doc, k - 1):
        # "Kaliningrad oblast" -> "the Kaliningrad region": English needs the article.
        before = words[k - 2].lower if k >= 2 else ""
        article = "" if before in ("the", "a", "an", "this", "that") else "the "
        main = f"{article}{prev.text} {english}"
        return rule.issue(prev.start, w.end, main,
                          suggestions=(f"{prev.text} {w.text[:1].upper()}{w.text[1:]}",),
                          term=w.text)
    return rule.issue(w.start, w.end, english, term=w.text)


def _sentence_initial(doc: Doc, k: int) -> bool:
    if k == 0:
        return True
    gap = doc.text[doc.words[k - 1].end:doc.words[k].start]
    return any(c in ".!?\n" for c in gap)
