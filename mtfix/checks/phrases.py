"""Calques and idioms (MT4xx): phrase packs in ``rules/<src>-en/*.yaml`` and ``rules/en/idioms.yaml``.

One registry rule per category (MT401 ru-calque, MT411 de-calque, ...) carries a list of
``entries``; each entry has an ``id``, a ``pattern`` in the language of :mod:`mtfix.patterns`,
``suggest`` templates, a ``message``, ``safe`` (almost never true for a calque), ``exclude``
patterns (native-English contexts where the match is fine: "was told about" is English),
optional ``when`` (word stems one of which must occur in the sentence) and ``examples``.
All entries of all packs share one matcher per registry (for the shipped packs: the index built
with the wheel, entries compiled as their anchors occur; see mtfix/phrase_index.py).

Pack choice: a pair pack ``<src>-en`` runs when the source language is ``src`` (from the
options, the segment, or detected from the segment's source text); the ``en`` pack, and rules
marked ``any_source: true``, run whatever the source.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from typing import Any, Iterator

from ..analysis import Doc
from ..langdetect import detect
from ..model import Issue
from ..pattern_tokens import LazyToks, sentence_starts
from ..patterns import SPAN, Match, Matcher, PatternError, Variant, compile_variants, match_variant, render, scan
from ..ruledata import Example, Registry, RuleDataError, RuleInfo, parse_example
from . import Context, Rules

FAMILY = "phrases"
ENTRY_KEYS = {"id", "pattern", "message", "suggest", "safe", "exclude", "when", "examples", "note"}


@dataclass(frozen=True, eq=False)
class Entry:
    id: str
    code: str
    pack: str
    pattern: str
    message: str
    suggest: tuple[str, ...]
    safe: bool
    exclude: tuple[str, ...]
    when: tuple[str, ...]
    examples: tuple[Example, ...]
    any_source: bool
    lemma_caps: tuple[int, ...]
    exclude_variants: tuple[Variant, ...]
    note: str = ""

    @property
    def source(self) -> str | None:
        """The source language of a pair pack ('ru' for ru-en); None for en/any-source packs."""
        if self.any_source or "-" not in self.pack:
            return None
        return self.pack.split("-")[0]


@dataclass
class Compiled:
    matcher: Matcher
    entries: dict[str, Entry]

    def __post_init__(self) -> None:
        self.order = {eid: k for k, eid in enumerate(self.entries)}   # file order breaks ties


_CACHE: dict[int, tuple[Registry, Compiled]] = {}


def compiled(reg: Registry) -> Compiled:
    """All entries of all phrase packs of ``reg`` in one matcher, once per registry and process.
    The shipped packs use the index built with the wheel (``mtfix/phrase_index.py``) and compile
    an entry only when its anchor occurs; other packs are compiled in full (~100 ms)."""
    got = _CACHE.get(id(reg))
    if got is not None and got[0] is reg:
        return got[1]
    from .. import phrase_index

    rules = sorted(reg.family(FAMILY), key=lambda r: r.code)
    index = phrase_index.load(rules)
    result = _compile(rules) if index is None else _Lazy(rules, index)
    _CACHE[id(reg)] = (reg, result)
    return result


class _Lazy(Compiled):
    """``Compiled`` from the shipped index: entries compiled on first use (same results)."""

    def __init__(self, rules: list[RuleInfo], index: dict) -> None:
        from ..phrase_index import TrieMatcher

        self._rules = {r.code: r for r in rules}
        self._entries = index["entries"]          # (rule code, entry number, entry id)
        self._variants = index["variants"]        # (entry ordinal, variant number)
        self._compiled: dict[int, tuple[Entry, list[Variant]]] = {}
        self.order = {eid: k for k, (_, _, eid) in enumerate(self._entries)}
        self.matcher = TrieMatcher(index["tables"], len(self._variants), self._variant)

    def _entry_at(self, k: int) -> tuple[Entry, list[Variant]]:
        got = self._compiled.get(k)
        if got is None:
            code, n, _ = self._entries[k]
            rule = self._rules[code]
            got = self._compiled[k] = _entry(rule, rule.data["entries"][n])
        return got

    def _variant(self, vi: int) -> Variant:
        k, n = self._variants[vi]
        return self._entry_at(k)[1][n]

    @property
    def entries(self) -> dict[str, Entry]:   # type: ignore[override]
        return {eid: self._entry_at(k)[0] for k, (_, _, eid) in enumerate(self._entries)}


def _compile(rules: list[RuleInfo]) -> Compiled:
    entries: dict[str, Entry] = {}
    variants: list[Variant] = []
    for rule in rules:
        for raw in rule.data.get("entries") or ():
            entry, vs = _entry(rule, raw)
            if entry.id in entries:
                raise RuleDataError(f"{rule.origin}: duplicate entry id {entry.id!r}")
            entries[entry.id] = entry
            variants.extend(vs)
    return Compiled(Matcher(variants), entries)


def _entry(rule: RuleInfo, raw: Any) -> tuple[Entry, list[Variant]]:
    where = f"{rule.origin}: {rule.code}"
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) \
            or not isinstance(raw.get("pattern"), str):
        raise RuleDataError(f"{where}: each entry needs a string 'id' and 'pattern'")
    where += f" entry {raw['id']}"
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise RuleDataError(f"{where}: unknown keys {sorted(unknown)}")
    suggest = raw.get("suggest", [])
    suggest = [suggest] if isinstance(suggest, str) else list(suggest)
    exclude = tuple(str(x) for x in [*(rule.data.get("exclude") or ()), *(raw.get("exclude") or ())])
    entry_stub = raw["id"]
    try:
        vs = compile_variants(raw["pattern"], entry_stub)
        ex_vs = tuple(v for p in exclude for v in compile_variants(p, None))
    except PatternError as e:
        raise RuleDataError(f"{where}: {e}") from None
    lemma_caps = tuple(sorted({a.cap for v in vs for a in v.atoms if a.kind == "lemma"}))
    entry = Entry(raw["id"], rule.code, rule.pack, raw["pattern"],
                  str(raw.get("message") or rule.message), tuple(str(s) for s in suggest),
                  bool(raw.get("safe", False)), exclude, tuple(str(w).lower() for w in raw.get("when") or ()),
                  tuple(parse_example(x, where) for x in raw.get("examples") or ()),
                  bool(rule.data.get("any_source", False)), lemma_caps, ex_vs, str(raw.get("note", "")))
    for v in vs:
        v.owner = entry
    return entry, vs


def source_language(doc: Doc, ctx: Context) -> str | None:
    lang = ctx.source_lang or doc.segment.source_lang
    if lang:
        return lang.lower().split("-")[0].split("_")[0]
    return detect(doc.segment.source)


ANY_SOURCE = "*"   # find_hits: run every pair pack (the fluency score, source language unknown)

_ENABLED_CODES: dict[tuple, tuple[Registry, frozenset[str]]] = {}
_LAST_CODES: tuple = (object(), object(), frozenset())   # (registry, options, codes) of the last call


def enabled_codes(reg: Registry, options: Any) -> frozenset[str]:
    """The codes of the phrase rules of ``reg`` that ``options`` enable (all when None), worked
    out once per registry and options: the fluency evidence asks on every call, and walking
    every rule each time was ~25 us of a one-sentence ``mtfix.check``."""
    global _LAST_CODES
    last = _LAST_CODES
    if last[1] is options and last[0] is reg:   # the usual caller: the same options every time
        return last[2]
    key = (id(reg), options)
    got = _ENABLED_CODES.get(key)
    if got is None or got[0] is not reg:
        if len(_ENABLED_CODES) > 64:     # options built per call with changing values: stay small
            _ENABLED_CODES.clear()
        got = _ENABLED_CODES[key] = (reg, frozenset(
            c for c, r in reg.rules.items() if r.family == FAMILY and (options is None or options.enabled(c))))
    _LAST_CODES = (reg, options, got[1])
    return got[1]


@dataclass(frozen=True)
class Hit:
    entry: Entry
    start: int            # character offsets
    end: int
    suggestions: tuple[str, ...]


def find_hits(doc: Doc, reg: Registry, source_lang: str | None,
              codes: set[str] | None = None, *, suggest: bool = True) -> list[Hit]:
    """Non-overlapping entry hits on ``doc`` for the packs that run for ``source_lang``.
    ``suggest=False`` skips rendering suggestions (they may inflect words: a lexicon load).

    The automaton pass, the token views and each verified match are computed once per document
    and shared by every call (the phrase check and the fluency evidence both ask)."""
    comp = compiled(reg)
    found = _found(doc, comp)
    if not found.cands:       # no anchor in the text (most sentences)
        return []
    wanted = lambda e: _wanted(e, codes, source_lang)   # noqa: E731
    kept: list[Match] = []
    seen: set[tuple] = set()
    for first, vi in found.cands:
        v = comp.matcher.variants[vi]
        if not wanted(v.owner):
            continue
        m = found.verified(first, vi, v)
        if m is None:
            continue
        key = (m.start, m.end, m.owner.id)
        if key not in seen:
            seen.add(key)
            kept.append(m)
    if not kept:
        return []
    toks = found.toks
    out = []
    for m in _resolve_overlaps(kept, comp.order):
        e = m.owner
        s, t = m.char_span(toks)
        sugg = tuple(dict.fromkeys(x for x in (render(tpl, m, toks, doc.text, list(e.lemma_caps))
                                                for tpl in e.suggest) if x)) if suggest else ()
        out.append(Hit(e, s, t, sugg))
    return out


def _resolve_overlaps(kept: list[Match], order: dict[str, int]) -> list[Match]:
    """Flagged spans (not the context around them) compete: the longest wins an overlap, then
    the longer whole match, then the earlier one, then the file order of the entries.

    The spans taken so far are disjoint; kept sorted by (start, end) their ends never decrease,
    so one bisect finds the only span that can overlap a newcomer: O(n log n) for n matches."""
    kept = sorted(kept, key=lambda m: (_span(m)[0] - _span(m)[1], m.start - m.end, m.start,
                                       order[m.owner.id]))
    spans: list[tuple[int, int]] = []
    taken: list[Match] = []
    for m in kept:
        s0, e0 = _span(m)
        k = bisect_left(spans, e0, key=_first)   # spans[:k] start before e0
        if k and spans[k - 1][1] > s0:
            continue
        insort(spans, (s0, e0))
        taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _first(span: tuple[int, int]) -> int:
    return span[0]


class _Found:
    """One document's automaton candidates and token views, and each variant verified once."""

    def __init__(self, doc: Doc, comp: Compiled) -> None:
        self.comp = comp
        lowers = [t.text.lower() for t in doc.tokens]
        self.cands = [(first, vi) for first, vis in comp.matcher.candidates(lowers) for vi in vis]
        starts = sentence_starts(doc.tokens, doc.text) if self.cands else []
        self.toks: Any = LazyToks(doc.tokens, lowers, starts) if self.cands else []
        # Token index of every sentence start: a sentence is found by bisect, not by walking.
        self.sent_starts = [k for k, s in enumerate(starts) if s]
        self._memo: dict[tuple[int, int], Match | None] = {}
        self._lowers = lowers
        self._sentence_words: dict[int, str] = {}

    def verified(self, first: int, vi: int, v: Variant) -> Match | None:
        key = (first, vi)
        if key not in self._memo:
            m = match_variant(v, self.toks, first)
            self._memo[key] = m if m is not None and self._context_ok(v.owner, m) else None
        return self._memo[key]

    def _context_ok(self, e: Entry, m: Match) -> bool:
        toks = self.toks
        k = bisect_right(self.sent_starts, m.start) - 1
        lo = self.sent_starts[k] if k >= 0 else 0
        hi = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(toks)
        if e.when and not self._has_stem(e.when, lo, hi):
            return False
        if e.exclude_variants:
            for x in scan(list(e.exclude_variants), toks, max(lo, m.start - 8), min(hi, m.end + 8)):
                if x.start < m.end and m.start < x.end:
                    return False
        return True

    def _has_stem(self, stems: tuple[str, ...], lo: int, hi: int) -> bool:
        """Does a token of tokens[lo:hi] (one sentence) start with one of ``stems``? The
        sentence's lower-cased tokens are joined once, each after a space, so each stem is one
        substring search instead of a test per token (a calque-dense text asks for every hit).
        Tokens hold no white space, so " stem" is found exactly at a token start."""
        words = self._sentence_words.get(lo)
        if words is None:
            words = self._sentence_words[lo] = "".join(" " + w for w in self._lowers[lo:hi])
        if not _plain_stems(stems):   # an empty stem or one with a space: token by token
            return any(t.startswith(w) for t in self._lowers[lo:hi] for w in stems)
        return any(" " + w in words for w in stems)


