"""Repetition, loops and broken compounds (MT305-MT308): the artefacts neural MT leaves when its
decoder loops or its tokenizer's spacing leaks into the output.

- MT305 a phrase repeated in a loop ("the testimony of the testimony of the testimony of");
- MT306 a string glued to its own copy ("ChinaChina News Service", "VNDVND");
- MT307 a spaced hyphen inside a compound ("self - published", "two - hour");
- MT308 a double hyphen used as a dash ("shine -- it is they");
- MT309 a spaced abbreviation ("the U. S. government");
- MT310 two near-synonyms of the source collapsed into one word ("prosperity and prosperity",
  "be ignored and ignored", "financial and financial support", "key areas and key areas",
  "open, inclusive, inclusive, balanced");
- MT311 a clock time with a space after its colon ("at 10: 00 a.m.");
- MT312 a quoted name's last word said again after it (the "Friendship Award" award).

Every pattern is exact (word-for-word or character-for-character), so the fixes of MT305-MT307
only delete a duplicate or the spaces the tokenizer put around a hyphen: they cannot change what
the sentence says. Near misses are data in rules/en/repetition.yaml (``loop_ok``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import lexicon
from ..analysis import Doc
from ..model import Issue
from . import Context, Rules

FAMILY = "repetition"

_MAX_UNIT = 8          # words in a looping phrase
# A unit glued to its copy, starting at a word start and ending at a word end: "ChinaChina",
# "the National Medalthe National Medal". At most 60 characters, so the scan stays linear.
_GLUED = re.compile(r"(?<![^\W\d_])(?P<u>[^\W\d_][^\n]{1,58}?[^\W\d_.])(?P=u)(?![^\W\d_])")
# A phrase repeated with commas: "my lady, my lady, my lady, my lady", "Thunder sensitive
# diggers, thunder sensitive diggers, thunder sensitive diggers", or joined by ", and" / ", or":
# "be a large pot, or a large pot, or a large pot", "began to produce kindness, and began to
# produce kindness." Copies differ at most in case (a loop restarts a sentence with a capital).
_COMMA_LOOP = re.compile(
    r"(?<![\w'])(?P<u>[^\W\d_][\w' ]{0,60}?[\w'])(?P<rest>(?:, (?:and |or )?(?P=u))+)(?![\w'])",
    re.IGNORECASE)
_UNK_LOOP = re.compile(r"<unk>(?P<rest>(?: <unk>)+)")
# After a linked copy the clause must end: "I will do it, and I will do it well" goes on. Not
# on a question or exclamation: "Are you with me, or are you with me?" is a rhetorical figure.
_CLAUSE_END = re.compile(r"\s*(?:[.,;:)\]]|$)")
# A clock time spaced by the tokenizer: after a time preposition or before a.m./p.m./hours.
_SPACED_TIME = re.compile(
    r"\b(?:at|from|to|until|till|after|before|by|between|and|around|about|since) "
    r"(?:[01]?\d|2[0-4])(?P<a>: )[0-5]\d\b(?!:)"
    r"|(?<![\d:])(?:[01]?\d|2[0-4])(?P<b>: )[0-5]\d(?= ?(?:[ap]\.m\.|[ap]m\b|hours\b|h\b))", re.IGNORECASE)
# The quoted name's head noun repeated after the closing quote: «"友谊奖"奖» -> the "Friendship
# Award" award. Four letters or more, so a quoted "no" or "yes" followed by the same word stays.
# Double quotes only: after a single one the word may be possessive ("the players' players").
# What every spaced time has (": " and two digits of minutes): one quick scan before the pattern,
# which tries its list of prepositions at every word (~90 ms on 1 MB of text without a time).
_COLON_MINUTES = re.compile(r": [0-5]\d")
_QUOTE_ECHO = re.compile(r"(?<![\w'])(?P<w>[^\W\d_]{4,})[\"”](?P<echo> (?P=w))(?![\w'-])", re.IGNORECASE)
# Not before a digit: "0.5 -- 1.5", "Net. -- 36.5" are ranges and tables, not prose (a dateline
# "September 27 -- A few days ago" is prose).
_DOUBLE_HYPHEN = re.compile(r"(?<=[\w,.;:!?\"”’')]) -- (?=[^\W\d]|[\"“‘'(])")


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
            yield from _comma_loops(text, ok, linkers, rule)
        if "<unk> <unk>" in text:
            # The decoder's unknown-word token repeated: the same loop, in a token no word list knows.
            for m in _UNK_LOOP.finditer(text):
                copies = m.group().count("<unk>")
                yield rule.issue(m.start("rest"), m.end(), "", phrase="<unk>", times=str(copies),
                                 message=f"'<unk>' is repeated {copies} times: keep it once")
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
    if (rule := rules.get("MT310")) and (" and " in text or ", " in text):
        yield from _collapsed_pairs(text, ctx.registry, rule)
    if (rule := rules.get("MT311")) and ": " in text and _COLON_MINUTES.search(text):
        for m in _SPACED_TIME.finditer(text):
            g = "a" if m.group("a") else "b"
            time = text[m.start(g) - 2:m.end(g) + 2].strip().replace(": ", ":")
            yield rule.issue(m.start(g), m.end(g), ":", time=time)
    if (rule := rules.get("MT312")) and ("\" " in text or "” " in text):
        for m in _QUOTE_ECHO.finditer(text):
            yield rule.issue(m.start("echo"), m.end("echo"), "", word=m.group("w"))
    # Only in a translation (a source given): in English written as English, " -- " is a
    # typewriter convention many writers keep (news20 human translations have it as often).
    if (rule := rules.get("MT308")) and "--" in text and doc.segment.source:
        for m in _DOUBLE_HYPHEN.finditer(text):
            yield rule.issue(m.start(), m.end(), " — ", suggestions=[" – "])


@lru_cache(maxsize=4)
def _pair_data(reg) -> tuple | None:  # noqa: ANN001 - cached per registry
    """MT310's expressions (joined, listed, pair_ok, formed, units) built from the YAML's lists."""
    ok = [str(w) for w in reg.data(FAMILY, "pair_ok", []) or []]
    after = [str(w) for w in reg.data(FAMILY, "pair_followers", []) or []]
    if not after:
        return None
    not_ok = r"(?<![\w'’-])(?!(?:" + "|".join(map(re.escape, ok)) + r")\b)"
    # A lower-case word of four letters or more, not a comparative, participle or past tense
    # ("larger and larger", "waited and waited", "talking and talking" are English), joined to
    # itself by "and", the second copy ending a phrase (before punctuation or a function word:
    # "livestock and livestock products" is English).
    joined = re.compile(
        not_ok + r"(?P<w>[a-z]{4,}(?<!ed)(?<!er)(?<!ing)(?<!est)) and (?P=w)(?![\w'’-])"
        r"(?=[^\w ]|$| (?:" + "|".join(map(re.escape, after)) + r")\b)")
    # The same inside a list, joined by a comma ("an open, inclusive, inclusive, balanced
    # environment", "a simple, simple and persistent life"): the list goes on after the copy,
    # and a third copy is a loop (MT305's).
    # (pair_ok is asked after a match: in the expression it costs a look-ahead at every word)
    listed = re.compile(r"(?<![\w'’-])(?P<w>[a-z]{4,}), (?P=w)(?![\w'’-])(?=,| and | or )(?!, (?P=w)\b)")
    # An "-ed"/"-ing" word after a determiner, a possessive or a form of "be": a noun, adjective
    # or passive said twice ("the understanding and understanding of", "be ignored and ignored"),
    # where "waited and waited" would be a verb repeated for emphasis.
    cues = [str(w) for w in reg.data(FAMILY, "pair_form_cues", []) or []]
    formed = re.compile(r"(?:(?<![\w'’-])|(?<=\w)(?=['’]))(?:" + "|".join(map(re.escape, cues)) +
                        r") (?P<w>[a-z]{4,}(?:ed|ing)) and (?P=w)(?![\w'’-])") if cues else None
    # A phrase of two to four words joined to itself, ending before punctuation or a preposition.
    first_no = [str(w) for w in reg.data(FAMILY, "unit_not_first", []) or []]
    unit_after = [str(w) for w in reg.data(FAMILY, "unit_followers", []) or []]
    units = re.compile(
        r"(?<![\w'’-])(?!(?:" + "|".join(map(re.escape, first_no)) + r") )"
        r"(?P<w>[a-z]{3,} (?:[a-z]+ ){0,2}[a-z]{3,}) and (?P=w)(?![\w'’-])"
        r"(?=[^\w ]|$| (?:" + "|".join(map(re.escape, unit_after)) + r")\b)") if unit_after else None
    return joined, listed, frozenset(ok), formed, units


_WORD_BEFORE = re.compile(r"([\w']+)\s+$")
_ANY_PAIR = re.compile(r"(?<![\w'’-])(?P<w>[a-z]{4,}) and (?P=w)(?![\w'’-])")
_CHIASMUS = re.compile(r"([\w'’-]+) (?:and|or) $")


def _collapsed_pairs(text: str, reg, rule) -> Iterator[Issue]:  # noqa: ANN001
    rxs = _pair_data(reg)
    if rxs is None:
        return
    joined, listed, ok, formed, units = rxs
    subjects = _pair_subjects(reg)
    found: dict[tuple[int, int], str] = {}   # (start, end) of the pair -> the word or phrase kept
    if " and " in text:
        for m in joined.finditer(text):
            before = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
            if before and before.group(1).lower() in subjects:
                continue  # a verb said twice for emphasis: "we search and search", "to wait and wait"
            w = m.group("w")
            forms = lexicon.lemmas(w)
            if "NOUN" not in forms and any(w not in lemmas for lemmas in forms.values()):
                continue  # an inflected verb for emphasis: "the class grew and grew", "it sinks and sinks"
            found[m.span()] = w
        for m in _ANY_PAIR.finditer(text):
            forms = lexicon.lemmas(m.group("w"))
            if set(forms) == {"ADJ"} and m.group("w") in forms["ADJ"]:
                # an adjective (not a comparative: "bigger and bigger") said twice, before a noun
                # too: "financial and financial support", "the most trustworthy and trustworthy partners"
                found.setdefault(m.span(), m.group("w"))
        for rx in (formed, units):
            for m in rx.finditer(text) if rx is not None else ():
                found.setdefault((m.start("w"), m.end()), m.group("w"))
    if ", " in text:
        for m in listed.finditer(text):
            w = m.group("w")
            if w in ok:
                continue
            other = _CHIASMUS.search(text, max(0, m.start() - 40), m.start())
            if other and re.match(rf" (?:and|or) {re.escape(other.group(1))}\b", text[m.end():], re.I):
                continue  # a chiasmus: "equipment and people, people and equipment"
            found.setdefault(m.span(), w)
    for (a, b), w in sorted(found.items()):
        yield rule.issue(a, b, None, suggestions=[w], word=w, pair=text[a:b])


@lru_cache(maxsize=4)
def _pair_subjects(reg) -> frozenset[str]:  # noqa: ANN001 - cached per registry
    return frozenset(str(w).lower() for w in reg.data(FAMILY, "pair_subjects", []) or [])


def _loops(doc: Doc, ok: frozenset[str], linkers: frozenset[str], rule) -> Iterator[Issue]:
    """A run of words repeated back to back, separated by single spaces: keep the first copy."""
    text = doc.text
    words = [w for w in doc.words if w.text[0].isalnum()]
    n, i = len(words), 0
    # Words joined by exactly one space: a comma or a line break between copies ("New York,
    # New York") is a deliberate repetition, not a loop.
    joined = [k + 1 < n and text[words[k].end:words[k + 1].start] == " " for k in range(n)]
    # run[k]: how many joins in a row start at word k, so "are words k..k+size-1 joined?" is one
    # comparison, not a loop per start and unit size (that loop was most of MT305's time).
    run = [0] * (n + 1)
    for k in range(n - 1, -1, -1):
        run[k] = run[k + 1] + 1 if joined[k] else 0
    lows = [w.lower for w in words]     # once: Token.lower lower-cases on every call
    # chains[(size, j % size)] = (start, end): copies of a ``size``-word unit run from word
    # ``start`` to ``end``, so from any copy j inside it there are (end - j) // size. A run that
    # is no loop ("1 1 1 ...", "ha ha ha ...") is then counted once, not again from each of its
    # words (that was quadratic in the run); 36 entries at most.
    chains: dict[tuple[int, int], tuple[int, int]] = {}
    while i < n:
        best = None
        for size in range(1, _MAX_UNIT + 1):
            if i + 2 * size > n or run[i] < size - 1:
                break
            if lows[i] != lows[i + size]:
                continue                # no second copy can start here
            chain = chains.get((size, i % size))
            if chain is not None and chain[0] <= i < chain[1]:
                reps = (chain[1] - i) // size
            else:
                reps = 1
                while _copy_at(lows, joined, i, size, reps):
                    reps += 1
                chains[(size, i % size)] = (i, i + reps * size)
            if reps > 1 and _is_loop(words[i:i + size], reps, ok, linkers) \
                    and not (reps == 2 and i and lows[i - 1] == "if"):
                best = (size, reps)   # "if you know you know", "if he dies he dies": a tautology
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


def _comma_loops(text: str, ok: frozenset[str], linkers: frozenset[str], rule) -> Iterator[Issue]:
    """Copies separated by commas. Three in a row can be rhetoric ("location, location,
    location", "no, no, no"), so a one-word unit needs four copies; a longer unit three.
    Copies linked by ", and" / ", or" ("had a grain charge, and had a grain charge,") are a
    loop from two copies of four words or three copies of two, and only where the clause ends
    after the last copy with a full stop or comma ("He tried, and tried", "I will do it, and I
    will do it well" and "Are you with me, or are you with me?" stay)."""
    for m in _COMMA_LOOP.finditer(text):
        unit, rest = m.group("u"), m.group("rest")
        copies = 1 + rest.count(", ")
        words = unit.lower().split()
        if all(w in ok or w in linkers for w in words):
            continue                      # "no, no, no, no", "and so on, and so on, and so on"
        linked = ", and " in rest.lower() or ", or " in rest.lower()
        if linked:
            if len(words) < 2 or (copies < 3 and len(words) < 4) \
                    or not _CLAUSE_END.match(text, m.end()):
                continue
        elif copies < (4 if len(words) == 1 else 3):
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
    if all(w.text.isupper() and len(w.text) > 1 for w in unit):
        return False                  # a chant or a heading in capitals ("OH OH HETA HETA HETA")
    if len(unit) == 1:
        return reps >= 3              # two in a row is MT304's ("the the", "had had")
    if reps >= 3 or len(unit) >= 3:
        return not (reps == 2 and all(w.text[0].isupper() for w in unit))
    # Two words twice: "hand in hand in", "time to time to", "more and more" read on; names
    # ("Talk Talk") and titles stay.
    return not (set(lows) & linkers) and not all(w.text[0].isupper() for w in unit)


def _glued(text: str, rule) -> Iterator[Issue]:
    for m in _GLUED.finditer(text):
        unit = m.group("u")
        if " " not in unit:
            # One word glued to itself: "couscous", "bonbon", "murmur" are words; "ChinaChina" is not.
            if len(unit) < 3 or lexicon.known((unit * 2).lower()) \
                    or not (unit[0].isupper() or lexicon.zipf(unit.lower()) >= 3.0):
                continue
        yield rule.issue(m.start() + len(unit), m.end(), "", phrase=unit,
                         message=f"'{unit}' is glued to a copy of itself: remove the copy")
