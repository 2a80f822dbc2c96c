"""Punctuation and spacing (MT3xx): space before punctuation, the Russian-style dash after a
quotation, doubled spaces, doubled words, and for a CJK source, typewriter quotes where it has
typographic ones and its colon before a quotation. Plain regular expressions: exact, cheap, and
they never touch quotes or dashes that are not part of the fault (sacremoses' detokenizer
would)."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

from .. import lexicon
from ..analysis import Doc
from ..model import Edit, Issue
from . import Context, Rules

FAMILY = "punctuation"

_SPACE_BEFORE = re.compile(r"(?<=[\w”’\"»)\]%}>])([ \t\u00a0]+)([,.;:!?])(?![\w.)(])")
# A "}" or ">" before the space counts only when it closes a placeholder or a tag ("Hello {name} ,
# welcome", "<b>Save</b> ,"): an arrow ("->"), a comparison or a stray brace is left alone.
_CLOSES_PLACEHOLDER = re.compile(r"(?:\{[^{}\n]*\}+|<[A-Za-z/][^<>\n]*>)$")
_CLOSING = r"[”\"»]"
_DASH_AFTER_QUOTE = re.compile(
    rf"(?P<inner>[,.!?…])?(?P<q>{_CLOSING})(?P<comma>,)?[ \t\u00a0]*(?P<dash>—|–|--?)(?=[ \t\u00a0]+)"
)
_DOUBLE_SPACE = re.compile(r"(?<=[^\s.!?:])( {2,})(?=\S)")
_ATTRIBUTION_WORD = re.compile(r"[\w’'-]+|[.!?;:“«\"]")
# A Chinese, Japanese or Korean source with typographic quotation marks (“” or corner brackets).
_CJK_QUOTES = re.compile(r"[“”「」『』]")
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# A CJK source that introduces a quotation with a colon (说：“…”), and the colon the MT kept
# after a lower-case word (a capitalised one is more often a headline's place or name).
_SOURCE_COLON_QUOTE = re.compile(r"[：:]\s*[“「『\"]")
_COLON_QUOTE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*(:)(?=[ \u00a0]?[\"“])")


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    text = doc.text
    if (rule := rules.get("MT301")):
        for m in _SPACE_BEFORE.finditer(text):
            if m.group(2) == ":" and text[m.end():m.end() + 1] in ")(DPp":
                continue  # an emoticon, not a colon
            if text[m.start() - 1] in "}>" and not _CLOSES_PLACEHOLDER.search(text, max(0, m.start() - 200),
                                                                             m.start()):
                continue
            yield rule.issue(m.start(), m.end(), m.group(2), mark=m.group(2))
    # (Each pattern below needs a character tested first: most sentences have none of them,
    # and a one-sentence call should not pay for scans and word lists that cannot match.)
    if (rule := rules.get("MT302")) and ('"' in text or "”" in text or "»" in text):
        verbs = _speech_verbs(ctx)
        for m in _DASH_AFTER_QUOTE.finditer(text):
            if m.group("q") == '"' and (m.start("q") == 0 or text[m.start("q") - 1].isspace()):
                continue  # an opening straight quote
            if m.group("dash").startswith("-") and text[m.start("dash") - 1] not in " \t\u00a0":
                continue
            if not _is_attribution(text, m.end(), verbs):
                continue
            inner = m.group("inner")
            if inner is None and not text[m.start("q") - 1:m.start("q")].isalnum() \
                    and text[m.start("q") - 1:m.start("q")] not in ")%":
                continue
            mark = inner if inner in ("!", "?", "…") else ","
            fix = mark + m.group("q")
            yield rule.issue(m.start(), m.end(), fix, suggestion=fix)
    if (rule := rules.get("MT303")) and "  " in text:
        for line in _lines(text):
            ls, le = line
            gaps = list(_DOUBLE_SPACE.finditer(text, ls, le))
            if len(gaps) > 1 and _looks_tabular(text[ls:le]):
                continue
            for m in gaps:
                yield rule.issue(m.start(), m.end(), " ")
    if (rule := rules.get("MT304")):
        yield from _doubled(doc, rule, ctx)
    if (rule := rules.get("MT313")) and '"' in text:
        yield from _typewriter_quotes(doc, rule)
    if (rule := rules.get("MT314")) and ":" in text and (source := doc.segment.source):
        if _SOURCE_COLON_QUOTE.search(source) and _CJK_LETTER.search(source):
            for m in _COLON_QUOTE.finditer(text):
                yield rule.issue(m.start(1), m.end(1), ",")


def _typewriter_quotes(doc: Doc, rule) -> Iterator[Issue]:
    """Straight double quotes where the CJK source has typographic ones (MQM news20 zh-en: in 25%
    of MT outputs, 12% of human translations). Only a quote whose side is certain is flagged: an
    opening one after a space, bracket or dash and before a non-space; a closing one after a
    non-space (not a digit: 5" is five inches) and before a space, punctuation or the end.

    A quotation is one finding, not two: an opening quote whose next quote on the same line closes
    it is reported once, at the opening mark, with one fix that curls both (the text between is
    kept as it is). A lone quote, or a pair around a protected span the fixer may not rewrite, is
    reported mark by mark."""
    source = doc.segment.source or ""
    if not (_CJK_QUOTES.search(source) and _CJK_LETTER.search(source)):
        return
    text, seg = doc.text, doc.segment
    marks = [(m.start(), _quote_side(text, m.start())) for m in re.finditer('"', text)]
    k = 0
    while k < len(marks):
        pos, side = marks[k]
        if side == "opening" and k + 1 < len(marks) and marks[k + 1][1] == "closing":
            end = marks[k + 1][0] + 1
            if "\n" not in text[pos:end] and not seg.is_protected(pos, end):
                quoted = "“" + text[pos + 1:end - 1] + "”"
                issue = rule.issue(pos, pos + 1, marks="“…” around this quotation")
                yield replace(issue, fix=Edit(pos, end, quoted, rule.code), suggestions=(quoted,))
                k += 2
                continue
        if side is not None:
            mark = "“" if side == "opening" else "”"
            yield rule.issue(pos, pos + 1, mark, marks=f"the {side} quotation mark '{mark}'")
        k += 1


def _quote_side(text: str, k: int) -> str | None:
    """"opening", "closing", or None where the side of the straight quote at ``k`` is uncertain."""
    before, after = text[k - 1:k], text[k + 1:k + 2]
    if (not before or before.isspace() or before in "([{—–-") and after and not after.isspace():
        return "opening"
    if before and not before.isspace() and not before.isdigit() \
            and (not after or after.isspace() or after in ".,;:!?)]}—–"):
        return "closing"
    return None


def _doubled(doc: Doc, rule, ctx: Context) -> Iterator[Issue]:
    """The same word twice in a row. The fix (drop the second) is safe only for a function word
    ("the the", "of of"); a content word may be a reduplication ("ylang ylang", "bye bye"), so it
    gets a suggestion, and only when it is a common word. Three or more in a row are a loop
    (MT305)."""
    text, words = doc.text, doc.words
    ok = safe_words = suggest_only = None
    for k in range(len(words) - 1):
        a, b = words[k], words[k + 1]
        if a.lower != b.lower:
            continue
        if ok is None:   # the word lists, at the first pair of equal words (most texts have none)
            ok, safe_words = _doubled_ok(ctx), _doubled_safe(ctx)
            suggest_only = _words_for(ctx.registry, "doubled_word_suggest")
        if a.lower in ok or not a.text[0].isalpha() or (a.text.isupper() and len(a.text) > 1):
            continue  # all capitals: a heading or a numeral ("AT AT HOME", "Appe II II")
        gap = text[a.end:b.start]
        if not gap or gap.strip() or gap.count("\n") > 1:
            continue
        if len(a.text) == 1 and a.text.isupper() and a.text != "I":
            continue  # letters spelt out: "A - B - R - A A - B"
        if a.text[0].islower() and b.text[0].isupper() and k + 2 < len(words) \
                and words[k + 2].text[:1].isupper():
            continue  # a title that starts with the same word: "in the The Smashing Pumpkins article"
        if (k + 2 < len(words) and words[k + 2].lower == a.lower) or (k and words[k - 1].lower == a.lower):
            continue  # a loop of three or more: MT305's
        function = a.lower in safe_words
        common = lexicon.zipf(a.lower) >= 3.5
        if not function and not common:
            continue  # a rare word twice is more often a name or a reduplication ("Margale Margale")
        nxt = words[k + 2].text if k + 2 < len(words) else ""
        if a.text[0].isupper() and b.text[0].isupper() and not function \
                and (lexicon.zipf(a.lower) < 4.0 or nxt[:1].isupper()):
            continue  # a name: "Sirhan Sirhan", "Sir Run Run Shaw"; "The Islamic Islamic movement" is not
        # Dropping a copy is safe for a function word and for a common word whose doubling is no
        # English idiom (those are in doubled_word_ok: "very very", "bye bye", "had had").
        # Two capitals ("The Islamic Islamic movement") may still be a name ("Talk Talk"): a suggestion.
        capitals = a.text[0].isupper() and b.text[0].isupper()
        yield rule.issue(a.start, b.end, a.text, word=b.text,
                         safe=(function or common) and not capitals and a.lower not in suggest_only)


def _is_attribution(text: str, pos: int, verbs: frozenset[str]) -> bool:
    """Does a speech verb come within the next few words, before the sentence ends?"""
    for k, m in enumerate(_ATTRIBUTION_WORD.finditer(text, pos, min(len(text), pos + 80))):
        w = m.group()
        if not w[0].isalnum() and w not in ("-",):
            return False
        if w.lower() in verbs:
            return True
        if k >= 4:
            return False
    return False


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _looks_tabular(line: str) -> bool:
    return len(re.findall(r" {2,}", line.strip())) >= 2


@lru_cache(maxsize=16)
def _words_for(reg, key: str) -> frozenset[str]:  # noqa: ANN001 - a Registry (or None)
    # Cached per registry and key: rebuilding the word list on every call cost ~10 us a call,
    # which an editor or pipeline calling once per sentence pays every time.
    data = reg.data(FAMILY, key, []) if reg else []
    return frozenset(str(v).lower() for v in data)


def _speech_verbs(ctx: Context) -> frozenset[str]:
    return _words_for(ctx.registry, "speech_verbs")


def _doubled_safe(ctx: Context) -> frozenset[str]:
    return _words_for(ctx.registry, "doubled_word_safe")


def _doubled_ok(ctx: Context) -> frozenset[str]:
    return _words_for(ctx.registry, "doubled_word_ok")
