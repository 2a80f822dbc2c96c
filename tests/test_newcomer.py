"""What a newcomer meets first (issue 15): fix's summary line, the no-source-language hint,
``-r`` and .gitignore, MT706's choice of reference, explain/SARIF placeholders, ``rules`` width,
and the Python objects' repr/str."""
import json
import os

import pytest

import mtfix
from conftest import EXAMPLES, json_issues as issues

PO_HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _po(path, translation):
    path.write_text(PO_HEAD + f'msgid "Сохранить"\nmsgstr "{translation}"\n', encoding="utf-8")
    return str(path)


def test_mt706_flags_the_outlier_not_the_majority(tmp_path, cli):
    """First file has the odd one out; the next two agree: the outlier is never the reference
    for them, and the majority is never flagged."""
    a = _po(tmp_path / "a.po", "Keep")
    b = _po(tmp_path / "b.po", "Save")
    c = _po(tmp_path / "c.po", "Save")
    two = tmp_path / "d.po"
    two.write_text(PO_HEAD + 'msgid "Сохранить"\nmsgstr "Save"\n\nmsgctxt "x"\nmsgid "Отмена"\n'
                   'msgstr "Cancel"\n', encoding="utf-8")
    # Whatever the order of the files, only the outlier is flagged, against the majority.
    for order in ([a, str(two), b, c], [b, c, a, str(two)], [str(two), a, c, b]):
        found = issues(cli, "--select", "MT706", *order)
        assert [(os.path.basename(i["file"]), i["suggestions"]) for i in found] == [("a.po", ["Save"])]
        assert "d.po:5" in found[0]["message"] or "b.po:5" in found[0]["message"]




def test_precommit_hooks_run_in_one_process():
    import yaml

    from conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all(h.get("require_serial") is True for h in hooks)


