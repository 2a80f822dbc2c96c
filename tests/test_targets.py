"""Target languages beyond English: the typography packs (rules/<lang>/), which rules a German
file gets, and the target guessed from the text when nothing names it."""
from __future__ import annotations

import json

import mtfix
from mtfix.ruledata import registry


def _codes_for(lang: str) -> set[str]:
    """The rules that hold on a target: language-independent ones and the language's own."""
    return {c for c, r in registry().rules.items() if r.targets is None or lang in r.targets}


def test_every_pack_language_has_typography_rules():
    rules = registry().rules.values()
    for lang in ("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "tr", "ja", "zh", "ko"):
        assert any(r.family == "typography" and r.targets and lang in r.targets for r in rules), lang


def test_german_po_with_english_source_gets_only_language_independent_and_german_findings(cli, tmp_path):
    po = tmp_path / "app.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Children who drop out of school have a hard time. Really?"\n'
        'msgstr "Kinder, die die Schule abbrechen,  haben es schwer. Wirklich ?"\n\n'
        'msgid "He said: \\"We are coming tomorrow.\\" Prices rose by 3.5 percent."\n'
        'msgstr "Er sagte: “Wir kommen morgen.” Die Preise stiegen um 3.5 Prozent."\n', encoding="utf-8")
    r = cli("check", "--format", "json", str(po))
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    codes = {i["code"] for i in (data if isinstance(data, list) else data["issues"])}
    assert {"MT303", "MT330", "MT340", "MT331"} <= codes
    assert codes <= _codes_for("de")
    assert not codes & {c for c, r in registry().rules.items() if r.targets == ("en",)}
    # the fix removes the space before '?' and the doubled space, and keeps "die die"
    fixed = mtfix.fix("Kinder, die die Schule abbrechen. Wirklich ?", target_lang="de").text
    assert fixed == "Kinder, die die Schule abbrechen. Wirklich?"


def test_french_file_gets_french_typography_not_german(cli, tmp_path):
    f = tmp_path / "fr.po"
    f.write_text('msgid ""\nmsgstr "Language: fr\\n"\n\nmsgid "Why?"\nmsgstr "Pourquoi?"\n', encoding="utf-8")
    data = json.loads(cli("check", "--format", "json", str(f)).stdout)
    codes = {i["code"] for i in (data if isinstance(data, list) else data["issues"])}
    assert codes == {"MT350"}


def test_target_guessed_from_the_text_when_nothing_names_it(cli, tmp_path):
    de = tmp_path / "notes.txt"
    de.write_text("Die Kinder gehen heute in die Schule, und sie lernen dort sehr viel.\n"
                  "Wie geht es dir ?\n", encoding="utf-8")
    out = cli("config", str(de)).stdout.decode()
    assert "target language" in out and ": de (detected from the text" in out
    r = cli("check", "-v", str(de))
    assert "target language de: detected from the text" in r.stderr.decode()
    assert "MT330" in r.stdout.decode() and "MT101" not in r.stdout.decode()
    # an English file stays English
    en = tmp_path / "en.txt"
    en.write_text("The children go to school today, and they learn a lot there.\n", encoding="utf-8")
    assert ": en (" in cli("config", str(en)).stdout.decode()


def test_untranslated_paragraph_in_an_english_file_stays_english():
    from mtfix.model import Segment
    from mtfix.options import Options
    from mtfix.pipeline import where_of

    segs = [Segment("The talks ended without agreement, and the delegates went home."),
            Segment("The ministers will meet again in the spring to try once more."),
            Segment("Переговоры завершились без соглашения.")]
    assert [w[0] for w in where_of(segs, Options())] == ["en", "en", "en"]


def test_quotation_marks_leaked_from_german_or_french_into_spanish_italian_dutch():
    # German „…“ and »…«, French spaced « … »: each target's own style suggested, never applied
    cases = {
        "es": ("Pulse „Guardar“ y escriba « sí ».", ["MT358", "MT358"], "«Guardar»"),
        "it": ("Premere »Salva« per continuare.", ["MT361"], "«Salva»"),
        "nl": ("Klik op „Opslaan“ om door te gaan.", ["MT367"], "“Opslaan”"),
    }
    for lang, (text, codes, first_fix) in cases.items():
        issues = mtfix.check(text, target_lang=lang)
        assert [i.code for i in issues] == codes, lang
        assert first_fix in issues[0].suggestions or (issues[0].fix and issues[0].fix.replacement == first_fix)
        assert mtfix.fix(text, target_lang=lang).text == text       # a suggestion, never applied silently
    # the standard styles of each are quiet, and English is not touched by them
    for lang, text in (("es", "Pulse «Guardar» o “Cancelar”."), ("it", "Premere «Salva» o “Annulla”."),
                       ("nl", "Klik op “Opslaan” of ‘Annuleren’.")):
        assert mtfix.check(text, target_lang=lang) == [], lang
    assert not {i.code for i in mtfix.check("Click „Save“ to go on.")} & {"MT358", "MT361", "MT367"}
