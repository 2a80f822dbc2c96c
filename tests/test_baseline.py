"""Issue 25: ``--baseline FILE`` records today's findings (``--update-baseline``) and later runs
report and fail only on new ones, matched by rule, file and the text around them -- not by line,
so edits elsewhere in a file do not bring old findings back."""
import json

import pytest

from conftest import run_cli

PO = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
      'msgid "a"\nmsgstr "As mentioned , the plan."\n\nmsgid "b"\nmsgstr "Another line , here."\n')


def _check(tmp_path, *args):
    return run_cli("check", "--select", "MT301", *args, cwd=tmp_path)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_only_new_findings_fail_and_moved_ones_stay_recorded(tmp_path, jobs):
    (tmp_path / "app.po").write_text(PO, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Some text , here.\n", encoding="utf-8")
    r = _check(tmp_path, "-j", jobs, "--baseline", "mtfix-baseline.json", "--update-baseline", "app.po", "notes.txt")
    assert r.returncode == 0, r.stderr
    assert "Recorded 3 findings in the baseline mtfix-baseline.json." in r.stderr.decode()
    data = json.loads((tmp_path / "mtfix-baseline.json").read_text(encoding="utf-8"))
    assert sorted(f["file"] for f in data["findings"]) == ["app.po", "app.po", "notes.txt"]
    assert all("line" not in f for f in data["findings"])

    r = _check(tmp_path, "-j", jobs, "--baseline", "mtfix-baseline.json", "app.po", "notes.txt")
    assert r.returncode == 0, r.stdout
    assert "3 findings recorded in the baseline not shown." in r.stdout.decode()

    # New entries above the old ones move every line: the old findings stay recorded.
    moved = PO.replace('msgid "a"', 'msgid "new"\nmsgstr "A new entry , added."\n\nmsgid "z"\nmsgstr "Fine."\n\nmsgid "a"')
    (tmp_path / "app.po").write_text(moved, encoding="utf-8")
    r = _check(tmp_path, "-j", jobs, "--baseline", "mtfix-baseline.json", "app.po", "notes.txt")
    assert r.returncode == 1
    out = r.stdout.decode()
    assert out.count("MT301") == 1 and "app.po:5:" in out and "[new]" in out
    assert "3 findings recorded in the baseline not shown." in out


def test_a_second_copy_of_a_recorded_finding_is_new(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Some text , here.\n", encoding="utf-8")
    assert _check(tmp_path, "--baseline", "b.json", "--update-baseline", "a.txt").returncode == 0
    p.write_text("Some text , here.\nSome text , here.\n", encoding="utf-8")
    r = _check(tmp_path, "--baseline", "b.json", "--format", "json", "a.txt")
    assert r.returncode == 1
    issues = json.loads(r.stdout)
    issues = issues if isinstance(issues, list) else issues["issues"]
    assert len(issues) == 1


def test_the_baseline_matches_from_another_working_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Some text , here.\n", encoding="utf-8")
    assert _check(tmp_path, "--baseline", "b.json", "--update-baseline", "docs/a.txt").returncode == 0
    r = run_cli("check", "--select", "MT301", "--baseline", "../b.json", "a.txt", cwd=tmp_path / "docs")
    assert r.returncode == 0, r.stdout


@pytest.mark.parametrize("content,why", [
    (None, "no such baseline file (create it with --update-baseline)"),
    ("{not json", "not a baseline file (not valid JSON"),
    ('{"findings": [{"file": 1}]}', "a finding lacks file, code or context"),
])
def test_a_bad_baseline_is_one_line_and_exit_2(tmp_path, content, why):
    (tmp_path / "a.txt").write_text("Some text , here.\n", encoding="utf-8")
    if content is not None:
        (tmp_path / "b.json").write_text(content, encoding="utf-8")
    r = _check(tmp_path, "--baseline", "b.json", "a.txt")
    err = r.stderr.decode().strip().splitlines()
    assert r.returncode == 2 and len(err) == 1 and why in err[0] and r.stdout == b""


def test_update_baseline_needs_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    r = _check(tmp_path, "--update-baseline", "a.txt")
    assert r.returncode == 2 and "--update-baseline needs --baseline FILE" in r.stderr.decode()
