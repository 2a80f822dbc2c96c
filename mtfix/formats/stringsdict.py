"""iOS/macOS ``.stringsdict`` plural rules: an XML property list whose plural cases
(``zero one two few many other``) are segments keyed ``key.variable[case]``; a
``NSStringLocalizedFormatKey`` is one too when it has words beside its ``%#@variable@``. The
``NSStringFormatSpecTypeKey`` / ``ValueTypeKey`` entries are never read as text.

The file goes through the hardened expat (no entities expanded) and ``plistlib`` (Apple's format
as Python reads it: not a valid plist is one line); the positions of the ``<string>`` values come
from a scan of the same text, so a fix is spliced XML-escaped into that value only. Format
specifiers are protected. The target language is the ``de.lproj`` folder's.
"""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Edit, Segment
from . import Document, InputError, register
from ._escaped import LineIndex, splice
from ._keyed import decode_literals, folder_lang, keyed_segment
from .qt_ts import _COMMENT, _escape, _unescape
from .xcstrings import protected

_TOKEN = re.compile(r"<(/?)(dict|array|key|string|data|date|integer|real|true|false|plist)\s*(/?)>", re.S)
_CASES = {"zero", "one", "two", "few", "many", "other"}


def string_values(text: str, blank: str) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """(key path, literal) of every ``<string>`` value that is a dictionary's value."""
    out = []
    stack: list[list] = []          # [kind, pending key, name]
    pos = 0
    while True:
        m = _TOKEN.search(blank, pos)
        if not m:
            break
        close, tag, empty = m.group(1), m.group(2), m.group(3)
        pos = m.end()
        top = stack[-1] if stack else None
        if tag in ("dict", "array") and not empty:
            if close:
                if stack:
                    stack.pop()
                if stack and stack[-1][0] == "dict":
                    stack[-1][1] = None
            else:
                name = top[1] if top is not None and top[0] == "dict" else None
                stack.append([tag, None, name])
            continue
        if tag in ("key", "string") and not close and not empty:
            end = blank.find(f"</{tag}>", pos)
            if end < 0:
                break
            if top is not None and top[0] == "dict":
                if tag == "key" and top[1] is None:
                    top[1] = decode_literals(text, [(pos, end)], "xml", _unescape)
                elif tag == "string" and top[1] is not None:
                    names = tuple(f[2] for f in stack[1:] if f[2] is not None) + (top[1],)
                    out.append((names, (pos, end)))
                    top[1] = None
            pos = end + len(tag) + 3
            continue
        if not close and top is not None and top[0] == "dict" and tag != "key":
            top[1] = None       # (a value of another type, or an empty <string/>)
        elif close and tag != "plist" and top is not None and top[0] == "dict" and tag != "key":
            top[1] = None
    return out


class StringsdictAdapter:
    name = "stringsdict"
    extensions = (".stringsdict",)

    def segments(self, text: str, path: str) -> list[Segment]:
        import plistlib

        from .xliff import _defuse

        _defuse(text, path)
        try:
            data = plistlib.loads(text.encode("utf-8"), fmt=plistlib.FMT_XML)
        except Exception as e:  # plistlib raises ValueError, ExpatError, TypeError... on bad input
            raise InputError(f"{path}: not a valid property list ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else 'unreadable'})") from None
        if not isinstance(data, dict):
            raise InputError(f"{path}: not a .stringsdict (its root is not a <dict>)")
        blank = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
        target = folder_lang(path, suffix=".lproj")
        lines = LineIndex(text)
        out: list[Segment] = []
        for names, lit in string_values(text, blank):
            last = names[-1]
            if last in _CASES and len(names) >= 3:
                key = f"{'.'.join(names[:-1])}[{last}]"
            elif last == "NSStringLocalizedFormatKey" and len(names) >= 2:
                key = ".".join(names[:-1])
            else:
                continue
            value = decode_literals(text, [lit], "xml", _unescape)
            prot = protected(value)
            if not value.strip() or not _has_words(value, prot):
                continue
            out.append(keyed_segment(value, [lit], path, key, lines, text, "xml", prot, target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "xml")


def _has_words(value: str, prot) -> bool:
    chars = list(value)
    for s, e in prot:
        chars[s:e] = [" "] * (e - s)
    return any(c.isalpha() for c in chars)


register(StringsdictAdapter())
