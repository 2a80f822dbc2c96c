"""Words of each sentence, shared by the inflection, reference and agreement engines.

``Doc.sentences`` filters every token of the segment for every sentence, which is quadratic on
a long segment (0.6 s for the 1,000-sentence dev set as one document); here the word list is cut
by binary search over the sentence spans, once per Doc.
"""
from __future__ import annotations

import weakref
from bisect import bisect_left

from ..analysis import Doc, Token, sentence_spans

_cache: "weakref.WeakKeyDictionary[Doc, tuple[tuple[Token, ...], ...]]" = weakref.WeakKeyDictionary()


def sentence_words(doc: Doc) -> tuple[tuple[Token, ...], ...]:
    """The word tokens of each sentence of ``doc``, in order."""
    found = _cache.get(doc)
    if found is None:
        words = doc.words
        starts = [w.start for w in words]
        out = []
        for s, e in sentence_spans(doc.text):
            a, b = bisect_left(starts, s), bisect_left(starts, e)
            out.append(tuple(w for w in words[a:b] if w.end <= e))
        found = _cache[doc] = tuple(out)
    return found
