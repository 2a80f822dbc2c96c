"""Suggestions of the phrase packs: lemma/inflection tables and the rendering of templates.

A template uses ``$2`` (a capture's text) and ``{urge}`` / ``{urge:3}`` (the lemma inflected
like the first lemma capture, or capture 3): "encouraged Kirby" + "$2 {urge}" -> "Kirby urged".
Tables come from lemminflect, loaded lazily on the first pattern that needs them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from .pattern_tokens import Match, Tok

_HAVE_BE = frozenset("have has had having 's be is are was were been being".split())
_SUB = re.compile(r"\$(\d)|\{([^{}:]+)(?::(\d))?\}")


@lru_cache(maxsize=4096)
def lemma_forms(lemma: str, pos: str = "") -> dict[str, str]:
    """form -> Penn tag for every inflection of ``lemma``: from the table built with the wheel
    (``mtfix/builddata/phrase_forms.py``) for the shipped packs' lemmas, else from lemminflect."""
    got = _shipped_forms().get(f"{lemma}/{pos}")
    return dict(got) if got is not None else _lemminflect_forms(lemma, pos)


def _shipped_forms() -> dict[str, dict[str, str]]:
    return _shipped().get("forms", {})


@lru_cache(maxsize=1)
def _shipped() -> dict:
    """The table built with the wheel (``mtfix/builddata/phrase_forms.py``), or {} when it is
    missing, damaged or built with another lemminflect."""
    import marshal
    from pathlib import Path

    from .lexicon import _installed

    try:
        raw = marshal.loads((Path(__file__).resolve().parent / "data" / "phrase-forms.marshal").read_bytes())
        if isinstance(raw, dict) and raw.get("format") == 2 and raw.get("lemminflect") == _installed("lemminflect") \
                and all(isinstance(raw.get(k), dict) for k in ("forms", "tags", "inflect", "has")) \
                and all(isinstance(v, dict) for v in raw["forms"].values()):
            return raw
    except Exception:  # noqa: BLE001 - not built (a checkout), damaged: ask lemminflect
        pass
    return {}


def _lemminflect_forms(lemma: str, pos: str = "") -> dict[str, str]:
    from lemminflect import getAllInflections

    upos = {"n": "NOUN", "v": "VERB", "a": "ADJ"}.get(pos)
    table = getAllInflections(lemma, upos=upos) if upos else getAllInflections(lemma)
    if not table:   # a word lemminflect does not know ("politologist"): its regular forms
        from lemminflect import getAllInflectionsOOV

        table = getAllInflectionsOOV(lemma, upos=upos or "NOUN")
    out: dict[str, str] = {}
    for tag, forms in table.items():
        for f in forms:
            out.setdefault(f.lower(), tag)
    out.setdefault(lemma.lower(), "VB" if pos == "v" else "NN" if pos == "n" else "VB")
    return out


def inflect(lemma: str, tag: str) -> str:
    if not tag or tag in ("VB", "NN", "VBP"):
        return lemma
    if " " in lemma:   # a phrase: verbs inflect their first word ("point to" -> "pointed to"),
        words = lemma.split(" ")   # nouns their last ("preventive measure" -> "...measures")
        k = len(words) - 1 if tag.startswith("NN") else 0
        words[k] = inflect(words[k], tag)
        return " ".join(words)
    shipped = _shipped().get("inflect", {}).get(f"{lemma}|{tag}")
    if shipped is not None:
        return shipped or lemma
    from lemminflect import getInflection

    got = getInflection(lemma, tag=tag)
    return got[0] if got else lemma


def render(template: str, m: Match, toks: list[Tok], text: str, lemma_caps: list[int]) -> str:
    def cap_text(n: int) -> str:
        span = m.caps.get(n)
        if not span or span[0] >= span[1]:
            return ""
        return text[toks[span[0]].start:toks[span[1] - 1].end]

    def tags_of(n: int) -> list[str]:
        span = m.caps.get(n)
        if not span or span[0] >= span[1]:
            return []
        tags = list(_tags(toks[span[0]].lower))
        if "VBD" in tags and "VBN" in tags:   # "told": past tense or participle by its auxiliary
            prev = toks[span[0] - 1].lower if span[0] else ""
            tags.remove("VBD" if prev in _HAVE_BE else "VBN")
        elif "VBN" in tags and len(tags) > 1:   # "become", "come": the participle only after have/be
            prev = toks[span[0] - 1].lower if span[0] else ""
            if prev not in _HAVE_BE:
                tags.remove("VBN")
        return tags

    def sub(mo: re.Match) -> str:
        if mo.group(1):
            return cap_text(int(mo.group(1)))
        n = int(mo.group(3)) if mo.group(3) else (lemma_caps[0] if lemma_caps else 0)
        lemma = mo.group(2)
        # The first tag of the matched form that the target word has: "complexes" is VBZ or
        # NNS, and "system" has no VBZ, so it becomes "systems".
        for tag in tags_of(n) if n else ():
            if tag in ("VB", "NN", "VBP") or _has_form(lemma, tag):
                return inflect(lemma, tag)
        return lemma

    out = re.sub(r"\s+", " ", _SUB.sub(sub, template)).strip()
    out = re.sub(r"\s+([,.;:!?])", r"\1", out)
    s, e = m.char_span(toks)
    # the pronoun "I" is upper case anywhere: its capital says nothing of the replacement's
    # ("between you and I" -> "me")
    pronoun_i = text[s] == "I" and (e == s + 1 or not text[s + 1].isalpha())
    acronym = e > s + 1 and text[s:e].isupper()   # "OK", "PDF": their capitals say nothing either
    if out and text[s].isupper() and out[0].islower() and not pronoun_i and not acronym:
        out = out[0].upper() + out[1:]
    return out


_TAG_CACHE: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def _has_form(lemma: str, tag: str) -> bool:
    head = lemma.split(" ")[-1 if tag.startswith("NN") else 0]
    shipped = _shipped().get("has", {}).get(f"{head}|{tag}")
    if shipped is not None:
        return shipped
    from lemminflect import getInflection

    return bool(getInflection(head, tag=tag, inflect_oov=False))


def _tags(form: str) -> tuple[str, ...]:
    """Penn tags a word form can carry (from lemminflect's lemma tables, as shipped for the
    forms the shipped packs can match)."""
    if form not in _TAG_CACHE:
        shipped = _shipped().get("tags", {}).get(form)
        _TAG_CACHE[form] = tuple(shipped) if shipped is not None else _lemminflect_tags(form)
    return _TAG_CACHE[form]


def _lemminflect_tags(form: str) -> tuple[str, ...]:
    from lemminflect import getAllInflections, getAllLemmas

    tags: list[str] = []
    for lemmas in getAllLemmas(form).values():
        for lem in lemmas:
            for tag, forms in getAllInflections(lem).items():
                if forms and form == forms[0].lower() and tag not in tags:
                    tags.append(tag)
    order = ["VBD", "VBN", "VBZ", "VBG", "NNS", "VBP", "NN", "VB"]
    return tuple(sorted(tags, key=lambda t: order.index(t) if t in order else 99))
