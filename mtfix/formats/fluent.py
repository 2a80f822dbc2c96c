"""Project Fluent ``.ftl`` files: each message value, attribute and select variant is a segment
keyed ``message``, ``message.attribute``, ``message[variant]`` (terms as ``-term``).

Parsed by fluent.syntax, Mozilla's own parser (Apache-2.0; a dependency, not copied code, so the
MIT licence of mtfix is unaffected), with spans: a segment's text is the pattern's text as the
parser reads it, located in the file through its span (continuation lines' indentation left
out), so a fix is spliced into those characters only. Placeables (``{ $name }``, ``{ -brand }``,
``{ NUMBER($n) }``) are kept in the text and protected; a select expression is protected where it
stands and each of its variants is a segment of its own. Comments are never read. A file with a
syntax error (fluent.syntax's Junk) is refused in one line. The target language comes from the
folder (``locales/de/main.ftl``, ``de-DE/``) or the file name (``main_de.ftl``, ``de.ftl``).
"""
from __future__ import annotations

import os
import re
from typing import Sequence

from ..model import Edit, Segment
from ..protect import merge, plain_protected
from . import Document, InputError, register
from ._escaped import LineIndex, splice
from ._keyed import aligned_literals, folder_lang, keyed_segment, lang_code, suffix_lang


def _escape(text: str) -> str:
    # A brace in Fluent text opens a placeable: a replacement carrying one is written as the
    # string literal placeable Fluent's own serializer uses.
    return re.sub(r"[{}]", lambda m: '{"' + m.group() + '"}', text) if ("{" in text or "}" in text) else text


def file_lang(path: str) -> str | None:
    stem = os.path.splitext(os.path.basename(path))[0]
    return folder_lang(path) or suffix_lang(path) or (lang_code(stem) if len(stem) <= 10 else None)


def _patterns(entry, name: str, out: list) -> None:
    from fluent.syntax import ast

    if getattr(entry, "value", None) is not None:
        _pattern(entry.value, name, out)
    for attr in getattr(entry, "attributes", None) or ():
        if attr.value is not None:
            _pattern(attr.value, f"{name}.{attr.id.name}", out)


def _pattern(pattern, key: str, out: list) -> None:
    """Append (key, [(kind, start, end, value)]) for ``pattern`` and, first, its variants."""
    from fluent.syntax import ast

    parts = []
    for el in pattern.elements:
        if isinstance(el, ast.TextElement):
            parts.append(("text", el.span.start, el.span.end, el.value))
        else:
            parts.append(("placeable", el.span.start, el.span.end, None))
            expr = el.expression
            if isinstance(expr, ast.SelectExpression):
                for v in expr.variants:
                    vid = v.key.name if isinstance(v.key, ast.Identifier) else v.key.value
                    _pattern(v.value, f"{key}[{vid}]", out)
    if any(kind == "text" and value.strip() for kind, _, _, value in parts):
        out.append((key, parts))


class FluentAdapter:
    name = "fluent"
    extensions = (".ftl",)

    def segments(self, text: str, path: str) -> list[Segment]:
        from fluent.syntax import FluentParser, ast

        try:
            resource = FluentParser(with_spans=True).parse(text)
        except RecursionError:
            raise InputError(f"{path}: not supported: Fluent placeables nested too deeply") from None
        lines = LineIndex(text)
        found: list = []
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                note = entry.annotations[0] if entry.annotations else None
                at = note.span.start if note is not None and note.span is not None else entry.span.start
                line, col = lines.at(min(at, len(text)))
                why = f"{note.code}: {note.message}" if note is not None else "syntax error"
                raise InputError(f"{path}:{line}:{col}: not valid Fluent ({why})")
            if isinstance(entry, ast.Message):
                _patterns(entry, entry.id.name, found)
            elif isinstance(entry, ast.Term):
                _patterns(entry, f"-{entry.id.name}", found)
        target = file_lang(path)
        out: list[Segment] = []
        for key, parts in found:
            lits, chunks, protect, pos = [], [], [], 0
            for kind, s, e, value in parts:
                if kind == "placeable":
                    lits.append((s, e))
                    chunks.append(text[s:e])
                    protect.append((pos, pos + e - s))
                    pos += e - s
                    continue
                got = aligned_literals(text, s, e, value)
                if got is None:
                    lits = None
                    break
                lits.extend(got)
                chunks.append(value)
                protect.extend((pos + a, pos + b) for a, b in plain_protected(value))
                pos += len(value)
            if lits is None:
                continue        # (not spelled in the file as parsed: never happens on valid Fluent)
            value = "".join(chunks)
            out.append(keyed_segment(value, lits, path, key, lines, text, "raw", merge(protect), target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "raw")


register(FluentAdapter())
