"""Subject-verb agreement (MT511-MT519), the simple, reliable cases only.

No tagger (spaCy costs ~0.9 s to start and 290 MB): two shapes a rule can see without one.
MT511: a clause that *opens* with a determiner and a plural noun standing right before
"was/is/has/does" ("the complexes “Iskander” was transferred"); opening a clause matters, since
"one of the complexes was" or "the number of missiles was" are right. MT512: a subject pronoun
right before a form of be/have/do that does not fit it ("they was", "it have"). Number comes
from lemminflect's noun table; nouns that look plural but are not ("news", "ten years") are
listed in rules/en/grammar.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Callable, Iterator, Sequence

from .. import lexicon
from ..analysis import Doc, Token
from ..model import Issue
from ..ruledata import Registry
from . import Context, Rules

FAMILY = "grammar"

_TO_PLURAL = {"was": "were", "is": "are", "has": "have", "does": "do", "wasn't": "weren't",
              "isn't": "aren't", "hasn't": "haven't", "doesn't": "don't"}
# No numerals: "seven furlongs is", "two hours was enough" are measures, singular in English.
_PLURAL_DETERMINERS = frozenset("the these those all both many several such other few various "
                                "numerous some".split())
_SINGULAR_DETERMINERS = frozenset("the this that a an every each its his her their our my your "
                                  "another".split())
_FUNCTION = frozenset("can could may might must shall should will would need dare ought do does "
                      "did is are was were be been am has have had not you we they he she it i "
                      "one more most less least sooner later rather than also".split())
# Words that can stand before a determiner in one noun phrase ("all the", "the other"); not
# "that", which is more often a complementiser ("said that the system ...").
# A plain verb form after a singular subject is right in a subjunctive or under "let"
# ("let them quarrel and the third person get out", "we insist that the court review it").
_SUBJUNCTIVE_CUES = frozenset("let lest may insist insists insisted demand demands demanded "
                              "require requires required suggest suggests suggested propose "
                              "proposes proposed recommend recommends recommended urge urges "
                              "urged request requests requested essential vital important "
                              "imperative".split())
# Before "he/she/it" + plain verb, these may open a subjunctive clause ("demanding he step
# down", "it is in Egypt's interest that he step down"): no lexical-verb agreement after them.
_SUBJUNCTIVE_OPENERS = frozenset("that demanding insisting requiring suggesting proposing "
                                 "recommending urging requesting asking lest".split())
_PREDETERMINERS = frozenset("all both half the these those".split())
_FOCUS = frozenset("only even just perhaps maybe probably".split())
_MODALS = frozenset("can could may might must shall should will would need dare ought".split())
# Words after which a new clause (and so a new subject) may start.
_CLAUSE_OPENERS = frozenset("that and but because if when while although though since so as "
                            "where whether once until unless then now after before which".split())
# Words that cannot be part of a noun phrase between its determiner and its noun.
_NOT_MODIFIER = frozenset("of and or but in on at to for with by from that which who whom is "
                          "are was were be been has have had not than as".split())
_MAX_MODIFIERS = 2

_SUBJECTS = {
    "he": "3sg", "she": "3sg", "it": "3sg", "they": "pl", "we": "pl", "you": "pl", "i": "1sg",
}
_FIX = {
    # "were" after he/she/it is left alone: the subjunctive ("if it were") is right.
    "3sg": {"are": "is", "have": "has", "don't": "doesn't", "aren't": "isn't",
            "haven't": "hasn't", "do": "does"},
    "pl": {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
           "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"},
    "1sg": {"is": "am", "are": "am", "has": "have", "does": "do", "doesn't": "don't"},
}
_THIS_FIX = {"do": "does", "don't": "doesn't", "have": "has", "haven't": "hasn't"}
# Before one of these the pronoun is not a plain subject: "does it have", "let it be".
_INVERTERS = frozenset("do does did is are was were has have had will would can could shall "
                       "should may might must let make makes made making help helps see saw "
                       "watch hear heard need needs dare am".split())
# Before one of these the pronoun is named, not used: "singular they has", "an I is".
_MENTION = frozenset("a an the this singular plural generic pronoun word".split())
# The pronoun is attached to a subject further left, which the verb agrees with: "He as well
# as I is", "everyone here but you has", "his sisters along with he are" (not ", but they was").
_ATTACHED = (("as", "well", "as"), ("along", "with"), ("together", "with"), ("but",),
             ("except",), ("like",), ("than",), ("including",))
_OBJECT_TOO = frozenset({"it", "you"})   # also object forms: "the replies to it are"
# After these "it"/"you" opens a clause of its own ("I hope it run", "I think you is right"), not
# an object ("make it work", "let it go", "see you go"; not "know": "those who do not know it are").
_THINK_VERBS = frozenset("think thought hope hoped believe believed guess guessed suppose supposed "
                         "sure glad afraid worried".split())


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    yield from _verb_group(doc, rules)
    plural, pron, singular = rules.get("MT511"), rules.get("MT512"), rules.get("MT513")
    do_rule = rules.get("MT516")
    if not (plural or pron or singular or do_rule):
        return
    text = doc.text
    skip = _word_list(ctx.registry, "singular_plurals") if ctx.registry else frozenset()
    collective = _word_list(ctx.registry, "collective_nouns") if ctx.registry else frozenset()
    interjections = _word_list(ctx.registry, "interjection_verbs") if ctx.registry else frozenset()
    for k, words in enumerate(doc.sentence_words):
        if pron and words and words[0].lower in _Q_OPENERS:
            yield from _inverted_aux(doc, k, words, pron)
        for i, tok in enumerate(words):
            if i == 0:
                continue
            lw = tok.lower.replace("’", "'")
            if do_rule and lw == "not" and i + 1 < len(words) and words[i + 1].text.isalpha() \
                    and words[i + 1].text.islower() and _adjacent(text, words[i - 1], tok) \
                    and _adjacent(text, tok, words[i + 1]):
                yield from _noun_not(doc, k, words, i, do_rule, skip, collective)
            if plural and (lw in _TO_PLURAL or lw.endswith("s")):
                subject, bare = _subject(text, words, i, "pl", _PLURAL_DETERMINERS, skip, bare_ok=True)
                right = subject and (_TO_PLURAL.get(lw) or _lexical(tok, "VBZ", "VBP"))
                if right and bare and (doc.word_tags(k)[0] not in _BARE_FIRST_TAGS or doc.word_tags(k)[0] == "NN"
                                       and (doc.word_tags(k)[i] not in ("VBZ", "VBP", "MD")
                                            or "VERB" in lexicon.lemmas(words[i - 1].lower))):
                    right = None   # a bare subject ("Grammatical errors is"): the tagger's adjective,
                    # or its noun and a verb it reads as one, after a head that is no verb
                    # ("Keyboard shortcuts works"; not "Caesium forms alloys")
                if subject and not right and lw.endswith("s") and i + 1 < len(words) \
                        and not (bare and "VERB" in lexicon.lemmas(words[i - 1].lower)):
                    # also a plural noun ("shows", "results"): the tagger decides, in context
                    right = _lexical(tok, "VBZ", "VBP", noun_too=True)
                    tags = doc.word_tags(k) if right else ()
                    if right and not (tags[i] == "VBZ" and tags[i - 1] == "NNS"
                                      and tags[i + 1] in _AFTER_VERB):
                        right = None
                if right:
                    yield plural.issue(tok.start, tok.end, _cased(tok.text, right), subject=subject)
            # "he always walk", "I rarely has": one adverb may stand between (not "not": "he not
            # know" is MT516's "doesn't know")
            si = i - 2 if i > 1 and words[i - 1].lower in _MID_ADVERBS and words[i - 1].lower != "not" \
                and _adjacent(text, words[i - 2], words[i - 1]) else i - 1
            if pron and _adjacent(text, words[i - 1], tok) and _pronoun(text, words[si]):
                person = _SUBJECTS.get(words[si].lower)
                right = _FIX.get(person or "", {}).get(lw)
                if not right and lw in ("were", "weren't") and person in ("3sg", "1sg") \
                        and i + 1 < len(words) and words[i + 1].lower.endswith("ing") \
                        and not any(w.lower in _WERE_SUBJUNCTIVE for w in words[:i]) \
                        and doc.word_tags(k)[i + 1] == "VBG":
                    right = "was" if lw == "were" else "wasn't"   # "It were raining": no subjunctive here
                if not right and person in ("pl", "1sg") and tok.text.islower() and lw.endswith("s"):
                    right = _plain_of_s_form(lw)   # "they works", "I looks", "we needs"
                    if right and ("NOUN" in lexicon.lemmas(lw) and doc.word_tags(k)[i] != "VBZ"
                                  or i + 1 < len(words) and doc.word_tags(k)[i + 1][:2] in ("VB", "MD")):
                        right = None   # "We parents need", "you guys": a noun after the pronoun
                    if right and si > 0 and (words[si - 1].lower in ("as", "than")
                                             or person == "1sg" and doc.word_tags(k)[si - 1][:2] in ("NN", "CD")):
                        right = None   # "such a creature as I finds"; "Phase I corresponds": a numeral
                if not right and person == "3sg" and tok.text.islower():
                    right = _third_person(lw, words[i - 1].lower)
                    if not right and doc.word_tags(k)[i] in ("VBP", "VB"):
                        # "he run", "it become", "it only last": also a participle, adjective
                        # or noun, so only where the tagger reads the plain verb
                        right = _third_person_tagged(lw)
                    if right and (i + 1 < len(words) and words[i + 1].lower == "of"
                                  or (si > 0 and words[si - 1].lower in _SUBJUNCTIVE_OPENERS)
                                  or any(w.lower in _SUBJUNCTIVE_CUES for w in words[:i])):
                        right = None   # "in our interest that he step down"; "she sort of"
                    if right and i + 1 < len(words) and _past_only(words[i + 1].lower):
                        right = None   # a compound verb: "He hand wrote a response"
                if right and _plain_subject(text, words, si):
                    yield pron.issue(tok.start, tok.end, _cased(tok.text, right),
                                     subject=words[si].text, word=tok.text)
            if pron and i == 1 and words[0].lower in ("this", "that") and lw in _THIS_FIX \
                    and _adjacent(text, words[0], tok) and i + 1 < len(words):
                # "This do not belong to quality problems", "That have been fixed": a sentence's
                # opening demonstrative before a verb is its subject, third person singular
                yield pron.issue(tok.start, tok.end, _THIS_FIX[lw], subject=words[0].text, word=tok.text)
            if singular and not lw.endswith(("s", "ed", "ing")) and lw not in _PREPOSITION_VERBS:
                subject, bare = _subject(text, words, i, "sg", _SINGULAR_DETERMINERS, collective, bare_ok=True)
                right = subject and lw not in interjections and (
                    (None if bare else _SINGULAR_AUX.get(lw)) if lw in _SINGULAR_AUX
                    and not any(w.lower in ("and", "or", "of") for w in words[:i])
                    else _lexical(tok, "VBP", "VBZ"))
                if subject and right is None and lw not in interjections and i + 1 < len(words) \
                        and _adjacent(text, tok, words[i + 1]) and not words[i + 1].lower.endswith(("self", "selves")) \
                        and not any(w.lower in ("and", "or", "nor") for w in words[:i]):
                    # also a noun ("Our coffee taste bitter"): the tagger decides, in context,
                    # and the next word must start an object or a phrase; not in a coordinated
                    # subject ("his wife want") or before a reflexive ("the thing that echo itself")
                    right = _lexical(tok, "VBP", "VBZ", noun_too=True)
                    tags = doc.word_tags(k) if right else ()
                    if right and not (tags[i] == "VBP" and tags[i + 1] in _AFTER_VERB and tags[i + 1] != "RB"):
                        right = None
                if right and bare and (i + 1 >= len(words) or not _adjacent(text, tok, words[i + 1])
                                       or doc.word_tags(k)[i] not in ("VBP", "VB")
                                       or doc.word_tags(k)[0] not in (_BARE_FIRST_TAGS if " " in subject else ("NN",))):
                    right = None   # "Adoption act and ...", "Good morning harry, how are you?", "Try
                    # get in": a bare subject needs the tagger's noun (or adjective) and verb too, and
                    # the verb its object or complement right after it
                if right and not any(w.lower in _SUBJUNCTIVE_CUES for w in words[:i]):
                    yield singular.issue(tok.start, tok.end, _cased(tok.text, right),
                                         subject=subject, word=tok.text)


# Verbs that are prepositions as often: "every day except Tuesday", "a house near the sea".
_PREPOSITION_VERBS = frozenset("except save bar near like unlike minus plus past round opposite worth".split())


# Auxiliaries a singular noun subject changes: "the user don't have" -> "doesn't".
# Only the negated ones: "are", "were", "have" follow coordinated subjects ("the school and the
# temple were"), subjunctives ("if the beard were") and the last noun of a longer subject
# ("places of residence after the wedding are") too often in good English.
_SINGULAR_AUX = {"don't": "doesn't", "haven't": "hasn't"}


@lru_cache(maxsize=4096)
def _third_person(w: str, pronoun: str) -> str | None:
    """'wants' for "he want": the plain form of a word that is only a verb (a noun reading is
    fine after he/she, never after "it": "it rains" but "it" + noun is an object), with no
    past form ("he read", "she put") and no adjective reading ("he like a child")."""
    if not w.isalpha() or w in _MODALS or w in ("need", "dare", "be", "have", "do"):
        return None   # modals and "he need not" / "she dare not" are right
    found = lexicon.lemmas(w)
    if not found.get("VERB") or set(found) - {"VERB", "NOUN"} \
            or (pronoun == "it" and "NOUN" in found):
        return None
    lemma = found["VERB"][0]
    if len(found["VERB"]) > 1:
        return None
    forms = lexicon.inflections(lemma, "VERB")
    if w not in forms.get("VBP", ()) or w in forms.get("VBD", ()) or w in forms.get("VBN", ()):
        return None
    return (forms.get("VBZ") or (None,))[0]


@lru_cache(maxsize=4096)
def _plain_of_s_form(w: str) -> str | None:
    """'work' for 'works': the plain form of a verb's -s form (one verb, the tables agree)."""
    verbs = lexicon.lemmas(w).get("VERB")
    if not verbs or len(verbs) > 1 or verbs[0] in _MODALS or verbs[0] in ("be", "have", "do"):
        return None
    forms = lexicon.inflections(verbs[0], "VERB")
    if w not in forms.get("VBZ", ()) or w in forms.get("VBP", ()):
        return None
    return verbs[0]


