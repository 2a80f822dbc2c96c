"""gettext PO: what `mtfix check` reports on a real-looking catalogue, what it skips (header,
fuzzy, obsolete, untranslated), suppression comments, and agreement with polib's parser."""
import shutil

import polib
import pytest

from conftest import DATA, json_issues as issues
from mtfix.formats import read_path
from mtfix.formats.po import iter_entries

FORMATS = DATA / "formats"


def codes_by_line(found):
    return sorted((i["line"], i["code"]) for i in found)


@pytest.mark.parametrize("name", ["messages.po", "clean.po", "glossary_check.po"])
def test_scanner_reads_what_polib_reads(name):
    text = (FORMATS / name).read_text(encoding="utf-8")
    ours = []
    for e in iter_entries(text):
        plural = {int(k[7:-1]): e.value(text, k) for k in e.fields if k.startswith("msgstr[")}
        ours.append((e.value(text, "msgctxt"), e.value(text, "msgid"), e.value(text, "msgstr"),
                     plural, e.obsolete, "fuzzy" in e.flags))
    po = polib.pofile(str(FORMATS / name))
    theirs = [(p.msgctxt, p.msgid, None if p.msgid_plural else p.msgstr, p.msgstr_plural,
               p.obsolete, p.fuzzy) for p in po]
    # polib keeps the header (msgid "") apart as metadata.
    assert [o for o in ours if o[1] != ""] == theirs


def test_messages_po_reports_each_source_aware_check(cli):
    found = issues(cli, "--select", "MT7,MT301,MT303,MT304", str(FORMATS / "messages.po"))
    assert codes_by_line(found) == [
        (25, "MT301"), (26, "MT304"),       # wrapped msgstr: the second line is reported as such
        (35, "MT701"),                      # 7,962 for 7 926
        (43, "MT702"),                      # {nmae}
        (51, "MT703"),                      # msgstr == msgid
        (57, "MT704"),                      # one clause left of a long sentence
        (61, "MT705"),                      # Госдума not rendered as State Duma
        (75, "MT707"),                      # support@exmaple.com
        (79, "MT706"),                      # one sentence, two renderings
        (91, "MT303"),                      # plural form msgstr[1]
    ]
    by_code = {i["code"]: i for i in found}
    assert by_code["MT701"]["suggestions"] == ["7,926"]
    assert by_code["MT702"]["suggestions"] == ["{name}"]
    assert by_code["MT707"]["suggestions"] == ["support@example.com"]
    assert by_code["MT701"]["key"] == "Численность группировки — 7 926 человек."
    assert all(not i["safe"] for i in found if i["code"].startswith("MT7"))


def test_fuzzy_obsolete_header_and_context_pairs_are_skipped(cli):
    found = issues(cli, str(FORMATS / "messages.po"))
    lines = {i["line"] for i in found}
    assert not lines & {96, 99}         # fuzzy "Bye ." and obsolete "Old string ."
    assert not any(i["line"] < 20 for i in found)   # header
    # msgctxt "menu" Save / "dialog" Keep: contexts exist to allow different translations.
    assert not [i for i in found if i["code"] == "MT706" and "msgctxt" in (i["key"] or "")]


def test_po_all_format_checks_fuzzy_and_obsolete_too(cli):
    found = issues(cli, "--format-in", "po-all", "--select", "MT301", str(FORMATS / "messages.po"))
    assert {i["line"] for i in found} >= {96, 99}


def test_translator_comment_suppresses_a_rule(cli):
    found = issues(cli, "--select", "MT703", str(FORMATS / "messages.po"))
    assert [i["line"] for i in found] == [51]        # line 84 carries "# mtfix: ignore MT703"
    r = cli("check", "--select", "MT703", "--show-suppressed", str(FORMATS / "messages.po"))
    assert "messages.po:84:" in r.stdout.decode()


def test_clean_catalogue_passes(cli):
    r = cli("check", str(FORMATS / "clean.po"))
    assert r.returncode == 0, r.stdout
    assert b"All clear" in r.stdout


