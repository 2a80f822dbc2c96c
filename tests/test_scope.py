"""Where a rule holds: ``targets`` and ``sources`` (rules/ YAML, ruledata docstring), applied by
the pipeline per segment, from the options and from each file's own metadata."""
from __future__ import annotations

import pytest

import mtfix
from mtfix.ruledata import registry
from test_languagetool import lt_server  # noqa: F401  (the fake LanguageTool server fixture)

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


_DE_PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"

msgid "Children who drop out of school have a hard time."
msgstr "Kinder, die die Schule abbrechen, haben es schwer."

msgid "The the is a doubled word."
msgstr "{copy}"
'''


def test_german_po_gets_only_language_independent_findings_and_fix_write_keeps_it(cli, tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(_DE_PO.format(lang="de", copy="Die Zahl ist 6."), encoding="utf-8")
    r = cli("check", "--format", "json", str(po))
    data = json.loads(r.stdout)
    codes = {i["code"] for i in (data if isinstance(data, list) else data["issues"])}
    assert codes <= _any_codes()
    assert b"target language de" in r.stderr and len(r.stderr.decode().splitlines()) == 1
    before = po.read_bytes()
    r = cli("fix", "--write", str(po))
    assert r.returncode in (0, 1) and po.read_bytes() == before     # "die die" untouched


def test_english_variant_catalogue_copy_is_not_untranslated(cli, tmp_path):
    text = "Delete the selected items from the list"
    gb = tmp_path / "gb.po"
    gb.write_text(_DE_PO.format(lang="en_GB", copy=text).replace(
        "The the is a doubled word.", text), encoding="utf-8")
    unmarked = tmp_path / "plain.po"
    unmarked.write_text(gb.read_text(encoding="utf-8").replace("Language: en_GB", "Language: "),
                        encoding="utf-8")
    r = cli("check", "--format", "json", str(gb))
    data = json.loads(r.stdout)
    assert "MT703" not in {i["code"] for i in (data if isinstance(data, list) else data["issues"])}
    assert r.stderr == b""      # English: no notice
    r = cli("check", "--format", "json", str(unmarked))
    data = json.loads(r.stdout)
    assert "MT703" in {i["code"] for i in (data if isinstance(data, list) else data["issues"])}


_XLIFF12 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="{lang}" datatype="plaintext" original="x">
    <body>
      <trans-unit id="1"><source>Children who leave school.</source><target>{text}</target></trans-unit>
    </body>
  </file>
</xliff>
'''
_XLIFF2 = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="{lang}">
  <file id="f1"><unit id="1"><segment><source>Children who leave school.</source>
  <target>{text}</target></segment></unit></file>
