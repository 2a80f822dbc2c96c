"""English lexicon with frequencies, loaded lazily, once, and shared by every check.

Backed by wordfreq's English word list (CC-BY-SA 4.0). ``zipf(word)`` is the Zipf frequency
(log10 of occurrences per billion words; 0 = unseen, ~7 = "the"). Look up whole tokens: wordfreq's
own tokenizer would split "Bi-bi-si" into three common syllables.
"""
from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def _freqs() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="best")


def zipf(word: str) -> float:
    """Zipf frequency of the exact lower-cased token, 0.0 when unknown."""
    f = _freqs().get(word.lower())
    return round(math.log10(f) + 9, 2) if f else 0.0


def is_word(word: str, min_zipf: float = 1.0) -> bool:
    return zipf(word) >= min_zipf