# Before these a "were" after a singular subject may be a subjunctive ("if it were raining", "I
# wish he were coming", "as though she were leaving").
_WERE_SUBJUNCTIVE = frozenset("if wish wished though unless suppose supposing imagine rather even "
                              "whether lest as".split())
_WH = frozenset("what why where when how who which whom whose".split())
# A question's auxiliary takes the same forms as after the subject (``_FIX``: no "were", as in
# "Were he to go", and no "aren't I"): "Is you crazy?", "Does they know?", "What has you done?".
_Q_OPENERS = frozenset(set().union(*_FIX.values())) | _WH


def _inverted_aux(doc: Doc, k: int, words: Sequence[Token], rule) -> Iterator[Issue]:
    """MT512 in questions: the auxiliary that opens a question (or follows its wh-word) and
    the subject pronoun right after it ("Is you crazy?", "Does they know?", "What has you
    done?"); only in a sentence that ends with "?"."""
    n = len(words)
    a = 1 if n > 2 and words[0].lower in _WH else 0
    if a + 2 > n or "?" not in doc.text[words[-1].end:doc.sentences[k].end]:
        return
    aux, pron = words[a], words[a + 1]
    right = _FIX.get(_SUBJECTS.get(pron.lower, ""), {}).get(aux.lower.replace("’", "'"))
    if not right or not _adjacent(doc.text, aux, pron) or not _pronoun(doc.text, pron) \
            or not aux.text[1:].islower() or pron.lower == "i" and pron.text != "I":
        return
    if a + 2 < n and words[a + 2].lower in ("and", "or", "nor", "/"):
        return   # "Are you and he ...", a coordinated subject
    if a + 2 < n:
        after = doc.word_tags(k)[a + 2]
        if after[:2] == "NN" or right in ("has", "have") and after in ("VB", "VBP"):
            return   # "Is you question ...": a typo for "your"; "Have it show ...": causative
    yield rule.issue(aux.start, aux.end, _cased(aux.text, right), subject=pron.text, word=aux.text)


