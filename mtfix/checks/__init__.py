"""Rule engines, one module per family.

A family module defines ``FAMILY`` (the ``family:`` of its YAML file under ``rules/``) and
``check(doc, rules, ctx)`` yielding Issues for the enabled rules it is handed; it may also define
``check_document(docs, rules, ctx)`` yielding ``(doc_index, Issue)`` for rules that need the whole
document (consistency). Engines import only model/analysis/ruledata layers, never formats or CLI.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from ..analysis import Doc
from ..ruledata import Registry, RuleInfo
from ..options import Options

# Module names under mtfix.checks, in the order they run. Add a family here.
FAMILIES: tuple[str, ...] = (
    "punctuation",
    "typography",    # the target language's own marks (rules/<lang>/typography.yaml)
    "repetition",
    "inflection",
    "reference",
    "agreement",
    "phrases",
    "syntax",        # after the word-list grammar: it leaves the spans they flagged alone
    "usage",         # number, agreement and verb patterns on the tags, after syntax
    "capitalisation",
    "propercase",
    "transliteration",
    "consistency",
    "script",
    "source",
    "spelling",      # after every span rule: a token another rule flagged is theirs
    "lmedits",
    "articles",
    "fluency",       # MT801 last: it judges the sentence, not a span
)


@dataclass
class Context:
    """Per-run settings the engines may read."""

    source_lang: str | None = None
    target_locale: str = "en-US"
    target: str | None = None                      # the target language the rules were chosen for
    registry: Registry | None = None
    docs: list[Doc] = field(default_factory=list)   # the whole document, for document-level rules
    options: Options | None = None                 # the run's options (glossary path, cross-file memory)
    found: list[list] = field(default_factory=list)  # issues so far, per doc (families run in order)

    def translated(self, doc: Doc) -> bool:
        """Whether ``doc`` is checked as a translation (a source text or language is given).
        MT521 (the language model's preposition swap) stays off then: on MLQE-PE x-en it flags
        post-edits as often as the MT. MT103 (misspellings) stays off unless the source is
        written in Latin letters (``spelling.latin_source``): from other scripts the MT's and the
        post-edits' lower-case non-words are transliterations (ne-en dev: 85 MT and 65
        post-edited sentences in 1,000). MT517 and MT523 run either way."""
        return bool(doc.segment.source or self.source_lang)

    def found_in(self, doc: Doc) -> list:
        """The issues the families before this one found in ``doc`` (empty if not tracked)."""
        docs = self.docs
        if len(docs) == 1:   # one call per sentence: no index to build
            return self.found[0] if docs[0] is doc and self.found else []
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.docs):   # built once per run, not per doc
            index = self._index = {id(d): k for k, d in enumerate(self.docs)}
        k = index.get(id(doc))
        return self.found[k] if k is not None and k < len(self.found) else []


class Rules(dict[str, RuleInfo]):
    """The enabled rules of one family, by code."""


_loaded: dict[str, ModuleType] = {}


def family_modules(skip: frozenset[str] = frozenset()) -> list[ModuleType]:
    """The family modules in running order, imported on first use; ``skip``: names left out
    (and not imported)."""
    for name in FAMILIES:
        if name not in _loaded and name not in skip:
            _loaded[name] = importlib.import_module(f"{__name__}.{name}")
    return [_loaded[n] for n in FAMILIES if n not in skip]
