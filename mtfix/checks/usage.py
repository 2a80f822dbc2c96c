"""Number, agreement, word order and verb patterns that learners and MT get wrong in any
register (MT564-MT599, MT560, MT535, MT540): "one of the best student", "most of people", "this students", "people
has", "It make me happy", "more easy than", "enjoy to play", "Everyone are", "From Monday
begins the repair", "An error is occurred", "a member who stay", "Could you sent", "He didn't
went", "could possible live", "much people", "an oldest city", "I've modify", "tried to
lifted", "it volume goes up" ...

Like ``syntax``, each rule first looks for its trigger words and only then asks
``Doc.word_tags`` for the sentence's tags; the word lists are data in ``rules/en/usage.yaml``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Sequence

from .. import lexicon, lm
from ..analysis import Doc, Token
from ..model import Issue
from ..ruledata import Registry
from . import Context, Rules
from .lmedits import _context_lp
from .agreement import _DO, _DO_NEG, _QUESTION_SUBJECTS, _plain_of_s_form, _third_person_tagged
from .syntax import _NUMBER_WORDS, _TO_VERBS, _cased
from .syntax import _clause_start as syntax_clause_start

FAMILY = "usage"

CODES = ("MT564", "MT565", "MT566", "MT567", "MT568", "MT569", "MT570", "MT571", "MT572",
         "MT573", "MT574", "MT575", "MT576", "MT577", "MT578", "MT579", "MT580", "MT581",
         "MT582", "MT583", "MT584", "MT585", "MT586", "MT587", "MT588",
         "MT589", "MT590", "MT591", "MT592", "MT593", "MT594", "MT595", "MT596", "MT597", "MT598",
         "MT599", "MT560", "MT535", "MT540", "MT520", "MT527", "MT524")
_DETS = frozenset("the my your his her its our their these those".split())
_NOUN_TAGS = frozenset("NN NNS NNP NNPS POS CD".split())
_MODIFIER_TAGS = frozenset("JJ JJS JJR RBS RBR RB VBN VBG".split())
# Quantifiers that make an adjective after "of" a determiner: "one of many reasons" is right.
_QUANTITY_ADJ = frozenset("many several few various numerous countless multiple other own "
                          "such same".split())
_SINGULAR_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
                   "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't"}
_PLURAL_VERBS = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
                 "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}
_OPENERS = frozenset("but so because when while if although though whereas that".split())
_MID = frozenset("also always often usually still never really only even sometimes just".split())
_BE_FIRST = {"i": ("am", "'m", "was"), "we": ("are", "'re", "were")}
_GET = frozenset("get gets got getting gotten".split())
_SUBJECT_MODIFIERS = frozenset("DT PDT JJ JJR JJS PRP$".split())
_COUNTS = frozenset("a per two three four five six seven eight nine ten eleven twelve twenty thirty "
                    "forty fifty hundred thousand million few".split())
_PLURAL_NOUNS = frozenset("people children men women police".split())
_YEAR_PREPS = frozenset("in of since from until till by to before after during the".split())
# "It is essential that it remain": a mandative subjunctive takes the plain form.
_SUBJUNCTIVE = frozenset("important essential necessary vital crucial imperative mandatory critical "
                         "require requires required demand demands demanded insist insists insisted "
                         "suggest suggests suggested recommend recommends recommended propose proposes "
                         "proposed request requests requested urge urges urged ask asks asked lest "
                         "whether".split())


def _plain(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return gap == " "


@lru_cache(maxsize=64)
def _words(reg: Registry, family: str, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in reg.data(family, key, []) or [])


def _set(ctx: Context, key: str, family: str = FAMILY) -> frozenset[str]:
    return frozenset() if ctx.registry is None else _words(ctx.registry, family, key)


def _plural_of(noun: str) -> str | None:
    """The plural of a singular countable noun the lexicon knows, when it is a common word."""
    if lexicon.noun_number(noun) != "sg":
        return None
    forms = lexicon.inflections(lexicon.lemmas(noun)["NOUN"][0], "NOUN")
    pl = (forms.get("NNS") or ("",))[0]
    return pl if pl and pl != noun and lexicon.zipf(pl) >= 3.0 else None


def _after_noun_ok(doc: Doc, words: Sequence[Token], tags: Sequence[str], j: int) -> bool:
    """The noun at ``j`` is the head: nothing noun-like or possessive follows it."""
    tok = words[j]
    after = doc.text[tok.end:tok.end + 1]
    if after and after in "'’-/":
        return False
    return j + 1 >= len(words) or tags[j + 1] not in _NOUN_TAGS


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    """The issues of ``_check`` on words no earlier family has flagged."""
    if not any(rules.get(c) for c in CODES):
        return
    taken = [(i.start, i.end) for i in ctx.found_in(doc)]
    for issue in _check(doc, rules, ctx):
        if not any(s < issue.end and issue.start < e for s, e in taken):
            yield issue


def _check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    r = {c: rules.get(c) for c in CODES}
    text = doc.text
    strict_q = _set(ctx, "plural_quantifiers")
    lm_q = _set(ctx, "mass_quantifiers")
    intro = r["MT578"] and _intro_phrases(ctx)
    first = _first_words(ctx.registry) if ctx.registry is not None else _STATIC_FIRST
    for k, words in enumerate(doc.sentence_words):
        n = len(words)
        lows = [t.lower.replace("’", "'") for t in words]
        if intro and n > 3 and words[0].text[:1].isupper():
            yield from _introductory(doc, k, words, lows, r["MT578"], intro)
        if r["MT585"] and n > 3:
            yield from _inverted_after_pp(doc, k, words, lows, r["MT585"])
        if r["MT582"] and n > 2:
            yield from _capitalised_nouns(doc, words, lows, r["MT582"], ctx)
        if r["MT520"] and n > 5:
            yield from _relative_main_verb(doc, k, words, lows, r["MT520"], ctx)
        if r["MT527"] and n > 3 and any(w in _Q_AUX for w in lows[:3]):
            yield from _question_aux(doc, k, words, lows, r["MT527"], ctx)
        if r["MT524"] and n > 4 and lows[0] in _DOUBLE_FIRST:
            yield from _double_aux(doc, k, words, lows, r["MT524"])
        for i in range(n):
            lw = lows[i]
            if lw not in first and (lows[i + 1] if i + 1 < n else "") not in _NEXT_TRIGGERS \
                    and not lw.startswith("i"):
                continue   # the cheap test: no rule of this family starts at this word
            if r["MT560"] and lw in _APOS_SUBJECTS and i + 1 < n and lows[i + 1].endswith(("'s", "’s")):
                # on its own: the chain below has an "it" branch first ("It sound's too good")
                yield from _verb_apostrophe(doc, k, words, lows, i, r["MT560"])
            if r["MT583"] and lw_comma_that(text, words, lows, i):
                yield from _comma_that(doc, k, words, lows, i, r["MT583"], ctx)
            if r["MT577"] and words[i].text[:1] == "i" and words[i].text.split("'")[0].split("’")[0] == "i":
                yield from _lower_i(doc, words, lows, i, r["MT577"], ctx)
                continue
            nxt = lows[i + 1] if i + 1 < n else ""
            if r["MT592"] and lw in _Q_SUBJECTS and i + 2 < n and _plain(text, words[i], words[i + 1]) \
                    and _plain(text, words[i + 1], words[i + 2]) and "ADJ" in lexicon.lemmas(nxt):
                yield from _adjective_for_adverb(doc, k, words, lows, i, r["MT592"], after_subject=True)
            if r["MT564"] and nxt == "of" and i + 2 < n and (lw in strict_q or lw in lm_q) \
                    and words[i].text[1:].islower():
                yield from _quantity_singular(doc, k, words, lows, i, r["MT564"], ctx, lw in strict_q)
            if r["MT565"] and nxt == "of" and i + 2 < n and lw in _set(ctx, "bare_quantifiers") \
                    and words[i].text[1:].islower():
                yield from _bare_plural(doc, k, words, lows, i, r["MT565"], ctx)
            elif r["MT566"] and lw == "this" and words[i].text in ("this", "This") and i + 1 < n:
                yield from _this_plural(doc, k, words, lows, i, r["MT566"], ctx)
            elif r["MT567"] and lw in _PLURAL_NOUNS and words[i].text[1:].islower() \
                    and nxt in _SINGULAR_VERBS and _plain(text, words[i], words[i + 1]):
                yield from _subject_agreement(doc, k, words, lows, i, r["MT567"])
            elif r["MT567"] and lw in _PLURAL_NOUNS and words[i].text[1:].islower() and i + 2 < n \
                    and nxt in ("who", "that") and lows[i + 2] in _SINGULAR_VERBS \
                    and _plain(text, words[i], words[i + 1]) and _plain(text, words[i + 1], words[i + 2]) \
                    and "of" not in lows[max(0, i - 3):i] and not (i > 0 and lows[i - 1] in _COUNTS):
                # "people who is young": the relative clause's verb agrees with the plural noun
                # (not "one of the people who is", nor "a people that is")
                verb = words[i + 2]
                yield r["MT567"].issue(verb.start, verb.end, _SINGULAR_VERBS[lows[i + 2]], word=verb.text,
                                       subject=f"{words[i].text} {words[i + 1].text}")
            elif r["MT567"] and lw in _PLURAL_NOUNS and words[i].text[1:].islower() and nxt \
                    and nxt.endswith("s") and _plain(text, words[i], words[i + 1]) \
                    and set(lexicon.lemmas(nxt)) == {"VERB"} and (plain := _plain_of_s_form(nxt)):
                # the -s form of a word that is only a verb ("Many people thinks"; not "needs")
                yield from _subject_agreement(doc, k, words, lows, i, r["MT567"], {nxt: plain})
            elif r["MT586"] and lw in _set(ctx, "mass_nouns") and words[i].text[1:].islower() \
                    and nxt in _PLURAL_VERBS and _plain(text, words[i], words[i + 1]):
                yield from _subject_agreement(doc, k, words, lows, i, r["MT586"], _PLURAL_VERBS)
            elif r["MT587"] and nxt == "year" and len(words[i].text) == 4 and words[i].text.isdigit() \
                    and 1000 <= int(words[i].text) <= 2099 and i > 0 and lows[i - 1] in _YEAR_PREPS \
                    and _plain(text, words[i], words[i + 1]) and text[words[i + 1].end:words[i + 1].end + 1] not in ("-", "'", "’"):
                yield r["MT587"].issue(words[i].start, words[i + 1].end, words[i].text,
                                       word=f"{words[i].text} {words[i + 1].text}")
            elif lw == "it" and i + 2 < n and words[i].text[1:].islower() and (r["MT568"] or r["MT579"] or r["MT597"]):
                # one word, three rules: "It make me happy", "It very easy", "it volume goes up"
                got = list(_it_plain(doc, k, words, lows, i, r["MT568"],
                                     _set(ctx, "contractions", "spelling") | _WORDS_WITHOUT_APOSTROPHE)) \
                    if r["MT568"] and _clause_start(text, words, lows, i) else []
                if not got and r["MT597"]:
                    got = list(_it_noun(doc, k, words, lows, i, r["MT597"], ctx))
                if not got and r["MT579"] and _clause_start(text, words, lows, i) and _plain(text, words[i], words[i + 1]):
                    got = list(_no_copula(doc, k, words, lows, i, r["MT579"], ctx))
                yield from got
            elif r["MT568"] and lw == "this" and i + 1 < n and words[i].text[1:].islower() \
                    and _clause_start(text, words, lows, i):
                yield from _it_plain(doc, k, words, lows, i, r["MT568"])
            elif r["MT569"] and lw == "more" and words[i].text == "more" and i + 1 < n \
                    and nxt in _set(ctx, "short_adjectives") \
                    and (i + 2 < n and lows[i + 2] == "than" or _more_ends(doc, k, words, lows, i + 1, ctx)):
                yield from _more_short(doc, k, words, lows, i, r["MT569"])
            elif r["MT570"] and lw in _FROM_ING_FORMS and i + 3 < n \
                    and "to" in lows[i + 2:i + 5]:
                yield from _from_ing(doc, k, words, lows, i, r["MT570"])
            elif r["MT570"] and nxt == "to" and i + 2 < n and (
                    lexicon.lemmas(lw).get("VERB", ("",))[0] in _set(ctx, "gerund_verbs") or lw in ("worth", "capable")
                    or lexicon.lemmas(lw).get("VERB", ("",))[0] in _GERUND_PREPOSITIONS):
                yield from _gerund(doc, k, words, lows, i, r["MT570"])
            elif r["MT571"] and lw == "used" and i + 2 < n and nxt == "to" and i > 1:
                yield from _used_to(doc, k, words, lows, i, r["MT571"])
            elif r["MT572"] and lw in _set(ctx, "indefinite_pronouns") and nxt in _PLURAL_VERBS \
                    and _plain(text, words[i], words[i + 1]) and words[i + 1].text.islower():
                yield from _indefinite(doc, k, words, lows, i, r["MT572"], ctx)
            elif r["MT572"] and lw in _set(ctx, "indefinite_pronouns") and i + 1 < n \
                    and _plain(text, words[i], words[i + 1]) and words[i + 1].text.islower():
                yield from _indefinite_plain(doc, k, words, lows, i, r["MT572"], ctx)
            elif r["MT573"] and lw == "number" and i > 0 and lows[i - 1] == "the" and nxt == "of":
                yield from _number_of(doc, k, words, lows, i, r["MT573"])
            elif r["MT574"] and lw == "less" and words[i].text in ("less", "Less") and i + 1 < n:
                yield from _less(doc, k, words, lows, i, r["MT574"], ctx)
            elif r["MT575"] and lw == "interesting" and i > 0 and nxt == "in" \
                    and words[i].text == "interesting":
                yield from _interested(doc, words, lows, i, r["MT575"])
            elif r["MT584"] and (lw in _PREP_ING or lw in _CONJ_ING) and i + 1 < n and words[i].text[1:].islower() \
                    and (i + 2 < n and lows[i + 2] in _OBJECT_START or lw in _BARE_OBJECT_PREPS and _bare_verb(nxt)):
                yield from _prep_bare_verb(doc, k, words, lows, i, r["MT584"], ctx)
            elif r["MT588"] and lw in _BE_AUX and nxt in _INTRANSITIVE_PP and i > 0 \
                    and _plain(text, words[i], words[i + 1]) and words[i + 1].text.islower():
                yield r["MT588"].issue(words[i].start, words[i].end, _HAVE_FOR_BE[lw],
                                       word=text[words[i].start:words[i + 1].end])
            elif r["MT589"] and lw in ("who", "that", "which") and 1 < i and i + 1 < n \
                    and _plain(text, words[i - 1], words[i]) and _plain(text, words[i], words[i + 1]) \
                    and words[i + 1].text.islower() and _plain_verb(lows[i + 1]):
                yield from _relative_agreement(doc, k, words, lows, i, r["MT589"], ctx)
            elif r["MT590"] and lw in _MODALS_Q and i + 2 < n and lows[i + 1] in _Q_SUBJECTS \
                    and (i == 0 or lows[i - 1] in _WH_WORDS or not words[i - 1].text.isalpha()) \
                    and _plain(text, words[i], words[i + 1]) and _plain(text, words[i + 1], words[i + 2]):
                yield from _question_form(doc, k, words, lows, i, r["MT590"])
            elif r["MT595"] and lw in _HAVE_AUX and i + 1 < n and words[i].text[1:].islower():
                yield from _have_plain(doc, k, words, lows, i, r["MT595"], ctx)
            elif r["MT596"] and lw == "to" and 0 < i and i + 1 < n and lows[i - 1] in _TO_INFINITIVE_BEFORE:
                yield from _to_form(doc, k, words, lows, i, r["MT596"])
            elif r["MT540"] and lw in _TIME_CONJUNCTIONS and i + 3 < n:
                yield from _future_in_time_clause(doc, k, words, lows, i, r["MT540"], ctx)
            elif r["MT599"] and lw in _BE_BEFORE_VERB and i + 1 < n and words[i].text[1:].islower():
                yield from _be_finite(doc, k, words, lows, i, r["MT599"])
            elif r["MT535"] and i == 0 and lw in ("who", "what") and n > 2:
                yield from _wh_agreement(doc, k, words, lows, r["MT535"])
            elif r["MT598"] and (lw in _MANY_WORDS or lw.isdigit()) and i + 1 < n:
                yield from _apostrophe_plural(doc, k, words, lows, i, r["MT598"])
            elif r["MT591"] and lw in _DO_AUX and i + 1 < n and words[i].text[1:].islower():
                yield from _do_form(doc, k, words, lows, i, r["MT591"])
            elif (r["MT592"] or r["MT579"]) and lw in _MODALS_NO_BE and 0 < i and i + 1 < n \
                    and _plain(text, words[i], words[i + 1]):
                got = list(_adjective_for_adverb(doc, k, words, lows, i, r["MT592"])) \
                    if r["MT592"] and lw in _MODALS_Q and i + 2 < n and _plain(text, words[i + 1], words[i + 2]) else []
                if not got and r["MT579"] and lows[i - 1] not in _NOMINATIVE:
                    got = list(_noun_modal_no_be(doc, k, words, lows, i, r["MT579"], ctx))
                yield from got
            elif r["MT593"] and lw == "much" and words[i].text == "much" and i + 1 < n:
                yield from _much_plural(doc, k, words, lows, i, r["MT593"], ctx)
            elif r["MT594"] and lw in _SUPERLATIVE_BEFORE and i + 2 < n and words[i].text[1:].islower() \
                    and _plain(text, words[i], words[i + 1]):
                yield from _superlative_article(doc, k, words, lows, i, r["MT594"])
            elif r["MT576"] and lw == "very" and nxt == "much" and i > 0 and i + 2 < n:
                yield from _very_much(doc, k, words, lows, i, r["MT576"])
            elif r["MT579"] and lw in _PRONOUN_MODAL and i + 1 < n:
                yield from _contracted_modal_no_be(doc, k, words, lows, i, r["MT579"], ctx)
            elif r["MT579"] and lw in _COPULA and i + 1 < n and (words[i].text[1:].islower() or words[i].text == "I") \
                    and _clause_start(text, words, lows, i) and _plain(text, words[i], words[i + 1]):
                yield from _no_copula(doc, k, words, lows, i, r["MT579"], ctx)
            elif r["MT580"] and lw in _CAUSATIVE and i + 3 < n and lows[i + 2] == "to" and lows[i + 1] in _OBJ:
                yield from _causative_to(doc, k, words, lows, i, r["MT580"])
            elif r["MT581"] and lw in _THINK and i + 2 < n and i > 0 and lows[i - 1] in _NOMINATIVE \
                    and lows[i + 1] in ("is", "was") and (i == 1 or lows[i - 2] in ("and", "but", "so", "because")
                                                          or _clause_start(text, words, lows, i - 1) and lows[i - 2] not in _OPENERS) \
                    and _plain(text, words[i], words[i + 1]):
                verb = words[i + 1]
                yield r["MT581"].issue(verb.start, verb.end, f"it {verb.text}", word=verb.text,
                                       suggestions=[f"that {verb.text}"])


_NEXT_TRIGGERS = frozenset("to that if whether year".split())


@lru_cache(maxsize=8)
def _first_words(reg: Registry) -> frozenset[str]:
    """Every word at which a rule of this family may start (its cheap test)."""
    keys = ("plural_quantifiers", "mass_quantifiers", "bare_quantifiers", "mass_nouns", "short_adjectives",
            "indefinite_pronouns")
    return _STATIC_FIRST.union(*(_words(reg, FAMILY, key) for key in keys))


def _clause_start(text: str, words: Sequence[Token], lows: list[str], i: int) -> bool:
    """``syntax``'s clause start, with this family's openers (which include "that")."""
    return syntax_clause_start(text, words, lows, i, _OPENERS)


def _quantity_singular(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                       ctx: Context, strict: bool) -> Iterator[Issue]:
    """MT564: "one of the best student", "a lot of thing": a quantity of countable things
    wants the plural. After "one/each/several ... of the" always; after "a lot of", "most of
    the" only where the bigram model prefers the plural too ("a lot of time" is right)."""
    if i > 0 and lows[i - 1] in ("the", "this", "that", "which", "no") and lows[i] == "one":
        return   # "the one of the house": a pronoun
    if lows[i] in ("couple", "number", "range", "bunch", "variety", "majority", "lot") \
            and (i == 0 or lows[i - 1] != "a"):
        return   # "the atomic number of the nucleus": a noun of its own
    j = i + 2
    if lows[j] in _DETS:
        j += 1
    elif lows[i] in _set(ctx, "det_quantifiers"):
        return   # "one of reasons" is MT565's
    if not any(_plural_of(w) for w in lows[j:j + 4]):
        return   # the cheap test: no singular countable noun near
    tags = doc.word_tags(k)
    mods = 0
    while j < len(words) and mods < 3 and tags[j] in _MODIFIER_TAGS and lows[j] not in _QUANTITY_ADJ:
        j += 1
        mods += 1
    if j >= len(words) or tags[j] != "NN" or lows[j] in _QUANTITY_ADJ or lows[j] in _set(ctx, "not_plural") \
            or (not strict and mods):
        return
    if j + 1 < len(words) and (lows[j + 1] in ("and", "or", "&") or tags[j + 1] in ("VBN", "VBG")):
        return   # "a range of book and gift tokens", "one of the battery powered ones"
    tok = words[j]
    noun = lows[j]
    if not tok.text.isalpha() or not tok.text.islower() or not _after_noun_ok(doc, words, tags, j):
        return
    noun_pl = _plural_of(noun)
    if noun_pl is None:
        return
    if noun in _set(ctx, "collective_nouns", "syntax") or noun in _set(ctx, "uncountable_singulars", "syntax"):
        return   # "one of the family", "one of the staff"
    if not strict:
        prev = lows[j - 1]
        after = lows[j + 1] if j + 1 < len(words) and words[j + 1].text.isalpha() else None
        margin = float((ctx.registry.data(FAMILY, "margins", {}) or {}).get("MT564", 1.0)) if ctx.registry else 1.0
        if _context_lp(prev, noun_pl, after) - _context_lp(prev, noun, after) < margin:
            return
    if doc.segment.is_protected(tok.start, tok.end):
        return
    quant = doc.text[words[i].start:words[i + 1].end]
    yield rule.issue(tok.start, tok.end, noun_pl, word=tok.text, quant=quant)


