"""Non-words and broken inflections (MT1xx).

MT systems that build words from sub-word pieces sometimes glue a real stem to a wrong ending
("destabilizie"). Such a token is not in the lexicon, but one or two edits from a form of a real
lemma; the words before it say which form the sentence needs ("a factor that" -> 3rd person
singular, "have" -> past participle, "several" -> plural noun). MT101 repairs a verb or noun
whose lemma is the only one that close, safely when the context also leaves one form, else as
ranked suggestions; MT102 flags an ending close to several lemmas, suggestions only. Only the
ending may differ: on MLQE-PE, mid-word differences are post-editors' typos and transliterations.
The lexicon is only touched for tokens that pass the cheap shape tests, and the candidate search
only for tokens it does not know.
"""
from __future__ import annotations

import re
import weakref
from collections import Counter
from typing import Iterator, Sequence

from .. import lexicon
from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules

FAMILY = "inflection"

_MIN_LEN = 5          # shorter tokens are abbreviations, interjections or names far too often
_SKIP = frozenset("not also already still just even never only further often always really "
                  "thus then now once recently repeatedly actively allegedly".split())
_HAVE = frozenset("have has had having 've".split())
_BASE = frozenset("to will would shall should can could may might must do does did don't doesn't "
                  "didn't won't wouldn't can't cannot couldn't shouldn't mustn't let".split())
_BE = frozenset("is are was were be been being am 's 're get gets got getting become becomes "
                "became".split())
_SG_SUBJ = frozenset("he she it this that which who".split())
_PL_SUBJ = frozenset("i you we they these those".split())
_RELATIVE = frozenset("that which who".split())
_SG_DET = frozenset("a an this each every one another".split())
_PL_DET = frozenset("these those many several few both various numerous two three four five "
                    "six seven eight nine ten dozens hundreds thousands".split())
_DETERMINER = frozenset("the its his her their our my your some any no".split())
_PRESENT = frozenset("is are am has have does do".split())
_PAST = frozenset("was were had did".split())
_COINAGE_SUFFIXES = ("ize", "ise", "ism", "ist", "ization", "isation", "ness", "less", "ship",
                     "hood", "ology", "phobia", "phile")
# An unknown word on an adjective suffix is as often a rare real adjective the word list lacks
# ("dichotomic", "isotypic") as a broken form: its fix to a form of another part of speech
# ("a dichotomic divide" -> "a dichotomy divide") is a suggestion, never applied on its own.
_ADJECTIVE_SUFFIXES = ("ic", "ical", "ous", "ive", "al", "able", "ible", "ful", "ish", "esque", "oid")
_ENDING = 3          # letters at the end of a word where MT's sub-word joins go wrong
_TYPO_MIN_ZIPF = 3.0  # candidates rarer than this are mostly names a transliteration resembles
_ROMANISED = re.compile(r"kh|zh|yy|shch|iy$|yo|ya$|ij$|kk")
# Characters next to a token that make it part of a URL, e-mail, path, handle or code.
_TECH_BEFORE = frozenset("/@._#\\:=<")
_TECH_AFTER = frozenset("/@_\\:=>(")


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if not (rules.get("MT101") or rules.get("MT102")):
        return
    text = doc.text
    for words in doc.sentence_words:
        for i, tok in enumerate(words):
            if not _candidate_shape(text, tok):
                continue
            lw = tok.lower
            if lexicon.known(lw) or _document_count(ctx, doc, lw) > 1:
                continue
            issue = _judge(text, words, i, rules)
            if issue is not None:
                yield issue


def _candidate_shape(text: str, tok: Token) -> bool:
    """Cheap tests that leave only plain lower-case words."""
    w = tok.text
    if len(w) < _MIN_LEN or not w.isalpha() or not w.isascii():
        return False   # numbers, hyphenated compounds, apostrophes, other scripts
    if w.endswith(_COINAGE_SUFFIXES):
        return False   # a deliberate coinage on a productive suffix: "absolutize", "stupidism"
    if not w.islower():
        return False   # names, acronyms; a sentence's first word is too often a name too
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before in _TECH_BEFORE or after in _TECH_AFTER:
        return False
    if after == "." and text[tok.end + 1:tok.end + 2].isalnum():
        return False   # a domain or file name: "example.com"
    if after == "…" or text[tok.end:tok.end + 2] == "..":
        return False   # a word cut short by an excerpt: "including many endemi..."
    return True


