"""Capitalisation (MT201-MT204): half-capitalised names, titles capitalised mid-sentence,
lower-case acronyms, sentences starting in lower case.

Driven by the casing table in ``rules/en/casing.yaml`` (users extend it with their own packs).
Look-ups are dict/set hits on lower-cased word n-grams, never a regex per table entry, so the
cost does not grow with the table. Frequency (``mtfix.lexicon.zipf``) is the evidence for words
the table does not know: a common word is a modifier that may be part of a name, a rare
capitalised word is a name that must not be touched.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from ..analysis import Doc, Token
from ..lexicon import zipf
from ..model import Issue
from . import Context, Rules

FAMILY = "capitalisation"

# Closed-class words: never the modifier of a name or title ("the Secretary", "of Ministry").
FUNCTION_WORDS = frozenset(
    "a an the this that these those of in on at by for to from with without into onto about "
    "over under between among against after before during through across and or but nor so "
    "as than then if when while where who whom whose which what is are was were be been being "
    "has have had do does did will would shall should can could may might must not no also "
    "he she it we they you i me him her us them his its our their your my mr mrs ms dr".split())
_QUOTES_BRACKETS = frozenset("”\"’'»)]")


@dataclass(frozen=True)
class Table:
    names: dict[tuple[str, ...], str]          # lower-cased words -> canonical name
    proper_only: frozenset[tuple[str, ...]]
    titles: frozenset[tuple[str, ...]]
    title_heads: frozenset[str]
    org_heads: frozenset[str]
    not_modifiers: frozenset[str]
    acronyms: dict[str, str]                   # lower -> acronym (never lower case)
    ambiguous: dict[str, str]                  # lower -> acronym (also an English word)
    not_after_determiner: frozenset[str]       # words whose English reading never follows "the"
    determiners: frozenset[str]
    max_len: int
    # The first word of every name or title of two words or more: a word that is none starts
    # no multi-word entry, so the scan tries no length there (most words of a text).
    firsts: frozenset[str] = frozenset()
    # Abbreviations whose full stop ends no sentence ("Warner Bros. to", "a PhD. in"): MT204.
    abbreviations: frozenset[str] = frozenset()


def _norm(low: str) -> str:
    """A lower-cased word without its possessive: "court's" looks up as "court"."""
    return low[:-2] if low.endswith(("'s", "’s")) and len(low) > 2 else low


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_norm(w) for w in phrase.lower().split())


@lru_cache(maxsize=4)
def _table_for(reg_id: int, reg) -> Table:  # noqa: ANN001 - a Registry; cached per registry
    d = lambda k, default: reg.data(FAMILY, k, default) or default  # noqa: E731
    names = {_key(n): str(n) for n in d("names", [])}
    titles = frozenset(_key(t) for t in d("titles", []))
    return Table(
        names=names,
        proper_only=frozenset(_key(n) for n in d("proper_only", [])),
        titles=titles,
        title_heads=frozenset(str(w) for w in d("title_heads", [])),
        org_heads=frozenset(str(w) for w in d("org_heads", [])),
        not_modifiers=frozenset(str(w).lower() for w in d("not_name_modifiers", [])),
        acronyms={str(a).lower(): str(a) for a in d("acronyms", [])},
        ambiguous={str(k).lower(): str(v) for k, v in d("ambiguous_acronyms", {}).items()},
        determiners=frozenset(str(w).lower() for w in d("acronym_determiners", ["the"])),
        not_after_determiner=frozenset(str(w).lower() for w in d("not_after_determiner", [])),
        max_len=max([len(k) for k in (*names, *titles)] or [1]),
        firsts=frozenset(k[0] for k in (*names, *titles) if len(k) >= 2),
        abbreviations=frozenset(str(w).lower().rstrip(".") for w in d("abbreviations", [])),
    )


def table(ctx: Context) -> Table:
    return _table_for(id(ctx.registry), ctx.registry)


def recase(text: str, canonical: str) -> str:
    """``text`` with the case pattern of ``canonical`` word by word; its own spelling is kept."""
    out = []
    for w, c in zip(text.split(" "), canonical.split(" ")):
        if c.isupper() and len(c) > 1:
            out.append(w.upper())
        elif c[:1].isupper():
            out.append(w[:1].upper() + w[1:].lower())
        else:
            out.append(w.lower())
    return " ".join(out)


def _shape(w: str) -> str:
    if w.isupper() and len(w) > 1:
        return "U"
    if w[:1].isupper():
        return "T"
    return "l" if w.islower() else "x"


def _adjacent(text: str, a: Token, b: Token) -> bool:
    """Only a single space between two words: they can belong to one name."""
    return text[a.end:b.start] == " "


def _starts_sentence(doc: Doc, words: Sequence[Token], i: int) -> bool:
    """Is words[i] the first word of a sentence (or after an opening quote / colon)?"""
    if i == 0:
        return not doc.text[:words[0].start].strip(" \t\"“«(‘'-—–")
    between = doc.text[words[i - 1].end:words[i].start]
    return any(ch in ".!?:;\n“«\"(—–-…" for ch in between)


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    if ctx.registry is None:
        return
    tab = table(ctx)
    words = doc.words
    text = doc.text
    lows = [_norm(w.lower) for w in words]
    covered: set[int] = set()   # word indices inside a table name or title: generic rules skip them
    n = len(words)
    i = 0
    firsts = tab.firsts
    while i < n:
        if lows[i] not in firsts:
            i += 1
            continue
        hit = None
        for size in range(min(tab.max_len, n - i), 1, -1):
            key = tuple(lows[i:i + size])
            if key in tab.names or key in tab.titles:
                if all(_adjacent(text, words[k], words[k + 1]) for k in range(i, i + size - 1)):
                    hit = (size, key)
                    break
        if hit is None:
            i += 1
            continue
        size, key = hit
        covered.update(range(i, i + size))
        if key in tab.names:
            yield from _name(doc, words, i, size, key, tab, rules)
        else:
            yield from _title(doc, words, i, size, rules)
        i += size
    if (rule := rules.get("MT202")):
        yield from _generic_title(doc, words, covered, tab, rule)
    if (rule := rules.get("MT201")):
        yield from _generic_org(doc, words, covered, tab, rule)
    if (rule := rules.get("MT203")):
        yield from _acronyms(doc, words, lows, tab, rule)
    if (rule := rules.get("MT204")):
        yield from _sentence_start(doc, rule, tab.abbreviations)


def _name(doc: Doc, words: Sequence[Token], i: int, size: int, key: tuple[str, ...],
          tab: Table, rules: Rules) -> Iterator[Issue]:
    rule = rules.get("MT201")
    if rule is None:
        return
    span = words[i:i + size]
    shapes = [_shape(w.text) for w in span]
    if "x" in shapes or all(s == "U" for s in shapes):
        return  # mixed-case brand or an ALL-CAPS heading: not ours to judge
    canonical = tab.names[key]
    start, end = span[0].start, span[-1].end
    written = doc.text[start:end]
    wanted = recase(written, canonical)
    if written == wanted:
        return
    nxt = words[i + size:i + size + 2]
    if size == 2 and shapes[0] == "l" and len(nxt) == 2 and nxt[0].lower == "of" \
            and nxt[1].text[:1].isupper():
        # "the state Department of Education": the modifier is not part of the name. Longer
        # names ("the ministry of Health of Kaluga region") do not start with a modifier.
        return
    first_initial = _starts_sentence(doc, words, i) and shapes[0] == "T"
    rest_lower = all(s == "l" for s in shapes[1:])
    if all(s == "l" for s in shapes) or (first_initial and rest_lower):
        if key not in tab.proper_only:
            return  # "the defense ministry" is a house style, not an error
        yield from _proper_lower(doc, words, i, size, wanted, rule)
        return
    yield rule.issue(start, end, wanted, name=wanted)


def _proper_lower(doc: Doc, words: Sequence[Token], i: int, size: int, wanted: str,
                  rule) -> Iterator[Issue]:  # noqa: ANN001
    """An all-lower-case proper name: a suggestion, with the country folded in when the text
    says "<name> of the United States"."""
    start, end = words[i].start, words[i + size - 1].end
    tail = doc.text[end:end + 22]
    if tail.startswith(" of the United States"):
        yield rule.issue(start, end + len(" of the United States"), None,
                         suggestions=(f"US {wanted}", f"{wanted} of the United States", wanted),
                         safe=False, name=f"US {wanted}")
        return
    yield rule.issue(start, end, wanted, safe=False, name=wanted)


_TITLE_LINKS = frozenset({"of", "the", "and", "for", "on", "in", "to"})


def _title(doc: Doc, words: Sequence[Token], i: int, size: int, rules: Rules) -> Iterator[Issue]:
    rule = rules.get("MT202")
    if rule is None:
        return
    span = words[i:i + size]
    # Linking words stay lower case inside a capitalised title: "Chief of Staff", "Head of State".
    shapes = [_shape(w.text) for w in span if w.lower not in _TITLE_LINKS] or [_shape(span[0].text)]
    if len(set(shapes)) == 1 or "x" in shapes or "U" in shapes:
        return  # consistently cased ("the Press Secretary" is a house style)
    if shapes[0] == "T" and _starts_sentence(doc, words, i) and all(s == "l" for s in shapes[1:]):
        return
    start, end = span[0].start, span[-1].end
    written = doc.text[start:end]
    nxt = words[i + size] if i + size < len(words) else None
    if nxt is not None and nxt.text[:1].isupper() and _adjacent(doc.text, span[-1], nxt):
        # Before a name a title is capitalised: "Press Secretary Dmitry Peskov".
        titled = " ".join(w[:1].upper() + w[1:] for w in written.split(" "))
        yield rule.issue(start, end, titled, suggestions=(written.lower(),), safe=False,
                         suggestion=titled)
        return
    if _starts_sentence(doc, words, i):
        fixed = written[:1].upper() + written[1:].lower()
    else:
        fixed = written.lower()
    yield rule.issue(start, end, fixed)


def _generic_title(doc: Doc, words: Sequence[Token], covered: set[int], tab: Table,
                   rule) -> Iterator[Issue]:  # noqa: ANN001
    """An unseen "<modifier> <Title>" with no name after it: suggest the lower-case title."""
    for k in range(1, len(words)):
        head = words[k]
        if head.text not in tab.title_heads or k in covered or k - 1 in covered:
            continue
        mod = words[k - 1]
        if not _modifier_ok(doc, words, k, mod, tab) or _starts_sentence(doc, words, k):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        if nxt is not None and nxt.text[:1].isupper() and _adjacent(doc.text, head, nxt):
            continue  # a title before a name is capitalised
        if nxt is not None and nxt.lower == "of" and k + 2 < len(words) \
                and words[k + 2].text[:1].isupper():
            continue  # "the deputy Head of Mission": a name of its own
        if zipf(mod.text) < 3.0:
            continue  # a rare word is more likely part of a name we do not know
        yield rule.issue(head.start, head.end, head.text.lower(), safe=False, title=head.text)


def _generic_org(doc: Doc, words: Sequence[Token], covered: set[int], tab: Table,
                 rule) -> Iterator[Issue]:  # noqa: ANN001
    """An unseen "<modifier> <Ministry>": the modifier is probably part of the name."""
    for k in range(1, len(words)):
        head = words[k]
        if head.text not in tab.org_heads or k in covered or k - 1 in covered:
            continue
        mod = words[k - 1]
        if not _modifier_ok(doc, words, k, mod, tab) or mod.lower in tab.not_modifiers:
            continue
        if k + 2 < len(words) and words[k + 1].lower == "of" and words[k + 2].text[:1].isupper():
            continue  # "the health Department of Ohio": the modifier may be outside the name
        if zipf(mod.text) < 3.0:
            continue
        name = f"{mod.text[:1].upper()}{mod.text[1:]} {head.text}"
        yield rule.issue(mod.start, head.end, None, safe=False,
                         suggestions=(name, f"{mod.text} {head.text.lower()}"), name=name)


def _modifier_ok(doc: Doc, words: Sequence[Token], k: int, mod: Token, tab: Table) -> bool:
    return (mod.text.isalpha() and mod.text.islower() and mod.lower not in FUNCTION_WORDS
            and _adjacent(doc.text, mod, words[k]))


def _acronyms(doc: Doc, words: Sequence[Token], lows: list[str], tab: Table,
              rule) -> Iterator[Issue]:  # noqa: ANN001
    text = doc.text
    for k, w in enumerate(words):
        low = lows[k]
        if not w.text.islower() or (low not in tab.acronyms and low not in tab.ambiguous) \
                or len(w.text) - len(low) not in (0, 2):
            continue
        before = text[w.start - 1:w.start] if w.start else ""
        after = text[w.end:w.end + 2]
        if before in ("@", "#", "/", ".", "_", "-") or after[:1] in ("@", "/", "_") \
                or (after[:1] == "." and after[1:2].isalnum()):
            continue  # a handle, a path, a domain name ("bbc.com")
        if low in tab.ambiguous:
            prev = words[k - 1] if k else None
            nxt = words[k + 1] if k + 1 < len(words) else None
            if prev is None or lows[k - 1] not in tab.determiners or not _adjacent(text, prev, w):
                continue
            if low in tab.not_after_determiner:
                # "the us" is never the pronoun, except in "the us and them (mentality)".
                if " ".join(lows[k + 1:k + 3]) in ("and them", "versus them", "vs them"):
                    continue
            elif nxt is None or not _adjacent(text, w, nxt) or not nxt.text.isalpha() \
                    or not nxt.text.islower() or lows[k + 1] in FUNCTION_WORDS:
                continue  # "the who": only before a noun ("the who report")
            acronym = tab.ambiguous[low]
        else:
            acronym = tab.acronyms[low]
        # Keep a possessive: "the fsb's officers" -> "FSB's".
        yield rule.issue(w.start, w.end, acronym + w.text[len(low):], acronym=acronym)


def _sentence_start(doc: Doc, rule, abbreviations: frozenset[str]) -> Iterator[Issue]:  # noqa: ANN001
    """A sentence after a full stop that starts in lower case. The first sentence of a segment
    is judged only against a source that starts in upper case (segments are often fragments)."""
    text = doc.text
    source = doc.segment.source
    sents = doc.sentences
    for n, sent in enumerate(sents):
        if not sent.tokens or not sent.tokens[0].is_word:
            continue  # starts with a quote, bracket or dash: a fragment or dialogue
        first = sent.tokens[0]
        w = first.text
        if not (w[:1].isalpha() and w[:1].islower()) or any(c.isupper() for c in w[1:]):
            continue  # "iPhone", "eBay"
        if len(w) < 2 or text[first.end:first.end + 1] == ":":
            continue  # a unit ("sq. m per"), a URL scheme ("http: //")
        if n == 0:
            src = (source or "").lstrip(" \t\"“«(‘'-—–")
            if not (src[:1].isalpha() and src[:1].isupper()):
                continue
        else:
            ending = text[sents[n - 1].start:sent.start].rstrip()
            # Only after a full stop: after "?" or "!" a lower-case continuation is a style of
            # informal text and titles ("Beverly Hills? by Zivert") that post-editors keep; a
            # closing quote or bracket is dialogue ("“Why?” he asked"); ".." is an ellipsis.
            if not ending.endswith(".") or ending.endswith(".."):
                continue
            last = ending.split()[-1][:-1]
            if "." in last or (len(last) <= 3 and last.islower()) or last.lower() in abbreviations \
                    or any(c.isupper() for c in last[1:]):
                continue  # an abbreviation or unit the splitter did not know ("a.m.", "sq.", "PhD.")
        fixed = w[:1].upper() + w[1:]
        yield rule.issue(first.start, first.end, fixed, word=w)
