"""Grammar on part-of-speech tags (MT531-MT536): what the word-list rules of ``agreement`` cannot
see without knowing whether "build", "books" or "saw" is a verb or a noun here.

Each rule first looks for its trigger words ("has", "was", "a", "much", "there"), and only then
asks ``Doc.word_tags`` for the sentence's tags (``mtfix.tagger``): most sentences are never
tagged, and a run with none of these rules enabled never loads the tagger.
"""
from __future__ import annotations

from typing import Iterator, Sequence

from .. import lexicon
from ..analysis import Doc, Token
from ..model import Issue
from ..ruledata import Registry
from . import Context, Rules

FAMILY = "syntax"

_HAVE = frozenset("have has had haven't hasn't hadn't 've".split())
_BE = {"am": "VBP", "is": "VBZ", "are": "VBP", "was": "VBD", "were": "VBD"}
_ADVERBS = frozenset("not never already just ever also recently always".split())
# "all the money they have went to charity": "have" ends a relative clause, "went" is the verb.
_RELATIVE_CUES = frozenset("what whatever all everything anything something nothing that which "
                           "who money".split())
# "All he did was complain", "what we do is help": a pseudo-cleft takes a plain verb after "be".
_CLEFT_CUES = frozenset("do does did doing done want wants wanted".split())
# Simple pasts that are also accepted participles ("has got", "hadn't showed up", "has proved").
_PARTICIPLE_TOO = frozenset("got showed proved swelled mowed sawed sewed sowed strived dived "
                            "learnt burnt dreamt spelt spilt spoilt leapt knelt smelt dwelt "
                            "lit".split())
# What follows a passive participle: "was build in 1990", "was build by", "is use for".
_AFTER_PASSIVE = frozenset("in by for on at to from with into as during since after before "
                           "within without under".split())
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty "
                          "thirty forty fifty hundred hundreds thousand thousands million "
                          "millions many several few".split())
_NOT_NOUNS = frozenset("yesterday today tomorrow tonight now here there ago".split())
# Plural whatever the lexicon's noun table also allows ("a people"): after "much" or a number.
_PLURAL_TOO = frozenset("people police cattle".split())
_MUCH_OPENERS = frozenset("too how".split())
# Verbs after "how much" + plural that make "much" an adverb of the clause ("how much firms know").
_QUESTION_AUX = frozenset("do does did have".split())
_COMPOUND_NEXT = frozenset("and to only based or vs versus".split())


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return not gap or gap.isspace()


