"""`mtfix review`: one suggestion at a time, answers y/n/a/e/q, from a pipe (one answer per line)
and from a terminal (a pseudo-terminal here); accepted changes written atomically."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import EXAMPLES, ROOT

SEED = EXAMPLES / "kaliningrad-mt.txt"


def review(path, answers: str, *args):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "mtfix", "review", *args, str(path)], input=answers.encode(),
                          capture_output=True, cwd=ROOT, env=env, timeout=120)


def proposals(cli, path, *args):
    """The changes review proposes, in its order: each issue's fix (else its first suggestion)."""
    r = cli("check", "--format", "json", *args, str(path))
    found = [i for i in json.loads(r.stdout) if i["fix"] or i["suggestions"]]
    out = []
    for i in sorted(found, key=lambda i: (i["start"], i["end"], i["code"])):
        fix = i["fix"] or {"start": i["start"], "end": i["end"], "replacement": i["suggestions"][0]}
        out.append((i["code"], fix["start"], fix["end"], fix["replacement"]))
    return out


@pytest.fixture
def article(tmp_path):
    f = tmp_path / "article.txt"
    shutil.copy(SEED, f)
    return f


def test_y_then_q_applies_exactly_the_first_suggestion(cli, article):
    before = article.read_text(encoding="utf-8")
    code, start, end, repl = proposals(cli, article)[0]
    r = review(article, "y\nq\n")
    assert r.returncode == 0, r.stderr
    assert article.read_text(encoding="utf-8") == before[:start] + repl + before[end:]
    out = r.stdout.decode()
    assert "[1/" in out and code in out and "Wrote" in out and "1 applied" in out
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.txt"]   # no temp file left


def test_answering_n_to_everything_changes_nothing(cli, article):
    before = article.read_bytes()
    n = len(proposals(cli, article))
    r = review(article, "n\n" * (n + 5))
    assert r.returncode == 0, r.stderr
    assert article.read_bytes() == before
    assert "0 applied" in r.stdout.decode() and "no file changed" in r.stdout.decode()
    assert r.stdout.decode().count("Apply? ") == n


def test_a_applies_every_later_one_of_that_rule(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("One , two , three , four the the end.\n", encoding="utf-8")
    r = review(f, "a\nn\n", "--select", "MT301,MT304")
    assert r.returncode == 0, r.stderr
    # All three MT301 spaces fixed after one answer; the doubled word (answered n) left alone.
    assert f.read_text(encoding="utf-8") == "One, two, three, four the the end.\n"
    assert r.stdout.decode().count("Apply? ") == 2


def test_e_types_a_replacement_and_unknown_answers_ask_again(cli, tmp_path):
    f = tmp_path / "e.txt"
    f.write_text("We need to discuss about the plan.\n", encoding="utf-8")
    r = review(f, "maybe\ne\ntalk over\n")
    assert r.returncode == 0, r.stderr
    assert f.read_text(encoding="utf-8") == "We need to talk over the plan.\n"
    out = r.stdout.decode()
    assert "a apply all remaining of this rule" in out      # the help, after "maybe"


def test_end_of_answers_keeps_what_was_accepted(cli, tmp_path):
    f = tmp_path / "k.txt"
    f.write_bytes("First , line.\r\nSecond , line.\r\n".encode("utf-8"))
    r = review(f, "y\n", "--select", "MT301")           # input ends after one answer
    assert r.returncode == 0
    assert f.read_bytes() == "First, line.\r\nSecond , line.\r\n".encode("utf-8")   # CRLF kept


def test_standard_input_as_file_is_refused(cli):
    r = cli("review", "-", input=b"y\n")
    assert r.returncode == 2 and b"review: give files" in r.stderr


def test_review_in_a_terminal(cli, article):
    before = article.read_text(encoding="utf-8")
    props = proposals(cli, article)
    from test_review_terminal import session

    code, out = session([article], ["n", "y", "q"])
    assert code == 0, out
    _, start, end, repl = props[1]          # the second proposal, the one answered y
    assert article.read_text(encoding="utf-8") == before[:start] + repl + before[end:]
    assert out.count("Apply? [y,n,a,e,q,?]") == 3 and "1 applied" in out
