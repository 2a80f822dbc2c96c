"""XLIFF 1.2 and 2.0: targets checked against sources, inline tags protected, notes as
suppressions, and hostile XML (entity bombs, external entities) rejected with exit 2, one line,
no file read and bounded memory."""
import os
import subprocess
import sys
import textwrap

from conftest import DATA, ROOT, json_issues as issues
from mtfix.formats import read_path

FORMATS = DATA / "formats"


def test_xliff12_checks(cli):
    found = issues(cli, "--select", "MT7,MT301", str(FORMATS / "news.xlf"))
    assert sorted((i["key"], i["code"]) for i in found) == [
        ("p1", "MT301"), ("p2", "MT701"), ("p3", "MT702"), ("p6", "MT706")]
    by = {i["code"]: i for i in found}
    assert by["MT701"]["suggestions"] == ["120"]
    assert "</ph>" in by["MT702"]["message"] and "<ph id=4>" in by["MT702"]["message"]
    # p5 repeats the inconsistency but carries <note>mtfix: ignore MT706</note>; p8 is translate="no".
    assert not {"p5", "p8"} & {i["key"] for i in found}


def test_xliff20_checks(cli):
    found = issues(cli, "--select", "MT7,MT301", str(FORMATS / "app.xliff"))
    assert sorted((i["key"], i["code"]) for i in found) == [
        ("greeting", "MT301"), ("help", "MT707"), ("save", "MT703")]
    assert [i["suggestions"] for i in found if i["code"] == "MT707"] == [["max_retries"]]


def test_inline_tags_and_entities_are_protected():
    doc = read_path(str(FORMATS / "news.xlf"))
    seg = next(s for s in doc.segments if s.location.key == "p1")
    assert seg.source.startswith("Министерство обороны заявило")
    assert seg.source_lang == "ru"
    for tag in ('<g id="1">', "</g>"):
        start = seg.text.index(tag)
        assert seg.is_protected(start, start + len(tag))
    amp = next(s for s in doc.segments if s.location.key == "p7")
    assert amp.is_protected(amp.text.index("&amp;"), amp.text.index("&amp;") + 5)


def test_fix_escapes_nothing_it_did_not_write(tmp_path, cli):
    path = tmp_path / "news.xlf"
    path.write_bytes((FORMATS / "news.xlf").read_bytes())
    r = cli("fix", "--write", str(path))
    assert r.returncode == 0, r.stderr
    text = path.read_text(encoding="utf-8")
    assert "The defense ministry said, that the <g id=\"1\">exercises</g> are over." in text
    assert "<ph id=\"3\">&lt;a href=\"https://example.com/news\"&gt;</ph>" in text


def test_clean_xliff_passes(cli):
    r = cli("check", str(FORMATS / "clean.xlf"))
    assert r.returncode == 0 and b"All clear" in r.stdout


BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<xliff version="1.2"><file source-language="ru" target-language="en"><body>
<trans-unit id="1"><source>бомба</source><target>&lol9;</target></trans-unit>
</body></file></xliff>
"""


def xxe(secret_path):
    return f"""<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY secret SYSTEM "file://{secret_path}">]>
<xliff version="1.2"><file source-language="ru" target-language="en"><body>
<trans-unit id="1"><source>секрет</source><target>The secret is &secret; ,</target></trans-unit>
</body></file></xliff>
"""


def test_billion_laughs_is_rejected_with_one_line(tmp_path, cli):
    path = tmp_path / "bomb.xlf"
    path.write_text(BOMB, encoding="utf-8")
    for command in ("check", "fix"):
        r = cli(command, str(path))
        assert r.returncode == 2
        err = r.stderr.decode().strip().splitlines()
        assert len(err) == 1, err
        assert err[0].startswith(f"mtfix: error: {path}: unsafe XML rejected")
        assert b"lol" not in r.stdout
    assert path.read_text(encoding="utf-8") == BOMB


def test_external_entity_is_rejected_and_never_read(tmp_path, cli):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN", encoding="utf-8")
    path = tmp_path / "xxe.xliff"
    path.write_text(xxe(secret), encoding="utf-8")
    r = cli("check", str(path))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "unsafe XML rejected" in err[0] and "'secret'" in err[0]
    assert b"TOP-SECRET" not in r.stdout + r.stderr


def test_hostile_xliff_keeps_memory_bounded(tmp_path):
    """Peak memory of a process that checks the bomb stays near that of one checking a clean file
    (expanded, the bomb would be 10**9 'lol's: gigabytes)."""
    bomb = tmp_path / "bomb.xlf"
    bomb.write_text(BOMB, encoding="utf-8")
    probe = textwrap.dedent("""
        import resource, sys, tracemalloc
        tracemalloc.start()
        from mtfix.cli import main
        code = main(["check", sys.argv[1]])
        peak = tracemalloc.get_traced_memory()[1]
        print("RESULT", code, peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(path):
        r = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True,
                           env=env, timeout=120)
        code, peak, rss = r.stderr.strip().splitlines()[-1].split()[1:]
        return int(code), int(peak), int(rss)

    code, peak, rss = run(bomb)
    _, clean_peak, clean_rss = run(FORMATS / "clean.xlf")
    assert code == 2
    assert peak < clean_peak + 5 * 2**20           # Python allocations: within 5 MB of a clean run
    assert rss < clean_rss + 20 * 1024             # ru_maxrss (KiB): within 20 MB of a clean run


def test_malformed_xml_is_one_line(tmp_path, cli):
    path = tmp_path / "broken.xlf"
    path.write_text('<xliff version="1.2"><file><body><trans-unit id="1"><target>x</trans-unit>',
                    encoding="utf-8")
    r = cli("check", str(path))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "not well-formed XML" in err[0]


def test_utf16_and_bom_crlf_files_keep_their_encoding(tmp_path, cli):
    text = (FORMATS / "clean.xlf").read_text(encoding="utf-8").replace(
        "in the exercises.</target>", "in the exercises .</target>")
    cases = {"u16.xlf": (text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"), "utf-16-le"),
             "bom-crlf.xlf": (("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"), "utf-8")}
    for name, (data, enc) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        r = cli("check", str(path))
        assert f"{name}:7:96: MT301".encode() in r.stdout, r.stdout + r.stderr
        cli("fix", "--write", str(path))
        assert path.read_bytes() == data.replace("exercises .".encode(enc), "exercises.".encode(enc))
