"""The optional LanguageTool backend against a loopback server speaking LanguageTool's HTTP API.

The fake server (127.0.0.1 only, an ephemeral port, shut down after each test and by a guard
timer in any case) implements ``GET /v2/languages`` and ``POST /v2/check`` with responses shaped
like LanguageTool's documented JSON: matches with message, shortMessage, replacements[].value,
offset/length in UTF-16 code units (Java strings), context, sentence, type and rule{id,
description, issueType, category{id, name}}. Its "grammar" is a fixed table of strings.
"""
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest

from conftest import ROOT

# string to flag -> (rule id, description, issueType, category id, category name, message, replacements)
GRAMMAR = {
    "teh": ("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS",
            "Possible Typo", "Possible spelling mistake found.", ["the", "tech"]),
    "Teh ": ("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS",
             "Possible Typo", "Possible spelling mistake found.", ["The"]),
    "a apple": ("EN_A_VS_AN", "Use of 'a' vs. 'an'", "misspelling", "MISC", "Miscellaneous",
                "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’.",
                ["an apple"]),
    " ,": ("COMMA_PARENTHESIS_WHITESPACE", "Use of whitespace before comma and before/after parentheses",
           "whitespace", "TYPOGRAPHY", "Typography", "Don’t put a space before the comma.", [","]),
    "usr": ("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS",
            "Possible Typo", "Possible spelling mistake found.", ["use", "us"]),
}
LANGUAGES = [{"name": "English", "code": "en", "longCode": "en"},
             {"name": "English (US)", "code": "en", "longCode": "en-US"},
             {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
             {"name": "Russian", "code": "ru", "longCode": "ru-RU"}]


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def lt_response(text: str, language: str) -> dict:
    matches = []
    for needle, (rid, desc, itype, cid, cname, msg, repl) in GRAMMAR.items():
        start = text.find(needle)
        while start >= 0:
            off, length = _u16(text[:start]), _u16(needle)
            ctx_start = max(0, start - 20)
            matches.append({
                "message": msg, "shortMessage": "", "replacements": [{"value": r} for r in repl],
                "offset": off, "length": length,
                "context": {"text": text[ctx_start:start + 40], "offset": _u16(text[ctx_start:start]),
                            "length": length},
                "sentence": text[max(0, text.rfind(".", 0, start) + 1):text.find(".", start) + 1].strip(),
                "type": {"typeName": "Other"},
                "rule": {"id": rid, "description": desc, "issueType": itype,
                         "category": {"id": cid, "name": cname}},
                "ignoreForIncompleteSentence": False, "contextForSureMatch": 0})
            start = text.find(needle, start + 1)
    matches.sort(key=lambda m: m["offset"])
    return {"software": {"name": "LanguageTool", "version": "6.5", "buildDate": "2024-09-27 11:10:00 +0000",
                         "apiVersion": 1, "premium": False, "status": ""},
            "warnings": {"incompleteResults": False},
            "language": {"name": "English (US)", "code": language,
                         "detectedLanguage": {"name": "English (US)", "code": "en-US", "confidence": 0.99}},
            "matches": matches, "sentenceRanges": [[0, _u16(text)]]}


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):   # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass   # the client gave up (timeout test)

    def do_GET(self):
        self.server.log.append(("GET", self.path, None))
        if self.path.startswith("/v2/languages"):
            self._send(200, json.dumps(LANGUAGES).encode(), "application/json")
        else:
            self._send(404, b"Error: not found", "text/plain")

    def do_POST(self):
        form = parse_qs(self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8"))
        self.server.log.append(("POST", self.path, form))
        if not self.path.startswith("/v2/check"):
            return self._send(404, b"Error: not found", "text/plain")
        if self.server.mode == "error":   # what LanguageTool answers to a request it rejects
            return self._send(400, b"Error: Internal Error: text too long", "text/plain")
        if self.server.mode == "slow":
            time.sleep(self.server.delay)
        text = form.get("text", [""])[0]
        answer = lt_response(text, form.get("language", ["en-US"])[0])
        if self.server.mode == "dribble":   # one byte at a time: never idle as long as a timeout
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(self.server.delay)
            except OSError:
                pass
            return
        if self.server.mode == "hostile":
            for m in answer["matches"]:
                if m["rule"]["id"] == "COMMA_PARENTHESIS_WHITESPACE":
                    m["length"] = -3
                else:
                    m["replacements"] = [{"value": "\x1b[2J\x1b[31mred"}, {"value": "the\u202etxt.exe"},
                                         {"value": "the"}]
                    m["message"] = "Spelling \x1b[31mmistake\u202e found."
                    m["rule"]["id"] = "MORFOLOGIK\x1b[0m"
        body = json.dumps(answer).encode("utf-8")
        self._send(200, body, "application/json")


class FakeLanguageTool(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str = "ok", delay: float = 3.0):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode, self.delay, self.log = mode, delay, []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def checks(self) -> list[dict]:
        return [form for method, path, form in self.log if method == "POST"]


@pytest.fixture
def lt_server():
    servers = []

    def start(mode: str = "ok", delay: float = 3.0) -> FakeLanguageTool:
        srv = FakeLanguageTool(mode, delay)
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        guard = threading.Timer(60, srv.shutdown)   # stops by itself even if a test hangs
        guard.daemon = True
        guard.start()
        servers.append((srv, guard))
        return srv

    yield start
    for srv, guard in servers:
        guard.cancel()
        srv.shutdown()
        srv.server_close()


def run(*args, cwd, env=None, input=None):
    full = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost"}
    full.pop("MTFIX_LANGUAGETOOL", None)
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "mtfix", *args], cwd=cwd, env=full, input=input,
                          capture_output=True, timeout=120)


