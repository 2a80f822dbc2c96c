"""Misspelt common words (MT103), contractions written without their apostrophe (MT104) and
words of another language left in English (MT105).

MT101/MT102 (``inflection.py``) repair a wrong *ending* glued to a right stem, the error sub-word
MT makes. Learners, post-editors and machine translation of user text also misspell the middle
of common words ("siences", "poeple", "becouse", "enviroment"). MT103 flags a lower-case token
that is either no English word at all or so rare that a word one edit away is hundreds of times
more frequent, and offers the candidate the context prefers: frequency plus the bigrams with its
neighbours (``mtfix.lm``), less a cost per edit. A suggestion, never applied on its own: a rare
term, a transliteration or a coinage can look the same, and the best candidate is a guess.

Candidates come from the lexicon's spelling buckets (frequent words by length and first letter)
with an optimal-string-alignment distance (a swap of two letters is one edit: "poeple"). The
thresholds are data (``rules/en/spelling.yaml``), chosen so that the rule stays silent on human
English: MLQE-PE post-edits and MQM human translations (see the YAML's ``why:``).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

from .. import lexicon, lm
from ..languages import latin_script
from ..analysis import Doc, Token
from ..model import Issue
from . import Context, Rules
from .inflection import _COINAGE_SUFFIXES, _TECH_AFTER, _TECH_BEFORE, _cased, _document_count

FAMILY = "spelling"

# Letter clusters of romanised Russian, Hindi and Chinese names that English spelling lacks
# (inflection.py's set less "yo", which learners' "youg"/"yor" share with "you").
_VOWELS = "aeiou"
_ROMANISED = re.compile(r"kh|zh|yy|shch|iy$|ij$|kk|dh|bh|jh")

# Defaults of the YAML's `settings:` (the YAML wins).
_DEFAULTS = {
    "min_len": 4,            # shorter tokens: abbreviations, chat, interjections
    "rare_zipf": 3.0,        # a known word at or below this Zipf may be a misspelling...
    "rare_gap": 2.5,         # ...when a candidate one edit away is this much more frequent
    "cand_min_zipf": 3.0,    # candidates rarer than this are names and jargon
    "edit_cost": 4.0,        # nats per edit when ranking candidates
    "context_weight": 1.0,   # weight of the bigram evidence against the candidate's frequency
    "min_margin": 4.0,       # the best candidate must beat the word itself in context by this
    "split_min_zipf": 4.0,   # each part of a run-together pair at least this frequent
    "first_min_zipf": 5.0,   # candidates for a sentence's capitalised first word
}


def _settings(ctx: Context) -> dict:
    reg = ctx.registry
    got = reg.data(FAMILY, "settings", None) if reg is not None else None
    return {**_DEFAULTS, **(got or {})}


def check(doc: Doc, rules: Rules, ctx: Context) -> Iterator[Issue]:
    spell, apos, other = rules.get("MT103"), rules.get("MT104"), rules.get("MT105")
    if not (spell or apos or other):
        return
    seg = doc.segment
    contractions = (ctx.registry.data(FAMILY, "contractions", {}) if ctx.registry else {}) or {}
    taken = [(i.start, i.end) for i in ctx.found_in(doc)]
    # With a source in another script, the text's lower-case non-words are transliterated names
    # and garbled terms whose nearest frequent word is the wrong repair, and post-edits carry as
    # many of them as the MT (MLQE-PE ne-en dev: MT103 would flag 85 MT and 65 post-edited
    # sentences in 1000; si-en 47 and 8). From a source in Latin letters names come over
    # unchanged, so a lower-case non-word is a typo (ro-en dev 49 MT, 19 post-edited: the
    # post-editors' own slips, "explostion", "occaion") or a word left untranslated, which
    # source.py's rule owns when the source text is there. MT's broken endings are MT101/MT102's.
    in_source: set[str] = set()
    if (spell is not None or other is not None) and ctx.translated(doc):
        if not latin_source(doc, ctx):
            spell = other = None   # (MT105 too: from another script a Spanish-looking word is a transliteration)
        elif seg.source:
            in_source = {w.lower() for w in _WORD.findall(seg.source)}
    cfg: dict = {}
    for words in doc.sentence_words:
        foreign = (spell is not None or other is not None) and _foreign(words)
        for i, tok in enumerate(words):
            issue = _misspelt(ctx, doc, words, i, spell, apos, contractions, taken, foreign, in_source, cfg)
            if issue is None and other is not None and not foreign:
                issue = _other_language(ctx, doc, words, i, other, taken, in_source)
            if issue is not None:
                yield issue
    if other is not None and not (ctx.translated(doc) and seg.source):
        yield from _ui_labels(doc, other, taken)
        yield from _address_abbreviations(doc, other, taken)


# MT105: the abbreviations of a Russian postal address or a Romanian law number left as they are
# ("d. 15, kv. 42", "g. Moscow", "Law nr. 449/2003"): abbreviation -> what English writes. The
# street abbreviations ("ul.", "str.", "vul.") stay: English addresses in Poland, Romania and
# Ukraine keep them (the keyed pages of sets 29 and 32 left "ul. Wielicka" unkeyed).
_ADDRESS_ABBREVIATIONS = {"kv": "Apt.", "d": "No. (or the number alone)", "g": "the city's name alone",
                          "nr": "No."}
_ADDRESS_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:(?P<n>kv|nr)\.\s?(?=\d)"
    r"|(?<![eE]\.\s)(?<![eE]\.)(?<!\d\s)(?<!\d)(?P<g>g)\.\s(?=[A-Z][a-z]+(?:\s|,|\.|$))"
    r"|(?P<d>d)\.\s(?=\d+[,\s]\s?(?:kv|apt|flat)))")


def _address_abbreviations(doc: Doc, rule, taken: list) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    """MT105 on the abbreviations of ``_ADDRESS_ABBREVIATIONS`` (with their full stop)."""
    text, seg = doc.text, doc.segment
    if "." not in text:
        return
    for m in _ADDRESS_ABBREVIATION.finditer(text):
        name = m.lastgroup
        start, end = m.span(name)
        end += 1   # the full stop
        if seg.is_protected(start, end) or any(s < end and start < e for s, e in taken):
            continue
        abbr = m.group(name)
        yield rule.issue(start, end, word=text[start:end], language="another language",
                         message=f"'{text[start:end]}' is an address abbreviation of the source language: "
                                 f"English writes {_ADDRESS_ABBREVIATIONS[abbr]}")


# MT105: a label of a user interface left in the source language, in quotes or brackets after
# "press", "click", "tap"... or before "button", "menu", "tab"... ("click „Dalej"", "press the
# "Đặt hàng" button", "tap [Atla]"; not a wiki's "[Viorel Bologan]"). With the source text
# there, the untranslated-text rule has it.
_UI_NOUNS = r"(?:button|menu|tab|field|option|function|link|icon|item|section|key|checkbox|box|screen|page|status|command)"
_UI_LABEL = re.compile(
    r"(?:\b(?:[Pp]ress|[Cc]lick|[Tt]ap|[Ss]elect|[Cc]hoose|[Oo]pen|[Tt]ouch|[Hh]it|[Pp]ush|[Gg]o to)(?: on)?(?: the)?"
    r"(?: " + _UI_NOUNS + r")? ?[\"“„«‘\[](?P<l1>[^\W\d_][^\"“”„«»‘’\n\[\]]{0,38}?)[\"”“»’\]]"
    r"|[\"“„«\[](?P<l2>[^\W\d_][^\"“”„«»\n\[\]]{0,38}?)[\"”“»\]] " + _UI_NOUNS + r"\b)")


def _ui_labels(doc: Doc, rule, taken: list) -> Iterator[Issue]:  # noqa: ANN001 - a RuleInfo
    """MT105 on a user interface's label (up to four words in quotes or square brackets, after
    a verb of pressing or before "button", "menu"...): a word of the label that is common in
    another language and rare in English, written with letters English does not use, or
    (in a label of up to three words) unknown to English altogether ("Instaluj", "Nadana")."""
    text, seg = doc.text, doc.segment
    for m in _UI_LABEL.finditer(text):
        name = "l1" if m.group("l1") is not None else "l2"
        start, end = m.span(name)
        label = text[start:end]
        words = _WORD.findall(label)
        if not words or len(words) > 4 or seg.is_protected(start, end) \
                or any(s < end and start < e for s, e in taken):
            continue
        found = None
        for w in words:
            low = w.lower()
            if lexicon.zipf(low) >= _OTHER_MAX_EN_ZIPF or w.isupper() and len(w) > 1:
                continue
            got = lexicon.foreign(low) if len(low) >= 5 else None
            if got is not None:
                found = f"'{w}' is common in {_LANGUAGE_NAMES.get(got[0], got[0])}"
            elif not low.isascii() and _LATIN_EXTENDED.fullmatch(low) and not lexicon.lemmas(low):
                found = f"'{w}' is written with letters English does not use"
            elif len(words) <= 3 and len(low) >= 4 and lexicon.zipf(low) == 0.0 and not lexicon.lemmas(low) \
                    and not lexicon.known(low):
                found = f"'{w}' is no English word"
            if found:
                break
        if found:
            yield rule.issue(start, end, word=label, language="another language",
                             message=f"The label '{label}' looks untranslated ({found}): translate it, "
                                     f"or mark it as a name")


def _misspelt(ctx: Context, doc: Doc, words: Sequence[Token], i: int, spell, apos,  # noqa: ANN001 - RuleInfos
              contractions: dict, taken: list, foreign: bool, in_source: set[str], cfg: dict) -> Issue | None:
    """MT104's or MT103's issue on the word at ``i``, if any (``cfg``: the settings, read once)."""
    text, seg, tok = doc.text, doc.segment, words[i]
    w = tok.text
    if not (w.isalpha() and w.isascii()) or len(w) < 3:
        return None
    # A sentence's capitalised first word ("Becouse", "Futhermore") is checked too, with
    # a stricter floor: elsewhere a capital marks a name.
    first = i == 0 and w[0].isupper() and w[1:].islower() and len(w) >= 5
    if not (w.islower() or first):
        return None
    w = w.lower()
    if not _plain_context(text, tok) or seg.is_protected(tok.start, tok.end):
        return None
    if any(s < tok.end and tok.start < e for s, e in taken):
        return None
    if apos and w in contractions:
        return apos.issue(tok.start, tok.end, _cased(tok.text, contractions[w]), word=tok.text)
    if spell is None or foreign or _SPLIT_NOT.match(text, tok.end):
        return None   # (the first half of "couldn 't", as a tokenizer left it)
    if not cfg:
        cfg.update(_settings(ctx))
    if len(w) < cfg["min_len"]:
        return None
    if w in in_source or text.startswith(("...", "…"), tok.end):
        return None   # copied from the source (the untranslated-text rule's), or cut short on purpose
    z = lexicon.zipf(w)
    # a listed common misspelling ("recieve"), unless an apostrophe makes it dialogue ("walkin'")
    dialogue = text.startswith(("'", "’"), tok.end)
    listed = lexicon.misspelling(w) if z <= _LISTED_MAX_ZIPF and not dialogue else ()
    best = _pick(listed, words, i) if listed else _unlisted(w, z, words, i, first, cfg)
    if best is not None and _document_count(ctx, doc, w) <= 1:
        return spell.issue(tok.start, tok.end, _cased(tok.text, best[0]),
                           suggestions=[_cased(tok.text, c) for c in best[1]], safe=False, word=tok.text)
    return None


_LANGUAGE_NAMES = {"fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese",
                   "nl": "Dutch", "pl": "Polish", "sv": "Swedish", "cs": "Czech", "ro": "Romanian",
                   "da": "Danish", "nb": "Norwegian", "ca": "Catalan", "fi": "Finnish",
                   "tr": "Turkish", "id": "Indonesian", "sk": "Slovak", "sl": "Slovene",
                   "sh": "Serbo-Croatian", "lt": "Lithuanian", "lv": "Latvian"}


def _other_language(ctx: Context, doc: Doc, words: Sequence[Token], i: int, rule,  # noqa: ANN001 - a RuleInfo
                    taken: list, in_source: set[str]) -> Issue | None:
    """MT105: a lower-case word common in another language and rare in English ("gratuit",
    "sanidad", "umowa"), in an English sentence, used at most twice in the document (a term
    the text keeps on purpose comes back), where MT103 found no English word it misspells, and
    alone: a neighbour that is no English word either makes it part of a quotation or a title
    ("Analyse des infiniment petits", "Parti socialiste", "viola da braccio")."""
    tok = words[i]
    w = tok.text
    if len(w) < 5 or not (w.isalpha() and w.islower()) or w in in_source:
        return None
    if lexicon.zipf(w) >= _OTHER_MAX_EN_ZIPF:
        return None   # an English word after all
    got = lexicon.foreign(w)
    if got is None and not w.isascii() and _LATIN_EXTENDED.fullmatch(w) and not lexicon.lemmas(w):
        got = ("",)   # "nobetçi", "ügyfélszolgálat", "foișor": letters English does not use
    if got is None or not _plain_context(doc.text, tok) or doc.segment.is_protected(tok.start, tok.end):
        return None
    if any(s < tok.end and tok.start < e for s, e in taken) or _document_count(ctx, doc, w) > 2:
        return None
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and words[j].text.isalpha() and (
                words[j].lower in _FOREIGN_FUNCTION or _not_english(words[j].lower)):
            return None   # "viola da braccio", "Viva la anarquía": a phrase of that language
    if any(t.text in _NAMING or t.lower in _NAMING for t in words[max(0, i - 4):i]):
        return None   # "from the Greek anthrōpos", "were called moșneni": a word named, not used
    text = doc.text
    if w in _glossed(text):
        return None   # "bank slip (boleto)", a "kachi" sound: a term the text introduces on purpose
    if text.startswith(("...", "…"), tok.end) or _quoted(text, tok.start):
        return None   # cut short on purpose ("operat..."), or inside a quotation
    lang = got[0]
    return rule.issue(tok.start, tok.end, word=w, language=_LANGUAGE_NAMES.get(lang, lang) or "another language (its letters are not English)")


# Lower-case Latin letters with the diacritics of European, Turkish and Vietnamese spelling (not
# Greek or Cyrillic, whose words are MT's script check's).
_LATIN_EXTENDED = re.compile(r"[a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f\u0218-\u021b\u1ea0-\u1ef9]+")


_OTHER_MAX_EN_ZIPF = 1.8
# Words before which a foreign word is named on purpose: a language ("the Greek anthrōpos", "Old
# English dægesege") or a verb of naming ("were called moșneni").
_NAMING = frozenset("Greek Latin French German English Italian Spanish Portuguese Dutch Polish Czech Romanian "
                    "Hungarian Turkish Swedish Danish Norwegian Finnish Estonian Latvian Lithuanian Sanskrit "
                    "Hindi Arabic Hebrew Persian Japanese Chinese Korean Vietnamese Indonesian Malay Catalan "
                    "Basque Irish Welsh Norse Icelandic called named termed dubbed word term meaning means "
                    "spelled spelt".split())


_GLOSS = re.compile(r"""(?:\((\w+)\)|"(\w+)"|“(\w+)”|«(\w+)»|'(\w+)'|‘(\w+)’|\*(\w+)\*|_(\w+)_)""")


@lru_cache(maxsize=16)
def _glossed(text: str) -> frozenset[str]:
    """The lower-case words the text puts alone in brackets or quotes ("(boleto)", "«kachi»"):
    found in one pass over the text, however many words MT105 asks about."""
    return frozenset(w.lower() for m in _GLOSS.finditer(text) for w in m.groups() if w)


# Function words of the languages MT105 knows that English lacks or seldom uses on its own: a
# word beside one of them is part of a phrase in that language, not a word left untranslated.
_FOREIGN_FUNCTION = frozenset("la le les de des du da del della di dei el los las il lo gli et ou en un une "
                              "der das dem und och og om er ne al au aux amb seu sur pour par avec con por "
                              "para nel van het een op zu mit von im ist ai je vous nous il elle ce cette".split())
_QUOTES = {'"': '"', "“": "”", "«": "»", "„": "“"}


_QUOTE_REACH = 300   # characters looked at either side: a long line must not make each look-up long


def _quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies between an opening quotation mark and its closing one on its line
    (within ``_QUOTE_REACH`` characters)."""
    start = max(text.rfind("\n", max(0, pos - _QUOTE_REACH), pos) + 1, pos - _QUOTE_REACH, 0)
    end = text.find("\n", pos, pos + _QUOTE_REACH)
    end = end if end >= 0 else min(len(text), pos + _QUOTE_REACH)
    line_before, line_after = text[start:pos], text[pos:end]
    for open_, close in _QUOTES.items():
        if open_ == close:
            if line_before.count(open_) % 2 == 1 and open_ in line_after:
                return True
        elif line_before.rfind(open_) > line_before.rfind(close) and close in line_after:
            return True
    return False


