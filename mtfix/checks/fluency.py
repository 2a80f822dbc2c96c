"""Low fluency (MT8xx), and the one place a sentence's fluency value is computed.

``sentence_values`` gives each sentence of a document its 0-100 value: the fitted model of
``mtfix.lm`` (bigram LM + n-gram weights learned from human judgements, source-side evidence when
a source is given) plus the issues the other rules found in the sentence, by severity. Both
``mtfix.score`` and MT801 in ``mtfix check`` use it, so a sentence has one value wherever it is
shown.

Evidence counted: every issue of the run except MT8xx (this very value), MT9xx (directives) and
rules marked ``scored: false`` (typography with no bearing on the model's evidence);
when the source language is unknown, also the hits of every language pair's calque pack (a calque
is unidiomatic English whatever the source, even where the check does not report it for fear of
false alarms on a pair it cannot see).

MT801 fires on a sentence below a threshold fitted with the weights (benchmarks/fit_scorer.py) so
that 0.5% of human post-edits of that length fall under it (of the same source language where the
training data has it); the YAML may override it with ``threshold:``.
It surfaces garbled sentences that no specific rule names, and sentences so dense in named faults
that they need rewriting rather than patching. Faults the safe fixer repairs are left out of the
value MT801 judges (they are reported and repaired on their own): a stray space never makes a
sentence "read badly".
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Iterator

from .. import lexicon, lm
from ..analysis import Doc, Sentence
from ..model import Issue, Severity
from . import Context, Rules, phrases

FAMILY = "fluency"
MIN_WORDS = 5   # headings, captions, fragments: the model is unreliable below five words
# Without a source, a short sentence's low value rates its idiom, not its errors: under eight
# words MT801 flagged 16 of LanguageTool's correct examples ("One for all and all for one!",
# "Thanks by the way dude!") and 24 UD EWT sentences, and none of JFLEG's learner sentences;
# MLQE-PE dev MT 4, post-edits 2 (benchmarks/peer_correct.py --show MT801).
MIN_WORDS_NO_SOURCE = 8
# One- and two-word strings (UI labels, menu items, dates: "Cancel", "Save as", "September") are
# outside what the model was fitted on: their n-grams are all sentence edges, so a correct label
# scored 20-48 where human post-edits have a median of 64 (ro-en dev). Made only of common words
# (Zipf >= 3: "recieve", "informations" are rarer), such a string starts from this value (a plain
# post-edit's) and loses only for its issues.
SHORT_WORDS = 2
SHORT_CLEAN_VALUE = 60.0

SEVERITY_FEATURE = {Severity.ERROR: "iss_error", Severity.WARNING: "iss_warning", Severity.INFO: "iss_info"}


def evidence(doc: Doc, issues: Iterable[Issue], ctx: Context) -> list[tuple[int, int, Severity, bool]]:
    """(start, end, severity, safely fixable) of the faults the value counts: issues plus, when
    the source language is unknown, calque hits of every pack (enabled MT4xx codes only)."""
    seg = doc.segment
    reg = ctx.registry
    unscored = _unscored(reg)
    out = {(i.start, i.end, i.code): (i.severity, i.safe and i.fix is not None) for i in issues
           if not i.code.startswith(("MT8", "MT9")) and i.code not in unscored
           and not seg.is_protected(i.start, i.end)}
    if reg is not None:
        codes = phrases.enabled_codes(reg, ctx.options)
        if codes and phrases.source_language(doc, ctx) is None:
            for h in phrases.find_hits(doc, reg, phrases.ANY_SOURCE, codes, suggest=False):
                if not seg.is_protected(h.start, h.end):
                    out.setdefault((h.start, h.end, h.entry.code), (reg.rules[h.entry.code].severity, False))
    return [(s, e, sev, fixable) for (s, e, _), (sev, fixable) in out.items()]


@lru_cache(maxsize=8)
def _unscored(reg) -> frozenset[str]:  # noqa: ANN001 - a Registry (or None)
    """Codes whose YAML says ``scored: false``: typography the model has no evidence to weigh
    (MT313's straight quotes cost 0.09 of Pearson with MQM on news20 zh-en when counted)."""
    if reg is None:
        return frozenset()
    return frozenset(c for c, r in reg.rules.items() if r.data.get("scored") is False)


@lru_cache(maxsize=8)
def _threshold(reg) -> float | None:  # noqa: ANN001 - a Registry (or None); cached per registry
    """MT801's fixed threshold when the YAML sets ``threshold:``, else None (fitted per length)."""
    data = reg.data(FAMILY, "threshold", None) if reg else None
    return float(data) if data is not None else None


@dataclass(frozen=True)
class SentenceValue:
    sentence: Sentence
    words: int
    value: float        # 0-100, every fault counted: what ``mtfix.score`` shows
    after_fix: float    # the same, less the faults the safe fixer repairs: what MT801 judges


def sentence_values(doc: Doc, issues: Iterable[Issue], ctx: Context, *,
                    min_words: int = 0) -> list[SentenceValue]:
    """The 0-100 value of each sentence of ``doc`` of at least ``min_words`` words that is not
    wholly protected (code, front matter) nor listed in ``segment.meta["unscored"]`` (headings)."""
    seg = doc.segment
    unscored = seg.meta.get("unscored", ()) if seg.meta else ()
    sized = []
    for s, words in zip(doc.sentences, doc.sentence_words):
        free = [t for t in words if not seg.is_protected(t.start, t.end)]
        if len(free) >= max(min_words, 1) and not any(a <= t.start < b for t in free for a, b in unscored):
            sized.append((s, len(free)))
    if not sized:
        return []
    starts = [s.start for s, _ in sized]
    counts = [(Counter(), Counter()) for _ in sized]   # all faults, faults left after `fix`
    for start, _end, sev, fixable in evidence(doc, issues, ctx):
        k = bisect_right(starts, start) - 1
        if k >= 0 and start < sized[k][0].end:
            counts[k][0][SEVERITY_FEATURE[sev]] += 1
            if not fixable:
                counts[k][1][SEVERITY_FEATURE[sev]] += 1
    source = seg.source or None
    out = []
    for (sent, n_words), (found, left) in zip(sized, counts):
        base = lm.base_score(doc.text[sent.start:sent.end], source, ctx.source_lang)
        if n_words <= SHORT_WORDS and _all_known(sent):
            base = max(base, _short_base())
        value = lm.calibrate(base + lm.issue_term(issue_features(found, n_words), bool(source)))
        after = lm.calibrate(base + lm.issue_term(issue_features(left, n_words), bool(source)))
        out.append(SentenceValue(sent, n_words, round(value, 2), round(after, 2)))
    return out


def _all_known(sent: Sentence) -> bool:
    zipf = lm.language_model().zipf
    words = [t for t in sent.tokens if t.is_word]
    return bool(words) and all(zipf.get(t.lower, 0.0) >= 3.0 for t in words)


@lru_cache(maxsize=1)
def _short_base() -> float:
    """The model's raw value that calibrates to SHORT_CLEAN_VALUE."""
    a, b = lm.model().calib
    v = SHORT_CLEAN_VALUE / 100.0
    return (math.log(v / (1.0 - v)) - b) / a


def issue_features(found: Counter, n_words: int) -> dict[str, float]:
    """Issues per square root of words: one fault weighs more in a short sentence than in a long
    one, but less than in proportion (a long sentence is not twice as forgiving)."""
    root = math.sqrt(max(n_words, 1))
    return {name: found[name] / root for name in SEVERITY_FEATURE.values()}


def likely_mistranslated(doc: Doc, rule, ctx: Context) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    """MT802: each stretch of words the word model (``mtfix.wordmodel``) rates likely to be changed
    by a post-editor, in a sentence of at least MIN_WORDS words where some word passes the model's
    sentence gate (so that few human post-edits get any). It runs on a segment of one sentence
    with its source only: the model was fitted on single sentences and their sources, and its
    strongest evidence is what the source's word-translation list explains."""
    seg = doc.segment
    if not seg.source or len(doc.sentences) != 1:
        return
    from .. import wordmodel   # lazy: the weights load on first use

    w = wordmodel.weights()
    threshold, strong = w["threshold"], w["warning"]
    lang = phrases.source_language(doc, ctx)
    # the gate of the source language where dev calibrated one, else the strict pooled one
    gate = w.get("gates", {}).get(lang or "", w["gate"])
    for sent, words in zip(doc.sentences, doc.sentence_words):
        if len(words) < MIN_WORDS:
            continue
        text = doc.text[sent.start:sent.end]
        probs = wordmodel.probabilities(text, seg.source, lang)
        if max((p for _, _, p in probs), default=0.0) <= gate:
            continue
        for start, end, p in wordmodel.stretches(probs, threshold):
            a, b = sent.start + start, sent.start + end
            if seg.is_protected(a, b):
                continue
            issue = rule.issue(a, b, probability=f"{p:.0%}")
            yield replace(issue, severity=Severity.WARNING if p >= strong else Severity.INFO)


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    mt802 = rules.get("MT802")
    if mt802 is not None:
        yield from likely_mistranslated(doc, mt802, ctx)
    rule = rules.get("MT801")
    if rule is None:
        return
    fixed = _threshold(ctx.registry)
    # Faults with a safe fix are gone after `mtfix fix`: MT801 asks for a human only when the
    # sentence still reads badly without them. Its message shows the sentence's score, the number
    # `mtfix score` shows for it (every fault counted), so a sentence has one number everywhere.
    with_source = bool(doc.segment.source)
    lang = None
    if fixed is None and (ctx.source_lang or doc.segment.source_lang or with_source):
        lang = phrases.source_language(doc, ctx)
    for sv in sentence_values(doc, ctx.found_in(doc), ctx,
                              min_words=MIN_WORDS if with_source else MIN_WORDS_NO_SOURCE):
        if sv.after_fix < (fixed if fixed is not None else lm.low_fluency(sv.words, with_source, lang)) \
                and is_prose(doc.text[sv.sentence.start:sv.sentence.end]):
            yield rule.issue(sv.sentence.start, sv.sentence.end, score=f"{sv.value:.0f}")


_CODE_MARKS = re.compile(r"`[^`]+`|[=→←|\\{}<>^~]|\b\w{1,2}\(\w{0,3}\)|\w\.\w+\(|\b\w+_\w+\b"
                         r"|(?:^|\s)--\w|\s-[a-z]{1,3}\s")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def is_prose(text: str) -> bool:
    """Whether MT801 may judge ``text``: English prose, not code, a formula or a line in
    another language, where a language model's low value says nothing about the writing
    ("f(x) = ax + b", "kubectl exec -ti busybox", "Géographie de l'Éthiopie")."""
    if _CODE_MARKS.search(text):
        return False
    words = _WORD.findall(text)
    if not words:
        return False
    latin = sum(1 for w in words if w.isascii())
    if latin * 5 < len(words) * 4:
        return False   # mostly non-ASCII words: another script, or a language with accents
    unknown = sum(1 for w in words if len(w) > 1 and lexicon.zipf(w.lower()) < 1.5)
    return unknown * 2 < len(words)