@lru_cache(maxsize=4096)
def _third_person_tagged(w: str) -> str | None:
    """'runs' for "he run", 'lasts' for "it only last": the plain form of a verb that may also
    be its participle ("run", "become") or another part of speech; the caller asks the tagger.
    Never a past form ("he read", "it cost"), a modal or "need"/"dare"."""
    if not w.isalpha() or w in _MODALS or w in ("need", "dare", "be", "have", "do", "cant"):
        return None
    verbs = lexicon.lemmas(w).get("VERB")
    if not verbs or len(verbs) > 1:
        return None
    forms = lexicon.inflections(verbs[0], "VERB")
    if w not in forms.get("VBP", ()) or w in forms.get("VBD", ()):
        return None
    return (forms.get("VBZ") or (None,))[0]


# What may follow a finite verb whose noun reading the tagger has ruled out: "the results shows
# that", "the figures shows a rise"; not another noun ("the sales figures shows cases").
_AFTER_VERB = frozenset("DT IN PRP PRP$ RB TO WDT WP JJ CD".split())


def _lexical(tok: Token, tag: str, wanted: str, noun_too: bool = False) -> str | None:
    """The ``wanted`` form of a word that can only be a verb and is its ``tag`` form (and no
    past form: "put" could be a past tense); None otherwise."""
    w = tok.text
    if not w.islower() or not w.isalpha() or w in _MODALS:
        return None
    found = lexicon.lemmas(w)
    if not found or "VERB" not in found or set(found) - {"VERB", "NOUN"} \
            or not noun_too and set(found) - {"VERB"}:
        return None   # unknown, or also a noun/adjective ("calls", "work", "fund")
    lemma = found["VERB"][0]
    forms = lexicon.inflections(lemma, "VERB")
    if w not in forms.get(tag, ()) or w in forms.get("VBD", ()) or w in forms.get("VBN", ()):
        return None
    return (forms.get(wanted) or (None,))[0]


_RELATIVE = frozenset({"who", "that", "which"})


def _subject(text: str, words: Sequence[Token], i: int, number: str,
             determiners: frozenset[str], skip: frozenset[str], bare_ok: bool = False) -> tuple[str | None, bool]:
    """The clause-opening noun phrase of that number right before the verb at ``i`` (or None),
    and whether it has no determiner. Cheap tests first: the lexicon is asked only about
    phrases of the right shape. With ``bare_ok``, also a sentence-opening phrase with no
    determiner (``_bare_subject``), whose tags the caller checks once its verb has matched (the
    tagger runs only then)."""
    j = _before_quoted_name(text, words, i)
    if j is None:
        return None, False
    bare = bare_ok and j <= 1 and _bare_subject(text, words, j, number)
    if j == 0 and not bare:
        return None, False
    end = words[j].end
    if words[j].lower in _RELATIVE:
        # "the people who understand", "a person who follow": the verb of a relative clause
        # agrees with the noun before the pronoun ("who" itself reads as a noun, WHO).
        j -= 1
        if j == 0:
            return None, False
    noun = words[j]
    if bare:
        d = 0   # "Price include taxes.", "Grammatical errors is bad": no determiner at all
    elif not noun.text.islower():
        return None, False
    if noun.lower in skip or noun.lower in determiners or noun.lower in _FUNCTION \
            or number == "sg" and noun.lower in _NOT_BARE:
        return None, False   # "the law will enter": "will" is no noun here; "help them get": no singular
    for d in range(j - 1, max(-1, j - _MAX_MODIFIERS - 2), -1) if not bare else ():
        w = words[d]
        if w.lower in _NOT_MODIFIER:
            return None, False
        if w.lower in determiners:
            break
    else:
        if not bare:
            return None, False
    while d > 0 and words[d - 1].lower in _PREDETERMINERS \
            and _adjacent(text, words[d - 1], words[d]):
        d -= 1   # "all the soldiers", "the other members": the phrase starts further left
    if not _adjacent_run(text, words, d, j) or not _clause_start(text, words, d):
        return None, False
    if words[d].lower == "some" and noun.lower == "times":
        return None, False   # "Some times doesn't work": "Sometimes" split, not a plural subject
    if lexicon.noun_number(noun.lower) != number:
        return None, False
    if number == "sg" and "ADJ" in lexicon.lemmas(noun.lower):
        return None, False   # "a gay bar": an adjective reading makes the head doubtful
    if any(lexicon.noun_number(words[m].lower) == "pl" for m in range(d + 1, j)):
        return None, False   # "the arms race": the head is not the plural word
    return text[words[d].start:end], bare


