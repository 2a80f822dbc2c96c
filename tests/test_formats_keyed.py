"""Issue 25: Java .properties, Flutter .arb, iOS .strings and Android strings.xml -- each read
as its format (keys as ids, the target language from the file), written back byte for byte but
the fixed characters, and a malformed file refused in one line while the others go on."""
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import run_cli
from mtfix.formats import read_path

PROPERTIES = ("# Comment , kept\n! other comment\napp.title = As mentioned , the plan.\n"
              "welcome\\ key: Hello {0}, you have %d new messages , see.\n"
              "multi = First line , \\\n    second part , here\\n\nempty=\n"
              "umlaut=Gr\\u00fc\\u00dfe , friend\n")
ARB = ('{\n  "@@locale": "de",\n  "title": "As mentioned , the plan.",\n'
       '  "@title": {"description": "Title , shown on top"},\n'
       '  "items": "{count, plural, =0{No items , sorry} one{One item} other{{count} items}}",\n'
       '  "@items": {"placeholders": {"count": {"type": "int"}}}\n}\n')
STRINGS = ('/* Title , of the window */\n"title" = "As mentioned , the plan.";\n// a line , comment\n'
           '"quote" = "Say \\"yes\\" , then go.\\n";\nbare = "Keep it , please";\n')
ANDROID = '''<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">
    <!-- <string name="commented">As mentioned , no.</string> -->
    <string name="app_name" translatable="false">MyApp , Inc.</string>
    <string name="title">As mentioned , the plan.</string>
    <string name="dont">Don\\'t worry , be happy &amp; calm.\\nNext line</string>
    <string name="quoted">"It's fine , really"</string>
    <string name="welcome">Hello <xliff:g id="user">%1$s</xliff:g>, <b>welcome</b>!</string>
    <plurals name="songs">
        <item quantity="one">%d song found , sorry.</item>
        <item quantity="other">%d songs found , sorry.</item>
    </plurals>
    <string-array name="planets">
        <item>Mercury , the first</item>
        <item>Venus</item>
    </string-array>
    <string name="empty"/>
    <string name="alias">@string/title</string>
</resources>
'''

QT_TS = '''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="ru">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../mainwindow.cpp" line="12"/>
        <source>&amp;Файл</source>
        <translation>&amp;File , menu</translation>
    </message>
    <message>
        <source>Сохранить %1</source>
        <translation type="unfinished">Save %1 , now</translation>
    </message>
    <message numerus="yes">
        <source>%n файл(ов)</source>
        <translation>
            <numerusform>%n file , found</numerusform>
            <numerusform>%n &lt;b&gt;files&lt;/b&gt; found , ok</numerusform>
        </translation>
    </message>
    <message>
        <source>Выход</source>
        <translation type="obsolete">Exit , now</translation>
    </message>
</context>
</TS>
'''

CASES = {
    # name: (relative path, bytes, expected keys, target language, comments/metadata never touched)
    "properties": ("messages_de.properties", PROPERTIES.encode(), ["app.title", "welcome key", "multi", "umlaut"],
                   "de", ("# Comment , kept",)),
    "arb": ("l10n/app.arb", ARB.encode(), ["title", "items"], "de", ("Title , shown on top",)),
    "strings-utf8": ("fr.lproj/Localizable.strings", STRINGS.encode(), ["title", "quote", "bare"], "fr",
                     ("Title , of the window", "a line , comment")),
    "strings-utf16": ("fr.lproj/InfoPlist.strings", STRINGS.encode("utf-16"), ["title", "quote", "bare"], "fr",
                      ("Title , of the window", "a line , comment")),
    "android": ("res/values-de/strings.xml", ANDROID.encode(),
                ["title", "dont", "quoted", "welcome", "songs[one]", "songs[other]", "planets[0]", "planets[1]"],
                "de", ("MyApp , Inc.", "As mentioned , no.")),
    "qt-ts": ("i18n/app_en.ts", QT_TS.encode(),
              ["MainWindow: &Файл", "MainWindow: %n файл(ов)[0]", "MainWindow: %n файл(ов)[1]"], "en",
              ("Save %1 , now", "Exit , now")),
}


def _english(rel, data):
    """The same file in an English locale: the fixtures' values are English text, and MT301
    (English punctuation spacing) runs only where the file's target language is English."""
    for de, en in (("values-de/", "values/"), ("_de.", "_en."), ("fr.lproj/", "en.lproj/")):
        rel = rel.replace(de, en)
    return rel, data.replace(b'"@@locale": "de"', b'"@@locale": "en"')


def _write(tmp_path, rel, data):
    p = tmp_path / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("case", sorted(CASES))
