"""Input that is wrong for its format, and unknown languages or codes (issue 14): one clear line
naming the file (and line) and what was expected, exit 2 -- never a traceback, never "All clear"."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import mtfix

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def one_error(r) -> str:
    """The single stderr line of a run that failed with exit 2 and printed nothing else."""
    err = r.stderr.decode().splitlines()
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert len(err) == 1 and err[0].startswith("mtfix: error: "), err
    assert "Traceback" not in r.stderr.decode()
    return err[0].removeprefix("mtfix: error: ")


@pytest.mark.parametrize("command", ["check", "fix"])
def test_deep_json_is_one_line(cli, tmp_path, command):
    f = tmp_path / "deep.json"
    f.write_text("[" * 1000 + '"the the"' + "]" * 1000, encoding="utf-8")
    assert one_error(cli(command, str(f))) == (
        f"{f}:1:201: not supported: JSON nested more than 200 levels deep "
        "(expected a locale file of strings)")


def test_json_with_a_huge_integer_is_checked(cli, tmp_path):
    f = tmp_path / "big.json"
    f.write_text('{"n": ' + "7" * 5000 + ', "msg": "As previously mentioned , it works."}', encoding="utf-8")
    r = cli("check", str(f))
    assert r.returncode == 1 and f"{f}:1:" in r.stdout.decode() and "MT301" in r.stdout.decode()
    assert r.stderr == b""


def test_glossary_field_over_the_csv_limit_is_one_line(cli, tmp_path):
    g = tmp_path / "glossary.csv"
    g.write_text("source,target\nГосдума," + "x" * 140_000 + "\n", encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("The text.\n", encoding="utf-8")
    assert one_error(cli("check", "--glossary", str(g), str(f))) == (
        f"{g}:2: not a glossary CSV row (field larger than field limit (131072); expected source,target)")


BAD_PO = {
    "garbage line": (HEADER + 'msgid "a"\nmsgstr "b"\n\nhello world\n', 8,
                     "unexpected 'hello world' (expected a keyword"),
    "unclosed string": (HEADER + 'msgid "a\nmsgstr "b"\n', 5, "a string that is not closed"),
    "msgid without msgstr": (HEADER + 'msgid "a"\n\nmsgid "c"\nmsgstr "d"\n', 5,
                             "msgid without msgstr (expected msgstr after it)"),
    "msgstr without msgid": (HEADER + 'msgstr "b"\n', 5, "msgstr without msgid before it"),
    "plural without index": (HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 7,
                             "msgstr after msgid_plural (expected msgstr[0])"),
    "unknown escape": (HEADER + 'msgid "a"\nmsgstr "b\\q"\n', 6, "unknown escape"),
    "html page": ("<html><body>the the</body></html>\n", 1, "unexpected '<html>"),
}


@pytest.mark.parametrize("name", list(BAD_PO))
@pytest.mark.parametrize("command", ["check", "fix"])
def test_po_that_msgfmt_rejects_is_one_line(cli, tmp_path, name, command):
    text, line, what = BAD_PO[name]
    f = tmp_path / "bad.po"
    f.write_text(text, encoding="utf-8")
    if shutil.which("msgfmt"):      # the reference: gettext's own compiler rejects it too
        assert subprocess.run(["msgfmt", "-o", "/dev/null", str(f)], capture_output=True).returncode != 0
    msg = one_error(cli(command, "--write", str(f)) if command == "fix" else cli(command, str(f)))
    assert msg.startswith(f"{f}:{line}: not a valid PO file: ") and what in msg
    assert f.read_text(encoding="utf-8") == text        # not rewritten


def test_valid_po_still_passes(cli, tmp_path):
    f = tmp_path / "ok.po"
    f.write_text(HEADER + '#, fuzzy\nmsgctxt "x"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n'
                 'msgstr[1] ""\n"bs"\n\n#~ msgid "old"\n#~ msgstr "gone"\n', encoding="utf-8")
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "-o", "/dev/null", str(f)], capture_output=True).returncode == 0
    r = cli("check", str(f))
    assert r.returncode == 0 and r.stderr == b""


def test_html_saved_as_xlf_is_one_line(cli, tmp_path):
    f = tmp_path / "page.xlf"
    f.write_text('<?xml version="1.0"?>\n<html><body><p>The the text .</p></body></html>\n', encoding="utf-8")
    assert one_error(cli("check", str(f))) == (
        f"{f}:2: not an XLIFF file: found <html> (expected an <xliff> root element)")
    assert b"All clear" not in cli("check", str(f)).stdout


def test_garbage_srt_is_one_line(cli, tmp_path):
    f = tmp_path / "movie.srt"
    f.write_text("PK\x03\x04 garbage that is text\nmore of it\n\nthe the end .\n", encoding="utf-8")
    assert one_error(cli("check", str(f))) == (
        f"{f}:1: not a SubRip cue: found 'PK\\x03\\x04 garbage that is text' (expected a cue number and a "
        "timing line such as '00:00:01,000 --> 00:00:04,000')")


def test_srt_cue_number_without_timing_is_one_line(cli, tmp_path):
    f = tmp_path / "movie.srt"
    f.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\n00:00:03 to 00:00:04\nBye.\n", encoding="utf-8")
    assert one_error(cli("check", str(f))) == (
        f"{f}:6: not a SubRip cue: found '00:00:03 to 00:00:04' (expected a timing line such as "
        "'00:00:01,000 --> 00:00:04,000')")


def test_vtt_without_header_is_one_line(cli, tmp_path):
    f = tmp_path / "movie.vtt"
    f.write_text("00:01.000 --> 00:02.000\nHello.\n", encoding="utf-8")
    assert one_error(cli("check", str(f))) == (
        f"{f}:1: not a WebVTT file: found '00:01.000 --> 00:02.000' (expected 'WEBVTT' on the first line)")


def test_no_all_clear_when_every_input_failed(cli, tmp_path):
    f = tmp_path / "page.xlf"
    f.write_text("<html/>", encoding="utf-8")
    r = cli("check", str(f), str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and r.stdout == b""
    assert len(r.stderr.decode().splitlines()) == 2


def test_unknown_source_language_on_the_command_line(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The text.\n", encoding="utf-8")
    assert one_error(cli("check", "--source-lang", "klingon", str(f))) == (
        "command line: --source-lang: unknown source language 'klingon' (expected an ISO 639-1 "
        "code such as ru, de, zh, fr or es)")
    assert cli("check", "--source-lang", "pt-BR", str(f)).returncode == 0


def test_unknown_source_language_in_a_config_file(cli, tmp_path):
    (tmp_path / ".mtfix.toml").write_text('source-lang = "rus"\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("The text.\n", encoding="utf-8")
    msg = one_error(cli("check", str(f), cwd=tmp_path))
    assert msg.startswith(f"{tmp_path / '.mtfix.toml'}: key 'source-lang': unknown source language 'rus'")


@pytest.mark.parametrize("kwargs, message", [
    ({"select": ["MT999"]}, "unknown rule code MT999"),
    ({"ignore": "MT3,XX1"}, "unknown rule code XX1"),
    ({"source_lang": "klingon"}, "unknown source language 'klingon'"),
    ({"target_locale": "en-AU"}, "unsupported target locale 'en-AU' (supported: en-US, en-GB)"),
    ({"target_lang": "en-AU"}, "unsupported target locale 'en-AU' (supported: en-US, en-GB)"),
])
@pytest.mark.parametrize("api", ["check", "fix"])
def test_api_refuses_unknown_languages_and_codes(kwargs, message, api):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        getattr(mtfix, api)("As previously mentioned , it works.", **kwargs)


def test_api_accepts_known_ones():
    assert mtfix.check("As previously mentioned , it works.", select=["MT3"], source_lang="RU",
                       target_locale="en_gb")[0].code == "MT301"


# --- -r on a folder it cannot read (issue 26) ---

def _tree(tmp_path):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text("A clean sentence here.\n", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("The the hidden , text.\n", encoding="utf-8")
    return tmp_path / "locked"


@pytest.mark.parametrize("top", [False, True], ids=["subfolder", "the-folder-given"])
def test_unreadable_folder_in_recursive_walk_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys, top):
    import os

    from mtfix import cli as mtfix_cli

    locked = _tree(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).rstrip("/").endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status = mtfix_cli.main(["check", "--isolated", "-r", str(locked if top else tmp_path)])
    out, err = capsys.readouterr()
    assert status == 2          # as for an unreadable file: the others are checked, the run fails
    assert f"mtfix: error: {locked}: permission denied; folder not checked" in err.splitlines()
    assert ("All clear: no issues in 1 file." in out + err) == (not top)     # open/a.txt
    assert not [ln for ln in err.splitlines() if "no files mtfix can check" in ln]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 folder anyway (the test above simulates it)")
def test_unreadable_folder_for_real(cli, tmp_path):
    locked = _tree(tmp_path)
    locked.chmod(0)
    try:
        r = cli("check", "--isolated", "-r", str(tmp_path))
    finally:
        locked.chmod(0o755)
    assert r.returncode == 2 and f"{locked}: permission denied; folder not checked" in r.stderr.decode()
