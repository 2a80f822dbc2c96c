"""The fixer: non-overlapping edits, right-to-left application, fixed point, composed edits."""
import random

import mtfix
from mtfix.fixer import apply_edits, choose_edits, compose
from mtfix.model import Edit, Issue, Severity


def _issue(start, end, repl, code="MT999", safe=True, sev=Severity.WARNING):
    return Issue(code, "x", "m", sev, start, end, (repl,), Edit(start, end, repl, code), safe)


def test_overlapping_edits_resolved_deterministically():
    text = "abcdef"
    issues = [_issue(1, 4, "X", "MT302"), _issue(2, 5, "Y", "MT301"), _issue(5, 6, "Z")]
    chosen = choose_edits(text, issues)
    # same severity and safety: the earlier start wins; the non-overlapping one is kept too
    assert [(e.start, e.end, e.replacement) for e in chosen] == [(1, 4, "X"), (5, 6, "Z")]
    assert apply_edits(text, chosen) == "aXeZ"
    assert choose_edits(text, list(reversed(issues))) == chosen


def test_unsafe_fixes_only_on_request():
    issues = [_issue(0, 1, "Q", safe=False)]
    assert choose_edits("abc", issues) == []
    assert [e.replacement for e in choose_edits("abc", issues, unsafe=True)] == ["Q"]


def test_compose_matches_sequential_application():
    rng = random.Random(7)
    for _ in range(2000):
        text = "".join(rng.choice("abcde ") for _ in range(20))
        first = _random_edits(rng, text)
        mid = apply_edits(text, first)
        second = _random_edits(rng, mid)
        final = apply_edits(mid, second)
        composed = compose(first, second, mid)
        assert apply_edits(text, composed) == final
        for a, b in zip(composed, composed[1:]):
            assert a.end <= b.start


def _random_edits(rng, text):
    edits, pos = [], 0
    while pos < len(text):
        start = rng.randint(pos, len(text))
        end = min(len(text), start + rng.randint(0, 3))
        if start >= len(text) or rng.random() < 0.4:
            break
        edits.append(Edit(start, end, "".join(rng.choice("XY") for _ in range(rng.randint(0, 3)))))
        pos = end + 1
    return edits


def test_fix_is_idempotent_and_reports_edits_against_original():
    text = "He said that the the  missiles arrived , as planned.\n“It is done” — he said."
    result = mtfix.fix(text)
    assert result.text == "He said that the missiles arrived, as planned.\n“It is done,” he said."
    assert apply_edits(text, result.edits) == result.text
    assert mtfix.fix(result.text).text == result.text
    assert mtfix.fix(result.text).edits == []
    assert result.remaining == []


def test_protected_spans_are_never_flagged_or_edited():
    text = "Open http://example.com/the the page with {count} {count} items and %s %s here."
    assert mtfix.check(text) == []
    assert mtfix.fix(text).text == text


def test_fix_keeps_line_endings():
    text = "First line , here.\r\nSecond the the line.\r\n"
    assert mtfix.fix(text).text == "First line, here.\r\nSecond the line.\r\n"


def test_diff_is_unified_and_empty_when_clean():
    result = mtfix.fix("A sentence , with a space.")
    assert result.diff("a.txt").splitlines()[:2] == ["--- a/a.txt", "+++ b/a.txt"]
    assert "-A sentence , with a space." in result.diff("a.txt")
    assert mtfix.fix("Clean text.").diff("a.txt") == ""


def test_typewriter_quotes_become_the_sources_typographic_ones_and_only_with_a_cjk_source():
    src = "外交部发言人表示，这是“新时代”的开始，“我们欢迎合作”。"
    mt = 'The spokesman said it was the start of a "new era", "we welcome cooperation." The 6.5" screen stays.'
    r = mtfix.fix(mt, source=src, source_lang="zh")
    assert r.text == ('The spokesman said it was the start of a “new era”, “we welcome cooperation.” '
                      'The 6.5" screen stays.')
    assert mtfix.fix(r.text, source=src, source_lang="zh").text == r.text
    assert [i for i in mtfix.check(r.text, source=src, source_lang="zh") if i.code == "MT313"] == []
    # No source, or a source without CJK quotation marks: straight quotes are a house style.
    assert mtfix.fix(mt).text == mt
    assert mtfix.fix(mt, source="Он назвал это «новой эрой».", source_lang="ru").text == mt


def test_a_straight_quoted_quotation_is_one_finding_whose_fix_curls_both_marks():
    src = "他称之为“新时代”，并说：“我们欢迎合作。”"
    mt = 'He called it "a new era" and said: "We welcome cooperation."'
    quotes = [i for i in mtfix.check(mt, source=src, source_lang="zh") if i.code == "MT313"]
    # One finding per quotation, at its opening mark (columns are 1-based).
    assert [i.location.column for i in quotes] == [mt.index('"a') + 1, mt.index('"We') + 1]
    assert [i.suggestions[0] for i in quotes] == ["“a new era”", "“We welcome cooperation.”"]
    assert all("around this quotation" in i.message for i in quotes)
    fixed = mtfix.fix(mt, source=src, source_lang="zh")
    assert fixed.text == 'He called it “a new era” and said: “We welcome cooperation.”'
    assert mtfix.fix(fixed.text, source=src, source_lang="zh").text == fixed.text


def test_quotes_around_a_protected_span_or_across_lines_are_flagged_and_fixed_mark_by_mark():
    src = "他说：“请访问{url}了解更多。”"
    for mt, want in [('He said, "Visit {url} to learn more."', 'He said, “Visit {url} to learn more.”'),
                     ('He said, "Visit\nthe site to learn more."', 'He said, “Visit\nthe site to learn more.”')]:
        quotes = [i for i in mtfix.check(mt, source=src, source_lang="zh") if i.code == "MT313"]
        assert [(i.fix.start, i.fix.end) for i in quotes] == [(9, 10), (len(mt) - 1, len(mt))]
        assert mtfix.fix(mt, source=src, source_lang="zh").text == want
    # The placeholder itself is never rewritten, even when the quotation is.
    assert "{url}" in mtfix.fix('He said, "Visit {url}."', source=src, source_lang="zh").text


def test_a_colon_before_a_quotation_copied_from_a_cjk_source_is_a_suggestion_not_a_safe_fix():
    src = "斯托尔滕贝格说：“我们遭遇的竞争越来越激烈。”"
    mt = "Stoltenberg said: “The competition we face is getting fiercer.”"
    found = [i for i in mtfix.check(mt, source=src, source_lang="zh") if i.code == "MT314"]
    assert [(mt[i.start:i.end], i.suggestions, i.safe) for i in found] == [(":", (",",), False)]
    assert mtfix.fix(mt, source=src, source_lang="zh").text == mt
    assert mtfix.fix(mt, source=src, source_lang="zh", unsafe=True).text == mt.replace("said:", "said,")
    assert not [i for i in mtfix.check(mt) if i.code == "MT314"]   # no source: a house style
