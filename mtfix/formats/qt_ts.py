"""Qt Linguist ``.ts`` files: each finished ``<translation>`` (and each ``<numerusform>`` of a
plural message) is a segment whose source is the message's ``<source>``, so the source-aware
checks run; ``type="unfinished"``, ``"obsolete"`` and ``"vanished"`` translations are skipped as
PO's fuzzy and obsolete entries are. The key shown is ``context: source``. The languages come
from ``<TS language="de_DE" sourcelanguage="en">``. XML entities are decoded for the checks and
a fix is spliced back escaped; ``%1``, ``%n``, ``%L1``, ``&`` accelerators and markup are
protected. The file goes through defusedxml first (no entity bombs; not well-formed XML is one
line) and must have a ``<TS>`` root: a TypeScript ``.ts`` file named on the command line is
refused with one line, and ``-r`` leaves TypeScript out."""
from __future__ import annotations

import re
from typing import Sequence

from ..model import Edit, Segment
from ..protect import merge, plain_protected
from . import Document, InputError, Segments, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import decode_literals, keyed_segment, lang_code

STYLES["xml"] = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ATTRS = r"((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)"
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_COMMENT = re.compile(r"<!--.*?-->|<\?.*?\?>", re.S)
_ROOT = re.compile(r"\s*(?:<!DOCTYPE[^>]*>\s*)?<([\w:.-]+)" + _ATTRS + ">", re.S)
_CONTEXT = re.compile(r"<context(?=[\s>])[^>]*>(.*?)</context>", re.S)
_NAME = re.compile(r"<name>(.*?)</name>", re.S)
_MESSAGE = re.compile(r"<message(?=[\s>])" + _ATTRS + r">(.*?)</message>", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
_TRANSLATION = re.compile(r"<translation(?=[\s>/])" + _ATTRS + r"(?:/>|>(.*?)</translation>)", re.S)
_NUMERUS = re.compile(r"<numerusform(?=[\s>/])[^>]*?(?:/>|>(.*?)</numerusform>)", re.S)
_PROTECT = re.compile(r"%L?\d{1,2}|%n|&(?=\w)|</?[A-Za-z][^<>]*>")
_SKIPPED = {"unfinished", "obsolete", "vanished"}


def _unescape(m: re.Match) -> str:
    name = m.group()[1:-1]
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    return _ENTITIES.get(name, m.group())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(raw)}


def looks_like_ts(head: bytes) -> bool:
    """Whether the start of a ``.ts`` file is Qt Linguist XML (not TypeScript)."""
    h = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return h.startswith((b"<?xml", b"<!DOCTYPE TS", b"<TS"))


def messages(text: str, path: str):
    """(key, source, translation literal, languages) for each translation to check."""
    blank = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    root = _ROOT.match(blank)
    if not root or root.group(1) != "TS":
        got = f"<{root.group(1)}>" if root else "no XML element"
        raise InputError(f"{path}: not a Qt Linguist file (its root is {got}, expected <TS>)")
    ts = _attrs(root.group(2))
    langs = (lang_code(ts.get("sourcelanguage")), lang_code(ts.get("language")))
    out = []
    skipped = {"untranslated": 0, "fuzzy": 0, "obsolete": 0}
    for ctx in _CONTEXT.finditer(blank):
        name = _NAME.search(blank, ctx.start(1), ctx.end(1))
        cname = decode_literals(text, [name.span(1)], "xml", _unescape).strip() if name else ""
        for msg in _MESSAGE.finditer(blank, ctx.start(1), ctx.end(1)):
            src = _SOURCE.search(blank, msg.start(2), msg.end(2))
            tr = _TRANSLATION.search(blank, msg.start(2), msg.end(2))
            if not src or not tr:
                continue
            if tr.group(2) is None:
                kind = _attrs(tr.group(1)).get("type")
                skipped["obsolete" if kind in ("obsolete", "vanished") else "untranslated"] += 1
                continue
            kind = _attrs(tr.group(1)).get("type")
            if kind in _SKIPPED:
                empty = tr.group(2) is None or not re.sub(r"<[^>]*>", "", tr.group(2)).strip()
                skipped["obsolete" if kind != "unfinished" else "untranslated" if empty else "fuzzy"] += 1
                continue
            source = decode_literals(text, [src.span(1)], "xml", _unescape)
            key = f"{cname}: {source}" if cname else source
            if _attrs(msg.group(1)).get("numerus") == "yes":
                forms = [f for f in _NUMERUS.finditer(blank, tr.start(2), tr.end(2)) if f.group(1) is not None]
                for k, form in enumerate(forms):
                    out.append((f"{key}[{k}]", source, form.span(1)))
            else:
                out.append((key, source, tr.span(2)))
    return out, langs, skipped


def protected(text: str) -> tuple[tuple[int, int], ...]:
    return merge([(m.start(), m.end()) for m in _PROTECT.finditer(text)] + list(plain_protected(text)))


class QtTsAdapter:
    name = "qt-ts"
    extensions = (".ts",)

    def segments(self, text: str, path: str) -> list[Segment]:
        if not looks_like_ts(text[:200].encode("utf-8", "replace")):
            raise InputError(f"{path}: not a Qt Linguist file (TypeScript? name a format with --format-in)")
        from .xliff import _defuse

        _defuse(text, path)
        found, (src_lang, tgt_lang), skipped = messages(text, path)
        lines = LineIndex(text)
        out: list[Segment] = []
        for key, source, lit in found:
            value = decode_literals(text, [lit], "xml", _unescape)
            if not value.strip():
                skipped["untranslated"] += 1
                continue
            out.append(keyed_segment(value, [lit], path, key, lines, text, "xml", protected(value), tgt_lang,
                                     source=source, source_lang=src_lang))
        return Segments(out, skipped)

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, _escape, "xml")


register(QtTsAdapter())
