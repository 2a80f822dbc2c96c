"""HTML pages: the text a reader sees, one segment per block (paragraph, heading, list item, cell…).

The stdlib's ``html.parser`` finds where each tag, comment and run of text starts; the text
between block-level tags is a segment whose inline tags (``<b>``, ``<a href=…>``) are kept in it
and protected, as are the contents of ``<code>``, ``<kbd>``, ``<samp>``, ``<var>`` and of any
element marked ``translate="no"``. Scripts, styles, ``<pre>``, ``<textarea>``, templates, SVG,
comments and every attribute are never read as text. A block's key is its ``id``, else its line. Character references decode for the checks
(``&amp;`` is ``&``), and white space as a browser collapses it (a line break and the indentation
after it read as one space); a fix is spliced back escaped, so only the fixed characters change.
The target language is ``<html lang="…">``.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Sequence

from ..model import Edit, Segment
from ..protect import merge, plain_protected
from . import Document, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import decode_literals, keyed_segment, lang_code

_INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "img", "mark", "q",
           "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr", "font", "tt", "big",
           "code", "kbd", "samp", "var", "label"}
_INLINE_HIDDEN = {"code", "kbd", "samp", "var"}        # inline, but not prose: protected
_SKIPPED = {"script", "style", "pre", "textarea", "template", "svg", "math", "head"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_NUMERIC = r"#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};"


def _style() -> re.Pattern:
    """Character references that decode to one character, and white space runs a browser shows
    as one space: each decodes to one character, as ``_escaped.boundaries`` needs."""
    from html.entities import html5

    names = sorted((k for k, v in html5.items() if k.endswith(";") and len(v) == 1), key=len, reverse=True)
    return re.compile(r"&(?:" + _NUMERIC + "|" + "|".join(re.escape(n) for n in names) + r")|[ \t\r\n\f]{2,}|[\t\r\n\f]")


def _unescape(m: re.Match) -> str:
    import html

    raw = m.group()
    return html.unescape(raw) if raw.startswith("&") else " "


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Scan(HTMLParser):
    def __init__(self, lines: LineIndex) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = lines.starts
        self.events: list[tuple[int, str, str, list]] = []

    def _add(self, kind: str, tag: str = "", attrs: list | None = None) -> None:
        line, col = self.getpos()
        self.events.append((self.starts[line - 1] + col, kind, tag, attrs or []))

    def handle_starttag(self, tag, attrs):
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._add("void", tag, attrs)

    def handle_endtag(self, tag):
        self._add("end", tag)

    def handle_data(self, data):
        self._add("text")

    def handle_entityref(self, name):
        self._add("text")

    def handle_charref(self, name):
        self._add("text")

    def handle_comment(self, data):
        self._add("other")

    def handle_decl(self, decl):
        self._add("other")

    def handle_pi(self, data):
        self._add("other")

    def unknown_decl(self, data):
        self._add("other")


class HtmlAdapter:
    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def segments(self, text: str, path: str) -> list[Segment]:
        if "html" not in STYLES:
            STYLES["html"] = _style()
        lines = LineIndex(text)
        scan = _Scan(lines)
        scan.feed(text)
        scan.close()
        events = scan.events
        ends = [e[0] for e in events[1:]] + [len(text)]
        target = None
        out: list[Segment] = []
        run: list[tuple[int, int, bool]] = []        # (start, end, protected) pieces of a block
        hidden: list[str] = []                      # open elements whose content is not prose
        skipped: list[str] = []                     # open elements whose content is not text at all

        block_id: list[str | None] = [None]         # the id="" of the block being read: its key

        def flush() -> None:
            if any(not p and text[s:e].strip() for s, e, p in run):
                self._segment(text, path, run, lines, target, out, block_id[0])
            run.clear()

        for (start, kind, tag, attrs), end in zip(events, ends):
            if kind == "text":
                if not skipped:
                    run.append((start, end, bool(hidden)))
                continue
            if kind == "other":
                flush()
                continue
            no_translate = any(k == "translate" and (v or "").lower() == "no" for k, v in attrs)
            if kind == "start" and tag == "html" and target is None:
                target = lang_code(next((v for k, v in attrs if k in ("lang", "xml:lang")), None))
            if skipped:
                if kind == "start" and tag == skipped[-1]:
                    skipped.append(tag)
                elif kind == "end" and tag == skipped[-1]:
                    skipped.pop()
                continue
            inline = tag in _INLINE
            if not inline:
                flush()
                block_id[0] = next((v for k, v in attrs if k == "id" and v), None) if kind == "start" else None
                if kind == "start" and tag not in _VOID and (tag in _SKIPPED or no_translate):
                    skipped.append(tag)
                continue
            run.append((start, end, True))
            if kind == "start" and tag not in _VOID and (tag in _INLINE_HIDDEN or no_translate or hidden):
                hidden.append(tag)
            elif kind == "end" and hidden and hidden[-1] == tag:
                hidden.pop()
        flush()
        return out

    @staticmethod
    def _segment(text, path, run, lines, target, out, ident: str | None = None) -> None:
        lits, protect, pos, chunks = [], [], 0, []
        for s, e, prot in run:
            piece = decode_literals(text, [(s, e)], "html", _unescape)
            lits.append((s, e))
            chunks.append(piece)
            if prot:
                protect.append((pos, pos + len(piece)))
            pos += len(piece)
        value = "".join(chunks)
        protect.extend(plain_protected(value))
        line, _ = lines.at(lits[0][0])
        out.append(keyed_segment(value, lits, path, ident or f"line {line}", lines, text, "html", merge(protect), target))

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "html")


register(HtmlAdapter())
