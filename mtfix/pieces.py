"""Very long segments (a 16 MB text file is one segment) are checked piece by piece.

The analysis of a segment (tokens, sentences, token views, phrase matches) takes ~80 bytes of
memory per byte of text; holding it for a whole 16 MB file at once needs over a gigabyte. A
segment longer than ``LIMIT`` characters is therefore cut at paragraph breaks (blank lines; else
line breaks; else spaces) into pieces of about ``PIECE`` characters, each checked on its own,
and the issues shifted back to the segment's offsets and file locations. Every rule works within
a sentence except the document-wide consistency counts (MT5xx/MT7xx spellings), which then see
a piece of about a megabyte instead of the whole file. Shorter segments are never cut.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from .model import Issue, Segment

LIMIT = 1_500_000
PIECE = 1_000_000


def needs_split(seg: Segment) -> bool:
    return len(seg.text) > LIMIT and not seg.source


def split(seg: Segment) -> Iterator[tuple[int, Segment]]:
    """(offset, piece) covering ``seg.text`` exactly, each piece a Segment whose offsets start
    at 0 and whose location is where it starts in the file."""
    text, start = seg.text, 0
    while start < len(text):
        end = _cut(text, start)
        yield start, _piece(seg, start, end)
        start = end


def _cut(text: str, start: int) -> int:
    if len(text) - start <= LIMIT:
        return len(text)
    want = start + PIECE
    for sep in ("\n\n", "\n", " "):
        k = text.find(sep, want, start + LIMIT)
        if k >= 0:
            return k + len(sep)
        k = text.rfind(sep, start + 1, want)
        if k >= 0:
            return k + len(sep)
    return want   # one unbroken run of 1.5 MB: cut anywhere


def _piece(seg: Segment, a: int, b: int) -> Segment:
    prot = tuple((max(s, a) - a, min(e, b) - a) for s, e in seg.protected if s < b and e > a)
    sups = tuple(replace(x, start=max(x.start, a) - a, end=min(x.end, b) - a)
                 for x in seg.suppressions if x.start < b and x.end > a)
    return replace(seg, text=seg.text[a:b], protected=prot, suppressions=sups,
                   location=seg.position(a))


def unshift(issues: list[Issue], delta: int) -> list[Issue]:
    """Issues of a piece at ``delta``, in the offsets of the whole segment (locations kept:
    they were computed from the piece's own location, which is the file's)."""
    return [i.shifted(delta) for i in issues] if delta else issues