def _json(r):
    return json.loads(r.stdout.decode())


def test_matches_become_lt_issues_with_positions_suggestions_and_no_fix(lt_server, tmp_path):
    srv = lt_server()
    (tmp_path / ".mtfix.toml").write_text(f'languagetool = "{srv.url}"\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("First line is fine.\nI ate 🍎 a apple and teh pear.\n", encoding="utf-8")
    # mtfix's own a/an rule finds "a apple" too, and where both flag one span mtfix keeps its own
    # issue: this test is about LanguageTool's matches, so the check leaves it out.
    r = run("check", "--format", "json", "--ignore", "MT523", str(f), cwd=tmp_path)
    items = _json(r)
    got = {(i["code"], i["line"], i["column"]) for i in items}
    # The emoji is 2 UTF-16 units for the server and 1 character in the file: columns stay right.
    assert ("LT:EN_A_VS_AN", 2, 9) in got and ("LT:MORFOLOGIK_RULE_EN_US", 2, 21) in got
    typo = next(i for i in items if i["code"] == "LT:MORFOLOGIK_RULE_EN_US")
    assert typo["suggestions"] == ["the", "tech"] and typo["safe"] is False and typo["fix"] is None
    assert typo["severity"] == "warning" and typo["message"] == "Possible spelling mistake found."
    assert r.returncode == 1
    checks = srv.checks()
    assert len(checks) == 1 and checks[0]["language"] == ["en-US"]
    assert checks[0]["text"][0] == f.read_text(encoding="utf-8")


def test_dedup_against_own_issue_and_protected_spans_dropped(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("Hello {usr}, and the world , ok.\n", encoding="utf-8")   # {usr}: protected placeholder
    r = run("check", "--format", "json", "--languagetool", srv.url, str(f), cwd=tmp_path)
    codes = [i["code"] for i in _json(r)]
    assert "MT301" in codes                                       # mtfix's own, on " ,"
    assert "LT:COMMA_PARENTHESIS_WHITESPACE" not in codes         # same span: deduplicated
    assert "LT:MORFOLOGIK_RULE_EN_US" not in codes                # inside the placeholder: dropped
    assert len(srv.checks()) == 1


def test_one_request_per_document_mapped_back_through_the_po_adapter(lt_server, tmp_path):
    srv = lt_server()
    po = tmp_path / "m.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "One"\nmsgstr "The first line is fine."\n\n'
                  'msgid "Two"\nmsgstr "Here is teh second."\n', encoding="utf-8")
    r = run("check", "--format", "json", "--languagetool", srv.url, str(po), cwd=tmp_path)
    lt = [i for i in _json(r) if i["code"].startswith("LT:")]
    assert [(i["line"], i["column"]) for i in lt] == [(9, 17)]
    assert 'msgstr "Here is teh' in po.read_text().splitlines()[8]
    assert len(srv.checks()) == 1                      # both msgstrs in one request


def test_environment_variable_enables_and_command_line_off_disables(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("This is teh end.\n", encoding="utf-8")
    r = run("check", str(f), cwd=tmp_path, env={"MTFIX_LANGUAGETOOL": srv.url})
    assert "LT:MORFOLOGIK_RULE_EN_US" in r.stdout.decode()
    r = run("check", "--languagetool", "off", str(f), cwd=tmp_path, env={"MTFIX_LANGUAGETOOL": srv.url})
    assert "LT:" not in r.stdout.decode() and len(srv.checks()) == 1
    assert "motherTongue" not in srv.checks()[0]


def test_source_language_sent_as_mother_tongue_only_when_the_server_knows_it(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("This is teh end.\n", encoding="utf-8")
    run("check", "--languagetool", srv.url, "--source-lang", "ru", "--target-locale", "en-GB", str(f), cwd=tmp_path)
    run("check", "--languagetool", srv.url, "--source-lang", "ja", str(f), cwd=tmp_path)
    first, second = srv.checks()
    assert first["motherTongue"] == ["ru"] and first["language"] == ["en-GB"]
    assert "motherTongue" not in second


def test_select_ignore_and_suppression_apply_to_lt_codes(lt_server, tmp_path):
    srv = lt_server()
    md = tmp_path / "a.md"
    md.write_text("<!-- mtfix: ignore LT:MORFOLOGIK_RULE_EN_US -->\nThis is teh end.\n\nAnd teh next.\n",
                  encoding="utf-8")
    out = run("check", "--languagetool", srv.url, str(md), cwd=tmp_path).stdout.decode()
    assert out.count("LT:MORFOLOGIK_RULE_EN_US") == 1 and ":4:5: LT:MORFOLOGIK" in out
    out = run("check", "--languagetool", srv.url, "--ignore", "LT:MORFOLOGIK_RULE_EN_US", str(md),
              cwd=tmp_path).stdout.decode()
    assert "LT:" not in out and "MT901" not in out     # suppression of an ignored rule is not "unused"
    out = run("check", "--languagetool", srv.url, "--select", "MT3", str(md), cwd=tmp_path).stdout.decode()
    assert "LT:" not in out


def test_fix_never_contacts_the_server_nor_applies_its_replacements(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("This is teh end , really.\n", encoding="utf-8")
    r = run("fix", "--unsafe-fixes", "--write", "--languagetool", srv.url, str(f), cwd=tmp_path)
    assert r.returncode == 0
    assert f.read_text(encoding="utf-8") == "This is teh end, really.\n"
    assert srv.checks() == []


def test_error_response_one_warning_own_checks_decide_exit(lt_server, tmp_path):
    srv = lt_server("error")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Hello , world and teh rest.\n", encoding="utf-8")
    b.write_text("A clean sentence here.\n", encoding="utf-8")
    r = run("check", "--languagetool", srv.url, str(a), str(b), cwd=tmp_path)
    err = r.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("mtfix: warning: LanguageTool at ") and "text too long" in err[0]
    assert "MT301" in r.stdout.decode() and "LT:" not in r.stdout.decode()
    assert r.returncode == 1
    assert len(srv.checks()) == 1          # a failed server is not asked again for the next file
    r = run("check", "--languagetool", srv.url, str(b), cwd=tmp_path)
    assert r.returncode == 0 and len(r.stderr.decode().splitlines()) == 1


def test_slow_server_times_out_with_one_warning(lt_server, tmp_path):
    srv = lt_server("slow", delay=3.0)
    f = tmp_path / "a.txt"
    f.write_text("Hello , world and teh rest.\n", encoding="utf-8")
    r = run("check", "--languagetool", srv.url, str(f), cwd=tmp_path,
            env={"MTFIX_LANGUAGETOOL_TIMEOUT": "0.5"})
    err = r.stderr.decode().splitlines()
    assert len(err) == 1 and "timed out" in err[0], err
    assert "MT301" in r.stdout.decode() and r.returncode == 1
    assert len(srv.checks()) == 1          # one try, not the library's default two


def test_server_down_and_local_not_installed_each_one_warning(tmp_path):
    import socket

    with socket.socket() as s:             # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    f = tmp_path / "a.txt"
    f.write_text("A clean sentence here.\n", encoding="utf-8")
    r = run("check", "--languagetool", f"http://127.0.0.1:{port}", str(f), cwd=tmp_path)
    assert r.returncode == 0 and len(r.stderr.decode().splitlines()) == 1
    assert "LanguageTool" in r.stderr.decode() and "Traceback" not in r.stderr.decode()
    empty = tmp_path / "no-lt-here"
    empty.mkdir()
    r = run("check", "--languagetool", "local", str(f), cwd=tmp_path,
            env={"LTP_PATH": str(empty), "LTP_JAR_DIR_PATH": ""})
    assert r.returncode == 0 and r.stderr.decode().count("\n") == 1
    assert "no local LanguageTool installed" in r.stderr.decode()
    assert list(empty.iterdir()) == []     # nothing downloaded, nothing created


def test_api_level_mapping(lt_server):
    """The pipeline hook directly: offsets map back per segment, severities follow issueType."""
    from mtfix.model import Location, Segment
    from mtfix.options import Options
    from mtfix.pipeline import check_segments

    srv = lt_server()
    segs = [Segment("All good here.", location=Location("x", 1, 1)),
            Segment("Then teh end , ok.", location=Location("x", 5, 3))]
    options = Options(select=("LT:",), extra={"languagetool": srv.url})
    res = check_segments(segs, options)
    assert res[0] == []
    assert [(i.code, i.start, i.end, i.location.line, i.location.column, str(i.severity)) for i in res[1]] == [
        ("LT:MORFOLOGIK_RULE_EN_US", 5, 8, 5, 8, "warning"),
        ("LT:COMMA_PARENTHESIS_WHITESPACE", 12, 14, 5, 15, "info")]


def test_off_by_default_and_not_even_imported(tmp_path):
    """Without a configured server, a check never loads language-tool-python (or requests)."""
    f = tmp_path / "a.txt"
    f.write_text("Hello , world and teh rest.\n", encoding="utf-8")
    code = ("import sys\nfrom mtfix.cli import main\nrc = main(['check', '--isolated', sys.argv[1]])\n"
            "print(rc, [m for m in ('language_tool_python', 'requests', 'mtfix.languagetool') if m in sys.modules])")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.pop("MTFIX_LANGUAGETOOL", None)
    out = subprocess.run([sys.executable, "-c", code, str(f)], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=120).stdout.splitlines()[-1]
    assert out == "1 []"


def test_big_documents_are_split_at_segment_boundaries(lt_server, monkeypatch):
    from mtfix import languagetool
    from mtfix.model import Location, Segment
    from mtfix.options import Options
    from mtfix.pipeline import check_segments

    srv = lt_server()
    monkeypatch.setattr(languagetool, "MAX_BATCH_CHARS", 45)
    segs = [Segment(f"Line {k} has teh typo.", location=Location("x", k + 1, 1)) for k in range(5)]
    res = check_segments(segs, Options(select=("LT:",), extra={"languagetool": srv.url}))
    assert [[(i.start, i.location.line) for i in r] for r in res] == [[(11, k + 1)] for k in range(5)]
    assert len(srv.checks()) == 3        # 2 + 2 + 1 segments of 20 characters


def test_protected_spans_are_masked_before_sending(lt_server, tmp_path):
    srv = lt_server()
    md = tmp_path / "a.md"
    text = "See {usr} at https://example.org/teh and <b>usr</b> `teh` then teh end.\n"
    md.write_text(text, encoding="utf-8")
    r = run("check", "--format", "json", "--languagetool", srv.url, str(md), cwd=tmp_path)
    sent = srv.checks()[0]["text"][0]
    assert sent == "See 00000 at 00000000000000000000000 and    usr     00000 then teh end.\n"
    assert len(sent) == len(text)
    lt = [(i["code"], i["column"]) for i in _json(r) if i["code"].startswith("LT:")]
    # Only prose is flagged: the words between the tags, and the last "teh".
    assert lt == [("LT:MORFOLOGIK_RULE_EN_US", text.index("usr<") + 1),
                  ("LT:MORFOLOGIK_RULE_EN_US", text.index("teh end") + 1)]


def test_languagetool_rules_profiles_reach_the_server(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("This is teh end.\n", encoding="utf-8")
    run("check", "--languagetool", srv.url, str(f), cwd=tmp_path)
    (tmp_path / ".mtfix.toml").write_text(
        'languagetool-rules = ["default", "+category:STYLE", "-WHITESPACE_RULE"]\n', encoding="utf-8")
    run("check", "--languagetool", srv.url, str(f), cwd=tmp_path)
    curated, custom = srv.checks()
    assert "CASING" in curated["disabledCategories"][0].split(",")        # the "mt" profile
    assert "EN_UNPAIRED_BRACKETS" in curated["disabledRules"][0].split(",")
    assert custom["enabledCategories"] == ["STYLE"] and custom["disabledRules"] == ["WHITESPACE_RULE"]
    assert "disabledCategories" not in custom


def test_languagetool_default_profile_drops_spelling_on_names_only(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("Teh start, then teh end.\n", encoding="utf-8")
    out = run("check", "--format", "json", "--languagetool", srv.url, str(f), cwd=tmp_path)
    assert [(i["code"], i["column"]) for i in _json(out) if i["code"].startswith("LT:")] == [
        ("LT:MORFOLOGIK_RULE_EN_US", 17)]   # the fake flags "Teh" too: on a capital, dropped
    (tmp_path / ".mtfix.toml").write_text('languagetool-rules = "mt-strict"\n', encoding="utf-8")
    again = run("check", "--format", "json", "--languagetool", srv.url, str(f), cwd=tmp_path)
    assert _json(again) == _json(out)   # the default's former name still works


def test_languagetool_mt_names_profile_keeps_spelling_on_capitalised_words(lt_server, tmp_path):
    srv = lt_server()
    f = tmp_path / "a.txt"
    f.write_text("Teh start, then teh end.\n", encoding="utf-8")
    (tmp_path / ".mtfix.toml").write_text('languagetool-rules = "mt-names"\n', encoding="utf-8")
    out = run("check", "--format", "json", "--languagetool", srv.url, str(f), cwd=tmp_path)
    assert [(i["code"], i["column"]) for i in _json(out) if i["code"].startswith("LT:")] == [
        ("LT:MORFOLOGIK_RULE_EN_US", 1), ("LT:MORFOLOGIK_RULE_EN_US", 17)]


@pytest.mark.parametrize("value", ['"loud"', '["mt", "WHITESPACE_RULE"]', '["mt", "-bad id"]', "3"])
def test_languagetool_rules_mistakes_are_one_line(tmp_path, value):
    f = tmp_path / "a.txt"
    f.write_text("Fine.\n", encoding="utf-8")
    (tmp_path / ".mtfix.toml").write_text(f"languagetool-rules = {value}\n", encoding="utf-8")
    r = run("check", str(f), cwd=tmp_path)
    err = r.stderr.decode()
    assert r.returncode == 2 and err.count("\n") == 1 and "languagetool-rules" in err and "Traceback" not in err


def test_server_down_set_in_a_config_with_jobs_one_warning_per_run(tmp_path):
    """LanguageTool configured in a config file (not on the command line): a run over several
    files with --jobs 2 still warns once, as with --jobs 1 (the files are checked in order)."""
    import socket

    with socket.socket() as s:             # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "mtfix.toml").write_text(f'languagetool = "http://127.0.0.1:{port}"\n', encoding="utf-8")
    (tmp_path / "a0.txt").write_text("", encoding="utf-8")    # first, and nothing to send
    for k in range(4):
        (tmp_path / f"f{k}.txt").write_text("A clean sentence here.\n", encoding="utf-8")
    one = run("check", "-r", str(tmp_path), "--jobs", "1", cwd=tmp_path)
    two = run("check", "-r", str(tmp_path), "--jobs", "2", cwd=tmp_path)
    assert len(one.stderr.decode().splitlines()) == 1 and "LanguageTool" in one.stderr.decode()
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)


# --- a hostile or broken server (issue 26) ---

def test_server_dribbling_bytes_meets_a_total_deadline(lt_server, tmp_path):
    """A byte every 0.3 s never trips a per-read timeout of 1 s: the limit is for the whole answer."""
    srv = lt_server("dribble", delay=0.3)
    f = tmp_path / "a.txt"
    f.write_text("Hello , world and teh rest.\n", encoding="utf-8")
    t = time.monotonic()
    r = run("check", "--languagetool", srv.url, str(f), cwd=tmp_path,
            env={"MTFIX_LANGUAGETOOL_TIMEOUT": "1"})
    elapsed = time.monotonic() - t
    err = r.stderr.decode().splitlines()
    assert len(err) == 1 and "timed out" in err[0], err
    assert "MT301" in r.stdout.decode() and r.returncode == 1
    assert elapsed < 20, elapsed            # the dribble lasts 60 s


def test_negative_length_and_control_characters_from_the_server(lt_server, tmp_path):
    srv = lt_server("hostile")
    f = tmp_path / "a.txt"
    f.write_text("Then teh end , ok.\n", encoding="utf-8")
    r = run("check", "--languagetool", srv.url, "--select", "LT:", "--format", "json", str(f),
            cwd=tmp_path)
    issues = _json(r)
    issues = issues if isinstance(issues, list) else issues["issues"]
    assert all(i["end"] >= i["start"] for i in issues)
    assert [i["code"] for i in issues] == ["LT:MORFOLOGIK0m"]     # the negative-length match dropped
    assert issues[0]["suggestions"] == ["the"]
    for fmt in ("text", "json"):
        r = run("check", "--languagetool", srv.url, "--select", "LT:", "--format", fmt, str(f),
                cwd=tmp_path)
        out = r.stdout.decode()
        assert "\x1b" not in out and "\u202e" not in out, out
        assert "mistake" in out


@pytest.mark.parametrize("word,other", [
    ("centre", "center"), ("organisation", "organization"), ("licence", "license"), ("enrol", "enroll"),
    ("instalments", "installments"), ("colour", "color"), ("savoury", "savory"), ("analysed", "analyzed"),
    ("anaesthesia", "anesthesia"), ("programme", "program"), ("tyres", "tires"), ("grey", "gray"),
    ("travelled", "traveled"), ("catalogue", "catalog"), ("practising", "practicing"), ("Kilometres", "kilometers")])
def test_regional_pairs(word, other):
    from mtfix.languagetool import regional_pair

    assert regional_pair(word, other) and regional_pair(other, word)


@pytest.mark.parametrize("word,other", [
    ("teh", "the"), ("recieve", "receive"), ("untill", "until"), ("realy", "really"), ("wil", "will"),
    ("tour", "tor"), ("acre", "acer"), ("hour", "hor"), ("centre", "centre"), ("cutted", "cut")])
def test_typos_are_no_regional_pairs(word, other):
    from mtfix.languagetool import regional_pair

    assert not regional_pair(word, other)
