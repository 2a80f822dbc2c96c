"""In-file suppression directives, and applying every suppression in the pipeline.

Text and Markdown directives are parsed here, from the segment's own text:

- ``<!-- mtfix: ignore MT201, MT3 -->``  the next block (up to the next blank line); no codes = all rules
- ``<!-- mtfix: disable [codes] -->`` ... ``<!-- mtfix: enable -->``  a range (to the end if never enabled)
- a line that is only ``mtfix: ignore-next-line [codes]`` (or the same in an HTML comment): the next line

PO translator comments and XLIFF notes are read by their format adapters into
``Segment.suppressions``; ``apply`` treats both kinds the same. A suppression that silenced nothing
is reported as MT901 (info) where it is written, as ruff reports an unused ``noqa``; one that
cannot do what its author meant (an unknown verb, words where codes belong, a code no rule has)
is reported as MT902, because a typo in a directive otherwise fails silently.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from .model import Issue, Location, Segment, Suppression
from .options import Options

UNUSED = "MT901"
BAD = "MT902"
VERBS = ("ignore", "ignore-next-line", "disable", "enable")

_CODES = r"(?P<codes>(?:[ \t]*,?[ \t]*(?:MT\d{1,3}|LT:[\w.-]+))*)"
_COMMENT = re.compile(r"<!--[ \t]*mtfix:[ \t]*(?P<verb>ignore-next-line|ignore|disable|enable)\b"
                      + _CODES + r"[ \t]*-->", re.I)
_LINE = re.compile(r"^[ \t]*mtfix:[ \t]*ignore-next-line\b" + _CODES + r"[ \t]*$", re.I | re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_ANY_COMMENT = re.compile(r"<!--[ \t]*mtfix:(?P<body>.*?)-->", re.I | re.S)


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


def malformed(text: str) -> list[tuple[tuple[int, int], str]]:
    """``<!-- mtfix: ... -->`` comments that are not a directive mtfix can read: (span, why)."""
    if "mtfix:" not in text.lower():
        return []
    good = {m.span() for m in _COMMENT.finditer(text)}
    out = []
    for m in _ANY_COMMENT.finditer(text):
        if m.span() in good:
            continue
        words = m.group("body").split()
        verb = words[0].lower() if words else ""
        if verb not in VERBS:
            why = f"unknown directive '{verb}' (expected {', '.join(VERBS)})"
        else:
            why = "only rule codes such as MT301 or LT:RULE_ID may follow the directive"
        out.append((m.span(), why))
    return out


def parse(text: str) -> tuple[list[tuple[Suppression, tuple[int, int]]], list[tuple[int, int]]]:
    """Directives in ``text``: (suppression, span of the directive itself), and every directive
    span (enable comments included), where no rule may fire on the directive's own words."""
    if "mtfix:" not in text.lower():          # the common case costs one scan
        return [], []
    found: list[tuple[Suppression, tuple[int, int]]] = []
    spans: list[tuple[int, int]] = [span for span, _ in malformed(text)]
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


def _in_code(span: tuple[int, int], protected: Sequence[tuple[int, int]]) -> bool:
    """Inside a protected span that starts before it: a code fence or inline code. (An HTML
    comment is itself protected in Markdown, with the same start, and stays a directive.)"""
    a, b = span
    return any(ps < a and b <= pe for ps, pe in protected)


def _unknown(codes: frozenset[str], known: Iterable[str]) -> list[str]:
    return sorted(c for c in codes if not c.startswith("LT:") and not any(k.startswith(c) for k in known))


def apply(segments: Sequence[Segment], results: list[list[Issue]], options: Options,
          rules: dict, suppressed: list[Issue] | None = None) -> list[list[Issue]]:
    """Drop suppressed issues (collected into ``suppressed``); add MT901 for unused directives
    and MT902 for unreadable ones, when those rules are enabled. ``rules``: code -> RuleInfo."""
    if len(segments) == 1 and not segments[0].suppressions and "mtfix:" not in segments[0].text.lower():
        return results   # no directive (one call per sentence): nothing below would change it
    known = list(rules)
    unused_rule = rules.get(UNUSED) if options.enabled(UNUSED) else None
    bad_rule = rules.get(BAD) if options.enabled(BAD) else None
    out: list[list[Issue]] = []
    shared_used: set = set()
    shared_pending: dict = {}
    for seg, issues in zip(segments, results):
        parsed, directive_spans = parse(seg.text)
        if parsed or directive_spans:   # a directive quoted in code (a README showing one) is no directive
            parsed = [(s, span) for s, span in parsed if not _in_code(span, seg.protected)]
            directive_spans = [span for span in directive_spans if not _in_code(span, seg.protected)]
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
        if unused_rule is not None:
            for k, (sup, span) in enumerate(sups):
                if span is None and sup.location is not None:
                    # An adapter directive (PO comment, XLIFF note) may cover several segments
                    # (plural forms): it is unused only if none of them used it; decided below.
                    key = (sup.location, sup.codes)
                    if used[k]:
                        shared_used.add(key)
                    elif _active(sup, known, options):
                        shared_pending.setdefault(key, (len(out), seg, sup))
                    continue
                if used[k] or not _active(sup, known, options):
                    continue
                kept.append(_located(seg, unused_rule.issue(*_span(sup, span), what=_what(sup)), sup, span))
        if bad_rule is not None:
            for sup, span in sups:
                unknown = _unknown(sup.codes, known)
                if unknown:
                    why = f"no rule has the code{'s' * (len(unknown) > 1)} {', '.join(unknown)} (see `mtfix rules`)"
                    kept.append(_located(seg, bad_rule.issue(*_span(sup, span), problem=why), sup, span))
            for span, why in malformed(seg.text):
                if _in_code(span, seg.protected):
                    continue
                kept.append(_located(seg, bad_rule.issue(*span, problem=why), None, span))
        kept.sort(key=lambda i: (i.start, i.end, i.code))
        out.append(kept)
    for key, (k, seg, sup) in shared_pending.items():
        if key not in shared_used:
            out[k].append(_located(seg, unused_rule.issue(*_span(sup, None), what=_what(sup)), sup, None))
            out[k].sort(key=lambda i: (i.start, i.end, i.code))
    return out


def _what(sup: Suppression) -> str:
    return ", ".join(sorted(sup.codes)) if sup.codes else "any rule"


def _span(sup: Suppression, span: tuple[int, int] | None) -> tuple[int, int]:
    """The directive's own span; adapter suppressions (PO comments) sit outside the text."""
    return span if span is not None else (sup.start, sup.start)


def _located(seg: Segment, issue: Issue, sup: Suppression | None, span) -> Issue:
    loc: Location = sup.location if sup is not None and sup.location is not None \
        else seg.position(issue.start)
    return replace(issue, location=loc)
