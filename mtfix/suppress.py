"""In-file suppression directives, and applying every suppression in the pipeline.

Text and Markdown directives are parsed here, from the segment's own text:

- ``<!-- mtfix: ignore MT201, MT3 -->``  the next block (up to the next blank line); no codes = all rules
- ``<!-- mtfix: disable [codes] -->`` ... ``<!-- mtfix: enable -->``  a range (to the end if never enabled)
- a line that is only ``mtfix: ignore-next-line [codes]`` (or the same in an HTML comment): the next line

PO translator comments and XLIFF notes are read by their format adapters into
``Segment.suppressions``; ``apply`` treats both kinds the same. A suppression that silenced nothing
is reported as MT901 (info) where it is written, as ruff reports an unused ``noqa``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Issue, Location, Segment, Suppression
from .options import Options

UNUSED = "MT901"

_CODES = r"(?P<codes>(?:[ \t]*,?[ \t]*(?:MT\d{1,3}|LT:[\w.-]+))*)"
_COMMENT = re.compile(r"<!--[ \t]*mtfix:[ \t]*(?P<verb>ignore-next-line|ignore|disable|enable)\b"
                      + _CODES + r"[ \t]*-->", re.I)
_LINE = re.compile(r"^[ \t]*mtfix:[ \t]*ignore-next-line\b" + _CODES + r"[ \t]*$", re.I | re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")


def _codes(text: str | None) -> frozenset[str]:
    return frozenset(c.upper() for c in re.findall(r"MT\d{1,3}|LT:[\w.-]+", text or "", re.I))


def _next_line(text: str, after: int) -> tuple[int, int]:
    nl = text.find("\n", after)
    if nl < 0:
        return len(text), len(text)
    end = text.find("\n", nl + 1)
    return nl + 1, len(text) if end < 0 else end


def _next_block(text: str, after: int) -> tuple[int, int]:
    start = after
    while start < len(text) and text[start] in " \t\r\n":
        start += 1
    m = _BLANK_LINE.search(text, start)
    return start, m.start() if m else len(text)


def parse(text: str) -> tuple[list[tuple[Suppression, tuple[int, int]]], list[tuple[int, int]]]:
    """Directives in ``text``: (suppression, span of the directive itself), and every directive
    span (enable comments included), where no rule may fire on the directive's own words."""
    if "mtfix:" not in text.lower():          # the common case costs one scan
        return [], []
    found: list[tuple[Suppression, tuple[int, int]]] = []
    spans: list[tuple[int, int]] = []
    open_disable: list[tuple[frozenset[str], tuple[int, int]]] = []
    for m in _COMMENT.finditer(text):
        verb, codes, here = m.group("verb").lower(), _codes(m.group("codes")), (m.start(), m.end())
        spans.append(here)
        if verb == "ignore":
            s, e = _next_block(text, m.end())
        elif verb == "ignore-next-line":
            s, e = _next_line(text, m.end())
        elif verb == "disable":
            open_disable.append((codes, here))
            continue
        else:   # enable: closes the latest disable with the same codes, else the latest one
            if not open_disable:
                continue
            k = next((i for i in range(len(open_disable) - 1, -1, -1) if open_disable[i][0] == codes),
                     len(open_disable) - 1)
            dcodes, dspan = open_disable.pop(k)
            found.append((Suppression(dspan[1], m.start(), dcodes), dspan))
            continue
        found.append((Suppression(s, e, codes), here))
    for dcodes, dspan in open_disable:
        found.append((Suppression(dspan[1], len(text), dcodes), dspan))
    for m in _LINE.finditer(text):
        here = (m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
        spans.append(here)
        s, e = _next_line(text, m.end())
        found.append((Suppression(s, e, _codes(m.group("codes"))), here))
    found.sort(key=lambda item: item[1])
    return found, spans


def _active(sup: Suppression, known: Iterable[str], options: Options) -> bool:
    """Could this suppression have silenced anything in this run? (Its rules are enabled.)"""
    if not sup.codes:
        return True
    for code in sup.codes:
        if code.startswith("LT:"):
            if options.extra.get("languagetool") and options.enabled(code):
                return True
        elif any(k.startswith(code) and options.enabled(k) for k in known):
            return True
    return False


def apply(segments: Sequence[Segment], results: list[list[Issue]], options: Options,
          known: Iterable[str], unused_rule=None, suppressed: list[Issue] | None = None) -> list[list[Issue]]:
    """Drop suppressed issues (collected into ``suppressed``); add MT901 for unused directives
    when ``unused_rule`` (the MT901 RuleInfo) is given and enabled."""
    known = list(known)
    out: list[list[Issue]] = []
    for seg, issues in zip(segments, results):
        parsed, directive_spans = parse(seg.text)
        sups = [(s, None) for s in seg.suppressions] + [(s, span) for s, span in parsed]
        if not sups and not directive_spans:
            out.append(issues)
            continue
        used = [False] * len(sups)
        kept: list[Issue] = []
        for issue in issues:
            if any(a <= issue.start and issue.end <= b for a, b in directive_spans):
                continue
            hit = [k for k, (s, _) in enumerate(sups) if s.covers(issue)]
            if not hit:
                kept.append(issue)
                continue
            for k in hit:
                used[k] = True
            if suppressed is not None:
                suppressed.append(issue)
        if unused_rule is not None and options.enabled(UNUSED):
            for k, (sup, span) in enumerate(sups):
                if used[k] or not _active(sup, known, options):
                    continue
                kept.append(_unused_issue(seg, sup, span, unused_rule))
            kept.sort(key=lambda i: (i.start, i.end, i.code))
        out.append(kept)
    return out


def _unused_issue(seg: Segment, sup: Suppression, span: tuple[int, int] | None, rule) -> Issue:
    what = ", ".join(sorted(sup.codes)) if sup.codes else "any rule"
    start, end = span if span is not None else (sup.start, sup.start)
    issue = rule.issue(start, end, what=what)
    loc: Location = sup.location if sup.location is not None else seg.position(start)
    return replace(issue, location=loc)
