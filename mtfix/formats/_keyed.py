"""Shared by the key/value localisation formats (issue 25: .properties, Android strings.xml,
iOS .strings, Flutter .arb): a segment per translated value, keyed by its id, built from the
value's literal(s) in the file so ``fix --write`` splices only the fixed characters; and the
target language read from where the file sits (``values-de/``, ``de.lproj/``, ``_de`` suffix)."""
from __future__ import annotations

import os
import re
from typing import Callable, Sequence

from ..model import Location, Segment
from ._escaped import EscapedSegment, Literal, LineIndex, STYLES

_LANG = re.compile(r"[a-z]{2,3}\Z")


def lang_code(tag: str | None) -> str | None:
    """``de`` from ``de``, ``de-DE``, ``de_DE``, ``pt-rBR`` (Android), ``zh-Hans``; else None."""
    if not tag:
        return None
    first = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return first if _LANG.match(first) else None


def folder_lang(path: str, prefix: str = "", suffix: str = "") -> str | None:
    """The language of the folder holding ``path`` named ``{prefix}{lang}{suffix}``."""
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    if not (folder.startswith(prefix) and folder.endswith(suffix)) or len(folder) <= len(prefix) + len(suffix):
        return None
    return lang_code(folder[len(prefix):len(folder) - len(suffix) if suffix else None])


def suffix_lang(path: str) -> str | None:
    """``de`` from ``messages_de.properties`` or ``app_de_CH.arb`` (the part after the first ``_``
    that is a language code)."""
    stem = os.path.splitext(os.path.basename(path))[0]
    parts = stem.split("_")
    for k in range(1, len(parts)):
        code = lang_code(parts[k])
        if code is not None and len(parts[k]) in (2, 3):
            return code
    return None


def decode_literals(file_text: str, lits: Sequence[Literal], style: str,
                    unescape: Callable[[re.Match], str]) -> str:
    """The text of a value held in ``lits``, each escape of ``style`` decoded by ``unescape``."""
    esc = STYLES[style]
    return "".join(esc.sub(unescape, file_text[s:e]) for s, e in lits)


def keyed_segment(text: str, lits: Sequence[Literal], path: str, key: str, lines: LineIndex,
                  file_text: str, style: str, protected, target_lang: str | None,
                  source: str | None = None, source_lang: str | None = None) -> Segment:
    first = next((lit for lit in lits if lit[1] > lit[0]), lits[0])
    line, col = lines.at(first[0])
    return EscapedSegment(text, source=source, source_lang=source_lang, protected=protected, target_lang=target_lang or "en",
                          location=Location(path, line, col, key),
                          meta={"literals": list(lits), "lines": lines, "file_text": file_text, "style": style})


# Literals whose characters are the text as they stand (no escapes): Fluent patterns, YAML block
# scalars, CSV fields, HTML text around which the parser has already decoded nothing.
STYLES["raw"] = re.compile(r"(?!)")


def aligned_literals(file_text: str, start: int, end: int, value: str,
                     skippable: str = " \t\r\n") -> list[Literal] | None:
    """The stretches of ``file_text[start:end]`` that spell ``value`` when the characters between
    them are dropped, where a parser has removed only ``skippable`` characters (the indentation
    of a continued Fluent or YAML block line, a CR of a CRLF); None if ``value`` is not spelled
    so (a folded or escaped value: not safely spliceable). Linear: one pass over both."""
    lits: list[Literal] = []
    i, j, run = start, 0, None
    while j < len(value):
        if i >= end:
            return None
        if file_text[i] == value[j]:
            if run is None:
                run = i
            i += 1
            j += 1
            continue
        if file_text[i] not in skippable:
            return None
        if run is not None:
            lits.append((run, i))
            run = None
        i += 1
    if run is not None:
        lits.append((run, i))
    if any(c not in skippable for c in file_text[i:end]):
        return None
    return lits or [(start, start)]