def _not_english(w: str) -> bool:
    return lexicon.zipf(w) < 2.5 and not lexicon.lemmas(w)


def _unlisted(w: str, z: float, words: Sequence[Token], i: int, first: bool,
              cfg: dict) -> tuple[str, list[str]] | None:
    """The correction of a word the misspelling list lacks: None for a common word, a rare word
    lemminflect knows, a regular derivation or a romanised name."""
    if z > cfg["rare_zipf"] or (z == 0.0 and lexicon.known(w)) or (z > 0.0 and lexicon.lemmas(w)):
        return None   # a common word, or a rare word lemminflect's tables know ("anther", "teem")
    if _coinage(w) or _derived(w):
        return None   # "absolutize", "riverless", "unpitying", "frontmost": a regular derivation
    if _ROMANISED.search(w):
        return None   # romanised Russian, Hindi, Chinese: a name, not a typo
    return _full(w, z) or _best(w, z, words, i, {**cfg, "cand_min_zipf": cfg["first_min_zipf"]} if first else cfg)


_WORD = re.compile(r"[^\W\d_]+")
_SPLIT_NOT = re.compile(r" ?['’]t\b")
_LISTED_MAX_ZIPF = 3.3   # no listed misspelling is more frequent (benchmarks/build_misspellings.py)