# Adjectives that count or pick out, as a determiner does: "one of many reasons", "some of
# several options" are right.
_COUNTING_ADJECTIVES = frozenset("many few several various numerous other different multiple countless "
                                 "such more most less fewer own same certain last next first".split())


def _bare_plural(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                 ctx: Context) -> Iterator[Issue]:
    """MT565: "most of people", "each of students": "of" before a bare plural."""
    if i > 0 and lows[i - 1] in ("a", "the"):
        return
    j = i + 2
    tags = None
    if not (lows[j] in _PLURAL_NOUNS or lexicon.noun_number(lows[j]) == "pl"):
        # up to two adjectives before the noun: "some of minor bugs", "most of small firms"
        tags = doc.word_tags(k)
        while j < min(len(words) - 1, i + 4) and tags[j] in ("JJ", "JJR", "JJS") and lows[j] not in _COUNTING_ADJECTIVES \
                and words[j].text.isalpha() and words[j].text.islower() and _plain(doc.text, words[j - 1], words[j]):
            j += 1
    w = lows[j]
    if not words[j].text.isalpha() or not words[j].text.islower() \
            or not (w in _PLURAL_NOUNS or lexicon.noun_number(w) == "pl") \
            or (w in _set(ctx, "a_plurals", "syntax") and w not in _PLURAL_NOUNS) or w in _set(ctx, "not_bare"):
        return
    tags = tags or doc.word_tags(k)
    if tags[j] != "NNS" or not _after_noun_ok(doc, words, tags, j):
        return
    of = words[i + 1]
    phrase = doc.text[words[i + 2].start:words[j].end]
    if lows[i] in _set(ctx, "det_quantifiers"):
        yield rule.issue(of.start, of.end, "of the", word=doc.text[words[i].start:words[j].end],
                         suggestion=f"{words[i].text} of the {phrase}")
    else:
        yield rule.issue(words[i].start, of.end, words[i].text, suggestions=[f"{words[i].text} of the"],
                         word=doc.text[words[i].start:words[j].end],
                         suggestion=f"{words[i].text} {phrase}")


def _this_plural(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                 ctx: Context) -> Iterator[Issue]:
    """MT566: "this students", "this days": "this" before a plural noun."""
    j = i + 1
    w = lows[j]
    if not _plain(doc.text, words[i], words[j]) or not words[j].text.isalpha() or not words[j].text.islower():
        return
    if lexicon.noun_number(w) != "pl" or "VERB" in lexicon.lemmas(w) or w in _set(ctx, "a_plurals", "syntax"):
        return
    if j + 1 < len(words) and lows[j + 1] in ("ago", "past", "before", "earlier", "later"):
        return   # "I did this years ago"
    if j + 1 < len(words) and lows[j + 1] in ("now", "ago", "later", "earlier", "back"):
        return   # "working on this months now": "this" is the object
    tags = doc.word_tags(k)
    if tags[j] != "NNS" or not _after_noun_ok(doc, words, tags, j):
        return
    if i > 0 and tags[i - 1] == "IN" and j + 1 < len(words) and tags[j + 1][:2] == "VB":
        return   # "After this descendants arrived": "this" ends a phrase
    yield rule.issue(words[i].start, words[i].end, _cased(words[i].text, "these"),
                     word=doc.text[words[i].start:words[j].end])


def _subject_agreement(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                       verbs: dict[str, str] = _SINGULAR_VERBS) -> Iterator[Issue]:
    """MT567 "people has", "the children is" (plural nouns without -s, ``verbs`` singular to
    plural) and MT586 "the money were" (mass nouns, ``verbs`` plural to singular): the noun heads
    a subject that opens a clause, with only determiners and adjectives before it."""
    before = lows[max(0, i - 3):i]
    if "of" in before or (i > 0 and (lows[i - 1] in _COUNTS or words[i - 1].text[:1].isdigit())):
        return   # "the number of people is", "a people", "5 people is enough"
    if i > 0 and not words[i].text.islower():
        return
    if lows[i] == "people" and i > 1 and words[i - 1].text[:1].isupper():
        return   # "The English people believes itself free": a nation, a singular collective
    m = i
    while m > 0 and i - m < 3 and not _clause_start(doc.text, words, lows, m):
        m -= 1
    if not _clause_start(doc.text, words, lows, m):
        return   # "Meeting people is hard", "the gap between rich people and poor people is"
    tags = doc.word_tags(k)
    if any(t not in _SUBJECT_MODIFIERS for t in tags[m:i]) or (m < i and lows[m] in _OPENERS) \
            or "no" in lows[m:i] or (m > 0 and lows[m - 1] == "so" and lows[m] in ("many", "much")):
        return   # "How many people is too many?", "What people is he talking about?"
    verb = words[i + 1]
    yield rule.issue(verb.start, verb.end, verbs[lows[i + 1]], word=verb.text, subject=words[i].text)


def _it_plain(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
              apostrophe_less: frozenset[str] = frozenset()) -> Iterator[Issue]:
    """MT568: "It make me happy", "because it work": "it"/"this" opening a clause, then a
    verb's plain form."""
    j = i + 1
    if lows[j] in _MID and j + 1 < len(words):
        j += 1
    tok = words[j]
    w = lows[j]
    if not tok.text.isalpha() or not tok.text.islower() or not _plain(doc.text, words[j - 1], tok):
        return
    found = lexicon.lemmas(w).get("VERB")
    if not found or found[0] != w or w in ("be", "need", "dare"):
        return
    forms = lexicon.inflections(w, "VERB")
    if w in forms.get("VBD", ()) or not forms.get("VBZ") or w in apostrophe_less:
        return   # "It cost $5", "It put": a past tense; "it cant": MT104's
    if any(w in _SUBJUNCTIVE for w in lows[:i]):
        return
    tags = doc.word_tags(k)
    if tags[j] not in ("VBP", "VB") or tags[i] not in ("PRP", "DT"):
        return
    if lows[i] == "this" and "NOUN" in lexicon.lemmas(w):
        return   # "this make of car"
    if j + 1 < len(words) and tags[j + 1] in ("VBZ", "VBD", "MD") and "NOUN" in lexicon.lemmas(w):
        return   # "it volume goes up": a noun with its own verb (MT597's)
    yield rule.issue(tok.start, tok.end, forms["VBZ"][0], word=tok.text, subject=words[i].text)