</xliff>
'''


@pytest.mark.parametrize("name, template", [
    ("a.xlf", _XLIFF12), ("b.xliff", _XLIFF2),
    ("locales/{lang}.json", '{{"k": "{text}"}}'),
    ("locales/{lang}/app.json", '{{"k": "{text}"}}'),
    ("{lang}.po", 'msgid "Children who leave school."\nmsgstr "{text}"\n'),
    ("docs/index.{lang}.md", "{text}\n"),
])
def test_target_language_is_read_from_each_formats_metadata(cli, tmp_path, name, template):
    """The same doubled word: a safe fix in an English file, left alone in a German one."""
    found = {}
    for lang, text in (("de", "Kinder, die die Schule verlassen."), ("en", "Children who left the the school.")):
        path = tmp_path / lang / name.format(lang=lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(lang=lang, text=text), encoding="utf-8")
        r = cli("check", "--format", "json", str(path))
        assert r.returncode in (0, 1), r.stderr
        data = json.loads(r.stdout)
        found[lang] = {i["code"] for i in (data if isinstance(data, list) else data["issues"])}
    assert "MT304" in found["en"] and found["de"] <= _any_codes()


def test_target_lang_option_and_config(cli, tmp_path):
    txt = tmp_path / "notes.txt"
    txt.write_text("Kinder, die die Schule verlassen.\n", encoding="utf-8")
    assert "MT304" in _codes_of(cli, str(txt))
    assert _codes_of(cli, "--target-lang", "de", str(txt)) == set()
    (tmp_path / ".mtfix.toml").write_text('target-lang = "fr"\n', encoding="utf-8")
    assert _codes_of(cli, str(txt)) == set()
    r = cli("check", "--target-lang", "xx-yy-zz", str(txt))
    assert r.returncode == 2 and b"unknown target language" in r.stderr


def _codes_of(cli, *args: str) -> set[str]:
    r = cli("check", "--format", "json", *args)
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    return {i["code"] for i in (data if isinstance(data, list) else data["issues"])}


@pytest.mark.parametrize("target, text", [
    ("de", "mehr als 6.000 Aufständische und 2,5 Millionen Menschen"),
    ("fr", "plus de 6 000 insurgés et 2,5 millions de personnes"),
    ("ru", "более 6 000 повстанцев и 2,5 млн человек"),
])
def test_numbers_are_read_in_the_targets_own_format(target, text):
    source = "more than 6,000 insurgents and 2.5 million people"
    assert [i.code for i in mtfix.check(text, source=source, target_lang=target)] == []
    wrong = text.replace("6", "7", 1)
    assert [i.code for i in mtfix.check(wrong, source=source, target_lang=target)] == ["MT701"]


def test_source_lang_auto_guesses_from_the_calques_without_a_source(cli):
    ru = _wrong_example("MT401")
    text = f"{ru}\n".encode()
    assert "MT401" in _codes(cli, text, "--source-lang", "auto")
    assert "MT401" not in _codes(cli, text)
    assert "MT401" in {i.code for i in mtfix.check(ru, source_lang="auto")}


def test_a_chinese_targets_numeral_words_are_not_added_numbers():
    source = "They landed 7 km away from the fort in a hidden creek."
    assert mtfix.check("他们在离要塞七公里的地方降落在一条隐蔽的小溪里。", source=source, target_lang="zh") == []
    wrong = [i.code for i in mtfix.check("他们在离要塞8公里的地方降落。", source=source, target_lang="zh")]
    assert wrong == ["MT701"]


def test_mtfix_config_file_says_which_target_and_why(cli, tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(_DE_PO.format(lang="de", copy="x"), encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("Hello.\n", encoding="utf-8")
    out = cli("config", str(po)).stdout.decode()
    assert f"# target language of {po}: de (the file's metadata says de)" in out
    assert f"# target language of {notes}: en (the default" in cli("config", str(notes)).stdout.decode()
    assert f"# target language of {notes}: fr (--target-lang" in \
        cli("config", "--target-lang", "fr", str(notes)).stdout.decode()


@pytest.mark.parametrize("folder, targets, sources", [
    ("de", ("de",), None), ("any", None, None), ("ru-de", ("de",), ("ru",)), ("house", ("en",), None)])
def test_a_pack_folder_gives_its_rules_default_targets_and_sources(tmp_path, folder, targets, sources):
    pack = tmp_path / "packs" / folder
    pack.mkdir(parents=True)
    (pack / "p.yaml").write_text('''family: phrases
rules:
  - code: MT495
    name: house-rule
    message: "House style"
    entries: []
''', encoding="utf-8")
    rule = registry((str(tmp_path / "packs"),)).rules["MT495"]
    assert (rule.targets, rule.sources) == (targets, sources)


def test_no_calque_hint_for_a_non_english_target(cli, tmp_path):
    txt = tmp_path / "notes.txt"
    txt.write_text("Kinder, die die Schule verlassen.\n", encoding="utf-8")
    r = cli("check", "--target-lang", "de", str(txt))
    assert r.returncode == 0 and b"Hint:" not in r.stdout and b"target language de" in r.stderr
    assert b"Hint:" in cli("check", str(tmp_path / "notes.txt")).stdout   # English: the hint stays


def test_languagetool_is_asked_only_about_english_segments(lt_server):
    """A segment goes to LanguageTool only in a language it has a measured profile for (English,
    German, French, Spanish): a Japanese one is not sent (issue 23), an English one is."""
    from mtfix.model import Location, Segment
    from mtfix.options import Options
    from mtfix.pipeline import check_segments

    srv = lt_server()
    segs = [Segment("Then teh end , ok.", target_lang="ja", location=Location("x", 1, 1)),
            Segment("Then teh end , ok.", location=Location("x", 5, 3))]
    res = check_segments(segs, Options(select=("LT:",), extra={"languagetool": srv.url}))
    assert res[0] == [] and "LT:MORFOLOGIK_RULE_EN_US" in {i.code for i in res[1]}
    assert [c["text"][0] for c in srv.checks()] == ["Then teh end , ok."]


@pytest.mark.parametrize("target, text, flagged", [
    ("de", "Man kann die Scheibe in 24 Metern Tiefe sehen.", False),      # converted: fine
    ("de", "Man kann die Scheibe 70 Fuß tief sehen.", True),              # same unit, wrong number
    ("en", "You can see the disc 24 metres down.", False),
])
def test_a_unit_conversion_is_not_a_wrong_number(target, text, flagged):
    source = "That means you can see that disc 80 feet down."
    codes = [i.code for i in mtfix.check(text, source=source, target_lang=target, select=["MT701"])]
    assert codes == (["MT701"] if flagged else [])
