"""Java ``.properties`` resource bundles: each value is a segment keyed by its key.

Parsed as ``java.util.Properties.load`` reads a file: ``#``/``!`` comment lines, ``=``, ``:`` or
white space between key and value, ``\\`` at the end of a line continuing the value on the next
(its leading white space dropped), and the escapes ``\\t \\n \\r \\f \\uXXXX`` and ``\\<char>``.
A value continued over several lines is one segment made of several literals, so a fix is
spliced into the line it falls on and the layout stays as it was. The target language comes from
the bundle's suffix (``messages_de.properties``). A file that is not UTF-8 is read as ISO-8859-1
(what Java before 9 wrote) and written back in it, characters beyond it as ``\\uXXXX``.
MessageFormat arguments (``{0}``, ``{0,number}``), ``%s`` placeholders and tags are protected.
"""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Edit, Segment
from . import Document, register
from ._escaped import STYLES, LineIndex, splice, u_escape
from ._keyed import decode_literals, keyed_segment, suffix_lang

STYLES["properties"] = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_LINE = re.compile(r"[^\n]*\n?")
_KEY_END = re.compile(r"(?:\\.|[^\\=:\s])*", re.S)


def _unescape(m: re.Match) -> str:
    esc = m.group()
    if esc.startswith("\\u") and len(esc) >= 6:
        if len(esc) == 12:
            hi, lo = int(esc[2:6], 16), int(esc[8:12], 16)
            return chr(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        return chr(int(esc[2:6], 16))
    return _SIMPLE.get(esc[1], esc[1])


def _escaper(ascii_only: bool, limit: int = 0x10FFFF):
    """Escape for a value; above ``limit`` (0xFF in an ISO-8859-1 file) characters are written as
    ``\\uXXXX``, as they are everywhere above 0x7E in an ASCII-only file."""
    if ascii_only:
        limit = 0x7E

    def escape(text: str) -> str:
        out = []
        for ch in text:
            if ch == "\\":
                out.append("\\\\")
            elif ch in "\t\n\r\f":
                out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[ch])
            elif ord(ch) > limit:
                out.append(u_escape(ord(ch)))
            else:
                out.append(ch)
        return "".join(out)
    return escape


def _continues(line: str) -> bool:
    """An odd number of backslashes before the end of the line continues it."""
    body = line.rstrip("\r\n")
    return (len(body) - len(body.rstrip("\\"))) % 2 == 1


def entries(text: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """(key, value literals) for each property, in file order."""
    out = []
    pos, n = 0, len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        line = m.group()
        if not line:
            break
        start, pos = pos, m.end()
        stripped = line.lstrip(" \t\f")
        if not stripped.strip() or stripped[0] in "#!":
            continue
        k0 = start + len(line) - len(stripped)
        km = _KEY_END.match(text, k0, start + len(line.rstrip("\r\n")))
        key_raw = km.group()
        i = km.end()
        # separator: white space, then at most one '=' or ':', then white space
        while i < n and text[i] in " \t\f":
            i += 1
        if i < n and text[i] in "=:":
            i += 1
            while i < n and text[i] in " \t\f":
                i += 1
        lits = []
        cur_line, cur_start, v0 = line, start, i
        while True:
            body_end = cur_start + len(cur_line.rstrip("\r\n"))
            if _continues(cur_line):
                lits.append((min(v0, body_end - 1), body_end - 1))
                if pos >= n:
                    break
                m = _LINE.match(text, pos)
                cur_line, cur_start, pos = m.group(), pos, m.end()
                v0 = cur_start + len(cur_line) - len(cur_line.lstrip(" \t\f"))
                continue
            lits.append((min(v0, body_end), body_end))
            break
        key = STYLES["properties"].sub(_unescape, key_raw)
        out.append((key, lits))
    return out


class PropertiesAdapter:
    name = "properties"
    extensions = (".properties",)
    fallback_encoding = "latin-1"     # what Properties.load(InputStream) reads: not UTF-8 -> ISO-8859-1

    def segments(self, text: str, path: str) -> list[Segment]:
        from .jsonfile import i18n_protected

        lines = LineIndex(text)
        target = suffix_lang(path)
        out: list[Segment] = []
        for key, lits in entries(text):
            value = decode_literals(text, lits, "properties", _unescape)
            if not value.strip():
                continue
            out.append(keyed_segment(value, lits, path, key, lines, text, "properties",
                                     i18n_protected(value), target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        ascii_only = doc.text.isascii() and "\\u" in doc.text
        limit = 0xFF if doc.encoding == "latin-1" else 0x10FFFF
        return splice(doc.text, doc.segments, edits, _escaper(ascii_only, limit), "properties")


register(PropertiesAdapter())
