"""Repetition, loops and broken compounds (MT305-MT308): the artefacts neural MT leaves when its
decoder loops or its tokenizer's spacing leaks into the output.

- MT305 a phrase repeated in a loop ("the testimony of the testimony of the testimony of");
- MT306 a string glued to its own copy ("ChinaChina News Service", "VNDVND");
- MT307 a spaced hyphen inside a compound ("self - published", "two - hour");
- MT308 a double hyphen used as a dash ("shine -- it is they");
- MT309 a spaced abbreviation ("the U. S. government").

Every pattern is exact (word-for-word or character-for-character), so the fixes of MT305-MT307
only delete a duplicate or the spaces the tokenizer put around a hyphen: they cannot change what
the sentence says. Near misses are data in rules/en/repetition.yaml (``loop_ok``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "repetition"

_MAX_UNIT = 8          # words in a looping phrase
# A unit glued to its copy, starting at a word start and ending at a word end: "ChinaChina",
# "the National Medalthe National Medal". At most 60 characters, so the scan stays linear.
_GLUED = re.compile(r"(?<![^\W\d_])(?P<u>[^\W\d_][^\n]{1,58}?[^\W\d_.])(?P=u)(?![^\W\d_])")
# A phrase repeated with commas: "my lady, my lady, my lady, my lady".
_COMMA_LOOP = re.compile(r"(?<![\w'])(?P<u>[^\W\d_][\w' ]{0,60}?[\w'])(?P<rest>(?:, (?P=u)){2,})(?![\w'])")
_DOUBLE_HYPHEN = re.compile(r"(?<=[\w,.;:!?\"”’')]) -- (?=[\w\"“‘'(])")


@lru_cache(maxsize=4)
def _abbreviations(reg) -> re.Pattern | None:  # noqa: ANN001 - cached per registry
    known = [str(a) for a in reg.data(FAMILY, "spaced_abbreviations", []) or []]
    spaced = [re.escape(a).replace(r"\.", r"\. ").rstrip() for a in known]
    return re.compile(r"(?<![\w.])(?:" + "|".join(spaced) + r")(?![\w])") if spaced else None


@lru_cache(maxsize=4)
def _data(reg) -> tuple[frozenset[str], frozenset[str], str | None]:  # noqa: ANN001
    ok = frozenset(str(w).lower() for w in reg.data(FAMILY, "loop_ok", []) or [])
    linkers = frozenset(str(w).lower() for w in reg.data(FAMILY, "loop_linkers", []) or [])
    first = [str(w) for w in reg.data(FAMILY, "compound_first", []) or []]
    pairs = [str(p) for p in reg.data(FAMILY, "compound_pairs", []) or []]
    alts = [rf"(?:{'|'.join(map(re.escape, first))}) - (?=[a-z])[a-z]+"] if first else []
    alts += pairs
    # The pattern, compiled (~3 ms) only when a text has a spaced hyphen: most have none.
    rx = r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])" if alts else None
    return ok, linkers, rx


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if ctx.registry is None:
        return
    ok, linkers, compound = _data(ctx.registry)
    text = doc.text
    if (rule := rules.get("MT305")):
        yield from _loops(doc, ok, linkers, rule)
        if ", " in text:
            yield from _comma_loops(text, ok, rule)
    if (rule := rules.get("MT306")):
        yield from _glued(text, rule)
    if (rule := rules.get("MT307")) and compound is not None and " - " in text:
        for m in re.compile(compound, re.I).finditer(text):
            joined = m.group().replace(" - ", "-")
            yield rule.issue(m.start(), m.end(), joined, compound=joined)
    if (rule := rules.get("MT309")) and ". " in text and (rx := _abbreviations(ctx.registry)) is not None:
        for m in rx.finditer(text):
            joined = m.group().replace(". ", ".")
            yield rule.issue(m.start(), m.end(), joined, abbreviation=joined)
    if (rule := rules.get("MT308")) and "--" in text:
        for m in _DOUBLE_HYPHEN.finditer(text):
            yield rule.issue(m.start(), m.end(), " — ", suggestions=[" – "])


def _loops(doc: Doc, ok: frozenset[str], linkers: frozenset[str], rule) -> Iterator[Issue]:
    """A run of words repeated back to back, separated by single spaces: keep the first copy."""
    text = doc.text
    words = [w for w in doc.words if w.text[0].isalnum()]
    n, i = len(words), 0
    # Words joined by exactly one space: a comma or a line break between copies ("New York,
    # New York") is a deliberate repetition, not a loop.
    joined = [k + 1 < n and text[words[k].end:words[k + 1].start] == " " for k in range(n)]
    lows = [w.lower for w in words]     # once: Token.lower lower-cases on every call
    while i < n:
        best = None
        for size in range(1, _MAX_UNIT + 1):
            if i + 2 * size > n or not all(joined[i + k] for k in range(size - 1)):
                break
            if lows[i] != lows[i + size]:
                continue                # no second copy can start here
            reps = 1
            while _copy_at(lows, joined, i, size, reps):
                reps += 1
            if reps > 1 and _is_loop(words[i:i + size], reps, ok, linkers):
                best = (size, reps)
                break
        if best is None:
            i += 1
            continue
        size, reps = best
        first_end = words[i + size - 1].end
        last_end = words[i + size * reps - 1].end
        unit = text[words[i].start:first_end]
        yield rule.issue(first_end, last_end, "", phrase=unit, times=str(reps),
                         message=f"'{unit}' is repeated {reps} times: keep it once")
        i += size * reps


def _comma_loops(text: str, ok: frozenset[str], rule) -> Iterator[Issue]:
    """Copies separated by commas. Three in a row can be rhetoric ("location, location,
    location", "no, no, no"), so a one-word unit needs four copies; a longer unit three."""
    for m in _COMMA_LOOP.finditer(text):
        unit = m.group("u")
        copies = 1 + m.group("rest").count(", ")
        words = unit.lower().split()
        if all(w in ok for w in words) or copies < (4 if len(words) == 1 else 3):
            continue
        yield rule.issue(m.start("rest"), m.end("rest"), "", phrase=unit, times=str(copies),
                         message=f"'{unit}' is repeated {copies} times: keep it once")


def _copy_at(lows: list[str], joined: list[bool], i: int, size: int, r: int) -> bool:
    """Is copy number ``r`` of the ``size``-word unit at ``i`` there, one space after copy r-1?"""
    start = i + r * size
    if start + size > len(lows) or not joined[start - 1]:
        return False
    return all(lows[i + k] == lows[start + k] for k in range(size)) \
        and all(joined[start + k] for k in range(size - 1))


def _is_loop(unit, reps: int, ok: frozenset[str], linkers: frozenset[str]) -> bool:
    lows = [w.lower for w in unit]
    if not any(c.isalpha() for w in lows for c in w) or all(w in ok for w in lows):
        return False                  # "10 10", "ha ha ha", "no no no"
    if len(unit) == 1:
        return reps >= 3              # two in a row is MT304's ("the the", "had had")
    if reps >= 3 or len(unit) >= 3:
        return not (reps == 2 and all(w.text[0].isupper() for w in unit))
    # Two words twice: "hand in hand in", "time to time to", "more and more" read on; names
    # ("Talk Talk") and titles stay.
    return not (set(lows) & linkers) and not all(w.text[0].isupper() for w in unit)


def _glued(text: str, rule) -> Iterator[Issue]:
    from .. import lexicon

    for m in _GLUED.finditer(text):
        unit = m.group("u")
        if " " not in unit:
            # One word glued to itself: "couscous", "bonbon", "murmur" are words; "ChinaChina" is not.
            if len(unit) < 3 or lexicon.known((unit * 2).lower()) \
                    or not (unit[0].isupper() or lexicon.zipf(unit.lower()) >= 3.0):
                continue
        yield rule.issue(m.start() + len(unit), m.end(), "", phrase=unit,
                         message=f"'{unit}' is glued to a copy of itself: remove the copy")
