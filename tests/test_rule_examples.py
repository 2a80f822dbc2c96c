"""Every example of every rule, the LanguageTool contract:

- a ``wrong`` example yields exactly one issue of that rule, exactly on the marked span, offering
  the expected replacement (as its fix or among its suggestions), or, for a fix wider than the
  span, the expected sentence after it (``fixed``);
- applying that replacement makes the rule fall silent on the sentence (no ping-pong);
- an ``ok`` example (a near miss) yields no issue of that rule.
"""
import pytest

import mtfix
from mtfix.ruledata import registry

RULES = sorted(registry().rules.values(), key=lambda r: r.code)
CASES = [(r, k, ex) for r in RULES for k, ex in enumerate(r.examples)]


def _check(rule, ex, text):
    # An example is in the rule's first target language (English for targets: any), or the
    # example's own ``target_lang``: a rule of rules/de/ is tried on German.
    target = ex.target_lang or (rule.targets[0] if rule.targets else "en")
    return [i for i in mtfix.check(text, source=ex.source, source_lang=ex.source_lang, target_lang=target,
                                   select=[rule.code])
            if i.code == rule.code]


def test_every_rule_has_examples_that_fire_and_near_misses():
    for rule in RULES:
        assert any(e.wrong for e in rule.examples), f"{rule.code} has no wrong example"
        assert any(not e.wrong for e in rule.examples), f"{rule.code} has no near miss (ok example)"


@pytest.mark.parametrize("rule,k,ex", CASES, ids=[f"{r.code}-{k}" for r, k, _ in CASES])
def test_rule_example(rule, k, ex):
    issues = _check(rule, ex, ex.text)
    if not ex.wrong:
        assert issues == [], f"{rule.code} fired on a near miss: {ex.text!r} -> {[(i.start, i.end) for i in issues]}"
        return
    assert len(issues) == 1, f"{rule.code} should flag once in {ex.text!r}, got {[(i.start, i.end) for i in issues]}"
    issue = issues[0]
    assert (issue.start, issue.end) == ex.span, \
        f"{rule.code} flagged {ex.text[issue.start:issue.end]!r}, expected {ex.text[ex.span[0]:ex.span[1]]!r}"
    if ex.fixed is not None:   # a fix wider than the flagged span: the whole sentence after it
        assert issue.fix is not None, f"{rule.code} offered no fix for {ex.text!r}"
        after = ex.text[:issue.fix.start] + issue.fix.replacement + ex.text[issue.fix.end:]
        assert after == ex.fixed, f"{rule.code} fixed {ex.text!r} to {after!r}, expected {ex.fixed!r}"
        assert _check(rule, ex, after) == [], f"{rule.code} still fires after its own fix: {after!r}"
    if ex.fix is not None:
        offered = ([issue.fix.replacement] if issue.fix else []) + list(issue.suggestions)
        assert ex.fix in offered, f"{rule.code} offered {offered}, expected {ex.fix!r}"
        fixed = ex.text[:ex.span[0]] + ex.fix + ex.text[ex.span[1]:]
        assert _check(rule, ex, fixed) == [], f"{rule.code} still fires after its own fix: {fixed!r}"


WRONG = [(r, k, ex) for r, k, ex in CASES if ex.wrong]


@pytest.mark.parametrize("rule,k,ex", WRONG, ids=[f"{r.code}-{k}" for r, k, _ in WRONG])
def test_wrong_example_is_flagged_in_a_full_run(rule, k, ex):
    """What a user sees: with every rule on, the marked words still get an issue (this rule's,
    or another's that says it first). Running one rule at a time hid a rule that another
    branch of the same check shadowed (MT546 after "the", MT553 after "has")."""
    target = ex.target_lang or (rule.targets[0] if rule.targets else "en")
    issues = mtfix.check(ex.text, source=ex.source, source_lang=ex.source_lang, target_lang=target)
    a, b = ex.span
    hit = [(i.code, ex.text[i.start:i.end]) for i in issues if i.start < max(b, a + 1) and a < max(i.end, i.start + 1)]
    assert hit, f"{rule.code}: nothing flags {ex.text[a:b]!r} in {ex.text!r} with every rule on " \
                f"(issues: {[(i.code, ex.text[i.start:i.end]) for i in issues]})"