def latin_source(doc: Doc, ctx: Context) -> bool:
    """Whether the source is written in Latin letters: its text when there is one (three
    quarters of its letters), else the language given."""
    src = doc.segment.source
    if src:
        letters = [c for c in src if c.isalpha()]
        return bool(letters) and sum(c < "\u0250" for c in letters) * 4 >= len(letters) * 3
    return latin_script(ctx.source_lang or doc.segment.source_lang)


_PREFIXES = ("un", "re", "sub", "non", "over", "under", "counter", "pre", "post", "multi", "inter",
             "anti", "dis", "mis", "super", "semi", "self", "co")
_SUFFIXES = ("less", "ness", "most", "ship", "hood", "ism", "ist", "like", "wise")


_NOUN_SUFFIXES = ("less", "ness", "ship", "hood")   # "sonless", "dotless": short stems are words too


def _coinage(w: str) -> bool:
    """A word on a productive suffix whose stem is a word: "absolutize", "stupidism". A misspelt
    word that only ends like one ("juise", "sacrifise", "spaise") has no such stem."""
    for x in _COINAGE_SUFFIXES:
        if w.endswith(x):
            stem = w[:-len(x)]
            if len(stem) >= (3 if x in _NOUN_SUFFIXES else 4) \
                    and any(lexicon.zipf(s) >= 3.0 for s in (stem, stem + "e", stem + "y")):
                return True
    return False


