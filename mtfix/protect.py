"""Protected spans: what no rule may flag or edit (URLs, e-mail, placeholders, markup, code)."""
from __future__ import annotations

import re

Spans = tuple[tuple[int, int], ...]

URL = r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"“”'`)\]]*[^\s<>\"“”'`)\].,;:!?]"
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PLACEHOLDER = (r"\{\{[^{}\n]*\}\}|\$\{[^{}\n]*\}|\{[\w.:,# -]*\}"       # {{x}} ${x} {x} {0}
               r"|%(?:\d+\$)?(?:\([\w.]+\))?[-+ 0#]*\d*(?:\.\d+)?[sdifgxXeEoucr%]"  # printf / %(x)s
               r"|%[A-Z_]+%")                                                # %NAME%
_PLAIN = re.compile(f"{URL}|{EMAIL}|{PLACEHOLDER}", re.I)

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE_OPEN = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*$", re.M)
_MD_INLINE = re.compile(
    r"(?P<code>(?P<ticks>`+)[^`]*?(?P=ticks))"          # inline code
    r"|<!--.*?-->"                                       # HTML comment
    r"|<[A-Za-z/!][^<>\n]*>"                             # HTML tag, autolink
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"  # link / image target
    r"|^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$"                    # reference definition
    r"|^(?:\t|[ ]{4})[^\n]*$",                           # indented code line (approximation)
    re.M | re.S,
)


def plain_protected(text: str) -> Spans:
    return tuple((m.start(), m.end()) for m in _PLAIN.finditer(text))


def markdown_protected(text: str) -> Spans:
    spans: list[tuple[int, int]] = []
    fm = _FRONT_MATTER.match(text)
    if fm:
        spans.append((0, fm.end()))
    spans.extend(_fences(text))
    spans.extend((m.start(), m.end()) for m in _MD_INLINE.finditer(text)
                 if not _indented_in_list(text, m))
    spans.extend(plain_protected(text))
    return merge(spans)


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
    head = text[:m.start()]
    if head.endswith("\n"):
        head = head[:-1].rstrip("\r")
    before = head.rsplit("\n", 1)[-1]
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
