"""Choose non-overlapping edits, apply them, repeat to a fixed point, and report a diff.

Edits are chosen in a deterministic priority order (safe before unsafe, then severity, then
position, longer span first, then rule code), applied right to left, and the text is checked
again until no fix applies, so that ``fix(fix(x)) == fix(x)``. The edits reported are composed
back into offsets of the original text, so callers see one list of edits against what they gave.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .model import Edit, Issue, Segment

MAX_PASSES = 4


def choose_edits(text: str, issues: Sequence[Issue], unsafe: bool = False) -> list[Edit]:
    cands = [i for i in issues if i.fix is not None and (i.safe or unsafe)]
    cands.sort(key=lambda i: (not i.safe, -i.severity, i.fix.start,
                              -(i.fix.end - i.fix.start), i.code, i.fix.replacement))
    chosen: list[Edit] = []
    for issue in cands:
        edit = issue.fix
        if text[edit.start:edit.end] == edit.replacement:
            continue
        if any(edit.overlaps(c) for c in chosen):
            continue
        chosen.append(edit)
    return sorted(chosen, key=lambda e: e.start)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def shift_spans(spans: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> tuple[tuple[int, int], ...]:
    """Move spans that no edit touches to where they sit after the edits."""
    out = []
    for s, e in spans:
        delta = sum(len(x.replacement) - (x.end - x.start) for x in edits if x.end <= s)
        out.append((s + delta, e + delta))
    return tuple(out)


def compose(first: Sequence[Edit], second: Sequence[Edit], mid: str) -> list[Edit]:
    """Edits against the original equivalent to ``first`` then ``second`` (``second`` is
    against ``mid``, the text after ``first``). Clashing edits merge into one."""
    firsts = sorted(first, key=lambda e: e.start)
    # Where each first edit's output sits in ``mid``.
    placed: list[tuple[int, int, Edit]] = []
    shift = 0
    for f in firsts:
        s = f.start + shift
        placed.append((s, s + len(f.replacement), f))
        shift += len(f.replacement) - (f.end - f.start)

    def clash(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return (a[0] < b[1] and b[0] < a[1]) or (a[0] == a[1] and b[0] < a[0] < b[1]) \
            or (b[0] == b[1] and a[0] < b[0] < a[1])

    def to_orig(p: int) -> int:
        return p - sum(len(f.replacement) - (f.end - f.start) for s, e, f in placed if e <= p and s < p)

    out: list[Edit] = []
    used: set[int] = set()
    for e2 in sorted(second, key=lambda e: e.start):
        members = [k for k, (s, e, _) in enumerate(placed) if clash((e2.start, e2.end), (s, e))]
        if not members:
            out.append(Edit(to_orig(e2.start), to_orig(e2.start) + (e2.end - e2.start),
                            e2.replacement, e2.code))
            continue
        lo = min([e2.start] + [placed[k][0] for k in members])
        hi = max([e2.end] + [placed[k][1] for k in members])
        o_lo = min(placed[k][2].start for k in members)
        o_hi = max(placed[k][2].end for k in members)
        if e2.start < placed[members[0]][0]:
            o_lo = to_orig(e2.start)
        if e2.end > placed[members[-1]][1]:
            o_hi = to_orig(e2.end)
        used.update(members)
        repl = mid[lo:e2.start] + e2.replacement + mid[e2.end:hi]
        out.append(Edit(o_lo, o_hi, repl, placed[members[0]][2].code or e2.code))
    out.extend(f for k, (_, _, f) in enumerate(placed) if k not in used)
    return sorted(out, key=lambda e: e.start)


@dataclass
class FixResult:
    """What ``mtfix.fix`` returns: the fixed text, the edits (against the original text), the
    issues found in the original, and the issues that remain in the fixed text."""

    original: str
    text: str
    edits: list[Edit]
    issues: list[Issue]
    remaining: list[Issue] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, name: str = "text") -> str:
        return unified_diff(self.original, self.text, name)


CheckFn = Callable[[Sequence[Segment]], list[list[Issue]]]


def fix_segments(segments: Sequence[Segment], check: CheckFn, unsafe: bool = False
                 ) -> tuple[list[Segment], list[list[Edit]], list[list[Issue]], list[list[Issue]]]:
    """Fix every segment of one document to a fixed point.

    Returns the fixed segments, the edits per segment (against the original text), the issues of
    the original segments and the issues remaining after fixing.
    """
    segs = list(segments)
    first_issues = issues = check(segs)
    total: list[list[Edit]] = [[] for _ in segs]
    for _ in range(MAX_PASSES):
        any_edit = False
        for k, (seg, seg_issues) in enumerate(zip(segs, issues)):
            edits = choose_edits(seg.text, seg_issues, unsafe)
            if not edits:
                continue
            any_edit = True
            new_text = apply_edits(seg.text, edits)
            total[k] = compose(total[k], edits, seg.text) if total[k] else edits
            segs[k] = _replace_text(seg, new_text, edits)
        if not any_edit:
            break
        issues = check(segs)
    return segs, total, first_issues, issues


def _replace_text(seg: Segment, text: str, edits: Sequence[Edit]) -> Segment:
    from dataclasses import replace

    return replace(seg, text=text, protected=shift_spans(seg.protected, edits))


def unified_diff(old: str, new: str, name: str) -> str:
    if old == new:
        return ""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)
