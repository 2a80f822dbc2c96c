"""Configuration files as a project uses them: every key, discovery by walking up, precedence
(command line > environment > file > default), `mtfix config`, and one-line errors (exit 2)."""
import json
import re
from pathlib import Path

import pytest

import mtfix
from mtfix.config import ConfigError, find_config, load

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>MT\d{3}|LT:\S+)")
TEXT = "It is the the end , really.\n"          # MT304 on "the the", MT301 on " ,"


def codes(r) -> list[str]:
    return [m["code"] for m in map(LINE.match, r.stdout.decode().splitlines()) if m]


def project(tmp_path: Path, config: str, name: str = "pyproject.toml", text: str = TEXT) -> Path:
    (tmp_path / name).write_text(config, encoding="utf-8")
    f = tmp_path / "docs" / "a.txt"
    f.parent.mkdir(exist_ok=True)
    f.write_text(text, encoding="utf-8")
    return f


def config_json(cli, tmp_path, *args) -> dict:
    r = cli("config", "--format", "json", *args, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["settings"]


# --- each key --------------------------------------------------------------------------------

def test_select_in_pyproject(cli, tmp_path):
    f = project(tmp_path, '[project]\nname = "x"\n\n[tool.mtfix]\nselect = ["MT301"]\n')
    assert codes(cli("check", str(f), cwd=tmp_path)) == ["MT301"]


def test_ignore_in_dot_mtfix_toml(cli, tmp_path):
    f = project(tmp_path, 'ignore = ["MT301"]\nselect = ["MT3"]\n', ".mtfix.toml")
    assert codes(cli("check", str(f), cwd=tmp_path)) == ["MT304"]


def test_extend_select_adds_to_select(cli, tmp_path):
    f = project(tmp_path, 'select = ["MT301"]\nextend-select = ["MT304"]\n', "mtfix.toml")
    assert sorted(codes(cli("check", str(f), cwd=tmp_path))) == ["MT301", "MT304"]
    assert sorted(codes(cli("check", "--extend-select", "MT303", "--select", "MT304", str(f),
                            cwd=tmp_path))) == ["MT304"]   # MT303 finds nothing here


def test_per_file_ignores(cli, tmp_path):
    f = project(tmp_path, '[tool.mtfix]\nselect = ["MT3"]\n[tool.mtfix.per-file-ignores]\n'
                          '"docs/*.txt" = ["MT301"]\n"*.md" = ["MT304"]\n')
    other = tmp_path / "b.txt"
    other.write_text(TEXT, encoding="utf-8")
    md = tmp_path / "docs" / "c.md"
    md.write_text(TEXT, encoding="utf-8")
    assert codes(cli("check", str(f), cwd=tmp_path)) == ["MT304"]
    assert sorted(codes(cli("check", str(other), cwd=tmp_path))) == ["MT301", "MT304"]
    assert codes(cli("check", str(md), cwd=tmp_path)) == ["MT301"]
    out = cli("config", str(f), cwd=tmp_path).stdout.decode()
    assert f"# ignored for {f}: MT301" in out


def test_source_lang_target_locale_glossary_reach_the_options(tmp_path):
    (tmp_path / "terms.csv").write_text("source,target\nМинобороны,Defense Ministry\n", encoding="utf-8")
    (tmp_path / "mtfix.toml").write_text('source-lang = "RU"\ntarget-locale = "en_gb"\n'
                                         'glossary = "terms.csv"\n', encoding="utf-8")
    s = load(find_config(tmp_path / "sub" / "x.txt"))
    o = s.options(str(tmp_path / "x.txt"))
    assert (o.source_lang, o.target_locale, o.glossary) == ("ru", "en-GB", str(tmp_path / "terms.csv"))
    assert s.sources["source-lang"] == str(tmp_path / "mtfix.toml")


def test_source_lang_and_target_locale_shown_by_mtfix_config(cli, tmp_path):
    project(tmp_path, 'source-lang = "de"\ntarget-locale = "en-GB"\n', ".mtfix.toml")
    s = config_json(cli, tmp_path, "docs/a.txt")
    assert s["source-lang"] == {"value": "de", "source": str(tmp_path / ".mtfix.toml")}
    assert s["target-locale"]["value"] == "en-GB"
    s = config_json(cli, tmp_path, "--target-locale", "en-US", "docs/a.txt")
    assert s["target-locale"] == {"value": "en-US", "source": "command line"}


def test_fail_on(cli, tmp_path):
    f = project(tmp_path, 'fail-on = "never"\n', "mtfix.toml")
    assert cli("check", str(f), cwd=tmp_path).returncode == 0
    assert cli("check", "--fail-on", "warning", str(f), cwd=tmp_path).returncode == 1
    g = project(tmp_path, 'fail-on = "info"\nselect = ["MT303"]\n', "mtfix.toml", "Two  spaces.\n")
    assert cli("check", str(g), cwd=tmp_path).returncode == 1       # MT303 is info


def test_unsafe_fixes(cli, tmp_path):
    text = Path(__file__).resolve().parent.parent.joinpath("examples", "kaliningrad-mt.txt").read_text("utf-8")
    safe, unsafe = mtfix.fix(text).text, mtfix.fix(text, unsafe=True).text
    assert safe != unsafe, "the seed article needs at least one unsafe fix for this test"
    f = project(tmp_path, "unsafe-fixes = true\n", "mtfix.toml", text)
    r = cli("fix", "--write", str(f), cwd=tmp_path)
    assert r.returncode == 0 and f.read_text("utf-8") == unsafe
    f.write_text(text, encoding="utf-8")
    cli("fix", "--write", "--isolated", str(f), cwd=tmp_path)
    assert f.read_text("utf-8") == safe


def test_rule_packs_user_rules_are_listed_selected_and_explained(cli, tmp_path):
    pack = tmp_path / "house-style" / "en"
    pack.mkdir(parents=True)
    (pack / "house.yaml").write_text(
        "family: punctuation\nrules:\n  - code: MT799\n    name: house-rule\n    message: Do the house thing\n"
        "    description: Our own rule.\n    examples:\n      - wrong: \"[[x]]\"\n      - ok: y\n", encoding="utf-8")
    f = project(tmp_path, '[tool.mtfix]\nrule-packs = ["house-style"]\nselect = ["MT799", "MT301"]\n')
    r = cli("check", str(f), cwd=tmp_path)
    assert r.returncode == 1 and codes(r) == ["MT301"]          # MT799 is a known code now
    assert "MT799  house-rule" in cli("rules", cwd=tmp_path).stdout.decode()
    assert "Our own rule." in cli("explain", "MT799", cwd=tmp_path).stdout.decode()
    s = config_json(cli, tmp_path)
    assert s["rule-packs"]["value"] == [str(tmp_path / "house-style")]


def test_languagetool_key_env_and_flag_precedence(cli, tmp_path, monkeypatch):
    project(tmp_path, 'languagetool = "http://127.0.0.1:8081/"\n', "mtfix.toml")
    s = load(find_config(tmp_path), env={})
    assert s.values["languagetool"] == "http://127.0.0.1:8081" and s.options().extra == {
        "languagetool": "http://127.0.0.1:8081"}
    s = load(find_config(tmp_path), env={"MTFIX_LANGUAGETOOL": "local"})
    assert (s.values["languagetool"], s.sources["languagetool"]) == ("local", "environment MTFIX_LANGUAGETOOL")
    s = load(find_config(tmp_path), {"languagetool": False}, env={"MTFIX_LANGUAGETOOL": "local"})
    assert s.values["languagetool"] is None and s.options().extra == {}
    assert load(None, env={}).options().extra == {}             # off by default


# --- discovery and precedence ----------------------------------------------------------------

def test_walks_up_nearest_wins_and_pyproject_without_table_is_skipped(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.mtfix]\nselect = ["MT304"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no-mtfix-table"\n', encoding="utf-8")
    f = sub / "x.txt"
    f.write_text(TEXT, encoding="utf-8")
    assert codes(cli("check", str(f))) == ["MT304"]               # from two folders up
    (sub / "mtfix.toml").write_text('select = ["MT301"]\n', encoding="utf-8")
    assert codes(cli("check", str(f))) == ["MT301"]               # the nearest decides
    (sub / ".mtfix.toml").write_text('select = ["MT304"]\n', encoding="utf-8")
    assert codes(cli("check", str(f))) == ["MT304"]               # .mtfix.toml beats mtfix.toml


def test_command_line_overrides_file_and_isolated_or_config_flag(cli, tmp_path):
    f = project(tmp_path, 'select = ["MT301"]\n', "mtfix.toml")
    assert codes(cli("check", "--select", "MT304", str(f), cwd=tmp_path)) == ["MT304"]
    assert sorted(codes(cli("check", "--isolated", "--select", "MT3", str(f), cwd=tmp_path))) == ["MT301", "MT304"]
    other = tmp_path / "other.toml"
    other.write_text('select = ["MT304"]\n', encoding="utf-8")
    assert codes(cli("check", "--config", str(other), str(f), cwd=tmp_path)) == ["MT304"]


def test_mtfix_config_prints_every_value_and_its_origin(cli, tmp_path):
    project(tmp_path, '[tool.mtfix]\nselect = ["MT3"]\nfail-on = "error"\n')
    r = cli("config", "--ignore", "MT304", cwd=tmp_path)
    out = r.stdout.decode().splitlines()
    assert r.returncode == 0 and out[0] == f"# config file: {tmp_path / 'pyproject.toml'}"
    rows = {l.split()[0]: l for l in out[1:] if not l.startswith("#")}
    assert set(rows) == {"select", "ignore", "extend-select", "per-file-ignores", "source-lang", "target-lang",
                         "target-locale", "fail-on", "unsafe-fixes", "glossary", "rule-packs", "languagetool",
                         "languagetool-rules"}
    assert '["MT3"]' in rows["select"] and rows["select"].endswith(f"# {tmp_path / 'pyproject.toml'}")
    assert rows["ignore"].endswith("# command line") and rows["unsafe-fixes"].endswith("# default")


# --- errors: one line naming file and key, exit 2 --------------------------------------------

@pytest.mark.parametrize("config,expect", [
    ('[tool.mtfix]\nselectt = ["MT3"]\n', "unknown key 'selectt'"),
    ('[tool.mtfix]\nsource_lang = "ru"\n', "unknown key 'source_lang' (did you mean 'source-lang'?)"),
    ('[tool.mtfix]\nselect = ["MT3"]\nignore = 3\n', "key 'ignore': expected a list of rule codes"),
    ('[tool.mtfix]\nunsafe-fixes = "yes"\n', "key 'unsafe-fixes': expected true or false"),
    ('[tool.mtfix]\ntarget-locale = "en-AU"\n', "key 'target-locale': expected one of 'en-US', 'en-GB'"),
    ('[tool.mtfix]\nfail-on = "sometimes"\n', "key 'fail-on': expected one of"),
    ('[tool.mtfix]\nlanguagetool = 8081\n', "key 'languagetool': expected \"local\", \"http://host:port\""),
    ('[tool.mtfix]\nper-file-ignores = ["x"]\n', "key 'per-file-ignores': expected a table"),
    ('[tool.mtfix]\nselect = ["MT799"]\n', "key 'select': unknown rule code MT799"),
    ('[tool.mtfix]\n[tool.mtfix.per-file-ignores]\n"*.md" = ["XX1"]\n', "unknown rule code XX1"),
    ('[tool.mtfix]\nrule-packs = ["nowhere"]\n', "key 'rule-packs': folder"),
    ('[tool.mtfix\n', "not valid TOML"),
    ('[tool.mtfix]\nselect = "MT1"\n', "key 'select': expected a list of rule codes such as [\"MT1\"], not a string"),
    ('[tool.mtfix]\nx = ' + '[' * 600 + ']' * 600 + '\n', "nested too deeply"),
    ('[tool.black]\nx = ' + '[' * 600 + ']' * 600 + '\n[tool.mtfix]\nselect = ["MT3"]\n', "nested too deeply"),
    ('[tool.black]\nx = ' + '{a = ' * 600 + '1' + '}' * 600 + '\n', "nested too deeply"),
])
def test_bad_config_one_line_exit_2(cli, tmp_path, config, expect):
    f = project(tmp_path, config)
    for args in (("check", str(f)), ("config",)):
        r = cli(*args, cwd=tmp_path)
        err = r.stderr.decode().splitlines()
        assert r.returncode == 2, (args, r.stdout)
        assert len(err) == 1 and err[0].startswith(f"mtfix: error: {tmp_path / 'pyproject.toml'}"), err
        assert expect in err[0], err[0]
        assert r.stdout == b""


@pytest.mark.parametrize("yaml_text,expect", [
    ("family: punctuation\nrules:\n  - code: MT798\n    name: x\n", "MT798: missing or non-string 'message'"),
    ("family: punctuation\nrules:\n  - code: X1\n    name: x\n    message: m\n", "code must look like MT123"),
    ("family: nosuchfamily\nrules:\n  - code: MT798\n    name: x\n    message: m\n",
     "family 'nosuchfamily' has no engine"),
    ("family: punctuation\nrules: [\n", "not valid YAML"),
    ("family: punctuation\nrules:\n  - code: MT301\n    name: x\n    message: m\n", "duplicate rule code MT301"),
])
def test_malformed_user_pack_one_line_exit_2(cli, tmp_path, yaml_text, expect):
    pack = tmp_path / "packs" / "en"
    pack.mkdir(parents=True)
    (pack / "bad.yaml").write_text(yaml_text, encoding="utf-8")
    f = project(tmp_path, 'rule-packs = ["packs"]\n', ".mtfix.toml")
    r = cli("check", str(f), cwd=tmp_path)
    err = r.stderr.decode().splitlines()
    assert r.returncode == 2 and len(err) == 1, err
    assert str(pack / "bad.yaml") in err[0] and expect in err[0], err[0]


def test_bad_command_line_code_and_missing_config_file(cli, tmp_path):
    f = project(tmp_path, "", "mtfix.toml")
    r = cli("check", "--ignore", "MT3,MT798", str(f), cwd=tmp_path)
    assert r.returncode == 2 and b"command line: key 'ignore': unknown rule code MT798" in r.stderr
    r = cli("check", "--config", "nope.toml", str(f), cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.decode().strip() == "mtfix: error: nope.toml: no such config file"
    r = cli("check", "--languagetool", "ftp://x", str(f), cwd=tmp_path)
    assert r.returncode == 2 and b"--languagetool" in r.stderr


def test_config_error_type_names_the_file(tmp_path):
    (tmp_path / "mtfix.toml").write_text("select = [1]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mtfix\.toml: key 'select'"):
        load(find_config(tmp_path))


def test_glossary_from_config_reaches_the_glossary_check(cli, tmp_path):
    """The file's glossary (relative to the config file) is used by MT705, from any folder."""
    (tmp_path / "terms.csv").write_text("source,target\nРосатом,Rosatom\n", encoding="utf-8")
    po = tmp_path / "sub" / "m.po"
    po.parent.mkdir()
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Росатом объявил о планах."\nmsgstr "Rosatomic announced its plans."\n', encoding="utf-8")
    assert "MT705" not in codes(cli("check", "--isolated", str(po)))
    (tmp_path / "mtfix.toml").write_text('glossary = "terms.csv"\nsource-lang = "ru"\n', encoding="utf-8")
    assert codes(cli("check", str(po), cwd=po.parent)) == ["MT705"]
    (tmp_path / "mtfix.toml").write_text('glossary = "missing.csv"\n', encoding="utf-8")
    r = cli("check", str(po), cwd=po.parent)
    assert r.returncode == 2 and len(r.stderr.decode().splitlines()) == 1 and "missing.csv" in r.stderr.decode()


def test_in_process_main_does_not_reuse_another_invocations_settings(tmp_path, capsys):
    from mtfix.cli import main

    f = project(tmp_path, "", "mtfix.toml")
    assert main(["check", "--select", "MT301", str(f)]) == 1
    first = capsys.readouterr().out
    assert main(["check", "--select", "MT304", str(f)]) == 1
    second = capsys.readouterr().out
    assert " MT301 " in first and " MT304 " not in first
    assert " MT304 " in second and " MT301 " not in second


def test_rule_packs_a_users_phrase_pack_fires_and_is_explained(cli, tmp_path):
    """A user pack in the phrase-table format of rules/ (family: phrases) runs like a shipped one."""
    pack = tmp_path / "house" / "en"
    pack.mkdir(parents=True)
    (pack / "house.yaml").write_text('''family: phrases
rules:
  - code: MT498
    name: house-wordiness
    severity: warning
    safe: false
    any_source: true
    message: "House style: say it shorter"
    examples:
      - wrong: "We met [[in order to]] talk."
        fix: "to"
      - ok: "We met to talk."
    entries:
      - id: house.in-order-to
        pattern: "in order to"
        suggest: ["to"]
        message: "House style: write 'to', not 'in order to'"
        examples:
          - {wrong: "We met [[in order to]] talk.", fix: "to"}
          - {ok: "We met to talk."}
''', encoding="utf-8")
    f = project(tmp_path, 'rule-packs = ["house"]\n', "mtfix.toml", "We met in order to talk about it.\n")
    r = cli("check", str(f), cwd=tmp_path)
    assert codes(r) == ["MT498"] and f"{f}:1:8: MT498 House style: write 'to'" in r.stdout.decode()
    assert codes(cli("check", "--isolated", str(f), cwd=tmp_path)) == []
    out = cli("explain", "house.in-order-to", cwd=tmp_path).stdout.decode()
    assert "house.in-order-to" in out and "in order to" in out
    out = cli("explain", "MT498", cwd=tmp_path).stdout.decode()
    assert out.startswith("MT498 house-wordiness") and "1 entries:" in out


def test_one_run_over_several_folders_and_a_symlink_gives_each_file_its_own_config(cli, tmp_path):
    """The config is looked up once per folder in a run: files of two folders still get their
    own folder's config, and a symlinked file the config of the folder its target is in (as
    when it is checked alone)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "mtfix.toml").write_text('select = ["MT301"]\n', encoding="utf-8")
    (tmp_path / "b" / "mtfix.toml").write_text('select = ["MT304"]\n', encoding="utf-8")
    for folder in ("a", "b"):
        for name in ("x.txt", "y.txt"):
            (tmp_path / folder / name).write_text(TEXT, encoding="utf-8")
    (tmp_path / "b" / "z.txt").symlink_to(tmp_path / "a" / "x.txt")
    r = cli("check", "-r", str(tmp_path), "--jobs", "1")
    got = sorted((Path(m["path"]).relative_to(tmp_path).as_posix(), m["code"])
                 for m in map(LINE.match, r.stdout.decode().splitlines()) if m)
    assert got == [("a/x.txt", "MT301"), ("a/y.txt", "MT301"), ("b/x.txt", "MT304"),
                   ("b/y.txt", "MT304"), ("b/z.txt", "MT301")]
    assert codes(cli("check", str(tmp_path / "b" / "z.txt"))) == ["MT301"]
