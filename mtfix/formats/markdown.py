"""Markdown: one segment; front matter, code (fenced, indented, inline), HTML, link targets and
URLs are protected spans, so they are neither checked nor edited."""
from __future__ import annotations

from ..model import Location, Segment
from ..protect import markdown_protected
from . import SpanAdapter, register


class MarkdownAdapter(SpanAdapter):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    def segments(self, text: str, path: str) -> list[Segment]:
        return [Segment(text, protected=markdown_protected(text), location=Location(path, 1, 1))]


register(MarkdownAdapter())
