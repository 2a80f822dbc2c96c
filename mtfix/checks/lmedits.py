"""Language-model candidate edits (MT517 determiner-noun number, MT521 preposition).

MT517: a noun whose number its determiner contradicts ("several reason", "these car", "every
students"); the candidate is the noun's other number from the lexicon's tables, and it is
flagged only where the bigram model agrees (the determiner and the next word read better with
the candidate by the margin), so "many say", "these include" stay silent.

MT521:

For each preposition or article, the candidates a reviewer would consider (the other members of
its confusion set in ``rules/en/lmedits.yaml``, and for an article its deletion) are scored with
the bigram language model of ``mtfix.lm`` in the words' own context: ln P(w | prev) +
ln P(next | w) for the word as written and for each candidate. Where the best candidate beats the
word by a margin, it is the suggestion. The margins are data, calibrated on human English
(MLQE-PE train post-edits, MQM human translations: ``benchmarks/gec_human.py``) so that the rule
stays rare there; a bigram model sees one word either side, so nothing is applied on its own.
Linear: a few table look-ups per function word.
"""
from __future__ import annotations

import re

from functools import lru_cache

from typing import Iterator, Sequence

from .. import lexicon, lm
from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules
from .articles import _countable

FAMILY = "lmedits"


def _data(ctx: Context) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], float, float]:
    reg = ctx.registry
    memo = reg.__dict__.setdefault("_lmedits_memo", None) if reg is not None else None
    if memo is not None:
        return memo
    sets = {}
    for name, code in (("prepositions", "MT521"), ("articles", "MT522")):
        for group in (reg.data(FAMILY, name, []) if reg else []):
            for w in group:
                sets.setdefault(code, {})[w] = tuple(c for c in group if c != w)
    margins = reg.data(FAMILY, "margins", {}) if reg else {}
    out = (sets.get("MT521", {}), sets.get("MT522", {}),
           float(margins.get("MT521", 4.0)), float(margins.get("MT522", 4.0)))
    if reg is not None:
        reg.__dict__["_lmedits_memo"] = out
    return out


def _word(text: str, words: Sequence[Token], i: int, j: int) -> str | None:
    """The word at ``j`` when only one space parts it from the token at ``i``."""
    if 0 <= j < len(words):
        a, b = (words[j], words[i]) if j < i else (words[i], words[j])
        t = words[j].text
        if t.isalpha() and text[a.end:b.start] == " ":
            return t.lower()
    return None


def _unseen(prev: str, *words: str) -> bool:
    """Whether the pair table holds none of ``prev`` + each word: the model then only compares
    the words' unigram frequencies, which favour the singular whatever the determiner wants."""
    bi = lm.language_model().bi
    return all(bi.get(prev + " " + w) is None for w in words)


def _context_lp(prev: str | None, w: str, nxt: str | None) -> float:
    """ln P(w | prev) + ln P(next | w); an empty ``w``: the pair prev, next with nothing between."""
    if not w:
        return lm.pair_logp(prev, nxt) if nxt else 0.0
    s = lm.pair_logp(prev, w)
    if nxt:
        s += lm.pair_logp(w, nxt)
    return s


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    number_rule = rules.get("MT517")
    if number_rule is not None:
        yield from _number(doc, number_rule, ctx)
        yield from _other_singular(doc, number_rule)
        yield from _number_of_singular(doc, number_rule)
    if ctx.translated(doc):
        return   # MT521: see Context.translated
    prep_rule, art_rule = rules.get("MT521"), rules.get("MT522")
    if not (prep_rule or art_rule):
        return
    preps, arts, prep_margin, art_margin = _data(ctx)
    seg = doc.segment
    for words in doc.sentence_words:
        for i, tok in enumerate(words):
            w = tok.text
            if not w.islower():
                continue
            if prep_rule and w in preps:
                rule, alts, margin = prep_rule, preps[w], prep_margin
            elif art_rule and w in arts:
                rule, alts, margin = art_rule, arts[w], art_margin
            else:
                continue
            prev, nxt = _word(doc.text, words, i, i - 1), _word(doc.text, words, i, i + 1)
            if prev is None or nxt is None:
                continue   # a bigram needs a word each side: after a comma it knows nothing
            if seg.is_protected(tok.start, tok.end):
                continue
            here = _context_lp(prev, w, nxt)
            scored = sorted(((_context_lp(prev, c, nxt) - here, c) for c in alts), reverse=True)
            gain, best = scored[0]
            if gain < margin:
                continue
            if best:
                yield rule.issue(tok.start, tok.end, best, suggestions=[c for g, c in scored[:3] if c and g >= margin],
                                 safe=False, word=w)
            else:   # delete the article and the space after it
                yield rule.issue(tok.start, words[i + 1].start, "", safe=False, word=w,
                                 message=f"Leave out '{w}' here?")


