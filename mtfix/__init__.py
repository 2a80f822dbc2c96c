"""mtfix: find and fix the artefacts machine translation leaves in English text.

Broken verb forms, calques of the source language, odd capitalisation, transliterated acronyms,
Russian-style punctuation around quotations, agreement errors, inconsistent spellings: each is
an :class:`Issue` of a rule with a stable code (``MT301``; ``mtfix rules`` lists them, ``mtfix
explain MT301`` describes one). A fix that cannot change meaning is *safe* and applied by
:func:`fix`; everything else is a suggestion, applied only with ``unsafe=True``.

    >>> import mtfix
    >>> [i.code for i in mtfix.check("As previously mentioned , the systems")]
    ['MT301']
    >>> print(mtfix.check("As previously mentioned , the systems")[0])
    1:24 MT301 Remove the space before ','
    >>> mtfix.fix("the the systems").text
    'the systems'

Functions
    check(text, source=None, source_lang=None, ...) -> list[Issue]
    fix(text, source=None, source_lang=None, unsafe=False, ...) -> FixResult
    score(text, source=None, source_lang=None) -> Score (0-100, per sentence too)

Pass ``source_lang="ru"`` (de, fr, es, zh) to also run the calque packs of that language.

Types
    Issue (code, name, message, severity, start/end, suggestions, fix, safe, location),
    Edit (start, end, replacement), Location, Segment, Severity, FixResult, Score,
    SentenceScore. Offsets are half-open ``[start, end)`` into the checked text.

The command line (``mtfix check|fix|review|score|rules|explain|config``) reads files: text,
Markdown, PO, XLIFF, JSON, SRT/VTT. Importing mtfix loads no language data; lexicons and
models load on first use.
"""
from __future__ import annotations

from .api import check, fix, score
from .fixer import FixResult
from .model import Edit, Issue, Location, Segment, Severity

__version__ = "0.1.0"
__all__ = ["check", "fix", "score", "Issue", "Edit", "Segment", "Location", "Severity",
           "FixResult", "Score", "SentenceScore", "__version__"]

# The score types live with the scorer, whose imports would slow ``import mtfix`` down (and
# ``mtfix --help`` with it): loaded on first use (PEP 562), listed by dir() and help().
_LAZY = {"Score": "scorer", "SentenceScore": "scorer"}


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
