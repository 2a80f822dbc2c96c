"""Markdown: one segment; front matter, code (fenced, indented, inline), HTML, link targets and
URLs are protected spans, so they are neither checked nor edited."""
from __future__ import annotations

import re

from ..model import Location, Segment
from ..protect import lone_cr_as_lf, markdown_protected
from . import SpanAdapter, register


class MarkdownAdapter(SpanAdapter):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    def segments(self, text: str, path: str) -> list[Segment]:
        # Headings are checked like prose but not scored: a title is not a sentence.
        return [Segment(text, protected=markdown_protected(text), location=Location(path, 1, 1),
                        meta={"unscored": headings(text)})]


_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t][^\n]*)?$", re.M)
_SETEXT = re.compile(r"^(?=[^\S\n]*\S)([^\n]*)\r?\n {0,3}(?:=+|-+)[ \t]*\r?$", re.M)


def headings(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ATX (``# Title``) and setext (``Title`` over ``===``) headings."""
    text = lone_cr_as_lf(text)
    spans = [(m.start(), m.end()) for m in _ATX.finditer(text)]
    spans += [(m.start(), m.end()) for m in _SETEXT.finditer(text)]
    return tuple(sorted(spans))


register(MarkdownAdapter())