def _judge(text: str, words: Sequence[Token], i: int, rules: Rules) -> Issue | None:
    tok = words[i]
    lw = tok.lower
    near = lexicon.near(lw)
    if not near:
        return None    # far from every word: a transliteration or a name, not a broken form
    if not all(_ending_edit(lw, c) for c, d in near if d == near[0][1]):
        return None    # a nearest word differs mid-word: a human typo or a transliteration
    near = [(c, d) for c, d in near if _ending_edit(lw, c)]
    best = near[0][1]
    lemma_set = {lem for cand, d in near if d == best for lem in _lemmas(cand)}
    tags, decisive = _context_tags(words, i)
    if len(lemma_set) == 1 and (rule := rules.get("MT101")):
        lemma = next(iter(lemma_set))
        forms = _paradigm(lemma)
        # Only lemmas whose every nearest candidate is one of their forms: "sammit" is nearer
        # to "summit" (a noun) than to any verb, so it is a spelling question, not inflection.
        if all(c in forms for c, d in near if d == best):
            ranked = _rank(lw, forms, tags)
            if ranked:
                top = _cased(tok.text, ranked[0][0])
                clear = decisive and (len(ranked) == 1 or ranked[1][1] > ranked[0][1]) \
                    and not (lw.endswith(_ADJECTIVE_SUFFIXES) and not ranked[0][0].endswith(_ADJECTIVE_SUFFIXES))
                sugg = [_cased(tok.text, f) for f, _ in ranked[:4]]
                return rule.issue(tok.start, tok.end, top, suggestions=sugg,
                                  safe=rule.safe and clear, word=tok.text, lemma=lemma)
    if (rule := rules.get("MT102")) and _plausible_typo(lw, near):
        sugg = [_cased(tok.text, c) for c, d in near if d <= best + 1][:5]
        return rule.issue(tok.start, tok.end, None, suggestions=sugg, word=tok.text)
    return None


def _ending_edit(word: str, cand: str) -> bool:
    """Do the two differ only in the last few letters? MT joins a right stem to a wrong
    ending ("destabiliz|ie"); post-editors' typos and transliterations differ mid-word."""
    p = 0
    for a, b in zip(word, cand):
        if a != b:
            break
        p += 1
    return p >= 4 and p >= max(len(word), len(cand)) - _ENDING


def _plausible_typo(word: str, near: list[tuple[str, int]]) -> bool:
    """A garbled common word, not a transliteration that happens to sit near a rare name:
    long enough, close (one edit, two for long words) to a common word, and without the
    letter clusters of romanised Russian ("kh", "zh", "yy"), which English words lack."""
    cand, dist = near[0]
    if len(word) < 8 or dist > (2 if len(word) >= 10 else 1):
        return False
    if lexicon.zipf(cand) < _TYPO_MIN_ZIPF:
        return False
    return not _ROMANISED.search(word)


def _lemmas(word: str) -> set[str]:
    found = lexicon.lemmas(word)
    return {lem for upos in ("VERB", "NOUN") for lem in found.get(upos, ())}


def _paradigm(lemma: str) -> dict[str, frozenset[str]]:
    """form -> its Penn tags for a verb and/or noun lemma ("destabilize" is VB and VBP,
    "complex" is NN and VB)."""
    out: dict[str, set[str]] = {}
    for upos in ("VERB", "NOUN"):
        if lemma not in (lexicon.lemmas(lemma).get(upos) or ()):
            continue
        for tag, forms in lexicon.inflections(lemma, upos).items():
            for f in forms[:1] if tag == "NNS" else forms:   # the second NNS is a mass reading
                out.setdefault(f, set()).add(tag)
    return {f: frozenset(t) for f, t in out.items()}


