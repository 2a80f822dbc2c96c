"""Where a rule holds: ``targets`` and ``sources`` (rules/ YAML, ruledata docstring), applied by
the pipeline per segment, from the options and from each file's own metadata."""
from __future__ import annotations

import pytest

import mtfix
from mtfix.ruledata import registry

import json


def _any_codes() -> set[str]:
    return {c for c, r in registry().rules.items() if r.targets is None}


def _wrong_example(code: str) -> str:
    return next(e.text for e in registry().rules[code].examples if e.wrong)


def test_language_independent_checks_declare_targets_any_and_english_ones_en():
    rules = registry().rules
    assert {"MT701", "MT702", "MT705", "MT706", "MT707", "MT303"} <= _any_codes()
    for code in ("MT101", "MT204", "MT304", "MT305", "MT703", "MT801"):
        assert rules[code].targets == ("en",), code
    assert rules["MT401"].sources == ("ru",) and rules["MT401"].targets == ("en",)


def test_german_target_gets_only_language_independent_findings_and_fix_keeps_die_die():
    text = "Kinder, die die Schule abbrechen,  haben es schwer."
    source = "Children who drop out of school have a hard time."
    codes = {i.code for i in mtfix.check(text, source=source, target_lang="de")}
    assert codes and codes <= _any_codes()          # the doubled space, nothing English
    fixed = mtfix.fix("Kinder, die die Schule abbrechen.", target_lang="de")
    assert fixed.text == "Kinder, die die Schule abbrechen."
    # the same doubled word in English is still a safe fix
    assert mtfix.fix("We saw the the house.").text == "We saw the house."


def test_english_variants_are_english():
    text = "We saw the the house."
    assert mtfix.fix(text, target_lang="en-GB").text == "We saw the house."


def _codes(cli, text: bytes, *args: str) -> set[str]:
    r = cli("check", "--format", "json", *args, "-", input=text)
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    return {i["code"] for i in (data if isinstance(data, list) else data["issues"])}


def test_source_lang_takes_several_languages(cli):
    ru, zh = _wrong_example("MT401"), _wrong_example("MT421")
    text = f"{ru}\n\n{zh}\n".encode()
    assert {"MT401", "MT421"} <= _codes(cli, text, "--source-lang", "ru,zh")
    only_ru = _codes(cli, text, "--source-lang", "ru")
    assert "MT401" in only_ru and "MT421" not in only_ru
    assert not {"MT401", "MT421"} & _codes(cli, text)    # no source language: the packs stay off
    api = {i.code for i in mtfix.check(f"{ru} {zh}", source_lang="ru,zh")}
    assert {"MT401", "MT421"} <= api


def test_bad_source_lang_list_is_one_line(cli):
    r = cli("check", "--source-lang", "ru,klingon", "-", input=b"Hello.\n")
    err = r.stderr.decode()
    assert r.returncode == 2 and "klingon" in err and "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("value, message", [("[xx]", "unknown language code 'xx'"),
                                            ("7", "'targets' must be 'any' or a list")])
def test_rule_targets_are_validated(tmp_path, value, message):
    pack = tmp_path / "house" / "en"
    pack.mkdir(parents=True)
    (pack / "house.yaml").write_text(f'''family: phrases
rules:
  - code: MT497
    name: house-rule
    targets: {value}
    message: "House style"
    entries: []
''', encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        mtfix.check("Hello.", rule_packs=[str(tmp_path / "house")])


def test_a_users_rule_declared_for_german_runs_on_german_only(tmp_path):
    pack = tmp_path / "house" / "mine"
    pack.mkdir(parents=True)
    (pack / "house.yaml").write_text('''family: phrases
targets: [de]
rules:
  - code: MT496
    name: house-zb
    message: "House style: zum Beispiel"
    entries:
      - id: house.zb
        pattern: "beispielsweise"
        suggest: ["zum Beispiel"]
''', encoding="utf-8")
    packs = [str(tmp_path / "house")]
    assert registry(tuple(packs)).rules["MT496"].targets == ("de",)
    de = [i.code for i in mtfix.check("Das ist beispielsweise gut.", target_lang="de", rule_packs=packs, select=["MT496"])]
    en = [i.code for i in mtfix.check("Das ist beispielsweise gut.", rule_packs=packs, select=["MT496"])]
    assert de == ["MT496"] and en == []