# Before "other": words that make it part of a noun phrase or a list, where a singular noun is
# right ("the other route", "crash or other accident", "a whole other topic").
_BEFORE_OTHER = frozenset("the a an any no some each every one his her their our my your its this that these "
                          "those which whose what many several few on and or nor but whole one's".split())
# Nouns used uncounted after "other" as often as counted ("we have other work to do").
_OTHER_MASS = frozenset("work business use information food help stuff staff support news time space room "
                        "evidence research training equipment software data property land".split())
_AFTER_OTHER_NOUN = frozenset(". , ; : ! ? ) to in on at with for from by and or that which who".split())


def _ending_count_noun(doc: Doc, k: int, words: Sequence[Token], j: int, after: frozenset[str]) -> bool:
    """Whether the word at ``j`` is a lower-case singular count noun one space after the word
    before it, read NN by the tagger (its plural nearly as common, so not "work", "staff"),
    unprotected, and its phrase ends there: a word of ``after`` or the sentence's end."""
    text, tok = doc.text, words[j]
    noun = tok.text
    if not (noun.isalpha() and noun.islower()) or text[words[j - 1].end:tok.start] != " ":
        return False
    if j + 1 < len(words) and words[j + 1].lower not in after:
        return False
    if j + 1 >= len(words) and text[tok.end:tok.end + 1] not in (".", "!", "?", ""):
        return False
    return noun not in _OTHER_MASS and _countable(noun) and doc.word_tags(k)[j] == "NN" \
        and not doc.segment.is_protected(tok.start, tok.end)


def _other_singular(doc: Doc, rule) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    """MT517: "other" with no determiner before a singular count noun that ends its phrase
    ("the passenger asks other route", "repaired by other company"): English says "another
    route" (or "other routes"). Not after a determiner, "and"/"or" ("crash or other accident")
    or "whole"; only a noun the tagger reads NN whose plural is nearly as common (so not
    "other work", "other information")."""
    text = doc.text
    for k, words in enumerate(doc.sentence_words):
        for i in range(len(words) - 1):
            if words[i].text != "other" or (i > 0 and (words[i - 1].lower in _BEFORE_OTHER
                                                         or text[words[i - 1].end:words[i].start] != " ")):
                continue
            if not _ending_count_noun(doc, k, words, i + 1, _AFTER_OTHER_NOUN):
                continue
            tok = words[i + 1]
            noun = tok.text
            plural = _other_number(noun, "pl")
            yield rule.issue(words[i].start, tok.end, f"another {noun}",
                             suggestions=[f"another {noun}"] + ([f"other {plural}"] if plural else []),
                             safe=False, word=noun, det="other",
                             message=f"'other {noun}': a singular count noun takes 'another' ('another {noun}')")


_NUMBER_OF_BEFORE = frozenset("the a large small great huge total increasing growing limited certain big high low "
                               "record considerable significant".split())
_AFTER_COUNTED_NOUN = _AFTER_OTHER_NOUN | frozenset("is are was were has have had will can could would may might "
                                                    "must should increases increased grows grew rises rose falls "
                                                    "fell decreases decreased".split())


def _number_of_singular(doc: Doc, rule) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    """MT517: "the number of" (or "a large number of") before a singular count noun that ends
    its phrase ("the number of car in the city", "a large number of tourist"): the noun
    counted is plural. Only a noun the tagger reads NN whose plural is nearly as common (so
    not "the number of staff", "a number of work")."""
    text = doc.text
    for k, words in enumerate(doc.sentence_words):
        for i in range(2, len(words) - 1):
            if words[i].lower != "of" or words[i - 1].lower != "number" or words[i - 2].lower not in _NUMBER_OF_BEFORE:
                continue
            if not _ending_count_noun(doc, k, words, i + 1, _AFTER_COUNTED_NOUN):
                continue
            tok = words[i + 1]
            plural = _other_number(tok.text, "pl")
            if plural:
                yield rule.issue(tok.start, tok.end, plural, safe=False, word=tok.text,
                                 det=text[words[i - 2].start:words[i].end])