def _cased(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _verb_forms(word: str, only: bool = True) -> tuple[str, dict[str, tuple[str, ...]]] | None:
    """(lemma, forms) for a word the lexicon knows only as a verb (or also as one)."""
    found = lexicon.lemmas(word)
    if not found or "VERB" not in found or (only and set(found) != {"VERB"}):
        return None
    lemma = found["VERB"][0]
    return lemma, lexicon.inflections(lemma, "VERB")


def _word_list(reg: Registry | None, key: str) -> tuple[str, ...]:
    if reg is None:
        return ()
    return tuple(str(w).lower() for w in reg.data(FAMILY, key, []) or [])


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    """The issues of ``_check`` that no earlier family has already raised on the same words
    ("I am agree": MT491's phrase entry says it better)."""
    taken = [(i.start, i.end) for i in ctx.found_in(doc)]
    for issue in _check(doc, rules, ctx):
        if not any(s < issue.end and issue.start < e for s, e in taken):
            yield issue


def _check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    perfect, be_rule, a_plural = rules.get("MT531"), rules.get("MT532"), rules.get("MT533")
    much, there = rules.get("MT534"), rules.get("MT536")
    if not (perfect or be_rule or a_plural or much or there):
        return
    reg = ctx.registry
    plurals_ok = frozenset(_word_list(reg, "a_plurals"))
    text = doc.text
    for k, words in enumerate(doc.sentence_words):
        n = len(words)
        for i, tok in enumerate(words):
            lw = tok.lower.replace("’", "'")
            if i + 1 >= n or not _adjacent(text, tok, words[i + 1]):
                continue
            if perfect and lw in _HAVE:
                yield from _perfect(doc, k, words, i, perfect)
            elif be_rule and lw in _BE and i > 0:
                yield from _be_plain(doc, k, words, i, be_rule)
            elif lw in ("a", "an") and a_plural:
                yield from _a_plural(doc, k, words, i, a_plural, plurals_ok)
            elif much and lw == "much" and tok.text == "much" and i > 0 \
                    and words[i - 1].lower in _MUCH_OPENERS:
                nxt = words[i + 1]
                if (nxt.lower in _PLURAL_TOO or lexicon.noun_number(nxt.lower) == "pl"
                        and nxt.lower not in plurals_ok) \
                        and nxt.text.islower() and doc.word_tags(k)[i + 1] == "NNS" \
                        and (words[i - 1].lower == "too"
                             or i + 2 < n and words[i + 2].lower in _QUESTION_AUX):
                    yield much.issue(tok.start, tok.end, "many")
            elif there and lw == "there" and i + 2 < n and words[i + 1].lower in ("is", "was") \
                    and words[i + 2].lower in _NUMBER_WORDS and i + 3 < n \
                    and (words[i + 3].lower in _PLURAL_TOO
                         or lexicon.noun_number(words[i + 3].lower) == "pl") \
                    and words[i + 3].lower not in ("percent", "per", "times"):
                verb = words[i + 1]
                right = "are" if verb.lower == "is" else "were"
                yield there.issue(verb.start, verb.end, _cased(verb.text, right),
                                  there=f"{tok.text} {verb.text}")


def _perfect(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    j = i + 1
    while j < len(words) and words[j].lower in _ADVERBS and j < i + 3:
        j += 1
    if j >= len(words):
        return
    tok = words[j]
    w = tok.text
    if not w.isalpha() or not w.islower():
        return
    if i >= 2 and words[i - 2].lower in _RELATIVE_CUES or i >= 1 and words[i - 1].lower in _RELATIVE_CUES:
        return
    if w in _PARTICIPLE_TOO:
        return
    got = _verb_forms(w, only=False)
    if got is None:
        return
    lemma, forms = got
    if lemma == "be":
        return   # "the job I had was in Germany": "had" ends a relative clause
    vbn = forms.get("VBN", ())
    if w not in forms.get("VBD", ()) or w in vbn or not vbn:
        return
    tags = doc.word_tags(k)
    if not tags[i].startswith("VB") or not tags[j].startswith("VB"):
        return
    if i >= 2 and (tags[i - 2].startswith(("NN", "PRP", "WP", "WDT", "IN")) and tags[i - 1].startswith(("PRP", "NNP"))
                   or words[i - 2].lower in _RELATIVE_CUES):
        return   # "the chances he had went to the striker": a relative clause ends at "had"
    yield rule.issue(tok.start, tok.end, vbn[0], aux=words[i].text)


def _be_plain(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    tok = words[i + 1]
    w = tok.text
    if not w.isalpha() or not w.islower() or len(w) < 3:
        return
    if any(t.lower in _CLEFT_CUES for t in words[:i]):
        return
    got = _verb_forms(w, only=False)
    if got is None or "ADJ" in lexicon.lemmas(w):
        return
    lemma, forms = got
    if w != lemma or not forms.get("VBN") or w in forms["VBN"] or w in forms.get("VBD", ()):
        return
    noun = "NOUN" in lexicon.lemmas(w)
    from ..lm import language_model

    seen = language_model().bi.get(f"{words[i].lower} {forms['VBN'][0]}") is not None
    if noun and (not seen or i + 2 >= len(words) or words[i + 2].lower not in _AFTER_PASSIVE):
        return   # "is form itself", "were club president", "is check out": a noun, or unsure
    tags = doc.word_tags(k)
    if not tags[i + 1].startswith("VB") or not (tags[i - 1].startswith(("NN", "PRP", "EX", "WDT"))
                                              or tags[i - 1] in ("DT",)):
        return
    be = words[i]
    participle = f"{be.text} {forms['VBN'][0]}"
    finite = (forms.get(_BE[be.lower]) or (lemma,))[0]
    first, second = (participle, finite) if seen else (finite, participle)
    yield rule.issue(be.start, tok.end, first, suggestions=[second], be=be.text, word=w)


def _a_plural(doc: Doc, k: int, words: Sequence[Token], i: int, rule,
              plurals_ok: frozenset[str]) -> Iterator[Issue]:
    art, nxt = words[i], words[i + 1]
    w = nxt.text
    if art.text not in ("a", "an") and not (art.text in ("A", "An") and i == 0) \
            or not w.isalpha() or not w.islower() or w in plurals_ok:
        return   # a capital "A" inside a sentence is a letter: "Series A investors"
    if i + 2 < len(words) and (words[i + 2].lower in _COMPOUND_NEXT or lexicon.lemmas(words[i + 2].lower).get("NOUN")
                               and words[i + 2].lower not in _NOT_NOUNS):
        return   # "a rags to riches story", "a lawyers only meeting", "an operations center"
    if doc.text[nxt.end:nxt.end + 2][:1] == "." and doc.text[nxt.end + 1:nxt.end + 2].isalnum():
        return   # a domain: "a ups.com user"
    if doc.text[nxt.end:nxt.end + 1] in ("'", "’") and nxt.end + 1 <= len(doc.text):
        return   # a plural possessive: "a politicians' strategic vision"
    if lexicon.noun_number(w) != "pl":
        return
    found = lexicon.lemmas(w)
    singular = (found.get("NOUN") or (None,))[0]
    if not singular or singular == w:
        return
    tags = doc.word_tags(k)
    if tags[i + 1] != "NNS":
        return
    if i + 2 < len(words) and tags[i + 2].startswith("NN") and words[i + 2].lower not in _NOT_NOUNS:
        return   # a modifier: "a sports car", "a savings account"
    yield rule.issue(nxt.start, nxt.end, singular, article=art.text)
