"""Bilingual corpora as documents for ``mtfix check`` and ``fix``: TSV (``source<TAB>target[<TAB>id]``),
JSONL (``{"source": ..., "target": ...}``) and TMX 1.4. Each record's target is a segment with its
source; a malformed record is one line on standard error and is skipped (``mtfix score/filter``
stream the same formats through ``mtfix.corpus`` and count them).

``fix --write`` changes only the fixed characters: a TSV target is a verbatim slice of its line, a
JSONL target a JSON string literal (edits are re-escaped into it), a TMX target the ``<seg>``
content (edits are XML-escaped, as for XLIFF).
"""
from __future__ import annotations

import sys
from typing import Sequence

from ..fixer import apply_edits
from ..model import Edit, Location, Segment
from . import Document, SpanAdapter, register
from ._escaped import EscapedSegment, LineIndex, escape_json, splice


class _Counted:
    """The malformed records of the last file read (``load_document`` copies the count into the
    document: ``check`` exits 2 when there were any)."""

    malformed = 0

    def _warn(self, message: str) -> None:
        self.malformed += 1
        print(f"mtfix: error: {message} (record skipped)", file=sys.stderr)


def _lines(text: str):
    """(line number, offset of the line in ``text``, the line without its end of line)."""
    offset = 0
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        yield n, offset, line.rstrip("\r\n")
        offset += len(line)


class TsvAdapter(_Counted, SpanAdapter):
    name = "tsv"
    extensions = (".tsv", ".tab")

    def segments(self, text: str, path: str) -> list[Segment]:
        from ..corpus import _protected, parse_tsv

        out: list[Segment] = []
        self.malformed = 0
        for n, offset, line in _lines(text):
            if not line.strip():
                continue
            got = parse_tsv(line)
            if isinstance(got, str):
                self._warn(f"{path}: record {n}: {got}")
                continue
            source, target, ident, col = got
            if target.strip():
                out.append(Segment(target, source=source or None, protected=_protected(target),
                                   location=Location(path, n, col + 1, ident), meta={"offset": offset + col}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        # A replacement never holds a tab or a newline, so the line keeps its columns.
        flat = [e.shifted(seg.meta["offset"]) for seg, seg_edits in zip(doc.segments, edits) for e in seg_edits]
        return apply_edits(doc.text, flat)


class JsonlAdapter(_Counted):
    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def segments(self, text: str, path: str) -> list[Segment]:
        from ..corpus import _protected, parse_jsonl
        from .jsonfile import string_values

        out: list[Segment] = []
        self.malformed = 0
        lines = LineIndex(text)
        for n, offset, line in _lines(text):
            if not line.strip():
                continue
            got = parse_jsonl(line)
            if isinstance(got, str):
                self._warn(f"{path}: record {n}: {got}")
                continue
            source, target, ident = got
            lit = next(((s, e) for s, e, key in string_values(line) if key == "target"), None)
            if lit is None or not target.strip():
                continue
            out.append(EscapedSegment(
                target, source=source, protected=_protected(target),
                location=Location(path, n, lit[0] + 1, ident),
                meta={"literals": [(offset + lit[0], offset + lit[1])], "lines": lines, "file_text": text,
                      "style": "json"}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        ascii_only = doc.text.isascii() and "\\u" in doc.text
        return splice(doc.text, doc.segments, edits, lambda t: escape_json(t, ascii_only), "json")


class TmxAdapter(_Counted, SpanAdapter):
    name = "tmx"
    extensions = (".tmx",)

    def segments(self, text: str, path: str) -> list[Segment]:
        from ..corpus import records_from_text
        from .xliff import _CharMap

        data = text.encode("utf-8")
        chars = _CharMap(data, text)
        lines = LineIndex(text)
        out: list[Segment] = []
        self.malformed = 0
        for r in records_from_text(text, path, "tmx", self._warn):
            if not r.target.strip():
                continue
            start = chars(r.extra["target_bytes"][0])
            line, col = lines.at(start)
            out.append(Segment(r.target, source=r.source, source_lang=r.source_lang, protected=r.protected,
                               location=Location(path, line, col, r.id), meta={"offset": start}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        from .xliff import _escape

        flat = [Edit(e.start + seg.meta["offset"], e.end + seg.meta["offset"], _escape(e.replacement), e.code)
                for seg, seg_edits in zip(doc.segments, edits) for e in seg_edits]
        return apply_edits(doc.text, flat)


register(TsvAdapter())
register(JsonlAdapter())
register(TmxAdapter())
