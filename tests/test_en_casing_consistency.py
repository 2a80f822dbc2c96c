"""What a user sees from the casing, transliteration, consistency and script families
(MT201-MT213, MT601-MT622): issues on texts, the seed article's repairs, en-US vs en-GB,
idempotence, protected spans, a user's own casing table."""
from pathlib import Path

import yaml

import mtfix

from conftest import DATA, EXAMPLES

SEED = EXAMPLES / "kaliningrad-mt.txt"        # the seed article, shipped in the repository
GOLD = DATA / "kaliningrad-gold.yaml"
MINE = "MT2,MT6"


def codes(text, **kw):
    return [(i.code, text[i.start:i.end]) for i in mtfix.check(text, select=MINE, **kw)]


def fixed(text, **kw):
    return mtfix.fix(text, select=MINE, **kw).text


# --- capitalisation -------------------------------------------------------------------------

def test_half_capitalised_names_are_recased_safely():
    assert fixed("The defense Ministry said so.") == "The Defense Ministry said so."
    assert fixed("The representative of US state Department John Kirby spoke.") == \
        "The representative of US State Department John Kirby spoke."
    # The text's own spelling is kept; only the case comes from the table.
    assert fixed("The Defence ministry in London declined.") == "The Defence Ministry in London declined."


def test_lower_case_name_is_a_house_style_unless_it_is_never_a_common_phrase():
    assert codes("The defense ministry said so.") == []
    issues = mtfix.check("Troops of the marine corps of the United States arrived.", select=MINE)
    assert [i.code for i in issues] == ["MT201"]
    assert "US Marine Corps" in issues[0].suggestions and not issues[0].safe
    # A suggestion is not applied without --unsafe-fixes.
    assert fixed("Troops of the marine corps arrived.") == "Troops of the marine corps arrived."


def test_titles_lower_case_without_a_name_and_capitalised_before_one():
    assert fixed("According to the press Secretary of the head of state, it is so.") == \
        "According to the press secretary of the head of state, it is so."
    assert fixed("No need to be a rear Admiral to see it.") == "No need to be a rear admiral to see it."
    issue, = mtfix.check("He met the press Secretary Dmitry Peskov.", select=MINE)
    assert issue.suggestions[0] == "Press Secretary" and not issue.safe
    assert codes("Rear Admiral John Kirby said so.") == []


def test_lower_case_us_only_where_it_cannot_be_the_pronoun():
    assert fixed("elements of the us missile defense system") == "elements of the US missile defense system"
    for text in ("He told us missile defense was a threat.", "Let us go.",
                 "The us and them mentality is strong."):
        assert codes(text) == [], text
    assert fixed("The expansion of nato worries Moscow.") == "The expansion of NATO worries Moscow."


def test_proper_names_the_table_does_not_know_are_left_alone():
    for text in ("The Konashenkov Secretary said so.", "She visited the Baltic States last year.",
                 "The state Department of Education published rules.", "THE DEFENSE MINISTRY SAID NOTHING."):
        assert codes(text) == [], text


def test_a_user_pack_extends_the_casing_table(tmp_path: Path):
    pack = tmp_path / "house"
    pack.mkdir()
    (pack / "casing.yaml").write_text("family: capitalisation\nnames: [Space Force]\n", encoding="utf-8")
    text = "The space Force launched a satellite."
    assert fixed(text) == text
    assert fixed(text, rule_packs=[str(pack)]) == "The Space Force launched a satellite."


# --- transliteration ------------------------------------------------------------------------

def test_transliterated_acronyms():
    assert fixed("He gave an interview to Bi-bi-si and Si-en-en.") == "He gave an interview to BBC and CNN."
    issue, = mtfix.check("The report was prepared by Di-ai-ei analysts.", select=MINE)
    assert issue.code == "MT212" and issue.suggestions == ("DIA",) and not issue.safe


def test_oblast_is_a_suggestion_for_a_russian_or_unknown_source_only():
    text = "The missiles were moved in Kaliningrad oblast."
    for lang in (None, "ru"):
        issue, = mtfix.check(text, select=MINE, source_lang=lang)
        assert issue.suggestions[0] == "the Kaliningrad region" and not issue.safe
    assert mtfix.check(text, select=MINE, source_lang="de") == []
    assert codes("The missiles were moved in Kaliningrad Oblast.") == []


# --- consistency ----------------------------------------------------------------------------

def test_minority_acronym_form_gets_the_majority_form():
    text = "The US said so. The US army moved. Then U.S. servicemen arrived."
    issue, = mtfix.check(text, select=MINE)
    assert (issue.code, text[issue.start:issue.end], issue.suggestions) == ("MT601", "U.S.", ("US",))
    assert codes("The U.S. said so. The U.S. army moved.") == []


def test_target_locale_breaks_a_tie_between_regional_spellings():
    text = "The rouble fell and the ruble rose."
    us = mtfix.check(text, select=MINE)
    gb = mtfix.check(text, select=MINE, target_locale="en-GB")
    assert [(text[i.start:i.end], i.suggestions[0]) for i in us] == [("rouble", "ruble")]
    assert [(text[i.start:i.end], i.suggestions[0]) for i in gb] == [("ruble", "rouble")]
    # A majority beats the locale.
    text = "The rouble fell. The rouble is weak. Prices in rubles rose."
    gb_majority = mtfix.check(text, select=MINE)
    assert [(text[i.start:i.end], i.suggestions[0]) for i in gb_majority] == [("rubles", "roubles")]


