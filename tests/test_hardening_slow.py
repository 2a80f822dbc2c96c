"""Inputs that used to be quadratic (issue 14): each must finish far inside a generous budget.

These are guards, not measurements (benchmarks/slow_inputs.py measures time per KB against
ordinary text): the input is large enough that the quadratic code took minutes, while the
linear code takes a fraction of a second, so the budget cannot be hit by a slow machine alone.
"""
from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest

import mtfix
from mtfix.analysis import sentence_spans
from mtfix.fixer import unified_diff
from mtfix.protect import markdown_protected, plain_protected

BUDGET = 10     # seconds; the quadratic code needed minutes for these sizes
N = 256 * 1024


@contextmanager
def budget(seconds: int = BUDGET):
    def stop(signum, frame):
        raise AssertionError(f"took more than {seconds} s: not linear")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("text", [
    "a" * N, "A" * N, "a." * (N // 2), "http://a" + "." * N, "www." + "." * N,
    "x" * N + "@", "%" + "0" * N + "z", "a@" + "b" * N,
], ids=["aaaa", "AAAA", "a.a.", "url-dots", "www-dots", "local-part", "printf-zeros", "domain"])
def test_plain_protection_is_linear(text):
    with budget():
        plain_protected(text)


def test_protection_still_finds_urls_emails_and_placeholders():
    text = "See https://example.com/a_(b). or www.x.org, mail me@x.co.uk, %(name)s and %05d {0}."
    found = [text[s:e] for s, e in plain_protected(text)]
    assert found == ["https://example.com/a_(b", "www.x.org", "me@x.co.uk", "%(name)s", "%05d", "{0}"]


@pytest.mark.parametrize("text", [
    "`" * N, "<!--" * (N // 4), "    x\n" * (N // 6), "](" * (N // 2), "![" * (N // 2),
], ids=["backticks", "open-comments", "indented-lines", "link-openers", "image-openers"])
def test_markdown_protection_is_linear(text):
    with budget():
        markdown_protected(text)


def test_markdown_code_spans_and_comments():
    text = "Use ``a ` b`` and `c`, not `d; <!-- the the --> x <!-- open"
    spans = [text[s:e] for s, e in markdown_protected(text)]
    assert spans == ["``a ` b``", "`c`", "<!-- the the -->"]


@pytest.mark.parametrize("text", [
    "A. " * (N // 3), "http://a" + "." * N, "." * N, "Mr. " * (N // 4), "e.g. " * (N // 5),
], ids=["initials", "url-dots", "dots", "abbreviations", "eg"])
def test_sentence_split_is_linear(text):
    with budget():
        sentence_spans(text)


def test_sentence_split_still_skips_abbreviations_and_initials():
    text = "Mr. J. Smith met Dr. Who at 5 p.m. today. Then he left... Fine! ok"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Mr. J. Smith met Dr. Who at 5 p.m. today.", "Then he left...", "Fine!", "ok"]


def test_check_on_64kb_of_initials_finishes():
    """The issue's reproducer through the API: 64 KB of ``A. A. A.`` took 21-38 s."""
    with budget():
        mtfix.check(("A. " * 22000)[:64 * 1024])


def test_diff_of_a_large_file_is_linear():
    """``fix --diff`` on a 2 MB PO file took over 5 minutes in difflib."""
    lines = [f'msgid "entry {i}"\nmsgstr "the the entry {i} ."\n\n' for i in range(40000)]
    old = "".join(lines)
    new = old.replace("the the", "the").replace(" .", ".")
    with budget():
        diff = unified_diff(old, new, "big.po")
    minus = [l for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")]
    plus = [l for l in diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
    assert len(minus) == len(plus) == 40000
    assert minus[0] == '-msgstr "the the entry 0 ."' and plus[0] == '+msgstr "the entry 0."'


def test_diff_is_a_correct_patch():
    """Applying the diff's hunks to the old text gives the new text (lines added and removed)."""
    old = "".join(f"line {i}\n" for i in range(3000))
    new = old.replace("line 10\n", "").replace("line 2000\n", "line 2000\nadded\n").replace(
        "line 2999\n", "line 2999")
    assert _patch(old, unified_diff(old, new, "f")) == new


def _patch(old: str, diff: str) -> str:
    """A minimal ``patch``: enough to apply mtfix's own unified diffs."""
    import re

    a = old.splitlines(keepends=True)
    out, pos = [], 0
    lines = diff.splitlines(keepends=True)[2:]
    k = 0
    while k < len(lines):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[k])
        assert m, lines[k]
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out.extend(a[pos:start])
        pos = start
        k += 1
        while k < len(lines) and not lines[k].startswith("@@"):
            tag, body = lines[k][0], lines[k][1:]
            if k + 1 < len(lines) and lines[k + 1].startswith("\\ No newline"):
                body = body[:-1]
                k += 1
            if tag in " -":
                assert a[pos] == body, (a[pos], body)
                pos += 1
            if tag in " +":
                out.append(body)
            k += 1
    out.extend(a[pos:])
    return "".join(out)
