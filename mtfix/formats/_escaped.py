"""Segments whose text is the *unescaped* content of one or more quoted string literals in a file
(PO ``msgstr "..." "..."``, JSON ``"..."``).

The checks see the real text (``\\n`` is a newline, ``\\"`` a quote); writing back splices each edit,
re-escaped, into the original literal, so everything outside the edited characters (other
literals, line wrapping, comments, escaping style) stays byte-for-byte as it was. Offset maps are
built only for segments that actually have edits or issues, which keeps a large file cheap.
"""
from __future__ import annotations

import bisect
import re
from array import array
from typing import Callable, Sequence

from ..fixer import apply_edits
from ..model import Edit, Location, Segment

# (file_start, file_end) of a literal's content, between its quotes.
Literal = tuple[int, int]

_PO_ESC = re.compile(r"\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|.)", re.S)
_JSON_ESC = re.compile(r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)


# style -> the escapes of a literal in that style, each of which decodes to one character
# (formats add theirs: .properties, Android resources, iOS .strings).
STYLES: dict[str, re.Pattern] = {"po": _PO_ESC, "json": _JSON_ESC}


def boundaries(raw: str, style: str) -> list[int]:
    """Offsets into ``raw`` where each unescaped character starts, plus ``len(raw)``."""
    esc = STYLES[style]
    out: list[int] = []
    i = 0
    for m in esc.finditer(raw):
        out.extend(range(i, m.start()))
        out.append(m.start())
        i = m.end()
        # an escape that decodes to two UTF-16 code units still yields one str char
    out.extend(range(i, len(raw)))
    out.append(len(raw))
    return out


def escape_po(text: str) -> str:
    # polib.escape's rules: backslash first, then quote and the control characters.
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
            .replace("\r", "\\r").replace("\n", "\\n"))


def escape_json(text: str, ascii_only: bool) -> str:
    out = []
    for ch in text:
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or (ascii_only and o > 0x7E):
            out.append(u_escape(o))
        else:
            out.append(ch)
    return "".join(out)


def u_escape(o: int) -> str:
    """``\\uXXXX`` for the code point ``o``: a surrogate pair above the BMP (JSON, Java)."""
    if o > 0xFFFF:
        o -= 0x10000
        return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"
    return f"\\u{o:04x}"


class LineIndex:
    """File offset -> (line, column), 1-based, by binary search over line starts."""

    def __init__(self, text: str) -> None:
        # An array of machine ints: 8 bytes a line instead of ~36 for a list of Python ints.
        self.starts = array("q", [0])
        self.starts.extend(m.end() for m in re.finditer("\n", text))

    def at(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k + 1, offset - self.starts[k] + 1


class EscapedSegment(Segment):
    """A Segment whose ``meta['literals']`` locate its text in the file; positions map through
    the escapes, so an issue in the second wrapped line of a msgstr reports that line."""

    __slots__ = ()

    def position(self, offset: int) -> Location:
        lits = self.meta.get("literals")
        index: LineIndex | None = self.meta.get("lines")
        file_text: str | None = self.meta.get("file_text")
        if not lits or index is None or file_text is None:
            return Segment.position(self, offset)
        style = self.meta.get("style", "po")
        # The offset map is built once per segment, not per issue: a long string with many
        # issues rebuilt it for the whole string each time (quadratic).
        pos = file_offset(file_text, lits, style, offset,
                          self._cached("_escape_map", lits, lambda ls: offset_map(file_text, ls, style)))
        if pos is None:
            return Segment.position(self, offset)
        line, col = index.at(pos)
        return Location(self.location.path, line, col, self.location.key)


OffsetMap = tuple[list[int], list[tuple[int, list[int]]]]


def offset_map(file_text: str, lits: Sequence[Literal], style: str) -> OffsetMap:
    """For each literal: the text offset where it ends, and its start in the file with the
    boundaries of its characters."""
    ends, maps, base = [], [], 0
    for fs, fe in lits:
        b = boundaries(file_text[fs:fe], style)
        base += len(b) - 1
        ends.append(base)
        maps.append((fs, b))
    return ends, maps


def file_offset(file_text: str, lits: Sequence[Literal], style: str, offset: int,
                omap: OffsetMap | None = None) -> int | None:
    """Where the character at text ``offset`` sits in the file (None if the text changed)."""
    ends, maps = omap if omap is not None else offset_map(file_text, lits, style)
    if not ends:
        return None
    k = bisect.bisect_right(ends, offset)       # the first literal that ends after ``offset``
    if k == len(ends):
        if offset != ends[-1]:
            return None
        k -= 1                                  # the very end of the last literal
    fs, b = maps[k]
    return fs + b[offset - (ends[k] - (len(b) - 1))]


def splice(file_text: str, segments: Sequence[Segment], edits: Sequence[Sequence[Edit]],
           escape: Callable[[str], str] | dict[str, Callable[[str], str]], style: str | None) -> str:
    """``file_text`` with each segment's edits (offsets into its unescaped text) re-escaped and
    spliced into its literals. An edit crossing from one literal into the next puts the whole
    replacement into the first and deletes the rest, leaving every literal boundary in place.
    With ``style`` None each segment's ``meta['style']`` picks its escapes and ``escape[style]``
    (YAML's quoted and plain scalars in one file)."""
    file_edits: list[Edit] = []
    fixed_style, fixed_escape = style, escape
    for seg, seg_edits in zip(segments, edits):
        if not seg_edits:
            continue
        style = fixed_style or seg.meta["style"]
        escape = fixed_escape if callable(fixed_escape) else fixed_escape[style]
        lits = seg.meta["literals"]
        maps = []
        base = 0
        for fs, fe in lits:
            b = boundaries(file_text[fs:fe], style)
            maps.append((base, base + len(b) - 1, fs, b))
            base += len(b) - 1
        ends = [m[1] for m in maps]
        for e in seg_edits:
            first = True
            # Literals ending before the edit are skipped by bisection, not one by one: a value of
            # thousands of literals (inline tags) with an edit each was quadratic.
            for i in range(bisect.bisect_left(ends, e.start), len(maps)):
                t0, t1, fs, b = maps[i]
                last = (t0, t1) == maps[-1][:2]
                if first and (e.start > t1 or (e.start == t1 and not last)):
                    continue
                if not first and e.end <= t0:
                    break
                s = max(e.start, t0) - t0
                t = min(e.end, t1) - t0
                file_edits.append(Edit(fs + b[s], fs + b[t], escape(e.replacement) if first else "", e.code))
                first = False
                if e.end <= t1:
                    break
    return apply_edits(file_text, file_edits)