def _full(w: str, z: float) -> tuple[str, list[str]] | None:
    """"-full" for the suffix "-ful" ("stressfull", "beautifull"): wordfreq keeps these common
    misspellings at a Zipf too high for the general test, but the adjective is always far more
    frequent (on the pools every such word is the misspelling, in human text too)."""
    if len(w) >= 7 and w.endswith("full") and lexicon.zipf(w[:-1]) >= max(3.0, z + 1.0):
        return w[:-1], [w[:-1]]
    return None


def _derived(w: str) -> bool:
    """A known word with a productive prefix or suffix: a rare real word, not a misspelling."""
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 5 and lexicon.zipf(w[len(p):]) >= 3.0:
            return True
    for x in _SUFFIXES:
        if w.endswith(x) and len(w) - len(x) >= 4 and lexicon.zipf(w[:-len(x)]) >= 3.0:
            return True
    return False


def _foreign(words: Sequence[Token]) -> bool:
    """A sentence in another language (a quotation in Latin, Catalan, Italian): over a quarter
    of its lower-case words, and at least two, unknown to the lexicon or in wordfreq's tail (Zipf
    under 2, where Italian "scienze" sits), and under a third English function words."""
    low = [t.text for t in words if t.text.isalpha() and t.text.islower()]
    unknown = sum(1 for w in low if lexicon.zipf(w) < 2.0 and not lexicon.lemmas(w))
    if not (unknown >= 2 and unknown * 4 > len(low)):
        return False
    # English function words a third of the words or more: English with its typos ("men have
    # to sacrifise their preciouse time"), not a quotation in another language.
    function = lm.language_model().function
    return sum(1 for w in low if w in function) * 3 < len(low)


