"""Inputs that were still quadratic after issue 14 (issue 26): each must finish far inside a
generous budget, and still find what it found before. The sizes are those where the quadratic
code took from half a minute to several minutes; benchmarks/slow_inputs.py measures the ratios."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from test_hardening_slow import budget

import mtfix
from mtfix import glossary
from mtfix.formats.markdown import headings


@pytest.mark.parametrize("unit", ["1 ", "10 ", "ha ", "no ", "OH ", "ABC ", "7 926 "])
def test_long_run_of_a_short_token_is_linear(unit):
    text = unit * (32 * 1024 // len(unit))
    with budget():
        issues = mtfix.check(text)
    assert not [i for i in issues if i.code == "MT305"]   # a run of numbers or "ha" is no loop


def test_a_loop_inside_a_long_run_is_still_found():
    text = "1 " * 3000 + "the testimony of the testimony of the testimony of the case."
    with budget():
        issues = [i for i in mtfix.check(text) if i.code == "MT305"]
    assert len(issues) == 1 and text[issues[0].start:issues[0].end] == " the testimony of the testimony of"


def test_markdown_one_long_line_is_linear():
    with budget():
        assert headings("a" * 256 * 1024) == ()
        assert headings("a \n" * 64 * 1024) == ()
    assert headings("Title\n=====\n\nText.\n   \n---\n") == ((0, 11),)


def _run(*args: str, timeout: int = 20) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "mtfix", *args], capture_output=True, env=env,
                          timeout=timeout)


@pytest.mark.parametrize("kind", ["json", "po"])
def test_long_string_with_many_issues_is_linear(tmp_path, kind):
    text = "word , " * (64 * 1024 // 7)
    f = tmp_path / f"long.{kind}"
    f.write_text(json.dumps({"a": text}) if kind == "json" else f'msgid "x"\nmsgstr "{text}"\n',
                 encoding="utf-8")
    r = _run("check", "--isolated", "--format", "json", str(f))     # took 33 s (json), 39 s (po)
    found = json.loads(r.stdout)
    found = found if isinstance(found, list) else found["issues"]
    found = [i for i in found if i["code"] == "MT301"]      # the space before each comma
    assert r.returncode == 1 and len(found) == text.count(" ,")
    line = 2 if kind == "po" else 1
    col = (len('msgstr "') if kind == "po" else len('{"a": "')) + len("word") + 1
    assert {(i["line"], i["column"]) for i in found[:1]} == {(line, col)}


def test_large_glossary_loads_in_linear_time(tmp_path):
    g = tmp_path / "big.csv"
    rows = [f"термин{k} слово{k},term{k} thing" for k in range(100_000)]
    g.write_text("source,target\n" + "\n".join(rows) + "\nГосдума,State Duma\nC++,C plus plus\nЕС,EU\n",
                 encoding="utf-8")
    with budget():              # compiling two expressions per row took ~2 ms a row
        terms = glossary.load(str(g))
    assert len(terms) == 100_003
    source = "Госдумы и ЕС обсуждали C++ и термин77 слово77."
    full = [t.source for t in terms if t.source_re.search(source)]
    with budget():
        assert [t.source for t in glossary.candidates(terms, source)
                if t.source_re.search(source)] == full == ["термин77 слово77", "Госдума", "C++", "ЕС"]
