"""The inflections of every ``{lemma}`` / ``{lemma/n}`` in the shipped phrase packs, so that
compiling the packs at run time needs no lemminflect import (~75 ms and ~80 MB).

Stored with ``marshal`` as ``{"format", "lemminflect", "forms": {"lemma/pos": {form: tag}}}``;
``mtfix.pattern_render.lemma_forms`` uses it only when the installed lemminflect is the one it
was built with, and asks lemminflect itself for any other lemma (a user's own pack).
"""
from __future__ import annotations

import marshal
import os
import re
from pathlib import Path

FORMAT = 1
_LEMMA = re.compile(r"\{([^{}/:$]+)(?:/(\w))?\}")


def pack_lemmas() -> set[tuple[str, str]]:
    """(lemma, pos) of every lemma atom in the patterns and exclusions of the shipped packs."""
    from ..ruledata import registry

    out: set[tuple[str, str]] = set()
    for rule in registry().family("phrases"):
        texts = [str(x) for x in rule.data.get("exclude") or ()]
        for entry in rule.data.get("entries") or ():
            if isinstance(entry, dict):
                texts += [str(entry.get("pattern", "")), *(str(x) for x in entry.get("exclude") or ())]
        for text in texts:
            out.update((m.group(1).strip(), m.group(2) or "") for m in _LEMMA.finditer(text))
    return out


def build(path: Path) -> Path:
    from ..builddata.lexicon_db import versions
    from ..pattern_render import _lemminflect_forms

    forms = {f"{lemma}/{pos}": _lemminflect_forms(lemma, pos) for lemma, pos in sorted(pack_lemmas())}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps({"format": FORMAT, "lemminflect": versions()["lemminflect"],
                                   "forms": forms}))
    os.replace(tmp, path)
    return path
