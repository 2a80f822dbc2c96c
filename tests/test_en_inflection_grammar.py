"""Non-words and broken inflections (MT1xx), reference and agreement (MT5xx): what a user sees.

The per-rule examples live in rules/en/{inflection,grammar}.yaml and run in test_rule_examples.py;
here: whole texts, the seed article (gold items 1, 16, 17), the fixer's safety and idempotence.
"""
from pathlib import Path

import mtfix
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "kaliningrad-mt.txt"
MINE = ["MT1", "MT5"]


def found(text, select=MINE):
    return [(i.code, text[i.start:i.end], i.suggestions[:3], i.safe) for i in mtfix.check(text, select=select)]


@pytest.fixture(scope="module")
def seed():
    return SEED.read_text(encoding="utf-8")


# --- broken inflections --------------------------------------------------------------------

@pytest.mark.parametrize("text,broken,form", [
    ("It is a factor that destabilizie European security.", "destabilizie", "destabilizes"),
    ("These measures have destabilizie the region.", "destabilizie", "destabilized"),
    ("The ministry will confirmd the figures tomorrow.", "confirmd", "confirm"),
    ("They have confirmd the figures.", "confirmd", "confirmed"),
])
def test_a_broken_form_gets_the_form_its_context_needs(text, broken, form):
    assert mtfix.fix(text, select=MINE).text == text.replace(broken, form)


def test_an_undecided_context_gets_ranked_suggestions_not_a_fix():
    text = "Yesterday he destabilizie the talks."   # "destabilizes" or "destabilized"?
    [(code, span, sugg, safe)] = found(text)
    assert (code, span, safe) == ("MT101", "destabilizie", False)
    assert {"destabilizes", "destabilized"} <= set(sugg)
    assert mtfix.fix(text, select=MINE).text == text
    assert "destabiliz" in mtfix.fix(text, select=MINE, unsafe=True).text


def test_an_unknown_adjective_is_offered_a_noun_but_never_changed_on_its_own():
    # "dichotomic" is English the word list lacks: "a dichotomy divide" would be a new error.
    text = "A binary search is a dichotomic divide and conquer algorithm."
    [(code, span, sugg, safe)] = found(text)
    assert (code, span, safe) == ("MT101", "dichotomic", False) and sugg[0] == "dichotomy"
    assert mtfix.fix(text, select=MINE).text == text


@pytest.mark.parametrize("text", [
    "Konashenkov met Peskov in Kaliningrad.",                 # names
    "NATO and the OSCE disagreed.",                           # acronyms
    "The S-400 and the re-destabilize plan were discussed.",  # numbers, hyphenated compounds
    "Mail admin@destabilizie.org or see https://destabilizie.net/x.",
    "The destabilizie tool runs first; destabilizie then writes a report.",  # the document repeats it
    "The kutya and the akkaunts were served.",                # transliterations, far from any word
    "It is wrong to absolutize the past.",                    # a coinage on a productive suffix
])
def test_non_words_that_are_not_errors_are_left_alone(text):
    assert found(text, ["MT1"]) == []


def test_a_repeated_token_counts_across_the_whole_document():
    text = "The destabilizie tool runs first.\n\nLater destabilizie writes a report."
    assert found(text, ["MT1"]) == []


# --- reference ------------------------------------------------------------------------------

def test_reflexive_for_a_country_is_fixed_safely():
    text = "“Russia is doing everything necessary to protect himself against expansion,” he said."
    assert mtfix.fix(text, select=MINE).text == text.replace("himself", "itself")


@pytest.mark.parametrize("text", [
    "Russia's president is doing everything necessary to protect himself.",
    "The president of Russia wants to protect himself.",
    "Jordan hurt himself in the final minutes.",
    "Russia allowed Navalny to defend himself.",
    "Russia sent an envoy to protect himself.",
    "The minister himself said so.",
])
def test_reflexive_with_a_person_in_reach_is_left_alone(text):
    assert found(text, ["MT501"]) == []


