"""Which source language a segment was translated from, to choose the phrase packs that run.

Script decides Russian (Cyrillic) and Chinese (Han without kana/hangul); Latin-script sources are
told apart by their letters (ß, ñ, ç...) and the share of very common function words. That is
all the evidence a pack choice needs, and it costs microseconds, unlike a statistical detector.
Returns None when the evidence is weak: then only the source-independent packs run.
"""
from __future__ import annotations

import re

SUPPORTED = ("ru", "de", "zh", "fr", "es")

_WORD = re.compile(r"[^\W\d_]+")
_STOP = {
    "de": frozenset("der die das und ist nicht ein eine einen dem den des mit von zu auf für sich "
                    "auch wird werden wurde bei nach aus wie noch nur über hat haben sind ich er "
                    "sie wir es im zum zur vom oder aber wenn dass".split()),
    "fr": frozenset("le la les et est une un des du au aux dans pour pas qui que sur avec ce cette "
                    "ces il elle nous vous ils sont été être avait fait plus par mais ou où se sa "
                    "son ses leur je".split()),
    "es": frozenset("el la los las y es una un del al en por para con que se su sus lo como más "
                    "pero muy fue está son han ha ya sin sobre este esta entre yo él ella".split()),
    "en": frozenset("the and is are was were of to in that it for on with as by this be have has "
                    "not but from they he she we you which at".split()),
}
_LETTERS = {"de": "äöüß", "fr": "çœèêëàâîïôûù", "es": "ñ¿¡áíóú"}


def detect(text: str | None) -> str | None:
    """'ru', 'zh', 'de', 'fr', 'es' or None (English, another language, or too little text)."""
    if not text or not text.strip():
        return None
    cyr = han = kana = latin = 0
    for ch in text:
        o = ord(ch)
        if 0x0400 <= o <= 0x04FF:
            cyr += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
        elif 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7AF:
            kana += 1
        elif ch.isalpha() and o < 0x250:
            latin += 1
    letters = cyr + han + kana + latin
    if not letters:
        return None
    if cyr / letters > 0.5:
        return "ru"  # Ukrainian/Bulgarian share the script; their calques are close enough
    if han and not kana and (han + kana) / letters > 0.3:
        return "zh"
    if latin / letters < 0.5:
        return None
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return None
    score = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    low = text.lower()
    for lang, chars in _LETTERS.items():
        score[lang] += 2 * sum(low.count(c) for c in chars)
    best = max(score, key=lambda k: score[k])
    if best == "en" or score[best] < max(1, len(words) // 8):
        return None
    return best


# ---------------------------------------------------------------------------- target languages
# The target packs' languages told apart by script, then (Latin script) by very common words and
# letters only that language uses. Conservative by design: a text that is not clearly one of them
# is None (the caller keeps English), since a wrong guess would switch the English checks off.
TARGETS = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "tr", "ru", "uk", "zh", "ja", "ko",
           "ro", "et")
_TSTOP = {
    **_STOP,
    "de": _STOP["de"] | frozenset("in ein ist sie es sich nicht".split()),
    "en": _STOP["en"] | frozenset("a an i you it's his her their there what this that will would "
                                  "can could should my your our".split()),
    "it": frozenset("il lo la gli le di del della che è e per non un una con sono si da al alla "
                    "nel anche come più questo questa ma se ho ha essere loro".split()),
    "pt": frozenset("o a os as de do da dos das que é e um uma para com não em no na por se mais "
                    "como mas foi são ao pelo pela seu sua você também".split()),
    "nl": frozenset("de het een en van is dat niet op te zijn voor met die er ook als maar om aan "
                    "bij nog wordt worden kan je ik we hij zij deze dit".split()),
    "pl": frozenset("i w na z do nie się to jest że o jak ale po co tak za od są dla przez jego "
                    "jej który która było może być ten".split()),
    "cs": frozenset("a v na se je že to s z do o jako ale by jsou pro jak tak jsem který která "
                    "bylo být jeho její ten není".split()),
    # Two languages without a pack, so that their text is not taken for one that has one.
    "ro": frozenset("și în de la a cu pe care nu este un o să din se mai sau au fost pentru ca "
                    "dar iar acest această sunt".split()),
    "et": frozenset("ja on ei et see ka oli kui mis ning aga siis veel nii oma või ta tema mida "
                    "kes seda selle pole".split()),
    "tr": frozenset("ve bir bu da de için ile çok daha gibi ne o ama sonra kadar olan olarak var "
                    "yok ben sen biz onlar değil mi".split()),
}
_TLETTERS = {"de": "äöüß", "fr": "çœèêëàâîôûù", "es": "ñ¿¡áíóú", "it": "àèìòù", "pt": "ãõçâêô",
             "pl": "ąęłńśźż", "cs": "ěščřžůý", "tr": "ğışİç", "nl": "ĳ",
             "ro": "șțăşţ", "et": "õ"}