def test_fixed_spelling_names_do_not_count():
    assert codes("Defense spending rose. The UK Ministry of Defence disagreed.") == []


# --- script ---------------------------------------------------------------------------------

def test_lookalike_letters_fixed_untranslated_text_flagged():
    assert fixed("The talks took place in \u041coscow.") == "The talks took place in Moscow."
    text = "He called it благая чушь and left."
    issue, = mtfix.check(text, select=MINE)
    assert issue.code == "MT621" and text[issue.start:issue.end] == "благая чушь" and issue.fix is None
    assert fixed(text) == text


# --- the seed article, idempotence, protected spans ------------------------------------------

def test_seed_article_items_repaired_and_nothing_else():
    text = SEED.read_text(encoding="utf-8")
    gold = {g["id"]: g for g in yaml.safe_load(GOLD.read_text(encoding="utf-8"))["items"]}
    result = mtfix.fix(text, source_lang="ru", select=MINE)
    for n in (3, 4, 5, 6, 7, 8, 9, 10):
        assert any(a in result.text for a in gold[n]["accept"]), gold[n]
    expected = text
    for old, new in [("Bi-bi-si", "BBC"), ("defense Ministry", "Defense Ministry"),
                     ("press Secretary", "press secretary"), ("state Department", "State Department"),
                     ("the us missile", "the US missile"), ("rear Admiral", "rear admiral")]:
        expected = expected.replace(old, new)
    assert result.text == expected
    issues = mtfix.check(text, source_lang="ru", select=MINE)
    for n in (11, 37):
        span = gold[n]["span"]
        pos = text.index(span)
        hits = [i for i in issues if i.start < pos + len(span) and pos < i.end]
        assert any(set(i.suggestions) & set(gold[n]["accept"]) for i in hits), (n, hits)


def test_fix_is_idempotent_on_the_seed():
    once = mtfix.fix(SEED.read_text(encoding="utf-8"), source_lang="ru", select=MINE).text
    assert mtfix.fix(once, source_lang="ru", select=MINE).text == once


def test_protected_spans_are_never_touched():
    text = "See {defense Ministry} and https://example.org/the-us-army/\u041coscow/nato today."
    assert codes(text) == []
    assert fixed(text) == text


def test_cli_fix_diff_on_the_seed(cli):
    proc = cli("fix", "--diff", "--isolated", "--select", MINE, "--source-lang", "ru", str(SEED))
    out = proc.stdout.decode("utf-8")
    assert "+About this Peskov said in an interview BBC," in out
    assert "rear admiral" in out
    assert SEED.read_text(encoding="utf-8").count("rear Admiral") == 1   # --diff writes nothing


# --- the tables as data ----------------------------------------------------------------------

def _pack(name):
    from mtfix.ruledata import rules_root

    return yaml.safe_load((rules_root() / "en" / name).read_text(encoding="utf-8"))


def test_tables_have_no_duplicates_and_no_ping_pong():
    casing = _pack("casing.yaml")
    for key in ("names", "proper_only", "titles", "acronyms"):
        lowered = [str(x).lower() for x in casing[key]]
        assert len(lowered) == len(set(lowered)), key
    assert set(casing["proper_only"]) <= set(casing["names"])
    # A title is lower case in the table, an acronym upper case: the fix is what the table says.
    assert all(t == t.lower() for t in casing["titles"])
    translit = _pack("transliteration.yaml")
    # No replacement is itself something a rule flags.
    for acronym in translit["acronyms"].values():
        assert mtfix.check(f"He works for {acronym} now.", select=MINE) == [], acronym
    regional = _pack("consistency.yaml")["regional"]
    forms = [w for e in regional for w in e["us"] + e["gb"]]
    assert len(forms) == len(set(forms))
    assert all(len(e["us"]) == len(e["gb"]) for e in regional)
    assert all(v.isascii() for v in _pack("script.yaml")["lookalikes"].values())


def test_a_day_over_twelve_shows_the_documents_slash_dates_are_day_first():
    text = "Orders placed until 15/03/2024 ship on 01/04/2024."
    assert [c for c in codes(text) if c[0] == "MT604"] == [("MT604", "15/03/2024"), ("MT604", "01/04/2024")]
    assert fixed(text, unsafe=True) == "Orders placed until 15 March 2024 ship on 1 April 2024."
    # without a day over 12 the order is unknown; en-GB writes the day first
    assert [c for c in codes("Orders ship on 01/04/2024.") if c[0] == "MT604"] == []
    assert [c for c in codes(text, target_locale="en-GB") if c[0] == "MT604"] == []


def test_dotted_clock_times_get_a_colon_in_en_us_and_only_beside_a_colon_time_in_en_gb():
    assert [c for c in codes("Open daily 9.00–16.00.") if c[0] == "MT603"] == [("MT603", "9.00–16.00")]
    assert fixed("Open daily 9.00–16.00.", unsafe=True) == "Open daily 9:00–16:00."
    assert [c for c in codes("Open daily 9.00–16.00.", target_locale="en-GB") if c[0] == "MT603"] == []
    assert [c for c in codes("Open daily 9.00–16.00. Lunch at 12:30.", target_locale="en-GB")
            if c[0] == "MT603"] == [("MT603", "9.00–16.00")]
    assert [c for c in codes("Shares rose to 3.28 million from 3.98 million.") if c[0] == "MT603"] == []
