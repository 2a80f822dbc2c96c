"""In-file suppressions, as a user writes them: Markdown/HTML comments, plain-text lines, PO
translator comments, XLIFF notes; --show-suppressed; unused ones reported as MT901."""
import json
import re

from mtfix.model import Location, Segment, Suppression
from mtfix.options import Options
from mtfix.pipeline import check_segments

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>MT\d{3}|LT:\S+)")


def found(r) -> list[tuple[int, str]]:
    """(line, code) of every reported issue."""
    return [(int(m["line"]), m["code"]) for m in map(LINE.match, r.stdout.decode().splitlines()) if m]


def test_markdown_ignore_next_block_by_code(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!-- mtfix: ignore MT301 -->\nFirst , block with the the doubled word.\nStill , the block.\n\n"
                 "Next , block.\n", encoding="utf-8")
    r = cli("check", "--select", "MT3,MT9", str(f))
    assert found(r) == [(2, "MT304"), (5, "MT301")]      # MT301 silenced on lines 2-3 only
    assert "2 issues suppressed by mtfix directives" in r.stdout.decode()


def test_markdown_ignore_without_codes_silences_every_rule(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!--mtfix: ignore-->\nFirst , block with the the word.\n\nNext , block.\n", encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(f))) == [(4, "MT301")]


def test_markdown_disable_enable_range_and_unclosed_disable(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("One , a.\n<!-- mtfix: disable -->\nTwo , b.\n\nThree , c.\n<!-- mtfix: enable -->\nFour , d.\n"
                 "<!-- mtfix: disable MT304 -->\nFive , the the e.\n", encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(f))) == [(1, "MT301"), (7, "MT301"), (9, "MT301")]


def test_plain_text_ignore_next_line(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("mtfix: ignore-next-line\nOne , a.\nTwo , b.\n  mtfix: ignore-next-line MT304\nThree , the the c.\n",
                 encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(f))) == [(3, "MT301"), (5, "MT301")]


def test_directive_mentioned_inside_a_sentence_is_not_a_directive(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Write mtfix: ignore-next-line on its own line.\nOne , a.\n", encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(f))) == [(2, "MT301")]


def test_show_suppressed_text_and_json(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("mtfix: ignore-next-line\nOne , a.\n", encoding="utf-8")
    r = cli("check", "--show-suppressed", str(f))
    out = r.stdout.decode()
    assert re.search(r":2:4: MT301 .*\(suppressed\)$", out, re.M), out
    assert r.returncode == 0                       # a suppressed issue does not fail the run
    items = json.loads(cli("check", "--format", "json", "--show-suppressed", str(f)).stdout)
    assert [(i["code"], i["line"], i["suppressed"]) for i in items] == [("MT301", 2, True)]
    assert json.loads(cli("check", "--format", "json", str(f)).stdout) == []


def test_unused_suppression_reported_as_info_where_it_is_written(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("Intro.\n\n<!-- mtfix: ignore MT301 -->\nA clean sentence.\n", encoding="utf-8")
    r = cli("check", str(f))
    assert found(r) == [(3, "MT901")]
    assert f"{f}:3:1: MT901" in r.stdout.decode() and "(MT301)" in r.stdout.decode()
    assert r.returncode == 0                                   # info: below the default fail-on
    assert cli("check", "--fail-on", "info", str(f)).returncode == 1
    # Not "unused" when the rule it names is not running at all.
    assert found(cli("check", "--select", "MT304,MT901", str(f))) == []
    assert found(cli("check", "--ignore", "MT901", str(f))) == []


def test_po_translator_comment(cli, tmp_path):
    po = tmp_path / "m.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '# mtfix: ignore MT301\nmsgid "One"\nmsgstr "One , a."\n\n'
                  'msgid "Two"\nmsgstr "Two , b."\n\n'
                  '# mtfix: ignore MT304\nmsgid "Three"\nmsgstr "Three is fine."\n', encoding="utf-8")
    r = cli("check", "--select", "MT3,MT9", str(po))
    assert found(r) == [(10, "MT301"), (12, "MT901")]        # the unused one: at its comment line


def test_po_comment_on_plural_entry_is_used_once_for_all_forms(cli, tmp_path):
    po = tmp_path / "p.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                  '# mtfix: ignore MT301\nmsgid "One file"\nmsgid_plural "%d files"\n'
                  'msgstr[0] "One file , here."\nmsgstr[1] "%d files here."\n', encoding="utf-8")
    # the comment silences the singular form; the clean plural form does not make it "unused"
    assert found(cli("check", "--select", "MT3,MT9", str(po))) == []
    po.write_text(po.read_text(encoding="utf-8").replace("One file , here.", "One file here."), encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(po))) == [(6, "MT901")]   # now unused: once


def test_xliff_note(cli, tmp_path):
    x = tmp_path / "m.xlf"
    x.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                 '<file source-language="ru" target-language="en" datatype="plaintext" original="x">\n<body>\n'
                 '<trans-unit id="1"><source>Один</source><target>One , a.</target>'
                 '<note>mtfix: ignore</note></trans-unit>\n'
                 '<trans-unit id="2"><source>Два</source><target>Two , b.</target></trans-unit>\n'
                 '</body>\n</file>\n</xliff>\n', encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(x))) == [(6, "MT301")]


