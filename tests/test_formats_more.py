"""Issue 25, second slice: YAML locale files, bilingual CSV, .stringsdict, .xcstrings, Fluent and
HTML -- each read as its format (keys as ids, the target language from the file, markup and
placeholders protected), written back byte for byte but the fixed characters and still valid to
the format's own parser, and a malformed file refused in one line while the others go on."""
import csv
import io
import json
import plistlib
from html.parser import HTMLParser

import pytest
import yaml

from conftest import run_cli
from mtfix.formats import read_path

# Rails guide shape: language root, nested keys, %{interpolation}, anchors and a merge key,
# a block scalar, comments.
YAML = """# config/locales/en.yml , comment kept
en:
  defaults: &defaults
    greeting: "Welcome , %{name}!"
  hello: Hello world , again
  quoted: 'It''s fine , really'
  body: |
    First line , here.
    Second line , there.
  count: 3
  enabled: true
  admin:
    <<: *defaults
    title: &title Admin area , restricted
  copy: *title
  steps:
    - One , two
"""
# Xcode's own layout: " : " separators, plural variations, states.
XCSTRINGS = """{
  "sourceLanguage" : "en",
  "strings" : {
    "Hello, world" : {
      "localizations" : {
        "en-GB" : { "stringUnit" : { "state" : "translated", "value" : "Hello , world" } },
        "en-AU" : { "stringUnit" : { "state" : "needs_review", "value" : "Hello , mate" } }
      }
    },
    "%lld items" : {
      "localizations" : {
        "en-GB" : { "variations" : { "plural" : {
            "one" : { "stringUnit" : { "state" : "translated", "value" : "%lld item , sorry" } },
            "other" : { "stringUnit" : { "state" : "translated", "value" : "%lld items , sorry" } } } } }
      }
    },
    "Internal" : { "shouldTranslate" : false,
      "localizations" : { "en-GB" : { "stringUnit" : { "state" : "translated", "value" : "Keep , this" } } } }
  },
  "version" : "1.0"
}
"""
STRINGSDICT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <!-- <key>commented</key><string>As mentioned , no</string> -->
    <key>%d files</key>
    <dict>
        <key>NSStringLocalizedFormatKey</key>
        <string>%#@files@</string>
        <key>files</key>
        <dict>
            <key>NSStringFormatSpecTypeKey</key>
            <string>NSStringPluralRuleType</string>
            <key>NSStringFormatValueTypeKey</key>
            <string>d</string>
            <key>one</key>
            <string>%d file , found &amp; kept</string>
            <key>other</key>
            <string>%d files , found</string>
        </dict>
    </dict>
</dict>
</plist>
"""
# Fluent syntax guide shapes: a term, placeables, a multiline pattern, a select with variants, an
# attribute, comments.
FLUENT = """### Resource comment , kept
-brand-name = Firefox
hello = Hello , { $userName }!
multi =
    First line , here
    second line with { -brand-name }.
emails = { $unreadEmails ->
    [one] You have one unread email , sorry
   *[other] You have { $unreadEmails } unread emails , sorry
  }
login-input = Predefined value
    .placeholder = email@example.com
    .title = Type your email , please
"""
CSV = ('id,source,target\r\ngreet,"Привет, мир","Hello , world"\r\nbye,Пока,Bye now\r\n'
       'multi,"Строка","Line one , ""quoted""\r\nline two , too"\r\n')
HTML = """<!DOCTYPE html>
<html lang="en">
<head><title>Title , x</title><script>var a = "x , y";</script><style>p , a {}</style></head>
<body>
<h1 id="welcome">Welcome , friends</h1>
<p>As mentioned , the plan &amp; the
   <a href="/x?a=1&amp;b=2" title="a , b">link</a> here.</p>
