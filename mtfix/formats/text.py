"""Plain text: the whole file is one segment; URLs, e-mail addresses and placeholders are protected."""
from __future__ import annotations

from ..model import Location, Segment
from ..protect import plain_protected
from . import SpanAdapter, register


class TextAdapter(SpanAdapter):
    name = "text"
    extensions = (".txt", ".text")

    def segments(self, text: str, path: str) -> list[Segment]:
        return [Segment(text, protected=plain_protected(text), location=Location(path, 1, 1))]


register(TextAdapter())
