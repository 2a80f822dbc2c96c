"""LanguageTool for targets other than English, against a real server (as test_languagetool_real.py:
``MTFIX_LANGUAGETOOL_URL=$(scripts/languagetool-server start en de fr es)``; skipped without one,
required in CI, whose .ci/run provisions the de, fr and es modules). Each segment is sent in its
own target language, with that target's profile (mtfix/languagetool.py ``TARGET_PROFILES``)."""
import json
import os
import subprocess

from test_languagetool_real import SCRIPT, lt_url, mtfix  # noqa: F401  (lt_url: a fixture)

import pytest


# The shared server loads a language's rules on its first request in that language: on a busy
# 2-core CI machine German took longer than mtfix's default 10 s once (a fresh-clone run of
# 891b04e: "no answer (timed out)"), so these checks give it the time a cold server needs, as a
# user of a self-hosted server would with MTFIX_LANGUAGETOOL_TIMEOUT.
COLD = {"MTFIX_LANGUAGETOOL_TIMEOUT": "60"}


def lt_found(r) -> list[tuple[str, str]]:
    assert r.returncode in (0, 1), r.stderr
    return [(i["code"], i["line"]) for i in json.loads(r.stdout) if i["code"].startswith("LT:")]


def test_a_german_po_file_is_sent_in_german(lt_url, tmp_path):  # noqa: F811
    po = tmp_path / "de.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "He said that he would come."\nmsgstr "Er sagte, daß er kommen würde."\n\n'
                  'msgid "I read the book yesterday."\nmsgstr "Ich habe das Buch gestern gelesen."\n',
                  encoding="utf-8")
    r = mtfix("check", "--format", "json", "--languagetool", lt_url, str(po), cwd=tmp_path, **COLD)
    issues = [i for i in json.loads(r.stdout) if i["code"].startswith("LT:")]
    assert [(i["code"], i["line"]) for i in issues] == [("LT:OLD_SPELLING_RULE", 7)], (r.stdout, r.stderr)
    assert "dass" in issues[0]["suggestions"]
    assert "LanguageTool" not in r.stderr    # (a one-line note names the target)


@pytest.mark.parametrize("lang, text, code", [
    ("fr", "Les enfant jouent dans le jardin.", "LT:D_N"),
    ("es", "Los niño juegan en el parque.", "LT:AGREEMENT_DET_NOUN")])
def test_french_and_spanish_agreement(lt_url, tmp_path, lang, text, code):  # noqa: F811
    f = tmp_path / "a.txt"
    f.write_text(text + "\n", encoding="utf-8")
    r = mtfix("check", "--format", "json", "--target-lang", lang, "--languagetool", lt_url, str(f), cwd=tmp_path, **COLD)
    assert [c for c, _ in lt_found(r)] == [code], r.stdout


@pytest.mark.parametrize("lang, text", [
    ("de", "Die Kinder, die die Schule abbrechen, finden schwer Arbeit."),
    ("fr", "Nous nous sommes rencontrés à Paris l'année dernière."),
    ("es", "¿Dónde está la estación de tren más cercana?")])
def test_correct_translations_get_no_languagetool_finding(lt_url, tmp_path, lang, text):  # noqa: F811
    f = tmp_path / "a.txt"
    f.write_text(text + "\n", encoding="utf-8")
    r = mtfix("check", "--format", "json", "--target-lang", lang, "--languagetool", lt_url, str(f), cwd=tmp_path, **COLD)
    assert lt_found(r) == [], r.stdout


def test_a_target_without_a_profile_is_not_sent(lt_url, tmp_path):  # noqa: F811
    f = tmp_path / "a.txt"
    f.write_text("I bambini gioca nel parco.\n", encoding="utf-8")
    r = mtfix("check", "--format", "json", "--target-lang", "it", "--languagetool", lt_url, str(f), cwd=tmp_path, **COLD)
    assert lt_found(r) == [] and "LanguageTool" not in r.stderr


def test_the_script_refuses_a_language_that_is_not_a_code(tmp_path):
    env = {**os.environ, "MTFIX_LT_HOME": str(tmp_path / "none")}
    r = subprocess.run([str(SCRIPT), "provision", "de;rm"], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip() == "languagetool-server: not a language code: 'de;rm' (e.g. de, fr, es, pt, nl, pl, ru, uk)"