# After "than", words that name a standard, not a second quality: "more cheap than expected".
_THAN_STANDARDS = frozenset("expected anticipated planned predicted usual necessary needed required "
                            "possible normal average before ever".split())


# After "more" + a short adjective with no "than", where the adjective ends its phrase: a stop,
# or one of these words ("to be more easy to use", "much more easy for us"). Not a comma, "and"
# or "or", which may share "more" with a long adjective ("more easy and flexible").
_MORE_END_WORDS = frozenset("to for when if because in at on with".split())


def _more_ends(doc: Doc, k: int, words: Sequence[Token], lows: list[str], j: int, ctx: Context) -> bool:
    """Whether the short adjective at ``j`` after "more" ends its phrase ("arrive more late.",
    "it seems much more easy."), so "more" compares it; not a noun it may be ("more light"),
    listed as ``more_nouns``."""
    text = doc.text
    if lows[j] in _set(ctx, "more_nouns") or j > 1 and lows[j - 2] == "the":
        return False   # "all the more happy", "the more late it gets, ..."
    rest = text[words[j].end:words[j + 1].start if j + 1 < len(words) else len(text)].strip()
    if rest == "," and j + 1 < len(words):   # not a list of qualities: "more easy, efficient, and ..."
        return not doc.word_tags(k)[j + 1].startswith(("JJ", "RB", "VBN"))
    if rest:
        return rest[0] in ".;:!?)"
    return j + 1 == len(words) or lows[j + 1] in _MORE_END_WORDS


def _more_short(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT569: "more easy than": a short adjective's comparative is one word."""
    adj = words[i + 1]
    if not _plain(doc.text, words[i], adj) or not adj.text.islower():
        return
    if i + 3 < len(words):
        tags = doc.word_tags(k)
        nxt = lows[i + 3]
        if nxt not in _THAN_STANDARDS and (
                tags[i + 3] in ("JJ", "VBN") and not (i + 4 < len(words) and tags[i + 4].startswith("NN"))
                or tags[i + 3] == "RB" and nxt.endswith("ly")):
            return   # "more dead than alive", "more brave than wisely": two qualities compared;
            # not "more cheap than last year", "more easy than before"
    forms = lexicon.inflections(lows[i + 1], "ADJ")
    jjr = (forms.get("JJR") or ("",))[0]
    if not jjr or jjr.startswith("more"):
        return
    yield rule.issue(words[i].start, adj.end, jjr, word=doc.text[words[i].start:adj.end])


# Verbs (and "capable") that take a preposition and -ing where MT writes "to": "He dreams to
# become a pilot" -> "dreams of becoming".
_GERUND_PREPOSITIONS = {"dream": "of", "succeed": "in", "insist": "on", "capable": "of"}


# Verbs that take an object and "from" + -ing where MT writes "to": "prevent users to access".
# Not "stop" ("stopped me to ask the way" is a purpose), "keep", "forbid" (which takes "to").
_FROM_ING_FORMS = frozenset("prevent prevents prevented preventing prohibit prohibits prohibited prohibiting "
                            "discourage discourages discouraged discouraging hinder hinders hindered hindering "
                            "deter deters deterred deterring restrain restrains restrained restraining".split())


def _from_ing(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT570: "It prevents users to access the file" -> "from accessing": an object of at most
    three words (a pronoun, or a determiner and a noun the tagger reads as one), then "to" and a
    verb's plain form."""
    t = lows.index("to", i + 2)
    if t > i + 4 or t + 1 >= len(words) or not all(_plain(doc.text, words[m - 1], words[m]) for m in range(i + 1, t + 2)):
        return
    tags = doc.word_tags(k)
    obj = list(tags[i + 1:t])
    if tags[i] not in ("VB", "VBP", "VBZ", "VBD", "VBG") \
            or t + 2 < len(words) and tags[t + 2] in ("NN", "NNS"):
        return   # "prohibited airspace", "those pay to win people": not the verb and its object
    if not (obj == ["PRP"] or obj == ["NNS"] and lows[i].startswith("prevent") or len(obj) in (2, 3) and obj[0] in ("DT", "PRP$") and obj[-1] in ("NN", "NNS")
            and all(x in ("JJ", "NN") for x in obj[1:-1])):
        return
    verb = words[t + 1]
    found = lexicon.lemmas(lows[t + 1]).get("VERB")
    if not found or found[0] != lows[t + 1] or tags[t + 1] != "VB" or not verb.text.islower():
        return
    ing = (lexicon.inflections(found[0], "VERB").get("VBG") or ("",))[0]
    if ing:
        yield rule.issue(words[t].start, verb.end, f"from {ing}", word=doc.text[words[i].start:verb.end],
                         verb=words[i].text)


def _gerund(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT570: "enjoy to play", "avoid to answer", "worth to mention": these take -ing; "dream
    to become", "succeeded to finish", "insisted to pay", "capable to do" take "of"/"in"/"on"
    and -ing."""
    verb = words[i + 2]
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[i + 1], verb) \
            or not _plain(doc.text, words[i], words[i + 1]):
        return
    found = lexicon.lemmas(lows[i + 2]).get("VERB")
    if not found or found[0] != lows[i + 2]:
        return
    ing = (lexicon.inflections(found[0], "VERB").get("VBG") or ("",))[0]
    if not ing:
        return
    tags = doc.word_tags(k)
    if tags[i + 2] != "VB" or (lows[i] not in ("worth", "capable") and tags[i] not in ("VB", "VBP", "VBZ", "VBD", "VBN")):
        return
    prep = _GERUND_PREPOSITIONS.get("capable" if lows[i] == "capable" else lexicon.lemmas(lows[i]).get("VERB", ("",))[0])
    if tags[i] == "VBN" and not prep:
        return
    yield rule.issue(words[i + 1].start, verb.end, f"{prep} {ing}" if prep else ing,
                     word=doc.text[words[i].start:verb.end], verb=words[i].text)


def _used_to(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT571: "I am used to get up early": "be/get used to" takes -ing (a noun phrase)."""
    m = i - 1
    if lows[m] in ("not", "so", "really", "quite", "already", "still") and m > 0:
        m -= 1   # "I am not used to", "we are so used to"
    be, subj = lows[m], lows[m - 1] if m > 0 else ""
    personal = be in ("i'm", "we're") or subj in _BE_FIRST and be in _BE_FIRST[subj]
    getting = be in _GET
    if not (personal or getting):
        return
    verb = words[i + 2]
    w = lows[i + 2]
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[i + 1], verb):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] != w or (getting and "NOUN" in found):
        return   # "get used to work": the workplace
    ing = (lexicon.inflections(w, "VERB").get("VBG") or ("",))[0]
    if not ing or doc.word_tags(k)[i + 2] != "VB":
        return
    yield rule.issue(verb.start, verb.end, ing, word=verb.text)


def _indefinite(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                ctx: Context) -> Iterator[Issue]:
    """MT572: "Everyone are", "Nothing have changed": these pronouns are singular."""
    if i > 0 and lows[i - 1] in _set(ctx, "not_before_indefinite"):
        return   # "Does anyone have", "let everyone have": the verb is a plain infinitive
    if not _clause_start(doc.text, words, lows, i) or (i > 0 and lows[i - 1] == "that"):
        return   # "the odds of it damaging anything are"; "important that everyone have" (subjunctive)
    if i == 0 and lows[i + 1] == "have" and (_ending(doc, k).endswith("?") or _wish(lows, i)):
        return   # "Anyone have a recipe?" ("Does" left out), "Everyone have a good summer." (a wish)
    verb = words[i + 1]
    yield rule.issue(verb.start, verb.end, _PLURAL_VERBS[lows[i + 1]], word=verb.text, subject=words[i].text)


def _ending(doc: Doc, k: int) -> str:
    """Sentence ``k``'s text without trailing space (its end mark last)."""
    sent = doc.sentences[k]
    return doc.text[sent.start:sent.end].rstrip()


def _wish(lows: list[str], i: int) -> bool:
    """"Everyone have a good summer", "Everybody have fun": a wish, not a statement."""
    return lows[i] in ("everyone", "everybody") and (
        lows[i + 2:i + 3] == ["fun"] or i + 3 < len(lows) and lows[i + 2] in ("a", "an") and lows[i + 3] in _WISHES)


_WISHES = frozenset("good great nice wonderful safe happy lovely fantastic blast merry pleasant".split())
_INDEFINITE_ADVERBS = frozenset("else usually always often never really also still sometimes".split())
# Verbs hardly ever said as an order to "somebody"/"everybody": "Everybody know that ..." is no imperative.
_STATIVE_VERBS = frozenset("know like love hate want need think believe understand agree remember prefer seem "
                           "wish feel mean own deserve".split())


def _indefinite_plain(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                      ctx: Context) -> Iterator[Issue]:
    """MT572: "Everybody hate bad news", "If someone want to join": a plain verb after a
    singular indefinite pronoun. Opening a sentence only a verb hardly ever given as an order,
    or with an adverb between ("Somebody usually enter"): "Somebody call a doctor." and
    "Everybody stand up!" are imperatives."""
    if i > 0 and lows[i - 1] in _set(ctx, "not_before_indefinite"):
        return
    if not _clause_start(doc.text, words, lows, i) or (
            i > 0 and lows[i - 1] in ("that", "lest")
            and not (lows[i - 1] == "that" and i > 1 and doc.word_tags(k)[i - 2] in ("NN", "NNS"))):
        return   # "insist that everyone attend" (subjunctive); not "a recipe that everybody love"
    j = i + 1
    for _ in range(2):
        if lows[j] in _INDEFINITE_ADVERBS and j + 1 < len(words) and _plain(doc.text, words[j], words[j + 1]):
            j += 1
    w = lows[j]
    tok = words[j]
    if not tok.text.isalpha() or not tok.text.islower() or w in _PLURAL_VERBS or w in ("be", "need", "dare"):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] != w or "ADJ" in found:
        return
    forms = lexicon.inflections(w, "VERB")
    third = (forms.get("VBZ") or ("",))[0]
    if not third or third == w:
        return
    tags = doc.word_tags(k)
    if tags[j] not in ("VBP", "VB", "NN"):
        return   # (the tagger reads "Everybody hate" as a compound: no noun follows these pronouns)
    ending = _ending(doc, k)
    imperative_spot = not lows[i].endswith("thing") and (i == 0 or lows[i - 1] in ("and", "so", "but"))
    if ending.endswith("?") and i == 0:
        return   # "Anyone know a release date?": "Does" left out, as chat does
    adverb = any(lows[x] != "else" for x in range(i + 1, j))
    if imperative_spot and (ending.endswith("!") or not adverb and w not in _STATIVE_VERBS):
        return   # "Somebody call a doctor.", "Everybody stand up!"
    if "NOUN" in found and j + 1 < len(words) and tags[j + 1].startswith(("VB", "MD")):
        return   # "everything change is ..."; a noun, not the verb
    yield rule.issue(tok.start, tok.end, third, word=tok.text, subject=words[i].text)


