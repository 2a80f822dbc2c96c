"""SubRip (.srt) and WebVTT (.vtt): each cue's text lines are one segment, a verbatim slice of the
file, so cue numbers, identifiers, timings and settings are never part of what is checked or
edited. Formatting tags (``<i>``, ``<c.yellow>``, ``<v Roger>``, ``{\\an8}``) and in-cue
timestamps are protected spans."""
from __future__ import annotations

import re
from typing import Sequence

from ..fixer import apply_edits
from ..model import Edit, Location, Segment
from ..protect import merge, plain_protected
from . import Document, SpanAdapter, register

_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}(?::\d{2})?[,.]\d{1,3}")
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]*>|<\d{1,2}:\d{2}(?::\d{2})?\.\d{3}>|\{\\[^{}\n]*\}")
_VTT_BLOCK = ("NOTE", "STYLE", "REGION", "WEBVTT")


def protected(text: str) -> tuple[tuple[int, int], ...]:
    return merge([(m.start(), m.end()) for m in _MARKUP.finditer(text)] + list(plain_protected(text)))


def _blocks(text: str):
    """(first line number, start offset, lines with their offsets) of each blank-line-separated block."""
    block: list[tuple[int, int, str]] = []
    pos = 0
    for lineno, raw in enumerate(text.splitlines(keepends=True), 1):
        line = raw.rstrip("\r\n")
        if line.strip():
            block.append((lineno, pos, line))
        elif block:
            yield block
            block = []
        pos += len(raw)
    if block:
        yield block


class SubtitleAdapter(SpanAdapter):
    name = "subtitles"
    extensions = (".srt", ".vtt")

    def segments(self, text: str, path: str) -> list[Segment]:
        out: list[Segment] = []
        for block in _blocks(text):
            if block[0][2].lstrip("\ufeff").split(" ", 1)[0].split("\t", 1)[0] in _VTT_BLOCK:
                continue
            timing = next((k for k, (_, _, line) in enumerate(block) if _TIMING.match(line)), None)
            if timing is None or timing == len(block) - 1:
                continue
            first_line, start, _ = block[timing + 1]
            _, last_start, last = block[-1]
            cue = text[start:last_start + len(last)]
            cue_id = block[timing - 1][2].strip() if timing else ""
            when = block[timing][2].strip()
            out.append(Segment(cue, protected=protected(cue), location=Location(path, first_line, 1),
                               meta={"offset": start, "cue": cue_id, "time": when}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        # Segments are slices of the file: shift each edit by where its cue starts.
        flat = [e.shifted(seg.meta["offset"]) for seg, seg_edits in zip(doc.segments, edits) for e in seg_edits]
        return apply_edits(doc.text, flat)


register(SubtitleAdapter())
