"""Choose non-overlapping edits, apply them, repeat to a fixed point, and report a diff.

Edits are chosen in a deterministic priority order (safe before unsafe, then severity, then
position, longer span first, then rule code), applied right to left, and the text is checked
again until no fix applies, so that ``fix(fix(x)) == fix(x)``. The edits reported are composed
back into offsets of the original text, so callers see one list of edits against what they gave.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Callable, Sequence

from .model import Edit, Issue, Segment

MAX_PASSES = 4


def choose_edits(text: str, issues: Sequence[Issue], unsafe: bool = False) -> list[Edit]:
    cands = [i for i in issues if i.fix is not None and (i.safe or unsafe)]
    cands.sort(key=lambda i: (not i.safe, -i.severity, i.fix.start,
                              -(i.fix.end - i.fix.start), i.code, i.fix.replacement))
    # The chosen edits are disjoint and kept sorted by start: a candidate can only clash with its
    # two neighbours there, so the choice is O(n log n) even for thousands of issues.
    starts: list[int] = []
    chosen: list[Edit] = []
    starts: list[int] = []
    for issue in cands:
        edit = issue.fix
        if text[edit.start:edit.end] == edit.replacement:
            continue
        k = bisect_left(starts, edit.start)
        if k < len(chosen) and chosen[k].overlaps(edit) or k and chosen[k - 1].overlaps(edit):
            continue
        starts.insert(k, edit.start)
        chosen.insert(k, edit)
    return chosen


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: e.start)
    if any(b.start < a.end or b.start == a.start for a, b in zip(ordered, ordered[1:])):
        # Overlapping edits: apply right to left, each on the result of the one before.
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):
            text = text[:edit.start] + edit.replacement + text[edit.end:]
        return text
    parts, pos = [], 0      # disjoint edits: one pass, linear in the text
    for edit in ordered:
        parts += (text[pos:edit.start], edit.replacement)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


def _deltas(edits: Sequence[Edit]) -> tuple[list[int], list[int]]:
    """Edit ends in order, and the length change of all edits up to each of them (prefix sums)."""
    ends, sums, total = [], [], 0
    for x in sorted(edits, key=lambda e: e.end):
        total += len(x.replacement) - (x.end - x.start)
        ends.append(x.end)
        sums.append(total)
    return ends, sums


def shift_spans(spans: Sequence[tuple[int, int]], edits: Sequence[Edit]) -> tuple[tuple[int, int], ...]:
    """Move spans that no edit touches to where they sit after the edits."""
    ends, sums = _deltas(edits)
    out = []
    for s, e in spans:
        k = bisect_right(ends, s)        # the edits that end at or before the span
        delta = sums[k - 1] if k else 0
        out.append((s + delta, e + delta))
    return tuple(out)


def compose(first: Sequence[Edit], second: Sequence[Edit], mid: str) -> list[Edit]:
    """Edits against the original equivalent to ``first`` then ``second`` (``second`` is
    against ``mid``, the text after ``first``). Edits that overlap or touch merge into one."""
    # Each first edit's output range in ``mid``.
    items: list[tuple[int, int, Edit, bool]] = []   # (mid start, mid end, edit, is_first)
    shift = 0
    for f in sorted(first, key=lambda e: e.start):
        s = f.start + shift
        items.append((s, s + len(f.replacement), f, True))
        shift += len(f.replacement) - (f.end - f.start)
    firsts = list(items)
    mid_ends = [e for _, e, _, _ in firsts]
    sums = list(accumulate(len(f.replacement) - (f.end - f.start) for _, _, f, _ in firsts))
    items.extend((e.start, e.end, e, False) for e in second)
    items.sort(key=lambda t: (t[0], t[1]))

    def to_orig(p: int) -> int:
        # Undo the first edits whose output ends at or before ``p`` (not an empty one at ``p``).
        k = bisect_right(mid_ends, p)
        while k and firsts[k - 1][0] == firsts[k - 1][1] == p:
            k -= 1
        return p - (sums[k - 1] if k else 0)

    clusters: list[list[tuple[int, int, Edit, bool]]] = []
    reach = -1
    for item in items:
        if clusters and item[0] <= reach:
            clusters[-1].append(item)
            reach = max(reach, item[1])
        else:
            clusters.append([item])
            reach = item[1]
    out: list[Edit] = []
    for cluster in clusters:
        if len(cluster) == 1 and cluster[0][3]:
            out.append(cluster[0][2])
            continue
        lo = min(t[0] for t in cluster)
        hi = max(t[1] for t in cluster)
        fs = [t for t in cluster if t[3]]
        o_lo = min([f.start for s, _, f, _ in fs if s == lo] or [to_orig(lo)])
        o_hi = max([f.end for _, e, f, _ in fs if e == hi] or [to_orig(hi)])
        repl = apply_edits(mid[lo:hi], [e.shifted(-lo) for _, _, e, is_first in cluster if not is_first])
        code = (fs[0][2].code if fs else "") or next(e.code for _, _, e, f in cluster if not f)
        out.append(Edit(o_lo, o_hi, repl, code))
    return out


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
        """True when the fixed text differs from the original."""
        return self.text != self.original

    def diff(self, name: str = "text") -> str:
        """A unified diff from the original to the fixed text, headed ``a/name`` / ``b/name``."""
        return unified_diff(self.original, self.text, name)

    def __repr__(self) -> str:
        return (f"FixResult({'changed' if self.changed else 'unchanged'}, {len(self.edits)} edits, "
                f"{len(self.issues)} issues, {len(self.remaining)} remaining)")


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
    from .textdiff import unified_diff as diff

    return diff(old, new, name)
