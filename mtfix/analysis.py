"""Text analysis done once per segment and shared by every check: tokens and sentences.

Tokens carry character offsets into the segment text, so a check never re-searches the text
to find where a word was. Everything here is pure standard library and cheap to import.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

from .model import Segment

# A word: letters/digits with inner apostrophes or hyphens ("don't", "Iskander-M", "Bi-bi-si").
_TOKEN = re.compile(
    r"""(?P<word>[^\W_](?:[\w’']*[^\W_])?(?:-[^\W_](?:[\w’']*[^\W_])?)*)   # words, numbers
      |(?P<punct>[^\w\s])                                                 # one mark a token
    """,
    re.VERBOSE,
)
# Sentence end: terminal mark, optional closing quotes/brackets, whitespace, then a likely start.
# Tried only where a run of marks starts, and possessive, so a long run of dots is scanned once.
# A sentence ends at final punctuation before the next word, at a blank line, and at a line break
# before a list item ("- ", "* ", "+ ", "• ", "1. ", "2) "): each item of a Markdown or plain-text
# list is a sentence of its own, with or without a full stop.
_SENT_END = re.compile(r"""(?<![.!?…])[.!?…]++[”"’'»)\]]*+(?=\s+[“"‘'«(\[]?[\w])|\n\s*\n"""
                       r"""|\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+\S)""")
_ABBREV = frozenset(
    "mr mrs ms dr prof st gen col lt sgt capt adm gov sen rep jr sr inc ltd co corp vs etc "
    "e.g i.e no vol fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    is_word: bool
    # Lower-cased once: the checks ask ~10 times a token (2 M times on 1 MB of text; as a
    # property that was ~5% of the run). Derived from text: not compared, not shown; the text
    # itself when already lower case (most words), so it costs no memory.
    lower: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        low = self.text.lower()
        object.__setattr__(self, "lower", self.text if low == self.text else low)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


_T = TypeVar("_T")


class cached(Generic[_T]):
    """``functools.cached_property`` without its lock (Python < 3.12 takes an RLock on each
    first computation): a Doc lives in one thread, and an editor calling ``mtfix.check`` once
    per sentence computes four of these per call. Computed once, then a plain attribute."""

    def __init__(self, func: Callable[..., _T]) -> None:
        self.func, self.name = func, func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class Doc:
    """A segment plus its analysis. Checks receive this, never raw strings."""

    def __init__(self, segment: Segment) -> None:
        self.segment = segment
        self.text = segment.text

    @cached
    def tokens(self) -> tuple[Token, ...]:
        return tuple(
            Token(m.group(), m.start(), m.end(), m.lastgroup == "word")
            for m in _TOKEN.finditer(self.text)
        )

    @cached
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.is_word)

    @cached
    def sentences(self) -> tuple[Sentence, ...]:
        # Tokens are sorted by offset: slice them per sentence with bisect, linear overall.
        starts = [t.start for t in self.tokens]
        out = []
        for s, e in sentence_spans(self.text):
            lo, hi = bisect_left(starts, s), bisect_left(starts, e)
            out.append(Sentence(s, e, tuple(t for t in self.tokens[lo:hi] if t.end <= e)))
        return tuple(out)

    @cached
    def sentence_words(self) -> tuple[tuple[Token, ...], ...]:
        """The word tokens of each sentence, in order (punctuation left out)."""
        return tuple(tuple(t for t in s.tokens if t.is_word) for s in self.sentences)

    def word_tags(self, k: int) -> tuple[str, ...]:
        """Penn Treebank tags of sentence ``k``'s words (``sentence_words[k]``), from
        ``mtfix.tagger``. Tagged on first ask, sentence by sentence: a check asks only where a
        cheap word test has already matched, so a long file pays for a few sentences, and a run
        that never asks never loads the model."""
        cache: dict[int, tuple[str, ...]] = self.__dict__.setdefault("_word_tags", {})
        got = cache.get(k)
        if got is None:
            from .tagger import tag

            toks = self.sentences[k].tokens
            tags = tag([t.text for t in toks])
            got = cache[k] = tuple(g for t, g in zip(toks, tags) if t.is_word)
        return got

    def sentence_at(self, offset: int) -> Sentence | None:
        sents = self.sentences
        k = bisect_right([s.start for s in sents], offset) - 1
        if k >= 0 and offset < sents[k].end:
            return sents[k]
        return None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split into sentences: rule-based, abbreviation-aware, spans trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().startswith((".",)):
            word = _word_before(text, start, m.start())
            if word.lower() in _ABBREV:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial: "J. Smith"
        _add(spans, text, start, m.end())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


_LONGEST_ABBREV = max(map(len, _ABBREV))
_WORD_CHAR = re.compile(r"[\w.]")


def _word_before(text: str, start: int, end: int) -> str:
    """The run of word characters and dots ending at ``end`` (not before ``start``), or "" when
    it is longer than any abbreviation. Scanned backwards and bounded: searching the text since
    the last sentence end again at every skipped abbreviation is quadratic ("A. A. A. ...")."""
    i = end
    while i > start and _WORD_CHAR.match(text[i - 1]):
        i -= 1
        if end - i > _LONGEST_ABBREV:
            return ""
    return text[i:end]


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + (len(chunk) - len(chunk.lstrip()))
        spans.append((s, s + len(stripped)))
