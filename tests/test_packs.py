"""Every example of every phrase-pack entry (MT4xx), the pack schema, duplicates and ping-pong.

- a ``wrong`` example yields exactly one hit of that entry, exactly on the marked span, offering
  the expected correction; applying it silences the entry and no other entry flags the
  replacement (no ping-pong); an ``ok`` example yields no hit of that entry;
- every pack file is ``family: phrases`` with entries matching the schema; no two entries of a
  pack share a pattern or a wrong example; the pair packs have the promised size.
"""
from collections import Counter

import pytest

import mtfix
from mtfix.analysis import Doc
from mtfix.checks.phrases import compiled, describe_entry, find_hits
from mtfix.langdetect import detect
from mtfix.model import Segment
from mtfix.ruledata import registry

REG = registry()
ENTRIES = list(compiled(REG).entries.values())
CASES = [(e, k, ex) for e in ENTRIES for k, ex in enumerate(e.examples)]


def _hits(text, lang):
    return find_hits(Doc(Segment(text, source_lang=lang)), REG, lang)


def _lang(entry, ex):
    return ex.source_lang or entry.source


@pytest.mark.parametrize("entry,k,ex", CASES, ids=[f"{e.id}-{k}" for e, k, _ in CASES])
def test_entry_example(entry, k, ex):
    lang = _lang(entry, ex)
    mine = [h for h in _hits(ex.text, lang) if h.entry is entry]
    if not ex.wrong:
        assert mine == [], f"{entry.id} fired on a near miss {ex.text!r}: " \
                           f"{[ex.text[h.start:h.end] for h in mine]}"
        return
    assert len(mine) == 1, f"{entry.id} should flag once in {ex.text!r}, got " \
                           f"{[ex.text[h.start:h.end] for h in mine]} (or another entry won the span: " \
                           f"{[(h.entry.id, ex.text[h.start:h.end]) for h in _hits(ex.text, lang)]})"
    hit = mine[0]
    assert (hit.start, hit.end) == ex.span, \
        f"{entry.id} flagged {ex.text[hit.start:hit.end]!r}, expected {ex.text[ex.span[0]:ex.span[1]]!r}"
    if ex.fix is None:
        return
    assert ex.fix in hit.suggestions, f"{entry.id} offered {hit.suggestions}, expected {ex.fix!r}"
    fixed = ex.text[:ex.span[0]] + ex.fix + ex.text[ex.span[1]:]
    lo, hi = ex.span[0], ex.span[0] + len(ex.fix)
    again = [h for h in _hits(fixed, lang) if h.entry is entry or (h.start < hi and lo < h.end)]
    assert again == [], f"after the fix {fixed!r} still flagged: {[(h.entry.id, fixed[h.start:h.end]) for h in again]}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_entry_schema(entry):
    assert entry.id.startswith(f"{entry.pack.split('-')[0]}."), f"{entry.id}: id starts with its pack's language"
    assert entry.message.strip(), f"{entry.id}: empty message"
    assert any(e.wrong for e in entry.examples), f"{entry.id}: needs a wrong example"
    assert any(not e.wrong for e in entry.examples), f"{entry.id}: needs a near miss (ok)"
    assert entry.code.startswith("MT4"), f"{entry.id}: phrase entries live under MT4xx codes"


def test_wrong_examples_reach_the_user_through_mtfix_check():
    """The API path (pipeline, options, protected spans) shows the same hits as the engine."""
    for e in ENTRIES:
        for ex in e.examples:
            if not ex.wrong or ex.fix is None:
                continue
            target = (REG.rules[e.code].targets or ("en",))[0]   # a rules/de/ entry is tried on German
            issues = mtfix.check(ex.text, source_lang=_lang(e, ex), target_lang=target, select=[e.code])
            assert any((i.start, i.end) == ex.span and ex.fix in i.suggestions and e.id in i.message
                       for i in issues), f"{e.id}: mtfix.check does not show {ex.text!r}"


