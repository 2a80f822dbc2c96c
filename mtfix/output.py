"""Report formats for ``mtfix check``: text, json, github, sarif; ``--statistics``; ``mtfix explain``.

Positions are 1-based line and column, columns counted in Unicode code points (what
``Segment.position`` computes; SARIF is told so with ``columnKind``).

The JSON schema is stable (documented in README.md, "Machine-readable output"): a list of
objects with exactly the keys of ``JSON_KEYS``, in that order.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable

from .model import Issue, Location, Severity

JSON_KEYS = ("file", "line", "column", "code", "name", "severity", "message", "suggestions",
             "safe", "fix", "key", "start", "end", "end_line", "end_column", "suppressed")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_ANSI = {"bold": "1", "red": "31", "yellow": "33", "cyan": "36", "dim": "2", "green": "32"}
_SEV_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@dataclass
class Report:
    """What one ``mtfix check`` run found, across files."""

    issues: list[Issue] = field(default_factory=list)
    suppressed: list[Issue] = field(default_factory=list)
    n_files: int = 0
    ends: dict[Issue, Location] = field(default_factory=dict)   # end of each span (exclusive column)
    unchecked: list[str] = field(default_factory=list)    # files with no text to check (issue 25)
    checked: int = 0                                      # entries (segments) checked
    baselined: int = 0                                    # findings left out as recorded in --baseline
    skipped: dict[str, int] = field(default_factory=dict)   # entries skipped: untranslated, fuzzy, obsolete


_FIELD = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")


def generic_message(template: str) -> str:
    """A rule's message template as readers of ``explain`` and SARIF see it: each
    ``{placeholder}`` (filled per issue: ``{mark}``, ``{suggestion}``) shown as an ellipsis."""
    return _FIELD.sub("…", template).replace("{{", "{").replace("}}", "}")


def use_colour(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def _paint(text: str, colour: str, on: bool) -> str:
    return f"\x1b[{_ANSI[colour]}m{text}\x1b[0m" if on else text


def _where(issue: Issue) -> tuple[str, int, int]:
    loc = issue.location
    return (loc.path, loc.line, loc.column) if loc else ("<text>", 1, 1)


# --- text ------------------------------------------------------------------------------------

def _suggestion_note(issue: Issue) -> str:
    """`` (suggestion: a | b)``; a suggestion that deletes the span reads "delete", not nothing."""
    if not issue.suggestions:
        return ""
    return f" (suggestion: {' | '.join(s if s else 'delete' for s in issue.suggestions[:3])})"


def text_line(issue: Issue, colour: bool = False, suppressed: bool = False) -> str:
    path, line, col = _where(issue)
    key = f" [{issue.location.key}]" if issue.location and issue.location.key else ""
    sugg = _suggestion_note(issue)
    mark = " [*]" if issue.fix is not None and issue.safe else ""
    code = _paint(issue.code, _SEV_COLOUR[issue.severity], colour)
    where = _paint(f"{path}:{line}:{col}:", "bold", colour)
    tail = _paint(" (suppressed)", "dim", colour) if suppressed else ""
    return f"{where} {code}{mark} {issue.message}{sugg}{key}{tail}"


def write_text(report: Report, out: IO[str], colour: bool, show_suppressed: bool = False) -> None:
    for issue in report.issues:
        print(text_line(issue, colour), file=out)
    if show_suppressed:
        for issue in report.suppressed:
            print(text_line(issue, colour, suppressed=True), file=out)
    write_summary(report, out, colour, show_suppressed)


def skipped_line(checked: int, skipped: dict[str, int]) -> str:
    """``Checked 12 entries; skipped 3 untranslated, 1 fuzzy and 2 obsolete.``"""
    parts = [f"{skipped[k]} {k}" for k in ("untranslated", "fuzzy", "obsolete") if skipped.get(k)]
    parts += [f"{v} {k}" for k, v in sorted(skipped.items()) if k not in ("untranslated", "fuzzy", "obsolete") and v]
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    return f"Checked {checked} entr{'y' if checked == 1 else 'ies'}; skipped {listed}."


def write_summary(report: Report, out: IO[str], colour: bool, show_suppressed: bool = False) -> None:
    n, f = len(report.issues), report.n_files
    files = f"{f} file{'s' * (f != 1)}"
    if n:
        fixable = sum(1 for i in report.issues if i.fix is not None and i.safe)
        print(f"Found {n} issue{'s' * (n != 1)} in {files} ({fixable} fixable with `mtfix fix`).", file=out)
    elif f and len(report.unchecked) == f:
        print(f"Nothing checked: no text to check in {files} (a catalogue's untranslated, fuzzy and "
              "obsolete entries are skipped; `--format-in po-all` checks fuzzy and obsolete ones).", file=out)
    else:
        print(_paint(f"All clear: no issues in {files}.", "green", colour), file=out)
    if report.skipped:
        print(skipped_line(report.checked, report.skipped), file=out)
    if report.baselined:
        b = report.baselined
        print(f"{b} finding{'s' * (b != 1)} recorded in the baseline not shown.", file=out)
    if report.unchecked and len(report.unchecked) < f:
        where = ", ".join(report.unchecked[:3]) + (", ..." if len(report.unchecked) > 3 else "")
        u = len(report.unchecked)
        print(f"{u} file{'s' * (u != 1)} had no text to check: {where}.", file=out)
    if report.suppressed:
        s = len(report.suppressed)
        hint = "" if show_suppressed else " (list them with --show-suppressed)"
        print(f"{s} issue{'s' * (s != 1)} suppressed by mtfix directives{hint}.", file=out)


# --- json ------------------------------------------------------------------------------------

def issue_json(issue: Issue, suppressed: bool = False, end: Location | None = None) -> dict:
    d = issue.to_dict()
    d["suppressed"] = suppressed
    d["end_line"], d["end_column"] = (end.line, end.column) if end else (None, None)
    return {k: d.get(k) for k in JSON_KEYS}


def write_json(report: Report, out: IO[str], show_suppressed: bool = False) -> None:
    items = [issue_json(i, end=report.ends.get(i)) for i in report.issues]
    if show_suppressed:
        items += [issue_json(i, True) for i in report.suppressed]
    json.dump(items, out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- GitHub workflow commands ----------------------------------------------------------------

def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github_line(issue: Issue, end: Location | None = None) -> str:
    """``::warning file=F,line=L,col=C,endColumn=E,title=T::message`` (GitHub Actions annotation;
    endColumn only for a span on one line, as GitHub reads it)."""
    path, line, col = _where(issue)
    title = f"{issue.code} {issue.name}"
    sugg = _suggestion_note(issue)
    span = f",endColumn={end.column}" if end is not None and end.line == line and end.column > col else ""
    return (f"::{_GITHUB_LEVEL[issue.severity]} file={_gh_prop(path)},line={line},col={col}{span},"
            f"title={_gh_prop(title)}::{_gh_data(issue.message + sugg)}")


def write_github(report: Report, out: IO[str]) -> None:
    for issue in report.issues:
        print(github_line(issue, report.ends.get(issue)), file=out)


# --- SARIF 2.1.0 -----------------------------------------------------------------------------

def _uri(path: str) -> str:
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    from urllib.parse import quote

    return quote(p.as_posix())


def sarif_log(report: Report, show_suppressed: bool = False, rule_info=None) -> dict:
    """The SARIF log as a dict. ``rule_info(code)`` gives a RuleInfo or None (LT:* rules)."""
    from . import __version__

    issues = [(i, False) for i in report.issues]
    if show_suppressed:
        issues += [(i, True) for i in report.suppressed]
    codes = sorted({i.code for i, _ in issues})
    index = {c: k for k, c in enumerate(codes)}
    names = {i.code: i.name for i, _ in issues}
    rules = [_sarif_rule(c, names[c], rule_info(c) if rule_info else None) for c in codes]
    results = []
    for issue, was_suppressed in issues:
        path, line, col = _where(issue)
        region = {"startLine": line, "startColumn": col}
        end = report.ends.get(issue)
        if end is not None and (end.line, end.column) > (line, col):
            region.update(endLine=end.line, endColumn=end.column)    # endColumn is exclusive
        result = {
            "ruleId": issue.code,
            "ruleIndex": index[issue.code],
            "level": _SARIF_LEVEL[issue.severity],
            "message": {"text": issue.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(path)},
                "region": region}}],
            "properties": {"suggestions": list(issue.suggestions), "safe": issue.safe},
        }
        fix = _sarif_fix(issue, path, region)
        if fix is not None:
            result["fixes"] = [fix]
        if was_suppressed:
            result["suppressions"] = [{"kind": "inSource"}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtfix", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True}],
            "results": results,
        }],
    }


# Formats whose file holds a segment's text verbatim: a fix's region in the file is the issue's
# and its replacement goes in as it is (PO and JSON would need their escapes: no SARIF fix there).
_VERBATIM_FORMATS = ("text", "markdown", "subtitles")


def _sarif_fix(issue: Issue, path: str, region: dict) -> dict | None:
    """A SARIF ``fix`` for a safe fix covering exactly the flagged span of a verbatim file."""
    from .formats import adapter_name

    fix = issue.fix
    if fix is None or not issue.safe or (fix.start, fix.end) != (issue.start, issue.end) or "endLine" not in region:
        return None
    if path == "<text>" or adapter_name(path) not in _VERBATIM_FORMATS:
        return None
    return {"description": {"text": f"{issue.code}: replace with {fix.replacement!r}"},
            "artifactChanges": [{"artifactLocation": {"uri": _uri(path)},
                                 "replacements": [{"deletedRegion": dict(region),
                                                   "insertedContent": {"text": fix.replacement}}]}]}


def _sarif_rule(code: str, name: str, info) -> dict:
    if info is None:
        ident = code.split(":", 1)[-1]
        return {"id": code, "name": name,
                "shortDescription": {"text": f"LanguageTool rule {ident}"}}
    rule = {"id": code, "name": info.name,
            "shortDescription": {"text": generic_message(info.message)},
            "defaultConfiguration": {"level": _SARIF_LEVEL[info.severity]},
            "properties": {"safe": info.safe, "pack": info.pack, "family": info.family}}
    if info.description:
        rule["fullDescription"] = {"text": info.description}
    rule["help"] = {"text": explain_rule(info)}
    from .builddata.rules_page import uri

    page = uri(code) if info.pack in _shipped_packs() else None
    if page:
        rule["helpUri"] = page
    return rule


def _shipped_packs() -> set[str]:
    """The packs whose rules the shipped rules.html documents (not a user's own)."""
    from .ruledata import registry

    return {r.pack for r in registry().rules.values()}


def write_sarif(report: Report, out: IO[str], show_suppressed: bool = False, rule_info=None) -> None:
    json.dump(sarif_log(report, show_suppressed, rule_info), out, ensure_ascii=False, indent=2)
    out.write("\n")


# --- statistics ------------------------------------------------------------------------------

def statistics(issues: Iterable[Issue]) -> list[dict]:
    """Per rule: code, name, count, fixable (safe fixes), most frequent first."""
    issues = list(issues)
    counts = Counter(i.code for i in issues)
    fixable = Counter(i.code for i in issues if i.fix is not None and i.safe)
    names = {i.code: i.name for i in issues}
    return [{"code": c, "name": names[c], "count": n, "fixable": fixable[c]}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def write_statistics(report: Report, out: IO[str], fmt: str) -> None:
    rows = statistics(report.issues)
    if fmt == "json":
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        star = "[*]" if r["fixable"] == r["count"] else ("[-]" if r["fixable"] else "   ")
        print(f"{r['count']:>{width}}\t{r['code']}\t{star} {r['name']}", file=out)


# --- explain ---------------------------------------------------------------------------------

def explain_rule(rule) -> str:
    """What ``mtfix explain CODE`` prints for a rule."""
    lines = [f"{rule.code} {rule.name} ({rule.severity}, {'safe fix' if rule.safe else 'suggestion only'};"
             f" pack {rule.pack}, family {rule.family}; {rule.where})", "", generic_message(rule.message)]
    if rule.description:
        lines += ["", rule.description]
    if rule.why:
        lines += ["", "Why machine translation produces it:", rule.why]
    wrong = [e for e in rule.examples if e.wrong]
    ok = [e for e in rule.examples if not e.wrong]
    if wrong:
        lines += ["", "Flagged:"]
        for e in wrong:
            s, t = e.span
            shown = (e.text[:s] + "[[" + e.text[s:t] + "]]" + e.text[t:]).replace("\n", "⏎")
            fix = f"  ->  {e.fix!r}" if e.fix is not None else ""
            lines.append(f"  {shown}{fix}")
    if ok:
        lines += ["", "Not flagged:"]
        lines += [f"  {e.text}".replace("\n", "⏎") for e in ok]
    return "\n".join(lines)
