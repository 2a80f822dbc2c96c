"""iOS/macOS ``.strings`` files (``"key" = "value";``, UTF-8 or UTF-16 with its BOM): each value
is a segment keyed by its key. ``/* */`` and ``//`` comments are skipped; the escapes ``\\" \\\\
\\n \\t \\r \\UXXXX`` are decoded for the checks and written back escaped, so ``fix --write``
changes only the fixed characters. Format specifiers (``%@``, ``%1$@``, ``%d``) are protected.
The target language is the ``xx.lproj`` folder's. Anything that is not a list of
``key = "value";`` pairs is refused with its line."""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Edit, Segment
from . import Document, InputError, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import decode_literals, folder_lang, keyed_segment

STYLES["strings"] = re.compile(r"\\(?:[uU][0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_TOKEN = re.compile(r'\s+|/\*.*?\*/|//[^\n]*|"(?:[^"\\]|\\.)*"|[=;]|[\w.\-$:/]+', re.S)
_FORMAT = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|q|L|z|t|j)?[@dDiuUxXoOfeEgGcCsSpaAF%]")


def _unescape(m: re.Match) -> str:
    esc = m.group()
    if len(esc) == 6 and esc[1] in "uU":
        return chr(int(esc[2:], 16))
    return _SIMPLE.get(esc[1], esc[1])


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def pairs(text: str, path: str) -> list[tuple[str, tuple[int, int]]]:
    """(key, value literal) for each ``key = "value";``; malformed input is one InputError."""
    out, state, key = [], 0, None      # state 0: key, 1: '=', 2: value, 3: ';'
    pos = 0
    lines = None
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            lines = lines or LineIndex(text)
            line, col = lines.at(pos)
            raise InputError(f"{path}:{line}:{col}: not a valid .strings file (unexpected {text[pos]!r})")
        tok = m.group()
        pos = m.end()
        if tok.isspace() or tok.startswith("/*") or tok.startswith("//"):
            continue
        want = ("key", "=", "value", ";")[state]
        ok = (state == 0 and tok not in "=;") or (state == 1 and tok == "=") \
            or (state == 2 and tok.startswith('"')) or (state == 3 and tok == ";")
        if not ok:
            lines = lines or LineIndex(text)
            line, col = lines.at(m.start())
            raise InputError(f"{path}:{line}:{col}: not a valid .strings file (expected {want} before {tok[:20]!r})")
        if state == 0:
            key = STYLES["strings"].sub(_unescape, tok[1:-1]) if tok.startswith('"') else tok
        elif state == 2:
            out.append((key, (m.start() + 1, m.end() - 1)))
        state = (state + 1) % 4
    if state != 0:
        raise InputError(f"{path}: not a valid .strings file (it ends inside an entry)")
    return out


class StringsAdapter:
    name = "strings"
    extensions = (".strings",)

    def segments(self, text: str, path: str) -> list[Segment]:
        lines = LineIndex(text)
        target = folder_lang(path, suffix=".lproj")
        out: list[Segment] = []
        for key, lit in pairs(text, path):
            value = decode_literals(text, [lit], "strings", _unescape)
            if not value.strip():
                continue
            spans = tuple((m.start(), m.end()) for m in _FORMAT.finditer(value))
            from ..protect import merge, plain_protected

            out.append(keyed_segment(value, [lit], path, key, lines, text, "strings",
                                     merge([*spans, *plain_protected(value)]), target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "strings")


register(StringsAdapter())
