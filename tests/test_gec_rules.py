"""Learner and MT English: misspellings (MT103), contractions without apostrophe (MT104),
determiner-noun number (MT517), LM preposition swaps (MT521) and a/an (MT523), as a user sees
them through check and fix."""
from __future__ import annotations

import mtfix


def _found(text: str, **kw) -> list[tuple[str, str, str]]:
    return [(i.code, text[i.start:i.end], i.suggestions[0] if i.suggestions else "")
            for i in mtfix.check(text, **kw) if i.code not in ("MT801", "MT802")]


def test_misspelt_words_get_the_candidate_their_context_prefers():
    text = "They could not find siences and tecnologies becouse of money."
    assert _found(text) == [("MT103", "siences", "sciences"), ("MT103", "tecnologies", "technologies"),
                            ("MT103", "becouse", "because")]


def test_misspellings_are_suggestions_applied_only_with_unsafe_fixes():
    text = "Many poeple live in the enviroment."
    assert mtfix.fix(text).text == text
    assert mtfix.fix(text, unsafe=True).text == "Many people live in the environment."


def test_with_a_source_misspelling_is_left_to_the_mt_rules():
    # MT output: its lower-case non-words are transliterations and garbled terms
    assert [c for c, _, _ in _found("The poeple went home.", source="Люди пошли домой.", source_lang="ru")
            if c == "MT103"] == []


def test_from_a_source_in_latin_letters_misspellings_are_still_found():
    # `mtfix check --source-lang it page.txt`: names come over unchanged, so a lower-case
    # non-word is a typo, as without a source
    text = "My grandmother preparated it every Sunday."
    for kw in ({"source_lang": "it"}, {"source_lang": "pt-BR"},
               {"source": "Mia nonna lo preparava ogni domenica.", "source_lang": "it"}):
        assert [(c, w) for c, w, _ in _found(text, **kw) if c == "MT103"] == [("MT103", "preparated")], kw
    # a word copied from the source is the untranslated-text rule's, not a misspelling
    assert [c for c, _, _ in _found("The preparato is ready.", source="Il preparato è pronto.",
                                    source_lang="it") if c == "MT103"] == []
    # near miss: the same word from a Cyrillic or Chinese source is left alone
    for kw in ({"source_lang": "ru"}, {"source_lang": "zh"}, {"source": "Моя бабушка готовила это."}):
        assert [c for c, _, _ in _found(text, **kw) if c == "MT103"] == [], kw


def test_number_and_a_an_are_found_whatever_the_source():
    for lang in (None, "ru", "zh", "it"):
        assert [c for c, _, _ in _found("I publish every days new ideas.", source_lang=lang)] == ["MT517"], lang
        assert [c for c, _, _ in _found("I ate a apple.", source_lang=lang)] == ["MT523"], lang


def test_rare_words_names_and_foreign_quotes_are_not_misspellings():
    for text in ["The anther opens by an apical pore.", "Fadil was born in Cairo.",
                 "The colour of the harbour changed.", "Aruba is a flat, riverless island.",
                 "Storia delle scienze agrarie, Bologna 1984.", "Visit https://example.org/poeple now."]:
        assert [c for c, _, _ in _found(text) if c == "MT103"] == [], text


def test_two_typos_in_english_are_not_a_foreign_sentence():
    # a quarter of the words unknown, but a third English function words: English with typos
    # ("preciouse" is MT102's, a broken ending, once the sentence is read as English)
    assert [w for _, w, _ in _found("Men have to sacrifise their preciouse time.")] == ["sacrifise", "preciouse"]
    assert [c for c, _, _ in _found("Ne frusta vixisse videar, donec totum consumatur.") if c == "MT103"] == []


def test_common_misspellings_from_the_shipped_list():
    assert _found("You will recieve an email.") == [("MT103", "recieve", "receive")]
    assert _found("I think thier car is red.") == [("MT103", "thier", "their")]
    assert mtfix.fix("I will definately come.", unsafe=True).text == "I will definitely come."
    assert mtfix.fix("I will definately come.").text == "I will definately come."   # a suggestion only
    # dialogue's dropped g and a contraction split by a tokenizer are not slips
    assert _found("They are callin' it a night.") == []
    assert _found("He couldn 't come.") == []


def test_a_contraction_without_its_apostrophe():
    assert _found("I dont know.") == [("MT104", "dont", "don't")]
    assert mtfix.fix("I dont know.", unsafe=True).text == "I don't know."


def test_determiner_and_noun_number():
    assert _found("There are several reason for this.") == [("MT517", "reason", "reasons")]
    assert _found("Many say that it is true.") == []
    assert _found("He runs an antiques shop.") == []


def test_a_or_an():
    assert _found("It was a important day.") == [("MT523", "a", "an")]
    assert _found("She went to an university.") == [("MT523", "an", "a")]
    assert _found("He is an MP and a NATO adviser; it was an historic day.") == []
    assert mtfix.fix("It was a important day.", unsafe=True).text == "It was an important day."