def test_recursive_honours_gitignore_hidden_and_node_modules(tmp_path, cli):
    (tmp_path / ".git").mkdir()
    for rel in ["docs/a.txt", "docs/build/b.txt", "notes.log.txt", "keep/c.txt", "node_modules/pkg/d.md",
                ".cache/e.txt", "deep/x/f.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("As mentioned , the plan.\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("build/\n*.log.txt\n/deep/\n", encoding="utf-8")
    (tmp_path / "keep" / ".gitignore").write_text("c.txt\n", encoding="utf-8")
    files = lambda *extra: sorted(os.path.relpath(i["file"], tmp_path).replace(os.sep, "/")
                                  for i in issues(cli, "--select", "MT301", "-r", *extra, str(tmp_path)))
    assert files() == ["docs/a.txt"]
    assert files("--no-ignore") == sorted(["docs/a.txt", "docs/build/b.txt", "notes.log.txt", "keep/c.txt",
                                           "node_modules/pkg/d.md", ".cache/e.txt", "deep/x/f.txt"])
    # A file named on the command line is checked even when ignored.
    assert len(issues(cli, "--select", "MT301", str(tmp_path / "docs/build/b.txt"))) == 1


def test_explain_and_sarif_show_no_raw_placeholder(cli):
    out = cli("explain", "MT301").stdout.decode()
    assert "Remove the space before '…'" in out and "{mark}" not in out
    r = cli("check", "--format", "sarif", str(EXAMPLES / "kaliningrad-mt.txt"))
    rules = json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not [x for x in rules if "{" in x["shortDescription"]["text"]]


def test_explain_finds_a_phrase_entry_without_its_pack_prefix(cli):
    r = cli("explain", "discuss-about")
    assert r.returncode == 0, r.stderr
    assert "en.discuss-about" in r.stdout.decode() and "discuss about" in r.stdout.decode()


@pytest.mark.parametrize("columns", ["80", "120"])
def test_rules_fit_the_terminal_width(cli, columns, monkeypatch):
    monkeypatch.setenv("COLUMNS", columns)
    out = cli("rules").stdout.decode()
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    assert "MT301  space-before-punctuation" in out


def test_fix_ends_with_a_summary_of_what_it_did_and_what_is_left(cli, tmp_path):
    import shutil

    f = tmp_path / "article.txt"
    shutil.copy(EXAMPLES / "kaliningrad-mt.txt", f)
    r = cli("fix", "--source-lang", "ru", str(f))
    last = r.stderr.decode().strip().splitlines()[-1]
    assert r.returncode == 1 and r.stdout.decode().startswith(f"--- a/{f}")
    assert last.startswith("Would fix ") and "apply with `mtfix fix --write`" in last
    assert f"`mtfix review {f}`" in last and "--unsafe-fixes" in last
    w = cli("fix", "--source-lang", "ru", "--write", str(f))
    assert w.stderr.decode().strip().splitlines()[-1].startswith("Fixed ")


def test_fix_on_only_unsafe_suggestions_says_so(cli, tmp_path):
    f = tmp_path / "u.txt"
    f.write_text("We need to discuss about the plan.\n", encoding="utf-8")
    r = cli("fix", str(f))
    assert r.returncode == 0 and r.stdout == b""
    lines = r.stderr.decode().splitlines()
    assert lines[0] == (f"No safe fixes in 1 file; 1 suggestion not applied: review it with "
                        f"`mtfix review {f}` or apply it with --unsafe-fixes.")


def test_no_source_language_hint_names_the_likely_source(cli):
    seed = str(EXAMPLES / "kaliningrad-mt.txt")
    out = cli("check", seed).stdout.decode().splitlines()
    assert out[-1].startswith("Hint: no source language set") and "--source-lang ru" in out[-1]
    assert not [l for l in cli("check", "--source-lang", "ru", seed).stdout.decode().splitlines()
                if l.startswith("Hint:")]
    # Machine-readable output stays exactly the documented format.
    json.loads(cli("check", "--format", "json", seed).stdout)


def test_any_source_idioms_run_without_a_source_language():
    """The source-independent pack (rules/en/idioms.yaml, any_source) runs whatever the source;
    a pair pack's calque only with its language."""
    assert [i.code for i in mtfix.check("We need to discuss about the plan.")] == ["MT491"]
    calque = "He recalled the direction to Norway troops of the marine corps."
    assert "MT4" not in {i.code[:3] for i in mtfix.check(calque)}
    assert "MT4" in {i.code[:3] for i in mtfix.check(calque, source_lang="ru")}


def test_issue_str_and_short_reprs():
    text = "As previously mentioned , the systems"
    issue = mtfix.check(text)[0]
    assert str(issue) == "1:24 MT301 Remove the space before ','"
    assert repr(issue) == ("Issue(MT301 space-before-punctuation 1:24 [23, 25) "
                           "\"Remove the space before ','\" -> ',' safe)")
    assert repr(issue.fix) == "Edit([23, 25) -> ',' MT301)"
    assert repr(issue.location) == "Location('<text>', 1, 24)"
    result = mtfix.fix("the the systems , now")
    assert repr(result) == "FixResult(changed, 2 edits, 2 issues, 0 remaining)"
    long = mtfix.model.Segment("word " * 200)
    assert len(repr(long)) < 100 and "(1000 chars)" in repr(long)


def test_score_is_exported_and_prints_briefly():
    s = mtfix.score("The plan was approved. The ministry said so.")
    assert isinstance(s, mtfix.Score) and isinstance(s.sentences[0], mtfix.SentenceScore)
    assert str(s) == f"{s.value:.1f}/100 (2 sentences)"
    assert repr(s) == f"Score({s.value}, 2 sentences)"
    assert repr(s.sentences[0]).startswith(f"SentenceScore({s.sentences[0].value}, [0, 22) ")


def test_every_public_name_has_a_docstring_and_help_is_useful():
    import inspect
    import pydoc

    for name in mtfix.__all__:
        if name == "__version__":
            continue
        obj = getattr(mtfix, name)
        assert inspect.getdoc(obj) and not inspect.getdoc(obj).startswith(name + "("), name
        if inspect.isclass(obj) and name != "Severity":
            for attr, member in vars(obj).items():
                if not attr.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                    assert inspect.getdoc(member), f"{name}.{attr}"
    text = pydoc.render_doc(mtfix, renderer=pydoc.plaintext)
    for word in ("check(", "fix(", "score(", "class Score", "class Issue", "source_lang", "mtfix rules"):
        assert word in text, word


def test_import_mtfix_does_not_load_the_scorer():
    import subprocess
    import sys

    code = "import sys, mtfix; print('mtfix.scorer' in sys.modules, 'Score' in dir(mtfix))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(EXAMPLES.parent)})
    assert out.stdout.split() == ["False", "True"]


def test_module_docstring_examples_run():
    import doctest

    assert doctest.testmod(mtfix).failed == 0


def test_readme_first_command_runs_and_ends_with_its_summary(cli):
    """The first command of the README, as a newcomer runs it after `pip install .`."""
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n", 1)[0]
    assert first.startswith("pip install . && mtfix ")
    args = first.split("&& mtfix ", 1)[1].split()
    r = cli(*args)
    assert r.returncode == 1 and r.stdout.decode().startswith("--- a/examples/")
    summary = r.stderr.decode().strip().splitlines()[-1]
    # The README shows the line the user will see (its counts move as the rules grow).
    import re

    shown = next(l for l in readme.splitlines() if l.startswith("Would fix "))
    pattern = re.sub(r"\d+", r"\\d+", re.escape(shown))
    assert re.fullmatch(pattern, summary), (shown, summary)


def test_mt706_after_a_fix_compares_the_fixed_translations(tmp_path):
    """A fix re-checks the segments it changed: their old form leaves the tally, so a repaired
    translation is not flagged against its own unrepaired self."""
    from mtfix.formats import read_path
    from mtfix.options import Options
    from mtfix.runner import fix_document

    memory: dict = {}
    options = Options(select=("MT304", "MT706"), extra={"translation_memory": memory})
    results = []
    for name, text in (("a.po", "Save the the file"), ("b.po", "Save the the file"), ("c.po", "Keep the file")):
        (tmp_path / name).write_text(PO_HEAD + f'msgid "Сохранить файл"\nmsgstr "{text}"\n', encoding="utf-8")
        res = fix_document(read_path(str(tmp_path / name)), options)
        results.append((name, res.new_text.rsplit('msgstr "', 1)[1].split('"')[0],
                        [(i.code, i.suggestions) for i in res.remaining]))
    assert results == [("a.po", "Save the file", []), ("b.po", "Save the file", []),
                       ("c.po", "Keep the file", [("MT706", ("Save the file",))])]
