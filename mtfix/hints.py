"""One-line hints for a newcomer: what a quiet run did not check.

Without a source language only the source-independent phrase packs run (``rules/en``, and rules
marked ``any_source``); the calque packs of ``ru-en``, ``de-en``... stay off, so a quiet output
may only mean "not looked at". ``source_hint`` says so, and names the pair pack whose calques
the text itself matches most (the artefacts betray the source language even when no source
text is at hand), so the user knows which ``--source-lang`` to try.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Iterable

from .analysis import Doc
from .model import Segment
from .options import Options

# Enough text to see which pack the calques come from; the hint must not double a big run's time.
SAMPLE_CHARS = 20_000


def needs_source_hint(segments: Iterable[Segment], options: Options) -> bool:
    """True when nothing told mtfix the source language: not the options, not a segment, and
    no segment carries a source text to detect it from; and the text is English (the calque
    packs hold for English targets only)."""
    if options.source_lang or options.source_auto:
        return False
    segments = iter(segments)
    first = next(segments, None)
    if first is None:
        return True
    from .pipeline import target_of, text_target

    if target_of(first, options, text_target([first], options)) != "en":
        return False        # the calque packs hold for English targets only
    return all(not (s.source_lang or (s.source and s.source.strip())) for s in (first, *segments))


def likely_sources(segments: Iterable[Segment], options: Options) -> Counter:
    """Hits per source language of the pair packs' calques on (a sample of) the text."""
    from .checks import phrases
    from .ruledata import registry

    reg = registry(options.rule_packs)
    codes = {c for c, r in reg.rules.items() if r.family == phrases.FAMILY and options.enabled(c)}
    found: Counter = Counter()
    budget = SAMPLE_CHARS
    for seg in segments:
        if budget <= 0 or not codes:
            break
        if len(seg.text) > budget:      # a long text: its beginning, cut at a line end
            cut = seg.text.rfind("\n", 0, budget)
            seg = replace(seg, text=seg.text[:cut if cut > 0 else budget])
        budget -= len(seg.text)
        for h in phrases.find_hits(Doc(seg), reg, phrases.ANY_SOURCE, codes, suggest=False):
            if h.entry.source and not seg.is_protected(h.start, h.end):
                found[h.entry.source] += 1
    return found


def source_hint(segments: list[Segment], options: Options) -> str | None:
    """The hint line, or None when the source language is known."""
    if not segments or not needs_source_hint(segments, options):
        return None
    found = likely_sources(segments, options)
    base = "Hint: no source language set, so the calque packs were off"
    if not found:
        return base + "; pass --source-lang LANG (or set source-lang in the config) to check for them."
    lang, n = found.most_common(1)[0]
    return (f"{base}; this text matches {n} {lang}-en calque{'s' * (n != 1)}: "
            f"try --source-lang {lang} (or source-lang in the config).")
