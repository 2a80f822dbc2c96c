"""Xcode string catalogs (``.xcstrings``): JSON holding every localisation of every string.

Each ``stringUnit`` value of a language other than the catalog's ``sourceLanguage`` is a
segment whose target language is that localisation's and whose source is the source language's
text (its own ``stringUnit``, else the key, as Xcode does), so the source-aware checks run;
plural and device ``variations`` are segments of their own (``key[de:plural.one]``). Units in
state ``new`` or ``needs_review`` are skipped as PO's untranslated and fuzzy entries are, and
strings marked ``shouldTranslate: false`` are skipped. Written back as JSON files are: only the
fixed characters of the value change. Format specifiers (``%@``, ``%lld``, ``%1$@``,
``%#@var@``) are protected.
"""
from __future__ import annotations

import json
import re
from typing import Sequence

from ..model import Edit, Segment
from ..protect import merge, plain_protected
from . import Document, InputError, Segments, register
from ._escaped import LineIndex, escape_json, splice
from ._keyed import keyed_segment, lang_code

_SPEC = re.compile(r"%(?:\d+\$)?(?:#@\w+@|[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|q|z|t|j|L)?[@dDiuUxXoOfeEgGcCsSpaAF%])")
_SKIPPED_STATES = {"new": "untranslated", "needs_review": "fuzzy", "stale": "obsolete"}


def protected(text: str) -> tuple[tuple[int, int], ...]:
    return merge([(m.start(), m.end()) for m in _SPEC.finditer(text)] + list(plain_protected(text)))


def _unit_value(node) -> str | None:
    unit = node.get("stringUnit") if isinstance(node, dict) else None
    return unit.get("value") if isinstance(unit, dict) and isinstance(unit.get("value"), str) else None


def _source_text(entry: dict, key: str, source_lang: str, variant: tuple[str, ...]) -> str:
    loc = (entry.get("localizations") or {}).get(source_lang)
    node = loc
    for name in variant:
        node = node.get(name) if isinstance(node, dict) else None
    return _unit_value(node) or _unit_value(loc) or key


class XcstringsAdapter:
    name = "xcstrings"
    extensions = (".xcstrings",)

    def segments(self, text: str, path: str) -> list[Segment]:
        from .jsonfile import JSONAdapter, string_paths

        JSONAdapter.segments(JSONAdapter(), text, path)      # validates the JSON (one line if not)
        data = json.loads(text, parse_int=len, parse_float=len)
        if not isinstance(data, dict) or not isinstance(data.get("strings"), dict):
            raise InputError(f"{path}: not an Xcode string catalog (no \"strings\" object)")
        source_lang = data.get("sourceLanguage") if isinstance(data.get("sourceLanguage"), str) else "en"
        strings = data["strings"]
        lines = LineIndex(text)
        out: list[Segment] = []
        skipped: dict[str, int] = {}
        for s, e, names in string_paths(text):
            # strings.<key>.localizations.<lang>[.variations.<kind>.<case>...].stringUnit.value
            if len(names) < 6 or names[0] != "strings" or names[2] != "localizations" or names[-2:] != ("stringUnit", "value"):
                continue
            key, lang, variant = names[1], names[3], names[4:-2]
            if lang == source_lang:
                continue
            entry = strings.get(key)
            if not isinstance(entry, dict) or entry.get("shouldTranslate") is False:
                continue
            try:        # (a duplicated key may have left another shape in the parsed data)
                node = entry["localizations"][lang]
                for name in variant:
                    node = node[name]
                state = node["stringUnit"].get("state")
            except (KeyError, TypeError, AttributeError):
                continue
            value = json.loads(f'"{text[s:e]}"')
            if state in _SKIPPED_STATES or not value.strip():
                why = _SKIPPED_STATES.get(state, "untranslated")
                skipped[why] = skipped.get(why, 0) + 1
                continue
            label = f"{key}[{lang}" + (f":{'.'.join(variant[1:])}" if variant else "") + "]"
            out.append(keyed_segment(value, [(s, e)], path, label, lines, text, "json", protected(value),
                                     lang_code(lang), source=_source_text(entry, key, source_lang, variant),
                                     source_lang=lang_code(source_lang)))
        return Segments(out, skipped)

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        ascii_only = doc.text.isascii() and "\\u" in doc.text
        return splice(doc.text, doc.segments, edits, lambda t: escape_json(t, ascii_only), "json")


register(XcstringsAdapter())
