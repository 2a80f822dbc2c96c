"""The indefinite article's form (MT523): "a" before a vowel sound, "an" before a consonant sound.

Judged from the next word's spelling, with the exceptions as data (``rules/en/articles.yaml``):
words on a vowel letter that start with a consonant sound ("a university", "a one-off", "a
European") and words on "h" whose "h" is silent ("an hour", "an honest"). Other "h" words are
left alone ("an historic" is accepted British usage), as are capitalised words, acronyms and
numbers, whose pronunciation the spelling does not tell ("an MP", "a NATO summit", "an 8"),
except the initialisms the YAML lists by their first sound ("an SMS", "a URL").
"""
from __future__ import annotations

from typing import Iterator

from .. import lexicon
from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "articles"
_VOWELS = frozenset("aeiou")


def _data(ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, bool]]:
    reg = ctx.registry
    if reg is None:
        return (), (), {}
    memo = reg.__dict__.get("_articles_memo")
    if memo is None:
        initialisms = {str(w): True for w in reg.data(FAMILY, "vowel_initialisms", []) or ()}
        initialisms.update({str(w): False for w in reg.data(FAMILY, "consonant_initialisms", []) or ()})
        memo = reg.__dict__["_articles_memo"] = (
            tuple(reg.data(FAMILY, "consonant_sound", []) or ()),
            tuple(reg.data(FAMILY, "silent_h", []) or ()), initialisms)
    return memo


# After these a capital "A" starts a phrase ("We offer: A unlimited contract"), as at a sentence start.
_LIST_MARKS = frozenset(":-–•·")


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    rule = rules.get("MT523")
    if rule is None:
        return
    consonant, silent_h, initialisms = _data(ctx)
    text, seg = doc.text, doc.segment
    for words in doc.sentence_words:
        for i in range(len(words) - 1):
            art = words[i].text
            if art not in ("a", "an", "A", "An"):
                continue
            nxt = words[i + 1]
            w = nxt.text
            if w in initialisms and text[words[i].end:nxt.start] == " " and art in ("a", "an") \
                    and not seg.is_protected(words[i].start, nxt.end):
                if initialisms[w] != (art == "an"):   # "a SMS", "an URL": read letter by letter
                    yield rule.issue(words[i].start, words[i].end, "an" if initialisms[w] else "a", word=art, next=w)
                continue
            if text[words[i].end:nxt.start] != " " or not w[:1].isalpha() or not w.islower():
                continue   # across a mark, or a name, acronym or number
            if art in ("A", "An") and i > 0 and text[words[i - 1].end:words[i].start].strip() not in _LIST_MARKS:
                continue   # "Group A airlines", "Annex A": a letter; not after a colon or a list mark
            if seg.is_protected(words[i].start, nxt.end) or not w.isascii():
                continue
            if text[nxt.end:nxt.end + 1] == "." and text[nxt.end + 1:nxt.end + 2].isalnum():
                continue   # "a ups.com user"
            pos = lexicon.lemmas(w)
            if lexicon.known(w) and not ({"NOUN", "ADJ"} & set(pos)) or lexicon.noun_number(w) == "pl":
                continue   # "a is non-zero", "an send", "an details": a letter or a typo, not an article
            if w[0] in _VOWELS:
                want_an = not w.startswith(consonant)
            elif w[0] == "h":
                if not w.startswith(silent_h):
                    continue
                want_an = True
            else:
                want_an = False
            has_an = art.lower() == "an"
            if want_an != has_an:
                fix = ("an" if want_an else "a")
                fix = fix.capitalize() if art[0].isupper() else fix
                yield rule.issue(words[i].start, words[i].end, fix, word=art, next=w)
