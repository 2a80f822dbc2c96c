"""The target language of a corpus (TSV, JSONL, Moses files) whose records name none: decided once
per file, as for the other formats: --target-lang, the config's target-lang, the path, else the
text of its first records, else English (issue 23)."""
from __future__ import annotations

import gzip
import json

from mtfix.cli import main

GERMAN = ["Hallo , wie geht es dir heute?",
          "Die Daten wurden nicht gespeichert, und das ist ein Problem.",
          "Das ist sehr gut für uns alle."]
ENGLISH = ["He go to the the school .", "The data was saved."]


def _tsv(path, targets, source="src"):
    path.write_text("".join(f"{source}\t{t}\n" for t in targets), encoding="utf-8")
    return path


def _score(capsys, *args):
    """(the issue codes of each record, standard error) of ``mtfix score --format jsonl ARGS``."""
    rc = main(["score", "--format", "jsonl", "--jobs", "1", *args])
    out = capsys.readouterr()
    assert rc == 0, out.err
    return [json.loads(line)["issues"] for line in out.out.splitlines()], out.err


def test_german_tsv_detected_from_its_text_gets_german_rules_not_english(tmp_path, capsys):
    p = _tsv(tmp_path / "corpus.tsv", GERMAN)
    codes, err = _score(capsys, str(p))
    assert "MT334" in codes[0] and "MT301" not in codes[0]    # German spacing rule, not the English one
    assert not any(c.startswith(("MT1", "MT2", "MT5")) for cs in codes for c in cs)
    assert f"Note: {p}: target language de (detected from the text of its first records" in err
    # the text is German, but the user says English: English it is
    codes, _ = _score(capsys, "--target-lang", "en", str(p))
    assert "MT301" in codes[0] and "MT334" not in codes[0]


def test_one_decision_per_file_not_per_record(tmp_path, capsys):
    # an English record in a German file stays German (its untranslated English is not re-judged)
    p = _tsv(tmp_path / "corpus.tsv", GERMAN + ["He go to the the school ."] + GERMAN)
    codes, _ = _score(capsys, str(p))
    assert "MT301" not in codes[3] and "MT334" in codes[3]


def test_english_tsv_as_before(tmp_path, capsys):
    p = _tsv(tmp_path / "corpus.tsv", ENGLISH, "Он пошёл")
    codes, err = _score(capsys, str(p))
    assert "MT301" in codes[0] and "MT304" in codes[0] and "MT334" not in codes[0]
    assert err == "mtfix: 2 segments scored, 0 malformed\n"    # no note for English
    codes, err = _score(capsys, "-v", str(p))
    assert err.splitlines()[0] == f"{p}: target language en: detected from the text of its first records " \
                                  "(script and common words)"


def test_path_names_the_target(tmp_path, capsys):
    (tmp_path / "locales" / "fr").mkdir(parents=True)
    for p in (tmp_path / "de.tsv", tmp_path / "corpus.de.tsv", tmp_path / "locales" / "fr" / "app.tsv"):
        _tsv(p, ENGLISH)       # the path wins over the text
        codes, err = _score(capsys, "-v", str(p))
        lang = "fr" if "locales" in str(p) else "de"
        assert f"{p}: target language {lang}: the path {p} names it" in err
        assert "MT301" not in codes[0] and "MT334" in codes[0]
    gz = tmp_path / "de.tsv.gz"
    gz.write_bytes(gzip.compress("src\tHe go to the the school .\n".encode()))
    codes, err = _score(capsys, "-v", str(gz))
    assert f"target language de: the path {gz} names it" in err and "MT334" in codes[0]


def test_pair_named_file_is_decided_by_its_text(tmp_path, capsys):
    # ``en-de.tsv`` names a pair, not a target: the text decides (not "en" from its first half)
    p = _tsv(tmp_path / "en-de.tsv", GERMAN)
    codes, err = _score(capsys, "-v", str(p))
    assert f"{p}: target language de: detected from the text" in err and "MT334" in codes[0]
    p = _tsv(tmp_path / "de-en.tsv", ENGLISH)
    codes, err = _score(capsys, "-v", str(p))
    assert f"{p}: target language en: detected from the text" in err and "MT301" in codes[0]


def test_config_target_lang_applies_to_corpora(tmp_path, capsys):
    (tmp_path / "mtfix.toml").write_text('target-lang = "de"\n', encoding="utf-8")
    p = _tsv(tmp_path / "corpus.tsv", ENGLISH)
    codes, err = _score(capsys, "-v", str(p))
    assert f"{p}: target language de: --target-lang or the config's target-lang" in err
    assert "MT334" in codes[0] and "MT301" not in codes[0]


def test_jsonl_and_moses_files(tmp_path, capsys):
    jl = tmp_path / "out.jsonl"
    jl.write_text("".join(json.dumps({"source": "s", "target": t}, ensure_ascii=False) + "\n" for t in GERMAN),
                  encoding="utf-8")
    codes, err = _score(capsys, "-v", str(jl))
    assert "target language de: detected from the text" in err and "MT334" in codes[0]
    src, tgt = tmp_path / "train.en", tmp_path / "train.de"
    src.write_text("a\nb\n", encoding="utf-8")
    tgt.write_text("\n".join(ENGLISH) + "\n", encoding="utf-8")
    codes, err = _score(capsys, "-v", "--source", str(src), str(tgt))
    assert f"{tgt}: target language de: the path {tgt} names it" in err and "MT334" in codes[0]
    hyp = tmp_path / "hyp.out"      # no language in its name: the text of its first lines decides
    hyp.write_text("\n".join(GERMAN[:2]) + "\n", encoding="utf-8")
    codes, err = _score(capsys, "-v", "--source", str(src), str(hyp))
    assert f"{hyp}: target language de: detected from the text" in err and "MT334" in codes[0]


def test_mtfix_config_says_the_corpus_target_and_why(tmp_path, capsys):
    p = _tsv(tmp_path / "corpus.tsv", GERMAN)
    assert main(["config", str(p)]) == 0
    assert f"# target language of {p}: de (detected from the text of its first records" in capsys.readouterr().out
    gz = tmp_path / "fr.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"source": "a", "target": "The data was saved."}\n'))
    assert main(["config", "--format", "json", str(gz)]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == {"lang": "fr", "why": f"the path {gz} names it"}