def _plain_context(text: str, tok: Token) -> bool:
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    if before in _TECH_BEFORE or after in _TECH_AFTER or before in "-´`" or after in "-´`":
        return False   # URLs, paths, handles, code, parts of hyphenated compounds
    return not (after == "." and text[tok.end + 1:tok.end + 2].isalnum())


def _neighbour(words: Sequence[Token], i: int) -> str | None:
    if 0 <= i < len(words):
        t = words[i].text
        if t.isalpha():
            return t.lower()
    return None


def _in_context(c: str, prev: str | None, nxt: str | None) -> float:
    """How well the word or words ``c`` fit between their neighbours: the bigram model's log
    probability of ``c`` after ``prev`` and of ``nxt`` after ``c`` (less ``nxt``'s own)."""
    parts = c.split()
    s = lm.pair_logp(prev, parts[0])
    for a, b in zip(parts, parts[1:]):
        s += lm.pair_logp(a, b)
    if nxt:
        s += lm.pair_logp(parts[-1], nxt) - lm.pair_logp(None, nxt)
    return s


def _pick(fixes: Sequence[str], words: Sequence[Token], i: int) -> tuple[str, list[str]]:
    """A listed misspelling's correction its neighbours prefer, with all of them."""
    if len(fixes) == 1:
        return fixes[0], list(fixes)
    prev, nxt = _neighbour(words, i - 1), _neighbour(words, i + 1)
    ranked = sorted(fixes, key=lambda c: _in_context(c, prev, nxt), reverse=True)
    return ranked[0], ranked


