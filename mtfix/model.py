"""The few types every part of mtfix shares: Edit, Issue, Location, Segment.

Offsets are always half-open ``[start, end)`` character offsets into the text of the
segment that was checked. Mapping them to file lines and columns happens in one place:
:meth:`Segment.position`.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Literal

SeverityName = Literal["error", "warning", "info"]


class Severity(IntEnum):
    """Ordered so that ``Severity.ERROR > Severity.WARNING > Severity.INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
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
        # Two insertions at one point, or an insertion inside a replaced span, also clash:
        # their order would be ambiguous.
        if self.start == other.start:
            return True
        return self.start < other.end and other.start < self.end

    def shifted(self, delta: int) -> "Edit":
        return replace(self, start=self.start + delta, end=self.end + delta)


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
        return (self.start, self.end)

    def shifted(self, delta: int) -> "Issue":
        fix = self.fix.shifted(delta) if self.fix else None
        return replace(self, start=self.start + delta, end=self.end + delta, fix=fix)

    def to_dict(self) -> dict:
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
    target_lang: str = "en"
    protected: tuple[tuple[int, int], ...] = ()
    location: Location = field(default_factory=Location)
    suppressions: tuple[Suppression, ...] = ()
    meta: dict = field(default_factory=dict, hash=False, compare=False)   # adapter-specific (PO entry, unit id)
    # Offsets of the line starts, filled by ``position`` on first use (not an init field, so
    # ``dataclasses.replace`` with a new text never copies a stale one).
    _line_starts: list[int] | None = field(default=None, init=False, repr=False, hash=False, compare=False)

    def is_protected(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` touches a protected span (an empty span inside one counts)."""
        for ps, pe in self.protected:
            if start < pe and ps < end:
                return True
            if start == end and ps < start < pe:
                return True
        return False

    def position(self, offset: int) -> Location:
        """File location of ``text[offset]``: a bisect over the line starts, computed once per
        segment (counting newlines from the start for every issue was quadratic)."""
        starts = self._line_starts
        if starts is None:
            starts = [0]
            find = self.text.find
            k = find("\n")
            while k >= 0:
                starts.append(k + 1)
                k = find("\n", k + 1)
            object.__setattr__(self, "_line_starts", starts)
        n = bisect_right(starts, offset) - 1 if offset > 0 else 0
        if n == 0:
            return Location(self.location.path, self.location.line, self.location.column + offset,
                            self.location.key)
        return Location(self.location.path, self.location.line + n, offset - starts[n] + 1,
                        self.location.key)
