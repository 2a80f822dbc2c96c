"""Fluency score, 0 (unreadable) to 100 (reads like a professional wrote it).

Interim heuristic until the calibrated scorer lands: each sentence starts at 100 and loses
points for the issues the rules find in it, weighted by severity and scaled by sentence length
(an error in a five-word sentence hurts more than one in a forty-word sentence). The document
score is the word-weighted mean of its sentences, so length alone moves it neither way.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .analysis import Doc
from .model import Segment, Severity
from .options import Options
from .pipeline import check_segments

_WEIGHT = {Severity.ERROR: 3.0, Severity.WARNING: 1.5, Severity.INFO: 0.5}


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
    issues = check_segments([segment], options)[0]
    doc = Doc(segment)
    sents: list[SentenceScore] = []
    total = weight = 0.0
    for sent in doc.sentences:
        n_words = sum(t.is_word for t in sent.tokens) or 1
        penalty = sum(_WEIGHT[i.severity] for i in issues if sent.start <= i.start < sent.end)
        value = 100.0 * math.exp(-penalty * 2.0 / math.sqrt(n_words))
        sents.append(SentenceScore((sent.start, sent.end), round(value, 2),
                                   segment.text[sent.start:sent.end]))
        total += value * n_words
        weight += n_words
    return Score(round(total / weight, 2) if weight else 100.0, sents)
