"""XLIFF 1.2 (``<trans-unit>``) and 2.0 (``<unit>/<segment>``): each non-empty ``<target>`` is a
segment, its ``<source>`` the source text.

Safety first: the file goes through defusedxml before anything else, so a DTD entity (the
"billion laughs" bomb, an external entity pointing at a local file or a URL) is rejected with one
line and never expanded or fetched. Only then does a second, equally hardened expat pass record
where each ``<target>``'s content starts and ends in the file.

The segment text is the target's content exactly as written (inline tags and entity references
included), so edits map one to one onto the file and everything else stays byte-identical. Inline
tags (``<x/>``, ``<g>``, ``<ph>``, ``<pc>``, ``<bpt>``…), the code inside ``<ph>/<bpt>/<ept>/<it>``
and entity references are protected spans; replacements are XML-escaped on the way back.
"""
from __future__ import annotations

import re
import xml.parsers.expat as expat
from typing import Sequence

from ..fixer import apply_edits
from ..model import Edit, Location, Segment, Suppression
from ..protect import merge, plain_protected
from . import Document, InputError, Segments, SpanAdapter, register
from ._escaped import LineIndex


def hardened_parser(forbid, start, end) -> "expat.XMLParserType":
    """An expat parser that never expands or fetches an entity: a DTD entity declaration or an
    external reference calls ``forbid`` (which raises), as XLIFF and TMX both require."""
    p = expat.ParserCreate(encoding="UTF-8")
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.EntityDeclHandler = forbid
    p.UnparsedEntityDeclHandler = forbid
    p.ExternalEntityRefHandler = forbid
    p.StartElementHandler = start
    p.EndElementHandler = end
    return p

_INLINE = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[|\]\]>"                 # comment, PI, CDATA
                     r"|<(?P<code>ph|bpt|ept|it)\b[^>]*?(?<!/)>.*?</(?P=code)>"   # native code
                     r"|</?[A-Za-z][^<>]*>"                                       # any tag
                     r"|&(?:#\d+|#x[0-9a-fA-F]+|\w+);", re.S)                   # entity reference
_SUPPRESS = re.compile(r"mtfix:\s*ignore\b[ \t:]*([A-Z0-9:_, \t-]*)", re.I)
_UNIT = {"trans-unit", "unit"}


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def inline_protected(text: str) -> tuple[tuple[int, int], ...]:
    spans = [(m.start(), m.end()) for m in _INLINE.finditer(text)] + list(plain_protected(text))
    return merge(spans)


def _defuse(text: str, path: str) -> None:
    """Reject DTD entities (expansion bombs, external entities) before any other parsing."""
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    try:
        DET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        what = getattr(e, "name", None)
        raise InputError(f"{path}: unsafe XML rejected: entity declaration {what!r} is not allowed "
                         "(entity expansion or external entity)" if what else
                         f"{path}: unsafe XML rejected ({type(e).__name__})") from None
    except ParseError as e:
        raise InputError(f"{path}: not well-formed XML ({e})") from None


