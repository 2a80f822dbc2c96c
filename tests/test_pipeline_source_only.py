"""The pipeline does not run (or import) the families of pipeline.SOURCE_ONLY on a run without a
source text. That is only right while those families find nothing without one: every wrong
example of every rule, checked without its source, must give them nothing to say."""
from __future__ import annotations

import importlib

from mtfix.analysis import Doc
from mtfix.checks import Context, Rules
from mtfix.model import Segment
from mtfix.options import Options
from mtfix.pipeline import SOURCE_ONLY
from mtfix.ruledata import registry


def test_source_only_families_find_nothing_without_a_source() -> None:
    reg = registry()
    texts = [ex.text for rule in reg.rules.values() for ex in rule.examples]
    assert len(texts) > 100
    docs = [Doc(Segment(t)) for t in texts]
    ctx = Context(registry=reg, docs=docs, options=Options(), found=[[] for _ in docs])
    for name in SOURCE_ONLY:
        module = importlib.import_module(f"mtfix.checks.{name}")
        rules = Rules({r.code: r for r in reg.family(module.FAMILY)})
        assert rules, name
        assert [i for d in docs for i in module.check(d, rules, ctx)] == []
        assert list(module.check_document(docs, rules, ctx)) == []


def test_with_a_source_the_source_aware_rules_still_run() -> None:
    import mtfix

    issues = mtfix.check("The plant made 5,000 cars in 2019.", source="Завод выпустил 7000 машин в 2019 году.",
                         source_lang="ru")
    assert "MT701" in {i.code for i in issues}