def _number_data(ctx: Context) -> tuple[frozenset[str], frozenset[str], frozenset[str], float]:
    reg = ctx.registry
    memo = reg.__dict__.get("_lmedits_number") if reg is not None else None
    if memo is not None:
        return memo
    d = reg.data(FAMILY, "number", {}) if reg is not None else {}
    out = (frozenset(d.get("plural_determiners", ())), frozenset(d.get("singular_determiners", ())),
           frozenset(d.get("skip_nouns", ())), float(d.get("margin", 1.0)))
    if reg is not None:
        reg.__dict__["_lmedits_number"] = out
    return out


def _other_number(noun: str, want: str) -> str | None:
    """The form of ``noun`` of number ``want`` ('pl' or 'sg') when the lexicon knows ``noun``
    only as a noun of the other number; None for number-less nouns ("series", "people")."""
    have = lexicon.noun_number(noun)
    if have is None or have == want:
        return None
    lemma = lexicon.lemmas(noun)["NOUN"][0]
    forms = lexicon.inflections(lemma, "NOUN")
    got = (forms.get("NNS") if want == "pl" else forms.get("NN")) or ()
    return got[0] if got and got[0] != noun else None


@lru_cache(maxsize=8192)
def _plain_adjective(w: str) -> bool:
    """A lower-case word the lexicon knows as an adjective and maybe a noun ("new", "good"),
    never as a verb; the caller asks the tagger for JJ."""
    return w.isalpha() and w.islower() and set(lexicon.lemmas(w)) in ({"ADJ"}, {"ADJ", "NOUN"})


_DO_FORMS = frozenset("do does did don't doesn't didn't".split())
_TIME_AFTER = frozenset("ago now later earlier before since by".split())
_COORDINATED = frozenset("and or nor based only".split())


# A count in digits is a plural determiner ("20 minute." -> "minutes") where the phrase plainly
# ends after the noun: punctuation, or one of these words.
_AFTER_COUNT = frozenset("in at on of for from to with before after ago later earlier away left each per".split())
# "all" wants a plural count noun ("in all case" -> "cases") only where the noun phrase plainly
# ends (a preposition, a verb of the clause, punctuation); not after a pronoun or verb it floats
# from ("we all walk", "we are all animal lovers"), nor in a list of them ("all life and all activity").
_AFTER_ALL = _AFTER_COUNT | frozenset("are is must should will can have has were was around that which who".split())
_BEFORE_FLOATING_ALL = frozenset("we you they us them these those are were is was be been and or".split())
_LABELS = frozenset("NN NNS NNP NNPS CD".split())


_RANGE = re.compile(r"([0-9]{1,3})-([0-9]{1,3})")   # one token: "3-5"


def _counted(text: str, words: Sequence[Token], doc: Doc, k: int, i: int) -> bool:
    """Whether the token at ``i`` is a count in digits, 2 to 999 (not a year, a label's number
    as in "page 3 note" or "Windows 10 machine", or part of a decimal); a range of counts ("3-5",
    "2–3") counts as its larger number."""
    t = words[i].text
    if (m := _RANGE.fullmatch(t)) and int(m.group(1)) < int(m.group(2)):
        t = m.group(2)   # one token "3-5": a range of counts ("3-5 working day")
    if not (t.isascii() and t.isdigit() and len(t) <= 3 and t[0] != "0" and t != "1"):
        return False
    if i > 0:
        prev = words[i - 1]
        gap = text[prev.end:words[i].start]
        if gap.strip() in ("-", "–") and prev.text.isascii() and prev.text.isdigit() and len(prev.text) <= 3 \
                and (i < 2 or text[words[i - 2].end:prev.start] == " ") and int(prev.text) < int(t):
            return True    # a range of counts: "3-5 working day", "2–3 week" (not "4-3", "10-2-3")
        if gap != " " or not prev.text.isalpha() or prev.text[0].isupper() and i > 1 \
                or prev.lower == "the" or doc.word_tags(k)[i - 1] in _LABELS and prev.lower not in _LIMITS:
            return False   # "No. 5", "Room 12", "page 3", "the 22 round" (an ordinal)
    return True


