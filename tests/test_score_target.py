"""The score for a target other than English, as a user sees it: a value, and how much evidence it
rests on (``confidence``). Accuracy against human judgements (MLQE-PE en-de, en-zh dev) is measured
by ``benchmarks/fit_target_scorer.py`` and mtbench.py, not here."""
import json

import pytest

import mtfix

SRC = "The committee approved the new budget for the city schools yesterday."
DE = "Der Ausschuss hat gestern den neuen Haushalt für die städtischen Schulen genehmigt."
ZH = "委员会昨天批准了城市学校的新预算。"


def test_english_keeps_its_model_and_says_high():
    sc = mtfix.score("The minister visited Berlin on Monday.")
    assert sc.confidence == "high"
    assert "confidence" not in str(sc)
    assert sc.value == mtfix.score("The minister visited Berlin on Monday.", target_lang="en").value


@pytest.mark.parametrize("text, lang", [(DE, "de"), (ZH, "zh")])
def test_a_target_with_word_tables_and_a_source_is_medium(text, lang):
    sc = mtfix.score(text, source=SRC, source_lang="en", target_lang=lang)
    assert sc.confidence == "medium" and sc.target_lang == lang
    assert 0.0 < sc.value < 100.0 and len(sc.sentences) == 1
    assert "confidence medium" in str(sc)


def test_without_a_source_or_tables_the_score_says_low():
    no_source = mtfix.score(DE, target_lang="de")
    assert no_source.confidence == "low" and "no source" in no_source.confidence_note
    unknown = mtfix.score("Komitea hyväksyi eilen kaupungin koulujen uuden budjetin.", source=SRC,
                          source_lang="en", target_lang="fi")
    assert unknown.confidence == "low" and "no word-translation tables" in unknown.confidence_note
    assert 0.0 < unknown.value < 100.0


@pytest.mark.parametrize("good, lang", [(DE, "de"), (ZH, "zh")])
def test_the_source_left_untranslated_scores_below_a_translation(good, lang):
    translated = mtfix.score(good, source=SRC, source_lang="en", target_lang=lang).value
    copied = mtfix.score(SRC, source=SRC, source_lang="en", target_lang=lang).value
    assert copied < translated


def test_cli_names_the_confidence_of_a_german_file(cli, tmp_path):
    de, en = tmp_path / "news.de.txt", tmp_path / "news.en.txt"
    de.write_text(DE + "\n", encoding="utf-8")
    en.write_text(SRC + "\n", encoding="utf-8")
    r = cli("score", str(de))
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert "confidence low" in out and "no source" in out
    r = cli("score", "--source", str(en), "--source-lang", "en", "--format", "json", str(de))
    (item,) = json.loads(r.stdout)
    assert item["confidence"] == "medium" and "word-translation tables" in item["confidence_note"]
    r = cli("score", str(en))
    assert "(confidence" not in r.stdout.decode()