<pre>keep , this</pre>
<p>Run <code>ls , -l</code> now , please.</p>
<p translate="no">Brand , Name</p>
<!-- comment , here -->
</body>
</html>
"""

CASES = {
    # name: (path, bytes, keys, target language, left alone)
    "yaml": ("config/locales/en.yml", YAML.encode(),
             ["en.defaults.greeting", "en.hello", "en.quoted", "en.body", "en.admin.title", "en.steps.0"], "en",
             ("# config/locales/en.yml , comment kept",)),
    "xcstrings": ("Localizable.xcstrings", XCSTRINGS.encode(),
                  ["Hello, world[en-GB]", "%lld items[en-GB:plural.one]", "%lld items[en-GB:plural.other]"],
                  "en", ("Hello , mate", "Keep , this")),
    "stringsdict": ("en.lproj/Localizable.stringsdict", STRINGSDICT.encode(),
                    ["%d files.files[one]", "%d files.files[other]"], "en", ("As mentioned , no",)),
    "fluent": ("locales/en/main.ftl", FLUENT.encode(),
               ["-brand-name", "hello", "multi", "emails[one]", "emails[other]", "login-input",
                "login-input.placeholder", "login-input.title"], "en", ("Resource comment , kept",)),
    "csv": ("strings.csv", CSV.encode(), ["greet", "bye", "multi"], None, ("Привет, мир",)),
    "html": ("site/index.html", HTML.encode(), ["welcome", "line 6", "line 9"], "en",
             ("Title , x", "x , y", "p , a", "a , b", "keep , this", "ls , -l", "Brand , Name", "comment , here")),
}


def _write(tmp_path, rel, data):
    p = tmp_path / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    return p


def _valid(case: str, data: bytes):
    """The file as the format's own parser reads it (raises if it is no longer valid)."""
    text = data.decode("utf-8")
    if case == "yaml":
        return yaml.safe_load(text)
    if case == "xcstrings":
        return json.loads(text)
    if case == "stringsdict":
        return plistlib.loads(data)
    if case == "fluent":
        from fluent.syntax import FluentParser, ast

        res = FluentParser().parse(text)
        assert not any(isinstance(e, ast.Junk) for e in res.body)
        return res
    if case == "csv":
        return list(csv.reader(io.StringIO(text, newline="")))
    parser = HTMLParser()
    parser.feed(text)
    parser.close()
    return text


