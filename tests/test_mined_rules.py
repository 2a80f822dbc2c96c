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


CORRECT_ENGLISH = [
    "He had had enough, and she said that that was final.",
    "The ylang ylang tree and the Walla Walla onion are both named twice.",
    "Location, location, location: that is what sells a house.",
    "No, no, no, you have it all wrong.",
    "They walked hand in hand in the rain, side by side by the river.",
    "More and more people work from time to time to earn extra money.",
    "We went round and round in circles.",
    "Sirhan Sirhan and Boutros Boutros-Ghali are real names.",
    "The tsetse fly, couscous and bonbons have doubled letters.",
    "He won the crown - a symbol of power - in 1066.",
    "The score was 3 - 1 at half time.",
    "Run mtfix with --select MT3 to see only punctuation.",
    "Polish the china before the turkey is served.",
    "She speaks French, Nepali and Korean fluently.",
    "A well-known, self-published, two-hour film about decision-making.",
    "What he was looking at at the time was the sea.",
    "It was going on on Monday, and the concert was on too.",
    "Gone With the Wind is a long film.",
]


def test_a_capitalised_double_is_only_a_suggestion():
    # "The Islamic Islamic movement" is flagged, but a band called Talk Talk must survive a fix
    assert _suggestions("The Islamic Islamic movement won.", "MT304") == ["Islamic"]
    assert _fixed("The Talk Talk concert was on.") == "The Talk Talk concert was on."


def test_correct_english_triggers_none_of_the_mined_rules():
    codes = ["MT205", "MT304", "MT305", "MT306", "MT307", "MT308"]
    for text in CORRECT_ENGLISH:
        found = [(i.code, text[i.start:i.end]) for i in mtfix.check(text, select=codes)]
        assert found == [], f"{text!r}: {found}"
