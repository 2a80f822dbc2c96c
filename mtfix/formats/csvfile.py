"""Bilingual CSV (a translation memory or spreadsheet export): one row per string, a source and a
target column. The target is the segment, the source feeds the source-aware checks.

Columns: ``--columns SOURCE,TARGET[,ID]`` by header name or 1-based number (numbers: no header
row); without it the header must name them ``source``/``target`` (also ``translation``,
``original``), or two language codes (``en,de``: the languages too). An ``id``/``key`` column,
if any, gives the ids. Fields are scanned as RFC 4180 says (quoted fields with ``""``, line
breaks inside quotes, ``,`` or ``;`` or tab as the header shows), keeping each field's position,
so a fix is spliced into that field only; an unquoted field never gets a delimiter, quote or
line break from a fix (the write is refused instead of shifting columns). The file is read back
with Python's ``csv`` after a write and each target must be the fixed text.
"""
from __future__ import annotations

import os
import re
from typing import Sequence

from ..model import Edit, Segment
from . import Document, InputError, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import keyed_segment, lang_code

STYLES["csv-q"] = re.compile(r'""')
ENV = "MTFIX_CSV_COLUMNS"        # set by --columns (the environment reaches --jobs workers)
_SOURCE = ("source", "src", "original", "source text", "msgid")
_TARGET = ("target", "tgt", "translation", "target text", "msgstr")
_ID = ("id", "key", "name", "string id")

Field = tuple[int, int, bool]       # (content start, content end, quoted)


def records(text: str, delim: str, path: str) -> list[list[Field]]:
    """Every row's fields, by position; linear in the text."""
    rows: list[list[Field]] = []
    row: list[Field] = []
    bare = re.compile(f"[^{re.escape(delim)}\\r\\n]*")
    i, n = 0, len(text)
    while i < n or row:
        if i < n and text[i] == '"':
            j = i + 1
            while True:
                k = text.find('"', j)
                if k < 0:
                    line = text.count("\n", 0, i) + 1
                    raise InputError(f"{path}:{line}: not valid CSV (a quoted field is never closed)")
                if text.startswith('""', k):
                    j = k + 2
                    continue
                break
            row.append((i + 1, k, True))
            i = k + 1
        else:
            m = bare.match(text, i)
            row.append((i, m.end(), False))
            i = m.end()
        if i < n and text[i] == delim:
            i += 1
            continue
        if text.startswith("\r\n", i):
            i += 2
        elif i < n and text[i] in "\r\n":
            i += 1
        elif i < n:
            line = text.count("\n", 0, i) + 1
            raise InputError(f"{path}:{line}: not valid CSV (text after a closing quote)")
        rows.append(row)
        row = []
    return rows


def _delimiter(text: str) -> str:
    head = text.split("\n", 1)[0]
    counts = {d: head.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _value(text: str, f: Field) -> str:
    s, e, quoted = f
    return text[s:e].replace('""', '"') if quoted else text[s:e]


def _pick(names: list[str], want: str, path: str) -> int:
    if want.isdigit():
        k = int(want) - 1
        if 0 <= k < max(len(names), 1 << 30):
            return k
    low = [x.strip().lower() for x in names]
    if want.strip().lower() in low:
        return low.index(want.strip().lower())
    raise InputError(f"{path}: --columns: no column {want!r} (the header has {', '.join(names) or 'nothing'})")


def columns(text: str, rows: list[list[Field]], path: str) -> tuple[int, int, int | None, int, tuple]:
    """(source column, target column, id column or None, first data row, (source, target) languages)."""
    header = [_value(text, f) for f in rows[0]] if rows else []
    spec = os.environ.get(ENV)
    low = [h.strip().lower() for h in header]
    ident = next((low.index(x) for x in _ID if x in low), None)
    if spec:
        parts = [p.strip() for p in spec.split(",")]
        if len(parts) not in (2, 3) or not all(parts):
            raise InputError(f"--columns {spec!r}: give SOURCE,TARGET or SOURCE,TARGET,ID (names or numbers)")
        numbers = all(p.isdigit() for p in parts)
        if numbers and any(int(p) < 1 for p in parts):
            raise InputError(f"--columns {spec!r}: column numbers start at 1")
        picked = [int(p) - 1 if numbers else _pick(header, p, path) for p in parts]
        src, tgt = picked[0], picked[1]
        ident = picked[2] if len(picked) == 3 else (None if numbers else ident)
        first = 0 if numbers else 1
        langs = (None, None) if numbers else (lang_code(header[src]), lang_code(header[tgt]))
        return src, tgt, ident, first, langs
    src = next((low.index(x) for x in _SOURCE if x in low), None)
    tgt = next((low.index(x) for x in _TARGET if x in low), None)
    langs: tuple = (None, None)
    if src is None or tgt is None:
        coded = [k for k, h in enumerate(header) if len(h.strip()) <= 10 and lang_code(h.strip())]
        if len(coded) >= 2:
            src, tgt = coded[0], coded[1]
            langs = (lang_code(header[src]), lang_code(header[tgt]))
        else:
            raise InputError(f"{path}: which columns are the source and the target? The header "
                             f"({', '.join(header[:6]) or 'empty'}) names none: use --columns SOURCE,TARGET")
    return src, tgt, ident, 1, langs


class CsvAdapter:
    name = "csv"
    extensions = (".csv",)

    def segments(self, text: str, path: str) -> list[Segment]:
        from ..corpus import _protected

        delim = _delimiter(text)
        rows = records(text, delim, path)
        src, tgt, ident, first, (src_lang, tgt_lang) = columns(text, rows, path)
        lines = LineIndex(text)
        out: list[Segment] = []
        for n, row in enumerate(rows[first:], first + 1):
            if tgt >= len(row):
                continue
            value = _value(text, row[tgt])
            if not value.strip():
                continue
            source = _value(text, row[src]) if src < len(row) else None
            key = _value(text, row[ident]) if ident is not None and ident < len(row) else f"row {n}"
            s, e, quoted = row[tgt]
            seg = keyed_segment(value, [(s, e)], path, key, lines, text, "csv-q" if quoted else "raw",
                                _protected(value), tgt_lang, source=source or None, source_lang=src_lang)
            seg.meta["delimiter"] = delim
            out.append(seg)
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        for seg, seg_edits in zip(doc.segments, edits):
            if seg.meta["style"] == "raw":
                bad = [e for e in seg_edits if any(c in e.replacement for c in (seg.meta["delimiter"], '"', "\n", "\r"))]
                if bad:
                    raise InputError(f"{doc.path}: a fix to {seg.location.key!r} puts a delimiter, quote or "
                                     f"line break in an unquoted field; not written (quote the field first)")
        return splice(doc.text, doc.segments, edits,
                      {"raw": lambda t: t, "csv-q": lambda t: t.replace('"', '""')}, None)


register(CsvAdapter())