_PLAIN: dict[tuple[str, ...], bool] = {}


def _plain_stems(stems: tuple[str, ...]) -> bool:
    got = _PLAIN.get(stems)
    if got is None:
        got = _PLAIN[stems] = all(w and not any(c.isspace() for c in w) for w in stems)
    return got


def _found(doc: Doc, comp: Compiled) -> _Found:
    """The document's shared phrase matches (kept on the Doc, which lives for one run)."""
    got = doc.__dict__.get("_phrase_found")
    if got is None or got.comp is not comp:
        got = doc.__dict__["_phrase_found"] = _Found(doc, comp)
    return got


def _span(m: Match) -> tuple[int, int]:
    return m.caps.get(SPAN, (m.start, m.end))


def _wanted(e: Entry, codes: set[str] | None, source_lang: str | None) -> bool:
    return (codes is None or e.code in codes) and (e.source is None or source_lang in (e.source, ANY_SOURCE))


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if ctx.registry is None:
        return
    # The pipeline passes only the rules that hold for this segment's source languages
    # (ruledata: ``sources``), so every entry of ``rules`` may run.
    for h in find_hits(doc, ctx.registry, ANY_SOURCE, _codes(rules)):
        rule = rules[h.entry.code]
        first = h.suggestions[0] if h.suggestions else ""
        msg = h.entry.message.replace("{suggestion}", first) \
            .replace("{match}", doc.text[h.start:h.end]) + f" [{h.entry.id}]"
        msg = msg.replace("{", "{{").replace("}", "}}")
        yield rule.issue(h.start, h.end, h.suggestions[0] if h.suggestions else None,
                         suggestions=h.suggestions, message=msg, safe=h.entry.safe)


