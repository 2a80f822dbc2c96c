"""The command line as a user runs it: output lines, diffs, exit codes, files written."""
import json
import re
import shutil

from conftest import EXAMPLES

SEED = EXAMPLES / "kaliningrad-mt.txt"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>MT\d{3}|LT:\S+) \S")


def test_check_reports_path_line_col_code_and_summary(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Intro line.\nAs previously mentioned , the systems moved.\n", encoding="utf-8")
    r = cli("check", str(f))
    assert r.returncode == 1
    out = r.stdout.decode().splitlines()
    hit = [l for l in out if LINE.match(l)]
    assert len(hit) == 1
    m = LINE.match(hit[0])
    assert (m["path"], m["line"], m["col"], m["code"]) == (str(f), "2", "24", "MT301")
    assert "(suggestion: ,)" in hit[0]
    assert any(l.startswith("Found 1 issue") for l in out)
    assert r.stderr == b""


def test_check_clean_file_exits_zero(cli, tmp_path):
    f = tmp_path / "clean.txt"
    f.write_text("The Defense Ministry said the systems were moved.\n", encoding="utf-8")
    r = cli("check", str(f))
    assert r.returncode == 0, r.stdout
    assert "no issues" in r.stdout.decode()


def test_fail_on_threshold(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Two  spaces here.\n", encoding="utf-8")   # MT303 is info
    assert cli("check", "--select", "MT303", str(f)).returncode == 0
    assert cli("check", "--select", "MT303", "--fail-on", "info", str(f)).returncode == 1
    assert cli("check", "--select", "MT303", "--fail-on", "never", str(f)).returncode == 0


def test_check_json(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("It is the the end.\n", encoding="utf-8")
    r = cli("check", "--format", "json", "--select", "MT304", str(f))
    data = json.loads(r.stdout)
    assert [(d["code"], d["line"], d["column"], d["suggestions"], d["safe"]) for d in data] == \
        [("MT304", 1, 7, ["the"], True)]


def test_select_and_ignore(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("It is the the end , really.\n", encoding="utf-8")
    codes = lambda r: [LINE.match(l)["code"] for l in r.stdout.decode().splitlines() if LINE.match(l)]
    assert codes(cli("check", "--select", "MT301", str(f))) == ["MT301"]
    assert codes(cli("check", "--select", "MT3", "--ignore", "MT301", str(f))) == ["MT304"]
    r = cli("check", "--select", "MT799", str(f))
    assert r.returncode == 2 and b"unknown rule code MT799" in r.stderr


def test_fix_shows_diff_then_write_applies_it(cli, tmp_path):
    f = tmp_path / "article.txt"
    shutil.copy(SEED, f)
    before = f.read_bytes()
    r = cli("fix", "--select", "MT3", str(f))
    assert r.returncode == 1
    diff = r.stdout.decode()
    assert f"--- a/{f}" in diff and f"+++ b/{f}" in diff
    assert "+As previously mentioned, the complexes" in diff
    assert f.read_bytes() == before                      # --diff writes nothing
    w = cli("fix", "--select", "MT3", "--write", str(f))
    assert w.returncode == 0
    assert b"As previously mentioned, the complexes" in f.read_bytes()
    again = cli("fix", "--select", "MT3", str(f))
    assert again.returncode == 0 and again.stdout == b""
    assert [p.name for p in tmp_path.iterdir()] == ["article.txt"]   # no temp file left behind


def test_write_keeps_bom_crlf_and_utf16(cli, tmp_path):
    text = "First , line.\r\nSecond the the line.\r\n"
    for enc, bom in (("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe")):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(bom + text.encode(enc))
        assert cli("fix", "--select", "MT3", "--write", str(f)).returncode == 0
        assert f.read_bytes() == bom + "First, line.\r\nSecond the line.\r\n".encode(enc)


def test_stdin(cli):
    r = cli("check", "--select", "MT3", "-", input="Hello , world.".encode())
    assert r.returncode == 1 and b"-:1:6: MT301" in r.stdout
    r = cli("fix", "--select", "MT3", "--write", "-", input="Hello , world.".encode())
    assert r.stdout == b"Hello, world."


def test_bad_inputs_one_line_each_exit_2_others_processed(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Hello , world.\n", encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café".encode("latin-1"))
    (tmp_path / "dir").mkdir()
    r = cli("check", str(tmp_path / "missing.txt"), str(binary), str(latin), str(tmp_path / "dir"), str(good))
    assert r.returncode == 2
    err = r.stderr.decode().splitlines()
    assert len(err) == 4, err
    assert all(l.startswith("mtfix: error: ") for l in err)
    assert "no such file" in err[0] and "binary" in err[1] and "UTF-8" in err[2] and "-r" in err[3]
    assert b"Traceback" not in r.stderr
    assert f"{good}:1:6: MT301".encode() in r.stdout


def test_recursive_directory(cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("Hello , world.\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    r = cli("check", "-r", str(tmp_path))
    assert r.returncode == 1 and b"a.md:1:6: MT301" in r.stdout


def test_usage_errors_exit_2(cli):
    assert cli("check").returncode == 2
    r = cli("frobnicate")
    assert r.returncode == 2 and b"Traceback" not in r.stderr


def test_rules_lists_every_rule(cli):
    r = cli("rules")
    assert r.returncode == 0
    out = r.stdout.decode()
    for code in ("MT301", "MT302", "MT303", "MT304"):
        assert re.search(rf"^{code}\s+\S+\s+(safe|unsafe)\s+\S", out, re.M), code


def test_score_prints_a_value_per_file(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The ministry said the systems were moved to the region.\n", encoding="utf-8")
    r = cli("score", str(good), str(SEED))
    assert r.returncode == 0
    values = [float(l.rsplit(":", 1)[1]) for l in r.stdout.decode().splitlines()]
    assert len(values) == 2 and all(0 <= v <= 100 for v in values)
    assert values[0] > values[1]


def test_check_does_not_read_source_as_an_abbreviation_of_source_lang(cli, tmp_path):
    f = tmp_path / "mt.txt"
    f.write_text("The talks went well.\n", encoding="utf-8")
    r = cli("check", "--source", str(f), str(f))
    err = r.stderr.decode()
    assert r.returncode == 2 and "unrecognized arguments: --source" in err
    assert "Traceback" not in err and "language" not in err
    assert cli("score", "--source", str(f), str(f)).returncode == 0   # score takes a source file
