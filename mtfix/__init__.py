"""mtfix: find and fix the artefacts machine translation leaves in English text.

    >>> import mtfix
    >>> [i.code for i in mtfix.check("As previously mentioned , the systems")]
    ['MT301']
    >>> mtfix.fix("the the systems").text
    'the systems'

Importing mtfix loads no language data; lexicons and models load on first use.
"""
from __future__ import annotations

from .api import check, fix, score
from .fixer import FixResult
from .model import Edit, Issue, Location, Segment, Severity

__version__ = "0.1.0"
__all__ = ["check", "fix", "score", "Issue", "Edit", "Segment", "Location", "Severity",
           "FixResult", "__version__"]
