"""Target-language typography (MT33x-MT39x): quotation marks, spaces around punctuation,
full-width punctuation, number separators. One rule kind, all of it data: ``rules/<lang>/
typography.yaml`` (and ``rules/any/typography.yaml`` for the rules several targets share).

A rule entry gives:

  pattern        a Python regular expression, searched in the segment's text; the flagged span is
                 its group ``span`` when it has one, else the whole match. Keep it linear: bounded
                 repeats only (``{1,300}?``), no nested quantifiers.
  fix            the replacement for the span, a ``re`` template (``\\g<q>``) expanded on the match
  translate      instead of ``fix``: a character map applied to the span ("," -> "，"; "" deletes)
  map            instead of ``fix``: the span's lower-cased text -> its replacement (the span's
                 first capital is kept)
  unless_match   a regular expression; a match whose whole text matches it is left alone (the
                 correct form the pattern also covers)
  not_after      a regular expression that must not end where the span starts (a capitalised word
                 before a number: "Version 2.5"); looked for in the 40 characters before the span
  in_source      true: the span's text must also occur in the segment's source (a number copied
                 with the source's separators), so the rule needs a source
  not_sources    source languages in which the copied form is the target's own (no finding)
  space_if_joined  true: a space is added after the replacement where a letter, a digit or an
                 opening quote follows the span at once (a full-width mark carried its own space)

The fix is safe only where the rule says ``safe: true`` (spacing that cannot change meaning);
everything else is a suggestion. The rules hold for the targets their pack names (``targets``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from ..analysis import Doc
from ..model import Issue
from ..ruledata import RuleInfo, lang_base
from . import Context, Rules

FAMILY = "typography"


class _Compiled:
    __slots__ = ("rx", "unless", "not_after", "fix", "translate", "map", "in_source", "not_sources", "prefilter",
                 "space_if_joined")

    def __init__(self, data: dict[str, Any]) -> None:
        self.rx = re.compile(str(data["pattern"]))
        self.unless = re.compile(str(data["unless_match"])) if data.get("unless_match") else None
        na = data.get("not_after")
        self.not_after = re.compile(f"(?:{na})\\Z") if na else None
        fix = data.get("fix")
        self.fix = None if fix is None else str(fix)
        tr = data.get("translate")
        self.translate = str.maketrans({str(k): str(v) for k, v in tr.items()}) if isinstance(tr, dict) else None
        mp = data.get("map")
        self.map = {str(k).lower(): str(v) for k, v in mp.items()} if isinstance(mp, dict) else None
        self.in_source = bool(data.get("in_source"))
        self.not_sources = frozenset(lang_base(str(s)) for s in data.get("not_sources") or ())
        self.space_if_joined = bool(data.get("space_if_joined"))
        # Characters one of which the text must contain for the pattern to match at all (a cheap
        # test that skips the regular expression on most segments).
        pre = data.get("needs_any")
        self.prefilter = str(pre) if pre else ""


@lru_cache(maxsize=256)
def _compiled(rule: RuleInfo) -> _Compiled:
    return _Compiled(rule.data)


def _replacement(c: _Compiled, m: re.Match, span: str) -> str | None:
    if c.fix is not None:
        return m.expand(c.fix)
    if c.translate is not None:
        return span.translate(c.translate)
    if c.map is not None:
        rep = c.map.get(span.lower())
        if rep is not None and span[:1].isupper():
            rep = rep[:1].upper() + rep[1:]
        return rep
    return None


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    text = doc.text
    source = doc.segment.source or ""
    src_lang = doc.segment.source_lang or ctx.source_lang
    for rule in rules.values():
        if "pattern" not in rule.data:
            continue
        c = _compiled(rule)
        if c.prefilter and not any(ch in text for ch in c.prefilter):
            continue
        if c.in_source:
            if not source.strip() or (src_lang and lang_base(src_lang) in c.not_sources):
                continue
        has_span = "span" in c.rx.groupindex
        for m in c.rx.finditer(text):
            start, end = m.span("span") if has_span else m.span()
            if start == end and not has_span:
                continue
            span = text[start:end]
            if c.unless is not None and c.unless.fullmatch(m.group()):
                continue
            if c.not_after is not None and c.not_after.search(text, max(0, start - 40), start):
                continue
            if c.in_source and span not in source:
                continue
            rep = _replacement(c, m, span)
            if rep and c.space_if_joined and end < len(text) and (text[end].isalnum() or text[end] in "(“\"‘'"):
                rep += " "
            if rep == span:
                continue
            yield rule.issue(start, end, rep, suggestion=rep or "")