# Words the lexicon reads as nouns that are no head of a bare subject ("These include", "Anyone
# know", "those who say").
_NOT_BARE = frozenset("these those them this that there here what which who whose why how some any "
                      "each every other others such several many much most all both few none neither "
                      "either anyone anybody everyone everybody someone somebody nobody noone "
                      "please thanks people".split())


# The tags the first of a two-word bare subject may have: an adjective ("Grammatical errors
# is") or a noun used as a modifier ("Keyboard shortcuts works").
_BARE_FIRST_TAGS = ("JJ", "NN")
# Words the lexicon lists as nouns too that only ever determine one ("Their offspring represent").
_DETERMINER_WORDS = frozenset("my your his her its our their this that these those the a an some any every "
                              "each no another other such what which whose".split())


def _bare_subject(text: str, words: Sequence[Token], j: int, number: str) -> bool:
    """A subject with no determiner that opens the sentence, as the lexicon reads it: a
    capitalised adjective and a lower-case noun ("Grammatical errors is", "Annual output
    reach"), or, in the singular, a capitalised common noun alone ("Price include"; the caller
    asks the tagger for NN, so not "Try get", "Run don't walk"). A lone plural is left alone:
    "Wales is", "Windows is", "Asteroids was" are names."""
    if j > 1 or not _adjacent_run(text, words, 0, j):
        return False
    first = words[0].text
    if not (first[:1].isupper() and first[1:].islower() and first.isalpha()) \
            or words[0].lower in _NOT_BARE or words[0].lower in _FUNCTION:
        return False
    if j == 1:
        found = set(lexicon.lemmas(words[0].lower))
        return words[1].text.islower() and ("ADJ" in found and found <= {"ADJ", "NOUN"}
                                            or "NOUN" in found and found <= {"NOUN", "VERB"}
                                            and words[0].lower not in _DETERMINER_WORDS
                                            and not words[0].lower.endswith("ing"))   # "Writing books is"
    return number == "sg" and bool(lexicon.lemmas(words[0].lower).get("NOUN"))


def _before_quoted_name(text: str, words: Sequence[Token], i: int) -> int | None:
    """Index of the word before the verb, skipping one quoted name ("complexes “Iskander” was")."""
    gap = text[words[i - 1].end:words[i].start].strip()
    if not gap:
        return i - 1
    opening = {"”": "“", '"': '"', "»": "«"}.get(gap)
    if opening is None:
        return None
    for j in range(i - 1, max(0, i - 5), -1):   # a name of up to four words
        if text[words[j - 1].end:words[j].start].strip() == opening:
            return j - 1
    return None


def _adjacent(text: str, a: Token, b: Token) -> bool:
    return not text[a.end:b.start].strip()


def _adjacent_run(text: str, words: Sequence[Token], d: int, j: int) -> bool:
    return all(_adjacent(text, words[k], words[k + 1]) for k in range(d, j))


def _clause_start(text: str, words: Sequence[Token], k: int) -> bool:
    """Can a subject start at word k: sentence start, after punctuation, or after a
    conjunction or complementiser ("said that the missiles ...")."""
    if k == 0:
        return True
    if words[k - 1].lower in _FOCUS and _adjacent(text, words[k - 1], words[k]):
        return _clause_start(text, words, k - 1)   # "Only the church refer to them ..."
    gap = text[words[k - 1].end:words[k].start]
    if re.search(r"[,;:(“\"«—–]", gap):
        return True
    return words[k - 1].lower in _CLAUSE_OPENERS


def _pronoun(text: str, tok: Token) -> bool:
    """A subject pronoun as written: "I" only in capitals and not inside an abbreviation ("A.I"),
    since a lower-case i is a variable or an index ("where i is the number of points")."""
    if text[tok.start - 1:tok.start] == "]":
        return False   # "[T]he work": an edited capital, not the pronoun "he"
    if tok.lower != "i":
        return True
    return tok.text == "I" and text[tok.start - 1:tok.start] not in (".", "‘", "'", "’")


def _plain_subject(text: str, words: Sequence[Token], p: int) -> bool:
    if p > 0 and words[p - 1].lower in _INVERTERS and _adjacent(text, words[p - 1], words[p]):
        return False
    if p > 0 and text[words[p - 1].end:words[p].start].strip() == "/":
        return _plain_subject(text, words, p - 1)   # "Where does he/she work?"
    if p > 0 and words[p - 1].lower.replace("’", "'").endswith(("'d", "n't")):
        return False   # "What'd she say?", "Hasn't she come?": an inverted auxiliary
    if p > 0 and words[p - 1].lower in ("before", "after", "behind") \
            and words[p].lower in _OBJECT_TOO:
        return False   # "the building before you is": an object of the preposition
    if p > 0 and words[p - 1].lower in _MENTION:
        return False
    for phrase in _ATTACHED:
        n = len(phrase)
        if p >= n and tuple(w.lower for w in words[p - n:p]) == phrase:
            gap = text[words[p - n - 1].end:words[p - n].start] if p > n else ""
            if phrase != ("but",) or not re.search(r"[,;:]", gap):
                return False
    if p > 0 and words[p - 1].lower in ("and", "or", "nor"):
        return False   # part of a coordinated subject: "my colleagues and I are"
    if words[p].lower in _OBJECT_TOO:
        return _clause_start(text, words, p) or p > 0 and words[p - 1].lower in _THINK_VERBS
    return True