_UK = frozenset("іїєґІЇЄҐ")
# A word as the target detector reads it: "Shakira's" and "Let's" are one word each, and the
# "S" of "S24" is none (read as "s" and "let"/"s", they were Czech and Polish stop words).
_TWORD = re.compile(r"(?<![\w'’])[^\W\d_]+(?:['’][^\W\d_]+)*(?![\w])")
# Below this many words a text is short (a UI string, one sentence: what an API call without
# target_lang judges), and leaving English needs strong evidence: a wrong guess switches every
# English rule off, while no guess only keeps English. On the 12,000 sentences of
# benchmarks/target_detect.py, 11 English ones had been taken for Czech, Polish, Romanian...
SHORT_WORDS = 40
# Other languages' stop words that are very common English words too (wordfreq 3.1.1: English
# Zipf frequency >= 5.0), and single ASCII letters ("I", "a", "o", "v"): in a short text they are
# no evidence of another language ("How do I" is not Polish, "de la" in a name is not Romanian).
_EN_HOMOGRAPHS = frozenset("al as by care co come de die do in is la met no non on per see son ten to "
                           "we".split()) | frozenset("abcdefghijklmnopqrstuvwxyz")
_SENTENCE_END = re.compile(r"[.!?:;…]\s*$")
_RU = frozenset("ыэъЫЭЪё")


def detect_target(text: str | None) -> str | None:
    """The language ``text`` is written in, among ``TARGETS``, or None when unsure (too little
    text, or no language clearly ahead). Script decides Cyrillic, Han, kana and Hangul; Latin
    text needs at least two common words of one language, and twice (or three more than) any
    other language's evidence."""
    if not text or not text.strip():
        return None
    cyr = han = kana = hangul = latin = 0
    for ch in text[:4000]:
        o = ord(ch)
        if 0x0400 <= o <= 0x04FF:
            cyr += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
        elif 0x3040 <= o <= 0x30FF:
            kana += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            hangul += 1
        elif ch.isalpha() and o < 0x250:
            latin += 1
    letters = cyr + han + kana + hangul + latin
    if letters < 2:
        return None
    if hangul / letters > 0.5:
        return "ko"
    if kana and (han + kana) / letters > 0.5:
        return "ja"
    if han / letters > 0.5:
        return "zh"
    if cyr / letters > 0.5:
        chars = set(text)
        if chars & _UK and not chars & _RU:
            return "uk"
        return "ru" if chars & _RU or cyr >= 12 else None
    if latin / letters < 0.7:
        return None
    head = text[:4000]
    tokens = list(_TWORD.finditer(head))
    words = [m.group(0).lower() for m in tokens]
    score = {lang: sum(w in stop for w in words) for lang, stop in _TSTOP.items()}
    low = head.lower()
    for lang, chars in _TLETTERS.items():
        score[lang] += sum(min(1, low.count(c)) for c in chars)
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 2 or (top < 2 * second and top < second + 3):
        return None
    if best != "en" and len(words) < SHORT_WORDS and not _strong(head, tokens, best, score["en"]):
        return None
    return best


def _strong(text: str, tokens: list, lang: str, english: int) -> bool:
    """Whether a short Latin-script text is clearly ``lang``: at least two of its stop words that
    are not English words too, written as function words are (lower case, or the first word of
    a sentence: "Von" and "Des" inside a name are not German), a letter only ``lang`` uses
    counting as a third only beside one of them (alone, letters are mostly names: "Čapek",
    "Leszczyński"), and more of that than English stop words."""
    stop = _TSTOP[lang]
    found = 0
    for m in tokens:
        w = m.group(0)
        low = w.lower()
        if low in stop and low not in _EN_HOMOGRAPHS and \
                (w == low or not text[:m.start()].strip() or _SENTENCE_END.search(text[:m.start()])):
            found += 1
    if found and any(c in text.lower() for c in _TLETTERS.get(lang, "")):
        found += 1
    return found >= 2 and found > english
