"""JSON locale files, flat or nested (i18next, react-intl/ICU, vue-i18n): every string *value* is a
segment keyed by its dotted path; keys, numbers and structure are never touched.

The file is validated with ``json`` and then scanned for the positions of the string values, so
a fix is spliced into the original literal re-escaped in the file's own style (``\\u00e9`` stays
an escape when the file is ASCII-only): indentation, key order and escaping are unchanged.
Placeholders (``{name}``, ``{{name}}``, ``%s``, ``%(name)s``, ``%1$s``, ``$t(key)``), the ICU
plural/select skeleton and HTML tags are protected; the words inside ICU branches are checked.
"""
from __future__ import annotations

import json
import re
from typing import Sequence

from ..model import Edit, Location, Segment
from ..protect import merge, plain_protected
from . import Document, InputError, register
from ._escaped import EscapedSegment, LineIndex, escape_json, splice

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+', re.S)
_ICU_HEAD = re.compile(r"\{\s*[\w.]+\s*,\s*(?:plural|select|selectordinal)\s*,(?:\s*offset:\d+)?")
_ICU_CASE = re.compile(r"\s*(=\d+|[\w-]+)\s*\{")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d+/?>|</\d+>")
_NESTING = re.compile(r"\$t\([^()]*\)")


def i18n_protected(text: str) -> tuple[tuple[int, int], ...]:
    """Protected spans of an i18n message: ICU skeleton, placeholders, tags, nesting."""
    spans: list[tuple[int, int]] = []
    texts: list[tuple[int, int]] = []     # translatable stretches (outside ICU skeleton)
    pos = 0
    for m in _ICU_HEAD.finditer(text):
        if m.start() < pos:
            continue
        end = _icu(text, m.start(), spans, texts)
        if end is None:
            continue
        texts.append((pos, m.start()))
        pos = end
    texts.append((pos, len(text)))
    for s, e in texts:
        chunk = text[s:e]
        spans.extend((s + a, s + b) for a, b in plain_protected(chunk))
        spans.extend((s + m.start(), s + m.end()) for m in _TAG.finditer(chunk))
        spans.extend((s + m.start(), s + m.end()) for m in _NESTING.finditer(chunk))
        spans.extend((s + m.start(), s + m.end()) for m in re.finditer(r"(?<![\w])#(?![\w])", chunk))
    return merge(spans)


def _icu(text: str, start: int, spans: list, texts: list) -> int | None:
    """Protect ``{n, plural, one {`` ... ``}`` around the branches; return the end or None."""
    head = _ICU_HEAD.match(text, start)
    pos = head.end()
    local_spans = [(start, pos)]
    local_texts = []
    while True:
        case = _ICU_CASE.match(text, pos)
        if not case:
            break
        local_spans.append((pos, case.end()))
        depth, i = 1, case.end()
        while i < len(text) and depth:
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
            i += 1
        if depth:
            return None
        inner_s, inner_e = case.end(), i - 1
        nested = _ICU_HEAD.search(text, inner_s, inner_e)
        if nested:   # nested ICU: protect it whole rather than half-parse it
            local_spans.append((nested.start(), inner_e))
            local_texts.append((inner_s, nested.start()))
        else:
            local_texts.append((inner_s, inner_e))
        local_spans.append((inner_e, i))
        pos = i
    close = re.compile(r"\s*\}").match(text, pos)
    if not close or len(local_spans) == 1:
        return None
    local_spans.append((pos, close.end()))
    spans.extend(local_spans)
    texts.extend(local_texts)
    return close.end()


def string_values(text: str) -> list[tuple[int, int, str]]:
    """(content start, content end, dotted key) for every string value, in file order."""
    return [(s, e, ".".join(names)) for s, e, names in string_paths(text)]


def string_paths(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """(content start, content end, path of keys and indices) for every string value, in file
    order. The text is valid JSON (checked before), so a string in an object with no pending key
    is a key."""
    out = []
    stack: list[dict] = []      # {"kind", "name", "index", "pending"}
    for m in _TOKEN.finditer(text):
        tok = m.group()
        top = stack[-1] if stack else None
        if tok in ("{", "["):
            name = None
            if top is not None:
                name = top["pending"] if top["kind"] == "o" else str(top["index"])
                top["pending"] = None
            stack.append({"kind": "o" if tok == "{" else "a", "name": name, "index": 0, "pending": None})
        elif tok in ("}", "]"):
            stack.pop()
        elif tok == ",":
            if top is not None and top["kind"] == "a":
                top["index"] += 1
        elif tok == ":":
            continue
        elif top is not None and top["kind"] == "o" and top["pending"] is None:
            top["pending"] = json.loads(tok)
        else:
            if tok.startswith('"'):
                leaf = None if top is None else (top["pending"] if top["kind"] == "o" else str(top["index"]))
                names = [f["name"] for f in stack[1:]] + ([leaf] if leaf is not None else [])
                out.append((m.start() + 1, m.end() - 1, tuple(names)))
            if top is not None and top["kind"] == "o":
                top["pending"] = None
    return out


MAX_DEPTH = 200      # locale files nest a few levels; json's parser recurses once per level


def _check_depth(text: str, path: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before ``json`` recurses into it (a RecursionError
    traceback at ~1,000 levels), saying where."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text, re.S):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - text.rfind("\n", 0, m.start())
                raise InputError(f"{path}:{line}:{col}: not supported: JSON nested more than "
                                 f"{MAX_DEPTH} levels deep (expected a locale file of strings)")
        elif c in "]}":
            depth -= 1


class JSONAdapter:
    name = "json"
    extensions = (".json",)

    def segments(self, text: str, path: str) -> list[Segment]:
        _check_depth(text, path)
        try:
            # Numbers are not needed (only strings are checked): parse_int keeps a 5,000-digit
            # integer from Python's int conversion limit, which raised a bare ValueError.
            json.loads(text, parse_int=len, parse_float=len)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None
        except RecursionError:      # _check_depth bounds nesting; this is a last resort
            raise InputError(f"{path}: not supported: JSON nested too deeply") from None
        lines = LineIndex(text)
        out: list[Segment] = []
        for s, e, key in string_values(text):
            value = json.loads(f'"{text[s:e]}"')
            if not value.strip():
                continue
            line, col = lines.at(s)
            out.append(EscapedSegment(value, protected=i18n_protected(value), location=Location(path, line, col, key),
                                      meta={"literals": [(s, e)], "lines": lines, "file_text": text, "style": "json"}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        # Keep the file's style: escape non-ASCII only when the file itself is ASCII-only.
        ascii_only = doc.text.isascii() and "\\u" in doc.text
        return splice(doc.text, doc.segments, edits, lambda t: escape_json(t, ascii_only), "json")


register(JSONAdapter())