@pytest.mark.parametrize("case", sorted(CASES))
def test_keys_and_target_language_come_from_the_file(tmp_path, case):
    rel, data, keys, lang, _ = CASES[case]
    doc = read_path(str(_write(tmp_path, rel, data)))
    assert [s.location.key for s in doc.segments] == keys
    assert {s.target_lang for s in doc.segments} == {lang or "en"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_write_changes_only_the_fixed_characters(tmp_path, case):
    rel, data, keys, _, untouched = CASES[case]
    p = _write(tmp_path, rel, data)
    r = run_cli("fix", "--write", "--select", "MT301", str(p))
    assert r.returncode == 0, r.stderr
    before, after = data.decode(), p.read_bytes().decode()
    assert all(u in after for u in untouched)                   # comments, markup, skipped entries
    for u in untouched:
        before, after = before.replace(u, "#"), after.replace(u, "#")
    assert after == before.replace(" ,", ",")                   # and nothing else changed
    _valid(case, p.read_bytes())                                # still valid to its own parser
    again = read_path(str(p))
    assert [s.location.key for s in again.segments] == keys
    assert all(" ," not in _prose(s) for s in again.segments)
    assert run_cli("fix", "--select", "MT301", str(p)).returncode == 0     # nothing left to fix


def _prose(seg) -> str:
    """The segment's text with its protected spans (markup, placeholders) blanked out."""
    chars = list(seg.text)
    for s, e in seg.protected:
        chars[s:e] = ["#"] * (e - s)
    return "".join(chars)


def test_yaml_values_read_back_as_fixed_and_aliases_follow_their_anchor(tmp_path):
    p = _write(tmp_path, "config/locales/en.yml", YAML.encode())
    assert run_cli("fix", "--write", "--select", "MT301", str(p)).returncode == 0
    data = yaml.safe_load(p.read_text(encoding="utf-8"))["en"]
    assert data["quoted"] == "It's fine, really"
    assert data["body"] == "First line, here.\nSecond line, there.\n"
    assert data["copy"] == data["admin"]["title"] == "Admin area, restricted"
    assert data["admin"]["greeting"] == data["defaults"]["greeting"]      # the merge key kept


def test_rails_root_key_gives_the_target_language(tmp_path):
    p = _write(tmp_path, "config/locales/app.yml", b"de:\n  hello: Hallo , Welt\n")
    assert {s.target_lang for s in read_path(str(p)).segments} == {"de"}


def test_yaml_fix_that_would_break_a_plain_scalar_is_refused_not_written(tmp_path):
    from mtfix.formats import InputError, load_document
    from mtfix.model import Edit

    doc = load_document("en.yml", b"en:\n  a: one two\n")
    with pytest.raises(InputError, match="YAML structure"):
        doc.rebuild([[Edit(3, 4, ": x #")]])


def test_xcstrings_units_carry_the_source_language_text(tmp_path):
    p = _write(tmp_path, "Localizable.xcstrings", XCSTRINGS.encode())
    segs = read_path(str(p)).segments
    assert [(s.source, s.source_lang) for s in segs] == [("Hello, world", "en"), ("%lld items", "en"),
                                                          ("%lld items", "en")]
    assert segs[1].is_protected(0, 4)           # %lld


def test_fluent_placeables_are_protected_and_variants_are_segments(tmp_path):
    p = _write(tmp_path, "locales/en/main.ftl", FLUENT.encode())
    segs = {s.location.key: s for s in read_path(str(p)).segments}
    hello = segs["hello"]
    i = hello.text.index("{ $userName }")
    assert hello.is_protected(i, i + len("{ $userName }"))
    assert segs["multi"].text == "First line , here\nsecond line with { -brand-name }."
    assert segs["emails[one]"].text == "You have one unread email , sorry"


def test_fluent_fix_with_a_brace_is_written_as_a_string_literal():
    from mtfix.formats import load_document
    from mtfix.model import Edit

    doc = load_document("en.ftl", b"a = one two\n")
    new = doc.rebuild([[Edit(3, 4, " {x} ")]])
    assert new == 'a = one {"{"}x{"}"} two\n'


def test_csv_columns_by_option_and_source_aware(tmp_path):
    p = _write(tmp_path, "memory.csv", "en;de\nThe plan , today;Der Plan , heute\n".encode())
    segs = read_path(str(p)).segments
    assert [(s.text, s.source, s.source_lang, s.target_lang) for s in segs] == [
        ("Der Plan , heute", "The plan , today", "en", "de")]
    q = _write(tmp_path, "export.csv", "Key,Original,Übersetzung\nk1,Привет,\"Hello , world\"\n".encode())
    r = run_cli("check", str(q))
    assert r.returncode == 2 and "--columns" in r.stderr.decode()
    r = run_cli("check", "--columns", "Original,Übersetzung,Key", "--select", "MT301", "--format", "json", str(q))
    assert r.returncode == 1, r.stderr
    issue = json.loads(r.stdout)
    issue = issue if isinstance(issue, list) else issue["issues"]
    assert [(i["key"], i["line"]) for i in issue] == [("k1", 2)]
    r = run_cli("check", "--columns", "2,3", "--select", "MT301", str(q))
    assert r.returncode == 1 and "MT301" in r.stdout.decode()


def test_csv_fix_never_shifts_an_unquoted_field(tmp_path):
    from mtfix.formats import InputError, load_document
    from mtfix.model import Edit

    doc = load_document("a.csv", b"source,target\nx,one two\n")
    with pytest.raises(InputError, match="unquoted field"):
        doc.rebuild([[Edit(3, 4, ", ")]])


def test_html_text_only_and_whitespace_as_a_browser_shows_it(tmp_path):
    p = _write(tmp_path, "index.html", HTML.encode())
    segs = read_path(str(p)).segments
    second = segs[1]
    assert second.text.startswith("As mentioned , the plan & the <a href=")
    i = second.text.index("<a ")
    assert second.is_protected(i, second.text.index(">", i) + 1)
    assert "  " not in second.text.replace("\n", "")            # the line break + indentation is one space
    code = segs[2]
    assert code.is_protected(code.text.index("<code>"), code.text.index("</code>") + 7)


@pytest.mark.parametrize("rel,data,why", [
    ("config/locales/bad.yml", b"en:\n  a: [x\n  b: y\n", "not valid YAML"),
    ("locales/en/bad.ftl", b"hello = { $x\n", "not valid Fluent"),
    ("bad.csv", b'source,target\nx,"never closed\n', "not valid CSV"),
    ("en.lproj/bad.stringsdict", b"<plist><dict><key>a</key></plist>", "not well-formed XML"),
    ("bad.xcstrings", b'{"strings": {"a": }', "not valid JSON"),
    ("list.xcstrings", b'[1, 2]', "not an Xcode string catalog"),
    ("bad.arb", b'{"title": "x",}', "not valid JSON"),
    ("de.lproj/bad.strings", b'"title" = "As mentioned";\n"x" "y";\n', "bad.strings:2:5: not a valid .strings"),
    ("res/values/bad.xml", b"<resources><string name='a'>x</resources>", "not well-formed XML"),
    ("res/values/pom.xml", b"<project><name>x</name></project>", "not an Android string resources file"),
])
def test_a_malformed_file_is_one_line_and_the_others_are_still_checked(tmp_path, rel, data, why):
    bad = _write(tmp_path, rel, data)
    good = _write(tmp_path, "ok.txt", b"As mentioned , the plan.\n")
    r = run_cli("check", str(bad), str(good))
    assert r.returncode == 2
    err = r.stderr.decode().strip().splitlines()
    assert len(err) == 1 and why in err[0] and "Traceback" not in r.stderr.decode(), err
    assert "ok.txt:1:13: MT301" in r.stdout.decode()


def test_recursive_takes_locale_yaml_and_bilingual_csv_only(tmp_path):
    _write(tmp_path, "config/locales/en.yml", YAML.encode())
    _write(tmp_path, ".github/workflows/ci.yml", b"name: As mentioned , ci\non: push\n")
    _write(tmp_path, "docker-compose.yml", b"services:\n  web:\n    image: As mentioned , x\n")
    _write(tmp_path, "data/strings.csv", CSV.encode())
    _write(tmp_path, "data/sales.csv", b"month,total\nJan , x,3\n")
    _write(tmp_path, "locales/en/main.ftl", FLUENT.encode())
    r = run_cli("check", "-r", "--verbose", "--select", "MT301", str(tmp_path))
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1, err
    assert "en.yml" in out and "strings.csv" in out and "main.ftl" in out
    assert "docker-compose.yml" not in out and "sales.csv" not in out
    assert "docker-compose.yml: YAML that is not a locale file" in err
    assert "sales.csv: CSV whose header names no source and target columns" in err


def test_a_block_of_thousands_of_inline_tags_is_fixed_in_linear_time():
    """Each fix bisects to its literal: 8,000 tags with a fix each was 26 s (quadratic splice)."""
    import time

    from mtfix.formats import load_document
    from mtfix.options import Options
    from mtfix.runner import fix_document

    doc = load_document("a.html", ("<p>" + "<b>x , " * 8000 + "</p>").encode())
    t = time.perf_counter()
    res = fix_document(doc, Options())
    assert res.new_text.count("x,") == 8000
    assert time.perf_counter() - t < 15         # (about 1.5 s here; 26 s before)


PO_MIXED = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "a"\nmsgstr ""\n\n#, fuzzy\nmsgid "b"\nmsgstr "B , x"\n\n'
            '#~ msgid "c"\n#~ msgstr "C"\n\nmsgid "d"\nmsgstr "As mentioned , the plan."\n')


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_summary_counts_entries_checked_and_skipped(tmp_path, jobs):
    po = _write(tmp_path, "a.po", PO_MIXED.encode())
    xc = _write(tmp_path, "Localizable.xcstrings", XCSTRINGS.encode())
    ts = _write(tmp_path, "app_en.ts", (
        '<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1" language="en" sourcelanguage="ru">\n'
        "<context><name>M</name>\n<message><source>a</source><translation type=\"unfinished\"></translation></message>\n"
        "<message><source>b</source><translation type=\"vanished\">B</translation></message>\n"
        "<message><source>c</source><translation>As mentioned , c.</translation></message>\n</context>\n</TS>\n").encode())
    r = run_cli("check", "-j", jobs, "--select", "MT301", str(po), str(xc), str(ts))
    assert r.returncode == 1, r.stderr
    # PO: d checked; a untranslated, b fuzzy, c obsolete. .xcstrings: 3 checked, en-AU needs_review.
    # Qt: c checked; a unfinished and empty, b vanished.
    assert "Checked 5 entries; skipped 2 untranslated, 2 fuzzy and 2 obsolete." in r.stdout.decode()


