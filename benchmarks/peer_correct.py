#!/usr/bin/env python3
"""How often does mtfix flag English that a peer calls correct? LanguageTool's own test suite:
the example sentences of its English rule files that carry no error (an ``<example>`` with no
``<marker>`` and no ``correction``), read from the language-en jar that
``scripts/languagetool-server provision`` already fetched (LGPL-2.1; read here, never shipped).

  python benchmarks/peer_correct.py [--jar PATH] [--show MT512] [--limit N]
  python benchmarks/peer_correct.py --incorrect [--source-lang ru] [--misses N]
  python benchmarks/peer_correct.py --fix      # the correct examples `mtfix fix` changes

No source is given, as for any English text a user checks. Prints the share of sentences with
any issue and the issues per rule, with every flagged sentence of the rules named by --show, and
ends with `RESULT sentences=... flagged=... flagged_share=... issues=...` (lower is better:
each is a false alarm unless the peer's example itself has a slip).

``--incorrect`` measures the other side, recall on the peer's test suite: the examples that mark
an error (``<marker>`` around the wrong words, and a ``correction`` or ``type="incorrect"``), and the share of
marked spans an mtfix issue overlaps, with the codes that found them (``RESULT ... marked=...
found=... found_share=...``). LanguageTool's rules include style and typography of its own
choosing (a brand name's capital, "oxford comma"), so this is a floor, not a target.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mtfix  # noqa: E402

VERSION = os.environ.get("MTFIX_LT_VERSION", "6.6")
_EXAMPLE = re.compile(r"<example([^>]*)>(.*?)</example>", re.S)
_RULE_FILES = ("org/languagetool/rules/en/grammar.xml", "org/languagetool/rules/en/style.xml")


def default_jar() -> Path:
    home = os.environ.get("MTFIX_LT_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "mtfix", f"languagetool-{VERSION}")
    return Path(home) / "lib" / f"language-en-{VERSION}.jar"


def _examples(jar: Path):
    """(attributes, body) of every ``<example>`` of the jar's English grammar and style rules."""
    with zipfile.ZipFile(jar) as zf:
        for name in _RULE_FILES:
            text = zf.read(name).decode("utf-8")
            for m in _EXAMPLE.finditer(text):
                yield m.group(1), m.group(2)


def correct_examples(jar: Path) -> list[str]:
    """The distinct error-free example sentences of the jar's English grammar and style rules.
    The files use DTD entities, so they are read as text: an example whose text still holds an
    entity after unescaping is left out rather than guessed."""
    out = set()
    for attrs, body in _examples(jar):
        if "correction=" in attrs or "<marker>" in body or 'type="incorrect"' in attrs:
            continue
        plain = html.unescape(re.sub(r"<[^>]+>", "", body)).strip()
        if plain and "&" not in plain:
            out.add(plain)
    return sorted(out)


def incorrect_examples(jar: Path) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of each distinct example of the jar's English grammar and style
    rules whose ``<marker>`` marks the error (entities handled as in ``correct_examples``)."""
    out = set()
    for attrs, body in _examples(jar):
        if not ("correction=" in attrs or 'type="incorrect"' in attrs):
            continue   # a marker alone may mark a style hint's span on correct text
        if body.count("<marker>") != 1 or body.count("</marker>") != 1:
            continue
        before, rest = body.split("<marker>", 1)
        inside, after = rest.split("</marker>", 1)
        parts = [html.unescape(re.sub(r"<[^>]+>", "", x)) for x in (before, inside, after)]
        if any("&" in x for x in parts) or not parts[1].strip():
            continue
        lead = len(parts[0]) - len(parts[0].lstrip())
        plain = (parts[0] + parts[1] + parts[2]).strip()
        start = len(parts[0]) - lead
        out.add((plain, start, start + len(parts[1])))
    return sorted(out)


def recall(jar: Path, limit: int | None, source_lang: str | None, misses: int) -> None:
    cases = incorrect_examples(jar)[:limit]
    found = 0
    by_code: Counter[str] = Counter()
    missed = []
    for s, a, b in cases:
        issues = mtfix.check(s, source_lang=source_lang) if source_lang else mtfix.check(s)
        hit = [i for i in issues if i.start < max(b, a + 1) and a < i.end]
        if hit:
            found += 1
            by_code[hit[0].code] += 1
        elif len(missed) < misses:
            missed.append(f"  {s[:a]}[[{s[a:b]}]]{s[b:]}")
    n = len(cases)
    print(f"LanguageTool {VERSION} incorrect examples: {n} marked errors, {found} overlapped by an "
          f"mtfix issue ({found / max(n, 1):.2%})")
    print("found by: " + ", ".join(f"{c} {k}" for c, k in by_code.most_common()))
    if missed:
        print("missed (first):\n" + "\n".join(missed))
    print(f"RESULT marked={n} found={found} found_share={found / max(n, 1):.4f}"
          + (f" source_lang={source_lang}" if source_lang else ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jar", type=Path, default=None)
    ap.add_argument("--show", default="", help="comma-separated codes whose flagged sentences to print")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--incorrect", action="store_true", help="recall on the examples that mark an error")
    ap.add_argument("--source-lang", default=None, help="with --incorrect: check as MT from this language")
    ap.add_argument("--misses", type=int, default=0, help="with --incorrect: print this many missed examples")
    ap.add_argument("--fix", action="store_true", help="how many correct examples `mtfix fix` changes, each shown")
    a = ap.parse_args()
    jar = a.jar or default_jar()
    if not jar.is_file():
        sys.exit(f"peer_correct: {jar} not found: run `scripts/languagetool-server provision` first")
    if a.incorrect:
        recall(jar, a.limit, a.source_lang, a.misses)
        return
    sents = correct_examples(jar)[:a.limit]
    if a.fix:
        changed = [(s, mtfix.fix(s).text) for s in sents]
        changed = [(s, f) for s, f in changed if f != s]
        for s, f in changed:
            print(f"{s!r}\n  -> {f!r}")
        print(f"RESULT sentences={len(sents)} changed={len(changed)}")
        return
    show = {c.strip() for c in a.show.split(",") if c.strip()}
    per_rule: Counter[str] = Counter()
    flagged = 0
    for s in sents:
        issues = mtfix.check(s)
        flagged += bool(issues)
        for i in issues:
            per_rule[i.code] += 1
            if i.code in show:
                print(f"{i.code} {s[i.start:i.end]!r}: {s}")
    n = len(sents)
    print(f"LanguageTool {VERSION} correct examples: {n} sentences, {flagged} flagged "
          f"({flagged / max(n, 1):.2%}), {sum(per_rule.values())} issues")
    print("issues by rule: " + ", ".join(f"{c} {k}" for c, k in per_rule.most_common()))
    print(f"RESULT sentences={n} flagged={flagged} flagged_share={flagged / max(n, 1):.4f} "
          f"issues={sum(per_rule.values())}")


if __name__ == "__main__":
    main()