def _best(w: str, z: float, words: Sequence[Token], i: int, cfg: dict) -> tuple[str, list[str]] | None:
    """The candidate the context prefers, with the runners-up; None when no candidate is
    frequent and near enough, or the word itself reads better in its context."""
    cands = _candidates(w, z, cfg)
    if not cands:
        return None
    prev, nxt = _neighbour(words, i - 1), _neighbour(words, i + 1)
    cw, cost = cfg["context_weight"], cfg["edit_cost"]
    scored = sorted(((cw * _in_context(c, prev, nxt) + (1 - cw) * lm.pair_logp(None, c.partition(' ')[0]) - cost * d, c)
                     for c, d in cands), reverse=True)
    top = scored[0][0]
    if z > 0.0 and top - (cw * _in_context(w, prev, nxt) + (1 - cw) * lm.pair_logp(None, w)) < cfg["min_margin"]:
        return None
    return scored[0][1], [c for s, c in scored[:4]]


def _candidates(w: str, z: float, cfg: dict) -> list[tuple[str, int]]:
    """Frequent words within one edit (two for long unknown words) that share the first letter."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    max_d = 1 if (z > 0.0 or len(w) < 6) else 2
    floor = max(cfg["cand_min_zipf"], z + cfg["rare_gap"]) if z > 0.0 else cfg["cand_min_zipf"]
    out = []
    # The first letter is taken as right, except for the slips learners make there: two first
    # letters swapped ("hte") and one vowel for another ("anderstand", "inviroment").
    firsts = {w[0]: max_d}
    if len(w) > 2 and w[1] != w[0]:
        firsts.setdefault(w[1], 1)
    if w[0] in _VOWELS:
        for v in _VOWELS:
            firsts.setdefault(v, max_d)
    seen = set()
    for first, dmax in firsts.items():
        for n in range(len(w) - dmax, len(w) + dmax + 1):
            bucket = lexicon._bucket(n, first) if n > 0 else ()
            if not bucket:
                continue
            for c, d, _ in extract(w, bucket, scorer=OSA.distance, score_cutoff=dmax, limit=None):
                if c != w and c not in seen and lexicon.zipf(c) >= floor:
                    seen.add(c)
                    out.append((c, int(d)))
    if z == 0.0:   # a known run-together form ("webpages", "logout") is a spelling of its own
        out += _splits(w, cfg)
    return out


def _splits(w: str, cfg: dict) -> list[tuple[str, int]]:
    """Two frequent words run together ("alot", "electionby", "hardwork"): one edit (a space).
    A part is a function word (the language model's 200 commonest) or a frequent word of three
    letters or more."""
    function = lm.language_model().function
    out = []
    for k in range(1, len(w)):
        a, b = w[:k], w[k:]
        if all(p in function or (len(p) >= 3 and lexicon.zipf(p) >= cfg["split_min_zipf"]) for p in (a, b)):
            out.append((a if a == b else f"{a} {b}", 1))   # "thethe": a doubled word
    return out
