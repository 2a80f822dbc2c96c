"""Low fluency (MT8xx), and the one place a sentence's fluency value is computed.

``sentence_values`` gives each sentence of a document its 0-100 value: the fitted model of
``mtfix.lm`` (bigram LM + n-gram weights learned from human judgements, source-side evidence when
a source is given) plus the issues the other rules found in the sentence, by severity. Both
``mtfix.score`` and MT801 in ``mtfix check`` use it, so a sentence has one value wherever it is
shown.

Evidence counted: every issue of the run except MT8xx (this very value) and MT9xx (directives);
when the source language is unknown, also the hits of every language pair's calque pack (a calque
is unidiomatic English whatever the source, even where the check does not report it for fear of
false alarms on a pair it cannot see).

MT801 fires on a sentence below a threshold fitted with the weights (benchmarks/fit_scorer.py) so
that about 1% of human post-edits fall under it; the YAML may override it with ``threshold:``.
It surfaces garbled sentences that no specific rule names, and sentences so dense in named faults
that they need rewriting rather than patching. Faults the safe fixer repairs are left out of the
value MT801 judges (they are reported and repaired on their own): a stray space never makes a
sentence "read badly".
"""
from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from typing import Iterable, Iterator

from .. import lm
from ..analysis import Doc, Sentence
from ..model import Issue, Severity
from . import Context, Rules

FAMILY = "fluency"
MIN_WORDS = 5   # headings, captions, fragments: the model is unreliable below five words

SEVERITY_FEATURE = {Severity.ERROR: "iss_error", Severity.WARNING: "iss_warning", Severity.INFO: "iss_info"}


def evidence(doc: Doc, issues: Iterable[Issue], ctx: Context, *,
             after_fix: bool = False) -> list[tuple[int, int, Severity]]:
    """(start, end, severity) of the faults the value counts: issues plus, when the source
    language is unknown, calque hits of every pack (enabled MT4xx codes only). ``after_fix``:
    leave out the issues the safe fixer repairs (what still reads badly after ``mtfix fix``)."""
    seg = doc.segment
    out = {(i.start, i.end, i.code): i.severity for i in issues
           if not i.code.startswith(("MT8", "MT9")) and not seg.is_protected(i.start, i.end)
           and not (after_fix and i.safe and i.fix is not None)}
    reg = ctx.registry
    if reg is not None:
        from . import phrases

        opts = ctx.options
        codes = {c for c, r in reg.rules.items() if r.family == phrases.FAMILY
                 and (opts is None or opts.enabled(c))}
        if codes and phrases.source_language(doc, ctx) is None:
            for h in phrases.find_hits(doc, reg, phrases.ANY_SOURCE, codes, suggest=False):
                if not seg.is_protected(h.start, h.end):
                    out.setdefault((h.start, h.end, h.entry.code), reg.rules[h.entry.code].severity)
    return [(s, e, sev) for (s, e, _), sev in out.items()]


def sentence_values(doc: Doc, issues: Iterable[Issue], ctx: Context, *,
                    after_fix: bool = False, min_words: int = 0) -> list[tuple[Sentence, int, float]]:
    """(sentence, number of words, 0-100 value) for each sentence of ``doc`` of at least
    ``min_words`` words."""
    sized = [(s, sum(t.is_word for t in s.tokens)) for s in doc.sentences]
    sized = [(s, n) for s, n in sized if n >= min_words]
    if not sized:
        return []
    starts = [s.start for s, _ in sized]
    counts: list[Counter] = [Counter() for _ in sized]
    for start, _end, sev in evidence(doc, issues, ctx, after_fix=after_fix):
        k = bisect_right(starts, start) - 1
        if k >= 0 and start < sized[k][0].end:
            counts[k][SEVERITY_FEATURE[sev]] += 1
    source = doc.segment.source or None
    out = []
    for (sent, n_words), found in zip(sized, counts):
        value = lm.calibrate(lm.raw_score(doc.text[sent.start:sent.end],
                                          issue_features(found, n_words), source))
        out.append((sent, n_words, value))
    return out


def issue_features(found: Counter, n_words: int) -> dict[str, float]:
    """Issues per square root of words: one fault weighs more in a short sentence than in a long
    one, but less than in proportion (a long sentence is not twice as forgiving)."""
    root = math.sqrt(max(n_words, 1))
    return {name: found[name] / root for name in SEVERITY_FEATURE.values()}


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    rule = rules.get("MT801")
    if rule is None:
        return
    data = ctx.registry.data(FAMILY, "threshold", None) if ctx.registry else None
    threshold = float(data) if data is not None else lm.model().low_fluency
    # Faults with a safe fix are gone after `mtfix fix`: MT801 asks for a human only when the
    # sentence still reads badly without them (the score counts them: it rates the text as is).
    for sent, _, value in sentence_values(doc, ctx.found_in(doc), ctx, after_fix=True,
                                          min_words=MIN_WORDS):
        if value < threshold:
            yield rule.issue(sent.start, sent.end, score=f"{value:.0f}")
