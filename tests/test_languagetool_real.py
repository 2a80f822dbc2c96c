"""The LanguageTool backend against a real LanguageTool server (scripts/languagetool-server).

These tests need a running server: ``MTFIX_LANGUAGETOOL_URL=$(scripts/languagetool-server start)``.
Without one they skip with that reason, except where ``MTFIX_REQUIRE_LANGUAGETOOL=1`` (set by
.ci/run, which starts the server and stops it afterwards): there a missing server is a failure.
The tests of the script's own error lines need no server and always run.

The imitation in test_languagetool.py stays for what a real server cannot be made to do on cue
(answer with an error status, answer slowly).
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "languagetool-server"
REQUIRED = os.environ.get("MTFIX_REQUIRE_LANGUAGETOOL") == "1"
SENTENCE = "He go to the store yesterday."
ERROR = "go to the store"     # LanguageTool 6.x: HE_VERB_AGR on "go"


def _unavailable(why: str):
    if REQUIRED:
        pytest.fail(f"MTFIX_REQUIRE_LANGUAGETOOL=1 but {why}")
    pytest.skip(f"{why} (start one: export MTFIX_LANGUAGETOOL_URL=$(scripts/languagetool-server start))")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/v2/languages", timeout=5) as r:
            return isinstance(json.load(r), list)
    except Exception:
        return False


@pytest.fixture(scope="module")
def lt_url() -> str:
    url = os.environ.get("MTFIX_LANGUAGETOOL_URL", "").rstrip("/")
    if not url:
        _unavailable("no LanguageTool server given (MTFIX_LANGUAGETOOL_URL is not set)")
    if not _answers(url):
        _unavailable(f"the LanguageTool server at {url} does not answer /v2/languages")
    return url


@pytest.fixture(scope="module")
def lt_home(lt_url) -> Path:
    """The provisioned jars (the folder to use as LTP_PATH); provisioned already by ``start``."""
    r = subprocess.run([str(SCRIPT), "provision"], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        _unavailable(f"scripts/languagetool-server provision failed: {r.stderr.strip()}")
    return Path(r.stdout.strip().splitlines()[-1])


def env_for(**extra) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1",
           "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    env.pop("MTFIX_LANGUAGETOOL", None)
    env.update(extra)
    return env


def mtfix(*args, cwd, timeout=300, **env):
    # mtfix's own MT512 now finds "He go" too, and where both flag one span mtfix keeps its own
    # issue: these tests are about LanguageTool's match, so a check leaves MT512 out.
    if args and args[0] == "check":
        args = ("check", "--ignore", "MT512", *args[1:])
    return subprocess.run([sys.executable, "-m", "mtfix", *args], cwd=cwd, env=env_for(**env),
                          capture_output=True, text=True, timeout=timeout)


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in a file's text."""
    k = text.index(needle)
    return text.count("\n", 0, k) + 1, k - (text.rfind("\n", 0, k) + 1) + 1


def lt_issues(r) -> list[dict]:
    return [i for i in json.loads(r.stdout) if i["code"].startswith("LT:")]


