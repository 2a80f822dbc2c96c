"""The user's own example: the machine-translated Kaliningrad article and the post-editor's list
of its artefacts (tests/data/kaliningrad-gold.yaml, a copy of the shared gold file).

- `mtfix fix` repairs every `level: fix` item and changes nothing outside the gold items;
- its output is exactly examples/kaliningrad-mt.expected.txt (reviewed by hand);
- `mtfix check` flags items 1-17 (an issue overlapping each span);
- fixing the fixed text changes nothing.
"""
import difflib

import pytest
import yaml

import mtfix
from conftest import DATA, EXAMPLES

TEXT = (EXAMPLES / "kaliningrad-mt.txt").read_text(encoding="utf-8")
GOLD = yaml.safe_load((DATA / "kaliningrad-gold.yaml").read_text(encoding="utf-8"))["items"]


def span(item):
    pos, start = -1, 0
    for _ in range(item["occurrence"]):
        pos = TEXT.index(item["span"], start)
        start = pos + 1
    return pos, pos + len(item["span"])


@pytest.fixture(scope="module")
def fixed():
    return mtfix.fix(TEXT, source_lang="ru")


@pytest.fixture(scope="module")
def issues():
    return mtfix.check(TEXT, source_lang="ru")


@pytest.mark.parametrize("item", [g for g in GOLD if g["level"] == "fix"], ids=lambda g: f"item{g['id']}")
def test_fix_item_repaired(item, fixed):
    assert any(a in fixed.text for a in item["accept"]), f"{item['span']!r} not repaired"


def test_fix_changes_nothing_outside_gold_items(fixed):
    spans = [span(g) for g in GOLD]
    sm = difflib.SequenceMatcher(None, TEXT, fixed.text, autojunk=False)
    for op, a0, a1, _, _ in sm.get_opcodes():
        if op == "equal":
            continue
        assert any(s <= a1 and a0 <= e for s, e in spans), f"change outside gold items: {TEXT[a0 - 20:a1 + 20]!r}"


def test_fix_output_matches_expected_file(fixed):
    expected = (EXAMPLES / "kaliningrad-mt.expected.txt").read_text(encoding="utf-8")
    assert fixed.text == expected


def test_fix_is_idempotent(fixed):
    assert mtfix.fix(fixed.text, source_lang="ru").text == fixed.text


@pytest.mark.parametrize("item", [g for g in GOLD if g["id"] <= 17], ids=lambda g: f"item{g['id']}")
def test_check_flags_items_1_to_17(item, issues):
    s, e = span(item)
    assert any(i.start < e and s < i.end for i in issues), f"{item['span']!r} not flagged"
