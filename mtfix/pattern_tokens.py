"""Token views and matches of the phrase-pattern language (``mtfix.patterns``), on their own so
that the suggestion renderer (``pattern_render``) and the compiler (``patterns``) both import
them without importing each other."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

_TERMINAL = frozenset(".!?…;")
_OPENERS = frozenset("“\"«‘'([")
SPAN = 99   # capture number of the flagged span marked with < ... > (default: the whole match)


@dataclass(frozen=True, slots=True)
class Tok:
    text: str
    lower: str
    start: int
    end: int
    is_word: bool
    sent_start: bool


# A list item's marker ("- Added ...", "* Fixed ...", "• New"): the item's first word starts a sentence.
_LIST_MARKS = frozenset("- * • – —".split())


def tokenize_view(tokens: Sequence[Any], text: str) -> list[Tok]:
    """Tok views of analysis tokens, with sentence starts marked (after . ! ? or a blank line)."""
    starts = sentence_starts(tokens, text)
    return [Tok(t.text, t.text.lower(), t.start, t.end, t.is_word, starts[k]) for k, t in enumerate(tokens)]


def sentence_starts(tokens: Sequence[Any], text: str) -> list[bool]:
    """Whether each token starts a sentence (after . ! ? or a blank line, or an opening quote,
    bracket or list marker that does)."""
    out: list[bool] = []
    prev_start = True
    prev = None
    for t in tokens:
        if prev is None:
            starts = True
        else:
            starts = prev.text in _TERMINAL or "\n" in text[prev.end:t.start] \
                or ((prev.text in _OPENERS or prev.text in _LIST_MARKS) and prev_start)
        out.append(starts)
        prev_start, prev = starts, t
    return out


class LazyToks:
    """``tokenize_view`` built on demand: a long document has a few phrase candidates, and
    verifying them reads a few dozen tokens, not the hundreds of thousands of Tok views."""

    def __init__(self, tokens: Sequence[Any], lowers: list[str], starts: list[bool]) -> None:
        self.tokens, self.lowers, self.starts = tokens, lowers, starts
        self._made: dict[int, Tok] = {}

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self.tokens)))]
        if k < 0:
            k += len(self.tokens)
        got = self._made.get(k)
        if got is None:
            t = self.tokens[k]   # IndexError past the end, as a list would
            got = self._made[k] = Tok(t.text, self.lowers[k], t.start, t.end, t.is_word, self.starts[k])
        return got

    def __iter__(self):
        return (self[i] for i in range(len(self.tokens)))


@dataclass(frozen=True)
class Match:
    owner: Any
    start: int                        # token indexes, half-open
    end: int
    caps: dict[int, tuple[int, int]] = field(default_factory=dict)

    def char_span(self, toks: list[Tok]) -> tuple[int, int]:
        s, e = self.caps.get(SPAN, (self.start, self.end))
        return toks[s].start, toks[e - 1].end
