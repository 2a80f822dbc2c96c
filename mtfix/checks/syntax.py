"""Grammar on part-of-speech tags (MT531-MT544): what the word-list rules of ``agreement`` cannot
see without knowing whether "build", "books" or "saw" is a verb or a noun here.

Each rule first looks for its trigger words ("has", "was", "a", "much", "there"), and only then
asks ``Doc.word_tags`` for the sentence's tags (``mtfix.tagger``): most sentences are never
tagged, and a run with none of these rules enabled never loads the tagger.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

from .. import lexicon
from ..analysis import Doc, Token
from ..model import Issue
from ..ruledata import Registry
from . import Context, Rules
from .agreement import _SUBJUNCTIVE_CUES

FAMILY = "syntax"

_HAVE = frozenset("have has had haven't hasn't hadn't 've".split())
_BE = {"am": "VBP", "is": "VBZ", "are": "VBP", "was": "VBD", "were": "VBD"}
_ADVERBS = frozenset("not never already just ever also recently always finally previously "
                     "once often sometimes usually really probably actually obviously clearly "
                     "unfortunately fortunately certainly definitely still".split())
# "Have you went?", "What have you did?": a question's subject pronoun between "have" and the verb.
_QUESTION_PRONOUNS = frozenset("you i we they he she it".split())
_WH_OPENERS = frozenset("what where when why how who which".split())
# "all the money they have went to charity": "have" ends a relative clause, "went" is the verb.
_RELATIVE_CUES = frozenset("what whatever all everything anything something nothing that which "
                           "who money".split())
# "All he did was complain", "what we do is help": a pseudo-cleft takes a plain verb after "be".
_CLEFT_CUES = frozenset("do does did doing done want wants wanted".split())
# Simple pasts that are also accepted participles ("has got", "hadn't showed up", "has proved").
_PARTICIPLE_TOO = frozenset("got showed proved swelled mowed sawed sewed sowed strived dived "
                            "learnt burnt dreamt spelt spilt spoilt leapt knelt smelt dwelt "
                            "lit hanged".split())
# What follows a passive participle: "was build in 1990", "was build by", "is use for".
_AFTER_PASSIVE = frozenset("in by for on at to from with into as during since after before "
                           "within without under".split())
# Subordinators the tagger calls IN: "after we had spoke" opens a clause, it ends none.
_CLAUSE_OPENING_IN = frozenset("after before since until till once because although though if when "
                               "while unless whereas as".split())
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
    return _word_list_cached(reg, key)


def _word_set(reg: Registry | None, key: str) -> frozenset[str]:
    return frozenset() if reg is None else _word_set_cached(reg, key)


@lru_cache(maxsize=64)
def _word_set_cached(reg: Registry, key: str) -> frozenset[str]:
    return frozenset(_word_list_cached(reg, key))


@lru_cache(maxsize=64)
def _word_list_cached(reg: Registry, key: str) -> tuple[str, ...]:
    """The YAML's word list, read once per registry (a check runs per sentence)."""
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
    much, there, a_adj_plural = rules.get("MT534"), rules.get("MT536"), rules.get("MT518")
    if any(rules.get(c) for c in _MORE_CODES):
        yield from _more(doc, rules, ctx)
    if not (perfect or be_rule or a_plural or much or there or a_adj_plural):
        return
    reg = ctx.registry
    plurals_ok = _word_set(reg, "a_plurals") | _word_set(reg, "a_plural_quantities")
    text = doc.text
    for k, words in enumerate(doc.sentence_words):
        n = len(words)
        for i, tok in enumerate(words):
            lw = tok.lower.replace("’", "'")
            if i + 1 >= n or not _adjacent(text, tok, words[i + 1]):
                continue
            if perfect and lw in _HAVE:
                yield from _perfect(doc, k, words, i, perfect)
            elif be_rule and lw == "been" and i > 0 and words[i].text == "been":
                yield from _been_plain(doc, k, words, i, be_rule)
            elif be_rule and (lw in _BE or lw == "be") and i > 0:
                yield from _be_plain(doc, k, words, i, be_rule)
            elif lw in ("a", "an") and (a_plural or a_adj_plural):
                yield from _a_plural(doc, k, words, i, a_plural, plurals_ok, a_adj_plural)
            elif much and lw == "much" and tok.text == "much" and i > 0 \
                    and words[i - 1].lower in _MUCH_OPENERS:
                nxt = words[i + 1]
                if (nxt.lower in _PLURAL_TOO or lexicon.noun_number(nxt.lower) == "pl"
                        and nxt.lower not in plurals_ok) \
                        and nxt.text.islower() and doc.word_tags(k)[i + 1] == "NNS" \
                        and (words[i - 1].lower == "too"
                             or i + 2 < n and words[i + 2].lower in _QUESTION_AUX):
                    yield much.issue(tok.start, tok.end, "many")
            elif there and lw in ("there", "there's", "there’s") and i + 1 < n:
                yield from _there_plural(doc, k, words, i, there)


# Units that a bare "there is" may take as one amount ("there is minutes to go"); after a number
# only "percent", "per", "times" (as before: "there is two days of ..." is flagged).
_MEASURES = frozenset("percent per times minutes hours days weeks months years seconds dollars euros pounds "
                      "miles kilometres kilometers metres meters feet inches degrees points cents bucks".split())


# Adverbs that may stand between "there is" and its plural: "there is also people".
_THERE_ADVERBS = frozenset("also still always often usually sometimes now only just even already".split())
_THERE_OPENERS = frozenset("and but or so because if when while that although though whereas since as then "
                           "now here also".split())