def test_segments_carry_source_language_and_location():
    doc = read_path(str(FORMATS / "messages.po"))
    seg = doc.segments[0]
    assert seg.source.startswith("Министерство обороны России")
    assert seg.source_lang == "ru"
    assert (seg.location.line, seg.location.column) == (25, 2)
    assert seg.text.endswith("according to the the ministry.")
    plural = [s for s in doc.segments if s.location.key and s.location.key.endswith("[1]")]
    assert plural and plural[0].source == "%d статей"


def test_fixed_catalogue_still_parses_with_polib(tmp_path, cli):
    path = tmp_path / "messages.po"
    shutil.copy(FORMATS / "messages.po", path)
    cli("fix", "--write", str(path))
    before = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(FORMATS / "messages.po"))}
    after = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path))}
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k].msgstr != after[k].msgstr
               or before[k].msgstr_plural != after[k].msgstr_plural}
    assert len(changed) == 2
    assert all(before[k].comment == after[k].comment and before[k].flags == after[k].flags for k in before)


def test_glossary_from_csv_and_tbx(cli):
    target = str(FORMATS / "glossary_check.po")
    csv = issues(cli, "--select", "MT705", "--glossary", str(FORMATS / "glossary.csv"), target)
    tbx = issues(cli, "--select", "MT705", "--glossary", str(FORMATS / "glossary.tbx"), target)
    assert [i["line"] for i in csv] == [8] and "'учения'" in csv[0]["message"]
    assert [i["line"] for i in tbx] == [8] and "Baltic Fleet" in tbx[0]["message"]
    assert issues(cli, "--select", "MT705", target) == []     # no user glossary: nothing to enforce


def test_missing_glossary_is_one_error_line(cli):
    r = cli("check", "--glossary", "no/such/glossary.csv", str(FORMATS / "clean.po"))
    assert r.returncode == 2
    assert r.stderr.decode().strip().splitlines() == [
        "mtfix: error: no/such/glossary.csv: cannot read glossary (No such file or directory)"]


def test_inconsistency_across_files_checked_together(tmp_path, cli):
    a, b = tmp_path / "a.po", tmp_path / "b.po"
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    a.write_text(head + 'msgid "Сохранить"\nmsgstr "Save"\n', encoding="utf-8")
    b.write_text(head + 'msgid "Сохранить"\nmsgstr "Keep"\n', encoding="utf-8")
    found = issues(cli, "--select", "MT706", str(a), str(b))
    assert [(i["file"].rsplit("/", 1)[-1], i["line"]) for i in found] == [("b.po", 5)]
    assert "a.po:5" in found[0]["message"] and found[0]["suggestions"] == ["Save"]
    assert issues(cli, "--select", "MT706", str(b)) == []       # alone, b.po is consistent


def test_large_catalogue_path_gives_the_same_results(monkeypatch, tmp_path):
    """Above ``lazy_above`` segments are built on demand and the runner checks them in chunks;
    issues, locations and the fixed file must be exactly those of the in-memory path."""
    from mtfix import runner
    from mtfix.formats import po
    from mtfix.options import Options

    def run():
        options = Options(extra={"translation_memory": {}})
        doc = read_path(str(FORMATS / "messages.po"))
        checked = runner.check_document(doc, options)
        fixed = runner.fix_document(read_path(str(FORMATS / "messages.po")), options)
        return ([(i.code, i.location, i.message) for i in checked.issues], fixed.new_text,
                type(doc.segments).__name__)

    eager = run()
    monkeypatch.setattr(po.POAdapter, "lazy_above", 0)
    monkeypatch.setattr(runner, "CHUNK", 3)
    lazy = run()
    assert (eager[2], lazy[2]) == ("Segments", "PoSegments")     # (Segments: a list with the skipped counts)
    assert lazy[1] == eager[1]
    # MT706 within one segment is unaffected; chunks keep every other issue identical.
    assert lazy[0] == eager[0]