# Nouns before a count that bound it rather than name it: "maximum 20 person." counts persons.
_LIMITS = frozenset("maximum minimum max min".split())
# Nouns a number after "on"/"at" names rather than counts: "on 2 floor" (the second floor).
_STOREYS = frozenset("floor level storey story deck platform".split())
# Between a count and its unit of time, words that leave the unit a count noun: "5 working day".
_UNIT_MODIFIERS = frozenset("working business calendar banking consecutive full additional extra more".split())
_TIME_UNITS = frozenset("day week month year hour minute night".split())


def _ends_phrase(text: str, words: Sequence[Token], j: int) -> bool:
    """Whether a stop, comma, colon or semicolon (or the text's end) follows the word at ``j``."""
    rest = text[words[j].end:words[j].end + 1]
    return rest == "" or rest in ".,;:!?)"


def _counted_pair_ends(text: str, words: Sequence[Token], j: int) -> bool:
    """After "2 adult": "and", a count, a word, then the phrase's end ("2 adult and 1 child."),
    not a modifier pair before a noun ("3 bedroom and 2 bathroom house")."""
    if j + 3 >= len(words) or not words[j + 2].text.isdigit():
        return False
    after = _word(text, words, j + 3, j + 4)
    return after in _AFTER_COUNT or (after is None and _ends_phrase(text, words, j + 3))


# After a plural determiner and a singular noun the model has never seen with it, the words
# that show the noun phrase has plainly ended there ("three universe.", "ten province of").
_PHRASE_ENDS = _AFTER_COUNT | frozenset("is are was were that which who".split())
_COUNT_AS_MODIFIER = frozenset("a an this that to x by from than".split())


def _plainly_counted(noun: str, nxt: str | None, text: str, words: Sequence[Token], j: int,
                     counted: bool = False) -> bool:
    """Whether a plural determiner's singular ``noun`` is plainly a count noun standing alone:
    only a noun to the lexicon (not "old", "female", "shop"; after a count in digits and before
    "of" a verb reading may stay: "4 cup of") and the noun phrase ends after it, not a modifier of a
    mass noun the number test cannot see ("five law enforcement teams")."""
    pos = set(lexicon.lemmas(noun))
    if not (pos == {"NOUN"} or counted and pos == {"NOUN", "VERB"} and nxt == "of"):
        return False
    if counted and j >= 2 and words[j - 2].lower in _COUNT_AS_MODIFIER:
        return False   # "a 10 gallon", "from 32 to 64 bit", "a 20 x 40 tent": a size, not a count
    rest = text[words[j].end:words[j].end + 1]
    return nxt in _PHRASE_ENDS or (nxt is None and _ends_phrase(text, words, j) and rest != ",")
    # not before a comma: "several gold, silver and bronze medals" lists modifiers