def _rank(word: str, forms: dict[str, frozenset[str]], tags: frozenset[str]) -> list[tuple[str, int]]:
    """Forms the context allows, within two edits of the token, nearest then commonest first."""
    from rapidfuzz.distance import Levenshtein

    allowed: dict[str, int] = {}
    for form, form_tags in forms.items():
        if tags and not (form_tags & tags):
            continue
        d = Levenshtein.distance(word, form, score_cutoff=2)
        if d <= 2:
            allowed[form] = d
    return sorted(allowed.items(), key=lambda fd: (fd[1], -lexicon.zipf(fd[0])))


def _context_tags(words: Sequence[Token], i: int) -> tuple[frozenset[str], bool]:
    """The verb forms the words before position ``i`` allow, and whether that is decisive
    enough for a safe fix (an auxiliary or a subject that fixes person and tense)."""
    j = i - 1
    while j >= 0 and words[j].lower in _SKIP:
        j -= 1
    if j < 0:
        return frozenset(), False
    prev = words[j].lower
    if prev in _HAVE:
        return frozenset({"VBN"}), True
    if prev in _BASE:
        return frozenset({"VB", "VBG"} if prev == "to" else {"VB"}), prev != "to"
    if prev in _BE:
        return frozenset({"VBN", "VBG"}), False
    if prev in _SG_DET or prev in _PL_DET or prev in _DETERMINER:
        return _nominal(words, i, prev)
    if prev in _RELATIVE and j > 0:
        number = lexicon.noun_number(words[j - 1].lower)
        if number is None:
            return frozenset({"VBZ", "VBP", "VBD"}), False
        return _finite(words, i, "VBZ" if number == "sg" else "VBP")
    if prev in _SG_SUBJ:
        return _finite(words, i, "VBZ")
    if prev in _PL_SUBJ:
        return _finite(words, i, "VBP")
    number = lexicon.noun_number(prev)
    if number is not None and words[j].text.islower():
        return _finite(words, i, "VBZ" if number == "sg" else "VBP")
    return frozenset(), False


def _nominal(words: Sequence[Token], i: int, det: str) -> tuple[frozenset[str], bool]:
    """After a determiner: a noun (its number from the determiner, or from the verb after
    it) or a participle used as an adjective ("a destabilizing factor")."""
    if det in _SG_DET:
        return frozenset({"NN", "VBG"}), True
    if det in _PL_DET:
        return frozenset({"NNS", "VBG"}), True
    nxt = words[i + 1].lower if i + 1 < len(words) else ""
    # The verb after it hints at the number but does not settle it: the verb may be the
    # word that is wrong ("the missils was").
    if nxt in ("was", "is", "has", "does"):
        return frozenset({"NN", "VBG"}), False
    if nxt in ("were", "are", "have", "do"):
        return frozenset({"NNS", "VBG"}), False
    return frozenset({"NN", "NNS", "VBG"}), False


def _finite(words: Sequence[Token], i: int, present: str) -> tuple[frozenset[str], bool]:
    """After a subject: present or past? The nearest finite auxiliary before it decides."""
    for t in reversed(words[:i]):
        if t.lower in _PRESENT:
            return frozenset({present}), True
        if t.lower in _PAST:
            return frozenset({"VBD"}), True
    return frozenset({present, "VBD"}), False


def _cased(original: str, form: str) -> str:
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


_WORD = re.compile(r"[^\W\d_]+")
_last_run: list = [None, Counter()]   # (weak reference to the run's Context, its word counts)


def _document_count(ctx: Context, doc: Doc, word: str) -> int:
    """How often the document uses ``word``: a coinage or name it repeats is deliberate.
    Counted once per run, and only once some token has failed the lexicon."""
    ref = _last_run[0]
    if ref is None or ref() is not ctx:
        docs = ctx.docs or [doc]
        _last_run[:] = [weakref.ref(ctx), Counter(w.lower() for d in docs for w in _WORD.findall(d.text))]
    return _last_run[1][word]
