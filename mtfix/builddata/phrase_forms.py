"""The inflections of every ``{lemma}`` / ``{lemma/n}`` in the shipped phrase packs, so that
compiling the packs at run time needs no lemminflect import (~75 ms and ~80 MB), and what
rendering their suggestions asks of lemminflect: the Penn tags of each form a pattern can match,
and each suggestion word in each tag. Without the last two a first run that renders one
inflected suggestion ("discussed about" -> "discussed") loaded lemminflect's tables: 0.3-0.6 s,
on every pre-commit run and every fresh Dask worker.

Stored with ``marshal`` as ``{"format", "lemminflect", "forms": {"lemma/pos": {form: tag}},
"tags": {form: [tag, ...]}, "inflect": {"word|tag": form or ""}, "has": {"word|tag": bool}}``;
``mtfix.pattern_render`` uses it only when the installed lemminflect is the one it was built
with, and asks lemminflect itself for anything else (a user's own pack).
"""
from __future__ import annotations

import marshal
import os
import re
from pathlib import Path

FORMAT = 2
_SUGGESTED = re.compile(r"\{([^{}/:$]+)(?::\d+)?\}")
# The tags a suggestion word is inflected to (``pattern_render.render``: the matched form's tags).
_INFLECT_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "NN", "NNS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS")
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


def suggestion_words() -> set[str]:
    """Every word of a ``{lemma}`` in the shipped packs' suggestions ("{point to}": point, to)."""
    from ..ruledata import registry

    out: set[str] = set()
    for rule in registry().family("phrases"):
        for entry in rule.data.get("entries") or ():
            if not isinstance(entry, dict):
                continue
            sugg = entry.get("suggest") or []
            for tpl in [sugg] if isinstance(sugg, str) else sugg:
                for m in _SUGGESTED.finditer(str(tpl)):
                    out.update(m.group(1).split())
    return out


def build(path: Path) -> Path:
    from lemminflect import getInflection

    from ..builddata.lexicon_db import versions
    from ..pattern_render import _lemminflect_forms, _lemminflect_tags

    forms = {f"{lemma}/{pos}": _lemminflect_forms(lemma, pos) for lemma, pos in sorted(pack_lemmas())}
    tags = {f: list(_lemminflect_tags(f)) for table in forms.values() for f in table}
    inflect, has = {}, {}
    for word in sorted(suggestion_words()):
        for tag in _INFLECT_TAGS:
            inflect[f"{word}|{tag}"] = (getInflection(word, tag=tag) or ("",))[0]
            has[f"{word}|{tag}"] = bool(getInflection(word, tag=tag, inflect_oov=False))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps({"format": FORMAT, "lemminflect": versions()["lemminflect"],
                                   "forms": forms, "tags": tags, "inflect": inflect, "has": has}))
    os.replace(tmp, path)
    return path
