"""Protected text stays untouched (issue 14): Markdown images, TOML front matter, XML comments
and processing instructions inside XLIFF targets."""
from __future__ import annotations

from mtfix.formats import load_document
from mtfix.options import Options
from mtfix.runner import check_document, fix_document

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="ru" target-language="en" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>Текст</source><target>{target}</target></trans-unit>
</body></file></xliff>
"""


def fixed(name: str, text: str) -> str:
    return fix_document(load_document(name, text.encode()), Options()).new_text


def test_space_before_a_markdown_image_is_kept(cli, tmp_path):
    text = "See the map below ![map](a.png) and the table below ![t](t.png \"T\") .\n"
    assert fixed("a.md", text) == "See the map below ![map](a.png) and the table below ![t](t.png \"T\").\n"
    f = tmp_path / "a.md"
    f.write_text(text, encoding="utf-8")
    r = cli("fix", "--write", str(f))
    assert r.returncode == 0 and "below ![map](a.png)" in f.read_text(encoding="utf-8")


def test_a_space_before_an_exclamation_mark_is_still_fixed():
    assert fixed("a.md", "What a day ! Really.\n") == "What a day! Really.\n"


def test_toml_front_matter_is_protected():
    text = '+++\ntitle = "the the , x"\ndate = 2024-01-01\n+++\nBody text .\n'
    assert fixed("post.md", text) == '+++\ntitle = "the the , x"\ndate = 2024-01-01\n+++\nBody text.\n'
    doc = load_document("post.md", text.encode())
    assert all(i.location.line == 5 for i in check_document(doc, Options()).issues)


def test_yaml_front_matter_still_protected_and_plus_lines_later_are_prose():
    assert fixed("a.md", "---\ntitle: the the , x\n---\nBody text .\n") == \
        "---\ntitle: the the , x\n---\nBody text.\n"
    assert fixed("a.md", "Intro .\n+++\nthe the end\n+++\n") == "Intro.\n+++\nthe end\n+++\n"


def test_xml_comment_and_processing_instruction_in_a_target_are_protected():
    target = "The text <!-- the the , --> is here<?pi the the ,?> and the the end ."
    out = fixed("a.xlf", XLIFF.format(target=target))
    assert "<target>The text <!-- the the , --> is here<?pi the the ,?> and the end.</target>" in out


# --- Markdown whose lines end with a lone CR (issue 26) ---

def test_cr_only_markdown_keeps_indented_code_and_fixes_prose(cli, tmp_path):
    f = tmp_path / "cr.md"
    f.write_bytes(b"# Title\rIntro , here.\r\r    indented , the the code\r\rAfter , this.\r")
    f2 = tmp_path / "issue.md"
    f2.write_bytes(b"Intro.\r\r    indented , the the code\r")
    r = cli("fix", "--isolated", "--unsafe-fixes", "--write", str(f2))
    assert r.returncode == 0 and f2.read_bytes() == b"Intro.\r\r    indented , the the code\r"
    r = cli("fix", "--isolated", "--unsafe-fixes", "--write", str(f))
    assert f.read_bytes() == b"# Title\rIntro, here.\r\r    indented , the the code\r\rAfter, this.\r"


def test_cr_only_markdown_headings_and_fences_are_seen():
    text = "Title\r=====\r\r```\rcode , the the\r```\rText.\r"
    assert fixed("x.md", text) == text