def _number_of(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT573: "The number of cars are increasing": the subject is "number"."""
    if i > 1 and lows[i - 2] in ("in", "on", "at", "to", "by", "of", "for", "with", "from", "about", "is", "was"):
        return   # the phrase is an object, not the subject
    for j in range(i + 2, min(len(words), i + 8)):
        w = lows[j]
        if w in ("who", "that", "which", "whose", "where", "when", ",", "and", "or"):
            return
        if not words[j].text.replace("-", "").isalnum():
            return
        if w in _PLURAL_VERBS and j > i + 2:
            tags = doc.word_tags(k)
            if any(t.startswith("VB") or t == "MD" for t in tags[i + 2:j]):
                return
            verb = words[j]
            yield rule.issue(verb.start, verb.end, _PLURAL_VERBS[w], word=verb.text)
            return


def _less(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule, ctx: Context) -> Iterator[Issue]:
    """MT574: "less friends": a countable plural takes "fewer"."""
    j = i + 1
    w = lows[j]
    if not _plain(doc.text, words[i], words[j]) or not words[j].text.isalpha() or not words[j].text.islower():
        return
    if i > 0 and (lows[i - 1] in ("more", "or", "much", "no", "nothing", "any", "little", "%", "far")
                  or words[i - 1].text[-1:].isdigit()):
        return   # "more or less", "no less", "a little less points", "85% less bananas"
    if lexicon.noun_number(w) != "pl" \
            or w in _set(ctx, "a_plurals", "syntax") or w in _set(ctx, "not_fewer"):
        return
    tags = doc.word_tags(k)
    if tags[j] != "NNS" or not _after_noun_ok(doc, words, tags, j):
        return
    yield rule.issue(words[i].start, words[i].end, _cased(words[i].text, "fewer"),
                     word=doc.text[words[i].start:words[j].end])


def _interested(doc: Doc, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT575: "I am interesting in music": the person is interested."""
    j = i - 1
    if lows[j] in _MID or lows[j] in ("very", "so", "not", "more", "most", "really", "quite"):
        j -= 1
    if j < 0:
        return
    subj, be = lows[j - 1] if j > 0 else "", lows[j]
    if not (subj in _BE_FIRST and be in _BE_FIRST[subj]) and be not in ("i'm", "we're"):
        return
    tok = words[i]
    yield rule.issue(tok.start, tok.end, "interested", word=tok.text)


def _very_much(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT576: "I liked very much the film": English puts "very much" after the object."""
    verb = lows[i - 1]
    found = lexicon.lemmas(verb).get("VERB")
    if not found or found[0] not in ("like", "love", "enjoy", "appreciate", "thank", "admire", "hate"):
        return
    obj = lows[i + 2]
    if obj not in _DETS | {"this", "it", "them", "him", "her", "you", "us", "me", "a", "an"}:
        return   # not "that": "I appreciate very much that you came"
    yield rule.issue(words[i].start, words[i + 1].end, None, word=doc.text[words[i - 1].start:words[i + 1].end])


def _lower_i(doc: Doc, words: Sequence[Token], lows: list[str], i: int, rule, ctx: Context) -> Iterator[Issue]:
    """MT577: "i think", "i'm": the pronoun is a capital. Only before a word a pronoun subject
    takes ("i think", "i was"), never a variable ("for i in", "where i is the index")."""
    tok = words[i]
    text = doc.text
    if tok.text != "i":
        if lows[i] not in ("i'm", "i've", "i'll", "i'd"):
            return
    else:
        if i + 1 >= len(words) or lows[i + 1] not in _set(ctx, "after_i") or not _plain(text, tok, words[i + 1]):
            return
    before = text[tok.start - 1:tok.start] if tok.start else ""
    after = text[tok.end:tok.end + 1]
    if before and before not in " \t\n\"“(" or before == "(" and after == ")":
        return   # "a[i]", "(i)"
    if doc.segment.is_protected(tok.start, tok.start + 1):
        return
    yield rule.issue(tok.start, tok.start + 1, "I", word=tok.text)


@lru_cache(maxsize=8)
def _intro_table(reg: Registry) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(p).lower().split()) for p in reg.data(FAMILY, "introductory_phrases", []) or [])


def _intro_phrases(ctx: Context) -> tuple[tuple[str, ...], ...]:
    return () if ctx.registry is None else _intro_table(ctx.registry)


def _introductory(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule,
                  phrases: tuple[tuple[str, ...], ...]) -> Iterator[Issue]:
    """MT578: "However it is cheap", "In my opinion it is": a sentence adverb or transition
    opening the sentence is followed by a comma when a clause follows."""
    text = doc.text
    if not any(p[0] == lows[0] for p in phrases):
        return
    for p in phrases:
        m = len(p)
        if tuple(lows[:m]) != p or m + 2 >= len(words):
            continue
        last, nxt = words[m - 1], words[m]
        if not _plain(text, last, nxt) or any(not _plain(text, words[j], words[j + 1]) for j in range(m - 1)):
            return
        tags = doc.word_tags(k)
        if tags[m] not in _CLAUSE_OPENERS_TAGS or lows[m] in ("as", "that") \
                or (p == ("however",) and lows[m] in _WH_SUBJECTS_HOWEVER) \
                or (p[-1] == "all" and tags[m] in ("NN", "NNS", "DT")):
            return   # "However hard he tries", "However you look at it", "First of all animals"
        if not any(t[:2] in ("VB", "MD") for t in tags[m:]):
            return   # no clause follows: "For example the cost."
        yield rule.issue(words[0].start, last.end, text[words[0].start:last.end] + ",",
                         word=text[words[0].start:last.end])
        return


_COPULA = {"i": "am", "he": "is", "she": "is", "it": "is", "we": "are", "they": "are"}
_NOMINATIVE = frozenset(_COPULA)
_CAUSATIVE = frozenset("let lets letting make makes made making".split())
_OBJ = frozenset("me him her us them you it everyone everybody people".split())
_THINK = frozenset("think thought believe believed guess suppose feel felt hope know knew".split())
# Adverbs that may stand between a pronoun and an -ing form: "It still happening".
_MID_BEFORE_ING = frozenset("still just always also really now already".split())
_DEGREE = frozenset("very so really too not always still also quite extremely".split())


def _no_copula(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
               ctx: Context) -> Iterator[Issue]:
    """MT579: "They very happy", "He happy with it": a pronoun subject and an adjective with
    no verb between."""
    j = i + 1
    if lows[j] in _MODALS_NO_BE and j + 1 < len(words):
        yield from _modal_no_be(doc, k, words, lows, i, rule, ctx)
        return
    if lows[j] in _DEGREE and j + 1 < len(words):
        j += 1
    if not words[j].text.isalpha() or not words[j].text.islower() or lows[j] in _set(ctx, "not_predicative"):
        return
    if lows[i + 1] == "not" and j == i + 1 + 1 and lows[i] != "i":
        got = list(_not_participle(doc, k, words, lows, i, j, rule))
        yield from got
        if got or "ADJ" not in lexicon.lemmas(lows[j]) or lows[j].endswith("ing"):
            return   # else "so it not possible to query": an adjective after "not"
    if (j == i + 1 or lows[j - 1] in _MID_BEFORE_ING) and lows[j].endswith("ing") \
            and lows[j] not in ("being", "having", "according", "nothing", "something", "everything", "anything"):
        tags = doc.word_tags(k)
        if tags[i] == "PRP" and tags[j] == "VBG":
            tok = words[i]
            yield rule.issue(tok.start, tok.end, f"{tok.text} {_COPULA[lows[i]]}", word=tok.text,
                             suggestions=[f"{tok.text} {'was' if _COPULA[lows[i]] != 'are' else 'were'}"])
            return
        if tags[j] != "JJ":
            return   # else an adjective in -ing: "She amazing"
    if lows[j] in ("a", "an", "the") and j == i + 1 and lows[i] in ("he", "she", "it"):
        yield from _no_copula_noun(doc, k, words, lows, i, rule)
        return
    if "ADJ" not in lexicon.lemmas(lows[j]):
        return   # the cheap test before the tags
    tags = doc.word_tags(k)
    adjective = tags[j] == "JJ" or tags[j] in ("VBD", "VBN") and set(lexicon.lemmas(lows[j])) == {"ADJ"}
    if not adjective or tags[i] != "PRP" or (j + 1 < len(words) and tags[j + 1][:2] in ("NN", "VB", "JJ")):
        return   # "We happy few", "I sure hope"; the tagger's "He afraid/VBD" is an adjective
    able_to = lows[j] in ("able", "unable") and j + 1 < len(words) and lows[j + 1] == "to"
    to = next((m for m in range(j + 1, len(words)) if tags[m] == "TO"), len(words))
    if not able_to and any(t[:2] in ("VB", "MD") for t in tags[j + 1:to]) \
            and not any(w in ("and", "but", "because", "so", "when", "if") for w in lows[j + 1:]):
        return   # a verb later in the clause (not in an infinitive: "It so funny to watch him play")
    tok = words[i]
    be = _COPULA[lows[i]]
    yield rule.issue(tok.start, tok.end, f"{tok.text} {be}", word=tok.text,
                     suggestions=[f"{tok.text} {'was' if be != 'are' else 'were'}"])


# The degree words MT579 passes between a pronoun and its adjective, with "never" and not "still".
_DEGREE_AFTER_MODAL = (_DEGREE - {"still"}) | {"never"}


def _predicative_adjective(doc: Doc, k: int, words: Sequence[Token], lows: list[str], first: int, start: int,
                           ctx: Context, worth: bool = False) -> int | None:
    """The index of the adjective MT579 wants a "be" before, at ``start`` or after one degree
    word there, or None: only words the lexicon knows as adjectives and never as verbs or
    nouns ("It would cool" and "you can custom" are left alone; with ``worth``, "worth" too),
    read as adjectives by the tagger, with no noun, adjective or verb right after them. Every
    gap from ``first`` on is a plain space."""
    j = start
    if lows[j] in _DEGREE_AFTER_MODAL and j + 1 < len(words):
        j += 1
    w = lows[j]
    if not words[j].text.isalpha() or not words[j].text.islower() or w in _set(ctx, "not_predicative"):
        return None
    if not all(_plain(doc.text, words[x], words[x + 1]) for x in range(first, j)):
        return None
    found = lexicon.lemmas(w)
    is_worth = worth and w == "worth"
    if not is_worth and ("ADJ" not in found or {"VERB", "ADV"} & set(found)
                         or "NOUN" in found and not w.endswith(_ADJECTIVE_ENDINGS)):
        return None   # a noun reading only with an adjective's ending: "will possible", not "can custom"
    tags = doc.word_tags(k)
    if not (tags[j].startswith("JJ") or is_worth) or j + 1 < len(words) and tags[j + 1][:2] in ("NN", "JJ", "VB") \
            and not (lows[j + 1] in ("next", "last") and j + 2 < len(words) and lows[j + 2] in _TIME_NOUNS):
        return None   # not "could arguable endanger" (an adverb's slip), "will significant benefits"
    return j


def _modal_no_be(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                 ctx: Context) -> Iterator[Issue]:
    """MT579: "I will happy", "It would very helpful", "It will worth it": a pronoun, a modal and
    an adjective with no "be"."""
    m = i + 1
    if doc.word_tags(k)[m].split("+")[0] != "MD" or _predicative_adjective(doc, k, words, lows, i, m + 1, ctx, worth=True) is None:
        return
    modal = words[m]
    yield rule.issue(modal.start, modal.end, f"{modal.text} be", word=modal.text)


def _noun_modal_no_be(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                      ctx: Context) -> Iterator[Issue]:
    """MT579: "The system will available next week", "You should careful": a noun or "you"
    subject, a modal and an adjective with no "be" (pronouns with a copula are
    ``_modal_no_be``'s)."""
    if not words[i].text.islower() or not words[i - 1].text.isalpha():
        return
    if _predicative_adjective(doc, k, words, lows, i - 1, i + 1, ctx) is None:
        return   # the tags come first there, then only for an adjective-only word
    tags = doc.word_tags(k)
    if tags[i].split("+")[0] != "MD" or tags[i - 1] not in ("NN", "NNS", "NNP", "NNPS", "PRP", "DT") \
            or tags[i - 1] == "PRP" and lows[i - 1] != "you" or tags[i - 1] == "DT" and lows[i - 1] not in ("this", "that"):
        return
    modal = words[i]
    yield rule.issue(modal.start, modal.end, f"{modal.text} be", word=modal.text)


_ADJECTIVE_ENDINGS = ("ible", "able", "ary", "ful", "ous", "ive", "ent", "ant")
_TIME_NOUNS = frozenset("week month year time day morning night weekend season spring summer autumn fall "
                        "winter monday tuesday wednesday thursday friday saturday sunday".split())
_PRONOUN_MODAL = frozenset(f"{p}'{m}" for p in ("i", "you", "he", "she", "it", "we", "they") for m in ("ll", "d"))


def _contracted_modal_no_be(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                            ctx: Context) -> Iterator[Issue]:
    """MT579: "We'll happy to help", "I'd glad to": a pronoun with a contracted "will"/"would"
    and an adjective with no "be"."""
    if _predicative_adjective(doc, k, words, lows, i, i + 1, ctx) is None:
        return
    tok = words[i]
    yield rule.issue(tok.start, tok.end, f"{tok.text} be", word=tok.text)


def _causative_to(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT580: "He made me to go", "Let me to know": "make" and "let" take the plain infinitive."""
    obj, to, verb = words[i + 1], words[i + 2], words[i + 3]
    if not (_plain(doc.text, words[i], obj) and _plain(doc.text, obj, to) and _plain(doc.text, to, verb)):
        return
    if not verb.text.islower() or not verb.text.isalpha():
        return
    tags = doc.word_tags(k)
    if tags[i + 3] != "VB" or not tags[i].startswith("VB") or lows[i] in ("make", "makes", "made", "making") \
            and lows[i + 1] == "it":
        return   # "made it to the final" is another "to"
    yield rule.issue(obj.start, to.end, obj.text, word=doc.text[words[i].start:verb.end],
                     suggestion=f"{words[i].text} {obj.text} {verb.text}")


_CLAUSE_OPENERS_TAGS = frozenset("PRP DT NNP NNPS NN NNS EX PRP$ CD".split())
# "However you look at it": "however" + a personal pronoun may be a conjunction ("in whatever way").
_WH_SUBJECTS_HOWEVER = frozenset("you we they he she i one".split())


_CAP_DETS = frozenset("the a an our your this these those my their his her its".split())


def _capitalised_nouns(doc: Doc, words: Sequence[Token], lows: list[str], rule, ctx: Context) -> Iterator[Issue]:
    """MT582: "Click on the Button to save the File": an everyday or software noun capitalised
    mid-sentence after a lower-case determiner, as German capitalises every noun. Not a name
    ("the White House", "the Center for ..."), not a quoted word, not a title-cased line."""
    caps = sum(1 for t in words if t.text[:1].isupper())
    if caps * 2 > len(words):
        return   # a heading in title case
    text = doc.text
    nouns = _set(ctx, "everyday_nouns")
    for i in range(1, len(words)):
        tok = words[i]
        w = tok.text
        if len(w) < 3 or not w[0].isupper() or not w[1:].islower() or not w.isalpha():
            continue
        prev = words[i - 1]
        if prev.text not in _CAP_DETS or not _plain(text, prev, tok):
            continue
        if i + 1 < len(words) and words[i + 1].text[:1].isupper():
            continue   # "the White House", "the Software Foundation"
        if i > 1 and words[i - 2].text[:1].isupper() and i - 2 > 0:
            continue   # "Make the Software ..." after a capitalised word: part of a name
        low = lows[i]
        if low not in nouns:
            continue
        if i + 1 < len(words) and lows[i + 1] in _UI_ELEMENTS:
            continue   # "the File menu", "the Settings tab": a label of the interface
        if i + 2 < len(words) and lows[i + 1] in ("of", "for") and (
                words[i + 2].text[:1].isupper() or lows[i + 2] == "the" and i + 3 < len(words)
                and words[i + 3].text[:1].isupper()):
            continue   # "the Center for the Study of ...": a name
        quote = text[max(0, prev.start - 1):prev.start]
        if quote in ("\"", "“", "'", "‘"):
            continue
        if doc.segment.is_protected(tok.start, tok.end):
            continue
        yield rule.issue(tok.start, tok.end, low, word=w)


_UI_ELEMENTS = frozenset("menu tab dialog dialogue page button window pane panel screen field box list "
                         "view bar section toolbar icon link option item column command key area "
                         "folder app application wizard store".split())
_PREP_ING = frozenset("for of by without before after about instead".split())
_BY_ADVERB = frozenset("close near nearby stand standing stood drop dropped stop stopped come came "
                       "pass passed passing go went going swing swung".split())
# Conjunctions that take a clause or a verb's -ing form, never its plain form: "When lose the card",
# "while wait the result", "since receive the order" ("when losing", "while waiting"); not after
# "a" ("once in a while see"). The tagger's reading of these words is not asked: it has none
# for a clause without a subject.
_CONJ_ING = frozenset("when while until since".split())
# ln P(verb | to) - ln P(verb | preposition) a verb needs before a bare noun object: "for earn
# money" 3.6, "after install updates" 5.2; not "for complete details" 1.3, "of complete
# sequences" 2.7 (adjectives the lexicon reads as verbs).
_BARE_OBJECT_MARGIN = 3.5
_BARE_OBJECT_PREPS = frozenset("for by without before after".split())
# Finite verbs after which the word before them is a subject, not a verb after a preposition
# ("before google was down").
_FINITE_AFTER = frozenset("is was were are had has will would can could did does do shall should may might "
                          "must".split())
# After a verb with no object, the words that show its phrase has ended ("without communicate
# with us"); a comma, semicolon or full stop does too.
_AFTER_BARE_VERB = frozenset("with to in on at from about into for".split())


def _phrase_ends(text: str, words: Sequence[Token], lows: list[str], j: int) -> bool:
    """Whether the phrase ends after word ``j``: a stop, comma, semicolon or colon right after it,
    the text's end, or a preposition of ``_AFTER_BARE_VERB`` (not a finite verb or a subject:
    "before google was down")."""
    tok = words[j]
    nxt = text[tok.end:tok.end + 1]
    if nxt in (".", ",", ";", ":", "!", "?"):
        return True
    if j + 1 >= len(words):
        return not text[tok.end:].strip()
    return lows[j + 1] in _AFTER_BARE_VERB and text[tok.end:words[j + 1].start] == " "


def _bare_verb(w: str) -> bool:
    """A verb's plain form that is never a noun ("earn", "install"): the cheap test before MT584
    looks at a bare object, so that "After you will press" reaches MT540."""
    return _plain_verb(w) and "NOUN" not in lexicon.lemmas(w)


_OBJECT_START = frozenset("our your my his their its it them him her us me the this these those a an".split())


def _prep_bare_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                    ctx: Context) -> Iterator[Issue]:
    """MT584: "Thank you for purchase our product", "before leave the factory": after a
    preposition a verb takes -ing. Only a word the lexicon knows as a verb in its plain form,
    with an object right after it, and never a word that is also a common noun before "the"
    ("for sale the", "after work the")."""
    verb = words[i + 1]
    w = lows[i + 1]
    if lows[i] == "of" and i > 0 and lows[i - 1] in ("kind", "sort"):
        return   # "kind of see", "sort of customize": a hedge, not a preposition
    if lows[i] == "by" and i > 0 and lows[i - 1] in _BY_ADVERB or lows[i] == "by" and w == "pass":
        return   # "a store close by, call them": "by" is an adverb there; "by pass" is "bypass"
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[i], verb):
        return
    # no object: the verb ends its phrase ("without communicate with us", "After confirm, we
    # ship", "think before decide."), for a word that is only a verb
    ends = _phrase_ends(doc.text, words, lows, i + 1) or lows[i] in ("without", "before", "after") \
        and set(lexicon.lemmas(w)) == {"VERB"} and _bare_verb(w) and (
        i + 2 >= len(words) or lows[i + 2] not in _FINITE_AFTER and lows[i + 2] not in _OBJECT_START
        and lows[i + 2] not in ("and", "or", "but", "than", "as"))
    # (a word that is only a verb needs no object: "after arrive home", "without wait long"; not
    # where a finite verb follows and the word is a subject: "before google was down")
    if not ends and (i + 2 >= len(words) or not _plain(doc.text, verb, words[i + 2])):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] != w or w in ("be", "do", "have"):
        return
    if "NOUN" in found and (ends or lows[i + 2] not in ("our", "your", "my", "his", "their") and not (
            lows[i] in ("by", "after", "before", "without")
            and lows[i + 2] in ("the", "this", "that", "these", "those", "a", "an", "it", "them")
            and (w in _set(ctx, "action_verbs") or doc.word_tags(k)[i + 1] == "VB"))):
        return   # "for use the", "after work the": a noun as often as a verb; but "by scan the
        # QR code", "after click the button": an action on a screen or a device, or a word the
        # tagger reads as a plain verb there ("Before leave the room")
    if set(found) - {"VERB", "NOUN"}:
        return   # "for free", "about right"
    ing = (lexicon.inflections(w, "VERB").get("VBG") or ("",))[0]
    if not ing:
        return
    tags = doc.word_tags(k)
    if ends:   # (a noun too, "after use,", "without notice.", has returned above)
        if lows[i] not in _BARE_OBJECT_PREPS or i > 0 and lows[i - 1] in ("there", "here") \
                or w in ("please", "thank", "welcome"):
            return   # "there after", "what to look for please."
    elif lows[i + 2] not in _OBJECT_START and (
            lows[i] not in _BARE_OBJECT_PREPS or "NOUN" in found or not lows[i + 2].isalpha()
            or tags[i + 2] not in ("NN", "NNS") or i + 3 < len(words) and tags[i + 3] in ("NN", "NNS", "POS")
            or lm.pair_logp("to", w) - lm.pair_logp(lows[i], w) < _BARE_OBJECT_MARGIN):
        return   # a bare object ("for earn money") only after a verb that is never a noun and
        # that the bigram model expects after "to" far more than after the preposition
    if lows[i] in _CONJ_ING:
        if "NOUN" in found or i > 0 and lows[i - 1] in ("a", "the", "this", "that"):
            return   # "when work the land" may be a noun after all; "a while"
    elif tags[i] != "IN" and not (ends and tags[i] in ("RB", "TO")) or (i > 0 and tags[i - 1] == "TO"):
        return   # (before a word that is only a verb the tagger often reads "before" as an adverb)
    yield rule.issue(verb.start, verb.end, ing, word=verb.text, prep=words[i].text)


_HAVE_FOR_BE = {"is": "has", "'s": "has", "are": "have", "'re": "have", "was": "had", "were": "had",
                "am": "have", "'m": "have"}
_BE_AUX = frozenset(_HAVE_FOR_BE)
# Participles of verbs that take no object: "is occurred" is the French or Italian perfect with "be".
_INTRANSITIVE_PP = frozenset("occurred happened arrived appeared disappeared died existed emerged arisen "
                             "resulted consisted".split())   # not "succeeded": "was succeeded by his son"
_QUANTITY_NOUNS = frozenset("handful lot number couple group few rest majority minority percentage proportion "
                            "half part total series range variety kind sort type bunch pair set year day week "
                            "month time morning evening night region area country city list".split())
_MODALS_Q = frozenset("can could will would should may might must shall".split())
_MODALS_NO_BE = _MODALS_Q | frozenset("won't wouldn't can't couldn't shouldn't".split())
_Q_SUBJECTS = _QUESTION_SUBJECTS
_WH_WORDS = frozenset("what why where when how who which whom".split())


def _plain_verb(w: str) -> bool:
    found = lexicon.lemmas(w).get("VERB")
    return bool(found) and found[0] == w and w not in ("be", "do", "have", "need", "dare")


def _relative_agreement(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                        ctx: Context) -> Iterator[Issue]:
    """MT589: "a member who stay", "the man who live next door": the relative pronoun takes the
    number of the singular noun before it."""
    noun = lows[i - 1]
    if lexicon.noun_number(noun) != "sg" or noun in _set(ctx, "collective_nouns", "syntax") \
            or noun in _QUANTITY_NOUNS or not words[i - 1].text.islower():
        return
    d = i - 2
    while d > 0 and doc.word_tags(k)[d] in ("JJ", "JJR", "JJS", "RBS", "VBN"):
        d -= 1
    if lows[d] not in ("a", "an", "the", "this", "that", "each", "every", "any", "another") \
            or (d > 0 and lows[d - 1] in ("of", "like", "than", "as")):
        return   # "a unit of sentences ... that revolve", "words like chairman that contain": the antecedent is unsure
    if "one" in lows[max(0, i - 5):i - 1] or "those" in lows[max(0, i - 5):i - 1]:
        return   # "one of the members who stay": the verb may agree with the plural
    tags = doc.word_tags(k)
    if tags[i - 1] != "NN" or tags[i + 1] not in ("VBP", "VB") or tags[i] not in ("WP", "WDT"):
        return
    if any(w in ("and", "or", "nor") for w in lows[max(0, d - 4):i]):
        return   # "a man and a woman who live"
    vbz = (lexicon.inflections(lows[i + 1], "VERB").get("VBZ") or ("",))[0]
    if not vbz:
        return
    verb = words[i + 1]
    yield rule.issue(verb.start, verb.end, vbz, word=verb.text, noun=words[i - 1].text)


# MT520: the determiners that open a sentence's subject, and verbs whose object may be a clause
# with a verb of its own ("the people who think the plan works").
_SUBJECT_DETS = frozenset("the these those all my our your their his her its this that a an every each "
                          "some many most no any both".split())
_CLAUSE_VERBS = frozenset("think say believe know hope feel claim suppose guess mean show find realize realise "
                          "see hear notice expect wish ensure assume argue agree decide understand "
                          "remember forget learn tell state report suggest prove fear doubt".split())
_RELATIVE_STOP = frozenset("and or but nor that which who whom whose if when where because while "
                           "although though whether than as so since until unless once".split())
_FINITE = ("VBZ", "VBP", "VBD", "MD")
# "that" after these opens a clause of their content, not a relative clause: "the fact that ..."
_THAT_CLAUSE_NOUNS = frozenset("fact idea news belief claim hope chance possibility notion sense feeling "
                               "rumour rumor evidence assumption suggestion argument thought impression "
                               "view point reason problem danger risk fear promise".split())
# A plain verb belongs to the clause's verb group only after one of these ("didn't work"):
# after a singular subject's clause, "who talks loudly seriously annoy" is the main verb.
_VB_LICENSERS = frozenset("do does did don't doesn't didn't n't to".split())
_SINGULAR_SUBJECT_DETS = frozenset("the my our your their his her its this that a an every each no any".split())
_PLAIN_TO_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
                      "aren't": "isn't", "weren't": "wasn't", "haven't": "hasn't"}




def _relative_main_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule,
                        ctx: Context) -> Iterator[Issue]:
    """MT520: "The ones who work quickly receives the prize", "The routes that she might not take
    goes through Malibu": the verb after a subject's relative clause agrees with the subject's
    noun, not with the clause. Only a sentence's first phrase (a determiner, modifiers, a plural
    noun the tagger and the tables agree on, "who"/"that"/"which"), a clause with one verb
    group, then within eight words a verb's -s form, or "is", "was", "has", "does" ("The notes
    that were given to her has ...")."""
    n = len(words)
    if lows[0] not in _SUBJECT_DETS or not words[0].text[:1].isupper():
        return
    # the cheap word test before tagging: a noun, then "who"/"that"/"which" in the first words,
    # and after it a word that may be an -s verb (after a plural) or a plain verb (after a
    # singular, with a determiner that takes one)
    rel = next((m for m in range(2, min(n, 6)) if lows[m] in ("who", "that", "which")), None)
    number = rel and lexicon.noun_number(lows[rel - 1])
    if number == "sg" and lows[0] not in _SINGULAR_SUBJECT_DETS \
            or number == "pl" and not any(w.endswith("s") for w in lows[rel + 2:rel + 18]) \
            or number not in ("sg", "pl"):
        return
    tags = doc.word_tags(k)
    r = 1
    while r < n and r < 6 and tags[r] in ("JJ", "JJR", "JJS", "NN", "NNS", "VBN", "CD", "CC") \
            and lows[r] not in ("who", "that", "which"):
        r += 1
    if r >= n - 3 or r < 2 or lows[r] not in ("who", "that", "which") \
            or tags[r - 1] != ("NNS" if number == "pl" else "NN") \
            or lexicon.noun_number(lows[r - 1]) != number or not words[r - 1].text.islower() \
            or lows[r - 1] in _set(ctx, "collective_nouns", "syntax") or lows[r - 1] in _QUANTITY_NOUNS \
            or number == "sg" and "CC" in tags[1:r]:
        return
    if any(doc.text[words[m - 1].end:words[m].start].strip() for m in range(1, r + 2)):
        return   # a comma, a dash, a bracket: not one plain noun phrase
    # the relative clause: (a subject,) then one verb group
    m = r + 1
    while m < n and m < r + 5 and tags[m].split("+")[0] not in _FINITE:
        if tags[m] not in ("PRP", "DT", "NN", "NNS", "NNP", "JJ", "RB", "PRP$") or lows[m] in _RELATIVE_STOP:
            return
        m += 1
    if m >= n or tags[m].split("+")[0] not in _FINITE:
        return
    verb_start = m
    m += 1
    while m < n and (tags[m] in ("RB", "VBN", "VBG") or lows[m] in ("n't", "not")
                     or tags[m] == "VB" and (number == "pl" or "VB" not in tags[verb_start + 1:m] and any(
                         tags[x] == "MD" or lows[x] in _VB_LICENSERS for x in range(verb_start, m)))) \
            and m < verb_start + 4:
        m += 1
    for v in range(verb_start, m):
        if lexicon.lemmas(lows[v]).get("VERB", ("",))[0] in _CLAUSE_VERBS:
            return   # "the people who think the plan works": a clause of its own
    # the main verb: the next finite verb, with no clause opener or punctuation before it
    for j in range(m, min(n, m + 8)):
        if doc.text[words[j - 1].end:words[j].start].strip() or not words[j].text.isalpha():
            return
        if lows[j] in _RELATIVE_STOP or lows[j] in ("i", "you", "he", "she", "we", "they") \
                or tags[j] in ("WDT", "WP", "VBG", "VBN") \
                or tags[j] == "VB" and (number == "pl" or tags[j - 1] not in ("RB", "NN")) \
                or tags[j] == "TO" and j + 1 < n and tags[j + 1] == "VB":
            return   # a clause or an infinitive of its own
        if number == "sg":
            if tags[j] in ("VBZ", "VBD", "MD") and lows[j] != "were":
                return   # the main verb, and it agrees
            if tags[j] in ("VBP", "VB") or lows[j] == "were":
                p = j - 1
                while p > r and tags[p] == "RB":
                    p -= 1
                if tags[p] in ("TO", "MD") or lows[p] in ("gonna", "wanna", "gotta", "to", "'ll", "'d"):
                    return   # "seeks to completely transform", "gonna randomly scramble"
                if tags[j - 1] in ("NNS", "NNPS") or lows[r] == "that" and lows[r - 1] in _THAT_CLAUSE_NOUNS:
                    return   # "has its effects trigger", "the fact that things break": a plural's verb
                right = _PLAIN_TO_SINGULAR.get(lows[j]) or (
                    None if set(lexicon.lemmas(lows[j])) - {"VERB", "NOUN"} else _third_person_tagged(lows[j]))
                if right and words[j].text.islower() and not (
                        j + 1 < n and lows[j + 1] in ("i", "you", "he", "she", "it", "we", "they", "there")):
                    yield rule.issue(words[j].start, words[j].end, right, word=words[j].text,
                                     noun=doc.text[words[0].start:words[r - 1].end], number="a singular")
                return
            continue
        if tags[j] in ("VBP", "VBD", "MD"):
            return   # the main verb, and it agrees
        if tags[j] == "VBZ":
            w = lows[j]
            if w in _SINGULAR_VERBS:
                right = _SINGULAR_VERBS[w]
            else:
                found = lexicon.lemmas(w)
                if "VERB" not in found or not words[j].text.islower():
                    return
                right = found["VERB"][0]
                if right == w:
                    return
            if j + 1 < n and lows[j + 1] in ("i", "you", "he", "she", "it", "we", "they", "there"):
                return   # "... which is it": a question
            yield rule.issue(words[j].start, words[j].end, right, word=words[j].text,
                             noun=doc.text[words[0].start:words[r - 1].end], number="a plural")
            return


# A question's auxiliary and its form for the other number: "Do your father live", "Has the
# kids eaten".
_Q_AUX = {"do": "does", "don't": "doesn't", "have": "has", "haven't": "hasn't",
          "does": "do", "doesn't": "don't", "has": "have", "hasn't": "haven't"}
_Q_AUX_PLURAL = frozenset("do don't have haven't".split())
_Q_DETS_SG = frozenset("the my your his her its our their this that".split())
_Q_DETS_PL = frozenset("the my your his her its our their these those".split())
_HOW_Q = frozenset("much many long often far".split())
# The tagger may read the plain verb after a noun as an adjective or a preposition ("Do your
# father live", "Do the man like you"); the tables decide it is the verb.
_Q_VERB_TAGS = frozenset("VB VBP VBN VBD JJ IN RB".split())
_Q_ADVERBS = frozenset("ever never already really actually still even just always".split())


# MT524: a yes/no question's opening auxiliary, and after its subject a second finite one.
_BE_FORMS = frozenset("is are was were".split())
_DOUBLE_FIRST = frozenset("is are was were do does did has have can will could should would".split())
_DOUBLE_SECOND = frozenset("is are was were do does did has have can will".split())
_DO_OR_MODAL = frozenset("do does did can will could should would".split())
_SUBJECT_TAGS = frozenset("JJ NN NNS CD".split())


def _double_aux(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """MT524: "Is the power switch is turned on?", "Has the parcel has arrived?": a question that
    opens with an auxiliary, then a determiner and up to three adjectives and nouns (the
    tagger's reading) ending in a noun, then another finite auxiliary. Not "have" or "do" after
    "do" or a modal, where they are the main verb ("Does the app have a dark mode?", "Did the
    kids do their homework?"); nothing but the noun phrase may stand between ("Does your age
    actually have", "Did the politicians who were")."""
    n = len(words)
    if not words[0].text[1:].islower() or lows[1] not in _Q_DETS_SG | _Q_DETS_PL \
            or "?" not in doc.text[words[-1].end:doc.sentences[k].end]:
        return
    tags = doc.word_tags(k)
    h = 2
    while h < min(n, 5) and tags[h] in _SUBJECT_TAGS and words[h].text.islower():
        h += 1
    second = lows[h] if h < n - 1 else ""
    if h == 2 or second not in _DOUBLE_SECOND or tags[h - 1] not in ("NN", "NNS") \
            or lows[0] in _DO_OR_MODAL and second in ("have", "do") \
            or any(not _plain(doc.text, words[m - 1], words[m]) for m in range(1, h + 1)):
        return
    if lows[0] in _BE_FORMS and second in _BE_FORMS:   # "Is the switch is turned on?": drop it
        yield rule.issue(words[h - 1].end, words[h].end, "", first=words[0].text, second=words[h].text)
    else:
        yield rule.issue(words[h].start, words[h].end, first=words[0].text, second=words[h].text)


def _question_aux(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule,
                  ctx: Context) -> Iterator[Issue]:
    """MT527: "Do your father live in England?", "What do the boy have to do?", "Where have the
    child run off to?", "Does your parents know?": a question's "do"/"have" agrees with the
    subject after it. Only a sentence that ends with "?", opens with the auxiliary (or a
    wh-word, or "how much/many/long/often/far", before it), then a determiner, up to two
    adjectives and a lower-case noun whose number the tagger and the tables agree on, then the
    verb: its plain form after "do", its participle after "have"."""
    n = len(words)
    j = 0 if lows[0] in _Q_AUX else 1 if lows[0] in _WH_WORDS and lows[1] in _Q_AUX \
        else 2 if lows[0] == "how" and lows[1] in _HOW_Q and lows[2] in _Q_AUX else -1
    if j < 0 or j + 3 >= n or "?" not in doc.text[words[-1].end:doc.sentences[k].end] \
            or not words[j].text[1:].islower():
        return
    aux, det = lows[j], lows[j + 1]
    if det not in _Q_DETS_SG and det not in _Q_DETS_PL:
        return
    h = j + 2
    tags = doc.word_tags(k)
    while h < n - 1 and h < j + 4 and tags[h] in ("JJ", "JJR", "JJS") and words[h].text.islower():
        h += 1
    head, v = lows[h], h + 1
    if v >= n or not words[h].text.isalpha() or not words[h].text.islower() \
            or any(not _plain(doc.text, words[m - 1], words[m]) for m in range(j + 1, v + 1)):
        return
    number = lexicon.noun_number(head)
    if tags[h] == "NN" and number == "sg" and aux in _Q_AUX_PLURAL and det in _Q_DETS_SG:
        pass
    elif tags[h] == "NNS" and number == "pl" and aux not in _Q_AUX_PLURAL and det in _Q_DETS_PL:
        pass
    else:
        return
    if head in _set(ctx, "collective_nouns", "syntax") or head in _set(ctx, "singular_plurals", "grammar") \
            or head in _QUANTITY_NOUNS:
        return   # "Have the police arrived?", "Do the staff know?"
    if lows[v] in _Q_ADVERBS and v + 1 < n and _plain(doc.text, words[v], words[v + 1]):
        v += 1   # "When have the professor ever been clear?"
    verb, w = words[v], lows[v]
    found = lexicon.lemmas(w)
    if "VERB" not in found or not verb.text.isalpha() or not verb.text.islower() \
            or tags[v] not in _Q_VERB_TAGS or "NOUN" in found and v + 1 < n and tags[v + 1] in _NOUN_TAGS:
        return   # not a verb, or a compound noun's next part: "Do the car park barriers ..."
    forms = lexicon.inflections(found["VERB"][0], "VERB")
    if aux in ("do", "don't", "does", "doesn't"):
        if found["VERB"][0] != w or tags[v] in ("VBN", "VBD"):
            return
    elif w not in forms.get("VBN", ()) or j == 0 and w in forms.get("VBP", ()):
        return   # a plain form after "have" is the causative: "Have the driver wait?"
    right = _Q_AUX[aux]
    tok = words[j]
    yield rule.issue(tok.start, tok.end, right[:1].upper() + right[1:] if tok.text[:1].isupper() else right,
                     word=tok.text, noun=doc.text[words[j + 1].start:words[h].end])


def _question_form(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT590: "Could you sent me the file?", "Can I pressing F3?": after a modal and its subject
    the verb takes its plain form."""
    j = i + 2
    if lows[j] in _QUESTION_ADVERBS and j + 1 < len(words) and _plain(doc.text, words[j], words[j + 1]):
        j += 1   # "Can you please attached this?"
    verb = words[j]
    w = lows[j]
    if not verb.text.isalpha() or not verb.text.islower():
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] == w or found["VERB"][0] in ("be", "have"):
        return
    if set(found) != {"VERB"}:
        # a form that is an adjective or noun too ("expected", "troubleshooting"): only one the
        # verb's own table lists, and the tagger must read a verb
        forms = lexicon.inflections(found["VERB"][0], "VERB")
        if not any(w in forms.get(t, ()) for t in ("VBD", "VBG", "VBN", "VBZ")):
            return
    tags = doc.word_tags(k)
    if tags[i] != "MD" or tags[j] not in ("VBD", "VBG", "VBZ", "VBN"):
        return
    sent = doc.sentences[k]
    if "?" not in doc.text[verb.end:sent.end]:
        return
    yield rule.issue(verb.start, verb.end, found["VERB"][0], word=verb.text,
                     modal=doc.text[words[i].start:words[i + 1].end])


_QUESTION_ADVERBS = frozenset("please also still just really ever not kindly".split())
_THAT_WORDS = frozenset(("that", "if", "whether"))
_AFTER_THAT_PRONOUN = frozenset("is was 's will would can could may might must should does did has had "
                                "seems sounds means makes".split())


def lw_comma_that(text: str, words: Sequence[Token], lows: list[str], i: int) -> bool:
    """The cheap test of MT583: a comma and nothing else between word ``i`` and "that"/"if"."""
    return i + 2 < len(words) and lows[i + 1] in _THAT_WORDS and text[words[i].end:words[i + 1].start] == ", "


def _comma_that(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                ctx: Context) -> Iterator[Issue]:
    """MT583: "Please note, that ...", "Check, if ...": German, Russian and Polish put a comma
    before every "that"/"if" clause; English does not after a verb of saying, knowing or checking."""
    found = lexicon.lemmas(lows[i]).get("VERB")
    if not found or found[0] not in _set(ctx, "comma_that_verbs") and lows[i] != "sure":
        return
    text = doc.text
    if lows[i + 1] == "that" and lows[i + 2] in _AFTER_THAT_PRONOUN:
        return   # "I know, that is true": "that" is the subject
    end = min(len(words), i + 8)
    if any("," in text[words[j].end:words[j + 1].start] for j in range(i + 1, end - 1)):
        return   # "Check, if necessary, the cables": a parenthesis
    tags = doc.word_tags(k)
    if not (tags[i].startswith("VB") or lows[i] == "sure"):
        return
    yield rule.issue(words[i].start, words[i + 1].end, f"{words[i].text} {words[i + 1].text}",
                     word=doc.text[words[i].start:words[i + 1].end])


_PP_START = frozenset("in on at from during with by".split())   # not "after", "since": conjunctions too
_NP_TAGS = frozenset("DT PRP$ JJ JJS JJR CD NNP NNPS NN NNS POS WDT".split())
_TIME_LEAD = frozenset("yesterday today tomorrow then later recently also now last this next year week "
                       "month night morning evening".split())


def _inverted_after_pp(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """MT585: "From Monday begins the repair", "on the bridge happened an accident", "In the
    administration promised to ...": after an opening prepositional phrase, a verb with its
    subject after it, or with none. Only verbs that do not invert in literary English ("In the
    garden stood a statue" is left), only a phrase with one noun group."""
    text = doc.text
    n = len(words)
    for c in range(n - 3):
        if lows[c] not in _PP_START:
            continue
        lead = c == 0 or _clause_start(text, words, lows, c) or all(w in _TIME_LEAD for w in lows[:c])
        if not lead:
            continue
        reporting = c == 0 and lows[c + 1] in ("the", "our", "this")
        if not any(w in _INVERTING or (reporting and w in _REPORTING)
                   or (w in ("was", "were") and m + 1 < n and lows[m + 1].endswith(_PARTICIPLE_ENDS))
                   for m, w in enumerate(lows[c + 2:], c + 2)):
            return   # the cheap test: none of the verbs this rule knows
        tags = doc.word_tags(k)
        j = c + 1
        while True:   # one noun group, or a chain of them joined by prepositions ("on the roof of the house")
            seen_noun = False
            while j < n and tags[j] in _NP_TAGS and _plain(text, words[j - 1], words[j]):
                if tags[j] in ("DT", "PRP$") and seen_noun:
                    return   # a second noun group: "In the morning the man began"
                seen_noun = seen_noun or tags[j][:2] in ("NN", "CD") or tags[j] == "WDT"
                j += 1
            if not seen_noun:
                return
            if any(tags[m] == "CD" and tags[m + 1] == "NNP" for m in range(c + 1, j - 1)):
                return   # "In 2004 Podolsk was granted": a name after the date is the subject
            if j + 1 < n and tags[j] == "IN" and lows[j] in _PP_START | {"of"} and _plain(text, words[j - 1], words[j]):
                j += 1
                continue
            break
        if j >= n - 1 or not _plain(text, words[j - 1], words[j]):
            return
        if tags[j - 1] in ("NNS", "NNPS"):
            return   # "In 1990 workers started": the plural may be the subject
        v = lows[j]
        after = tags[j + 1] if j + 1 < n else ""
        if v in ("took", "takes"):
            after = tags[j + 2] if j + 2 < n and lows[j + 1] in ("place", "part") else ""
        if v in _INVERTING and after in ("DT", "CD", "JJ", "PRP$"):
            yield rule.issue(words[j].start, words[j].end, None, word=words[j].text,
                             message=f"The subject comes after '{words[j].text}': put it first "
                                     f"('... {words[j].text}' after its subject)")
        elif v in ("was", "were") and j + 2 < n and tags[j + 1] == "VBN" and tags[j + 2] in ("DT", "CD", "JJ", "PRP$"):
            yield rule.issue(words[j].start, words[j + 1].end, None, word=text[words[j].start:words[j + 1].end],
                             message=f"The subject comes after '{text[words[j].start:words[j + 1].end]}': put it first")
        elif v in _REPORTING and (lows[j + 1] in ("to", "that") or text[words[j].end:words[j].end + 1] == ",") \
                and lows[c + 1] in ("the", "our", "this") and c == 0:
            head = text[words[c + 1].start:words[j - 1].end]
            yield rule.issue(words[c].start, words[j - 1].end, head[:1].upper() + head[1:], word=words[c].text,
                             message=f"'{words[j].text}' has no subject: drop '{words[c].text}' "
                                     f"('{head[:1].upper() + head[1:]} {words[j].text} ...')")
        return


_PARTICIPLE_ENDS = ("ed", "en", "wn", "lt", "nt", "ld", "ng", "un", "ne", "de")
_INVERTING = frozenset("happened happens occurred occurs began begins started starts ended ends finished "
                       "suffered died took takes".split())
_REPORTING = frozenset("promised said says reported reports stated states noted notes explained explains "
                       "announced announces told assured assures added adds believe believes considered "
                       "considers think thinks emphasized stressed confirmed confirms commented".split())


# ------------------------------------------------------------------ MT591-MT594
_DO_NEGATIVE = _DO_NEG
_DO_AUX = _DO | _DO_NEG
# Before a subject, these make "did" the verb of a clause that ends there ("What he did shocked
# us", "all she did was"): a past form after it is the next clause's verb.
_CLAUSE_ENDS_AT_DO = frozenset("what which that who whom whatever whoever all everything anything something "
                               "thing things way how where when why as than".split())


def _do_form(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT591: "He didn't went", "She does forgot", "Did you saw it?": after do-support the verb
    takes its plain form. Only a word the lexicon knows as nothing but a verb form (after a
    negative also a verb that is a noun, "doesn't works"), never the plain form itself ("put")."""
    text, n = doc.text, len(words)
    neg = lows[i] in _DO_NEGATIVE
    j = i + 1
    if lows[j] == "not" and j + 1 < n and _plain(text, words[i], words[j]):
        neg, j = True, j + 1
    question = False
    if not neg and lows[i] in ("do", "does", "did") and lows[j] in _Q_SUBJECTS and j + 1 < n \
            and (i == 0 or not words[i - 1].text.isalpha() or lows[i - 1] in _WH_WORDS):
        question, j = True, j + 1
    if j >= n or not _plain(text, words[j - 1], words[j]):
        return
    verb, w = words[j], lows[j]
    if not verb.text.isalpha() or not verb.text.islower():
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or set(found) - ({"VERB", "NOUN", "ADJ"} if neg else {"VERB", "NOUN"} if question
                                           else {"VERB"}):
        return
    lemma = found["VERB"][0]
    if lemma in (w, "be", "have", "do", "use", "need", "dare"):
        return
    forms = lexicon.inflections(lemma, "VERB")
    if w in forms.get("VB", ()) or w not in (*forms.get("VBD", ()), *forms.get("VBN", ()), *forms.get("VBZ", ())):
        return
    if not neg and not question and (lexicon.noun_number(w) is not None or w in forms.get("VBZ", ())):
        return   # "I do crunches": a noun or an -s form as the object of "do"
    if i > 0 and lows[i - 1] in _CLAUSE_ENDS_AT_DO:
        return   # "those that did not required ...": an elliptical clause ends at "did not"
    if question:
        if "?" not in text[verb.end:doc.sentences[k].end]:
            return
    elif not neg:
        # "He did went": only after a personal pronoun that opens its clause
        if i == 0 or lows[i - 1] not in _Q_SUBJECTS or not _clause_start(text, words, lows, i - 1) \
                or any(x in _CLAUSE_ENDS_AT_DO for x in lows[:i - 1]):
            return
    if doc.word_tags(k)[j] not in ("VBD", "VBN", "VBZ"):
        return
    yield rule.issue(verb.start, verb.end, lemma, word=verb.text, aux=words[i].text)


# Adjectives whose adverb is the same word in informal English are left out ("go easy", "real
# good" is slang but not this error).
def _adverb_of(adj: str) -> str | None:
    if adj.endswith("ble") or adj.endswith("ple") or adj.endswith("tle"):
        cand = adj[:-1] + "y"
    elif adj.endswith("ic"):
        cand = adj + "ally"
    elif adj.endswith("y") and len(adj) > 3:
        cand = adj[:-1] + "ily"
    elif adj.endswith("ll"):
        cand = adj + "y"
    else:
        cand = adj + "ly"
    got = lexicon.lemmas(cand)
    return cand if "ADV" in got and lexicon.zipf(cand) >= 3.0 else None


def _adjective_for_adverb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                          rule, after_subject: bool = False) -> Iterator[Issue]:
    """MT592: "Nobody could possible live up to it", "you can easy find it": between a modal and
    its verb an adverb stands, not an adjective."""
    adj, w, v = words[i + 1], lows[i + 1], lows[i + 2]
    if not adj.text.isalpha() or not adj.text.islower() or not words[i + 2].text.islower():
        return
    found = lexicon.lemmas(w)
    if "ADJ" not in found or "VERB" in found or found["ADJ"][0] != w:
        return
    if "ADV" in found and w in found["ADV"] and w not in ("easy", "quick"):
        return   # "could only", "will soon", "can still": the word is an adverb too
    verb = lexicon.lemmas(v).get("VERB")
    if not verb or (verb[0] != v and not after_subject) or verb[0] == "be":
        return
    adverb = _adverb_of(w)
    if adverb is None:
        return
    tags = doc.word_tags(k)
    if after_subject:
        # "You simple need the cable", "It possible has to do with": a subject, then a finite verb
        if tags[i] != "PRP" or tags[i + 2] not in ("VBZ", "VBP", "VBD") or w in ("sure", "alone", "own") \
                or not _clause_start(doc.text, words, lows, i):
            return
    elif tags[i] != "MD" or not tags[i - 1].startswith(("PRP", "NN")) or tags[i + 2] not in ("VB", "VBP"):
        return
    yield rule.issue(adj.start, adj.end, adverb, word=adj.text, modal=words[i].text)


def _much_plural(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                 ctx: Context) -> Iterator[Issue]:
    """MT593: "much people", "so much problems": countable plurals are 'many'. Not a plural
    that reads as a sum ("much thanks", "much funds"), nor a vocative ("Thanks so much guys")."""
    noun, w = words[i + 1], lows[i + 1]
    if not noun.text.isalpha() or not noun.text.islower() or not _plain(doc.text, words[i], noun):
        return
    if w != "people" and (lexicon.noun_number(w) != "pl" or set(lexicon.lemmas(w)) != {"NOUN"}):
        return
    if w in _set(ctx, "not_fewer") or w in ("guys", "folks", "thanks", "kudos", "congratulations", "lots"):
        return
    if any(x in ("thank", "thanks", "appreciate", "love", "miss") for x in lows[:i]) \
            or (i > 0 and lows[i - 1] == "how"):
        return   # "how much muffins cost": the price
    tags = doc.word_tags(k)
    if i + 2 < len(words) and tags[i + 2].startswith(("VB", "MD")):
        return   # "not much companies can do", "how much humans love": the noun is a subject
    if i + 2 < len(words) and (lows[i + 2] in ("'s", "’s") or doc.text[noun.end:noun.end + 1] in ("'", "’", "-")):
        return
    if tags[i + 1] != "NNS" and w != "people":
        return
    yield rule.issue(words[i].start, words[i].end, "many", word=words[i].text, noun=noun.text)


_SUPERLATIVE_BEFORE = frozenset("a an is was are were".split())


def _superlative_article(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                         rule) -> Iterator[Issue]:
    """MT594: "Kyoto is an oldest city", "Sofia is hottest city": a superlative before a noun
    takes 'the'. Not "best" and "worst" after 'a' ("a best friend", "a worst case"), nor
    "is best practice"."""
    adj, w = words[i + 1], lows[i + 1]
    if not adj.text.isalpha() or not adj.text.islower() or not w.endswith("est") or w in ("most", "least"):
        return
    found = lexicon.lemmas(w)
    if set(found) != {"ADJ"}:
        return
    lemma = found["ADJ"][0]
    if w not in lexicon.inflections(lemma, "ADJ").get("JJS", ()) or w == lemma:
        return
    noun, nw = words[i + 2], lows[i + 2]
    if not noun.text.islower() or not _plain(doc.text, adj, noun) or lexicon.noun_number(nw) is None \
            or set(lexicon.lemmas(nw)) - {"NOUN"}:
        return
    if nw in ("practice", "practices", "case", "way", "guess", "effort", "efforts", "bet", "interest"):
        return
    tags = doc.word_tags(k)
    if tags[i + 1] != "JJS" or tags[i + 2] not in ("NN", "NNS"):
        return
    if lows[i] in ("a", "an"):
        yield rule.issue(words[i].start, words[i].end, "the", word=words[i].text, adjective=adj.text)
    else:
        yield rule.issue(adj.start, adj.end, f"the {adj.text}", word=adj.text, adjective=adj.text)


def _not_participle(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, j: int,
                    rule) -> Iterator[Issue]:
    """MT579: "it not working", "It not required.": a pronoun, "not" and a participle with no
    "be". A past participle only at the end of its clause or before "to", "by", "for", "in"
    ("we not found it" wants "did not find", not "are")."""
    tags = doc.word_tags(k)
    if tags[i] != "PRP" or tags[j] not in ("VBG", "VBN"):
        return
    if tags[j] == "VBN" and j + 1 < len(words) and lows[j + 1] not in ("to", "by", "for", "in") \
            and words[j + 1].text.isalnum():
        return
    tok = words[i]
    yield rule.issue(tok.start, tok.end, f"{tok.text} {_COPULA[lows[i]]}", word=tok.text,
                     suggestions=[f"{tok.text} {'was' if _COPULA[lows[i]] != 'are' else 'were'}"])


def _no_copula_noun(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT579: "He a racist", "It a good day": "he", "she", "it" opening a clause, then an
    article and a noun phrase with no verb in the clause."""
    tags = doc.word_tags(k)
    if tags[i] != "PRP":
        return
    end = len(words)
    for m in range(i + 2, len(words)):
        if lows[m] in ("and", "but", "because", "so", "when", "if", "which", "who", "that") or words[m].text in ",;:":
            end = m
            break
    if not any(t in ("NN", "NNS") for t in tags[i + 2:end]) or any(
            tags[m][:2] in ("VB", "MD") and not (tags[m] == "VB" and tags[m - 1] == "TO") for m in range(i + 2, end)):
        return   # (an infinitive's verb is no verb of the clause: "It a good day to die")
    tok = words[i]
    yield rule.issue(tok.start, tok.end, f"{tok.text} {_COPULA[lows[i]]}", word=tok.text,
                     suggestions=[f"{tok.text} was"])


# MT104's contractions leave out those that are words too ("cant", "wont"); after "it" they are
# still "can't" and "won't", never a plain verb.
_WORDS_WITHOUT_APOSTROPHE = frozenset({"cant", "wont"})
_HAVE_AUX = frozenset("have has had 've i've we've you've they've haven't hasn't hadn't".split())


_HAVE_VERB_CUES = frozenset("it him them me us".split())


# After "have" + a word that is a noun as well as a verb, the words that show it was the verb:
# an object's determiner or pronoun, or a preposition a noun object would not take.
_HAVE_LM_CUES = frozenset("at the a an my your his her its our their this these those it them him me us "
                          "you all so several".split())
_HAVE_LM_MARGIN = 3.0   # nats: ln P(participle | have) - ln P(word | have), bigram model


def _participle_preferred(lows: list[str], i: int, j: int, n: int, found: dict) -> bool:
    """A noun-and-verb word after "has"/"have"/"had" ("The man has yell at me", "I have forward
    the document", "The markets have change so much") counts as the verb when the next word is
    one an object's noun would not be followed by, and the bigram model prefers the participle
    after the auxiliary by a wide margin (so "have access to", "have fun", "have control" stay)."""
    if j != i + 1 or j + 1 >= n or lows[j + 1] not in _HAVE_LM_CUES or "VERB" not in found \
            or set(found) - {"VERB", "NOUN"}:
        return False
    if i > 1 and lows[i - 2] in ("do", "does", "did", "don't", "doesn't", "didn't", "to"):
        return False   # "Who do I have review the contract?": "have" a main verb, causative
    aux = lows[i] if lows[i] in ("have", "has", "had") else "have" if lows[i].endswith("'ve") else None
    if aux is None:
        return False
    w = lows[j]
    forms = lexicon.inflections(found["VERB"][0], "VERB")
    pp = (forms.get("VBN") or ("",))[0]
    if not pp or pp == w:
        return False
    from ..lm import language_model

    bi = language_model().bi
    with_pp = bi.get(f"{aux} {pp}")
    as_noun = bi.get(f"{aux} {w}")
    if with_pp is None:
        # neither pair seen: only before a word a noun object never has after it
        return as_noun is None and lows[j + 1] in ("at", "it", "them", "him", "me", "us") \
            and lexicon.zipf(pp) >= 3.0
    return as_noun is None or with_pp - as_noun >= _HAVE_LM_MARGIN


def _have_plain(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                ctx: Context) -> Iterator[Issue]:
    """MT595: "I've modify this", "the error has appear", "Have you use the app?": after "have"
    the verb takes its past participle. Only words the lexicon knows as nothing but a verb's
    plain form, whose participle differs ("come", "put" are left), never "have to", "had better"."""
    text, n = doc.text, len(words)
    j = i + 1
    question = False
    if lows[i] in ("have", "has", "had") and lows[j] in _Q_SUBJECTS and j + 1 < n \
            and (i == 0 or not words[i - 1].text.isalpha() or lows[i - 1] in _WH_WORDS):
        question, j = True, j + 1
    if lows[j] in ("already", "just", "never", "not", "also", "recently", "ever", "finally", "now") and j + 1 < n:
        j += 1
    if not _plain(text, words[j - 1], words[j]):
        return
    verb, w = words[j], lows[j]
    if not verb.text.isalpha() or not verb.text.islower():
        return
    found = lexicon.lemmas(w)
    # a noun reading ("have talk") counts as the verb only in a question or before a word a
    # verb takes ("have notice it", "have review them")
    cued = not question and j + 1 < n and lows[j + 1] in _HAVE_VERB_CUES and i > 0 and lows[i - 1] in _Q_SUBJECTS
    preferred = not question and not cued and _participle_preferred(lows, i, j, n, found)
    noun_ok = question or cued or preferred
    if "VERB" not in found or set(found) - ({"VERB", "NOUN"} if noun_ok else {"VERB"}) \
            or found["VERB"][0] != w or w in ("be", "have", "do", "got"):
        return
    forms = lexicon.inflections(w, "VERB")
    pp = (forms.get("VBN") or ("",))[0]
    if not pp or pp == w:
        return
    if question and ("?" not in text[verb.end:doc.sentences[k].end] or lows[i + 1] == "it"):
        return   # "Have it show the events?": a causative
    if lexicon.zipf(pp) < 3.0 or w in _set(ctx, "brand_verbs") \
            or (j + 1 < n and lows[j + 1] in _set(ctx, "verb_as_modifier")):
        return   # "have google analytics", "should have write access"
    tags = doc.word_tags(k)
    if tags[j] not in ("VB", "VBP", "VBN") and not ((cued or preferred) and tags[j].startswith("NN")) \
            or (j + 1 < n and tags[j + 1] in ("VBN", "VBD")):
        return   # "Have you goose hunted": a compound verb. A noun before "it", "him", "them" is
        # the verb the tagger missed: "I have notice it", "I have review them"
    if not question and (i == 0 or tags[i - 1] not in ("PRP", "NN", "NNS", "NNP", "MD", "RB", "WDT", "WP")) \
            and "'" not in lows[i] and "’" not in lows[i]:
        return   # "have" not as an auxiliary after a subject
    yield rule.issue(verb.start, verb.end, pp, word=verb.text, aux=words[i].text)


# Verbs that take a to-infinitive: after them "to" marks an infinitive, never a preposition.
_TO_INFINITIVE_BEFORE = (_TO_VERBS - {"agree", "agrees", "agreed"}) | frozenset(
    "need needs needed try tries tried able unable going surprised glad happy pleased sorry afraid trying "
    "wanting have has had having ought".split())


def _to_form(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT596: "He tried to lifted the rock", "I was surprised to learns this": after a verb
    that takes a to-infinitive, "to" is followed by the verb's plain form."""
    verb, w = words[i + 1], lows[i + 1]
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[i], verb):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or set(found) - {"VERB", "NOUN"}:
        return
    lemma = found["VERB"][0]
    if lemma == w or lemma in ("be", "have", "do"):
        return
    forms = lexicon.inflections(lemma, "VERB")
    if w in forms.get("VB", ()) or w not in (*forms.get("VBD", ()), *forms.get("VBZ", ())):
        return   # only a past or an -s form: a participle may be an adjective ("tried to limited effect")
    if w in forms.get("VBN", ()) and "NOUN" not in found and w not in forms.get("VBD", ()):
        return
    tags = doc.word_tags(k)
    if tags[i + 1] not in ("VB", "VBP", "VBD", "VBZ", "VBN", "NNS"):
        return
    if tags[i + 1] == "NNS" and ("NOUN" in found or lows[i - 1] in ("going", "able", "unable")):
        return   # "going to lengths": a plural noun after a "to" of place
    if lows[i - 1] in ("have", "has", "had", "having") and w not in forms.get("VBD", ()):
        return   # "I have to charts": "two", not an infinitive
    yield rule.issue(verb.start, verb.end, lemma, word=verb.text)


def _it_noun(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
             ctx: Context) -> Iterator[Issue]:
    """MT597: "it volume goes up", "it status would show": "it" before a noun that has its own
    verb is the possessive "its"."""
    noun, w = words[i + 1], lows[i + 1]
    if not noun.text.isalpha() or not noun.text.islower() or not _plain(doc.text, words[i], noun):
        return
    found = lexicon.lemmas(w)
    if "NOUN" not in found or set(found) - {"NOUN", "VERB"} or lexicon.noun_number(w) is None:
        return
    if w in _set(ctx, "not_possessed") or (i > 0 and not (_clause_start(doc.text, words, lows, i) or lows[i - 1] == "and")):
        return   # "within it members were", "what is it you need": "it" ends a phrase there
    tags = doc.word_tags(k)
    nxt = lows[i + 2]
    nv = lexicon.lemmas(nxt).get("VERB")
    if "VERB" in found:
        # a noun that may be a verb: the tagger must see a noun, then a verb that is no plain form
        if tags[i + 1] not in ("NN", "NNS", "VB", "VBP") or tags[i + 2] not in ("VBZ", "VBD", "MD"):
            return
    elif not (tags[i + 2] in ("VBZ", "VBD", "MD", "VBP")
              or nv and (nxt == nv[0] if lexicon.noun_number(w) == "pl"
                         else nxt in lexicon.inflections(nv[0], "VERB").get("VBZ", ()))):
        return   # a noun only ("origins"), then a verb that agrees with it
    yield rule.issue(words[i].start, words[i].end, "Its" if words[i].text == "It" else "its", word=words[i].text,
                     noun=noun.text)


_MANY_WORDS = _NUMBER_WORDS | frozenset("fifteen multiple various numerous".split())


def _apostrophe_plural(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                       rule) -> Iterator[Issue]:
    """MT598: "two tank's", "four glass's of wine": a plural takes no apostrophe. Only a lower-case
    noun the lexicon knows, after a number above one or "several", "many"; before another noun
    the possessive plural ("three hours' drive") is offered instead."""
    if lows[i].isdigit() and int(lows[i]) < 2:
        return
    j = i + 1
    tok = words[j]
    t = tok.text
    if not (t.endswith("'s") or t.endswith("’s")) or not _plain(doc.text, words[i], tok):
        return
    base = t[:-2]
    if not base.isalpha() or not base.islower() or lexicon.noun_number(base) != "sg":
        return
    plural = _plural_of(base)
    if plural is None:
        return
    nxt_noun = j + 1 < len(words) and words[j + 1].text.isalpha() and words[j + 1].text.islower() \
        and lexicon.noun_number(lows[j + 1]) is not None and "VERB" not in lexicon.lemmas(lows[j + 1]) \
        and _plain(doc.text, tok, words[j + 1])
    fix = (plural + "'" if plural.endswith("s") else plural + t[-2:]) if nxt_noun else plural
    yield rule.issue(tok.start, tok.end, fix, word=t)


_BE_BEFORE_VERB = frozenset("is was it's it’s that's that’s he's he’s she's she’s".split())


def _be_finite(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT599: "Your order is requires approval", "It's violates my liberty": "be" before a
    verb that already carries the tense. Only a word the lexicon knows only as a verb, in its
    -s form."""
    verb, w = words[i + 1], lows[i + 1]
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[i], verb):
        return
    if i > 0 and lows[i - 1] in ("there", "what", "which", "that", "it", "this", "where", "who"):
        return   # "The only product there is contains no sugar": "is" ends a relative clause
    found = lexicon.lemmas(w)
    if set(found) != {"VERB"}:
        return
    forms = lexicon.inflections(found["VERB"][0], "VERB")
    contracted = "'" in lows[i]
    plain = contracted and w == found["VERB"][0] and w in forms.get("VBP", ()) and forms.get("VBZ") \
        and i + 2 < len(words) and _plain(doc.text, verb, words[i + 2]) and words[i + 2].text.isalpha() \
        and doc.word_tags(k)[i + 2] in ("IN", "DT", "PRP", "PRP$", "TO", "RB", "NN", "NNS", "NNP")
    if (w not in forms.get("VBZ", ()) and not plain) or w in forms.get("VBN", ()) or w in forms.get("VBD", ()):
        return
    if doc.word_tags(k)[i + 1] not in (("VBZ", "VBN", "VB", "VBP") if plain else ("VBZ", "VBN")):
        return
    be = words[i]
    head = be.text.split("'")[0].split("’")[0]
    if plain:   # "It's depend on you" -> "It depends"
        yield rule.issue(be.start, verb.end, f"{head} {forms['VBZ'][0]}", word=doc.text[be.start:verb.end])
        return
    fix = f"{head} {verb.text}" if head.lower() not in ("is", "was") else verb.text
    yield rule.issue(be.start, verb.end, fix, word=doc.text[be.start:verb.end])


_APOS_SUBJECTS = frozenset("he she it who everyone everybody nobody someone somebody something "
                           "nothing everything".split())


def _verb_apostrophe(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                     rule) -> Iterator[Issue]:
    """MT560: "It sound's too good", "She seem's happy": a verb's -s written with an apostrophe."""
    tok = words[i + 1]
    base = lows[i + 1][:-2]
    if not base.isalpha() or not tok.text[:-2].islower() or not _plain(doc.text, words[i], tok):
        return
    verb = lexicon.lemmas(base).get("VERB")
    if not verb or verb[0] != base or base in ("be", "have", "do"):
        return
    vbz = (lexicon.inflections(base, "VERB").get("VBZ") or ("",))[0]
    if not vbz or lexicon.zipf(vbz) < 3.0:
        return
    yield rule.issue(tok.start, tok.end, vbz, word=tok.text)


def _wh_agreement(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """MT535: "Who send the documents?", "What make the tide rise?": "who" and "what" as the
    subject of a question take the verb's -s form."""
    verb, w = words[1], lows[1]
    if not verb.text.isalpha() or not verb.text.islower() or not _plain(doc.text, words[0], verb):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] != w or set(found) - {"VERB", "NOUN"} \
            or w in ("be", "do", "have", "need", "dare"):
        return
    if "?" not in doc.text[verb.end:doc.sentences[k].end]:
        return
    tags = doc.word_tags(k)
    if tags[1] not in ("VBP", "VB") or (len(words) > 2 and (tags[2][:2] in ("VB", "MD") or tags[2] == "PRP"
                                                           and lows[2] in _Q_SUBJECTS)):
        return   # "What make is it?", "Who you gonna call?"
    if len(words) < 3 or tags[2] not in ("DT", "PRP$", "PRP", "IN", "RB", "TO", "CD") or lows[2] in ("ye", "thou"):
        return   # "What redeem code?", "What say ye?"
    vbz = (lexicon.inflections(w, "VERB").get("VBZ") or ("",))[0]
    if vbz:
        yield rule.issue(verb.start, verb.end, vbz, word=verb.text, wh=words[0].text)


_TIME_CONJUNCTIONS = frozenset("when after before once until till".split())
# Right before the conjunction, these make its clause a noun clause: "the question is when", "news on when".
_NOUN_CLAUSE_BEFORE = frozenset("about on of is was as to".split())


def _future_in_time_clause(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                           rule, ctx: Context) -> Iterator[Issue]:
    """MT540: "when the connection will appear", "after you will press OK": in a clause of time
    the present stands for the future. Not an indirect question ("I don't know when it will
    come"), nor a relative clause after a time noun ("the day when he will arrive")."""
    asking = _set(ctx, "asking_words")
    if i > 0 and (lows[i - 1] in asking or lows[i - 1] in _set(ctx, "time_nouns") or lows[i - 1] in _NOUN_CLAUSE_BEFORE):
        return
    if not words[i].text[1:].islower():
        return
    # the subject: a pronoun, or up to three words ending in a noun
    j = i + 1
    while j < min(len(words), i + 5) and lows[j] not in ("will", "'ll"):
        if not words[j].text.isalpha() or not _plain(doc.text, words[j - 1], words[j]) \
                or lows[j] in ("but", "and", "or", "so", "then", "that", "which", "who", "when", "where", "if",
                               "because", "whether", "whose", "while"):
            return
        j += 1
    if j < len(words) and not _plain(doc.text, words[j - 1], words[j]):
        return   # "After execution, we will forward": the clause ended at the comma
    if j >= len(words) - 1 or lows[j] not in ("will",) or j == i + 1:
        return
    negated = lows[j + 1] == "not" and lows[i] in ("until", "till") and j + 2 < len(words)
    # "until the process will not be finished": the source's negation («пока не будет закончен»)
    # and its future; English says "until the process is finished"
    v = j + 2 if negated else j + 1
    verb = words[v]
    if not verb.text.isalpha() or not verb.text.islower() or lows[v] in ("have", "not") \
            or lows[v] == "be" and not negated:
        return
    tags = doc.word_tags(k)
    if tags[j] != "MD" or tags[v] != "VB" or tags[i] not in ("WRB", "IN"):
        return
    if i > 0 and tags[i - 1][:2] in ("NN", "CD") and _plain(doc.text, words[i - 1], words[i]) \
            and lows[i] not in ("until", "till"):
        return   # "a plan that details when they will pay": a noun's clause
    head = j - 1
    if tags[head] not in ("PRP", "NN", "NNS", "NNP") or any(t[:2] in ("VB", "MD") for t in tags[i + 1:j]):
        return
    if tags[head] == "PRP" and head > i + 1:
        return   # "After payment you will receive": a phrase, then the main clause's subject
    if any(lows[m] in asking for m in range(i)):
        return   # "I am not sure yet when it will", "to know when the bus comes and when they will"
    singular = tags[head] in ("NN", "NNP") or lows[head] in ("he", "she", "it")
    lemma = lows[v]
    if lemma == "be":
        present = "is" if singular else "am" if lows[head] == "i" else "are"
    else:
        present = (lexicon.inflections(lemma, "VERB").get("VBZ") or (lemma + "s",))[0] if singular else lemma
    yield rule.issue(words[j].start, verb.end, present, word=doc.text[words[j].start:verb.end],
                     conj=words[i].text)



_STATIC_FIRST = (frozenset("this it more used number less interesting very who that which much".split())
                 | _DO_AUX | _SUPERLATIVE_BEFORE | _HAVE_AUX | {"to"} | _MANY_WORDS | _BE_BEFORE_VERB | _APOS_SUBJECTS | {"who", "what"} | _Q_SUBJECTS | _TIME_CONJUNCTIONS
                 | _PLURAL_NOUNS | frozenset(_COPULA) | _CAUSATIVE | _THINK | _PREP_ING | _CONJ_ING | _MODALS_Q | _BE_AUX
                 | _PRONOUN_MODAL | _FROM_ING_FORMS)