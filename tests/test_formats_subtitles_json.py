"""SubRip/WebVTT cues and JSON locale files: only the text is checked; cue numbers, timings,
settings, NOTE/STYLE blocks, keys, placeholders, ICU skeletons and tags are left alone."""
import json
import shutil

from conftest import DATA, json_issues as issues
from mtfix.formats import read_path
from mtfix.formats.jsonfile import i18n_protected

FORMATS = DATA / "formats"


def test_srt_cues_only(cli):
    doc = read_path(str(FORMATS / "news.srt"))
    assert [s.location.line for s in doc.segments] == [3, 8, 12]
    assert doc.segments[0].text == "<i>The defense ministry said ,</i>\r\nthat the exercises are over."
    found = issues(cli, "--select", "MT301,MT304", str(FORMATS / "news.srt"))
    assert [(i["line"], i["code"]) for i in found] == [(3, "MT301"), (8, "MT304")]


def test_srt_fix_keeps_numbers_timings_and_crlf(tmp_path, cli):
    path = tmp_path / "news.srt"
    shutil.copy(FORMATS / "news.srt", path)
    cli("fix", "--write", str(path))
    assert path.read_bytes() == (FORMATS / "news.srt").read_bytes() \
        .replace(b"said ,</i>", b"said,</i>").replace(b"The the troops", b"The troops")


def test_vtt_skips_header_note_and_style(cli):
    doc = read_path(str(FORMATS / "news.vtt"))
    assert [s.text.split("\n")[0][:20] for s in doc.segments] == [
        "<v Anchor>The defens", "<c.yellow>Troops</c>", "Kaliningrad, <00:00:"]
    found = issues(cli, "--select", "MT301,MT303", str(FORMATS / "news.vtt"))
    # "NOTE Machine-translated from Russian , reviewed" is a comment block: not reported.
    assert [(i["line"], i["code"]) for i in found] == [(12, "MT301"), (15, "MT303")]
    cue = doc.segments[2]
    ts = cue.text.index("<00:00:08.000>")
    assert cue.is_protected(ts, ts + 3)


def test_json_values_keys_and_paths(cli):
    found = issues(cli, "--select", "MT301,MT303", str(FORMATS / "en.json"))
    assert [(i["key"], i["code"]) for i in found] == [
        ("nav.news", "MT301"), ("articles.count", "MT303"), ("articles.byline", "MT301"),
        ("errors.0", "MT301")]
    doc = read_path(str(FORMATS / "en.json"))
    assert "version" not in {s.location.key for s in doc.segments}
    snowman = next(s for s in doc.segments if s.location.key == "snowman")
    assert snowman.text == 'Café ☃ "special" offer'        # escapes decoded for the checks


def test_json_protects_placeholders_icu_and_tags():
    text = "{count, plural, one {# article by {author}} other {# articles  <b>new</b> %s %(n)d %1$s {{x}}}}"
    spans = i18n_protected(text)

    def prot(sub):
        k = text.index(sub)
        return any(s <= k and k + len(sub) <= e for s, e in spans)

    for sub in ("{count, plural,", "one {", "#", "{author}", "other {", "<b>", "</b>", "%s", "%(n)d", "%1$s", "{{x}}"):
        assert prot(sub), sub
    for sub in ("article by", "articles", "new"):
        assert not any(s < text.index(sub) + len(sub) and text.index(sub) < e for s, e in spans), sub


def test_json_fix_keeps_escapes_indentation_and_order(tmp_path, cli):
    path = tmp_path / "en.json"
    shutil.copy(FORMATS / "en.json", path)
    cli("fix", "--write", str(path))
    after = path.read_text(encoding="utf-8")
    before = (FORMATS / "en.json").read_text(encoding="utf-8")
    assert after == (before.replace('"News ,"', '"News,"').replace("articles  found", "articles found")
                     .replace("%(author)s , %1$s", "%(author)s, %1$s").replace("Page not found .", "Page not found."))
    assert list(json.loads(after)) == list(json.loads(before))


def test_ascii_only_json_stays_ascii(tmp_path, cli):
    path = tmp_path / "flat.json"
    shutil.copy(FORMATS / "flat.json", path)
    cli("fix", "--write", str(path))
    assert path.read_bytes() == (FORMATS / "flat.json").read_bytes().replace(b"\\u00e9 ,", b"\\u00e9,")


def test_invalid_json_is_one_line(tmp_path, cli):
    path = tmp_path / "bad.json"
    path.write_text('{"a": "b",}', encoding="utf-8")
    r = cli("check", str(path))
    assert r.returncode == 2
    assert r.stderr.decode().strip().splitlines() == [
        f"mtfix: error: {path}: not valid JSON (Expecting property name enclosed in double quotes at line 1, column 11)"]
