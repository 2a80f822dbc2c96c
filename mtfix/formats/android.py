"""Android string resources (``res/values*/strings.xml``): each ``<string>``, each ``<item>`` of a
``<plurals>`` or ``<string-array>`` is a segment keyed by its name (``name[one]``, ``name[2]``).
``translatable="false"`` resources are skipped. The file goes through defusedxml first (no
entity bombs, one line for XML that is not well-formed) and must have a ``<resources>`` root.

The segment text is the resource as the app shows it: XML entities and Android's backslash
escapes (``\\'`` ``\\"`` ``\\n`` ``\\t`` ``\\uXXXX``) decoded, the quotes around a ``"quoted"``
value left out. Inline markup (``<b>``, ``<xliff:g>...</xliff:g>`` whole), format specifiers
(``%1$s``, ``%d``) and placeholders are protected. A fix is re-escaped (``'`` as ``\\'``, ``&`` as
``&amp;``) and spliced into the value, so ``fix --write`` changes only the fixed characters. The
target language is the ``values-xx`` folder's."""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Edit, Segment
from ..protect import merge, plain_protected
from . import Document, InputError, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import decode_literals, folder_lang, keyed_segment

STYLES["android"] = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);|\\u[0-9a-fA-F]{4}|\\.", re.S)
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_SIMPLE = {"n": "\n", "t": "\t"}
_REFERENCE = re.compile(r"\s*[@?][\w:+.]*/?[\w.]+\s*\Z")
_ATTRS = r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)"
_RESOURCE = re.compile(r"<(string|plurals|string-array|array)(?=[\s>/])" + _ATTRS + r"(/?)>", re.S)
_ITEM = re.compile(r"<item(?=[\s>/])" + _ATTRS + r"(/?)>", re.S)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_COMMENT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)
_ROOT = re.compile(r"\s*(?:<!DOCTYPE[^>]*>\s*)?<([\w:.-]+)")
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<xliff:g\b[^>]*>.*?</xliff:g>|</?[A-Za-z][^<>]*>", re.S)
_FORMAT = re.compile(r"%(?:\d+\$)?[-+ #0,(]*\d*(?:\.\d+)?[sSdfxXoceEgGbBhH%n]")


def _unescape(m: re.Match) -> str:
    esc = m.group()
    if esc[0] == "&":
        name = esc[1:-1]
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _ENTITIES.get(name, esc)
    if esc[1] == "u" and len(esc) == 6:
        return chr(int(esc[2:], 16))
    return _SIMPLE.get(esc[1], esc[1])


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
            .replace("'", "\\'").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t"))


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(raw)}


def _close(blank: str, name: str, start: int, path: str, lines: LineIndex) -> int:
    end = blank.find(f"</{name}>", start)
    if end < 0:
        line, col = lines.at(start)
        raise InputError(f"{path}:{line}:{col}: <{name}> is never closed")
    return end


def _literal(blank: str, s: int, e: int) -> tuple[int, int]:
    """The value's characters: a value quoted whole ("...") without its quotes."""
    inner = blank[s:e]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner) - len(inner.rstrip())
    core = inner.strip()
    if len(core) >= 2 and core[0] == '"' and core[-1] == '"' and not core.endswith('\\"'):
        return s + lead + 1, e - trail - 1
    return s, e


def resources(text: str, path: str) -> list[tuple[str, tuple[int, int]]]:
    """(key, value literal) for each translatable string, plural form and array item."""
    blank = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    lines = LineIndex(text)
    root = _ROOT.match(blank)
    if not root or root.group(1) != "resources":
        got = f"<{root.group(1)}>" if root else "no element"
        raise InputError(f"{path}: not an Android string resources file (its root is {got}, "
                         "expected <resources>)")
    out = []
    pos = 0
    while True:
        m = _RESOURCE.search(blank, pos)
        if not m:
            break
        kind, attrs, empty = m.group(1), _attrs(m.group(2)), m.group(3)
        if empty:
            pos = m.end()
            continue
        end = _close(blank, kind, m.end(), path, lines)
        pos = end
        name = attrs.get("name", "?")
        if attrs.get("translatable", "true").lower() == "false":
            continue
        if kind == "string":
            out.append((name, _literal(blank, m.end(), end)))
            continue
        k = 0
        for it in _ITEM.finditer(blank, m.end(), end):
            if it.group(2):
                k += 1
                continue
            iend = _close(blank, "item", it.end(), path, lines)
            which = _attrs(it.group(1)).get("quantity", str(k)) if kind == "plurals" else str(k)
            out.append((f"{name}[{which}]", _literal(blank, it.end(), iend)))
            k += 1
    return out


def protected(text: str) -> tuple[tuple[int, int], ...]:
    spans = [(m.start(), m.end()) for m in _MARKUP.finditer(text)]
    spans += [(m.start(), m.end()) for m in _FORMAT.finditer(text)]
    return merge(spans + list(plain_protected(text)))


class AndroidAdapter:
    name = "android"
    extensions = (".xml",)

    def segments(self, text: str, path: str) -> list[Segment]:
        from .xliff import _defuse

        _defuse(text, path)
        lines = LineIndex(text)
        target = folder_lang(path, prefix="values-")
        out: list[Segment] = []
        for key, lit in resources(text, path):
            value = decode_literals(text, [lit], "android", _unescape)
            if not value.strip() or _REFERENCE.match(value):
                continue        # nothing, or a reference to another resource (@string/name)
            out.append(keyed_segment(value, [lit], path, key, lines, text, "android", protected(value), target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "android")


register(AndroidAdapter())
