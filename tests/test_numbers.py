"""The number reader (mtfix/numbers.py) on its data's own examples, one language at a time
(rules/en/numbers.yaml ``reader_examples``), and MT701 on real shapes of MT output."""
from decimal import Decimal

import pytest

import mtfix
from mtfix import numbers
from mtfix.checks.source import number_table
from mtfix.ruledata import registry

REG = registry()
TABLE = number_table(REG)
EXAMPLES = [(lang, ex) for lang, exs in (REG.data("source", "reader_examples", {}) or {}).items() for ex in exs]


def _expected(values):
    """(value, required) per number: a value in brackets need not appear in a translation."""
    out = []
    for v in values:
        text = str(v)
        optional = text.startswith("[")
        out.append((Decimal(text.strip("[]")).normalize(), not optional))
    return out


@pytest.mark.parametrize("lang,ex", EXAMPLES, ids=[f"{lang}-{k}" for k, (lang, _) in enumerate(EXAMPLES)])
def test_reader_example(lang, ex):
    got = numbers.read(ex["text"], lang, TABLE)
    assert [(n.value, n.required) for n in got] == _expected(ex["values"]), \
        f"{ex['text']!r} read as {[(n.raw, sorted(n.values), n.required) for n in got]}"


def test_every_language_of_the_data_has_examples():
    langs = {lang for lang, _ in EXAMPLES}
    assert {"en", "ru", "de", "et", "ro", "fr", "es", "zh", "ne"} <= langs
    assert set(TABLE.scale_words) <= langs | {"hi", "si"}


@pytest.mark.parametrize("words,value", [
    ("fourteen billion yuan", 14_000_000_000), ("seven decades", 70), ("half a million people", 500_000),
    ("two hundred and five", 205), ("a million", 1_000_000), ("in August", 8)])
def test_english_number_words(words, value):
    assert Decimal(value) in numbers.word_values(words, "en", TABLE)


def _mt701(mt, src, lang="zh"):
    return [(mt[i.start:i.end], i.suggestions) for i in mtfix.check(mt, source=src, source_lang=lang, select=["MT701"])]


@pytest.mark.parametrize("src,mt", [
    ("有15%的人支持。", "15% of people support it."),
    ("投资140亿元。", "The investment is 14 billion yuan."),
    ("投资140亿元。", "The investment is fourteen billion yuan."),
    ("他留下了20多万个蔬菜大棚。", "He left behind more than 200,000 vegetable sheds."),
    ("8月全球销量为11万7015辆。", "Global sales in August were 117,015 vehicles."),
    ("中新网北京9月27日电", "Beijing, September 27 (ECNS)"),
    ("利用3D培养系统和三维打印", "using a 3D culture system and 3D printing"),
    ("在90年代", "in the 1990s"),
    ("比例为[1,1]", "the ratio is [1,1]"),
    ("有两万人参加。", "20,000 people took part."),
])
def test_mt701_silent_on_correct_numbers(src, mt):
    assert _mt701(mt, src) == []


def test_mt701_flags_a_wrong_scale_and_suggests_the_source_value():
    assert _mt701("The investment is 140 yuan.", "投资140亿元。") == [("140", ("14 billion",))]


def test_mt701_never_suggests_replacing_a_matching_number():
    for mt, src in [("The investment is 14 billion yuan, up 3%.", "投资140亿元，增长5%。")]:
        found = _mt701(mt, src)
        assert all(span != "14 billion" for span, _ in found), found


def test_mt701_devanagari_and_arabic_indic_digits():
    assert _mt701("The earthquake came in 2072.", "नेपालमा २०७२ सालमा भूकम्प आयो।", "ne") == []
    assert _mt701("The population is 45 million.", "عدد السكان ٤٥ مليون", "ar") == []
    assert _mt701("The population is 54 million.", "عدد السكان ٤٥ مليون", "ar")[0][0] == "54 million"


def test_mt701_nepali_hundreds_and_bikram_sambat_years():
    assert _mt701("There are 375 species of snakes in Nepal.", "नेपालमा भने ३ सय ७५ प्रजातिका सर्प पाईन्छन्", "ne") == []
    # BS 2028 is 1971 AD: a converted year is the same year
    assert _mt701("The Jhapa Revolution of 1971 founded the party.",
                  "कम्युनिष्ट युवाहरूले २०२८ मा गरेको झापा क्रान्तिले नेकपा मालेको स्थापना गर्यो।", "ne") == []


def test_mt701_number_words_and_scales_of_south_asian_sources():
    assert _mt701("Bhatta died in Kathmandu at the age of 30.", "काठमाडौंमा तीस वर्षको उमेरमा भट्टको निधन भयो।", "ne") == []
    # Sinhala writes the scale before the number: මිලියන 10.94 is 10.94 million
    assert _mt701("The film grossed $10.94 million overseas.",
                  "චිත්‍රපටය විදෙස් ප්‍රදර්ශනය තුළින් $ මිලියන 10.94ක ආදායම් උපයා ගත්තේ ය.", "si") == []