def _there_plural(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    """MT536: "There is many reasons", "There's 3 women waiting", "There is problems with
    the server": the existential's verb before a number or quantity and a plural, or before a
    bare plural noun the tagger reads as one."""
    n = len(words)
    tok = words[i]
    contracted = tok.lower != "there"
    if contracted:
        verb, j = tok, i + 1
    else:
        if words[i + 1].lower not in ("is", "was") or not _adjacent(doc.text, tok, words[i + 1]):
            return
        verb, j = words[i + 1], i + 2
    if j + 1 >= n or not _adjacent(doc.text, words[j - 1], words[j]):
        return
    if words[j].lower in _THERE_ADVERBS and j + 2 < n and _adjacent(doc.text, words[j], words[j + 1]) \
            and _clause_start(doc.text, words, [w.lower for w in words], i, _THERE_OPENERS):
        j += 1   # "there is also people", "there was still many cars"; an existential "there"
        # opens its clause ("The guide who took us there was only ten years old" is no existential)
    first = words[j].lower
    if first == "some" and j + 2 < n and _adjacent(doc.text, words[j], words[j + 1]) \
            and lexicon.noun_number(words[j + 1].lower) == "pl" and words[j + 1].lower not in _MEASURES \
            and words[j + 1].lower not in _NOT_PLURAL_SUBJECTS and doc.word_tags(k)[j + 1] == "NNS" \
            and words[j + 2].lower != "of":
        pass   # "there is some problems": "some" before a plural the tagger reads as one
    elif first in ("people", "children", "men", "women") and words[j].text.islower() \
            and doc.text[words[j].end:words[j].end + 1] not in ("'", "’"):
        pass   # "there is also people that": these plurals have no -s
    elif first in _NUMBER_WORDS or words[j].text.isdigit() and words[j].text not in ("1", "0"):
        noun = words[j + 1].lower
        if not (noun in _PLURAL_TOO or lexicon.noun_number(noun) == "pl") or noun in ("percent", "per", "times"):
            return
    elif words[j].text.isalpha() and words[j].text.islower() and lexicon.noun_number(first) == "pl" \
            and first not in _PLURAL_TOO and first not in _NOT_PLURAL_SUBJECTS and first not in ("lots", "heaps", "tons", "loads") \
            and first not in _MEASURES:
        # a bare plural: "there is problems"; the tagger must agree, and "of" must not follow
        # ("there is dozens of ways" is a quantity)
        if doc.word_tags(k)[j] != "NNS" or words[j + 1].lower == "of" \
                or "VERB" in lexicon.lemmas(first) and doc.word_tags(k)[j + 1].startswith("NN"):
            return
    else:
        return
    if contracted:
        right = tok.text[:-2] + " are"   # "There's" -> "There are"
        yield rule.issue(tok.start, tok.end, right, there=tok.text)
        return
    right = "are" if verb.lower == "is" else "were"
    yield rule.issue(verb.start, verb.end, _cased(verb.text, right), there=f"{tok.text} {verb.text}")


def _perfect(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    j = i + 1
    question = False
    if words[j].lower in _QUESTION_PRONOUNS and (i == 0 or words[i - 1].lower in _WH_OPENERS) \
            and "?" in doc.text[words[j].end:doc.sentences[k].end]:
        question, j = True, j + 1   # "Have you went to Italy?", "What have you did?"
    while j < len(words) and words[j].lower in _ADVERBS and j < i + 4:
        j += 1
    if j >= len(words):
        return
    tok = words[j]
    w = tok.text
    if not w.isalpha() or not w.islower():
        return
    if not question and (i >= 2 and words[i - 2].lower in _RELATIVE_CUES
                         or i >= 1 and words[i - 1].lower in _RELATIVE_CUES):
        return
    if w in _PARTICIPLE_TOO:
        return
    got = _verb_forms(w, only=False)
    if got is None:
        return
    lemma, forms = got
    if lemma == "be" and not question:
        return   # "the job I had was in Germany": "had" ends a relative clause
    vbn = forms.get("VBN", ())
    if w not in forms.get("VBD", ()) or w in vbn or not vbn:
        return
    tags = doc.word_tags(k)
    if not tags[i].startswith("VB") or not (tags[j].startswith("VB") or w in _PAST_ONLY or question):
        return   # the tagger is unsure of rare past forms ("had often sang", "has not broke")
    if not question and i >= 2 and (tags[i - 2].startswith(("NN", "PRP", "WP", "WDT", "IN")) and tags[i - 1].startswith(("PRP", "NNP"))
                   and words[i - 2].lower not in _CLAUSE_OPENING_IN
                   or words[i - 2].lower in _RELATIVE_CUES):
        return   # "the chances he had went to the striker": a relative clause ends at "had"
    yield rule.issue(tok.start, tok.end, vbn[0], aux=words[i].text)


_AFTER_PASSIVE_STRICT = frozenset("by from via through using automatically remotely online directly "
                                  "again manually on in at as".split())
_BE_ADVERBS = frozenset("not also already now still then usually always often never currently "
                        "automatically only".split())
# "be" after these is the plain infinitive of a passive: "can be access" -> "can be accessed".
_BEFORE_BE = frozenset("will would can could should might must may shall to cannot won't wouldn't "
                       "can't couldn't shouldn't".split())


# Verbs with no passive: after "be" + "not" they want "do" ("was not succeed" -> "did not succeed").
_NO_PASSIVE = frozenset("succeed exist happen occur arrive depend belong seem appear agree disagree consist "
                        "respond react participate hesitate insist comply cooperate differ emerge vanish "
                        "disappear suffice fail matter".split())
# Irregular pasts after "be" whose fix is not "be" + participle ("is went": "has gone")
_PAST_NOT = frozenset("go come do become run be have get".split())
_PAST_CUES = frozenset("what whatever whoever whichever all everything anything".split())
_BE_DO = {"is": "does", "are": "do", "am": "do", "was": "did", "were": "did"}


def _be_plain(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    """MT532: "was create", "is recommend", "is not support", "can be access": a plain verb after
    "be" wants its participle (or, after a finite "be", drop "be"). One adverb may stand between
    ("is not support": then only the participle is offered)."""
    adverb = None
    if i + 2 < len(words) and words[i + 1].lower in _BE_ADVERBS and _gap_plain(doc.text, words[i], words[i + 1]):
        adverb = words[i + 1]
        words = list(words[:i + 1]) + list(words[i + 2:])   # judge "is support" without the adverb
    infinitive = words[i].lower == "be"
    if infinitive and (i == 0 or words[i - 1].lower not in _BEFORE_BE
                       or any(t.lower == "there" for t in words[max(0, i - 5):i])):
        return   # not "there will be follow up" (existential "be")
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
    # "is tore off", "were took by": an irregular past that is not the participle, of a word
    # that is only a verb ("was broke", "is spoke" and "be bit" are other words too)
    past = w != lemma and w in forms.get("VBD", ()) and forms.get("VBN") and w not in forms["VBN"] \
        and lemma not in _PAST_NOT and set(lexicon.lemmas(w)) == {"VERB"} \
        and w not in _PARTICIPLE_TOO   # "was hanged", "were burnt"
    if not past and (w != lemma or not forms.get("VBN") or w in forms["VBN"] or w in forms.get("VBD", ())):
        return
    if past and any(t.lower in _PAST_CUES for t in words[:i]):
        return   # "Whatever it was took a while": the past is the clause's own verb
    noun = "NOUN" in lexicon.lemmas(w)
    be_low = words[i].lower.replace("’", "'")
    from ..lm import language_model

    bigrams = language_model().bi
    # the participle the bigram model knows after this "be" ("be cancelled", not "be canceled")
    vbn = next((p for p in forms["VBN"] if bigrams.get(f"{words[i].lower} {p}") is not None), forms["VBN"][0])
    seen = bigrams.get(f"{words[i].lower} {vbn}") is not None
    if noun and (not seen or i + 2 >= len(words) or words[i + 2].lower not in _AFTER_PASSIVE):
        return   # "is form itself", "were club president", "is check out": a noun, or unsure
    if adverb is not None and adverb.lower == "not" and lemma in _NO_PASSIVE and not noun \
            and be_low in _BE_DO and _gap_plain(doc.text, adverb, tok):
        tags = doc.word_tags(k)
        if tags[i + 2] == "VB" and tags[i - 1].startswith(("NN", "PRP", "EX", "DT")):
            # "the installation was not succeed": a verb with no passive wants "do" ("did not succeed")
            right = f"{_cased(words[i].text, _BE_DO[be_low])} not {w}"
            yield rule.issue(words[i].start, tok.end, right,
                             message=f"'{words[i].text} not {w}': '{w}' has no passive; "
                                     f"English negates it with 'do': '{right}'")
        return
    if (adverb is not None or infinitive) and (not seen or (noun or adverb is not None) and (
            i + 2 >= len(words) or words[i + 2].lower not in _AFTER_PASSIVE_STRICT)):
        return   # with an adverb between or after "can be", only a passive the model knows, and
        # for a word that is a noun too or after an adverb only before a cue only a passive has:
        # not "be access for all", "is not complete."; a word that is only a verb needs no cue
        # ("the order will be cancel if you do not pay")
    tags = doc.word_tags(k)
    if adverb is not None:
        tags = tags[:i + 1] + tags[i + 2:]
    if infinitive:
        if not (tags[i + 1].startswith(("VB", "NN")) or not noun and tags[i + 1] == "JJ"
                and bigrams.get(f"be {w}") is None):
            return   # (a word the lexicon knows only as a verb, after "be" the bigram model has
            # never seen it after, counts where the tagger guessed an adjective: "will be cancel if")
    elif not (tags[i + 1].startswith("VB") or not noun and tags[i + 1] in ("JJ", "NN") and seen
              and bigrams.get(f"{words[i].lower} {w}") is None
              and not (i + 2 < len(words) and tags[i + 2].startswith(("NN", "JJ")))) \
            or not (tags[i - 1].startswith(("NN", "PRP", "EX", "WDT")) or tags[i - 1] in ("DT",)):
        return   # (a word the lexicon knows only as a verb counts even where the tagger guessed
        # an adjective or noun for it, if the bigram model knows "be" + its participle and not
        # "be" + the word: "a users' group was establish"; not "the list is complete")
    be = words[i]
    if adverb is not None or infinitive or past:
        mid = f" {adverb.text}" if adverb is not None else ""
        yield rule.issue(be.start, tok.end, f"{be.text}{mid} {vbn}", be=be.text,
                         words=f"{be.text}{mid} {w}", or_drop="")
        return
    participle = f"{be.text} {vbn}"
    finite = (forms.get(_BE[be.lower]) or (lemma,))[0]
    first, second = (participle, finite) if seen else (finite, participle)
    yield rule.issue(be.start, tok.end, first, suggestions=[second], be=be.text, words=f"{be.text} {w}",
                     or_drop=f", or drop '{be.text}'")


_BEEN_NOT = frozenset("do have be get go".split())


def _been_plain(doc: Doc, k: int, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    """MT532: "has been introduce", "have been ask to", "has been gave": after "been" a verb
    takes its past participle. A word the lexicon knows only as a verb; one that is a noun too
    ("has been head of") only before a word a passive has after it ("been test by", "been
    release in") where the bigram model knows "been" + participle."""
    if i + 1 >= len(words) or not _adjacent(doc.text, words[i], words[i + 1]):
        return
    tok = words[i + 1]
    w = tok.text
    if not w.isalpha() or not w.islower() or len(w) < 3:
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or "ADJ" in found or set(found) - {"VERB", "NOUN"}:
        return
    lemma = found["VERB"][0]
    if lemma in _BEEN_NOT:
        return
    forms = lexicon.inflections(lemma, "VERB")
    pp = (forms.get("VBN") or ("",))[0]
    if not pp or w == pp or w in forms.get("VBN", ()) or w not in (lemma, *forms.get("VBD", ())) \
            or w != lemma and w.endswith("ed"):
        return   # "been spoiled" ("spoilt" is not the only participle)
    if "NOUN" in found:
        from ..lm import language_model

        if language_model().bi.get(f"been {pp}") is None or i + 2 >= len(words) \
                or words[i + 2].lower not in _AFTER_PASSIVE_STRICT | {"to", "by", "in", "for", "with", "on", "at"}:
            return   # "has been head of", "had been fish" : a noun, or unsure
    if lexicon.zipf(pp) < 3.0:
        return
    yield rule.issue(words[i].start, tok.end, f"been {pp}", be="been", words=f"been {w}", or_drop="")


def _a_plural(doc: Doc, k: int, words: Sequence[Token], i: int, rule,
              plurals_ok: frozenset[str], adj_rule=None) -> Iterator[Issue]:  # noqa: ANN001
    art, nxt = words[i], words[i + 1]
    w = nxt.text
    adj = words[i + 1].lower
    if adj_rule is not None and i + 2 < len(words) and adj.isalpha() and adj not in plurals_ok and w.islower() \
            and doc.text[art.end:nxt.start] == " " and lexicon.noun_number(adj) != "pl" \
            and (art.text in ("a", "an") or i == 0):
        # "a new issues", "a severe economic crises": adjectives between the article and the plural
        j = _modified_head(doc, k, words, i, plurals_ok)
        if j is not None:
            yield from _a_adj_plural(doc, k, words, i, j, adj_rule, plurals_ok)
            return
    if rule is None:
        return
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
    singular = _tagged_plural(doc, k, i + 1, w)
    if singular is None:
        return
    tags = doc.word_tags(k)
    if i + 2 < len(words) and tags[i + 2].startswith("NN") and words[i + 2].lower not in _NOT_NOUNS:
        return   # a modifier: "a sports car", "a savings account"
    yield rule.issue(nxt.start, nxt.end, singular, article=art.text)


def _tagged_plural(doc: Doc, k: int, j: int, w: str) -> str | None:
    """The singular of plural noun ``w`` (word ``j`` of sentence ``k``) if the lexicon has one
    and the tagger reads the word as a plural noun (NNS) here, else None."""
    singular = (lexicon.lemmas(w).get("NOUN") or (None,))[0]
    if not singular or singular == w or doc.word_tags(k)[j] != "NNS":
        return None
    return singular


# Adjectives of quantity: "a several options" wants "a" gone, not a singular; "a half".
_QUANTITY_ADJECTIVES = frozenset("several various numerous multiple many few half countless".split())


def _modified_head(doc: Doc, k: int, words: Sequence[Token], i: int,
                   plurals_ok: frozenset[str]) -> int | None:
    """After the article at ``i``, one to three adjectives the tagger reads as adjectives ("new",
    "severe economic", "major": a verb too, but tagged JJ), each a lower-case word parted by one
    space and never a determiner or number: the index of the plural noun after them, else None."""
    # the cheap word test before tagging: a plural noun within the next four words
    if not any(lexicon.noun_number(words[m].lower) == "pl" for m in range(i + 2, min(len(words), i + 5))):
        return None
    tags = doc.word_tags(k)
    j = i + 1
    while j < len(words) and j <= i + 3:
        t, low = words[j].text, words[j].lower
        if not t.isalpha() or not t.islower() or low in plurals_ok or doc.text[words[j - 1].end:words[j].start] != " ":
            return None
        found = lexicon.lemmas(low)
        if tags[j] == "NNS":
            return j if j > i + 1 else None
        if tags[j] != "JJ" or set(found) & {"DET", "NUM"} or "ADJ" not in found or low in _QUANTITY_ADJECTIVES:
            return None   # a noun before the plural is its subject as often as its modifier:
            # "a mistake students make", "a feature users like"
        j += 1
    return None


def _a_adj_plural(doc: Doc, k: int, words: Sequence[Token], i: int, j: int, rule,
                  plurals_ok: frozenset[str]) -> Iterator[Issue]:
    """MT518: MT533 with adjectives between: "not a new issues", "a good suggestions", "a severe
    economic crises"."""
    noun = words[j]
    w = noun.text
    if not w.isalpha() or not w.islower() or w in plurals_ok or lexicon.noun_number(w) != "pl":
        return
    if j + 1 < len(words) and (words[j + 1].lower in _COMPOUND_NEXT
                               or lexicon.lemmas(words[j + 1].lower).get("NOUN") and words[j + 1].lower not in _NOT_NOUNS):
        return   # "a new sports car"
    after = doc.text[noun.end:noun.end + 2]
    if after[:1] in ("'", "’", "-") or (after[:1] == "." and after[1:].isalnum()):
        return   # "a new users' guide", "a new ups.com user"
    found = lexicon.lemmas(w)
    singular = (found.get("NOUN") or (None,))[0]
    if not singular or singular == w or set(found) - {"NOUN", "VERB"}:
        return
    if "VERB" in found and any("NOUN" in lexicon.lemmas(words[m].lower) for m in range(i + 1, j)):
        return   # "A liberal refrains from", "a newborn needs": a noun and its verb
    if j + 1 < len(words) and words[j + 1].lower in ("ago", "later", "earlier", "before"):
        return   # "a convertible years ago"
    tags = doc.word_tags(k)
    if tags[j] != "NNS" or (j + 1 < len(words) and tags[j + 1].startswith("NN")):
        return
    yield rule.issue(noun.start, noun.end, singular, article=words[i].text)


# ------------------------------------------------------------------ MT537-MT544
_MORE_CODES = ("MT519", "MT528", "MT529", "MT530", "MT503", "MT507", "MT504", "MT505", "MT506", "MT537", "MT538", "MT539", "MT541", "MT542", "MT543", "MT544", "MT545", "MT546",
               "MT547", "MT548", "MT549", "MT550", "MT551", "MT552", "MT553", "MT554", "MT555", "MT556",
               "MT557", "MT558", "MT559", "MT561", "MT562", "MT563", "MT508", "MT509", "MT510")
_HAVE_PERFECT = frozenset(("have", "has"))   # not "'ve": "I've seen" has no word to rewrite
_MODAL_BEFORE = frozenset("will would could should might must may can shall 'd 'll to".split())
# Time adverbials of a finished past: "yesterday", "last week", "two years ago", "in 2010".
_LAST_UNITS = frozenset("night week month year weekend summer winter spring autumn fall monday "
                        "tuesday wednesday thursday friday saturday sunday time".split())
_CLAUSE_BREAK = frozenset("and but or because since when while if that which who where before "
                          "after until than so as though although whether".split())
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december monday tuesday wednesday thursday friday saturday "
                    "sunday".split())
_SINCE_NOUNS = frozenset("childhood birth then yesterday morning".split()) | _MONTHS
_STATIVE = frozenset("know belong consist own contain".split())
_SUBJECTS = {"i": "sg1", "he": "sg3", "she": "sg3", "it": "sg3", "we": "pl", "you": "pl", "they": "pl"}
_SUGGEST_VERBS = frozenset("suggest suggests suggested suggesting propose proposes proposed "
                           "proposing".split())
# After a plain verb that is also a noun, what makes it a verb: "to meet you", "to work with".
_VERB_OBJECT_CUES = frozenset("you him her them us me it from with on together again".split())
_OBJECTS = {"me": "I", "him": "he", "her": "she", "us": "we", "them": "they"}


def _gap_plain(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return not gap.strip()


def _more(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    reg = ctx.registry
    uncountable = _word_set(reg, "uncountable_singulars")
    plurals_ok = _word_set(reg, "a_plurals") | _word_set(reg, "a_plural_quantities")
    forward, finished, since = rules.get("MT537"), rules.get("MT538"), rules.get("MT539")
    stative, a_unc, more, suggest = (rules.get("MT541"), rules.get("MT542"), rules.get("MT543"),
                                     rules.get("MT544"))
    bare_pp, agree = rules.get("MT545"), rules.get("MT546")
    collective = _word_set(reg, "collective_nouns")
    its, your, tag_q, to_missing, double_neg, doubled_be, age, to_past = (
        rules.get(c) for c in ("MT547", "MT548", "MT549", "MT550", "MT551", "MT552", "MT553", "MT554"))
    inverted, attraction = rules.get("MT557"), rules.get("MT558")
    prep_to, no_it = rules.get("MT559"), rules.get("MT561")
    for k, words in enumerate(doc.sentence_words):
        n = len(words)
        lows = [t.lower.replace("’", "'") for t in words]
        if inverted and n > 3:
            yield from _inverted_passive(doc, k, words, lows, inverted)
        if no_it and n > 4 and lows[0] in _OPENING_PREPOSITIONS:
            yield from _missing_it(doc, k, words, lows, no_it)
        if (wh := rules.get("MT562")) and n > 2 and lows[0] in _WH and lows[1] in _WH_SUBJECTS \
                and lows[2] in _WH_AUX and words[0].text[:1].isupper():
            sent = doc.sentences[k]
            if doc.text[sent.start:sent.end].rstrip().endswith("?") and _gap_plain(doc.text, words[0], words[1]):
                yield wh.issue(words[1].start, words[2].end, None, word=doc.text[words[0].start:words[2].end],
                               inverted=f"{words[0].text} {words[2].text} {words[1].text}")
        elif (wh := rules.get("MT562")) and n > 4 and lows[0] == "how" and lows[1] in _HOW_MEASURES \
                and lows[2] in _WH_SUBJECTS and lows[3] in _WH_AUX and words[0].text[:1].isupper():
            # "How long I have to wait?", "How much it will cost?"
            sent = doc.sentences[k]
            if doc.text[sent.start:sent.end].rstrip().endswith("?") \
                    and all(_gap_plain(doc.text, words[m], words[m + 1]) for m in range(3)):
                yield wh.issue(words[2].start, words[3].end, None, word=doc.text[words[0].start:words[3].end],
                               inverted=f"{words[0].text} {words[1].text} {words[3].text} {words[2].text}")
        elif (wh := rules.get("MT562")) and n > 3 and lows[0] in ("how", "what", "where", "why") \
                and lows[1] in _WH_SUBJECTS and words[0].text[:1].isupper() and words[2].text.islower():
            yield from _wh_lexical_verb(doc, k, words, lows, wh)
        elif (wh := rules.get("MT562")) and n > 4 and lows[0] in _WH_NOUN and lows[1] in _WH_DETS \
                and words[0].text[:1].isupper():
            yield from _wh_noun_subject(doc, k, words, lows, wh)
        for i in range(n):
            lw = lows[i]
            if (be_be := rules.get("MT508")) and lw in _BE_FINITE and i + 3 < n and lows[i + 1] in _BE_BE_ADVERBS \
                    and lows[i + 2] == "be" and words[i + 2].text == "be":
                yield from _be_adverb_be(doc, k, words, lows, i, be_be)
            if (be_verb := rules.get("MT509")) and i + 1 < n and (
                    lw in _BE_SUBJECTS and lows[i + 1] in _BE_OF[lw] or lw in _BE_CONTRACTED_SUBJECT):
                yield from _pronoun_be_verb(doc, k, words, lows, i, be_verb)
            if (no_verb := rules.get("MT510")) and i + 1 < n and lows[i + 1] in _HERE_THERE_DETS and (
                    lw == "here" and _here_opens(lows, i)
                    or lw == "there" and (i == 0 or lows[i - 1] in _THERE_AFTER
                                          or _clause_start(doc.text, words, lows, i, frozenset()))):
                yield from _here_there_no_verb(doc, k, words, lows, i, no_verb)
            # MT549 and MT553 start at words other branches of the chain below also start at
            # ("have", "has"): checked on their own, so that a full run sees them
            if tag_q and lw in _TAG_FIX and i + 1 < n and lows[i + 1] in _TAG_SUBJECTS:
                yield from _tag_question(doc, words, lows, i, tag_q)
            if age and lw in ("has", "have", "had") and i + 3 < n and _is_number(words[i + 1].text) \
                    and lows[i + 2] in ("years", "year") and lows[i + 3] == "old" and i > 0:
                subj = lows[i - 1]
                right = {"i": "am", "you": "are", "we": "are", "they": "are"}.get(subj, "is")
                if lw == "had":
                    right = "were" if right == "are" else "was"
                yield age.issue(words[i].start, words[i].end, right, word=words[i].text)
            if forward and lw == "forward" and 0 < i and i + 2 < n and lows[i + 1] == "to" \
                    and lexicon.lemmas(lows[i - 1]).get("VERB", ("",))[0] == "look":
                yield from _forward(doc, k, words, i + 2, forward)
            elif finished and lw in _HAVE_PERFECT and i + 1 < n:
                yield from _finished(doc, k, words, lows, i, finished)
            elif since and lw == "since" and (1 < i or i == 0) and i + 1 < n:
                yield from _since(doc, k, words, lows, i, since)
            elif stative and lw in ("am", "is", "are", "was", "were") and 0 < i and i + 1 < n \
                    and lows[i - 1] in _SUBJECTS and lows[i + 1].endswith("ing") \
                    and lexicon.lemmas(lows[i + 1]).get("VERB", ("",))[0] in _STATIVE:
                yield from _stative(doc, k, words, lows, i, stative)
            elif a_unc and lw in ("a", "an") and i + 1 < n and lows[i + 1] in uncountable \
                    and words[i].text in ("a", "an", "A", "An") and words[i + 1].text.islower():
                yield from _a_uncountable(doc, k, words, lows, i, a_unc)
            elif a_unc and lw in ("a", "an") and i + 2 < n and lows[i + 2] in _NEVER_COUNTED \
                    and words[i].text in ("a", "an", "A", "An") and words[i + 1].text.isalpha() \
                    and words[i + 1].text.islower() and lows[i + 1] not in _MASS_QUANTIFIERS \
                    and "ADJ" in lexicon.lemmas(lows[i + 1]) and _gap_plain(doc.text, words[i], words[i + 1]) \
                    and doc.word_tags(k)[i + 1] == "JJ":
                yield from _a_uncountable(doc, k, words, lows, i, a_unc, adjective=True)
            elif more and lw in ("more", "most") and words[i].text.islower() and i + 2 < n:
                yield from _double_comparative(doc, k, words, lows, i, more)
            elif suggest and lw in _SUGGEST_VERBS and i + 3 < n and lows[i + 1] in _OBJECTS \
                    and lows[i + 2] == "to":
                yield from _suggest_object(doc, k, words, lows, i, suggest)
            elif bare_pp and lw in _NOMINATIVE and i + 1 < n and lows[i + 1] in _PARTICIPLE_ONLY \
                    and _clause_start(doc.text, words, lows, i, _SUBJECT_OPENERS | {"then"}):
                yield from _bare_participle(doc, k, words, lows, i, bare_pp)
            elif (a_number := rules.get("MT555")) and lw in ("a", "an") and i + 2 < n \
                    and words[i].text in ("a", "an", "A", "An") and _plural_count(words, lows, i + 1):
                nxt = words[i + 1]
                if _gap_plain(doc.text, words[i], nxt) and doc.text[words[i + 2].end:words[i + 2].end + 1] not in ("'", "’", "-") \
                        and doc.text[nxt.end:nxt.end + 1] != "-":
                    yield a_number.issue(words[i].start, nxt.start, "", word=doc.text[words[i].start:words[i + 2].end])
            elif (no_not := rules.get("MT507")) and i + 3 < n and lows[i + 2] == "not" and (
                    lw == "there" and lows[i + 1] in ("is", "are", "was", "were")
                    or lw in _SUBJECTS and lows[i + 1] in ("have", "has", "had")):
                yield from _not_for_no(doc, k, words, lows, i, no_not)
            elif (there_a := rules.get("MT556")) and lw == "there" and i + 3 < n and lows[i + 1] in ("are", "were") \
                    and lows[i + 2] in ("a", "an") and lows[i + 3] not in _A_QUANTITY \
                    and lexicon.noun_number(lows[i + 3]) == "sg" and words[i + 3].text.islower() \
                    and not (lows[i + 1] == "were" and any(w in ("if", "wish", "though") for w in lows[max(0, i - 3):i])):
                tags = doc.word_tags(k)
                if tags[i + 3] == "NN" and not (i + 4 < n and lows[i + 4] == "of") \
                        and not (i + 4 < n and tags[i + 4].startswith("NN")):
                    verb = words[i + 1]
                    yield there_a.issue(verb.start, verb.end, "is" if lows[i + 1] == "are" else "was",
                                        there=f"{words[i].text} {verb.text}")
            elif its and lw == "its" and i + 1 < n and words[i].text in ("its", "Its"):
                yield from _its(doc, k, words, lows, i, its)
            elif your and lw == "your" and i + 1 < n and words[i].text in ("your", "Your"):
                yield from _your(doc, k, words, lows, i, your)
            elif to_missing and (lw in _TO_VERBS or lw in _NEED_TRY or lw in _NEED
                                 or lw in _LIKE_LOVE and i > 0 and lows[i - 1] in _LIKE_BEFORE) \
                    and i + 1 < n:
                yield from _to_missing(doc, k, words, lows, i, to_missing)
            elif double_neg and lw in _NEGATIONS and i + 1 < n:
                yield from _double_negative(doc, k, words, lows, i, double_neg)
            elif doubled_be and lw in _BE_CONTRACTED and i + 1 < n and lows[i + 1] in ("are", "is", "am", "aren't", "isn't"):
                nxt = words[i + 1]
                if _gap_plain(doc.text, words[i], nxt) and nxt.text.islower():
                    stem = words[i].text[:-3]   # "You're" -> "You"
                    right = words[i].text if lows[i + 1] in ("are", "is", "am") else f"{stem} {nxt.text}"
                    yield doubled_be.issue(words[i].start, nxt.end, right,
                                           word=doc.text[words[i].start:nxt.end])
            elif to_past and lw == "to" and i + 1 < n and lows[i + 1] in _PAST_ONLY and words[i + 1].text.islower() \
                    and _gap_plain(doc.text, words[i], words[i + 1]):
                got = _verb_forms(lows[i + 1], only=True)
                if got is not None and i > 0 and lows[i - 1] in _TO_BEFORE and doc.word_tags(k)[i] == "TO":
                    yield to_past.issue(words[i + 1].start, words[i + 1].end, got[0], word=words[i + 1].text)
            elif (sup := rules.get("MT503")) and i + 1 < n and words[i + 1].text.islower() \
                    and (lw in _BE_FORMS or lw == "of" and i > 0 and lows[i - 1] in _PART_OF) \
                    and (lows[i + 1] == "most" or lows[i + 1].endswith("est")) \
                    and _gap_plain(doc.text, words[i], words[i + 1]):
                yield from _superlative(doc, k, words, lows, i, sup, uncountable)
            elif (caus := rules.get("MT504")) and lw in _CAUSATIVE and i + 2 < n and lows[i + 1] in _CAUSATIVE_OBJECTS \
                    and words[i + 2].text.islower() and (lows[i + 2].endswith("s") or lows[i + 2] in _PAST_ONLY):
                yield from _causative(doc, k, words, lows, i, caus)
            elif (adv := rules.get("MT505")) and lw in _BEFORE_ADVERB and i + 2 < n and words[i + 1].text.islower() \
                    and words[i + 1].text.isalpha() and lows[i + 1] not in _FLAT_ADVERBS:
                yield from _adjective_for_adverb(doc, k, words, lows, i, adv)
            elif (det := rules.get("MT506")) and lw in ("this", "every", "each") and i + 2 < n \
                    and words[i + 1].text.islower() and words[i + 1].text.isalpha() \
                    and lexicon.noun_number(lows[i + 1]) == "pl":
                yield from _determiner_number(doc, k, words, lows, i, det, plurals_ok)
            elif (also := rules.get("MT563")) and lw in _AFTER_VERB_ADVERBS and 0 < i and i + 1 < n \
                    and _gap_plain(doc.text, words[i - 1], words[i]) and _gap_plain(doc.text, words[i], words[i + 1]):
                yield from _also_after_verb(doc, k, words, lows, i, also)
            elif prep_to and (lw in ("without", "besides") or lw in ("before", "after")
                              and _clause_start(doc.text, words, lows, i, frozenset())) \
                    and i + 2 < n and lows[i + 1] == "to" \
                    and _gap_plain(doc.text, words[i], words[i + 1]) and words[i + 2].text.islower():
                got = _verb_forms(lows[i + 2], only=False)
                if got is not None and lows[i + 2] == got[0] and got[1].get("VBG") \
                        and doc.word_tags(k)[i + 2] == "VB":
                    yield prep_to.issue(words[i].start, words[i + 2].end, f"{words[i].text} {got[1]['VBG'][0]}",
                                        word=doc.text[words[i].start:words[i + 2].end])
            if attraction and lw in _PLURAL_DETERMINERS and i + 3 < n and words[i].text[1:].islower() \
                    and (_clause_start(doc.text, words, lows, i, _SUBJECT_OPENERS)
                         or i > 1 and lows[i - 1] == "that" and _plain_that(lows, i)) \
                    and not (i > 0 and lows[i - 1] == "and"):
                yield from _plural_subject(doc, k, words, lows, i, attraction)
            elif attraction and i == 0 and n > 3 and lw not in _SINGULAR_DETERMINERS and words[0].text.isalpha():
                yield from _plural_subject(doc, k, words, lows, i, attraction, bare=True)
            if lw in _HOMOPHONE_STARTS and words[i].text.islower() and 0 < i:
                yield from _homophones(doc, k, words, lows, i, rules)
            # not in the chain above: "the" also opens MT558's plural subjects, and a word may
            # start both ("The system have no access" is MT546's)
            if agree and lw in _SINGULAR_DETERMINERS and words[i].text[1:].islower() and i + 2 < n \
                    and (_clause_start(doc.text, words, lows, i, _SUBJECT_OPENERS)
                         or i > 1 and lows[i - 1] == "that" and _plain_that(lows, i)) \
                    and not (i > 0 and lows[i - 1] == "and") and _maybe_disagrees(lows, i):
                yield from _singular_subject(doc, k, words, lows, i, agree, collective)


# ------------------------------------------------------------------ MT519, MT528-MT530
_HOMOPHONE_STARTS = frozenset("then by no to two".split())
# MT519: comparatives the tagger may not mark; and the ones left out ("see you later then").
_THAN_BEFORE = frozenset("more less fewer better worse rather other".split())
_NOT_THAN = frozenset("later earlier sooner further farther".split())
_MODALS = (_MODAL_BEFORE - {"to"}) | {"cannot"}
_MODAL_ADVERBS = frozenset("not n't also probably definitely certainly never soon really still "
                           "just only always easily".split())
# MT528: "to by happy": the verbs before "to" that make it an infinitive's.
_TO_BE_BEFORE = frozenset("want wants wanted need needs needed going have has had able try tries "
                          "tried seem seems seemed used".split())
# MT529: "no" + these is good English after a modal ("you will no doubt", "can no longer").
_OBJECTS_ALL = frozenset(_OBJECTS) | {"you", "it"}
_NO_FIXED = frozenset("doubt longer more less further sooner way matter one".split())
_NOMINATIVE_BE = {"i'm", "you're", "he's", "she's", "it's", "we're", "they're"}
# MT530: "to" + these adjectives at a clause end is "too" ("it is to late", "not to far from it").
_TOO_ADJECTIVES = frozenset("late much many far long big small hard difficult expensive busy tired "
                            "soon high hot cold old young distant short heavy complicated easy loud "
                            "good bad lazy weak strong full often quickly little few dangerous risky "
                            "bright dark early large fat thin sweet salty spicy".split())
_TOO_BEFORE = frozenset("is are was were be been being am 'm 're 's not n't way far ah oh just "
                        "seems seemed looks looked feel feels felt get got getting become became".split())
# "amount to much", "not up to much", "common to many": "to" a preposition before the amount.
_TO_AMOUNT = frozenset("amount amounts amounted amounting up come comes came coming common down add adds "
                       "added lead leads led contribute contributes contributed apply applies applied known "
                       "familiar similar equal rise rises rose risen grow grows grew grown open".split())
_TOO_AFTER = frozenset("for to ago from in and but that now anyway already then".split())


def _homophones(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rules: Rules) -> Iterator[Issue]:
    """MT519 "more then" (than), MT528 "can by eaten" (be), MT529 "would no do" (not), MT530
    "it is to late", "two much" (too): a word a spell checker passes, in a frame that rules out
    its own reading."""
    n = len(words)
    lw, prev = lows[i], lows[i - 1]
    nxt = lows[i + 1] if i + 1 < n else None
    if not _gap_plain(doc.text, words[i - 1], words[i]):
        return
    after_punct = nxt is None or _end_or_punct(doc, words[i])
    if lw == "then" and (rule := rules.get("MT519")) and i > 1 and not after_punct \
            and (prev in _THAN_BEFORE or prev.endswith("er") and doc.word_tags(k)[i - 1] in ("JJR", "RBR")) and prev not in _NOT_THAN \
            and not any(w in ("if", "when", "once", "unless") for w in lows[:i - 1]) \
            and words[i - 1].text.islower() and (prev not in ("more", "less", "fewer") or doc.word_tags(k)[i + 1] not in ("JJ", "RB", "VB", "VBP")):
        yield rule.issue(words[i].start, words[i].end, "than", word=f"{words[i - 1].text} then")
    elif lw == "by" and (rule := rules.get("MT528")) and nxt is not None and words[i + 1].text.islower():
        j = i - 1
        while j > 0 and lows[j] in _MODAL_ADVERBS:
            j -= 1
        if not (lows[j] in _MODALS or lows[j] == "to" and j > 0 and (
                lows[j - 1] in _TO_BE_BEFORE or j > 1 and lows[j - 1] in _OBJECTS_ALL and lows[j - 2] in _TO_BE_BEFORE)):
            return
        found = lexicon.lemmas(nxt)
        participle = (doc.word_tags(k)[i + 1] == "VBN" or doc.word_tags(k)[i + 1] == "JJ" and nxt.endswith(("ed", "en", "wn"))) \
            and "VERB" in found and not nxt.endswith("ing")
        adjective = set(found) == {"ADJ"}
        if not (participle or adjective) or i + 2 < n and doc.word_tags(k)[i + 2] in ("NN", "NNS", "NNP"):
            return   # "will by mutual consent", "will by then", "could by chance"
        yield rule.issue(words[i].start, words[i].end, "be", word=f"{words[j].text} ... by" if j < i - 1 else f"{words[j].text} by")
    elif lw == "no" and (rule := rules.get("MT529")) and nxt is not None and nxt not in _NO_FIXED \
            and words[i + 1].text.islower():
        found = lexicon.lemmas(nxt)
        if prev in _MODALS and doc.word_tags(k)[i + 1] in ("VB", "VBP") and "VERB" in found and not set(found) - {"VERB", "AUX", "NOUN"}:
            yield rule.issue(words[i].start, words[i].end, "not", word=f"{words[i - 1].text} no {words[i + 1].text}")
        elif (prev in _NOMINATIVE_BE or prev in ("am", "are", "is") and i > 1 and lows[i - 2] in _SUBJECTS) \
                and nxt.endswith("ing") and doc.word_tags(k)[i + 1] == "VBG" and "VERB" in found:
            yield rule.issue(words[i].start, words[i].end, "not", word=f"{words[i - 1].text} no {words[i + 1].text}")
    elif lw in ("to", "two") and (rule := rules.get("MT530")) and nxt is not None and words[i + 1].text.islower() \
            and _gap_plain(doc.text, words[i], words[i + 1]):
        if lw == "two":
            if nxt in ("much", "many") and not (i + 2 < n and doc.text[words[i + 1].end:words[i + 1].end + 1] == "-"):
                yield rule.issue(words[i].start, words[i].end, "too", word=f"two {words[i + 1].text}")
            return
        end = i + 2 >= n or _end_or_punct(doc, words[i + 1])
        if nxt == "much" and end and prev not in _TO_AMOUNT or nxt in _TOO_ADJECTIVES and prev in _TOO_BEFORE \
                and (end or lows[i + 2] in _TOO_AFTER and not (nxt == "long" and lows[i + 2] == "for")):
            yield rule.issue(words[i].start, words[i].end, "too", word=f"to {words[i + 1].text}")


# ------------------------------------------------------------------ MT507
# After "there is not" / "have not" these make good English: "there is not much time".
_NOT_BEFORE_OK = frozenset("much many enough only just any one a an the even yet always so too really that "
                           "all every quite necessarily anything anyone anybody nothing everything "
                           "everyone everybody something someone somebody".split())


def _not_for_no(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT507: "There is not time", "I have not issues": "not" before a bare noun is "no".
    The word must be one the lexicon knows as a noun, not as an adjective ("there is not
    sufficient data" is left alone) nor as a verb's participle or past ("I have not set it"),
    and the tagger must read a noun; "there" must be the existential one."""
    j = i + 3
    w = lows[j]
    if w in _NOT_BEFORE_OK or not words[j].text.isalpha() or not words[j].text.islower():
        return
    if not all(_gap_plain(doc.text, words[x], words[x + 1]) for x in range(i, j)):
        return
    found = lexicon.lemmas(w)
    if "NOUN" not in found or set(found) - {"NOUN", "VERB"}:
        return
    if "VERB" in found:
        got = _verb_forms(w, only=False)
        if got is not None and (w in got[1].get("VBN", ()) or w in got[1].get("VBD", ())):
            return   # "have not set", "there was not run": a participle
    tags = doc.word_tags(k)
    if tags[j] not in ("NN", "NNS") or lows[i] == "there" and (tags[i] != "EX" or i > 0 and tags[i - 1][:2] in ("VB", "NN")
                                                                     and _gap_plain(doc.text, words[i - 1], words[i])):
        return   # not "the folks that work there are not mechanics"
    if lows[i] != "there" and (i > 0 and lows[i - 1] in ("if", "do", "did", "does") or
                               j + 1 < len(words) and lows[j + 1] in ("yet", "been")):
        return
    neg = words[i + 2]
    yield rule.issue(neg.start, neg.end, "no", word=f"{words[i + 1].text} {neg.text} {words[j].text}")


# ------------------------------------------------------------------ MT503
# Not "it's", "you're", "they're": "it's biggest problem" may be "its biggest problem".
_BE_FORMS = frozenset("is are was were be been am become becomes became that's he's she's here's "
                      "there's what's".split())
_PART_OF = frozenset("one some many few several two three four five ten each any none among".split())
# Nouns the tagger reads as NN that never take "the": "most likely something else".
_NOT_ARTICLE_NOUNS = frozenset("something anything nothing everything someone anyone everyone "
                               "somebody anybody everybody nobody".split())


# Nouns "best" goes with, in good English, with no article after "be".
_BEST_TERMS = frozenset("practice practices friends value interest interests use bet seller sellers man "
                        "effort efforts guess".split())


def _superlative(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                 uncountable: frozenset[str]) -> Iterator[Issue]:
    """MT503: a superlative without "the": "one of [most] important", "Moscow is [largest] city".
    After "one of" the superlative alone is enough; after "be" a noun must follow (a
    superlative alone is predicative: "prices are highest in summer"), "best" is left alone
    ("it is best practice") and "most" + adjective needs a countable singular noun ("this is
    most welcome news" is formal English for "very welcome")."""
    j = i + 1
    n = len(words)
    tags = doc.word_tags(k)
    most = lows[j] == "most"
    if most:
        if j + 1 >= n or tags[j + 1] != "JJ" or not words[j + 1].text.isalpha() or not words[j + 1].text.islower():
            return
        head = j + 2
    else:
        if tags[j] != "JJS" or lows[j] in ("least", "most", "nearest") or not words[j].text.isalpha():
            return
        head = j + 1
    if lows[i] != "of":
        if head < n and tags[head] in ("JJ", "VBG") and head + 1 < n and tags[head + 1].startswith("NN"):
            head += 1   # "is fastest growing economy"
        if head >= n or tags[head] not in ("NN", "NNS") or not words[head].text.islower() \
                or lows[head] in _NOT_ARTICLE_NOUNS or lows[head].endswith("ing"):
            return
        if most and (tags[head] != "NN" or lows[head] in uncountable):
            return
        if lows[j] == "best" and (lows[head] in _BEST_TERMS or head != j + 1):
            return   # "it is best practice", "he is best friends with her"
    sup = words[j]
    yield rule.issue(sup.start, sup.end, f"the {sup.text}", word=sup.text)


# ------------------------------------------------------------------ MT504, MT505
# Not "help": "the movement to help her grows" ("help her" inside the subject) is common.
_CAUSATIVE = frozenset("make makes made making let lets letting".split())
_CAUSATIVE_OBJECTS = frozenset("me him her us them it you".split())


def _causative(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT504: "make it works", "let me knows", "made him went": after make/let/help and its object
    the verb takes its plain form. The tagger must read the word as a verb (not "made us
    friends", "let them goods")."""
    j = i + 2
    w = lows[j]
    tag = doc.word_tags(k)[j]
    if tag not in ("VBZ", "VBD") or not _gap_plain(doc.text, words[i + 1], words[j]):
        return
    found = lexicon.lemmas(w)
    lemma = (found.get("VERB") or (None,))[0]
    if not lemma or lemma == w or (tag == "VBD" and w not in _PAST_ONLY):
        return
    if tag == "VBZ" and not w.endswith("s"):
        return
    if lemma in ("be", "have"):
        return   # "the board you made me has been magic": the object ends a relative clause
    if "NOUN" in found and lows[i + 1] not in ("it", "me"):
        return   # "it makes them objects of lust"
    yield rule.issue(words[j].start, words[j].end, _cased(words[j].text, lemma),
                     word=words[j].text, verb=words[i].text)


# Before an adverb that modifies a verb: "to", a modal, a subject pronoun, a negated auxiliary.
_BEFORE_ADVERB = frozenset("to will would can could should might must may shall won't wouldn't can't "
                           "cannot couldn't shouldn't didn't don't doesn't i we you they he she it".split())
# Adjectives that are adverbs too ("work hard", "aim high"), and ones whose -ly is another word.
_FLAT_ADVERBS = frozenset("fast hard late early high low deep near far long right wrong straight direct "
                          "close loud clean clear free fine sure first last daily weekly monthly yearly "
                          "only likely even still just enough well alone ahead quick slow tight wide "
                          "open short sharp fair flat full plain pretty real easy kind most much "
                          "little less more best better worse worst next strong".split())


def _adverb_of(adj: str) -> str | None:
    """The -ly adverb of ``adj`` if the lexicon knows it: simple -> simply, easy -> easily,
    automatic -> automatically, possible -> possibly, temporary -> temporarily."""
    cands = []
    if adj.endswith("le") and len(adj) > 3:
        cands.append(adj[:-1] + "y")
    if adj.endswith("y") and len(adj) > 3:
        cands.append(adj[:-1] + "ily")
    if adj.endswith("ic"):
        cands.append(adj + "ally")
    cands.append(adj + "ly")
    for c in cands:
        if "ADV" in lexicon.lemmas(c) and lexicon.zipf(c) >= 2.5:
            return c
    return None


def _adjective_for_adverb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT505: an adjective where an adverb modifies the verb after it: "to automatic update",
    "we current support", "could possible help". Only where the lexicon knows the word as an
    adjective and not as an adverb, the tagger reads it as an adjective and the next word as a
    verb, and the adjective has a common -ly adverb."""
    j = i + 1
    w = lows[j]
    if lows[i] not in _SUBJECTS and lows[i] != "to" and i == 0:
        return   # a modal opening the sentence is inverted
    found = lexicon.lemmas(w)
    if "ADJ" not in found or "ADV" in found or "VERB" in found or not words[j + 1].text.islower():
        return
    nxt = lexicon.lemmas(lows[j + 1])
    if "VERB" not in nxt or "NOUN" in nxt and lows[i] not in ("to", "will", "would", "can", "could", "should",
                                                                "might", "must", "may", "shall"):
        return   # "they current affairs": a noun after a pronoun's adjective is no verb
    if not _gap_plain(doc.text, words[i], words[j]) or not _gap_plain(doc.text, words[j], words[j + 1]):
        return
    adv = _adverb_of(w)
    if adv is None:
        return
    tags = doc.word_tags(k)   # last: the cheap word tests above rule out almost every place
    if tags[j] != "JJ" or tags[j + 1] not in ("VB", "VBD", "VBP", "VBZ"):
        return
    if lows[i] not in _SUBJECTS and lows[i] != "to" and not tags[i - 1].startswith(("NN", "PRP")):
        return   # "Why should local search matter?": a modal after no subject is inverted
    yield rule.issue(words[j].start, words[j].end, adv, word=words[j].text)


# ------------------------------------------------------------------ MT506
_PLURAL_VERBS = frozenset("are were have do don't aren't weren't haven't".split())


def _determiner_number(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                       plurals_ok: frozenset[str]) -> Iterator[Issue]:
    """MT506: "This functions are" -> "These functions"; "Every users can" -> "Every user".
    The noun must be a plural the tagger reads as one (not "this costs money", "this means"),
    and after "this" a plural verb or a modal must follow, so the plural is meant."""
    j = i + 1
    w = lows[j]
    if w in plurals_ok or w.endswith("ss") or not _gap_plain(doc.text, words[i], words[j]):
        return
    singular = _tagged_plural(doc, k, j, w)
    if singular is None:
        return
    tags = doc.word_tags(k)
    if j + 1 < len(words) and tags[j + 1].startswith("NN"):
        return   # "every sales team": a noun modifier
    det = words[i]
    nxt_tag = tags[j + 1] if j + 1 < len(words) else "."
    if lows[i] == "this":
        if not (lows[j + 1] in _PLURAL_VERBS or nxt_tag == "MD"):
            return   # not "this raises transfer pricing issues", "this functions as a filter"
        these = "These" if det.text[0].isupper() else "these"
        yield rule.issue(det.start, words[j].end, f"{these} {words[j].text}",
                         word=doc.text[det.start:words[j].end])
        return
    if nxt_tag not in ("MD", "VBZ", "VBP", "VBD", "PRP", "WDT", "WP"):
        return   # "each talks about the duties": "each" is the subject, "talks" its verb
    yield rule.issue(words[j].start, words[j].end, singular, word=doc.text[det.start:words[j].end])


def _forward(doc: Doc, k: int, words: Sequence[Token], j: int, rule) -> Iterator[Issue]:
    """"look forward to hear": the "to" of "look forward to" is a preposition."""
    tok = words[j]
    if not tok.text.isalpha() or not tok.text.islower() or not _gap_plain(doc.text, words[j - 1], tok):
        return
    got = _verb_forms(tok.lower, only=False)
    if got is None or tok.lower != got[0] or not got[1].get("VBG"):
        return
    if doc.word_tags(k)[j] != "VB":
        return
    if "NOUN" in lexicon.lemmas(tok.lower) and not (
            j + 1 < len(words) and words[j + 1].lower in _VERB_OBJECT_CUES):
        return   # "looked forward to work every day": "work" may be the noun
    yield rule.issue(tok.start, tok.end, got[1]["VBG"][0], word=tok.text)


def _finished(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"I have seen him yesterday": the present perfect with a time that is over."""
    n = len(words)
    if i > 0 and lows[i - 1] in _MODAL_BEFORE:
        return
    j = i + 1
    if j < n and lows[j] == "also":   # "have also seen"; not "never"/"just"/"already" (no finished time)
        j += 1
    if j >= n or not words[j].text.isalpha() or not words[j].text.islower():
        return
    got = _verb_forms(lows[j], only=False)
    if got is None or lows[j] not in got[1].get("VBN", ()):
        return
    lemma, forms = got
    # The time expression, in the same clause, within six words after the participle.
    hit = None
    for m in range(j + 1, min(n, j + 7)):
        if not _gap_plain(doc.text, words[m - 1], words[m]) or lows[m] in _CLAUSE_BREAK \
                or lows[m] in ("for", "since", "by", "from", "until", "till", "before", "already"):
            return
        if lows[m] == "yesterday" or lows[m] == "ago" and m > j + 1 \
                or lows[m] == "last" and m + 1 < n and lows[m + 1] in _LAST_UNITS and lows[m - 1] != "the" \
                or lows[m] == "on" and _date_len(words, lows, m + 1) and lows[j] not in _ARRANGED:
            hit = m   # not "in the last month" (up to now)
            break
    if hit is None and 0 < i < 6 and lows[i - 1] in _SUBJECTS and (
            i == 2 and lows[0] == "yesterday" or i == 3 and lows[0] == "last" and lows[1] in _LAST_UNITS
            or lows[0] == "on" and i == _date_len(words, lows, 1) + 2 and lows[j] not in _ARRANGED):
        hit = 0   # the time opens the sentence: "Yesterday I have seen", "Last week we have bought",
        # "On 7 October we have visited"
    if hit is None:
        return
    tags = doc.word_tags(k)
    if tags[j] != "VBN" or not tags[i].startswith("VB"):
        return
    if lemma == "be":
        subj = _SUBJECTS.get(lows[i - 1]) if i > 0 else None
        if subj is None:
            return
        past = "were" if subj == "pl" else "was"
    else:
        past = (forms.get("VBD") or (None,))[0]
        if not past:
            return
    have = words[i]
    t0 = t1 = hit   # the time expression as written: "yesterday", "last year", "two years ago"
    if lows[hit] == "last":
        t1 = hit + 1
    elif lows[hit] == "on":
        t1 = hit + _date_len(words, lows, hit + 1)
    elif lows[hit] == "ago":
        t0 = max(j + 1, hit - 2)
    yield rule.issue(have.start, words[j].end, past if j == i + 1 else
                     f"{doc.text[words[i + 1].start:words[j - 1].end]} {past}",
                     word=doc.text[have.start:words[j].end], time=doc.text[words[t0].start:words[t1].end])


# After these, a date may be the arranged event's, in the future: "we have scheduled the meeting on 5 May".
_ARRANGED = frozenset("scheduled planned booked arranged set fixed moved postponed rescheduled organized "
                      "organised confirmed reserved agreed invited registered called announced decided "
                      "ordered bought paid renewed extended delayed shifted brought".split())
_MONTH_NAMES = frozenset("january february march april may june july august september october november "
                         "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NUMERIC_DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4})")
_DAY = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def _date_len(words: Sequence[Token], lows: list[str], m: int) -> int:
    """How many words from ``m`` make a calendar date ("7 October 2025", "October 7, 2025",
    "27/10/2040", "7th of May"), else 0. "May" counts only with its capital."""
    n = len(words)

    def month(x: int) -> bool:
        return x < n and lows[x] in _MONTH_NAMES and (lows[x] != "may" or words[x].text == "May")

    def year(x: int) -> bool:
        return x < n and len(words[x].text) == 4 and words[x].text.isdigit()

    if m >= n:
        return 0
    if _NUMERIC_DATE.fullmatch(words[m].text):
        return 1
    if _DAY.fullmatch(lows[m]):
        if month(m + 1):
            return 3 if year(m + 2) else 2
        if m + 2 < n and lows[m + 1] == "of" and month(m + 2):
            return 4 if year(m + 3) else 3
        return 0
    if month(m) and m + 1 < n and _DAY.fullmatch(lows[m + 1]):
        return 3 if year(m + 2) else 2
    return 0


def _since_time(words: Sequence[Token], lows: list[str], m: int) -> bool:
    """"since 2010", "since last year", "since childhood", "since May", "since the 1990s"."""
    w = words[m].text
    if w.isdigit() and len(w) == 4 and w[:2] in ("19", "20"):
        return True
    if lows[m] in ("last", "this") and m + 1 < len(words) and lows[m + 1] in _LAST_UNITS:
        return True
    if lows[m] in _SINCE_NOUNS:
        return lows[m] != "may" or words[m].text == "May"
    return False


# Words between the verb and "since" that make it no "present with since": a perfect already,
# "it is two years since", "the first time since", "up 20% since January".
_SINCE_STOPS = frozenset("ever been had have has 've 's years months days weeks ages long time first only "
                         "last next up down higher lower percent".split())


def _since(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"I am living here since 2010", "I know him since childhood": since + a starting point
    asks for the (present) perfect."""
    if not _since_time(words, lows, i + 1):
        return
    if i == 0:
        yield from _since_first(doc, k, words, lows, rule)
        return
    # Walk back to the verb of the clause.
    tags = None
    for j in range(i - 1, max(-1, i - 8), -1):
        if not _gap_plain(doc.text, words[j], words[j + 1]) or lows[j] in _CLAUSE_BREAK:
            return
        if lows[j] in _SINCE_STOPS:
            return   # already a perfect, or "it is two years since", "the first time since"
        tags = tags or doc.word_tags(k)
        t = tags[j]
        if t == "JJS" or t == "RBS":
            return   # "the highest since 1990", "the most since May"
        if not t.startswith("VB"):
            continue
        if t == "VBG" and j > 1 and lows[j - 1] in ("am", "is", "are") \
                and (lows[j - 2] in _SUBJECTS or tags[j - 2] in ("NN", "NNS", "NNP", "NNPS")):
            be = words[j - 1]
            have = "has" if lows[j - 1] == "is" else "have"
            yield rule.issue(be.start, words[j].end, f"{have} been {lows[j]}",
                             word=doc.text[be.start:words[j].end])
            return
        if t in ("VBP", "VBZ") and j > 0 and (lows[j - 1] in _SUBJECTS or tags[j - 1] in ("NN", "NNS", "NNP", "NNPS")):
            got = _verb_forms(lows[j], only=False)
            if got is None or got[0] in ("be", "have") or not got[1].get("VBN") \
                    or got[0] == "do" and (j + 1 >= i or tags[j + 1] not in ("DT", "PRP$", "PRP")):
                return   # "do" only as the main verb, with its object: "I do this recipe since 2010"
            have = "has" if t == "VBZ" else "have"
            yield rule.issue(words[j].start, words[j].end, f"{have} {got[1]['VBN'][0]}", word=words[j].text)
        return


_EPISTEMIC = frozenset("seem appear look sound say think believe guess hope suppose mean".split())


def _since_first(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """"Since this year we offer a delivery service": the time first, then a pronoun and a
    present tense."""
    n = len(words)
    for j in range(2, min(n - 1, 5)):
        if lows[j] in _SUBJECTS and j + 1 < n:
            tags = doc.word_tags(k)
            v = j + 1
            if tags[v] not in ("VBP", "VBZ") or not _gap_plain(doc.text, words[j], words[v]):
                return
            got = _verb_forms(lows[v], only=False)
            if got is None or got[0] in ("be", "have", "do") or not got[1].get("VBN") or got[0] in _EPISTEMIC:
                return   # "Since then, it seems that ...": a comment on now, not a state since then
            have = "has" if tags[v] == "VBZ" else "have"
            yield rule.issue(words[v].start, words[v].end, f"{have} {got[1]['VBN'][0]}", word=words[v].text)
            return
    return


def _stative(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"She is knowing the answer": a verb of state is not used in the progressive."""
    be, ing = words[i], words[i + 1]
    if not _gap_plain(doc.text, be, ing) or not ing.text.islower():
        return
    lemma, forms = _verb_forms(lows[i + 1], only=False) or (None, {})
    if lemma is None:
        return
    subj = _SUBJECTS[lows[i - 1]]
    tense = "VBD" if lows[i] in ("was", "were") else "VBZ" if subj == "sg3" else "VBP"
    right = (forms.get(tense) or ((lemma,) if tense == "VBP" else (None,)))[0]
    if not right or doc.word_tags(k)[i + 1] != "VBG":
        return
    yield rule.issue(be.start, ing.end, right, word=doc.text[be.start:ing.end])


# Nouns that never take "a" even after an adjective ("a useful information"); "a good knowledge
# of", "a great deal", "a clear evidence of" are left out.
_NEVER_COUNTED = frozenset("information advice furniture equipment luggage baggage homework".split())
# "a little information" is good English.
_MASS_QUANTIFIERS = frozenset("little lot bit".split())


def _a_uncountable(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                   adjective: bool = False) -> Iterator[Issue]:
    """"an information", "an advice", "a useful information": no article before a noun English
    does not count (an adjective between: only the nouns that are never counted)."""
    art = words[i]
    if adjective:
        i += 1   # the adjective stands where the noun would: test the noun after it
    noun = words[i + 1]
    if not _gap_plain(doc.text, words[i], noun):
        return
    nxt = i + 2
    if nxt < len(words) and _gap_plain(doc.text, noun, words[nxt]):
        tags = doc.word_tags(k)
        if tags[nxt].startswith(("NN", "JJ", "CD", "VBG")) or lows[nxt] in ("and", "or", "-"):
            return   # a modifier: "an information desk", "an advice column", "a research project"
    if doc.text[noun.end:noun.end + 1] in ("-", "/", "'", "’", ","):   # "a feedback, performance ... tool"
        return
    a = i - 1 if adjective else i
    if a > 0 and lows[a - 1] in ("such", "quite", "what", "many"):
        return   # "what a research", "many an advice": rare, but idiomatic
    if adjective:
        span = doc.text[words[a + 1].start:noun.end]
        yield rule.issue(art.start, noun.end, span, suggestions=[f"a piece of {span}"], article=art.text, word=span)
        return
    yield rule.issue(art.start, noun.end, noun.text, suggestions=[f"a piece of {noun.text}"]
                     if lows[i + 1] in _NEVER_COUNTED or lows[i + 1] == "evidence" else [],
                     article=art.text, word=noun.text)


def _double_comparative(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"more taller than", "the most biggest": a comparative or superlative marked twice."""
    adj = words[i + 1]
    if not adj.text.isalpha() or not adj.text.islower() or not _gap_plain(doc.text, words[i], adj) \
            or not lows[i + 1].endswith(("er", "est")):
        return   # the cheap test first: "more important" is not a comparative twice
    found = lexicon.lemmas(lows[i + 1]).get("ADJ")
    # an -er/-est form the lexicon traces to an adjective other than itself ("taller" -> "tall"),
    # read without the inflection tables (they would load lemminflect for one word)
    if not found or lows[i + 1] == found[0] or not lows[i + 1].endswith("er" if lows[i] == "more" else "est"):
        return
    if lows[i] == "more":
        if lows[i + 2] != "than" or not _gap_plain(doc.text, adj, words[i + 2]):
            # without "than": only where no noun follows ("works more faster on old devices";
            # not "more older people", which counts people)
            tags = doc.word_tags(k)
            if tags[i + 2].startswith(("NN", "JJ", "CD")) or i > 0 and lows[i - 1] in ("no", "any", "much", "far", "even", "the"):
                return
    elif not (i > 0 and lows[i - 1] == "the"):
        return
    tags = doc.word_tags(k)
    if tags[i + 1] not in ("JJR", "JJS", "RBR", "RBS"):
        return
    yield rule.issue(words[i].start, adj.end, adj.text, word=doc.text[words[i].start:adj.end])


def _suggest_object(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"He suggested me to go": "suggest" takes a that-clause or a gerund, not object + to."""
    verb = words[i + 3]
    if not all(_gap_plain(doc.text, words[m], words[m + 1]) for m in range(i, i + 3)):
        return
    if not verb.text.isalpha() or not verb.text.islower():
        return
    got = _verb_forms(lows[i + 3], only=False)
    if got is None or lows[i + 3] != got[0]:
        return
    tags = doc.word_tags(k)
    if tags[i + 3] != "VB" or lows[i + 1] == "her" and tags[i + 1] == "PRP$":
        return
    subj = _OBJECTS[lows[i + 1]]
    yield rule.issue(words[i].start, verb.end, f"{words[i].text} that {subj} {verb.text}",
                     suggestions=[f"{words[i].text} {got[1].get('VBG', (verb.text,))[0]}"],
                     word=doc.text[words[i].start:verb.end])



# ------------------------------------------------------------------ MT545, MT546
_NOMINATIVE = frozenset("i he she it we they".split())
# Past participles that are never a simple past: after a subject pronoun they need "have".
_PARTICIPLE_ONLY = frozenset("gone seen done been taken given written eaten begun drunk sung swum "
                             "rung known grown thrown flown drawn driven ridden risen broken spoken "
                             "stolen chosen frozen forgotten fallen shaken woken worn torn sworn "
                             "hidden bitten shrunk sunk stunk sprung".split())
_SUBORDINATORS = frozenset("and but or so because when while if although though since after "
                           "before until once whereas then".split())
# Openers after which a noun phrase starts a subject of its own: not "and"/"or" ("the wine and the
# food are"), nor words that are also prepositions ("after", "before", "since", "until").
_SUBJECT_OPENERS = frozenset("but so because when while if although though whereas".split())
_TIME_NOUNS = _LAST_UNITS | frozenset("day morning evening afternoon moment hour minute".split())
_QUESTION_NEXT = frozenset("i you he she it we they there the".split())
_SINGULAR_DETERMINERS = frozenset("the this that a an every each my his her its our their your "
                                  "another".split())
# A plural verb form right after a singular noun, and what it becomes.
_PLURAL_VERBS = {"were": "was", "have": "has", "are": "is", "do": "does", "don't": "doesn't",
                 "haven't": "hasn't", "aren't": "isn't", "weren't": "wasn't"}


def _clause_start(text: str, words: Sequence[Token], lows: list[str], i: int,
                  openers: frozenset[str] = _SUBORDINATORS) -> bool:
    """Word ``i`` opens a clause: the sentence's first word, or after one of ``openers`` (a
    conjunction or subordinator), or a comma, semicolon or colon."""
    if i == 0:
        return True
    if lows[i - 1] in openers:
        return True
    gap = text[words[i - 1].end:words[i].start]
    return any(c in gap for c in ",;:") and "'" not in gap and '"' not in gap


def _bare_participle(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"I seen him", "and then it begun to rain": a participle with no "have"."""
    pp = words[i + 1]
    if not pp.text.islower() or not _gap_plain(doc.text, words[i], pp):
        return
    got = _verb_forms(lows[i + 1], only=False)
    if got is None:
        return
    lemma, forms = got
    past = forms.get("VBD", ())
    if not past or lows[i + 1] in past or lemma == "be" and lows[i] not in ("i", "he", "she"):
        return
    if lemma == "be":
        right = "was"
    else:
        right = past[0]
    tags = doc.word_tags(k)
    if not tags[i + 1].startswith("VB"):
        return
    have = "has" if lows[i] in ("he", "she", "it") else "have"
    yield rule.issue(pp.start, pp.end, right, suggestions=[f"{have} {pp.text}"],
                     word=pp.text, subject=words[i].text)


def _plain_verb(w: str) -> bool:
    found = lexicon.lemmas(w).get("VERB")
    return bool(found) and found[0] == w


def _plain_only(w: str) -> bool:
    """A verb's plain form that is neither its past nor its participle ("exceed", not "become",
    "run", "put"): the tagger's VBN or VBD for it after a noun is a slip of its own ("your order
    exceed", tagged as if it were "exceeded")."""
    got = _verb_forms(w)
    return got is not None and w == got[0] and not any(
        w in got[1].get(t, ()) for t in ("VBD", "VBN"))


def _maybe_disagrees(lows: list[str], i: int) -> bool:
    """The cheap word test before MT546 asks for tags: a singular noun within four words of the
    determiner, right before a plural verb or a verb's plain form."""
    for m in range(i + 1, min(len(lows) - 1, i + 5)):
        if lexicon.noun_number(lows[m]) == "sg" and (
                lows[m + 1].replace("’", "'") in _PLURAL_VERBS or _plain_verb(lows[m + 1])
                or i == 0 and lows[m + 1] == "of"
                or lows[m + 1] in _MID_ADVERBS and m + 2 < len(lows) and _plain_verb(lows[m + 2])):
            return True
    return False


def _singular_subject(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                      collective: frozenset[str]) -> Iterator[Issue]:
    """"The president were corrupt", "This error need to be fixed": a singular noun subject
    with a plural verb."""
    n = len(words)
    tags = doc.word_tags(k)
    head = None
    adv = 0   # 1 where an adverb stands between the noun and its verb ("the app now support")
    # the determiner, adjectives or nouns as modifiers, then the head noun right before the verb
    for j in range(i + 1, min(n - 1, i + 5)):
        if not _gap_plain(doc.text, words[j - 1], words[j]) or not words[j].text.isalpha() \
                or not words[j].text.islower():
            return
        v = lows[j + 1].replace("’", "'")
        if tags[j] == "NN" and (v in _PLURAL_VERBS or tags[j + 1] in ("VBP", "VB")
                                or tags[j + 1] in ("VBN", "VBD") and _plain_only(v)):
            head = j
            break
        if tags[j] == "NN" and v in _MID_ADVERBS and j + 2 < n and tags[j + 1] == "RB" \
                and (tags[j + 2] in ("VBP", "VB") or tags[j + 2] == "NN" and _plain_verb(lows[j + 2])) \
                and words[j + 2].text.islower() and _gap_plain(doc.text, words[j + 1], words[j + 2]):
            head, adv = j, 1
            break
        if tags[j] == "NN" and v == "of" and i == 0 and lows[j] not in _OF_QUANTITY \
                and lows[j] not in collective:
            yield from _singular_of_plural(doc, k, words, lows, i, j, rule)
            return
        if tags[j] not in ("JJ", "NN", "VBN"):
            return
    if head is None:
        return
    if any(lows[m] in ("and", "or", "nor") for m in range(max(0, i - 8), i)) \
            and "," in doc.text[words[max(0, i - 8)].start:words[i].start]:
        return   # a list: "the hero, his sweetheart and her son live"
    if i > 0 and lows[i - 1] not in _SUBJECT_OPENERS and lows[i - 1] != "that":
        # opened by a comma: a clause only if the stretch before the comma has a verb ("the
        # army, the government, the legislation are reformed" is a list)
        m = i - 1
        while m > 0 and not any(c in doc.text[words[m - 1].end:words[m].start] for c in ",;:"):
            m -= 1
        if not any(t in ("VB", "VBD", "VBP", "VBZ", "MD") for t in tags[m:i]) \
                and not (m == 0 and tags[0] == "IN" and lows[0] not in ("and", "or")
                         and not any(w in ("and", "or", "nor") for w in lows[:i])):
            return   # (an opening prepositional phrase is no list: "In case of error, the program show")
    noun, verb = words[head], words[head + 1 + adv]
    if lows[head] in _TIME_NOUNS:
        return   # an imperative after a time: "the next day repeat the same thing"
    if lows[head] in collective or lexicon.noun_number(lows[head]) != "sg" \
            or not _gap_plain(doc.text, words[head + adv], verb) or not verb.text.islower():
        return
    v = lows[head + 1 + adv].replace("’", "'")
    if v == "be":
        return   # a subjunctive: "that force be used"
    if v in _PLURAL_VERBS:
        if head + 2 + adv < n and lows[head + 2 + adv] in _QUESTION_NEXT:
            return   # a question: "this week do you want", "when the hell do we eat"
        right = _PLURAL_VERBS[v]
        if v in ("were", "weren't") and (any(w in ("if", "though", "wish", "whether") for w in lows[max(0, i - 4):i])
                                         or head + 2 + adv < n and lows[head + 2 + adv] == "to"):
            return   # a subjunctive: "if the price were higher", "the price were to fall"
    else:
        got = _verb_forms(v, only=False)
        if got is None or v != got[0] or not got[1].get("VBZ") or v in got[1].get("VBD", ()):
            return   # "the speaker put a crown": a past as well
        if "NOUN" in lexicon.lemmas(v) and not adv and not (head + 2 < n and lows[head + 2] in _VERB_OBJECT_CUES | _AFTER_VERB_CUES) \
                or head + 2 + adv < n and lows[head + 2 + adv] in ("in", "of"):
            return   # "the protection dam in the valley": a noun compound
        right = got[1]["VBZ"][0]
    yield rule.issue(verb.start, verb.end, right, word=verb.text,
                     subject=doc.text[words[i].start:noun.end])



# Before "that", these may take a subjunctive clause: agreement's cues ("insist that the company
# provide") and a few more; "so that", "now that", "such that" are left out too.
_THAT_SUBJUNCTIVE = _SUBJUNCTIVE_CUES | frozenset(
    "insisting ask asks asked necessary crucial critical desirable advisable mandatory order ordered "
    "so now such except provided".split())


def _plain_that(lows: list[str], i: int) -> bool:
    """The "that" before ``i`` opens a clause whose verb is indicative: no word that may take a
    subjunctive clause stands in the sentence before it ("It is vital that the user have ...")."""
    return not any(w in _THAT_SUBJUNCTIVE for w in lows[:i - 1])


# Adverbs that stand between a subject and its verb ("the application now support"): the verb
# after one is no noun.
_MID_ADVERBS = (_BE_ADVERBS - {"not", "then"}) | frozenset("really sometimes rarely generally normally just".split())


# After a verb that is a noun too, these make it the verb: "the application crash when", "the
# cruise go through the bay" (not adverbs: "His radio show often promotes" is a noun compound
# and its verb).
_AFTER_VERB_CUES = frozenset("to the a an when if because while again well out through into back away across "
                              "along".split())


# Heads that agree with the plural after "of" ("A number of cars are", "the rest of the files are").
_OF_QUANTITY = frozenset("number lot majority minority couple group range variety set series kind type sort "
                         "percentage proportion half rest part total bunch pair plenty none one quarter third "
                         "fraction amount handful host dozen score mass bulk body crowd collection selection mix "
                         "combination average sum share lack bit portion remainder".split())


def _singular_of_plural(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, head: int,
                        rule) -> Iterator[Issue]:
    """MT546: "The list of files are shown below", "The price of these products have risen": a
    sentence's singular subject noun, an "of" phrase ending in a plural, then "are", "were",
    "have", "do" (the verb agrees with the noun before "of"). Only a sentence's first phrase,
    only these verbs, and not after a quantity ("a number of", "the rest of", "a group of")."""
    tags = doc.word_tags(k)
    n = len(words)
    if lexicon.noun_number(lows[head]) != "sg" or not words[head].text.islower():
        return
    m = head + 2
    if m < n and tags[m] in ("DT", "PRP$", "CD") and lows[m] not in ("a", "an", "this", "that", "each", "every"):
        m += 1
    start = m
    while m < n and tags[m] in ("JJ", "NN", "NNS", "VBN", "VBG") and m - start < 4:
        m += 1
    if m >= n or m == start or tags[m - 1] != "NNS" or not all(
            _gap_plain(doc.text, words[x - 1], words[x]) for x in range(head + 1, m + 1)):
        return
    v = lows[m].replace("’", "'")
    if v not in _PLURAL_VERBS or not words[m].text.islower() or v in ("were", "weren't"):
        return
    if m + 1 < n and lows[m + 1] in _QUESTION_NEXT:
        return
    verb = words[m]
    yield rule.issue(verb.start, verb.end, _PLURAL_VERBS[v], word=verb.text,
                     subject=doc.text[words[i].start:words[head].end])


# ------------------------------------------------------------------ MT547-MT554
# After "its", words that make it "it's": it is never a possessive before them.
_ITS_NEXT = frozenset("not a an the been gonna probably just really so also actually definitely "
                      "certainly about because like my your our their his no there here nice "
                      "great good bad cool fine true ok okay clear obvious important possible hard "
                      "easy".split())
# After "your", words that make it "you're" ("your welcome" only at a clause end).
_YOUR_NEXT = frozenset("not a an the so too probably really gonna always never still also already "
                       "sure right wrong welcome going".split())
_TAG_FIX = {"do": "does", "don't": "doesn't", "have": "has", "haven't": "hasn't", "are": "is",
            "aren't": "isn't", "were": "was", "weren't": "wasn't"}
_TAG_SUBJECTS = frozenset("he she it".split())
# Verbs that take a to-infinitive, never a bare one ("he wants test", "I would like know").
# "try" takes a to-infinitive too ("try to explain"; "try and do" has "and"). Not "need": "if
# need be", "you need do nothing", "the contracts we need include" are good English.
_NEED_TRY = frozenset("try tries tried trying".split())
# Core verbs whose noun reading never stands right after "want", "like", "try", "needs": "We
# want go to the cinema", "You may want take a look", "He needs go there" (not "help", "leave",
# "pay", "show": "we need help", "I need leave to appeal", "want pay equality").
_CORE_VERBS = frozenset("go come take make get give see know say tell put find keep bring buy send "
                        "meet use ask".split())
# "need" before a bare verb: only a verb-only word that an object follows ("we need buy a car").
_NEED = frozenset("need needs needed".split())
_OBJECT_DETERMINERS = frozenset("the a an my your his her our their this that these those some".split())
_DET_CUES = frozenset("a an my your his her our their".split())
_LIKE_LOVE = frozenset("like likes love loves".split())
# "I like go": "like" a verb after its subject or a modal; not "things like go" (a preposition).
_LIKE_BEFORE = frozenset("i we you they he she would 'd really also don't doesn't didn't do does".split())
_TO_VERBS = frozenset("want wants wanted wanting decide decides decided hope hopes hoped plan plans "
                      "planned expect expects expected refuse refuses refused manage manages "
                      "managed agree agrees agreed promise promises promised seem seems seemed "
                      "fail fails failed tend tends tended intend intends intended".split())
# Not "ain't": its double negatives are idioms ("you ain't seen nothing yet").
_NEGATIONS = frozenset("n't not never don't doesn't didn't can't couldn't won't wouldn't isn't "
                       "aren't wasn't weren't haven't hasn't hadn't shouldn't".split())
_NEGATIVE_WORDS = {"nowhere": "anywhere", "nobody": "anybody", "nothing": "anything", "noone": "anyone"}
_BE_CONTRACTED = frozenset("you're we're they're".split())
_PAST_ONLY = frozenset("went gave took came ate wrote spoke began knew drove chose broke forgot "
                       "threw flew grew drew rode rose stole swam sang rang drank wore tore hid "
                       "shook woke fell".split())


# What stands before the infinitive's "to" (an object, or a verb that takes a to-infinitive); not
# a stranded preposition ("the functions she was invited to gave her pleasure").
_TO_BEFORE = _TO_VERBS | frozenset("me him her us them you it try tries tried need needs needed "
                                   "going able like love hate start started begin began asked "
                                   "ask told tell".split())


_NUMBER_WORDS_2 = frozenset("two three four five six seven eight nine ten eleven twelve fifteen "
                            "twenty thirty forty fifty".split())
# Singular nouns after "there are a": a quantity ("a lot of", "a number of", "a few").
_A_QUANTITY = frozenset("lot number few couple dozen variety range series host handful bunch total "
                        "great good wide large small whole majority set pair group".split())


_AFTER_COUNT = frozenset("ago later earlier before after for in of on at to and or from with".split())


def _plural_count(words: Sequence[Token], lows: list[str], j: int) -> bool:
    """Word ``j`` is a number above one ("two", "140") and the next word a plural noun."""
    w = words[j].text
    big = lows[j] in _NUMBER_WORDS_2 or (w.isdigit() and 1 < int(w) < 100)   # "a 1000 words": a thousand
    if not (big and j + 2 <= len(words) and j + 1 < len(words) and lexicon.noun_number(lows[j + 1]) == "pl"
            and lows[j + 1] not in ("percent", "per", "times")):
        return False
    # "a ten minutes walk" is a compound adjective gone wrong ("a ten-minute walk"): not this rule
    return j + 2 >= len(words) or lows[j + 2] in _AFTER_COUNT


def _is_number(w: str) -> bool:
    return w.isdigit() and len(w) <= 3


def _end_or_punct(doc: Doc, tok: Token) -> bool:
    rest = doc.text[tok.end:tok.end + 2].lstrip()
    return not rest or rest[0] in ".,!?;:)"


def _its(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"I think its working", "its a shame": "it's" (it is, it has)."""
    nxt = words[i + 1]
    if not _gap_plain(doc.text, words[i], nxt) or doc.text[words[i].end:words[i].end + 1] in ("'", "’"):
        return
    w = lows[i + 1]
    if w == "cool" and i > 0 and lexicon.lemmas(lows[i - 1]).get("VERB", ("",))[0] in ("keep", "lose"):
        return   # "the team kept its cool"
    ok = w in _ITS_NEXT
    if w in ("there", "here", "what", "how", "why", "when", "good", "bad", "great", "nice", "cool",
             "fine", "true", "ok", "okay", "clear", "obvious", "important", "possible", "hard", "easy"):
        # only as a predicate: "its fine." / "its there?" -- not "its good name", "its there-ness"
        ok = i + 2 >= len(words) or _end_or_punct(doc, nxt) or lows[i + 2] in ("to", "that", "for", "if", "and")
        if w in ("what", "how", "why", "when"):
            ok = False
    if w == "going" and i + 3 < len(words) and lows[i + 2] == "to" and doc.word_tags(k)[i + 3] == "VB":
        ok = True   # "its going to be long"; not "its going out of business" (a gerund)
    if not ok:
        ok = _its_is(doc, k, words, lows, i)
    if not ok:
        return
    yield rule.issue(words[i].start, words[i].end, "It's" if words[i].text == "Its" else "it's",
                     word=words[i].text)


# "its" + these is "it's" whatever follows: "Its me", "unless its something impressive".
_ITS_PRONOUNS = frozenset("me you him us them u everything something nothing anything".split())
# Adverbs that make "its" "it's" when an adjective, adverb or participle follows ("its still
# more", "its always been", "its very kind of you"); not "its very existence", "its only child".
_ITS_ADVERBS = frozenset("still very pretty always never already too quite totally completely almost "
                         "literally absolutely obviously simply".split())
# What follows an -ing verb but never an -ing noun after a possessive: "Its working as expected",
# "its saying it's wrong"; not "its opening on Monday", "its founding the university".
_AFTER_VBG = frozenset("as fine well great now again perfectly correctly properly okay ok right out up "
                       "down off away back together it it's me you him us them like".split())
# A gerund after a preposition takes a possessive: "since its founding", "of its going".
_GERUND_BEFORE = frozenset("of in for after before during with by about on at from since upon into "
                           "through despite without under over against to regarding".split())
# After "worth": an amount or a gerund, so "its worth" is "it is worth" ("its worth a lot").
_WORTH_NEXT = frozenset("more less it a an the every noting checking mentioning considering doing "
                        "trying much".split())
# Predicate adjectives that end "it's ..." clauses ("since its cold outside", "its free!").
_ITS_PREDICATES = frozenset("cold hot warm impossible necessary free awesome amazing late early ready "
                            "done over weird strange funny sad normal better worse simple fun broken "
                            "useless far beautiful perfect terrible horrible wonderful".split())
_PREDICATE_AFTER = frozenset("outside inside now today here there again away to that for if and but "
                             "because".split())


def _its_is(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int) -> bool:
    """The word after "its" makes it "it is": an object or indefinite pronoun, an adverb before
    a predicate, "worth" before an amount, a predicate adjective, or an -ing verb the next word
    shows is a verb (not after a preposition: "since its founding" is a gerund)."""
    n = len(words)
    w = lows[i + 1]
    after = lows[i + 2] if i + 2 < n else None
    end = after is None or _end_or_punct(doc, words[i + 1])
    if i > 0 and lows[i - 1] in _GERUND_BEFORE and lows[i - 1] != "since":
        return False   # "in its very early days", "because of its almost completed state"
    if w in _ITS_PRONOUNS:
        return end or after in _PREDICATE_AFTER or not (lexicon.lemmas(after).get("NOUN")
                                                        or doc.word_tags(k)[i + 2][:2] in ("VB", "MD"))
    if w in _ITS_ADVERBS and after is not None and words[i + 2].text.isalpha():
        found = lexicon.lemmas(after)
        if after in ("own", "first", "last", "best", "much", "many", "few", "little", "same") \
                or i + 3 < n and doc.word_tags(k)[i + 3] in ("NN", "NNS"):
            return False   # "its very own", "given its still rich valuation"
        return ("ADJ" in found or "ADV" in found or after.endswith(("ing", "ed"))) and "NOUN" not in found \
            or after in ("been", "more", "good", "kind", "cool", "cold")
    if w == "worth":
        return after is not None and (after in _WORTH_NEXT or words[i + 2].text[:1].isdigit()
                                      or doc.text[words[i + 1].end:words[i + 1].end + 2].strip()[:1] in "$£€")
    if w == "all":   # "its all coming together"; not "it puts its all into it"
        return after is not None and doc.word_tags(k)[i + 2] in ("VBG", "JJ", "RB", "DT", "VBN")
    if w in _ITS_PREDICATES:
        return end or after in _PREDICATE_AFTER
    if w.endswith("ing") and not end and after in _AFTER_VBG and (i == 0 or lows[i - 1] not in _GERUND_BEFORE):
        found = lexicon.lemmas(w)
        return "VERB" in found and doc.text[words[i + 1].end:words[i + 1].end + 1] != "-"
    return False


def _your(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"your welcome", "as soon as your out", "your a star": "you're"."""
    nxt = words[i + 1]
    if not _gap_plain(doc.text, words[i], nxt) or doc.text[nxt.end:nxt.end + 1] == "-":
        return
    w = lows[i + 1]
    if w not in _YOUR_NEXT:
        return
    n = len(words)
    if w in ("a", "an") and not nxt.text.islower():
        return   # "your A record"
    if w in ("right", "wrong") and i > 0 and lows[i - 1] in ("on", "to", "at", "from", "in", "by", "with"):
        return   # "on your right"
    if w in ("welcome", "right", "wrong", "sure") and not (i + 2 >= n or _end_or_punct(doc, nxt)
                                                           or lows[i + 2] in ("about", "that", "to", "and")):
        return   # "your welcome pack", "your right hand", "your sure footing"
    if w == "going" and not (i + 2 < n and lows[i + 2] in ("to", "home", "out")):
        return
    if w == "not" and i + 2 < n and doc.word_tags(k)[i + 2] == "VBG":
        return   # "your not knowing"
    if w in ("a", "an", "the") and i > 0 and lows[i - 1] in ("of", "to", "for", "in", "on", "with", "at"):
        return
    yield rule.issue(words[i].start, words[i].end, "You're" if words[i].text == "Your" else "you're",
                     word=words[i].text)


def _tag_question(doc: Doc, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"He doesn't live here, do he?": the tag's verb agrees with "he", "she", "it"."""
    aux, subj = words[i], words[i + 1]
    if i + 2 != len(words) or doc.text[subj.end:subj.end + 1] != "?" or i == 0:
        return
    if "," not in doc.text[words[i - 1].end:aux.start] or not aux.text.islower():
        return
    yield rule.issue(aux.start, aux.end, _TAG_FIX[lows[i]], word=aux.text, subject=subj.text)


def _to_preferred(verb: str, word: str) -> bool:
    """The bigram model reads "verb to word" better than "verb word" by a margin: "wants to
    test", "need to buy" (margins 2-3.5 nats); not "need help", "likes cake", "want coffee"
    (below 0), "need support" (0.65)."""
    from .. import lm   # lazy, as in usage.py: the model loads on first use

    return lm.pair_logp(verb, "to") + lm.pair_logp("to", word) - lm.pair_logp(verb, word) >= 1.5


def _to_missing(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"He wants test the tool", "I know he doesn't want be next": a bare verb after a verb
    that takes a to-infinitive."""
    nxt = words[i + 1]
    if not nxt.text.isalpha() or not nxt.text.islower() or not _gap_plain(doc.text, words[i], nxt):
        return
    got = _verb_forms(lows[i + 1], only=False)
    if got is None or lows[i + 1] != got[0] or lows[i + 1] == "have":
        return   # "journeys expected have been reduced"
    if i > 0 and lows[i - 1] in ("what", "which", "whose", "many", "few", "the", "our", "their", "his", "her", "my", "your",
                                 "no", "a", "any", "every", "its", "this", "that"):
        return   # "what hopes do you have": a noun
    found = lexicon.lemmas(lows[i + 1])
    tags = doc.word_tags(k)
    core = lows[i + 1] in _CORE_VERBS and tags[i + 1] in ("VB", "VBP", "NN") and tags[i].startswith("VB")
    if lows[i] in _NEED and core and lows[i] != "need":
        pass   # "He needs go there": "needs"/"needed" is never the modal
    elif lows[i] in _NEED:
        # "I need buy a new car", "you need tell me": only a verb-only word before its object;
        # not "if need be", "you need do nothing", "need not", "you need write access"
        if set(found) - {"VERB", "NOUN"} or "NOUN" in found and not (tags[i + 1] == "VB" and _to_preferred(lows[i], lows[i + 1])) \
                or lows[i + 1] in ("be", "do", "say", "go") or i + 2 >= len(words) \
                or lows[i + 2] not in _VERB_OBJECT_CUES | _OBJECT_DETERMINERS \
                or i == 0 or not (lows[i - 1] in _SUBJECTS or tags[i - 1] in ("MD", "RB")):
            return   # "the documents the managers need include": a subject of its own
    elif ("NOUN" in found or "ADJ" in found) and not core:
        # "they want coffee", "wanted candy a moment ago": a noun unless a verb's object follows
        # (after "try", or where the tagger reads a verb that the bigram model prefers after
        # "to", a determiner opens the object: "let me try get a copy", "he wants test the tool")
        if not (i + 2 < len(words) and lows[i + 2] in _VERB_OBJECT_CUES | {"home", "out", "back", "up"}
                or (lows[i] in _NEED_TRY or tags[i + 1] == "VB" and (
                    _to_preferred(lows[i], lows[i + 1]) or i > 0 and lows[i - 1] in ("would", "'d")))
                and i + 3 < len(words) and lows[i + 2] in _OBJECT_DETERMINERS
                and lows[i + 3] not in ("lot", "bit", "little", "while", "few", "moment", "day", "week", "whole")):
            return
    if not core and tags[i + 1] not in ("VB", "VBP") or not tags[i].startswith("VB"):
        return   # a core verb the tagger reads as a noun before its object: "want take a look"
    if i >= 2 and lows[i - 1] in _SUBJECTS and (tags[i - 2][:2] in ("NN", "DT", "JJ", "CD")
                                              or lows[i - 2] in ("anything", "everything", "something", "all")):
        return   # "the bulbs you tried burn out", "anything you want let me know": a relative clause
    if lows[i] in _LIKE_LOVE and (i >= 2 and lows[i - 2] in ("why", "how", "what", "where", "when", "who")
                                  or i + 3 < len(words) and (lows[i + 2], lows[i + 3]) in (("it", "yourself"), ("up", "comedians"))
                                  or i + 2 < len(words) and lows[i + 2] == "up" and lows[i + 1] == "stand"):
        return   # "Why would love make us happy?" (love the subject), "I like do it yourself fixes",
        # "I love stand up comedians"
    yield rule.issue(words[i].start, nxt.end, f"{words[i].text} to {nxt.text}",
                     word=doc.text[words[i].start:nxt.end])


def _double_negative(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"I can't find my keys nowhere", "there wasn't nobody": one negation is enough."""
    for m in range(i + 1, min(len(words), i + 6)):
        if not _gap_plain(doc.text, words[m - 1], words[m]) or lows[m] in _CLAUSE_BREAK:
            return
        if lows[m] in _NEGATIVE_WORDS:
            if m == i + 1 and lows[i] in ("not", "n't"):
                return   # "not nothing": said on purpose
            if lows[m - 1] in ("for", "to", "of", "from", "about", "with", "than", "but", "at", "like"):
                return   # "not for nothing", "never about nothing"
            if not words[m].text.islower():
                return
            tags = doc.word_tags(k)
            if m + 1 < len(words) and (tags[m + 1].startswith(("VB", "MD")) or lows[m + 1] == "else"):
                return   # "I can't believe nobody came": the subject of a clause of its own
            if tags[m - 1] == "VBG":
                return   # "results doing nothing"
            yield rule.issue(words[m].start, words[m].end, _NEGATIVE_WORDS[lows[m]],
                             word=words[m].text, negation=words[i].text)
            return



# ------------------------------------------------------------------ MT557, MT558
_INVERSION_OPENERS = frozenset("also now additionally moreover besides then recently today later "
                               "finally furthermore further".split())
_PLURAL_DETERMINERS = frozenset("the these those our your their all many some several both my his "
                                "her its".split())
_PP = frozenset("of about for from in on with at to by".split())
# MT558's phrases after a plural subject may open with these too ("the results since Christmas has").
_PP_MORE = frozenset("after since before during under over between across within without near "
                     "behind through".split())
_PP_AFTER_SUBJECT = _PP | _PP_MORE


def _inverted_passive(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """"Was added the support of the dark theme.", "Also was fixed the problem": a passive whose
    subject comes after the participle, the word order of Russian, German, Chinese."""
    j = 0
    if not words[0].text[:1].isupper():
        return   # a fragment: "was awarded the Davis Cup" after a cut
    if lows[0] in _INVERSION_OPENERS:
        j = 1
        if doc.text[words[0].end:words[1].start].strip() not in ("",):
            return   # "Also, was it fixed?" -- a comma: unsure
    sent = doc.sentences[k]
    if "?" in doc.text[sent.start:sent.end]:
        return   # a question: "Was it added?"
    yield from _inverted_at(doc, k, words, lows, j, rule)
    if lows[0] in _CONDITION_OPENERS and words[0].text[1:].islower():
        # "If the parameter is null, will be thrown an exception": the main clause after the
        # comma has no subject before its passive
        for c in range(2, min(len(words) - 3, 12)):
            if "," in doc.text[words[c - 1].end:words[c].start]:
                yield from _inverted_at(doc, k, words, lows, c, rule)
                break


# Openers of a subordinate clause: what follows its comma is the main clause.
_CONDITION_OPENERS = frozenset("if when after once before whenever unless".split())


def _inverted_at(doc: Doc, k: int, words: Sequence[Token], lows: list[str], j: int, rule) -> Iterator[Issue]:
    p = j + 2 if lows[j] == "will" and j + 1 < len(words) and lows[j + 1] == "be" else j + 1
    if p + 1 >= len(words) or lows[j] not in ("was", "were", "is", "are") and p == j + 1:
        return
    pp = words[p]
    if not pp.text.islower() or not _gap_plain(doc.text, words[p - 1], pp):
        return
    got = _verb_forms(lows[p], only=False)
    if got is None or lows[p] not in got[1].get("VBN", ()):
        return
    if lows[p + 1] not in ("the", "a", "an", "new", "several", "some", "many", "support", "all",
                           "two", "three", "our", "this", "these") and not words[p + 1].text[:1].isupper():
        return   # "Was added to the list." is elliptical, not inverted
    tags = doc.word_tags(k)
    if tags[p] not in ("VBN", "VBD"):
        return
    yield rule.issue(words[j].start, pp.end, None, word=doc.text[words[j].start:pp.end])


def _s_form(w: str) -> bool:
    """A verb's -s form ("comes", "shows", "is", "has"): the words MT558 is about."""
    if w in ("is", "was", "has", "doesn't", "isn't", "wasn't", "hasn't"):
        return True
    if not w.endswith("s"):
        return False
    verb = lexicon.lemmas(w).get("VERB")
    return bool(verb) and verb[0] != w


def _plural_subject(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule,
                    bare: bool = False) -> Iterator[Issue]:
    """"The notifications about new messages now comes on time": a plural head noun, maybe a
    prepositional phrase after it, and a verb in the -s form. With ``bare``, the sentence's
    first word opens the noun phrase itself, with no determiner ("Natural gas imports from
    Canada has risen")."""
    n = len(words)
    first = i if bare else i + 1
    # the cheap word test before tagging: a plural noun within three words, an -s verb later
    if not any(lexicon.noun_number(lows[j]) == "pl" for j in range(first, min(n, first + 3))) \
            or not any(_s_form(w) for w in lows[first + 1:first + 11]):
        return
    tags = doc.word_tags(k)
    head = None
    if bare and (tags[0] not in ("JJ", "NN", "NNS") or not words[0].text[1:].islower() or lows[0].endswith("ing")):
        return   # a name ("Jones"), a verb ("Checks ..."), a gerund's phrase ("Writing books is hard")
    for j in range(first, min(n, first + 3)):
        if j > 0 and not _gap_plain(doc.text, words[j - 1], words[j]) or not words[j].text.isalpha() \
                or not (words[j].text.islower() or j == 0):
            return
        if tags[j] == "NNS":
            head = j
            break
        if tags[j] not in ("JJ", "NN", "VBN", "CD"):
            return
    if head is None or lexicon.noun_number(lows[head]) != "pl" or lows[head] in _NOT_PLURAL_SUBJECTS:
        return
    j = head + 1
    if bare and head == 0 and not (j < n and lows[j] in _PP_AFTER_SUBJECT):
        return   # one capitalised plural alone may be a name: "Wales is", "Reeves thinks"
    if j < n and lows[j] in _PP_AFTER_SUBJECT:
        # a prepositional phrase of up to four words, no comma or verb in it
        # preposition, a determiner, adjectives, then nouns
        m = j + 1
        if m < n and tags[m] in ("DT", "PRP$", "CD"):
            m += 1
        while m < n and tags[m] == "JJ" and _gap_plain(doc.text, words[m - 1], words[m]):
            m += 1
        start_nouns = m
        while m < n and m <= j + 5 and tags[m] in ("NN", "NNS", "NNP") and _gap_plain(doc.text, words[m - 1], words[m]) \
                and (tags[m] == "NNP") == words[m].text[:1].isupper() and not (bare and tags[m] == "NNP" and tags[j + 1] == "DT") \
                and not (m > start_nouns and tags[m - 1] == "NNP" and tags[m] != "NNP"):
            m += 1   # a name ends the phrase ("from the South hold ..."); without a determiner
            # before the subject, "the" + a name looks like a title ("Masters of the Wild includes")
        if m == start_nouns:
            return
        j = m
    if j < n and tags[j] == "RB" and lows[j] in ("now", "also", "still", "often", "always", "never", "usually", "sometimes", "already", "really", "only", "just"):
        j += 1
    if j >= n or not _gap_plain(doc.text, words[j - 1], words[j]):
        return
    verb = words[j]
    v = lows[j]
    if tags[j] != "VBZ" or not verb.text.islower() or v in ("'s",):
        return
    if v in ("is", "was", "has", "doesn't", "isn't", "wasn't", "hasn't"):
        right = {"is": "are", "was": "were", "has": "have", "doesn't": "don't", "isn't": "aren't",
                 "wasn't": "weren't", "hasn't": "haven't"}[v]
    else:
        got = _verb_forms(v, only=False)
        if got is None or v not in got[1].get("VBZ", ()):
            return
        if j == head + 1 and "NOUN" in lexicon.lemmas(v):
            return   # "the futures swaps jumped": a noun compound, not a verb
        right = got[0]
    if any(lows[m] in ("and", "or", "one", "each", "every", "none", "neither", "either") for m in range(i, j)):
        return   # "one of the results is", "each of the files has"
    if i > 0 and lows[i - 1] in ("of", "one"):
        return
    yield rule.issue(verb.start, verb.end, right, word=verb.text,
                     subject=doc.text[words[i].start:words[head].end])


# Plural in form, singular in use: "the news is", "the series has", "the means justifies".
_NOT_PLURAL_SUBJECTS = frozenset("news series means species physics mathematics economics politics "
                                 "ethics statistics athletics headquarters whereabouts lots "
                                 "kudos thanks blues criteria data media".split())



# ------------------------------------------------------------------ MT561
_OPENING_PREPOSITIONS = frozenset("for in during after before to with on at from by".split())
_IMPERSONAL = frozenset("recommended necessary possible needed required forbidden allowed "
                        "important advisable desirable impossible prohibited permitted "
                        "sufficient enough".split())


def _missing_it(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    """"For the work with big files is recommended to have 8 GB": a sentence that opens with a
    prepositional phrase and goes on with "is recommended to", "is necessary to", with no
    subject (a noun inside the phrase cannot be one)."""
    n = len(words)
    tags = None
    for j in range(1, min(n - 2, 12)):
        if lows[j] in ("is", "was") and lows[j + 1] in _IMPERSONAL and lows[j + 2] == "to":
            tags = tags or doc.word_tags(k)
            if any(t.startswith(("VB", "MD", "PRP", "WDT", "WP", "EX")) for t in tags[1:j]):
                return   # "For years it is necessary to", "In the way we work is ...": a subject or a clause
            if "," in doc.text[words[0].end:words[j].start]:
                return   # "In winter, is it necessary to...": a comma marks where the subject should be
            yield rule.issue(words[j].start, words[j].end, f"it {words[j].text}",
                             word=doc.text[words[j].start:words[j + 1].end])
            return
        if lows[j] in _CLAUSE_BREAK:
            return


def _wh_lexical_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:  # noqa: ANN001
    """"How I make a backup?", "Why it stops?": a question word, a subject pronoun and a lexical
    verb in statement order; the question wants "do" ("How do I make a backup?")."""
    sent = doc.sentences[k]
    if not doc.text[sent.start:sent.end].rstrip().endswith("?") or not _gap_plain(doc.text, words[0], words[1]) \
            or not _gap_plain(doc.text, words[1], words[2]):
        return
    if any(w in (",", ":", ";", "is", "was", "are", "were") for w in lows[3:]):
        return   # "When you say that, can you ...?", "What I mean is this: why?": the question is elsewhere
    tag = doc.word_tags(k)[2]
    got = _verb_forms(lows[2], only=False)
    if tag not in ("VBP", "VBZ", "VBD", "VB") or got is None or got[0] in ("be", "have", "do"):
        return
    lemma, forms = got
    subject = lows[1]
    if lows[2] in forms.get("VBD", ()) and lows[2] not in forms.get("VB", ()):
        do = "did"
    elif lows[2] in forms.get("VBZ", ()) and subject in ("he", "she", "it"):
        do = "does"
    elif lows[2] in forms.get("VB", ()) and subject not in ("he", "she", "it"):
        do = "do"
    else:
        return
    yield rule.issue(words[1].start, words[2].end, None, word=doc.text[words[0].start:words[2].end],
                     inverted=f"{words[0].text} {do} {words[1].text} {lemma}")


_WH = frozenset("what where why how when who which".split())
_WH_SUBJECTS = frozenset("you he she they we it i".split())
_HOW_MEASURES = frozenset("long much many often soon far".split())
# "Why my phone can not connect?": a noun subject before the auxiliary (not "what", "which":
# "Which phone is best?" has its subject in the question word).
_WH_NOUN = frozenset("why where when how".split())
_WH_DETS = frozenset("my your his her our their the this that these those its".split())


def _wh_noun_subject(doc: Doc, k: int, words: Sequence[Token], lows: list[str], rule) -> Iterator[Issue]:
    sent = doc.sentences[k]
    if not doc.text[sent.start:sent.end].rstrip().endswith("?"):
        return
    for j in range(2, min(len(words) - 1, 5)):
        if lows[j] in _WH_AUX:
            if j == 2 or not all(w.text.isalpha() and w.text.islower() for w in words[2:j]):
                return
            tags = doc.word_tags(k)
            if tags[j - 1] not in ("NN", "NNS") or any(t[:2] in ("VB", "MD") for t in tags[1:j]):
                return
            subject = doc.text[words[1].start:words[j - 1].end]
            yield rule.issue(words[1].start, words[j].end, None, word=doc.text[words[0].start:words[j].end],
                             inverted=f"{words[0].text} {words[j].text} {subject}")
            return
        if not words[j].text.isalpha():
            return
_WH_AUX = frozenset("are is am was were have has can will would should could did do does".split())


def _also_after_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """"We offer also a delivery service": "also" between a lexical verb and its object goes
    before the verb in English ("we also offer"); after "be", an auxiliary or a modal it is right.
    The verb is finite after its subject, or plain where an instruction or a modal makes it one
    ("Consult always the doctor", "Please attach also the report", "you can also use the
    menu"); the adverbs of manner ("Read carefully the manual") only in that case."""
    verb = words[i - 1]
    if not verb.text.isalpha() or not (verb.text.islower() or i == 1 and verb.text[1:].islower()):
        return
    got = _verb_forms(lows[i - 1], only=False)
    if got is None or got[0] in ("be", "have", "do") or lows[i - 1] in _MODALS_ALL:
        return
    tags = doc.word_tags(k)
    plain = lows[i - 1] == got[0] and tags[i - 1] == "VB" \
        and (i == 1 or lows[i - 2] in _PLAIN_VERB_OPENERS and _gap_plain(doc.text, words[i - 2], verb))
    if not plain:
        if i < 2 or lows[i] in _MANNER_ADVERBS or not verb.text.islower() \
                or lows[i - 1] != got[0] and lows[i - 1] not in got[1].get("VBZ", ()) + got[1].get("VBD", ()):
            return
        if tags[i - 1] not in ("VBP", "VBZ", "VBD") or not (lows[i - 2] in _SUBJECTS or tags[i - 2] in ("NN", "NNS", "NNP", "NNPS")):
            return
    if not (tags[i + 1].startswith(("DT", "PRP$", "JJ", "NN", "CD"))
            or tags[i + 1] == "VBG" and i + 2 < len(words) and tags[i + 2] in ("NN", "NNS")) \
            or lows[i + 1] in ("that", "enough", "more", "less", "much"):
        return   # "we organise also cooking courses"; not "we eat often enough"
    if plain and not tags[i + 1].startswith(("DT", "PRP$")):
        return   # an instruction's object plainly opens with a determiner: "Read carefully the manual"
    right = f"{words[i].text} {verb.text}" if verb.text.islower() else f"{words[i].text.capitalize()} {verb.text.lower()}"
    yield rule.issue(verb.start, words[i].end, right, word=doc.text[verb.start:words[i].end],
                     adverb=words[i].text)


# MT563: adverbs that stand before a lexical verb, never between it and its object ("we offer
# also", "he visits often his parents"); not "only", "even", "just", which may focus the object
# ("we offer only the best").
_MANNER_ADVERBS = frozenset("carefully immediately completely thoroughly properly correctly first".split())
_AFTER_VERB_ADVERBS = frozenset("also always often usually never still sometimes regularly frequently "
                                "generally normally rarely seldom previously already".split()) | _MANNER_ADVERBS
# Before a plain verb, the words that make it an instruction or the verb of a modal.
_PLAIN_VERB_OPENERS = frozenset("please can could should must may might will would to".split())


_MODALS_ALL = frozenset("can could may might must shall should will would".split())


# ------------------------------------------------------------------ MT508, MT509, MT510
_BE_FINITE = frozenset("is are was were am isn't aren't wasn't weren't i'm you're we're they're he's she's "
                       "it's".split())
# Not "just": "My advice is just be patient" (an imperative after "is").
_BE_BE_ADVERBS = frozenset("never ever still always not also already usually often".split())


def _be_adverb_be(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT508: "She is never be able", "They were still be waiting": a finite "be", an adverb
    and a second, plain "be" before a predicate. English keeps one of them: "She is never able"
    (or, of the future, "She will never be able")."""
    be, adv, be2, nxt = words[i], words[i + 1], words[i + 2], words[i + 3]
    if not all(_gap_plain(doc.text, a, b) for a, b in ((be, adv), (adv, be2), (be2, nxt))):
        return
    tags = doc.word_tags(k)
    if not (tags[i + 3] in ("JJ", "VBN", "VBG") or lows[i + 3] in ("able", "unable")) or not nxt.text.islower():
        return
    right = f"{be.text} {adv.text}"
    suggestions = [f"will {adv.text} be"] if lows[i] in ("is", "are", "am") and lows[i + 1] != "not" else []
    yield rule.issue(be.start, be2.end, right, suggestions=suggestions,
                     word=doc.text[be.start:be2.end])


_BE_OF = {"i": frozenset(("am", "was")), "you": frozenset(("are", "were")), "we": frozenset(("are", "were")),
          "they": frozenset(("are", "were")), "he": frozenset(("is", "was")), "she": frozenset(("is", "was"))}
_BE_SUBJECTS = frozenset(_BE_OF)
_BE_CONTRACTED_SUBJECT = {"i'm": "I", "you're": "you", "we're": "we", "they're": "they", "he's": "he",
                          "she's": "she"}
_BE_VERB_ADVERBS = frozenset("really also just still always".split())
# Verbs whose participle is the adjective a learner means ("I am surprise" -> "surprised").
_FEELING = frozenset("surprise interest bore tire please worry confuse excite disappoint satisfy amaze annoy "
                     "scare shock concern embarrass frighten relieve convince prepare involve marry finish "
                     "delight impress overwhelm exhaust frustrate offend terrify puzzle astonish".split())
# Verbs a learner keeps in the simple present ("I'm know" -> "I know").
_SIMPLE = frozenset("know like love hate want need believe think understand hope agree mean remember prefer "
                    "wish own seem belong forget recognize recognise realize realise suppose guess "
                    "doubt".split())
_THIRD = {"he", "she"}
_INDEFINITES = frozenset("someone somebody something anyone anybody anything everyone everybody everything "
                         "nobody nothing".split())


def _pronoun_be_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int, rule) -> Iterator[Issue]:
    """MT509: "I'm know that", "I am go there", "He is have a car", "I am surprise": a personal
    pronoun and "be" before a verb's plain form. Only a word the lexicon knows as a verb (and
    not as an adjective), which the tagger reads as a plain verb, with no noun after it ("I am
    fan of", "they are rock stars"). A plain verb the lexicon knows only as a verb after an
    uncontracted "be" is MT532's ("I am know" -> "I know")."""
    contracted = lows[i] in _BE_CONTRACTED_SUBJECT
    j = i + 1 if contracted else i + 2
    if not contracted and not _gap_plain(doc.text, words[i], words[i + 1]):
        return
    if j < len(words) and lows[j] in _BE_VERB_ADVERBS:
        j += 1
    if j >= len(words):
        return
    tok = words[j]
    w = tok.text
    if not w.isalpha() or not w.islower() or not _gap_plain(doc.text, words[j - 1], tok):
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or "ADJ" in found or found["VERB"][0] != w or w == "be":
        return
    if not contracted and "NOUN" not in found and w not in ("have", "do"):
        return   # MT532 says it
    tags = doc.word_tags(k)
    if tags[j] not in ("VB", "VBP") and not (w in _FEELING and tags[j] == "NN"):
        return
    if j + 1 < len(words) and (tags[j + 1].startswith(("NN", "JJ")) and lows[j + 1] not in _NOT_NOUNS
                               and lows[j + 1] not in _INDEFINITES
                               or lows[j + 1] in ("of", "'s", "’s", "and", "or")
                               or doc.text[tok.end:tok.end + 1] in ("-", "'", "’")):
        return   # "I am fan of", "we are rock stars", "she's head-hunted"
    if doc.text.startswith(("...", "…"), tok.end):
        return   # a word cut short: "I'm try..."
    subj = _cased(words[i].text, _BE_CONTRACTED_SUBJECT[lows[i]]) if contracted else words[i].text
    forms = lexicon.inflections(w, "VERB")
    third = subj.lower() in _THIRD
    if not contracted and lows[i + 1] in ("was", "were"):
        simple = (forms.get("VBD") or (w,))[0]
    elif third:
        simple = (forms.get("VBZ") or (w + "s",))[0]
    else:
        simple = w
    be = i if contracted else i + 1   # the word that carries "be"
    be_words = doc.text[words[i].start:words[j - 1].end]   # with an adverb after "be"
    progressive = f"{be_words} {(forms.get('VBG') or (w + 'ing',))[0]}"
    between = doc.text[words[be].end:words[j - 1].end].strip()
    plain = f"{subj} {between + ' ' if between else ''}{simple}"
    if (w in _FEELING or w in ("suppose", "use") and j + 1 < len(words) and lows[j + 1] == "to") \
            and forms.get("VBN"):
        first, rest = f"{be_words} {forms['VBN'][0]}", [progressive]
    elif w in _SIMPLE:
        first, rest = plain, [progressive]
    else:
        first, rest = progressive, [plain]
    yield rule.issue(words[i].start, tok.end, first, suggestions=rest,
                     word=doc.text[words[i].start:tok.end])


_HERE_THERE_DETS = frozenset("my your his her our their a an the some this these any many several no lots "
                             "plenty few".split())
_THERE_AFTER = frozenset("if whether that hope think believe know and but because so when where as since while "
                         "though although unless".split())
_FINITE_TAGS = frozenset("VBZ VBP VBD MD".split())
_CLAUSE_WINDOW = 16
_HERE_LEAD = frozenset("and so oh ok okay but well".split())


def _here_opens(lows: list[str], i: int) -> bool:
    """"Here" opening its sentence (after "And", "Oh", "So" at most)."""
    return i == 0 or i == 1 and lows[0] in _HERE_LEAD


def _here_there_no_verb(doc: Doc, k: int, words: Sequence[Token], lows: list[str], i: int,
                        rule) -> Iterator[Issue]:
    """MT510: "Here my new song.", "Here a link to the docs.", "Let me know if there any
    problems.": "here" or "there" and a noun phrase with no verb, as Russian «Вот моя песня» and
    «если есть вопросы» read. The clause (up to a comma or the sentence's end) has no finite
    verb; "there" only opening a clause, so "go there a few times" stays."""
    tok, nxt = words[i], words[i + 1]
    if not _gap_plain(doc.text, tok, nxt) or not nxt.text.islower():
        return
    if lows[i] == "there" and lows[i + 1] == "the":
        return   # "There the spider waits", "but there the attack proceeds": a place
    tags = doc.word_tags(k)
    n = len(words)
    end = i + 1
    # up to the next comma, at most _CLAUSE_WINDOW words: each "there" of a sentence scans its own
    # stretch, so a bound keeps a long sentence full of them linear
    while end + 1 < n and end - i < _CLAUSE_WINDOW \
            and not any(c in doc.text[words[end].end:words[end + 1].start] for c in ",;:()\u2014"):
        end += 1
    clause = range(i + 1, end + 1)
    opening = lows[i] == "here" or i == 0 or i == 1 and lows[0] in _HERE_LEAD
    if opening:
        clause = range(i + 1, n)   # a sentence opening "Here"/"There" has no verb anywhere after it
    if any(tags[x] in _FINITE_TAGS or lows[x] in _BE_FINITE for x in clause):
        return   # "Here the river turns", "Here his sons, ..., were also cut"
    if opening and any(tags[x] in ("VB", "VBG", "VBN") for x in clause) and len(clause) > 8:
        return   # a long clause with a verb in it: not a bare presentation
    heads = [x for x in clause if tags[x].startswith("NN")]
    if not heads:
        return
    first = heads[0]
    while first + 1 in clause and tags[first + 1].startswith("NN") \
            and not (tags[first + 1] == "NNS" and "VERB" in lexicon.lemmas(lows[first + 1])):
        first += 1
    if opening and any(tags[x] == "NNS" and "VERB" in lexicon.lemmas(lows[x]) for x in clause if x > first):
        return   # "Here the road curves to the right": an -s word that may be the verb
    if lows[i + 1] in ("a", "an", "one", "this"):   # "there a lot of ways", "here a link"
        plural = lows[i + 1] == "a" and i + 2 < n and lows[i + 2] in ("lot", "few", "couple", "number")
    else:
        plural = tags[first] in ("NNS", "NNPS")
    verb = "are" if plural else "is"
    yield rule.issue(tok.start, tok.end, f"{tok.text} {verb}", word=tok.text,
                     phrase=doc.text[tok.start:words[min(i + 3, end)].end])
