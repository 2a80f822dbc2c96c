"""A small token pattern language for phrase packs, compiled into ONE Aho-Corasick automaton.

Syntax (items separated by spaces; matching is per token, so word boundaries come for free:
``missile`` never matches inside ``anti-missile`` or ``missiles``):

  word         a literal token, case-insensitive (``=US`` matches that exact case only)
  word?        an optional literal token
  {deploy}     any inflection of the lemma (deploy, deploys, deployed, deploying); a capture.
               ``{complex/n}`` / ``{tell/v}`` restrict to noun or verb inflections
  (a|b c|d)    alternation of token sequences; a capture. ``(a|b)?`` is optional; single
               alternatives may be @num, @Cap (one capitalised word) or @word
  *3           a gap of 0..3 tokens inside the sentence; a capture
  @Cap         1-3 capitalised words (a name); @word one word; @num one number; captures
  @*ion|ment   one word ending in one of these suffixes; a capture
  ^  $         sentence start / end (zero width)
  < ... >      the span to flag and replace (default: the whole match); the rest is context
  !x  !(a|b)   the next token is not x (zero width);  !<x  the previous token is not x

Captures are numbered left to right from 1. A suggestion may use ``$2`` (the captured text) and
``{urge}`` (``urge`` inflected like the first lemma capture: "encouraged" -> "urged") or
``{urge:3}`` (like capture 3). A suggestion takes the capital of the matched text's first letter.

Every pattern is expanded into linear variants (alternations and optional items multiplied out);
each variant's longest run of literal tokens becomes a key of one pyahocorasick automaton over the
lower-cased token stream, so the cost of checking grows with the text, not with the number of
entries; the rest of the variant is verified around the anchor.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

# One direction only: pattern_tokens <- pattern_render <- patterns (no import circle).
from .pattern_render import lemma_forms, render  # noqa: F401  (render is re-exported)
from .pattern_tokens import _TERMINAL, SPAN, Match, Tok, tokenize_view  # noqa: F401  (re-exported)

_ITEM = re.compile(r"\([^()]*\)\??|\S+")


class PatternError(ValueError):
    pass


# ---------------------------------------------------------------------------- atoms
@dataclass(frozen=True)
class Atom:
    kind: str                      # lit, set, lemma, gap, cap, word, num, bos, eos, not, notprev
    forms: frozenset[str] = frozenset()
    exact: str | None = None       # case-sensitive literal
    n: int = 0                     # gap size
    cap: int = 0                   # capture number (0: none)
    lemma: str = ""

    # A token the automaton can key on; computed once (compiling the packs asks it ~20k times).
    literal: bool = field(init=False, repr=False, compare=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "literal", self.kind in ("lit", "lemma")
                           and not any(f.startswith("@") for f in self.forms))

    @property
    def zero_width(self) -> bool:
        return self.kind in ("bos", "eos", "not", "notprev")

    def lengths(self, toks: list[Tok], pos: int, step: int) -> Iterator[int]:
        """Numbers of tokens this atom can consume at ``pos`` going in direction ``step``."""
        idx = pos if step > 0 else pos - 1
        if self.kind in ("lit", "lemma"):
            if 0 <= idx < len(toks) and self._eq(toks[idx]):
                yield 1
        elif self.kind == "gap":
            # Up to n tokens, never across a sentence end or a comma (commas are written out).
            yield 0
            for k in range(1, self.n + 1):
                j = idx + step * (k - 1)
                if not 0 <= j < len(toks) or toks[j].text in _TERMINAL or toks[j].text == "," \
                        or toks[j].sent_start:
                    return
                yield k
        elif self.kind == "cap":
            k = 0
            while k < 3 and 0 <= idx + step * k < len(toks):
                t = toks[idx + step * k]
                if not (t.is_word and t.text[0].isupper()):
                    break
                k += 1
            yield from range(k, 0, -1)
        elif self.kind == "suffix":
            if 0 <= idx < len(toks) and toks[idx].is_word and toks[idx].lower.endswith(tuple(self.forms)):
                yield 1
        elif self.kind in ("word", "num"):
            if 0 <= idx < len(toks) and toks[idx].is_word and \
                    (toks[idx].text[0].isdigit() == (self.kind == "num")):
                yield 1

    def _eq(self, t: Tok) -> bool:
        if self.exact is not None:
            return t.text == self.exact
        if t.lower in self.forms:
            return True
        # Classes inside an alternation: (the|@Cap), (about|@num)
        return ("@num" in self.forms and t.text[0].isdigit()) or (
            "@cap" in self.forms and t.is_word and t.text[0].isupper()) or (
            "@word" in self.forms and t.is_word)

    def holds(self, toks: list[Tok], pos: int) -> bool:
        """Zero-width assertion at the boundary before token ``pos``."""
        if self.kind == "bos":
            return pos < len(toks) and toks[pos].sent_start
        if self.kind == "eos":
            return pos >= len(toks) or toks[pos].sent_start or toks[pos].text in _TERMINAL
        if self.kind == "not":
            return not (pos < len(toks) and (toks[pos].lower in self.forms or (
                "@num" in self.forms and toks[pos].text[0].isdigit())))
        if self.kind == "notprev":
            return not (pos > 0 and toks[pos - 1].lower in self.forms)
        raise AssertionError(self.kind)


# ---------------------------------------------------------------------------- parsing
def _parse_items(pattern: str) -> list[list[list[Atom]]]:
    """Each item -> list of alternatives, each a list of atoms (an empty one when optional)."""
    items: list[list[list[Atom]]] = []
    cap = 0
    for raw in _ITEM.findall(pattern):
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        alts: list[list[Atom]]
        if body.startswith("(") and body.endswith(")"):
            cap += 1
            alts = _alternation(body[1:-1], cap, raw)
        elif body.startswith("{") and body.endswith("}"):
            cap += 1
            lemma, _, pos = body[1:-1].partition("/")
            alts = [[Atom("lemma", frozenset(lemma_forms(lemma, pos)), cap=cap, lemma=lemma)]]
        elif re.fullmatch(r"\*\d", body):
            cap += 1
            alts = [[Atom("gap", n=int(body[1]), cap=cap)]]
        elif body.startswith("@*"):
            cap += 1
            alts = [[Atom("suffix", frozenset(body[2:].lower().split("|")), cap=cap)]]
        elif body in ("@Cap", "@word", "@num"):
            cap += 1
            alts = [[Atom(body[1:].lower(), cap=cap)]]
        elif body in ("<", ">"):
            alts = [[Atom("open" if body == "<" else "close", cap=SPAN)]]
        elif body in ("^", "$"):
            alts = [[Atom("bos" if body == "^" else "eos")]]
        elif body.startswith("!<") or body.startswith("!"):
            kind = "notprev" if body.startswith("!<") else "not"
            rest = body[2:] if kind == "notprev" else body[1:]
            if rest.startswith("(") != rest.endswith(")") or " " in rest:
                raise PatternError(f"{raw!r}: a negative look-ahead takes single words: !(a|b)")
            words = rest[1:-1].split("|") if rest.startswith("(") else [rest]
            alts = [[Atom(kind, frozenset(w.lower() for w in words))]]
        else:
            if "(" in body or ")" in body:
                raise PatternError(f"{raw!r}: unbalanced parenthesis (no nesting inside (...))")
            alts = [[_word_atom(body, 0)]]
        if optional:
            alts = [[], *alts]
        items.append(alts)
    if not items:
        raise PatternError("empty pattern")
    return items


def _alternation(body: str, cap: int, raw: str) -> list[list[Atom]]:
    """(a|b c|{lemma}): single words (and lemma sets) merge into ONE atom, so a long list of
    alternatives costs one automaton key each, not one variant each; multi-word ones expand."""
    singles: set[str] = set()
    lemma = ""
    alts: list[list[Atom]] = []
    for alt in body.split("|"):
        words = alt.split()
        if not words:
            raise PatternError(f"empty alternative in {raw!r}")
        if len(words) == 1 and words[0].startswith("{") and words[0].endswith("}"):
            lem, _, pos = words[0][1:-1].partition("/")
            singles |= set(lemma_forms(lem, pos))
            lemma = lemma or lem
        elif len(words) == 1 and not words[0].startswith("="):
            singles.add(words[0].lower())
        elif len(words) == 1:
            alts.append([_word_atom(words[0], cap)])
        else:
            alts.append([Atom("open", cap=cap), *(_word_atom(w, 0) for w in words),
                         Atom("close", cap=cap)])
    if singles:
        alts.insert(0, [Atom("lemma" if lemma else "lit", frozenset(singles), cap=cap, lemma=lemma)])
    return alts


def _word_atom(word: str, cap: int) -> Atom:
    if word.startswith("=") and len(word) > 1:
        return Atom("lit", frozenset({word[1:].lower()}), exact=word[1:], cap=cap)
    return Atom("lit", frozenset({word.lower()}), cap=cap)


@dataclass
class Variant:
    atoms: list[Atom]
    owner: Any                      # the entry (or anything) that this pattern belongs to
    anchor: tuple[int, int] = (0, 0)


def compile_variants(pattern: str, owner: Any = None, limit: int = 512) -> list[Variant]:
    items = _parse_items(pattern)
    out: list[Variant] = []
    for combo in itertools.product(*items):
        atoms = [a for alt in combo for a in alt]
        if not any(a.literal for a in atoms):
            raise PatternError(f"{pattern!r}: every variant needs a literal word to anchor on")
        out.append(Variant(atoms, owner, _anchor(atoms)))
        if len(out) > limit:
            raise PatternError(f"{pattern!r} expands to more than {limit} variants")
    return out


# Words so common that an anchor made only of them would wake the verifier in most sentences.
_COMMON = frozenset("the a an of in on to at by for with from and or but not no is are was were be "
                    "been it this that these those as he she they we you i his her their its our my "
                    "your , . ' \" ( )".split())


def _anchor(atoms: list[Atom]) -> tuple[int, int]:
    """The run of literal atoms used as automaton key: one with an uncommon word, then the
    longest, so that the anchor rarely fires where the pattern cannot match."""
    best, best_score, i = (0, 0), (-1, -1), 0
    while i < len(atoms):
        if not atoms[i].literal:
            i += 1
            continue
        # A run of literal atoms; span and capture markers inside it take no token.
        j, prod, last = i, 1, i + 1
        while j < len(atoms) and (atoms[j].literal or atoms[j].kind in ("open", "close")):
            if atoms[j].literal:
                if prod * len(atoms[j].forms) > 400 and j > i:
                    break
                prod *= len(atoms[j].forms)
                last = j + 1
            j += 1
        j = last
        # A whole run is always at least as selective as its parts; between runs, prefer one
        # with an uncommon word, then the longer one.
        lits = [a for a in atoms[i:j] if a.literal]
        rare = sum(not (a.forms <= _COMMON) for a in lits)
        score = (rare > 0, len(lits), rare)
        if score > best_score:
            best, best_score = (i, j), score
        i = j
    return best


# ---------------------------------------------------------------------------- matching
def _walk(atoms: list[Atom], k: int, toks: list[Tok], pos: int, step: int,
          caps: dict[int, tuple[int, int]]) -> Iterator[tuple[int, dict]]:
    """Match atoms[k:] (step=+1) or atoms[:k] backwards (step=-1) from boundary ``pos``."""
    if (step > 0 and k >= len(atoms)) or (step < 0 and k < 0):
        yield pos, caps
        return
    a = atoms[k]
    if a.zero_width:
        if a.holds(toks, pos):
            yield from _walk(atoms, k + step, toks, pos, step, caps)
        return
    if a.kind in ("open", "close"):   # marks the boundaries of a multi-token capture
        mark = dict(caps)
        s, e = mark.get(a.cap, (pos, pos))
        mark[a.cap] = (pos, e) if (a.kind == "open") == (step > 0) else (s, pos)
        if a.kind == ("close" if step > 0 else "open"):
            s2, e2 = mark[a.cap]
            mark[a.cap] = (min(s2, e2), max(s2, e2))
        yield from _walk(atoms, k + step, toks, pos, step, mark)
        return
    for n in a.lengths(toks, pos, step):
        new = pos + step * n
        c = caps
        if a.cap:
            c = dict(caps)
            c[a.cap] = (pos, new) if step > 0 else (new, pos)
        yield from _walk(atoms, k + step, toks, new, step, c)


def match_variant(v: Variant, toks: list[Tok], a_start: int) -> Match | None:
    """Verify variant ``v`` whose anchor atoms matched tokens from ``a_start``."""
    i, j = v.anchor
    caps: dict[int, tuple[int, int]] = {}
    pos = a_start
    for a in v.atoms[i:j]:   # literal tokens, and the span/capture markers between them
        if a.kind == "open":
            caps[a.cap] = (pos, pos)
        elif a.kind == "close":
            s0 = caps.get(a.cap, (pos, pos))[0]
            caps[a.cap] = (min(s0, pos), max(s0, pos))
        else:
            if a.exact is not None and toks[pos].text != a.exact:
                return None   # the automaton keys on lower case: "=comed" is not "ComEd"
            if a.cap:
                caps[a.cap] = (pos, pos + 1)
            pos += 1
    for end, caps_r in _walk(v.atoms, j, toks, pos, 1, caps):
        for start, caps_l in _walk(v.atoms, i - 1, toks, a_start, -1, caps_r):
            if start < end:
                return Match(v.owner, start, end, caps_l)
    return None


class Matcher:
    """All variants of all patterns in one Aho-Corasick automaton keyed on anchor token runs."""

    def __init__(self, variants: list[Variant]) -> None:
        import ahocorasick

        self.variants = variants
        keys: dict[str, list[int]] = {}
        ntoks: dict[str, int] = {}
        for vi, v in enumerate(variants):
            i, j = v.anchor
            lits = [a for a in v.atoms[i:j] if a.literal]
            for combo in itertools.product(*(sorted(a.forms) for a in lits)):
                key = " " + " ".join(combo) + " "
                keys.setdefault(key, []).append(vi)
                ntoks[key] = len(combo)
        self.automaton = ahocorasick.Automaton()
        for key, vis in keys.items():
            self.automaton.add_word(key, (ntoks[key], tuple(vis)))
        if keys:
            self.automaton.make_automaton()
        self.size = len(keys)

    def candidates(self, lowers: list[str]) -> list[tuple[int, tuple[int, ...]]]:
        """(first token, variant ids) for every anchor found in the lower-cased tokens.

        The cheap part, run on every sentence: one join and one automaton pass. Most sentences
        have no candidate, and then no token views are built at all."""
        if not self.size or not lowers:
            return []
        hay = " " + " ".join(lowers) + " "
        found = list(self.automaton.iter(hay))
        if not found:
            return []
        ends, pos = {}, 0
        for k, w in enumerate(lowers):
            pos += 1 + len(w)
            ends[pos] = k
        out = []
        for end_char, (ntok, vis) in found:
            last = ends.get(end_char)
            if last is not None:
                out.append((last - ntok + 1, vis))
        return out

    def verify(self, cands: list[tuple[int, tuple[int, ...]]], toks: list[Tok],
               keep=None) -> list[Match]:
        """Full matches around the candidates; ``keep(owner)`` skips variants not wanted here."""
        out: list[Match] = []
        for first, vis in cands:
            for vi in vis:
                v = self.variants[vi]
                if keep is not None and not keep(v.owner):
                    continue
                m = match_variant(v, toks, first)
                if m is not None:
                    out.append(m)
        return out

    def find(self, toks: list[Tok]) -> list[Match]:
        return self.verify(self.candidates([t.lower for t in toks]), toks)


def scan(variants: list[Variant], toks: list[Tok], lo: int = 0, hi: int | None = None) -> list[Match]:
    """Naive matching of a few variants on tokens[lo:hi] (for exclusion patterns, on a hit)."""
    hi = len(toks) if hi is None else hi
    out = []
    # Lazy token views know every token's lower-cased text: a first literal not matched by exact
    # case (literals have no @classes) matches exactly when that text is one of its forms, so
    # positions where it is not are skipped without building views (exclusions are scanned on
    # every phrase hit).
    lowers = getattr(toks, "lowers", None)
    for v in variants:
        i, j = v.anchor
        lits = [a for a in v.atoms[i:j] if a.literal]
        first = lits[0].forms if lowers is not None and lits and lits[0].exact is None else None
        for p in range(lo, min(hi, len(toks) - len(lits) + 1)):
            if first is not None and lowers[p] not in first:
                continue
            if all(a._eq(toks[p + k]) for k, a in enumerate(lits)):
                m = match_variant(v, toks, p)
                if m is not None:
                    out.append(m)
    return out
