"""Issue 25, what a newcomer trips on: unknown extensions, PO on standard input, the summary's
hints, a broken pipe and SARIF fixes -- asserted on what the command line shows."""
import json
import subprocess
import sys

from conftest import ROOT, run_cli

BAD = "As mentioned , the plan.\n"
PO = ('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
      'msgid "a"\nmsgstr "As mentioned , the plan."\n')


def test_unknown_extension_is_refused_in_one_line_unless_format_in_names_one(tmp_path):
    f = tmp_path / "notes.cfg"
    f.write_text(BAD, encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text(BAD, encoding="utf-8")
    r = run_cli("check", str(f), str(ok))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "unknown file extension '.cfg'" in err[0] and "--format-in" in err[0]
    assert "ok.txt:1:13: MT301" in r.stdout.decode()        # the other file is still checked
    r = run_cli("check", "--format-in", "text", str(f))
    assert r.returncode == 1 and "notes.cfg:1:13: MT301" in r.stdout.decode()


def test_recursive_skips_unknown_extensions_and_says_so_with_verbose(tmp_path):
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "b.cfg").write_text(BAD, encoding="utf-8")
    quiet = run_cli("check", "-r", str(tmp_path))
    assert quiet.returncode == 1 and "b.cfg" not in quiet.stdout.decode() + quiet.stderr.decode()
    loud = run_cli("check", "-r", "--verbose", str(tmp_path))
    assert loud.returncode == 1
    assert "skipped" in loud.stderr.decode() and "b.cfg" in loud.stderr.decode()
    assert "a.txt:1:13" in loud.stdout.decode()


def test_po_on_stdin_is_read_as_po_and_its_header_is_left_alone():
    r = run_cli("fix", "--write", "-", input=PO.encode())
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "plural=(n != 1);" in out                    # the header is not prose
    assert 'msgstr "As mentioned, the plan."' in out
    assert out == PO.replace("mentioned ,", "mentioned,")


def test_unsafe_fixes_hint_keeps_the_flag_and_stdin_gets_no_review_dash(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD * 2, encoding="utf-8")
    r = run_cli("fix", "--unsafe-fixes", str(f))
    assert "`mtfix fix --write --unsafe-fixes`" in r.stderr.decode()
    r = run_cli("fix", "-", input=b"It is a very unique solution , I think.\n")
    assert "mtfix review -" not in r.stderr.decode()


def test_broken_pipe_keeps_exit_1_when_issues_were_found(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD * 3000, encoding="utf-8")
    env_py = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from mtfix.cli import entry; sys.argv[0]='mtfix'; entry()"
    p = subprocess.run(["bash", "-c", f'set -o pipefail; NO_COLOR=1 "{sys.executable}" -c "$0" check "{f}" | head -1',
                        env_py], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1
    assert p.stdout.count("\n") == 1 and "MT301" in p.stdout
    assert "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


def test_sarif_carries_a_fix_for_a_safe_fix_in_a_text_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    log = json.loads(run_cli("check", "--format", "sarif", str(f)).stdout)
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "MT301")
    (change,) = result["fixes"][0]["artifactChanges"]
    (rep,) = change["replacements"]
    region = rep["deletedRegion"]
    line = BAD.splitlines()[region["startLine"] - 1]
    fixed = line[:region["startColumn"] - 1] + rep["insertedContent"]["text"] + line[region["endColumn"] - 1:]
    assert fixed == "As mentioned, the plan."


def test_a_catalogue_with_nothing_translated_is_not_all_clear(tmp_path):
    empty = tmp_path / "empty.po"
    empty.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                     'msgid "Save"\nmsgstr ""\n\n#, fuzzy\nmsgid "Open"\nmsgstr "Open it , now"\n',
                     encoding="utf-8")
    r = run_cli("check", str(empty))
    out = r.stdout.decode()
    assert r.returncode == 0
    assert "All clear" not in out and "Nothing checked: no text to check in 1 file" in out
    ok = tmp_path / "ok.txt"
    ok.write_text("The plan is ready.\n", encoding="utf-8")
    out = run_cli("check", str(empty), str(ok)).stdout.decode()
    assert "All clear: no issues in 2 files." in out
    assert "1 file had no text to check: " in out and "empty.po" in out.splitlines()[-1]


def test_color_always_never_and_the_environment(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    assert "\x1b[" in run_cli("check", "--color", "always", str(f)).stdout.decode()   # NO_COLOR=1 is set
    r = subprocess.run([sys.executable, "-m", "mtfix", "check", "--color", "never", str(f)], capture_output=True,
                       env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1"}, timeout=120)
    assert r.returncode == 1 and "MT301" in r.stdout.decode() and "\x1b[" not in r.stdout.decode()
    r = subprocess.run([sys.executable, "-m", "mtfix", "check", str(f)], capture_output=True,
                       env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "FORCE_COLOR": "1"}, timeout=120)
    assert "\x1b[" in r.stdout.decode()


def test_output_file_gets_the_report_and_the_exit_code_is_kept(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(BAD, encoding="utf-8")
    out = tmp_path / "report.json"
    r = run_cli("check", "--format", "json", "--output-file", str(out), str(f))
    assert r.returncode == 1 and r.stdout == b""
    assert [i["code"] for i in json.loads(out.read_text(encoding="utf-8"))] == ["MT301"]
    r = run_cli("check", "-o", str(tmp_path / "no" / "such" / "dir.txt"), str(f))
    assert r.returncode == 2 and len(r.stderr.decode().strip().splitlines()) == 1
    assert "cannot write the report" in r.stderr.decode()


def test_precommit_hooks_take_the_new_formats_but_not_every_xml_or_typescript_file():
    import re

    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        files = re.compile(hook["files"])
        for path in ["app/messages_de.properties", "lib/l10n/app_de.arb", "de.lproj/Localizable.strings",
                     "app/src/main/res/values-de/strings.xml", "po/de.po"]:
            assert files.search(path), (hook["id"], path)
        for path in ["pom.xml", "src/app.ts", "build.gradle"]:
            assert not files.search(path), (hook["id"], path)
