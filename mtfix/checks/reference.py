"""Reference (MT501-MT509): a personal pronoun whose antecedent is a country, organisation or
thing ("Russia is doing everything necessary to protect himself" -> "itself").

A reflexive is bound inside its own clause, so its antecedent is the nearest subject before it:
we walk back from the pronoun over at most a dozen words and stop at the first thing that could
be that subject. A listed country/organisation name (rules/en/grammar.yaml) that is not governed
by a preposition or a possessive makes the pronoun wrong; a person word, an unknown capitalised
name, a name that is also a first name, or a noun we know nothing about ends the search with no
issue. Precision over recall: only listed names and nouns can ever be antecedents.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from .. import lexicon
from ..analysis import Doc, Token
from ..model import Issue
from ..ruledata import Registry
from . import Context, Rules

FAMILY = "grammar"

_REFLEXIVE = {"himself": "itself", "herself": "itself"}
_POSSESSIVE = {"his": "its", "her": "its"}
_WINDOW = 12
_DETERMINERS = frozenset("a an the this that these those another any some every each no".split())
# After a possessive "her" comes its noun; after an object "her" one of these ("told her about").
_NOT_AFTER_POSSESSIVE = frozenset("to and or but that than as if when while because so the a an "
                                  "this these those be is was were has have had will would can "
                                  "could should may might must not".split())


@dataclass(frozen=True)
class _Lists:
    names: dict[str, tuple[tuple[tuple[str, ...], bool], ...]]  # last word -> (words, near miss)
    nouns: frozenset[str]
    persons: frozenset[str]
    preps: frozenset[str]
    possessions: frozenset[str]


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    refl, poss = rules.get("MT501"), rules.get("MT502")
    if not (refl or poss) or not ctx.registry:
        return
    low = doc.text.lower()
    if "him" not in low and "her" not in low and "his" not in low:
        return   # no himself/herself/his/her (most sentences): no word below could fire
    lists = _lists(ctx.registry)
    for words in doc.sentence_words:
        for i, tok in enumerate(words):
            lw = tok.lower
            if refl and lw in _REFLEXIVE:
                ante = _antecedent(doc.text, words, i, lists)
                if ante:
                    yield refl.issue(tok.start, tok.end, _cased(tok.text, _REFLEXIVE[lw]),
                                     word=tok.text, antecedent=ante)
            elif poss and lw in _POSSESSIVE and _is_possessive(words, i, lists) \
                    and any(w.lower in lists.possessions for w in words[i + 1:i + 3]):
                ante = _antecedent(doc.text, words, i, lists)
                if ante and not _person_earlier(doc.text, words, i, lists):
                    yield poss.issue(tok.start, tok.end, _cased(tok.text, _POSSESSIVE[lw]),
                                     word=tok.text, antecedent=ante)


def _antecedent(text: str, words: Sequence[Token], i: int, lists: _Lists) -> str | None:
    """The listed entity that is the nearest possible subject before ``words[i]``, or None
    as soon as anything else could be."""
    for j in range(i - 1, max(-1, i - _WINDOW - 1), -1):
        w = words[j]
        hit = _name_ending_at(words, j, lists)
        if hit is not None:
            k, near_miss = hit
            if near_miss or _governed(words, k, lists):
                return None
            return text[words[k].start:w.end]
        lw = w.lower
        if lw in lists.persons or lw.endswith(("'s", "’s")):
            return None
        if lw in lists.nouns and w.text.islower():
            k = j - 1 if j > 0 and words[j - 1].lower in _DETERMINERS else j
            return None if _governed(words, k, lists) else text[words[k].start:w.end]
        if w.text[0].isupper() and not _common_capitalised(text, words, j):
            return None   # an unknown name: perhaps a person
        if j > 0 and words[j - 1].lower in _DETERMINERS and lexicon.noun_number(lw):
            return None   # "an envoy", "the court's decision": some other noun phrase
    return None


def _name_ending_at(words: Sequence[Token], j: int, lists: _Lists) -> tuple[int, bool] | None:
    """(index of the first word, is a near miss) of the longest listed name ending at j."""
    for parts, near_miss in lists.names.get(words[j].text, ()):
        k = j - len(parts) + 1
        if k >= 0 and tuple(t.text for t in words[k:j + 1]) == parts:
            return k, near_miss
    return None


def _governed(words: Sequence[Token], k: int, lists: _Lists) -> bool:
    """Is the phrase starting at word k the object of a preposition ("the head of Russia")?"""
    j = k - 1
    if j >= 0 and words[j].lower in ("the",):
        j -= 1
    return j >= 0 and words[j].lower in lists.preps


def _common_capitalised(text: str, words: Sequence[Token], j: int) -> bool:
    """A capitalised common word at a sentence or quotation start ("The", "This")."""
    w = words[j]
    before = text[:w.start].rstrip()
    at_start = j == 0 or before.endswith(("“", '"', "«", "(", ":", "‘"))
    return at_start and w.text[1:].islower() and lexicon.zipf(w.lower) >= 4.0


def _is_possessive(words: Sequence[Token], i: int, lists: _Lists) -> bool:
    """"his" always; "her" only before a word that can start its noun phrase."""
    if words[i].lower == "his":
        return True
    nxt = words[i + 1] if i + 1 < len(words) else None
    return (nxt is not None and nxt.text.islower() and nxt.lower not in _NOT_AFTER_POSSESSIVE
            and nxt.lower not in lists.preps)


def _person_earlier(text: str, words: Sequence[Token], i: int, lists: _Lists) -> bool:
    """A possessive is not clause-bound: any person or unknown name earlier in the sentence
    may be its owner ("Peskov said Russia would protect his interests")."""
    for j in range(i):
        w = words[j]
        if w.lower in lists.persons:
            return True
        if w.text[0].isupper() and _name_ending_at(words, j, lists) is None \
                and not any(_name_ending_at(words, m, lists) for m in range(j + 1, min(i, j + 4))) \
                and not _common_capitalised(text, words, j):
            return True
    return False


def _cased(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


@lru_cache(maxsize=4)
def _lists(reg: Registry) -> _Lists:
    """The YAML word lists as look-up tables, built once per registry."""
    def words(key: str) -> list[str]:
        return [str(x) for x in reg.data(FAMILY, key, []) or []]

    names: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for near_miss, key in ((False, "entity_names"), (True, "entity_near_misses")):
        for name in words(key):
            parts = tuple(name.split())
            names.setdefault(parts[-1], []).append((parts, near_miss))
    ordered = {k: tuple(sorted(v, key=lambda p: (-len(p[0]), not p[1]))) for k, v in names.items()}
    return _Lists(ordered, frozenset(w.lower() for w in words("entity_nouns")),
                  frozenset(w.lower() for w in words("person_words")),
                  frozenset(w.lower() for w in words("prepositions")),
                  frozenset(w.lower() for w in words("entity_possessions")))
