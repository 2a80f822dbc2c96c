"""Language-model candidate edits (MT521 preposition, MT522 article).

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

from typing import Iterator, Sequence

from .. import lm
from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules

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


def _context_lp(prev: str | None, w: str, nxt: str | None) -> float:
    """ln P(w | prev) + ln P(next | w); an empty ``w``: the pair prev, next with nothing between."""
    if not w:
        return lm.pair_logp(prev, nxt) if nxt else 0.0
    s = lm.pair_logp(prev, w)
    if nxt:
        s += lm.pair_logp(w, nxt)
    return s


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
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
