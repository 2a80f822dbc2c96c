"""The few types every part of mtfix shares: Edit, Issue, Location, Segment.

Offsets are always half-open ``[start, end)`` character offsets into the text of the
segment that was checked. Mapping them to file lines and columns happens in one place:
:meth:`Segment.position`.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Literal

SeverityName = Literal["error", "warning", "info"]


def _short(text: str, n: int = 30) -> str:
    """``text`` cut to ``n`` characters for a repr, quoted."""
    return repr(text if len(text) <= n else text[:n - 1] + "…")


class Severity(IntEnum):
    """Ordered so that ``Severity.ERROR > Severity.WARNING > Severity.INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        """``Severity.parse("warning")`` -> ``Severity.WARNING``; ValueError for other names."""
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``; ``code`` is the rule that asked."""

    start: int
    end: int
    replacement: str
    code: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit span [{self.start}, {self.end})")

    def overlaps(self, other: "Edit") -> bool:
        """True when the two edits cannot both be applied."""
        # Two insertions at one point, or an insertion inside a replaced span, also clash:
        # their order would be ambiguous.
        if self.start == other.start:
            return True
        return self.start < other.end and other.start < self.end

    def shifted(self, delta: int) -> "Edit":
        """The same edit ``delta`` characters further on."""
        return replace(self, start=self.start + delta, end=self.end + delta)

    def __repr__(self) -> str:
        code = f" {self.code}" if self.code else ""
        return f"Edit([{self.start}, {self.end}) -> {self.replacement!r}{code})"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of one rule on one span of a checked text."""

    code: str
    name: str
    message: str
    severity: Severity
    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    fix: Edit | None = None
    safe: bool = False
    # Filled in by the pipeline once it knows where the text came from.
    location: "Location | None" = None

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)``: the flagged characters, half-open."""
        return (self.start, self.end)

    def shifted(self, delta: int) -> "Issue":
        """The same issue ``delta`` characters further on (its fix too)."""
        fix = self.fix.shifted(delta) if self.fix else None
        return replace(self, start=self.start + delta, end=self.end + delta, fix=fix)

    def __str__(self) -> str:
        """``line:column CODE message`` (the file first when it is known), as ``mtfix check``
        prints it."""
        loc = self.location
        if loc is None:
            where = f"[{self.start}, {self.end})"
        else:
            where = f"{loc.line}:{loc.column}" if loc.path == "<text>" else f"{loc.path}:{loc.line}:{loc.column}"
        return f"{where} {self.code} {self.message}"

    def __repr__(self) -> str:
        sugg = f" -> {_short(self.suggestions[0], 20)}" if self.suggestions else ""
        kind = " safe" if self.safe and self.fix is not None else ""
        where = f" {self.location.line}:{self.location.column}" if self.location else ""
        return (f"Issue({self.code} {self.name}{where} [{self.start}, {self.end}) "
                f"{_short(self.message, 40)}{sugg}{kind})")

    def to_dict(self) -> dict:
        """The issue as JSON-ready values (``mtfix check --format json`` adds end_line and more)."""
        loc = self.location
        return {
            "file": loc.path if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "key": loc.key if loc else None,
            "start": self.start,
            "end": self.end,
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "suggestions": list(self.suggestions),
            "fix": None if self.fix is None else {
                "start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement},
            "safe": self.safe,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where something sits in a file: 1-based line and column, optional key (PO msgid, JSON path)."""

    path: str = "<text>"
    line: int = 1
    column: int = 1
    key: str | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" + (f" [{self.key}]" if self.key else "")

    def __repr__(self) -> str:
        key = f", key={_short(self.key)}" if self.key else ""
        return f"Location({self.path!r}, {self.line}, {self.column}{key})"


@dataclass(frozen=True, slots=True)
class Suppression:
    """An in-file directive that silences rules on ``[start, end)`` of a segment's text.

    ``codes`` empty means every rule. ``location`` is where the directive itself is written, so an
    unused suppression can be reported there. Format adapters create these (PO comments, XLIFF
    notes, Markdown/text comments); the pipeline applies them.
    """

    start: int
    end: int
    codes: frozenset[str] = frozenset()
    location: "Location | None" = None

    def covers(self, issue: "Issue") -> bool:
        inside = self.start <= issue.start and issue.end <= self.end
        return inside and (not self.codes or any(issue.code.startswith(c) for c in self.codes))


@dataclass(frozen=True, slots=True)
class Segment:
    """The unit a format adapter yields and the checks see.

    ``protected`` spans (placeholders, markup, code, URLs) are never flagged and never edited.
    ``location`` is where ``text[0]`` sits in its file; ``position`` maps any offset.
    """

    text: str
    source: str | None = None
    source_lang: str | None = None
    target_lang: str | None = None   # from the file's metadata; None: the options' target_lang, else English
    protected: tuple[tuple[int, int], ...] = ()
    location: Location = Location()   # immutable, so one shared default (not one built per segment)
    suppressions: tuple[Suppression, ...] = ()
    meta: dict = field(default_factory=dict, hash=False, compare=False)   # adapter-specific (PO entry, unit id)
    # Offsets of the line starts, filled by ``position`` on first use (not an init field, so
    # ``dataclasses.replace`` with a new text never copies a stale one).

    def __repr__(self) -> str:
        src = f", source={_short(self.source, 20)}" if self.source else ""
        lang = f", source_lang={self.source_lang!r}" if self.source_lang else ""
        return (f"Segment({_short(self.text)} ({len(self.text)} chars){src}{lang}, "
                f"at {self.location.path}:{self.location.line}:{self.location.column})")

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a protected span (an empty span inside one counts)."""
        spans = self.protected
        if len(spans) > 16:     # many spans: bisect (a check per issue must not be linear)
            starts, max_ends = self._cached("_protected", spans, _span_index)
            k = bisect_left(starts, end)        # spans that start before ``end``
            return bool(k) and max_ends[k - 1] > start
        for ps, pe in spans:
            if start < pe and ps < end:
                return True
            if start == end and ps < start < pe:
                return True
        return False

    def position(self, offset: int) -> Location:
        """File location of ``text[offset]``."""
        if len(self.text) > 4096:   # long text: line starts once, then bisect (not a scan per issue)
            starts = self._cached("_newlines", self.text, _newlines)
            offset = min(offset, len(self.text))
            k = bisect_right(starts, offset - 1)     # newlines before ``offset``
            if k == 0:
                return Location(self.location.path, self.location.line,
                                self.location.column + offset, self.location.key)
            return Location(self.location.path, self.location.line + k, offset - starts[k - 1],
                            self.location.key)
        before = self.text[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            line, column = self.location.line, self.location.column + len(before)
        else:
            line = self.location.line + newlines
            column = len(before) - before.rfind("\n")
        return Location(self.location.path, line, column, self.location.key)

    def _cached(self, key: str, of, build):
        """An index of ``of`` kept in ``meta`` until ``of`` changes (``replace`` shares meta)."""
        hit = self.meta.get(key)
        if hit is None or hit[0] is not of:
            hit = self.meta[key] = (of, build(of))
        return hit[1]


def _span_index(spans) -> tuple[list[int], list[int]]:
    starts = [s for s, _ in spans]
    max_ends, m = [], -1
    for _, e in spans:
        m = max(m, e)
        max_ends.append(m)
    if starts != sorted(starts):
        order = sorted(spans)
        return _span_index(tuple(order))
    return starts, max_ends


def _newlines(text: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", text)]
