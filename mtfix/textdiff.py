"""A unified diff in linear time, for files of any size.

``difflib`` compares every line with every other one: a 2 MB PO file took minutes to diff while
fixing it took seconds. Fixes change few lines and keep the rest in order, so the lines are
aligned as patience diff does it (lines that occur once in each side, in increasing order, are
anchors); only the short gaps between anchors are handed to ``difflib``, and a gap too large for
it is shown line against line (or replaced whole), which is still a correct diff.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from typing import Iterator, Sequence

Opcode = tuple[str, int, int, int, int]

# Largest gap (lines before x lines after) handed to difflib: its cost grows with the product.
_SMALL = 40_000


def unified_diff(old: str, new: str, name: str, context: int = 3) -> str:
    if old == new:
        return ""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = [f"--- a/{name}\n", f"+++ b/{name}\n"]
    for group in _grouped(opcodes(a, b), context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend("+" + line for line in b[j1:j2])
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                   for line in out)


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes`` for ``a`` -> ``b``, in O(n log n)."""
    codes: list[Opcode] = []
    alo, blo = 0, 0
    for i, j in _anchors(a, b):
        codes.extend(_gap(a, b, alo, i, blo, j))
        codes.append(("equal", i, i + 1, j, j + 1))
        alo, blo = i + 1, j + 1
    codes.extend(_gap(a, b, alo, len(a), blo, len(b)))
    return _merge(codes)


def _anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Lines unique in both sides, as the longest run in increasing order on both."""
    ca, cb = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if cb[line] == 1 and ca[line] == 1}
    pairs = [(i, where_b[line]) for i, line in enumerate(a) if line in where_b]
    # Longest increasing subsequence of the b positions (patience sorting with back links).
    tails: list[int] = []           # smallest b position ending a run of each length
    tail_at: list[int] = []         # index into pairs of that run's end
    back: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        n = bisect_left(tails, j)
        if n == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[n], tail_at[n] = j, k
        back[k] = tail_at[n - 1] if n else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _gap(a: Sequence[str], b: Sequence[str], alo: int, ahi: int, blo: int, bhi: int
         ) -> list[Opcode]:
    codes: list[Opcode] = []
    while alo < ahi and blo < bhi and a[alo] == b[blo]:     # common head
        codes.append(("equal", alo, alo + 1, blo, blo + 1))
        alo, blo = alo + 1, blo + 1
    tail: list[Opcode] = []
    while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:   # common tail
        tail.append(("equal", ahi - 1, ahi, bhi - 1, bhi))
        ahi, bhi = ahi - 1, bhi - 1
    n, m = ahi - alo, bhi - blo
    if not n and not m:
        pass
    elif not n:
        codes.append(("insert", alo, alo, blo, bhi))
    elif not m:
        codes.append(("delete", alo, ahi, blo, blo))
    elif n * m <= _SMALL:
        sm = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
        codes.extend((t, i1 + alo, i2 + alo, j1 + blo, j2 + blo) for t, i1, i2, j1, j2 in sm.get_opcodes())
    elif n == m:        # too large to search: line against line (fixes rarely add lines)
        codes.extend(("equal" if a[alo + k] == b[blo + k] else "replace", alo + k, alo + k + 1,
                      blo + k, blo + k + 1) for k in range(n))
    else:
        codes.append(("replace", alo, ahi, blo, bhi))
    return codes + tail[::-1]


def _merge(codes: list[Opcode]) -> list[Opcode]:
    out: list[Opcode] = []
    for code in codes:
        if code[1] == code[2] and code[3] == code[4]:
            continue
        if out and out[-1][0] == code[0]:
            tag, i1, _, j1, _ = out[-1]
            out[-1] = (tag, i1, code[2], j1, code[4])
        else:
            out.append(code)
    return out


def _grouped(codes: list[Opcode], n: int) -> Iterator[list[Opcode]]:
    """Hunks with ``n`` lines of context (``SequenceMatcher.get_grouped_opcodes``)."""
    codes = list(codes) or [("equal", 0, 1, 0, 1)]
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start + 1 if length else start},{length}"