def test_acceptance_he_go_is_an_lt_issue(lt_url, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(SENTENCE + "\n", encoding="utf-8")
    r = mtfix("check", "--languagetool", lt_url, str(f), cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert f"{f}:1:4: LT:HE_VERB_AGR" in r.stdout
    assert "goes" in r.stdout and r.stderr == ""


# One file per format, the faulty sentence after protected text and non-ASCII characters, so the
# column is only right if masking kept every length and the adapter mapped the offset back.
FORMATS = {
    "a.txt": "An apple 🍎 — “fresh”\n\nSee {name} at https://example.org/teh-page. " + SENTENCE + "\n",
    "a.md": "# Notes 🍎\n\nRun `teh --fast` and read [the docs](https://example.org/teh). "
            + SENTENCE + "\n\n```\nteh code\n```\n",
    "a.po": 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Hi %s"\nmsgstr "Hello %s — 🍎. ' + SENTENCE + '"\n',
    "a.xlf": '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
             'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file source-language="ru" '
             'target-language="en" datatype="plaintext" original="x">\n<body>\n'
             '<trans-unit id="1">\n<source>Он пошёл</source>\n'
             '<target>The <g id="1">news</g> — 🍎: ' + SENTENCE + '</target>\n</trans-unit>\n</body>\n</file>\n</xliff>\n',
    "a.srt": "1\n00:00:01,000 --> 00:00:03,000\n<i>A new line</i> — 🍎.\n" + SENTENCE + "\n",
    "a.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<b>News</b> — 🍎. " + SENTENCE + "\n",
    "a.json": '{\n  "title": "An apple 🍎",\n  "body": "Hi {{user}} — 🍎. ' + SENTENCE + '"\n}\n',
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_offsets_map_back_to_the_file_in_every_format(lt_url, tmp_path, name):
    f = tmp_path / name
    f.write_text(FORMATS[name], encoding="utf-8")
    r = mtfix("check", "--format", "json", "--languagetool", lt_url, str(f), cwd=tmp_path)
    issues = lt_issues(r)
    agr = [i for i in issues if i["code"] == "LT:HE_VERB_AGR"]
    assert [(i["line"], i["column"]) for i in agr] == [where(FORMATS[name], ERROR)], (r.stdout, r.stderr)
    # Nothing else: "teh" inside a placeholder, URL, inline code, link target or code block, and
    # the markup around the sentence, never reach LanguageTool.
    assert [i["code"] for i in issues] == ["LT:HE_VERB_AGR"], issues


def test_masking_keeps_matches_out_of_protected_spans(lt_url):
    import mtfix as api

    text = "Open http://example.org/teh_pgae?q=teh or mail teh@exmaple.org, then {teh_usr} and %s. " + SENTENCE
    issues = api.check(text, languagetool=lt_url, select="LT:", languagetool_rules=["default"])
    assert [(i.code, text[i.start:i.end]) for i in issues] == [("LT:HE_VERB_AGR", "go")]
    # The same words unprotected are LanguageTool's spelling matches: the masking did the work.
    plain = "Open teh pgae or mail exmaple, then teh usr."
    assert {plain[i.start:i.end] for i in api.check(plain, languagetool=lt_url, select="LT:",
                                                    languagetool_rules=["default"])} >= {"teh", "pgae"}


def test_british_spellings_are_no_typos_in_the_mt_profile(lt_url):
    import mtfix as api

    text = "The city centre is closed for the colour festival, so teh shops open at noon."
    spelled = lambda rules: {text[i.start:i.end] for i in api.check(   # noqa: E731
        text, languagetool=lt_url, select="LT:MORFOLOGIK_RULE_EN_US", languagetool_rules=rules)}
    # LanguageTool's en-US speller flags the British spellings; "mt" keeps only the real typo.
    assert spelled(["default"]) == {"centre", "colour", "teh"}
    assert spelled([]) == {"teh"}
    assert spelled(["mt-names"]) == {"teh"}


def test_api_parameter_and_environment_variable(lt_url, monkeypatch):
    import mtfix as api

    # (MT512 finds "He go" as well; left out so that LanguageTool's match is what is asserted)
    assert [i.code for i in api.check(SENTENCE, languagetool=lt_url, ignore="MT512")] == ["LT:HE_VERB_AGR"]
    monkeypatch.setenv("MTFIX_LANGUAGETOOL", lt_url)
    assert [i.code for i in api.check(SENTENCE, ignore="MT512")] == ["LT:HE_VERB_AGR"]
    assert [i.code for i in api.check(SENTENCE, languagetool="off")] == ["MT512"]   # mtfix alone
    assert api.fix(SENTENCE).text == SENTENCE      # fix never asks LanguageTool


def test_long_documents_are_batched_and_every_match_lands_on_its_line(lt_url, tmp_path, monkeypatch):
    from mtfix import languagetool
    from mtfix.model import Location, Segment
    from mtfix.options import Options
    from mtfix.pipeline import check_segments

    requests = []
    real = languagetool.fetch_matches
    monkeypatch.setattr(languagetool, "MAX_BATCH_CHARS", 400)
    monkeypatch.setattr(languagetool, "fetch_matches", lambda text, *a: requests.append(text) or real(text, *a))
    lines = [f"Line {k} is fine. " + (SENTENCE if k % 3 == 0 else "She went home.") for k in range(30)]
    segs = [Segment(t, location=Location("x.txt", k + 1, 1)) for k, t in enumerate(lines)]
    res = check_segments(segs, Options(select=("LT:",), extra={"languagetool": lt_url}))
    got = [[(i.code, i.location.line, i.location.column) for i in r] for r in res]
    assert got == [[("LT:HE_VERB_AGR", k + 1, lines[k].index(ERROR) + 1)] if k % 3 == 0 else []
                   for k in range(30)]
    assert len(requests) == len(languagetool.batches(segs)) >= 3
    assert all(len(t) <= 400 for t in requests)


def test_a_real_server_cannot_answer_in_a_millisecond_one_warning(lt_url, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Hello , world. " + SENTENCE + "\n", encoding="utf-8")
    r = mtfix("check", "--languagetool", lt_url, str(f), cwd=tmp_path, MTFIX_LANGUAGETOOL_TIMEOUT="0.001")
    err = r.stderr.splitlines()
    assert len(err) == 1 and "timed out" in err[0] and "only mtfix's own checks ran" in err[0], err
    assert "MT301" in r.stdout and "LT:" not in r.stdout and r.returncode == 1


def _own_home(lt_home: Path, tmp_path: Path) -> Path:
    """A second cache folder sharing the provisioned jars: a server of the test's own to kill."""
    home = tmp_path / "lt-home"
    home.mkdir()
    for entry in lt_home.iterdir():
        if entry.name == "lib" or entry.name.startswith("LanguageTool-"):
            (home / entry.name).symlink_to(entry)
    return home


def _server_pids() -> set[int]:
    pids = set()
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if b"org.languagetool.server.HTTPServer" in (p / "cmdline").read_bytes():
                    pids.add(int(p.name))
            except OSError:
                pass
    return pids


def test_script_lifecycle_and_a_server_that_dies_mid_run(lt_home, tmp_path, monkeypatch, capsys):
    from mtfix import languagetool
    from mtfix.model import Location, Segment
    from mtfix.options import Options
    from mtfix.pipeline import check_segments

    home = _own_home(lt_home, tmp_path)
    env = {**os.environ, "MTFIX_LT_HOME": str(home), "MTFIX_LT_XMX": "512m"}
    script = lambda cmd: subprocess.run([str(SCRIPT), cmd], env=env, capture_output=True,  # noqa: E731
                                        text=True, timeout=300)
    before = _server_pids()
    started = script("start")
    try:
        assert started.returncode == 0, started.stderr
        url = started.stdout.strip().splitlines()[-1]
        assert url.startswith("http://127.0.0.1:") and _answers(url)
        status = script("status")
        assert status.returncode == 0 and status.stdout.startswith(f"running {url}")
        pid = int((home / "server.pid").read_text())

        # A document of three batches; the server is killed after answering the first.
        calls = []
        real = languagetool.fetch_matches

        def dying(text, *a):
            out = real(text, *a)
            calls.append(text)
            if len(calls) == 1:
                os.kill(pid, signal.SIGKILL)
                for _ in range(100):
                    if not Path(f"/proc/{pid}").exists() or b"Z" in Path(f"/proc/{pid}/stat").read_bytes().split()[2]:
                        break
                    time.sleep(0.05)
            return out

        monkeypatch.setattr(languagetool, "MAX_BATCH_CHARS", 60)
        monkeypatch.setattr(languagetool, "fetch_matches", dying)
        monkeypatch.setattr(languagetool, "_failed", {})
        segs = [Segment(f"Part {k}: hello , world. " + SENTENCE, location=Location("x.txt", k + 1, 1))
                for k in range(3)]
        res = check_segments(segs, Options(extra={"languagetool": url}))
        # All or nothing: no LT issue from the answered batch, mtfix's own issues everywhere.
        assert all(any(i.code == "MT301" for i in r) and not any(i.code.startswith("LT:") for i in r)
                   for r in res)
        assert url in languagetool._failed
        warning = capsys.readouterr().err.splitlines()
        assert len(warning) == 1 and warning[0].startswith(f"mtfix: warning: LanguageTool at {url}: connection")
        assert script("status").returncode == 3
    finally:
        stopped = script("stop")
    assert stopped.returncode == 0
    assert _server_pids() <= before and not (home / "server.pid").exists()


def test_stop_ends_the_server_and_leaves_no_process(lt_home, tmp_path):
    home = _own_home(lt_home, tmp_path)
    env = {**os.environ, "MTFIX_LT_HOME": str(home), "MTFIX_LT_XMX": "512m"}
    before = _server_pids()
    r = subprocess.run([str(SCRIPT), "start"], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    url = r.stdout.strip().splitlines()[-1]
    f = tmp_path / "a.txt"
    f.write_text(SENTENCE + "\n", encoding="utf-8")
    assert "LT:HE_VERB_AGR" in mtfix("check", "--languagetool", url, str(f), cwd=tmp_path).stdout
    r = subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("stopped")
    assert _server_pids() <= before and not _answers(url)


def test_local_mode_runs_the_provisioned_jars_and_leaves_no_process(lt_home, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(SENTENCE + "\n", encoding="utf-8")
    before = _server_pids()
    r = mtfix("check", "--languagetool", "local", str(f), cwd=tmp_path, LTP_PATH=str(lt_home),
              LTP_JAR_DIR_PATH="")
    assert "LT:HE_VERB_AGR" in r.stdout, r.stderr
    assert r.returncode == 1
    time.sleep(0.5)
    assert _server_pids() <= before        # the library's server ends with mtfix


# --- the script's own error lines: no server needed --------------------------------------------

def _path_without(tmp_path: Path, *missing: str) -> str:
    """A PATH holding the tools the script uses, less ``missing``."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("bash", "cat", "sed", "head", "grep", "tr", "cut", "rm", "mkdir", "mv", "touch",
                 "sleep", "seq", "setsid", "python3", "java", "mvn", "dirname", "env"):
        found = shutil.which(tool)
        if found and tool not in missing:
            (bin_ / tool).symlink_to(found)
    return str(bin_)


@pytest.mark.parametrize("missing, says", [(("java",), "java not found"), (("mvn",), "mvn not found")])
def test_script_says_in_one_line_what_is_missing(tmp_path, missing, says):
    if "java" not in missing and not shutil.which("java"):
        pytest.skip("no java here: the mvn case needs java to get past the java check")
    env = {"PATH": _path_without(tmp_path, *missing), "HOME": str(tmp_path),
           "MTFIX_LT_HOME": str(tmp_path / "empty-cache")}
    r = subprocess.run([shutil.which("bash"), str(SCRIPT), "start"], env=env, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"languagetool-server: {says}"), r.stderr
    assert not (tmp_path / "empty-cache" / "lib").exists()


def test_script_usage_and_status_when_nothing_runs(tmp_path):
    env = {**os.environ, "MTFIX_LT_HOME": str(tmp_path / "none")}
    r = subprocess.run([str(SCRIPT), "status"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and r.stdout.strip() == "not running"
    r = subprocess.run([str(SCRIPT), "stop"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "not running"
    r = subprocess.run([str(SCRIPT), "restart"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr.startswith("usage: languagetool-server")
