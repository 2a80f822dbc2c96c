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


def tokenize_view(tokens: Sequence[Any], text: str) -> list[Tok]:
    """Tok views of analysis tokens, with sentence starts marked (after . ! ? or a blank line)."""
    out: list[Tok] = []
    prev_start = True
    for k, t in enumerate(tokens):
        starts = k == 0
        if k:
            p = tokens[k - 1]
            starts = p.text in _TERMINAL or "\n" in text[p.end:t.start] \
                or (p.text in _OPENERS and prev_start)
        out.append(Tok(t.text, t.text.lower(), t.start, t.end, t.is_word, starts))
        prev_start = starts
    return out


@dataclass(frozen=True)
class Match:
    owner: Any
    start: int                        # token indexes, half-open
    end: int
    caps: dict[int, tuple[int, int]] = field(default_factory=dict)

    def char_span(self, toks: list[Tok]) -> tuple[int, int]:
        s, e = self.caps.get(SPAN, (self.start, self.end))
        return toks[s].start, toks[e - 1].end