def test_a_catalogue_with_nothing_translated_says_what_it_skipped(tmp_path):
    po = _write(tmp_path, "empty.po", b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\n')
    r = run_cli("check", str(po))
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "Nothing checked" in out and "All clear" not in out
    assert "Checked 0 entries; skipped 2 untranslated." in out


POT = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n#: a.c:1\n'
       'msgid "As mentioned , the plan."\nmsgstr ""\n\n#: a.c:2\nmsgid "One file , found"\n'
       'msgid_plural "%d files , found"\nmsgstr[0] ""\nmsgstr[1] ""\n\n#~ msgid "Old , one"\n#~ msgstr ""\n')


@pytest.mark.parametrize("how", [["--side", "source"], ["--format-in", "po-msgid"]])
def test_source_strings_of_a_template_are_checked_and_fixed(tmp_path, how):
    p = _write(tmp_path, "docs.pot", POT.encode())
    r = run_cli("check", "--select", "MT301", *how, str(p))
    assert r.returncode == 1, r.stderr
    out = r.stdout.decode()
    assert "docs.pot:6:20: MT301" in out and "[One file , found[plural]]" in out and "Old , one" not in out
    assert run_cli("check", "--select", "MT301", str(p)).returncode == 0        # (the msgstrs are empty)
    r = run_cli("fix", "--write", "--select", "MT301", *how, str(p))
    assert r.returncode == 0, r.stderr
    assert p.read_text(encoding="utf-8") == POT.replace(" , the", ", the").replace("file , found", "file, found") \
        .replace("files , found", "files, found")
    import polib

    assert [e.msgid for e in polib.pofile(str(p)) if not e.obsolete] == ["As mentioned, the plan.", "One file, found"]


