"""Markdown: code, HTML, link targets, URLs and front matter are neither checked nor edited."""
from mtfix.formats import load_document
from mtfix.options import Options
from mtfix.runner import check_document, fix_document

MD = """---
title: the the title , kept
---
# Report

The minister said , the deal was done.

```python
x = "the the , untouched"
```

Inline `code , here` and a [link](http://example.com/a,b "the the title") and <span class="x , y">the the</span>.

    indented code , block

Visit https://example.org/path , then the the end.
"""


def _fix(text: str) -> str:
    doc = load_document("doc.md", text.encode("utf-8"))
    return doc.rebuild(fix_document(doc, Options(select=("MT3",))).edits)


def test_markdown_protected_spans_untouched():
    out = _fix(MD)
    assert out == MD.replace("said , the", "said, the").replace(
        "Visit https://example.org/path , then the the end.", "Visit https://example.org/path, then the end.") \
        .replace("<span class=\"x , y\">the the</span>", "<span class=\"x , y\">the</span>")


def test_markdown_issue_positions_are_file_positions():
    doc = load_document("doc.md", MD.encode("utf-8"))
    issues = check_document(doc, Options(select=("MT301",))).issues
    lines = MD.splitlines()
    for issue in issues:
        loc = issue.location
        assert lines[loc.line - 1][loc.column - 1:].startswith(" ,")
    assert sorted(i.location.line for i in issues) == [6, 16]


def test_markdown_fix_is_idempotent():
    once = _fix(MD)
    assert _fix(once) == once


RELEASE = """# Release notes

- Now the application works more faster on old devices.
- Was added the support of the dark theme.
- The notifications about new messages now comes on time
* Fixed a crash on start
1. Was fixed the export to PDF.
"""


def test_each_list_item_is_a_sentence_of_its_own():
    """Rules that look at a sentence's first word see each list item's, with or without a
    full stop (the items were once read as one long sentence, and these went unseen)."""
    doc = load_document("notes.md", RELEASE.encode("utf-8"))
    issues = check_document(doc, Options()).issues
    lines = RELEASE.splitlines()
    found = {(i.code, i.location.line, lines[i.location.line - 1][i.location.column - 1:].split()[0])
             for i in issues}
    assert ("MT557", 4, "Was") in found
    assert ("MT557", 7, "Was") in found
    assert ("MT543", 3, "more") in found
    assert ("MT558", 5, "comes") in found
    assert not [i for i in issues if i.location.line == 6]   # "Fixed a crash on start" is fine


CHANGELOG = """# Version 3.2

- Newly added the dark mode.
* Support to export the report in PDF format.
- Fixed a crash on start.
"""


def test_phrase_patterns_see_a_list_items_first_word_as_a_sentence_start():
    """Entries anchored at a sentence start ('^ newly added the', '^ support to') fire on the
    first word after a list marker, as they do on the first word of a line."""
    doc = load_document("changes.md", CHANGELOG.encode("utf-8"))
    issues = check_document(doc, Options()).issues
    lines = CHANGELOG.splitlines()
    found = {(i.location.line, lines[i.location.line - 1][i.location.column - 1:].split()[0]) for i in issues
             if i.code == "MT491"}
    assert (3, "Newly") in found
    assert (4, "Support") in found
    assert not [i for i in issues if i.location.line == 5]
