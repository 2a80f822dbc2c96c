"""Rules mined from MLQE-PE and MQM news20, and suggestions that must keep a sentence grammatical:
what a user sees from ``mtfix fix`` (safe fixes only) and from the suggestions."""
import mtfix


def _fixed(text, **kw):
    return mtfix.fix(text, **kw).text


def _suggestions(text, code, **kw):
    return [s for i in mtfix.check(text, select=[code], **kw) for s in i.suggestions]


def test_safe_fixes_remove_loops_doubles_and_compound_spaces():
    assert _fixed("He read the testimony of the testimony of the testimony of the ancestors.") == \
        "He read the testimony of the ancestors."
    assert _fixed("Peskov said that the the missiles were moved.") == "Peskov said that the missiles were moved."
    assert _fixed("The book was self - published in 2004.") == "The book was self-published in 2004."


def test_reduplications_and_names_are_left_alone():
    for text in ("The plant ylang ylang gives a perfume.", "He had had enough of it.",
                 "Sirhan Sirhan was convicted in 1969.", "More and more people walk hand in hand in the park.",
                 "They ate couscous.", "He won the crown - a symbol of power."):
        assert _fixed(text) == text
        assert mtfix.check(text, select=["MT304", "MT305", "MT306", "MT307"]) == []


def test_conditional_suggestion_agrees_with_its_noun():
    assert _suggestions("There would be guests, there will be food.", "MT403", source_lang="ru")[0] == "If there are"
    assert _suggestions("There would be a trough, and pigs will come.", "MT403", source_lang="ru")[0] == "If there is"
    assert _suggestions("There would be bread, there would be mice.", "MT403", source_lang="ru") == []


def test_es_gibt_suggestion_agrees_with_its_noun():
    assert _suggestions("It gives many possibilities.", "MT411", source_lang="de") == ["There are"]
    assert _suggestions("It gives a good restaurant here.", "MT411", source_lang="de") == ["There is"]
    fixed = mtfix.fix("It gives many possibilities.", source_lang="de", unsafe=True).text
    assert fixed == "There are many possibilities."