class _Scan:
    """Hardened expat pass: element names with byte offsets of their content."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.units: list[dict] = []
        self.untranslated = 0
        self.lang: dict[str, str | None] = {"src": None}
        self._stack: list[tuple[str, int, int]] = []   # name, content start, tag start
        self._unit: dict | None = None
        self._seg: dict | None = None
        self.root: tuple[str, int] | None = None       # the document element and its line
        self.parser = hardened_parser(self._forbid, self._start, self._end)

    def _forbid(self, *args) -> None:
        raise InputError("entity declarations are not allowed")

    def run(self) -> "_Scan":
        self.parser.Parse(self.data, True)
        return self

    def _start(self, name: str, attrs: dict) -> None:
        local = _local(name)
        if self.root is None:
            self.root = (local, self.parser.CurrentLineNumber)
        at = self.parser.CurrentByteIndex
        tag = _tag_end(self.data, at)
        empty = self.data[tag - 2:tag] == b"/>"
        self._stack.append((local, tag, at))
        if local == "xliff":
            self.lang["src"] = attrs.get("srcLang")
            self.lang["tgt"] = attrs.get("trgLang")
        elif local == "file":
            if attrs.get("source-language"):
                self.lang["src"] = attrs.get("source-language")
            if attrs.get("target-language"):
                self.lang["tgt"] = attrs.get("target-language")
        if local in _UNIT:
            self._unit = {"id": attrs.get("id"), "notes": [], "pairs": [], "translate": attrs.get("translate")}
            self._seg = {}
        elif local == "segment" and self._unit is not None:
            self._seg = {}
        elif local in ("source", "target", "note") and self._unit is not None and self._seg is not None:
            if empty:
                self._stack[-1] = (local, tag, -1)

    def _end(self, name: str) -> None:
        local, content_start, tag_start = self._stack.pop()
        at = self.parser.CurrentByteIndex
        if self._unit is None or self._seg is None:
            return
        depth_ok = self._stack and _local(self._stack[-1][0]) in ("trans-unit", "segment", "notes", "unit")
        if local in ("source", "target") and depth_ok:
            self._seg[local] = (content_start, at if tag_start >= 0 else content_start)
        elif local == "note":
            self._unit["notes"].append((content_start, at if tag_start >= 0 else content_start,
                                        self.parser.CurrentLineNumber))
        if local == "segment" or local == "trans-unit":
            if "target" in self._seg:
                self._unit["pairs"].append(self._seg)
            elif "source" in self._seg and self._unit.get("translate") != "no":
                self.untranslated += 1      # (no <target> yet: counted in the summary)
            self._seg = {} if local == "segment" else None
        if local in _UNIT:
            self.units.append(self._unit)
            self._unit, self._seg = None, None


def _tag_end(data: bytes, at: int) -> int:
    """Byte offset just after the start tag that begins at ``at`` (quotes may hide '>')."""
    quote = 0
    i = at
    n = len(data)
    while i < n:
        c = data[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):
            quote = c
        elif c == 0x3E:
            return i + 1
        i += 1
    return n


class XliffAdapter(SpanAdapter):
    name = "xliff"
    extensions = (".xlf", ".xliff")

    def segments(self, text: str, path: str) -> list[Segment]:
        _defuse(text, path)
        data = text.encode("utf-8")
        try:
            scan = _Scan(data).run()
        except expat.ExpatError as e:
            raise InputError(f"{path}: not well-formed XML ({expat.errors.messages.get(e.code, e)} "
                             f"at line {e.lineno})") from None
        except InputError as e:
            raise InputError(f"{path}: unsafe XML rejected: {e}") from None
        if scan.root is None or scan.root[0] != "xliff":
            found = f"<{scan.root[0]}>" if scan.root else "no element"
            raise InputError(f"{path}:{scan.root[1] if scan.root else 1}: not an XLIFF file: found "
                             f"{found} (expected an <xliff> root element)")
        chars = _CharMap(data, text)
        src_lang = scan.lang["src"].split("-")[0].lower() if scan.lang["src"] else None
        tgt_lang = scan.lang.get("tgt") or None     # where a rule holds (ruledata): the target
        out: list[Segment] = []
        untranslated = scan.untranslated
        lines = LineIndex(text)
        for unit in scan.units:
            if unit["translate"] == "no":
                continue
            sup_codes = []
            for ns, ne, line in unit["notes"]:
                m = _SUPPRESS.search(data[ns:ne].decode("utf-8"))
                if m:
                    codes = frozenset(c.upper() for c in re.split(r"[\s,]+", m.group(1)) if c)
                    sup_codes.append((codes, line))
            for pair in unit["pairs"]:
                source = None
                if "source" in pair:      # before the target: _CharMap likes file order
                    ss, se = (chars(b) for b in pair["source"])
                    source = text[ss:se]
                ts, te = (chars(b) for b in pair["target"])
                target = text[ts:te]
                if not target.strip():
                    untranslated += 1
                    continue
                line, col = lines.at(ts)
                out.append(Segment(
                    target, source=source, source_lang=src_lang, target_lang=tgt_lang,
                    protected=inline_protected(target),
                    location=Location(path, line, col, unit["id"]),
                    suppressions=tuple(Suppression(0, len(target), c, Location(path, ln, 1))
                                       for c, ln in sup_codes),
                    meta={"offset": ts}))
        return Segments(out, {"untranslated": untranslated})

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        flat = [Edit(e.start + seg.meta["offset"], e.end + seg.meta["offset"], _escape(e.replacement), e.code)
                for seg, seg_edits in zip(doc.segments, edits) for e in seg_edits]
        return apply_edits(doc.text, flat)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _CharMap:
    """Byte offset in the UTF-8 encoding -> character offset in ``text`` (identity for ASCII)."""

    def __init__(self, data: bytes, text: str) -> None:
        self.ascii = len(data) == len(text)
        self.data = data
        self.last = (0, 0)     # offsets come in file order: decode only the stretch since the last

    def __call__(self, b: int) -> int:
        if self.ascii:
            return b
        lb, lc = self.last if b >= self.last[0] else (0, 0)
        c = lc + len(self.data[lb:b].decode("utf-8"))
        self.last = (b, c)
        return c


register(XliffAdapter())