def test_keys_and_target_language_come_from_the_file(tmp_path, case):
    rel, data, keys, lang, _ = CASES[case]
    doc = read_path(str(_write(tmp_path, rel, data)))
    assert [s.location.key for s in doc.segments] == keys
    assert {s.target_lang for s in doc.segments} == {lang}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_write_changes_only_the_fixed_characters(tmp_path, case):
    rel, data, keys, lang, untouched = CASES[case]
    rel, data = _english(rel, data)
    p = _write(tmp_path, rel, data)
    r = run_cli("fix", "--write", "--select", "MT301", str(p))
    assert r.returncode == 0, r.stderr
    enc = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8"
    before, after = data.decode(enc), p.read_bytes().decode(enc)
    assert all(u in after for u in untouched)                   # comments and metadata as they were
    # Everything else byte for byte: only " ," became "," in the values.
    for u in untouched:
        before, after = before.replace(u, "#"), after.replace(u, "#")
    assert after == before.replace(" ,", ",")
    assert p.read_bytes()[:2] == data[:2]                       # the BOM (UTF-16) kept
    # The file is still what its format's own reader accepts, with the fixed text.
    if case == "arb":
        assert json.loads(after)["title"] == "As mentioned, the plan."
    if case == "android":
        root = ET.fromstring(after.encode())
        assert root.find("string[@name='title']").text == "As mentioned, the plan."
    again = read_path(str(p))
    assert [s.location.key for s in again.segments] == keys
    assert all(" ," not in s.text for s in again.segments)
    assert run_cli("fix", "--select", "MT301", str(p)).returncode == 0     # nothing left to fix


def test_properties_escapes_and_continuations_are_decoded():
    from mtfix.formats.properties import PropertiesAdapter

    segs = PropertiesAdapter().segments(PROPERTIES, "x_de.properties")
    texts = {s.location.key: s.text for s in segs}
    assert texts["multi"] == "First line , second part , here\n"
    assert texts["umlaut"] == "Grüße , friend"
    welcome = next(s for s in segs if s.location.key == "welcome key")
    assert welcome.is_protected(welcome.text.index("{0}"), welcome.text.index("{0}") + 3)


def test_android_skips_untranslatable_and_protects_markup(tmp_path):
    p = _write(tmp_path, "res/values-de/strings.xml", ANDROID.encode())
    segs = {s.location.key: s for s in read_path(str(p)).segments}
    assert "app_name" not in segs and "commented" not in segs
    assert segs["dont"].text == "Don't worry , be happy & calm.\nNext line"
    w = segs["welcome"]
    i = w.text.index("<xliff:g")
    assert w.is_protected(i, w.text.index("</xliff:g>") + 10)


# (malformed files of these formats: tests/test_formats_more.py, with every other catalogue format)


def test_recursive_reads_android_resources_but_no_other_xml(tmp_path):
    _write(tmp_path, "app/src/main/res/values/strings.xml", ANDROID.encode())
    _write(tmp_path, "app/pom.xml", b"<project><name>As mentioned , x</name></project>")
    r = run_cli("check", "-r", "--verbose", "--select", "MT301", str(tmp_path))
    assert r.returncode == 1
    assert "strings.xml" in r.stdout.decode() and "pom.xml" not in r.stdout.decode()
    assert "skipped" in r.stderr.decode() and "pom.xml" in r.stderr.decode()


def test_android_comment_or_cdata_inside_a_value_is_never_edited(tmp_path):
    data = ('<resources>\n  <string name="a">As mentioned<!-- x , y --> , fine.</string>\n'
            '  <string name="b"><![CDATA[Keep , this]]> and this , too</string>\n</resources>\n')
    p = _write(tmp_path, "res/values/strings.xml", data.encode())
    r = run_cli("fix", "--write", "--select", "MT301", str(p))
    assert r.returncode == 0, r.stderr
    out = p.read_text(encoding="utf-8")
    assert "<!-- x , y -->" in out and "<![CDATA[Keep , this]]>" in out
    assert "and this, too</string>" in out


def test_qt_ts_segments_carry_their_source_and_languages(tmp_path):
    p = _write(tmp_path, "app_en.ts", QT_TS.encode())
    segs = read_path(str(p)).segments
    assert [(s.source, s.source_lang) for s in segs] == [("&Файл", "ru"), ("%n файл(ов)", "ru"),
                                                          ("%n файл(ов)", "ru")]
    assert segs[0].text == "&File , menu" and segs[0].is_protected(0, 1)     # the accelerator


def test_typescript_is_refused_by_name_and_left_out_by_recursive(tmp_path):
    ts = _write(tmp_path, "src/app.ts", b"const x: string = 'As mentioned , the plan.';\n")
    _write(tmp_path, "i18n/app_en.ts", QT_TS.encode())
    r = run_cli("check", str(ts))
    assert r.returncode == 2 and len(r.stderr.decode().strip().splitlines()) == 1
    assert "not a Qt Linguist file" in r.stderr.decode()
    r = run_cli("check", "-r", "--verbose", "--select", "MT301", str(tmp_path))
    assert r.returncode == 1 and "app_en.ts" in r.stdout.decode() and "src/app.ts" not in r.stdout.decode()
    assert "TypeScript" in r.stderr.decode()


def test_properties_in_iso_8859_1_are_read_and_written_back_in_it(tmp_path):
    data = "# Grüße\ntitle=Grüße , friend\n".encode("latin-1")
    p = _write(tmp_path, "legacy_en.properties", data)
    r = run_cli("fix", "--write", "--select", "MT301", str(p))
    assert r.returncode == 0, r.stderr
    assert p.read_bytes() == data.replace(b" ,", b",")
    from mtfix.formats.properties import _escaper

    assert _escaper(False, 0xFF)("Grüße — “ok”") == "Grüße \\u2014 \\u201cok\\u201d"