def test_no_duplicate_entries():
    by_pack = Counter((e.pack, " ".join(e.pattern.lower().split())) for e in ENTRIES)
    assert [k for k, n in by_pack.items() if n > 1] == []
    wrongs = Counter((e.pack, x.text) for e in ENTRIES for x in e.examples if x.wrong)
    assert [k for k, n in wrongs.items() if n > 1] == []


def test_pack_sizes_and_files():
    sizes = Counter(e.pack for e in ENTRIES)
    assert sizes["ru-en"] >= 150
    # 40 each once; frames wrong whatever the source ("depend of", "arrive to", "go to home",
    # "the same like", "participate to", "open the light") moved from the source packs to
    # rules/en (issue 22.1): a source pack keeps what is ambiguous without its source.
    for pack in ("de-en", "zh-en", "fr-en", "es-en"):
        assert sizes[pack] >= 20, pack
    assert sizes["en"] >= 1
    for rule in REG.family("phrases"):
        assert rule.code.startswith("MT4") and rule.data.get("entries"), rule.code


def test_pair_packs_need_their_source_language():
    text = "Prices rose against the background of the crisis."
    assert [h.entry.id for h in _hits(text, "ru")] == ["ru.against-the-background-of"]
    assert _hits(text, None) == []
    assert _hits(text, "de") == []
    src = "Цены выросли на фоне кризиса."
    issues = mtfix.check(text, source=src, select=["MT4"])
    assert [i.suggestions[0] for i in issues] == ["amid"]


def test_source_independent_idioms_run_without_a_source():
    issues = mtfix.check("We need to discuss about the plan.", select=["MT4"])
    assert [(i.code, i.suggestions[0]) for i in issues] == [("MT491", "discuss")]


@pytest.mark.parametrize("text,lang", [
    ("Об этом Песков сказал в интервью Би-би-си.", "ru"),
    ("Das ist seit drei Jahren nicht mehr aktuell, sagte er.", "de"),
    ("我们明天去北京开会。", "zh"),
    ("Il assiste actuellement à la réunion avec les ministres.", "fr"),
    ("La empresa va a realizar una inversión muy grande en el país.", "es"),
    ("The ministry said the talks would continue.", None),
    ("", None),
    ("東京へ行きました。", None),
])
def test_detect_source_language(text, lang):
    assert detect(text) == lang


def test_describe_entry_and_code():
    one = describe_entry("ru.against-the-background-of")
    assert "amid" in one and "wrong:" in one and "ok:" in one
    code = describe_entry("MT401")
    assert code.startswith("MT401") and "entries:" in code
    assert describe_entry("no.such-entry") is None


_WHEN_PACK = '''family: phrases
rules:
  - code: MT498
    name: house-wordiness
    severity: warning
    safe: false
    any_source: true
    message: "House style: say it shorter"
    examples:
      - wrong: "The army moved the weapons [[in order to]] test them."
        fix: "to"
      - ok: "We met to talk."
    entries:
      - id: house.in-order-to
        pattern: "in order to"
        suggest: ["to"]
        when: [weapon, army]
        exclude: ["in order to be"]
        examples:
          - {wrong: "The army moved the weapons [[in order to]] test them.", fix: "to"}
          - {ok: "We met in order to talk."}
'''


@pytest.mark.parametrize("text, fires", [
    ("The troops moved the weapons in order to test them.", True),    # a word starts with a stem
    ("The Army met in order to talk.", True),                         # in any case
    ("We met in order to talk about the superweapon.", False),       # the stem inside a word only
    ("The weapons are here. We met in order to talk.", False),       # in another sentence
    ("The weapons were moved in order to be safe.", False),           # an exclusion
])
def test_when_stems_and_exclusions_of_a_users_pack(tmp_path, text, fires):
    """An entry's ``when`` stems must start a word of the hit's own sentence, and its
    ``exclude`` patterns veto the hit around it."""
    pack = tmp_path / "house" / "en"
    pack.mkdir(parents=True)
    (pack / "house.yaml").write_text(_WHEN_PACK, encoding="utf-8")
    got = [i.code for i in mtfix.check(text, rule_packs=[str(tmp_path / "house")], select=["MT498"])]
    assert got == (["MT498"] if fires else [])
