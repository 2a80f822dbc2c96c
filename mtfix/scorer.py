"""Fluency score, 0 (unreadable) to 100 (reads like a professional wrote it).

Each sentence gets the fitted quality model of ``mtfix.lm`` (bigram language model, n-gram
weights learned from human judgements, source-side evidence when a source is given) plus the
density of the issues the rules find in it, by severity. MT8xx issues are left out: they are
derived from this very score. The document score is a word-weighted mean of its sentences in
which weak sentences weigh more, so one garbled sentence shows, and length alone moves it
neither way (a long good document and a short good one score alike).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from . import lm
from .analysis import Doc
from .model import Segment, Severity
from .options import Options
from .pipeline import check_segments

_SEVERITY_FEATURE = {Severity.ERROR: "iss_error", Severity.WARNING: "iss_warning", Severity.INFO: "iss_info"}


@dataclass(frozen=True)
class SentenceScore:
    span: tuple[int, int]
    value: float
    text: str = ""

    def __iter__(self):  # unpacks as (span, value)
        return iter((self.span, self.value))


@dataclass(frozen=True)
class Score:
    value: float
    sentences: list[SentenceScore] = field(default_factory=list)


def score_text(segment: Segment, options: Options = Options()) -> Score:
    # The scorer's own rule (MT8xx) would feed the score back into itself.
    opts = replace(options, ignore=(*(options.ignore or ()), "MT8"))
    issues = check_segments([segment], opts)[0]
    doc = Doc(segment)
    source = segment.source or None
    sents: list[SentenceScore] = []
    total = weight = 0.0
    for sent in doc.sentences:
        n_words = sum(t.is_word for t in sent.tokens) or 1
        text = segment.text[sent.start:sent.end]
        found = Counter(_SEVERITY_FEATURE.get(i.severity) for i in issues
                        if sent.start <= i.start < sent.end)
        extra = {name: found[name] / n_words for name in _SEVERITY_FEATURE.values()}
        value = lm.calibrate(lm.raw_score(text, extra, source))
        sents.append(SentenceScore((sent.start, sent.end), round(value, 2), text))
        # Weak sentences count up to three times as much as perfect ones.
        w = n_words * (1.0 + 2.0 * (100.0 - value) / 100.0)
        total += value * w
        weight += w
    return Score(round(total / weight, 2) if weight else 100.0, sents)