def test_possessive_for_a_country_is_only_a_suggestion():
    text = "Russia will defend her interests in the region."
    [(code, span, sugg, safe)] = found(text)
    assert (code, span, sugg[0], safe) == ("MT502", "her", "its", False)
    assert mtfix.fix(text, select=MINE).text == text


# --- agreement ------------------------------------------------------------------------------

def test_plural_subject_with_singular_verb_is_a_suggestion():
    text = "As previously mentioned, the complexes “Iskander” was transferred to the region."
    [(code, span, sugg, safe)] = found(text)
    assert (code, span, sugg[0], safe) == ("MT511", "was", "were", False)


@pytest.mark.parametrize("text", [
    "One of the complexes was transferred.",
    "The number of missiles was increased.",
    "The news was confirmed.",
    "The last ten years was a hard time.",
    "The United States is a member.",
    "If it were up to me, I would stay.",
    "Does it have any effect?",
    "My colleagues and I are ready.",
    "The government say they will act.",
    "The law will enter into force in May.",
])
def test_agreement_near_misses(text):
    assert found(text, ["MT5"]) == []


# --- the seed article -----------------------------------------------------------------------

def test_seed_items_1_and_16_fixed_17_flagged(seed):
    fixed = mtfix.fix(seed).text
    assert "factor that destabilizes" in fixed                 # gold item 1
    assert "protect itself" in fixed                           # gold item 16
    start = seed.index("“Iskander” was transferred")
    end = start + len("“Iskander” was transferred")
    item17 = [i for i in mtfix.check(seed, select=MINE) if i.start < end and start < i.end]
    assert item17 and "were" in item17[0].suggestions and not item17[0].safe


def test_seed_my_safe_fixes_change_nothing_else(seed):
    fixed = mtfix.fix(seed, select=MINE).text
    changes = [(a, b) for a, b in zip(seed.split(), fixed.split()) if a != b]
    assert len(seed.split()) == len(fixed.split())
    assert changes == [("himself", "itself"), ("destabilizie", "destabilizes")]


def test_fix_is_idempotent(seed):
    for text in (seed, "These steps have destabilizie the region. NATO has positioned herself well."):
        once = mtfix.fix(text, select=MINE).text
        assert mtfix.fix(once, select=MINE).text == once
        assert found(once, ["MT101", "MT501"]) == []


def test_cli_check_reports_the_seed_issues(cli, tmp_path, seed):
    path = tmp_path / "seed.txt"
    path.write_text(seed, encoding="utf-8")
    res = cli("check", "--select", "MT1,MT5", str(path))
    out = res.stdout.decode()
    assert res.returncode == 1
    for code in ("MT101", "MT501", "MT511"):
        assert code in out
    res = cli("fix", "--select", "MT1,MT5", "--diff", str(path))
    added = [line for line in res.stdout.decode().splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any("destabilizes" in line for line in added)
    assert any("protect itself" in line for line in added)
    assert not any("were transferred" in line for line in added)   # agreement is only suggested


def test_lexicon_index_is_read_not_built(tmp_path):
    """The lexicon index is built with the wheel (mtfix/builddata): a first run with an empty
    cache reads it, imports neither wordfreq nor lemminflect and derives nothing into the cache;
    an unwritable cache directory changes nothing."""
    import os
    import subprocess
    import sys

    probe = ("import sys, mtfix; r = mtfix.fix('It is a factor that destabilizie security.', select='MT1,MT5'); "
             "print(r.text, 'lemminflect' in sys.modules, 'wordfreq' in sys.modules)")

    def run(cache):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "MTFIX_CACHE_DIR": str(cache)}
        return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              env=env, timeout=120).stdout.strip()

    cache = tmp_path / "cache"
    assert run(cache) == "It is a factor that destabilizes security. False False"
    assert not (cache.exists() and list(cache.glob("lexicon-*")))
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert run(blocked / "sub") == "It is a factor that destabilizes security. False False"