def _cased(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


@lru_cache(maxsize=16)
def _word_list(reg: Registry, key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in reg.data(FAMILY, key, []) or [])


# ---------------------------------------------------------------- the verb group (MT514-MT516)
# Modals as auxiliaries; never capitalised ("Will went home", "May to June" are a name and a
# month) and never after a word that makes them a noun ("the will to live", "a must", "tin can").
_AUX_MODALS = frozenset("can could may might must shall should will would".split())
_DO = frozenset("do does did".split())
_NOT = frozenset({"not", "n't", "n’t"})   # "did n't": tokenised text keeps the clitic apart
_DO_NEG = frozenset("don't doesn't didn't don’t doesn’t didn’t dont doesnt didnt".split())
_MODAL_NEG = frozenset("can't cannot couldn't won't wouldn't shouldn't mustn't mightn't "
                       "shan't can’t couldn’t won’t wouldn’t shouldn’t mustn’t".split())
_NOUN_CUES = frozenset("a an the this that these those his her my your our their its every each "
                       "no free good ill political own last strong tin trash garbage watering "
                       "from between since until till through to".split())
# Adverbs that may stand between the auxiliary and its verb ("can also goes").
_MID_ADVERBS = frozenset("not also still never just only really always even probably certainly greatly "
                         "definitely actually easily soon usually often sometimes ever hardly "
                         "rarely necessarily simply merely generally normally typically possibly "
                         "completely fully entirely nearly almost".split())
_BE_FORMS = frozenset("is are was were am".split())
_QUESTION_SUBJECTS = frozenset("i you he she it we they".split())
_WH = frozenset("what why where when how who which whom whose ,".split())
# Words after which "to" marks an infinitive, not a (stranded) preposition: "the vet they sent
# us to was far" is right, "we wanted to went" is not.
_TO_INFINITIVE = frozenset("want wants wanted need needs needed try tries tried able unable going "
                           "decide decides decided seem seems seemed plan plans planned hope hopes "
                           "hoped wish wishes wished start starts started begin begins began "
                           "continue continues continued refuse refuses refused manage manages "
                           "managed forget forgets forgot learn learns learned learnt expect "
                           "expects expected has have had used ought like likes liked "
                           "love loves loved hate hates hated prefer prefers preferred".split())
# "whatever it can to help", "everything we can to get", "as best he could to": the modal ends
# an elliptical clause ("can [do]") and "to" opens a purpose clause.
_ELLIPSIS_CUES = frozenset("everything whatever anything all what much best little nothing "
                           "something most whoever as way possible thing".split())
# Modals that are also nouns ("Dickens's will", "his nasty will", "at will", "Which can").
_NOUN_MODALS = frozenset({"will", "can", "must"})
_QUESTION_WORDS = frozenset("what why where when how who which whom whose".split())
_RELATIVES = frozenset({"who", "that", "which"})
_DO_SUBJECT = {"he": "doesn't", "she": "doesn't", "it": "doesn't", "i": "don't", "you": "don't",
               "we": "don't", "they": "don't"}


def _verb_group(doc: Doc, rules: Rules) -> Iterator[Issue]:
    to_rule, form_rule, do_rule = rules.get("MT514"), rules.get("MT515"), rules.get("MT516")
    gerund_rule = rules.get("MT526")
    if not (to_rule or form_rule or do_rule or gerund_rule):
        return
    text = doc.text
    for k, words in enumerate(doc.sentence_words):
        n = len(words)
        tags = partial(doc.word_tags, k)   # asked only where a noun reading leaves a doubt
        for i, tok in enumerate(words):
            lw = tok.lower
            if to_rule and lw in _AUX_MODALS and i + 3 < n and (i == 0 or words[i - 1].lower in _QUESTION_WORDS) \
                    and tok.text[1:].islower() and words[i + 1].lower in _QUESTION_SUBJECTS \
                    and _pronoun(text, words[i + 1]) and words[i + 2].lower == "to" \
                    and _adjacent_run(text, words, i, i + 3) and words[i + 3].text.islower() \
                    and _base_verb(words[i + 3].lower):
                # a question: "Can you to help me?", "What should I to do?"
                yield to_rule.issue(tok.start, words[i + 2].end, f"{tok.text} {words[i + 1].text}",
                                    modal=tok.text)
                continue
            if lw in _AUX_MODALS or lw in _MODAL_NEG:
                if not tok.text.islower() or (i > 0 and words[i - 1].lower in _NOUN_CUES) \
                        or (lw in _NOUN_MODALS and i > 0 and _noun_modal(words, i)):
                    continue
                if i > 1 and words[i - 1].lower in ("and", "or") and words[i - 2].lower in _AUX_MODALS:
                    continue   # a mention: "the modal verbs should and may to show"
                # the 'to' right after the modal, or after its 'not' ("We can not to handle it")
                j = i + 2 if i + 1 < n and words[i + 1].lower == "not" else i + 1
                if to_rule and j + 1 < n and words[j].lower == "to" \
                        and _adjacent_run(text, words, i, j + 1) and _base_verb(words[j + 1].lower) \
                        and not any(w.lower in _ELLIPSIS_CUES for w in words[max(0, i - 3):i]) \
                        and (lw != "will" or (i > 0 and words[i - 1].lower in _SUBJECTS)):
                    yield to_rule.issue(tok.start, words[j].end, " ".join(w.text for w in words[i:j]),
                                        modal=tok.text)
                    continue
                if form_rule:
                    yield from _wrong_form(text, words, i, form_rule, modal=True, word_tags=tags)
            elif form_rule and lw.endswith(("'ll", "’ll")) and lw[:-3] in _SUBJECTS and tok.text[1:].islower() \
                    and i + 1 < n:
                yield from _wrong_form(text, words, i, form_rule, modal=True, word_tags=tags, contracted=True)
            elif form_rule and (lw in _DO_NEG or (lw in _DO and i + 1 < n
                                                   and words[i + 1].lower in _NOT
                                                   and _adjacent(text, tok, words[i + 1]))):
                if tok.text[:1].isupper() and i > 0:
                    continue
                if lw in _DO_NEG and i == 0 and i + 2 < len(words) \
                        and _only_non_base(words[1].lower) and _only_non_base(words[1].lower)[2] \
                        and _base_verb(words[2].lower):
                    continue   # an inverted noun subject: "Don't mothers kiss their children?"
                yield from _wrong_form(text, words, i + (lw in _DO), form_rule, modal=False)
            elif form_rule and lw in _DO and i + 2 < n and words[i + 1].lower in _QUESTION_SUBJECTS \
                    and _adjacent(text, tok, words[i + 1]) and _pronoun(text, words[i + 1]) \
                    and (i == 0 or words[i - 1].lower in _WH):
                yield from _question(text, words, i, form_rule)
            elif form_rule and lw in _DO and i + 3 < n and words[i + 1].lower in _NP_DETERMINERS \
                    and (i == 0 or words[i - 1].lower in _WH) and tok.text[:1].isupper() == (i == 0) \
                    and words[i + 2].text.isalpha() and words[i + 2].text.islower():
                yield from _question_np(text, words, i, form_rule, tags)
            elif form_rule and lw == "to" and i + 1 < n and i > 0 \
                    and words[i - 1].lower in _TO_INFINITIVE:
                yield from _after_to(text, words, i, form_rule)
            if form_rule and lw in _CAUSATIVES and i + 2 < n and words[i + 1].lower in _CAUSATIVE_OBJECTS \
                    and _adjacent_run(text, words, i, i + 2) and tok.text.islower():
                yield from _causative_ing(words, i, form_rule, tags)
            if gerund_rule and lw == "to" and 0 < i and i + 1 < n and _gerund_head(text, words, i):
                yield from _to_gerund(text, words, i, gerund_rule, tags)
            if do_rule and lw in _DO_SUBJECT and i + 2 < n and words[i + 1].lower == "not" \
                    and _pronoun(text, tok) and _adjacent(text, tok, words[i + 1]) \
                    and _adjacent(text, words[i + 1], words[i + 2]) and _plain_subject(text, words, i):
                found = _do_support(words[i + 2].lower, _DO_SUBJECT[lw]) \
                    or _do_have(text, words, i + 2, _DO_SUBJECT[lw])
                if found:
                    yield do_rule.issue(words[i + 1].start, words[i + 2].end, found,
                                        subject=tok.text)


def _wrong_form(text: str, words: Sequence[Token], i: int, rule, *, modal: bool,
                word_tags: Callable[[], tuple[str, ...]] | None = None,
                contracted: bool = False) -> Iterator[Issue]:
    """The word after the auxiliary at ``i`` (past one adverb) when it is a finite, -ing or
    participle form that only a verb has: the auxiliary wants the plain form. ``contracted``:
    the auxiliary is a pronoun's "'ll" ("you'll going"), so its subject is known."""
    subject = contracted or i > 0 and words[i - 1].lower in _SUBJECTS
    j = i + 1
    if j < len(words) and words[j].lower in _MID_ADVERBS and words[j].lower != "not" or (
            j < len(words) and words[j].lower in _NOT and modal):
        j += 1
        if modal and j < len(words) and words[j].lower in _MID_ADVERBS and words[j].lower not in _NOT \
                and words[j - 1].lower in _NOT | {"really", "still", "also", "greatly"}:
            j += 1   # "will not always staying", "should not really has"
    if j >= len(words) or not all(_adjacent(text, words[k], words[k + 1]) for k in range(i, j)):
        return
    tok = words[j]
    w = tok.lower
    if not tok.text.islower() or not tok.text.isalpha():
        return
    aux = f"{words[i - 1].text} {words[i].text}" if words[i].lower in _NOT and i > 0 \
        else words[i].text
    if _elliptical(words, i, j):
        return
    if w in _BE_FORMS or w == "being":
        if modal or w != "being":
            yield rule.issue(tok.start, tok.end, "be", word=tok.text, aux=aux)
        return
    if w == "been" and modal:
        yield rule.issue(tok.start, tok.end, "have been", suggestions=["be"], word=tok.text,
                         aux=aux)
        return
    forms = _only_non_base(w)
    if forms is None and modal and w.endswith("ing") and word_tags is not None:
        forms = _ing_with_adjective(w)   # "will going": "going" is an adjective too
        if forms is None or not (subject or _declarative_verb(words, i, j, word_tags)) or word_tags()[j] != "VBG":
            return
    if forms is None:
        return
    base, tags, noun = forms
    if (noun or "VBG" in tags) and modal and not subject \
            and not _declarative_verb(words, i, j, word_tags):
        return   # "can rabbits live", "should overcharges be proven": an inverted subject
    if noun and modal and j + 1 < len(words) and _base_verb(words[j + 1].lower) \
            and (i == 0 or words[i - 1].lower in _OBJECT_TOO):
        return   # "it should troops pass": a conditional inversion
    if w in ("does", "did") and j + 1 < len(words) \
            and words[j + 1].lower in _QUESTION_SUBJECTS | {"that", "this"}:
        return   # a new, inverted clause: "If you can't[,] does that bug you?"
    if w == "needs" and words[i].lower == "must":
        return   # archaic "must needs" (= must of necessity)
    if "VBG" in tags and not modal:
        return   # "did not going" is rare; "does not surprising" is another error
    extra = [f"have {tok.text}"] if modal and "VBN" in tags else \
        [f"be {tok.text}"] if modal and "VBG" in tags else []
    yield rule.issue(tok.start, tok.end, base, suggestions=extra, word=tok.text, aux=aux)


def _declarative_verb(words: Sequence[Token], i: int, j: int,
                      tags: Callable[[], tuple[str, ...]] | None) -> bool:
    """The -s or -ing word at ``j`` after a modal is a verb, not an inverted subject: a noun
    subject stands before the modal ("the system will shows", "Peter will going"; not "can
    rabbits live", "can swimming help"), no verb of its own follows, and the tagger reads it as
    a finite verb (VBZ) or an -ing form (VBG)."""
    w = words[j].lower
    if tags is None or i == 0 or j > i + 2 or words[i - 1].lower in _QUESTION_WORDS \
            or not w.endswith(("s", "ing")):
        return False
    if j == i + 2 and words[i + 1].lower not in _MID_ADVERBS:
        return False   # "Peter will really going": one adverb between
    ing = w.endswith("ing")
    if not ing and j + 1 < len(words) and _base_verb(words[j + 1].lower):
        return False
    got = tags()
    if ing:   # "Peter will going to the cinema": an -ing form the tagger reads as one, after a
        # noun subject, with no verb of its own after it ("can swimming help")
        return got[i - 1] in ("NN", "NNS", "NNP") and got[j] == "VBG" \
            and not (j + 1 < len(words) and got[j + 1] in ("VB", "VBP"))
    if got[j] == "NNS":
        # "The deal will covers the volume", "the schedule will fits perfectly": a noun-and-verb
        # word the tagger reads as a plural, but an object or an adverb follows, not a verb
        return got[i - 1] in ("NN", "NNP") and j + 1 < len(words) \
            and got[j + 1] in ("DT", "PRP", "PRP$", "RB", "CD") and words[j + 1].lower not in ("that", "this")
    return got[i - 1] in ("NN", "NNS", "NNP") and got[j] == "VBZ"


def _question(text: str, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    """"Did you saw", "does it matters", "what did he said": the verb after an inverted "do"
    and its pronoun takes the plain form (no noun readings: "do you guys")."""
    tok = words[i + 2]
    if i > 0 and words[i - 1].lower in _RELATIVES:
        return   # a relative clause with an object: "The one who did it was", "who does it tells"
    if not _adjacent(text, words[i + 1], tok) or not tok.text.islower() or not tok.text.isalpha():
        return
    forms = _only_non_base(tok.lower)
    if forms is None or not forms[1] <= {"VBD", "VBZ", "VBN"} \
            or (forms[2] and "VBD" not in forms[1]):
        return   # a noun reading only for a past tense ("did you saw"; not "do you guys")
    yield rule.issue(tok.start, tok.end, forms[0], word=tok.text,
                     aux=f"{words[i].text} {words[i + 1].text}")


_NP_DETERMINERS = frozenset("the this that your my our their his her its".split())


def _question_np(text: str, words: Sequence[Token], i: int, rule,
                 word_tags: Callable[[], tuple[str, ...]]) -> Iterator[Issue]:
    """"Does the system supports this format?": after an inverted "do" and a two-word noun
    subject the verb takes the plain form. The noun must be one (the tagger's NN/NNS) and the
    verb a form only a verb has, a past or -s form."""
    tok = words[i + 3]
    if not all(_adjacent(text, words[k], words[k + 1]) for k in range(i, i + 3)) \
            or not tok.text.islower() or not tok.text.isalpha():
        return
    forms = _only_non_base(tok.lower)
    if forms is None or not forms[1] <= {"VBD", "VBZ", "VBN"}:
        return
    tags = word_tags()
    if not tags[i + 2].startswith("NN") or (forms[2] and tags[i + 3] not in ("VBZ", "VBD")):
        return   # a word that is also a noun only where the tagger reads a verb
    yield rule.issue(tok.start, tok.end, forms[0], word=tok.text,
                     aux=f"{words[i].text} {words[i + 1].text} {words[i + 2].text}")


def _after_to(text: str, words: Sequence[Token], i: int, rule) -> Iterator[Issue]:
    """'to' + a past tense or -s form that only a verb has ("want to went", "able to knows"):
    the infinitive marker wants the plain form. Not participles ("pursuant to said
    agreement", "to done deals"), not words that are also nouns ("to works of art")."""
    tok = words[i + 1]
    if not _adjacent(text, words[i], tok) or not tok.text.islower() or not tok.text.isalpha():
        return
    forms = _only_non_base(tok.lower)
    if forms is None:
        return
    base, tags, noun = forms
    if noun or "VBN" in tags or "VBG" in tags or not tags <= {"VBD", "VBZ"}:
        return
    yield rule.issue(tok.start, tok.end, base, word=tok.text, aux="to")


# MT515 after "let" and "help" and their object: "let you shopping" -> "shop" (not "make":
# "it makes you endearing", "made him imposing" are adjectives).
_CAUSATIVES = frozenset("let lets letting help helps helped helping".split())
_CAUSATIVE_OBJECTS = frozenset("me you him her us them it".split())


def _causative_ing(words: Sequence[Token], i: int, rule, tags: Callable[[], tuple[str, ...]]) -> Iterator[Issue]:
    """MT515: an -ing form after "let" or "help" and its object ("we let you shopping", "it
    helps you getting started") wants the plain verb, where the tagger reads the -ing form as
    one and no noun follows it ("help us building blocks")."""
    tok = words[i + 2]
    w = tok.text
    if not (w.isalpha() and w.islower() and w.endswith("ing")) \
            or words[i + 1].lower == "it" and words[i].lower.startswith("help"):
        return   # "I can't help it worrying about Sami"
    lemma = (lexicon.lemmas(w).get("VERB") or (None,))[0]
    if lemma is None or w not in (lexicon.inflections(lemma, "VERB").get("VBG") or ()):
        return
    t = tags()
    if t[i + 2] != "VBG" or i + 3 < len(words) and t[i + 3].startswith("NN"):
        return
    yield rule.issue(tok.start, tok.end, lemma, word=w, aux=f"{words[i].text} {words[i + 1].text}")


# MT526: words after which "to" is a preposition that wants an -ing form ("contribute to
# reducing"); two-word heads as (first, second).
_GERUND_HEADS = frozenset("contribute contributes contributed contributing contribution contributions "
                          "dedicated devoted accustomed".split())
_GERUND_PAIRS = frozenset({("forward", w) for w in "look looks looked looking".split()}
                          | {("used", w) for w in "get gets got getting gotten".split()}
                          | {("view", "a"), ("addition", "in"), ("comes", "it")})


def _gerund_head(text: str, words: Sequence[Token], i: int) -> bool:
    """Whether the words before "to" at ``i`` make it a preposition ("contribute to", "look
    forward to", "get used to", "in addition to", "with a view to", "when it comes to")."""
    prev = words[i - 1].lower
    if not _adjacent(text, words[i - 1], words[i]):
        return False
    if prev in _GERUND_HEADS:
        return True
    return i > 1 and (prev, words[i - 2].lower) in _GERUND_PAIRS and _adjacent(text, words[i - 2], words[i - 1])


def _to_gerund(text: str, words: Sequence[Token], i: int, rule, tags: Callable[[], tuple[str, ...]]) -> Iterator[Issue]:
    """MT526: the plain form of a word that is only a verb after a "to" that is a preposition
    ("contribute to reduce" -> "reducing"); a verb that is also a noun only where the tagger
    reads it as a plain verb and a determiner or pronoun follows ("look forward to hear from")."""
    tok = words[i + 1]
    w = tok.lower
    if not _adjacent(text, words[i], tok) or not tok.text.isalpha() or not tok.text.islower():
        return
    found = lexicon.lemmas(w)
    if "VERB" not in found or found["VERB"][0] != w or "ADJ" in found:
        return
    if set(found) != {"VERB"}:
        nxt = words[i + 2].lower if i + 2 < len(words) else ""
        if "NOUN" not in found or set(found) - {"VERB", "NOUN"} or tags()[i + 1] != "VB" \
                or nxt not in _GERUND_OBJECTS or not _adjacent(text, tok, words[i + 2]):
            return   # "contribute to water pollution", "look forward to work with": unsure
    ing = lexicon.inflections(w, "VERB").get("VBG") or ()
    if not ing:
        return
    yield rule.issue(tok.start, tok.end, ing[0], word=tok.text, head=text[words[i - 1].start:words[i].end])


_GERUND_OBJECTS = frozenset("the a an this that these those your our their his her its my you us them him me "
                            "from with".split())


def _past_only(w: str) -> bool:
    forms = _only_non_base(w)
    return bool(forms) and not forms[2] and forms[1] <= {"VBD", "VBN"}


def _noun_modal(words: Sequence[Token], i: int) -> bool:
    """'will', 'can', 'must' as nouns: after a possessive ("Dickens's will", "whose can"), a
    question word opening the sentence ("Which can contains water?"), 'at' ("at will") or an
    adjective that is no adverb ("his sinful evil nasty will")."""
    prev = words[i - 1].lower.replace("’", "'")
    if prev.endswith(("'s", "s'")) or prev in ("whose", "at"):
        return True
    if i == 1 and prev in _QUESTION_WORDS:
        return True
    if words[i].lower == "must":
        return False   # "a must" has its article (a noun cue); "The patient must" is a subject
    found = lexicon.lemmas(prev)
    return "ADJ" in found and not set(found) - {"ADJ", "NOUN"} and prev not in _SUBJECTS


def _elliptical(words: Sequence[Token], i: int, j: int) -> bool:
    """The auxiliary ends an elliptical clause and the word at j belongs to the next one:
    "Doing all that you can is good", "the best I can is to", "he who doesn't has already
    lost", "those that did not required", "as I could making sure", "than they would sitting",
    "whatever assurance they could concerning"."""
    a = i - 1 if words[i].lower in _NOT and i > 0 else i
    if a >= 1 and words[a - 1].lower in _RELATIVES and a >= 2 and (
            words[a].lower in _DO_NEG or words[a].lower in _DO):
        return True   # "he who doesn't has", "those that did not required"
    if a >= 2 and words[a - 1].lower in _SUBJECTS:
        if words[a - 2].lower in ("as", "than"):
            return True
        if words[a - 2].lower in ("that", "what") and words[j].lower in _BE_FORMS \
                and words[a].lower.replace("’", "'") in _DO | _DO_NEG:
            return True   # "that they do not is because nobody cares"
        w = words[j].lower
        if any(x.lower in _ELLIPSIS_CUES for x in words[max(0, a - 4):a - 1]) \
                and (w in _BE_FORMS or w.endswith("ing") or w in ("has", "had")):
            return True
    return False


@lru_cache(maxsize=1024)
def _ing_with_adjective(w: str) -> tuple[str, frozenset[str], bool] | None:
    """(base, {"VBG"}, noun?) for an -ing form that the lexicon also knows as an adjective
    ("going", "willing" are not: their verb must be the word's lemma's -ing form)."""
    found = lexicon.lemmas(w)
    verbs = found.get("VERB", ())
    if len(verbs) != 1 or verbs[0] == w or set(found) - {"VERB", "NOUN", "ADJ"}:
        return None
    forms = lexicon.inflections(verbs[0], "VERB")
    if w not in forms.get("VBG", ()) or not forms.get("VB"):
        return None
    return forms["VB"][0], frozenset({"VBG"}), "NOUN" in found


@lru_cache(maxsize=4096)
def _only_non_base(w: str) -> tuple[str, frozenset[str], bool] | None:
    """(base, tags) for a word that is a verb's -s, past, participle or -ing form and no plain
    form of any verb, nor a noun or adjective ("leaves", "felt", "found", "read" are left)."""
    found = lexicon.lemmas(w)
    verbs = found.get("VERB", ()) + found.get("AUX", ())
    if not verbs or set(found) - {"VERB", "AUX", "NOUN"}:
        return None   # a noun reading is fine right after an auxiliary ("can goes")
    bases, tags = set(), set()
    for lemma in verbs:
        forms = lexicon.inflections(lemma, "VERB")
        if w in forms.get("VB", ()) or w in forms.get("VBP", ()):
            # "saw" is also the plain form of "to saw", but "sawed" is rare next to "saw":
            # the plain reading counts only when its past tense is a common word too.
            past = (forms.get("VBD") or ("",))[0]
            if not past or lexicon.zipf(past) > lexicon.zipf(w) - 2.5:
                return None
            continue
        hit = {t for t in ("VBZ", "VBD", "VBN", "VBG") if w in forms.get(t, ())}
        if hit and forms.get("VB"):
            bases.add(forms["VB"][0])
            tags |= hit
    if len(bases) != 1:
        return None
    return next(iter(bases)), frozenset(tags), "NOUN" in found


@lru_cache(maxsize=4096)
def _base_verb(w: str) -> bool:
    found = lexicon.lemmas(w)
    for lemma in found.get("VERB", ()) + found.get("AUX", ()):
        if w in lexicon.inflections(lemma, "VERB").get("VB", ()):
            return True
    return False


_HAVE = {"have": None, "has": "doesn't", "had": "didn't"}


def _do_have(text: str, words: Sequence[Token], j: int, neg: str) -> str | None:
    """'don't have' for "not have" where "have" is the main verb: an object follows, not a
    participle ("you not have an account"; not "I not have seen", which is another slip)."""
    w = words[j].lower
    if w not in _HAVE or (w == "has" and neg != "doesn't") or j + 1 >= len(words):
        return None
    nxt = words[j + 1]
    if not (nxt.text.isalpha() and _adjacent(text, words[j], nxt)) or nxt.lower in ("been", "got", "not"):
        return None
    found = lexicon.lemmas(nxt.lower)
    if "VERB" in found and nxt.lower in lexicon.inflections(found["VERB"][0], "VERB").get("VBN", ()):
        return None
    return f"{_HAVE[w] or neg} have"


def _noun_not(doc: Doc, k: int, words: Sequence[Token], i: int, rule,  # noqa: ANN001 - a RuleInfo
              skip: frozenset[str], collective: frozenset[str]) -> Iterator[Issue]:
    """A clause-opening noun phrase, "not" at ``i`` and a plain verb ("Tour price not include
    lunch", "The warranty not covers"): "doesn't"/"don't" by the noun's number. The tagger must
    read the noun and the verb as such."""
    text, w = doc.text, words[i + 1].lower
    if any(t.lower in _SUBJUNCTIVE_CUES or t.lower in _SUBJUNCTIVE_OPENERS for t in words[:i]):
        return   # "He ordered that the receiver not get a coating": a subjunctive
    # a collective noun counts as singular here ("The company not accepts pets"); British
    # English may make it plural, so "don't" is offered too
    for number, dets, neg, skip_n in (("sg", _SINGULAR_DETERMINERS, "doesn't", frozenset()),
                                      ("pl", _PLURAL_DETERMINERS, "don't", skip)):
        subject, _bare = _subject(text, words, i, number, dets, skip_n, bare_ok=True)
        if not subject:
            continue
        tags = doc.word_tags(k)
        if tags[i - 1] != ("NN" if number == "sg" else "NNS") or tags[i + 1] not in ("VB", "VBP", "VBZ", "VBD"):
            return
        found = _do_support(w, neg)
        if not found and tags[i + 1] != "VBD":
            # also a noun ("The warranty not covers", "Our guests not need"): the tagger's verb
            verbs = lexicon.lemmas(w).get("VERB", ())
            forms = lexicon.inflections(verbs[0], "VERB") if len(verbs) == 1 else {}
            if forms.get("VB") and (w in forms.get("VBZ", ()) and neg == "doesn't" and tags[i + 1] == "VBZ"
                                    or w in forms["VB"] and tags[i + 1] in ("VB", "VBP")):
                found = f"{neg} {forms['VB'][0]}"
        if found:
            extra = [found.replace("doesn't", "don't", 1)] if number == "sg" and words[i - 1].lower in collective \
                and tags[i + 1] != "VBZ" else []
            yield rule.issue(words[i].start, words[i + 1].end, found, suggestions=[found] + extra, subject=subject)
        return


@lru_cache(maxsize=4096)
def _do_support(w: str, neg: str) -> str | None:
    """'don't know' for "not know": a word that is a verb and no noun, in the form the subject
    wants (plain for I/you/we/they; plain or -s for he/she/it) or a past form ("not knew")."""
    found = lexicon.lemmas(w)
    verbs = found.get("VERB", ())
    if not verbs or "NOUN" in found or "AUX" in found or w in _MODALS:
        return None
    lemma = verbs[0]
    if len(verbs) > 1:
        return None
    forms = lexicon.inflections(lemma, "VERB")
    base = (forms.get("VB") or (None,))[0]
    if not base:
        return None
    past = w in forms.get("VBD", ())
    if w in forms.get("VBN", ()):
        return None   # "if it not exposed", "he not given a chance": a passive without "be"
    if w in forms.get("VB", ()) and not past:
        return f"{neg} {base}"
    if w in forms.get("VBZ", ()) and neg == "doesn't":
        return f"doesn't {base}"
    if past and w not in forms.get("VB", ()):
        return f"didn't {base}"
    return None
