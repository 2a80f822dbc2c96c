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
