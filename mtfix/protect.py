"""Protected spans: what no rule may flag or edit (URLs, e-mail, placeholders, markup, code)."""
from __future__ import annotations

import re

Spans = tuple[tuple[int, int], ...]

# Every pattern here must stay linear: ``finditer`` tries it at every position, so a part that
# can scan a long run (``aaaa…``, ``....``) must either be bounded or start only where the run
# starts (a look-behind), and quantifiers that could split one run two ways are possessive.
# The scheme is bounded (registered schemes are far shorter than 32 characters); a body that
# fails holds only punctuation, so no other URL can start inside it.
URL = r"(?:[a-z][a-z0-9+.-]{0,31}://|www\.)[^\s<>\"“”'`)\]]*[^\s<>\"“”'`)\].,;:!?]"
# The local part starts where its run starts, so ``aaaa…`` is scanned once, not once per letter.
EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]++(?:\.[\w-]++)+"
PLACEHOLDER = (r"\{\{[^{}\n]*\}\}|\$\{[^{}\n]*\}|\{[\w.:,# -]*\}"       # {{x}} ${x} {x} {0}
               # printf / %(x)s; the space flag never right before the conversion letter: in
               # prose "50 % of", "50 % d'entre eux", "50 % sur" (French, Turkish) are words
               r"|%(?:\d+\$)?(?:\([\w.]+\))?(?:[-+0#]| (?![a-z]))*+\d*+(?:\.\d+)?[sdifgxXeEoucr]|%%"
               # (a literal %% only as two signs together: in "15% - 26%" nothing is a placeholder)
               r"|%[A-Z_]+%")                                                # %NAME%
_PLAIN = re.compile(f"{URL}|{EMAIL}|{PLACEHOLDER}", re.I)

# YAML (``---``) or Hugo-style TOML (``+++``) front matter: metadata, not prose.
_FRONT_MATTER = re.compile(
    r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n.*?\r?\n(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
# Code spans and HTML comments are found by scanners below (a regular expression retried at
# every backtick or ``<!--`` of an unclosed run is quadratic); the rest cannot run past a line
# or a closing bracket.
_MD_INLINE = re.compile(
    r"<[A-Za-z/!][^<>\n]*>"                              # HTML tag, autolink
    r"|!\["                                              # image: the "!" belongs to the markup
    r"|\]\([^()\s]*+(?:\([^()\s]*+\)[^()\s]*+)*+(?:\s+\"[^\"]*\")?\)"  # link / image target
    r"|^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$"                    # reference definition
    r"|^(?:\t|[ ]{4})[^\n]*$",                           # indented code line (approximation)
    re.M,
)
_TICKS = re.compile(r"`+")


def plain_protected(text: str) -> Spans:
    # Every URL, address and placeholder holds "://", "www.", "@", "{" or "%": a text with none
    # of them (most sentences) skips the regular expression, which costs ~0.1 us a character.
    if "@" not in text and "{" not in text and "%" not in text and "://" not in text \
            and "www." not in text.lower():
        return ()
    return tuple((m.start(), m.end()) for m in _PLAIN.finditer(text))


_LONE_CR = re.compile(r"\r(?!\n)")


def lone_cr_as_lf(text: str) -> str:
    """``text`` with each line break written as a lone CR (old Mac files) as LF: the same length,
    so every offset found in it holds in ``text``, and the line-anchored patterns see the lines."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


def markdown_protected(text: str) -> Spans:
    text = lone_cr_as_lf(text)
    spans: list[tuple[int, int]] = []
    fm = _FRONT_MATTER.match(text)
    if fm:
        spans.append((0, fm.end()))
    spans.extend(_fences(text))
    spans.extend(_code_spans(text))
    spans.extend(_comments(text))
    spans.extend((m.start(), m.end()) for m in _MD_INLINE.finditer(text)
                 if not _indented_in_list(text, m))
    spans.extend(plain_protected(text))
    return merge(spans)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """CommonMark code spans: a run of N backticks up to the next run of exactly N. Runs are
    indexed by length once, so each opener finds its closer by bisection (linear overall)."""
    from bisect import bisect_right

    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    by_len: dict[int, list[int]] = {}
    for s, e in runs:
        by_len.setdefault(e - s, []).append(s)
    out, pos = [], 0
    for s, e in runs:
        if s < pos:
            continue
        starts = by_len[e - s]
        k = bisect_right(starts, s)
        if k < len(starts):
            close = starts[k] + (e - s)
            out.append((s, close))
            pos = close
    return out


def _comments(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    while (s := text.find("<!--", pos)) >= 0:
        e = text.find("-->", s + 4)
        if e < 0:
            break           # no later comment can close either
        out.append((s, e + 3))
        pos = e + 3
    return out


def _fences(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    while True:
        m = _FENCE_OPEN.search(text, pos)
        if not m:
            return out
        fence = m.group(1)
        close = re.compile(rf"^[ ]{{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*\r?$", re.M)
        c = close.search(text, m.end() + 1)
        end = c.end() if c else len(text)
        out.append((m.start(), end))
        pos = end + 1


def _indented_in_list(text: str, m: re.Match) -> bool:
    """An indented line continuing a list item is prose, not code."""
    if not m.group().startswith(("    ", "\t")):
        return False
    # Look at the previous line only (no copy of the text before it: that is quadratic).
    end = m.start()
    if end and text[end - 1] == "\n":
        end -= 1
        if end and text[end - 1] == "\r":
            end -= 1
    before = text[text.rfind("\n", 0, end) + 1:end]
    return bool(before.strip()) and not before.startswith(("    ", "\t"))


def merge(spans: list[tuple[int, int]]) -> Spans:
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)