def test_fix_leaves_suppressed_text_alone(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("mtfix: ignore-next-line\nOne , a.\nTwo , b.\n", encoding="utf-8")
    assert cli("fix", "--write", "--select", "MT3", str(f)).returncode == 0
    assert f.read_text(encoding="utf-8") == "mtfix: ignore-next-line\nOne , a.\nTwo, b.\n"


def test_segment_suppressions_applied_by_the_pipeline():
    """What format adapters hand over (PO comments, XLIFF notes) goes through the same code."""
    sup = Suppression(0, 8, frozenset({"MT301"}), Location("m.po", 3, 1))
    unused = Suppression(0, 8, frozenset({"MT304"}), Location("m.po", 4, 1))
    seg = Segment("One , a. Two , b.", location=Location("m.po", 7, 8), suppressions=(sup, unused))
    silenced: list = []
    (issues,) = check_segments([seg], Options(select=("MT301", "MT304", "MT901")), suppressed=silenced)
    assert [(i.code, i.start) for i in silenced] == [("MT301", 3)]
    assert [(i.code, i.location.line, i.location.column) for i in issues] == \
        [("MT901", 4, 1), ("MT301", 7, 20)]


def test_api_check_honours_directives():
    import mtfix

    text = "mtfix: ignore-next-line\nOne , a.\n"
    assert [i.code for i in mtfix.check(text, select=["MT301"])] == []


def test_unreadable_directives_are_reported_not_silently_ignored(cli, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("<!-- mtfix: ignroe MT301 -->\nOne , a.\n\n<!-- mtfix: ignore MT999 -->\nTwo , b.\n",
                 encoding="utf-8")
    r = cli("check", "--select", "MT3,MT9", str(f))
    assert found(r) == [(1, "MT902"), (2, "MT301"), (4, "MT902"), (5, "MT301")]
    out = r.stdout.decode()
    assert "unknown directive 'ignroe'" in out and "no rule has the code MT999" in out
    po = tmp_path / "m.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '# mtfix: ignore MT3O1\nmsgid "One"\nmsgstr "One , a."\n', encoding="utf-8")
    assert (5, "MT902") in found(cli("check", "--select", "MT3,MT9", str(po)))


def test_directives_quoted_in_code_are_not_directives(cli, tmp_path):
    f = tmp_path / "README.md"
    f.write_text("Silence a rule like this:\n\n```markdown\n<!-- mtfix: disable MT3 -->\n<!-- mtfix: ignroe -->\n"
                 "mtfix: ignore-next-line\n```\n\nOr inline: `<!-- mtfix: ignore -->`.\n\nOne , a.\n", encoding="utf-8")
    assert found(cli("check", "--select", "MT3,MT9", str(f))) == [(11, "MT301")]