def _number(doc: Doc, rule, ctx: Context) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    plural, singular, skip, margin = _number_data(ctx)
    text, seg = doc.text, doc.segment
    for k, words in enumerate(doc.sentence_words):
        for i in range(len(words) - 1):
            det = words[i].text.lower()
            want = "pl" if det in plural else ("sg" if det in singular else None)
            counted = want is None and _counted(text, words, doc, k, i)
            if counted:
                want, det = "pl", "two"   # the bigram model knows number words, not digits
            elif want is None:
                continue
            # up to two adjectives may stand between: "many different way", "two new feature"
            j = i + 1
            while j < len(words) - 1 and j < i + 3 and _plain_adjective(words[j].text) \
                    and text[words[j - 1].end:words[j].start] == " ":
                j += 1
            if j > i + 1 and (want == "sg" or counted or not (words[j].text.isalpha() and words[j].text.islower())
                              or _other_number(words[j].text, want) is None):
                j = i + 1   # the cheap tests first: only a plural determiner and a noun of the other number
            if j > i + 1 and not all(t == "JJ" for t in doc.word_tags(k)[i + 1:j]):
                j = i + 1
            unit = counted and j == i + 1 and j + 1 < len(words) and words[j].lower in _UNIT_MODIFIERS \
                and words[j + 1].text in _TIME_UNITS and text[words[j].end:words[j + 1].start] == " "
            if unit:
                j += 1   # "5 working day": the count's unit of time after its modifier
            tok = words[j]
            noun = tok.text
            if not (noun.isalpha() and noun.islower()) or noun in skip or text[words[j - 1].end:tok.start] != " ":
                continue
            if noun.endswith(("ing", "ed")):
                continue   # "those concerned", "these living": participles
            if words[i].text[0].isupper() and i > 0:
                continue   # "A players", "Group A offenses": a letter, not an article
            after = text[tok.end:tok.end + 2]
            if after[:1] in "'’" or (after[:1] == "." and after[1:].isalnum()):
                continue   # "a buyers' market", "node.JS"
            if j + 1 < len(words) and words[j + 1].text[:1].isupper() and text[tok.end:words[j + 1].start] == " ":
                continue   # "two community FAQs": a modifier of a name
            if want == "sg" and "VERB" in lexicon.lemmas(noun):
                continue   # "this makes", "each needs": a verb as often as a plural noun
            cand = _other_number(noun, want)
            if cand is None or lexicon.zipf(cand) < 3.0:
                continue   # "informations": a mass noun is MT493's
            if j > i + 1 and doc.word_tags(k)[j] != "NN":
                continue   # after adjectives only a singular noun the tagger reads as one
            nxt = _word(text, words, j, j + 1)
            if nxt is not None and lexicon.noun_number(nxt) is not None \
                    and not (want == "pl" and "VERB" in lexicon.lemmas(nxt) and not (i > 0 and words[i - 1].lower in ("a", "an"))
                             and doc.word_tags(k)[j + 1] in ("VB", "VBP", "VBD", "MD")):
                continue   # "these car parks", "an arts district": the noun may be a modifier
                # (not before a verb the tagger reads as one: "Many student think so")
            if counted and noun in _STOREYS and i > 0 and words[i - 1].lower in ("on", "at", "to", "from"):
                continue   # "on 2 floor": a storey's number (MT300's "2nd"), not a count of floors
            if counted and not (nxt in _AFTER_COUNT or (nxt is None and _ends_phrase(text, words, j))
                                or (nxt == "and" and _counted_pair_ends(text, words, j))):
                continue   # "a 10 year old boy", "24 hour a day": only where the phrase plainly ends
            if det == "all" and ((i > 0 and words[i - 1].lower in _BEFORE_FLOATING_ALL)
                                 or not (nxt in _AFTER_ALL or (nxt is None and _ends_phrase(text, words, j)))):
                continue   # "we all walk", "all database related": only "all" + noun where the phrase plainly ends
            if not counted and (nxt in _COORDINATED or (want == "sg" and nxt in ("to", "versus", "vs"))):
                continue   # "many product and brand names", "an assets based", "an apples to apples"
            if nxt in _TIME_AFTER and not counted:
                continue   # "this years ago": a measure of time, not the determiner's noun
            if want == "pl" and nxt is None and "VERB" in lexicon.lemmas(noun) \
                    and (doc.word_tags(k)[j] != "NN" or i > 0 and words[i - 1].lower in _DO_FORMS):
                continue   # "How much do these cost?": a pronoun and its verb (unless the tagger
                # reads a noun: "resolve these issue.")
            if seg.is_protected(tok.start, tok.end):
                continue
            if unit:
                ok = True      # a count of days is plural whatever the model says of "working day"
            elif j > i + 1:
                # the determiner is out of the bigram's reach: the model must not prefer the
                # singular after the adjective ("different way" vs "different ways")
                prev = words[j - 1].text.lower()
                gain = _context_lp(prev, cand, nxt) - _context_lp(prev, noun, nxt)
                ok = gain >= 0 or (_unseen(prev, noun, cand) and _plainly_counted(noun, nxt, text, words, j))
            else:
                gain = _context_lp(det, cand, nxt) - _context_lp(det, noun, nxt)
                ok = gain >= margin or (want == "pl" and _unseen(det, noun, cand) and doc.word_tags(k)[j] == "NN"
                                        and _plainly_counted(noun, nxt, text, words, j, counted))
            if ok:
                yield rule.issue(tok.start, tok.end, cand, safe=False, word=noun,
                                 det=text[words[i].start:words[j - 1].end])
