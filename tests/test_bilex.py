"""Word-translation coverage: what the scorer with a source sees of omissions and inventions."""
from __future__ import annotations

import pytest

import mtfix
from mtfix import bilex
from mtfix.lm import language_model

RO_SOURCE = "Guvernul a aprobat ieri noua lege privind educația și sănătatea publică."
RO_FULL = "Yesterday the government approved the new law on education and public health."
RO_OMITS = "Yesterday the government approved the new law."
RO_INVENTED = "The football team celebrated its victory with a concert in the stadium."


def cov(text: str, source: str, lang: str | None) -> dict[str, float]:
    return bilex.coverage(text, source, lang, language_model().function)


def test_omitted_content_lowers_source_coverage():
    full, omits = cov(RO_FULL, RO_SOURCE, "ro"), cov(RO_OMITS, RO_SOURCE, "ro")
    assert full["src_cov"] > omits["src_cov"]


def test_invented_content_lowers_target_coverage():
    assert cov(RO_FULL, RO_SOURCE, "ro")["tgt_cov"] > cov(RO_INVENTED, RO_SOURCE, "ro")["tgt_cov"] + 0.3


def test_the_score_with_source_ranks_the_faithful_translation_first():
    score = lambda t: mtfix.score(t, source=RO_SOURCE, source_lang="ro").value  # noqa: E731
    assert score(RO_FULL) > score(RO_OMITS)
    assert score(RO_FULL) > score(RO_INVENTED) + 10
    # Without the source, the invented sentence is fluent English and cannot be told apart.
    assert mtfix.score(RO_INVENTED).value > 50


@pytest.mark.parametrize("lang, source, right, wrong", [
    ("ru", "Президент подписал указ о повышении пенсий.",
     "The president signed a decree on raising pensions.", "The weather was sunny at the seaside."),
    ("et", "Linnavalitsus ehitab uue kooli ja raamatukogu.",
     "The city government is building a new school and library.", "My grandmother likes cooking soup."),
    ("zh", "政府宣布了新的经济政策。",
     "The government announced a new economic policy.", "The cat slept on the warm sofa."),
])
def test_every_table_tells_translation_from_invention(lang, source, right, wrong):
    assert cov(right, source, lang)["tgt_cov"] > cov(wrong, source, lang)["tgt_cov"]


def test_names_copied_from_the_source_count_as_explained():
    src = "Kogu päeva kestnud Auvere lahingu tulemusena löödi Punaarmee tagasi."
    assert cov("Auvere", src, "et")["tgt_cov"] == 1.0


def test_a_language_without_a_table_gives_no_evidence_and_no_effect():
    src = "Die Regierung hat gestern das neue Gesetz beschlossen."
    assert cov("The government passed the new law yesterday.", src, bilex.choose(src, "de", "Latin")) == {}
    # Absent evidence counts as the training average: the score is still a plain number.
    assert 0 <= mtfix.score("The government passed the new law yesterday.", source=src, source_lang="de").value <= 100


@pytest.mark.parametrize("source, script, lang", [
    (RO_SOURCE, "Latin", "ro"),
    ("Linnavalitsus ehitab uue kooli ja raamatukogu, mis on ka lastele.", "Latin", "et"),
    ("Президент подписал указ.", "Cyrillic", "ru"),
    ("政府宣布了新的经济政策。", "Han", "zh"),
    ("The weather is nice today.", "Latin", None),       # English is not a source the tables know
])
def test_the_table_is_chosen_by_code_script_or_common_words(source, script, lang):
    assert bilex.choose(source, None, script) == lang


def test_language_codes_with_regions_find_their_table():
    assert bilex.choose(RO_SOURCE, "ro-RO", "Latin") == "ro"
    assert bilex.choose(RO_SOURCE, "pt", "Latin") is None


@pytest.mark.parametrize("text", ["ශ්‍රී ලංකාව", "नेपालको राजधानी"])
def test_indic_words_keep_their_vowel_signs_and_joiners(text):
    # Vowel signs are combining marks and Sinhala conjuncts use a zero-width joiner: a word must
    # not break at either; each token is the start of one word of the text.
    words = text.split()
    assert [w.startswith(t) for w, t in zip(words, bilex.source_tokens(text))] == [True, True]
    assert len(bilex.source_tokens(text)) == 2