def test_source_side_of_other_catalogues_is_checked_but_never_written(tmp_path):
    csv_file = _write(tmp_path, "memory.csv", b'source,target\n"The plan , today",Der Plan\n')
    po = _write(tmp_path, "docs.pot", POT.encode())
    r = run_cli("check", "--side", "source", "--select", "MT301", str(csv_file))
    assert r.returncode == 1 and "memory.csv:2:1: MT301" in r.stdout.decode() and "[row 2]" in r.stdout.decode()
    r = run_cli("fix", "--write", "--side", "source", "--select", "MT301", str(csv_file), str(po))
    err = r.stderr.decode().strip().splitlines()
    assert r.returncode == 2 and "Traceback" not in r.stderr.decode()
    assert len([e for e in err if e.startswith("mtfix: error")]) == 1 and "--side source" in err[0]
    assert csv_file.read_bytes() == b'source,target\n"The plan , today",Der Plan\n'     # untouched
    assert "As mentioned, the plan." in po.read_text(encoding="utf-8")                  # the other went on


def test_xliff_units_without_a_translation_are_counted_as_untranslated(tmp_path):
    p = _write(tmp_path, "a.xlf", (
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>\n'
        '<trans-unit id="1"><source>a</source><target></target></trans-unit>\n'
        '<trans-unit id="2"><source>b</source><target>As mentioned , b.</target></trans-unit>\n'
        '<trans-unit id="3"><source>c</source></trans-unit>\n'
        '<trans-unit id="4" translate="no"><source>d</source></trans-unit>\n</body></file></xliff>\n').encode())
    r = run_cli("check", "--select", "MT301", str(p))
    assert r.returncode == 1
    assert "Checked 1 entry; skipped 2 untranslated." in r.stdout.decode()
