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
from . import Document, InputError, SpanAdapter, register

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


_CUE_NUMBER = re.compile(r"^\s*\d+\s*$")
_EXAMPLE = "'00:00:01,000 --> 00:00:04,000'"


def _validate(text: str, path: str) -> None:
    """A file that is not subtitles is one error line, not "All clear": WebVTT starts with
    WEBVTT; in SubRip the first cue, and any block that starts with a cue number, has a timing
    line right after its number. (A block of text alone may continue the cue before it.)"""
    vtt = text.lstrip("\ufeff").startswith("WEBVTT")
    if path.lower().endswith(".vtt") and text.strip() and not vtt:
        first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
        raise InputError(f"{path}:1: not a WebVTT file: found {first[:30]!r} "
                         "(expected 'WEBVTT' on the first line)")
    if vtt:
        return
    for k, block in enumerate(_blocks(text)):
        numbered = _CUE_NUMBER.match(block[0][2])
        timing = 1 if numbered else 0
        if (k == 0 or numbered) and not (len(block) > timing and _TIMING.match(block[timing][2])):
            lineno, _, line = block[min(timing, len(block) - 1)]
            raise InputError(f"{path}:{lineno}: not a SubRip cue: found {line.strip()[:30]!r} "
                             f"(expected {'a timing line' if numbered else 'a cue number and a timing line'}"
                             f" such as {_EXAMPLE})")


class SubtitleAdapter(SpanAdapter):
    name = "subtitles"
    extensions = (".srt", ".vtt")

    def segments(self, text: str, path: str) -> list[Segment]:
        out: list[Segment] = []
        _validate(text, path)
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