@pytest.mark.slow
def test_lexicon_index_built_once_when_packages_differ(tmp_path, monkeypatch):
    """Without a usable shipped index (other wordfreq/lemminflect versions), the same index is
    derived once into the user cache and read back from there on later runs."""
    from mtfix import lexicon
    from mtfix.builddata import lexicon_db

    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lexicon, "SHIPPED", tmp_path / "not-shipped.sqlite")
    for f in (lexicon._db, lexicon._complete, lexicon._row, lexicon._bucket, lexicon.lemmas, lexicon.inflections):
        f.cache_clear()
    try:
        assert lexicon.noun_number("complexes") == "pl" and lexicon.zipf("the") > 7
        assert len(list(tmp_path.glob("lexicon-*.sqlite"))) == 1
        lexicon._db.cache_clear()
        monkeypatch.setattr(lexicon_db, "build", lambda path: (_ for _ in ()).throw(AssertionError("rebuilt")))
        assert lexicon._db().execute("SELECT zipf FROM words WHERE word = 'the'").fetchone()[0] > 700
    finally:
        for f in (lexicon._db, lexicon._complete, lexicon._row, lexicon._bucket, lexicon.lemmas, lexicon.inflections):
            f.cache_clear()


def test_grammar_word_lists_are_clean_data():
    """The lists users extend: strings only (YAML turns a bare `on` into True), no duplicates,
    and no word on both sides of a decision."""
    from mtfix.ruledata import registry

    reg = registry()
    keys = ["entity_names", "entity_nouns", "entity_near_misses", "person_words",
            "entity_possessions", "prepositions", "singular_plurals", "collective_nouns"]
    lists = {k: reg.data("grammar", k, []) for k in keys}
    for key, words in lists.items():
        assert words and all(isinstance(w, str) for w in words), key
        assert len(set(words)) == len(words), f"{key} has duplicates"
    assert not set(lists["entity_names"]) & set(lists["entity_near_misses"])
    assert not {w.lower() for w in lists["entity_nouns"]} & set(lists["person_words"])


# --- the verb group and English errors whatever the source (issue 22) ----------------------

CLASSIC = [
    ("We must to hurry.", "MT514", "must to", "must"),
    ("She can goes home now.", "MT515", "goes", "go"),
    ("He did not went to school.", "MT515", "went", "go"),
    ("I didn't saw him.", "MT515", "saw", "see"),
    ("I not know the answer.", "MT516", "not know", "don't know"),
    ("He do not care.", "MT512", "do", "does"),
    ("The childs are playing.", "MT492", "childs", "children"),
    ("I buyed a car.", "MT492", "buyed", "bought"),
    ("I need some informations.", "MT493", "informations", "information"),
    ("He said me the truth.", "MT491", "said me", "told me"),
    ("I am agree with you.", "MT491", "am agree", "agree"),
]


@pytest.mark.parametrize("source_lang", [None, "ru", "zh", "de", "es"])
@pytest.mark.parametrize("text,code,span,fix", CLASSIC)
def test_classic_errors_are_found_whatever_the_source(text, code, span, fix, source_lang):
    issues = mtfix.check(text, source_lang=source_lang)
    hits = [i for i in issues if i.code == code]
    assert [(text[i.start:i.end], i.suggestions[0]) for i in hits] == [(span, fix)]
    # moved out of the source packs: no second issue of another pack on the same words
    assert [i.code for i in issues if text[i.start:i.end] == span] == [code]


def test_only_unique_irregular_forms_are_applied():
    assert mtfix.fix("I buyed it and the childs catched it.").text == \
        "I bought it and the children caught it."
    once = mtfix.fix("They have writed and buyed it.").text
    assert once == "They have written and bought it." == mtfix.fix(once).text
    text = "He writed a letter."   # wrote or written? a suggestion, not a fix
    assert mtfix.fix(text).text == text
    assert "wrote" in [s for i in mtfix.check(text) for s in i.suggestions]


def test_the_verb_group_leaves_correct_english_alone():
    for text in ["What he did saved many lives.", "Will went home early.", "The will to live.",
                 "Did he not know the answer?", "It does not work.", "You can put it there.",
                 "She can, to some extent, decide.", "He did not read it."]:
        assert [i.code for i in mtfix.check(text) if i.code in ("MT514", "MT515", "MT516")] == []
