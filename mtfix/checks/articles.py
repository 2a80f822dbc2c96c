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

from .. import lexicon, lm
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
    yield from bare_object(doc, rules, ctx)
    yield from bare_subject(doc, rules, ctx)
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


# ---------------------------------------------------------------- MT525: an instruction's bare noun

# Verbs that open no instruction with a plain object ("Let angle A be x", "Have fun").
_NOT_INSTRUCTION = frozenset("let be do have go come say tell think know".split())
# After the noun, the words that show the object has ended there ("Press button to start").
# Not "and"/"or": they join a heading's nouns ("Interview text and video version").
_AFTER_OBJECT = frozenset("to in on at with for from before after during into onto until when if while by".split())


def _countable(w: str) -> bool:
    """A singular noun whose plural is nearly as common as itself ("button", "helmet"), so a
    count noun, not a mass or abstract one ("water", "activity"); never an adjective."""
    if lexicon.noun_number(w) != "sg" or lexicon.zipf(w) < 3.0:
        return False
    pos = lexicon.lemmas(w)
    if "NOUN" not in pos or "ADJ" in pos:
        return False
    plural = (lexicon.inflections(pos["NOUN"][0], "NOUN").get("NNS") or ("",))[0]
    return bool(plural) and plural != w and lexicon.zipf(plural) >= lexicon.zipf(w) - 0.7


def bare_object(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    """MT525: an instruction whose object is a singular count noun with no article ("Press
    button to start", "Wear helmet at all times", "Please show passport at the desk"). Only the
    sentence's first verb (or the one after "Please"), read VB by the tagger, a noun the tagger
    reads NN, a verb and noun the pair table has never seen together (so not "take place",
    "make sense", "pay attention") but the noun seen after "the", and the object plainly ends
    there (a preposition, "when", or the sentence's end)."""
    rule = rules.get("MT525")
    if rule is None:
        return
    text, seg = doc.text, doc.segment
    bi = None
    for k, words in enumerate(doc.sentence_words):
        i = 1 if len(words) > 2 and words[0].lower == "please" else 0
        if i + 1 >= len(words):
            continue
        verb, noun = words[i], words[i + 1]
        v, n = verb.lower, noun.text
        if v in _NOT_INSTRUCTION or not verb.text.isalpha() or not (verb.text[1:].islower() and (i == 0 or verb.text.islower())):
            continue
        if not (n.isalpha() and n.islower()) or text[verb.end:noun.start] != " " or i and text[words[0].end:verb.start] != " ":
            continue
        found = lexicon.lemmas(v).get("VERB")
        if not found or found[0] != v or not _countable(n):
            continue
        if i + 2 < len(words):
            nxt = words[i + 2]
            if nxt.lower not in _AFTER_OBJECT or not nxt.text.islower() or text[noun.end:nxt.start] != " ":
                continue
        elif text[noun.end:noun.end + 1] not in (".", "!") or text[noun.end + 1:noun.end + 2].isalnum():
            continue
        if bi is None:
            bi = lm.language_model().bi
        if bi.get(f"{v} {n}") is not None or bi.get(f"the {n}") is None:
            continue   # "take place", "make sense": a pair the model knows is idiom, not a slip
        tags = doc.word_tags(k)
        if tags[i] != "VB" or tags[i + 1] != "NN" or seg.is_protected(verb.start, noun.end):
            continue
        yield rule.issue(noun.start, noun.end, f"the {n}", suggestions=[f"the {n}", f"a {n}" if n[0] not in _VOWELS else f"an {n}"],
                         word=n, verb=verb.text)


# ---------------------------------------------------------------- MT525: a sentence's bare subject

# Words that open a noun phrase themselves: "Each room has", "No ticket is".
_DETERMINERS = frozenset("the a an this that these those my your our their his her its each every any no "
                         "some all one another either neither which what whose".split())
# The finite verbs after which the opening noun is plainly the subject ("Ticket can be bought").
_SUBJECT_VERBS = frozenset("is was has can will must should may does operates works needs costs includes "
                           "contains starts opens closes shows appears gets becomes remains takes lasts".split())


def _subject_nouns(ctx: Context) -> frozenset[str]:
    reg = ctx.registry
    if reg is None:
        return frozenset()
    memo = reg.__dict__.get("_bare_subject_memo")
    if memo is None:
        memo = reg.__dict__["_bare_subject_memo"] = frozenset(
            str(w).lower() for w in reg.data(FAMILY, "bare_subject_nouns", []) or ())
    return memo


def bare_subject(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    """MT525: a sentence that opens with a singular count noun of ``bare_subject_nouns`` as its
    subject, with no article: "Ticket can be bought online", "Delivery fee is 5 euros" (a noun
    or adjective may stand before it), then one of ``_SUBJECT_VERBS``. The list holds concrete
    things and people of manuals, notices and shops; nouns of events and acts ("Payment is due",
    "Reservation is required") stay out, as English uses them without an article."""
    rule = rules.get("MT525")
    if rule is None:
        return
    nouns = _subject_nouns(ctx)
    if not nouns:
        return
    text, seg = doc.text, doc.segment
    for words in doc.sentence_words:
        if len(words) < 3:
            continue
        first = words[0]
        if not (first.text.isalpha() and first.text[:1].isupper() and first.text[1:].islower()) \
                or first.lower in _DETERMINERS:
            continue
        j = 0
        if first.lower not in nouns:
            pos = lexicon.lemmas(first.lower)
            if not ("NOUN" in pos or "ADJ" in pos) or "VERB" in pos and "NOUN" not in pos:
                continue
            j = 1   # "Delivery fee is", "Single ticket is": the head comes second
            if not (words[1].text.isalpha() and words[1].text.islower() and words[1].lower in nouns):
                continue
        verb = words[j + 1]
        if verb.lower not in _SUBJECT_VERBS or not verb.text.islower() \
                or not all(text[words[k].end:words[k + 1].start] == " " for k in range(j + 1)):
            continue
        if seg.is_protected(first.start, words[j].end):
            continue
        head = text[first.start:words[j].end]
        fixed = head[0].lower() + head[1:]
        yield rule.issue(first.start, words[j].end, f"The {fixed}", word=words[j].text)
