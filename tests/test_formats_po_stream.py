"""`mtfix check` reads PO/POT files entry by entry (issue 6: a 50 MB catalogue in bounded
memory): the streamed segments must be exactly the whole-file adapter's, and every output
format and exit code must be the same as on the whole-file path."""
import codecs
import json
import subprocess
import sys

import pytest

from conftest import DATA, ROOT
from mtfix import cli, runner
from mtfix.formats import po_stream, read_path
from mtfix.formats.po_stream import open_streamed

FORMATS = DATA / "formats"

# The awkward corners of the scanner: CRLF, whitespace-only separator lines, a comment or a
# msgid straight after a msgstr (no blank line), msgctxt, plural forms, fuzzy and obsolete
# entries, a wrapped msgstr, a suppression comment, no final newline.
TRICKY = (
    'msgid ""\r\nmsgstr ""\r\n"X-Source-Language: ru\\n"\r\n"Content-Type: text/plain; charset=UTF-8\\n"\r\n'
    "\r\n"
    '#. note\r\nmsgid "Привет"\r\nmsgstr "Hello , world"\r\n'
    "   \t\n"
    '# mtfix: ignore MT301\nmsgid "Сохранить"\nmsgstr "Save the the file"\n'
    '# after a msgstr, no blank line\nmsgctxt "menu"\nmsgid "Файл"\nmsgstr ""\n"The the "\n"file\\n"\n'
    'msgid "Окно"\nmsgstr "Window  pane"\n\n'
    '#, fuzzy\nmsgid "Нечёткий"\nmsgstr "Fuzzy fuzzy"\n\n'
    '#~ msgid "Старый"\n#~ msgstr "Old old"\n\n'
    'msgid "{n} файл"\nmsgid_plural "{n} файлов"\nmsgstr[0] "{n} file"\nmsgstr[1] "{n} files files"\n\n'
    'msgid "Последний"\nmsgstr "Last  one"'
)


def _fixtures():
    return sorted(p.name for p in FORMATS.iterdir() if p.suffix in (".po", ".pot"))


def _same(path, format_in=None):
    doc = read_path(str(path), format_in)
    streamed = open_streamed(str(path), format_in)
    assert streamed is not None
    ours = list(streamed.segments())
    assert ours == list(doc.segments)
    for a, b in zip(ours, doc.segments):
        assert a.meta.get("context") == b.meta.get("context")
        # positions inside the text (second wrapped line, end of text) map to the same place
        for k in sorted({0, len(a.text) // 2, len(a.text)}):
            assert a.position(k) == b.position(k)
    return ours


@pytest.mark.parametrize("name", _fixtures())
def test_streamed_segments_equal_the_adapters(name):
    assert _same(FORMATS / name)
    _same(FORMATS / name, "po-all")


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_streamed_segments_on_awkward_layout(tmp_path, bom):
    path = tmp_path / "tricky.po"
    path.write_bytes(bom + TRICKY.encode("utf-8"))
    segs = _same(path)
    assert [s.location.line for s in segs] == [8, 12, 17, 20, 31, 32, 35]
    _same(path, "po-all")


def _main(capsys, *args):
    code = cli.main(["check", "--isolated", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_check_outputs_match_the_whole_file_path(monkeypatch, capsys, tmp_path, fmt):
    tricky = tmp_path / "tricky.po"
    tricky.write_text(TRICKY, encoding="utf-8")
    paths = [str(FORMATS / n) for n in _fixtures()] + [str(tricky)]
    args = ["--format", fmt, "--show-suppressed", *paths]
    monkeypatch.setattr(runner, "CHUNK", 3)       # several chunks per file: MT706 carries over
    streamed = _main(capsys, *args)
    monkeypatch.setattr(po_stream, "open_streamed", lambda *a: None)
    whole = _main(capsys, *args)
    assert streamed == whole
    assert streamed[0] == 1 and streamed[1]


def test_statistics_and_clean_file_match(monkeypatch, capsys):
    streamed = _main(capsys, "--statistics", str(FORMATS / "messages.po"))
    clean = _main(capsys, str(FORMATS / "clean.po"))
    monkeypatch.setattr(po_stream, "open_streamed", lambda *a: None)
    assert _main(capsys, "--statistics", str(FORMATS / "messages.po")) == streamed
    assert _main(capsys, str(FORMATS / "clean.po")) == clean


def test_not_streamable_files_keep_their_messages(cli, tmp_path):
    utf16 = tmp_path / "utf16.po"
    utf16.write_bytes(codecs.BOM_UTF16_LE + TRICKY.encode("utf-16-le"))
    bad = tmp_path / "bad.po"
    bad.write_bytes(TRICKY.encode("utf-8") + b'\n\nmsgid "x"\nmsgstr "caf\xe9"\n')
    assert open_streamed(str(utf16)) is None and open_streamed(str(bad)) is None
    assert open_streamed(str(tmp_path)) is None
    r = cli("check", "--isolated", str(utf16))
    assert r.returncode == 1 and "utf16.po:8:" in r.stdout.decode()
    r = cli("check", "--isolated", str(bad))
    assert r.returncode == 2 and b"bad.po:" not in r.stdout
    assert r.stderr.decode().strip() == f"mtfix: error: {bad}: not valid UTF-8 at byte {len(TRICKY.encode()) + 23} " \
                               "(convert it to UTF-8 first)"


def test_streaming_memory_does_not_grow_with_the_file(tmp_path):
    """Reading segments of an 8 MB catalogue allocates far less than the file's size (the
    whole-file path holds the bytes, the text and a line index)."""
    probe = (
        "import sys, tracemalloc\n"
        "from mtfix.formats.po_stream import open_streamed\n"
        "tracemalloc.start()\n"
        "n = sum(1 for _ in open_streamed(sys.argv[1]).segments())\n"
        "print(n, tracemalloc.get_traced_memory()[1])\n")
    path = tmp_path / "big.po"
    entry = '#: app.py:1\nmsgid "Сохранить файл {n}"\nmsgstr ""\n"Save the file "\n"{n} now"\n\n'
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('msgid ""\nmsgstr "X-Source-Language: ru\\n"\n\n')
        fh.write(entry * (8 * 2**20 // len(entry.encode())))
    r = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    n, peak = map(int, r.stdout.split())
    assert n > 90_000
    assert peak < 2**20                 # under 1 MB of Python allocations for an 8 MB file


def test_translation_memory_across_files_keeps_text_and_place(capsys, tmp_path):
    """MT706 remembers each source's first translation across chunks and files (packed as bytes
    to stay small on a 50 MB catalogue): the earlier text and its file:line come back intact."""
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    header = 'msgid ""\nmsgstr "X-Source-Language: ru\\n"\n\n'
    a.write_text(header + 'msgid "Меню кафе"\nmsgstr "Café menu — «today»"\n', encoding="utf-8")
    b.write_text(header + '\nmsgid "Меню кафе"\nmsgstr "Coffee shop menu"\n', encoding="utf-8")
    code, out, _ = _main(capsys, "--select", "MT706", "--format", "json", str(a), str(b))
    found = json.loads(out)
    assert code == 1 and [(i["file"], i["line"]) for i in found] == [(str(b), 6)]
    assert found[0]["suggestions"] == ["Café menu — «today»"] and f"{a}:5" in found[0]["message"]