_LAST_RULES: tuple = (None, frozenset())   # (rules, their codes) of the last call


def _codes(rules: Rules) -> frozenset[str]:
    """The codes of the enabled rules, kept for the last ``rules`` (the pipeline hands the same
    object on every call with the same options), not rebuilt as a set per call."""
    global _LAST_RULES
    last = _LAST_RULES
    if last[0] is not rules:
        last = _LAST_RULES = (rules, frozenset(rules))
    return last[1]


def describe_entry(key: str, reg: Registry | None = None) -> str | None:
    """A printable explanation of a phrase entry id, or of an MT4xx code with all its entries."""
    from ..ruledata import registry

    reg = reg or registry()
    comp = compiled(reg)
    if key in comp.entries:
        return _describe(comp.entries[key], full=True)
    rule = reg.rules.get(key.upper())
    if rule is None or rule.family != FAMILY:
        return None
    lines = [f"{rule.code} {rule.name} (pack {rule.pack}, {'safe' if rule.safe else 'unsafe'})",
             rule.description or rule.message]
    if rule.why:
        lines.append(f"Why: {rule.why}")
    ents = [e for e in comp.entries.values() if e.code == rule.code]
    lines.append(f"{len(ents)} entries:")
    lines += [_describe(e, full=False) for e in ents]
    return "\n".join(lines)


def _describe(e: Entry, full: bool) -> str:
    out = [f"  {e.id}  [{e.code}, pack {e.pack}]  pattern: {e.pattern}",
           f"    {e.message}" + (f"  -> {' | '.join(e.suggest)}" if e.suggest else "")]
    if full and e.exclude:
        out.append(f"    not in: {' ; '.join(e.exclude)}")
    if full and e.note:
        out.append(f"    note: {e.note}")
    for ex in e.examples if full else e.examples[:2]:
        if ex.wrong:
            s, t = ex.span
            out.append(f"    wrong: {ex.text[:s]}[{ex.text[s:t]}]{ex.text[t:]}"
                       + (f"  -> {ex.fix}" if ex.fix is not None else ""))
        else:
            out.append(f"    ok:    {ex.text}")
    return "\n".join(out)
