"""Fluency score, 0 (unreadable) to 100 (reads like a professional wrote it).

Each sentence gets its value from ``mtfix.checks.fluency.sentence_values``: the fitted model of
``mtfix.lm`` plus the issues the rules find in it (MT801 in ``mtfix check`` judges the same value,
less the faults the safe fixer repairs). MT8xx issues are left out: they are derived from this
very score. The document score is a word-weighted mean of its sentences in which weak sentences
weigh more, so one garbled sentence shows, and length alone moves it neither way (a long good
document and a short good one score alike).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from .analysis import Doc
from .checks import Context
from .checks.fluency import sentence_values
from .model import Issue, Segment
from .options import Options
from .pipeline import check_segments
from .ruledata import registry


@dataclass(frozen=True)
class SentenceScore:
    """One sentence's fluency: its span in the text, its value 0-100 and its text."""

    span: tuple[int, int]
    value: float
    text: str = ""
    words: int = 0

    def __iter__(self):  # unpacks as (span, value)
        return iter((self.span, self.value))

    def __str__(self) -> str:
        return f"{self.value:5.1f}  {self.text}"

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 30 else self.text[:29] + "…"
        return f"SentenceScore({self.value}, [{self.span[0]}, {self.span[1]}) {text!r})"


@dataclass(frozen=True)
class Score:
    """A text's score, 0 (unreadable) to 100, and each sentence's (``sentences``, in order;
    headings, front matter and code are not scored)."""

    value: float
    sentences: list[SentenceScore] = field(default_factory=list)
    # How much evidence the value rests on: "high" (English, the fitted model), "medium" (another
    # target with a source and word tables for the pair), "low" (anything less); and why.
    confidence: str = "high"
    confidence_note: str = ""
    target_lang: str = "en"

    def __str__(self) -> str:
        n = len(self.sentences)
        note = "" if self.confidence == "high" else f", confidence {self.confidence}: {self.confidence_note}"
        return f"{self.value:.1f}/100 ({n} sentence{'s' * (n != 1)}{note})"

    def __repr__(self) -> str:
        return f"Score({self.value}, {len(self.sentences)} sentences)"


def analyse(segment: Segment, options: Options = Options()) -> tuple[Doc, list[Issue], Context]:
    """The segment as the score sees it: the issues of every rule but MT8xx (the scorer's own rule
    would feed the score back into itself), and what ``sentence_values`` needs beside them."""
    opts = replace(options, ignore=(*(options.ignore or ()), "MT8"))
    issues = check_segments([segment], opts)[0]
    doc = Doc(segment)
    ctx = Context(source_lang=opts.source_lang or segment.source_lang, target_locale=opts.target_locale,
                  registry=registry(opts.rule_packs), docs=[doc], options=opts)
    return doc, issues, ctx


def one_line(text: str) -> str:
    """A sentence that wraps across lines, shown on one."""
    return " ".join(text.split())


def score_text(segment: Segment, options: Options = Options()) -> Score:
    from .pipeline import target_of, text_target

    target = target_of(segment, options, text_target([segment], options))
    if target != "en":
        return _score_other(segment, options, target)
    doc, issues, ctx = analyse(segment, options)
    sents = [SentenceScore((sv.sentence.start, sv.sentence.end), sv.value,
                           one_line(segment.text[sv.sentence.start:sv.sentence.end]), sv.words)
             for sv in sentence_values(doc, issues, ctx)]
    return Score(document_value(sents), sents)


def document_value(sentences: Iterable[SentenceScore]) -> float:
    """Word-weighted mean in which weak sentences count up to three times as much as perfect
    ones, so one garbled sentence shows and length alone moves the score neither way. 100 when
    there is nothing to score."""
    total = weight = 0.0
    for s in sentences:
        w = max(s.words, 1) * (1.0 + 2.0 * (100.0 - s.value) / 100.0)
        total += s.value * w
        weight += w
    return round(total / weight, 2) if weight else 100.0


def _score_other(segment: Segment, options: Options, target: str) -> Score:
    """A target other than English: ``mtfix.score_target``'s model per sentence, with the
    source-side evidence of the whole segment (the source is not split into sentences), and the
    language-independent checks' findings by severity per sqrt(word)."""
    import math

    from . import score_target
    from .checks.fluency import SEVERITY_FEATURE

    doc, issues, ctx = analyse(segment, replace(options, target_lang=target))
    source = segment.source or None
    src_feats = (score_target.source_features(segment.text, source, score_target.pair_of(ctx.source_lang, target),
                                              score_target.expected_ratio(target, source))
                 if source else {})
    level, why = score_target.confidence(target, source, ctx.source_lang)
    sents = []
    for sent in doc.sentences:
        text = segment.text[sent.start:sent.end]
        if not text.strip():
            continue
        words = len(text.split()) if target not in ("zh", "ja") else max(len(text) // 2, 1)
        feats = {**score_target.text_features(text), **score_target.freq_features(text, target), **src_feats}
        for i in issues:
            if sent.start <= i.start < sent.end and not i.code.startswith(("MT8", "MT9")):
                name = SEVERITY_FEATURE[i.severity]
                feats[name] = feats.get(name, 0.0) + 1.0 / math.sqrt(words)
        value = round(score_target.value(feats, bool(source)), 2)
        sents.append(SentenceScore((sent.start, sent.end), value, one_line(text), words))
    return Score(document_value(sents), sents, level, why, target)
