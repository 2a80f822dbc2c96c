"""The data derived at build time (mtfix/builddata) answers exactly as the packages it comes
from, and a run that cannot use it (other versions, other rules) derives the same answers itself."""
import math

import pytest
from conftest import EXAMPLES

from mtfix import lexicon, phrase_index
from mtfix.analysis import Doc
from mtfix.checks import phrases
from mtfix.model import Segment
from mtfix.ruledata import registry

WORDS = ["the", "systems", "complexes", "destabilizes", "went", "news", "sheep", "data",
         "Kaliningrad", "destabilizie", "iskander", "reports", "criteria", "running"]


def test_lexicon_uses_the_shipped_index():
    assert lexicon._open(lexicon.SHIPPED, lexicon._wanted_meta()) is not None


@pytest.mark.parametrize("word", WORDS)
def test_lexicon_answers_as_wordfreq_and_lemminflect(word):
    import lemminflect
    import wordfreq

    lw = word.lower()
    f = wordfreq.get_frequency_dict("en", wordlist="best").get(lw)
    assert lexicon.zipf(word) == (round((math.log10(f) + 9) * 100) / 100 if f else 0.0)
    assert lexicon.lemmas(lw) == {k: tuple(v) for k, v in lemminflect.getAllLemmas(lw).items()}
    for upos, lemmas in lemminflect.getAllLemmas(lw).items():
        if upos in ("NOUN", "VERB"):
            for tag, forms in lexicon.inflections(lemmas[0], upos).items():
                assert forms == tuple(lemminflect.getInflection(lemmas[0], tag))


def test_near_finds_the_inflection():
    assert lexicon.near("destabilizie")[0] == ("destabilize", 1)


def _texts():
    reg = registry()
    full = phrases._compile(sorted(reg.family(phrases.FAMILY), key=lambda r: r.code))
    texts = [EXAMPLES.joinpath("kaliningrad-mt.txt").read_text(encoding="utf-8")]
    texts += [ex.text for e in full.entries.values() for ex in e.examples]
    return reg, full, texts


def test_phrase_index_is_the_full_compile(monkeypatch):
    reg, full, texts = _texts()
    # Test collection may have compiled the packs while the index in the checkout was still the
    # one `pip install .` built with the build environment's packages (then rightly ignored);
    # the session fixture has rebuilt it for this environment since. Compile afresh here, and
    # give the other tests back the matcher they started with.
    monkeypatch.delitem(phrases._CACHE, id(reg), raising=False)
    lazy = phrases.compiled(reg)
    assert isinstance(lazy, phrases._Lazy), "the shipped phrase index was not used"
    assert list(lazy.order) == list(full.order)
    for text in texts:
        lowers = [t.text.lower() for t in Doc(Segment(text)).tokens]
        assert lazy.matcher.candidates(lowers) == full.matcher.candidates(lowers), text
    for vi, v in enumerate(full.matcher.variants):
        got = lazy.matcher.variants[vi]
        assert (got.atoms, got.anchor, got.owner.id) == (v.atoms, v.anchor, v.owner.id)


def test_phrase_index_ignored_when_rules_differ(monkeypatch):
    reg, full, texts = _texts()
    rules = sorted(reg.family(phrases.FAMILY), key=lambda r: r.code)
    assert phrase_index.load(rules) is not None
    assert phrase_index.load(rules[1:]) is None          # a rule more or less: compile in full
    monkeypatch.setattr(phrase_index, "PATH", phrase_index.PATH.with_name("missing.marshal"))
    assert phrase_index.load(rules) is None


def test_lexicon_in_the_user_cache_is_checked_row_by_row(tmp_path):
    """A lexicon index in the user cache (built there when the packages differ from the
    wheel's) is trusted only if every row has the right types: a tampered one is rebuilt."""
    import shutil
    import sqlite3

    want = lexicon._wanted_meta()
    good, bad = tmp_path / "good.sqlite", tmp_path / "bad.sqlite"
    shutil.copy(lexicon.SHIPPED, good)
    shutil.copy(lexicon.SHIPPED, bad)
    db = sqlite3.connect(bad)
    db.execute("UPDATE words SET zipf = 'many', lemmas = x'05' WHERE word = 'systems'")
    db.commit()
    db.close()
    assert lexicon._open(good, want, scan=True) is not None
    assert lexicon._open(bad, want, scan=True) is None
    (tmp_path / "garbage.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert lexicon._open(tmp_path / "garbage.sqlite", want, scan=True) is None
    assert lexicon._open(good, {**want, "wordfreq": "0.0"}) is None   # built from other versions


def test_rendering_the_shipped_packs_suggestions_needs_no_lemminflect():
    """A first run that inflects a phrase pack's suggestion ("discussed about" -> "discussed",
    the seed article's calques) reads the forms and tags built with the wheel: lemminflect's
    tables (0.3-0.6 s to load) stay unloaded, on a pre-commit run and on a fresh Dask worker."""
    import subprocess
    import sys

    code = ("import sys, mtfix; "
            "r = mtfix.check('They discussed about the plan and he said me the truth.'); "
            "print(sorted(s for i in r for s in i.suggestions)); print('lemminflect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    suggestions, loaded = out.stdout.strip().splitlines()
    assert "discussed" in suggestions and "told me" in suggestions
    assert loaded == "False"
