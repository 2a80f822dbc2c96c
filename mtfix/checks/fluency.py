"""Low fluency (MT8xx): a sentence the fitted fluency model rates below a threshold.

No specific rule names what is wrong with "are a consequence in the last ten years the US
military policy"; the model of ``mtfix.lm`` (bigram LM + n-gram weights fitted on human
judgements) only says the sentence reads badly. The threshold is fitted with the weights
(benchmarks/fit_scorer.py) so that about 1% of human post-edits fall under it; the YAML may
override it with ``threshold:``. Text-only features are used: this check runs inside the
pipeline and cannot see the other rules' issues (the scorer adds those on top).
"""
from __future__ import annotations

from typing import Iterator

from .. import lm
from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "fluency"


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    rule = rules.get("MT801")
    if rule is None:
        return
    data = ctx.registry.data(FAMILY, "threshold", None) if ctx.registry else None
    threshold = float(data) if data is not None else lm.model().low_fluency
    source = doc.segment.source or None
    for sent in doc.sentences:
        if sum(t.is_word for t in sent.tokens) < 5:
            continue  # headings, captions, fragments: the model is unreliable below five words
        text = doc.text[sent.start:sent.end]
        value = lm.calibrate(lm.raw_score(text, None, source))
        if value < threshold:
            yield rule.issue(sent.start, sent.end, score=f"{value:.0f}")
