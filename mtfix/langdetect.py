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
