"""Which language codes and English locales mtfix accepts (``--source-lang``, ``target_locale``).

A source language is an ISO 639-1 code, optionally with a region or script (``pt-BR``,
``zh_Hans``). Any of them is accepted (the source-aware checks work for every language); phrase
packs exist for a few. A misspelt or invented code ("klingon", "rus") is an error, not a run
that silently skips every source-language rule.
"""
from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1 (the two-letter codes), from the ISO 639 Maintenance Agency's list.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

TARGET_LOCALES = ("en-US", "en-GB")

# Languages usually written in the Latin alphabet (Unicode CLDR's likely scripts, ISO 639-1
# codes). MT from them carries names over unchanged and capitalised, so a lower-case non-word in
# its English is a typo or a word left untranslated, not a transliteration (spelling.py).
LATIN_SCRIPT = frozenset("""
af ak an ay az br bs ca ch co cs cy da de ee eo es et eu fi fj fo fr fy ga gd gl gn gv ha ho hr
ht hu ia id ie ig io is it jv kg ki kj kl kr kw la lb lg li ln lt lu lv mg mh mi ms mt na nb nd
ng nl nn no nr nv ny oc om pl pt qu rm rn ro rw sc se sg sk sl sm sn so sq ss st su sv sw tk tl
tn to tr ts tw ty uz ve vi vo wa wo xh yo za zu
""".split())


def latin_script(code: str | None) -> bool:
    """Whether the language ``code`` (``pt-BR``, ``it``) is usually written in Latin letters."""
    return bool(code) and code.replace("_", "-").split("-")[0].lower() in LATIN_SCRIPT


def source_lang(value: object) -> str:
    """The code, lower-cased (``pt_BR`` -> ``pt-br``); ValueError names what was expected."""
    if isinstance(value, str):
        code = value.strip().replace("_", "-").lower()
        primary, _, rest = code.partition("-")
        if primary in ISO_639_1 and (not rest or (rest.replace("-", "").isalnum() and len(rest) <= 8)):
            return code
    raise ValueError(f"unknown source language {value!r} (expected an ISO 639-1 code such as "
                     f"ru, de, zh, fr or es)")


def target_locale(value: object) -> str:
    """``en-US`` or ``en-GB`` (``en_gb`` is accepted); ValueError lists the supported ones."""
    for locale in TARGET_LOCALES:
        if isinstance(value, str) and value.replace("_", "-").lower() == locale.lower():
            return locale
    raise ValueError(f"unsupported target locale {value!r} (supported: {', '.join(TARGET_LOCALES)})")


def source_langs(value: object) -> tuple[tuple[str, ...], bool]:
    """``ru``, ``ru,zh``, ``["ru", "zh"]`` or ``auto`` -> (codes, auto); ValueError as above."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ValueError(f"unknown source language {value!r} (expected an ISO 639-1 code such as "
                         f"ru, de, zh, fr or es, a list such as ru,zh, or auto)")
    items = [v.strip() if isinstance(v, str) else v for v in items]
    auto = "auto" in items
    codes = tuple(dict.fromkeys(source_lang(v) for v in items if v and v != "auto"))
    return codes, auto


def target_lang(value: object) -> str:
    """A target language: an ISO 639-1 code with an optional region (``de``, ``en-GB``, ``pt_BR``)."""
    try:
        return source_lang(value)
    except ValueError:
        raise ValueError(f"unknown target language {value!r} (expected an ISO 639-1 code such as "
                         f"en, de, fr, zh or en-GB)") from None


# A locale in a path: ``de.json``, ``fr.po``, ``pt_BR.po``, ``*.de.md``, ``app_de.arb``, a folder
# ``locales/de/`` (or locale, i18n, lang, translations, l10n) or ``de/LC_MESSAGES/``.
_LOCALE = r"([a-z]{2})(?:[_-][A-Za-z]{2,4})?"
_FILE_LOCALE = rf"^(?:.+[._])?{_LOCALE}\.(?:json|po|pot|ya?ml|arb|properties|strings|xliff|xlf|md|txt|srt|vtt|html?|tsv|tab|jsonl|ndjson|tmx)$"
# A corpus named after its language pair (``en-de.tsv``, ``train.ru-en.jsonl``) does not say which
# side the target is on the way ``pt-BR`` names a region, so it names no target: the text decides.
_PAIR = r"(?:^|.*[._])([a-z]{2})-([a-z]{2})\.(?:tsv|tab|jsonl|ndjson|tmx)$"
_DIR_LOCALE = rf"^{_LOCALE}$"
_LOCALE_DIRS = frozenset("locales locale i18n lang langs languages translations l10n messages".split())
# A prose file (.md, .txt, .srt...) names its locale only after a dot (``index.de.md``): ``it.md``
# and ``es.md`` are notes about Italian and Spanish more often than translations.


@lru_cache(maxsize=256)
def path_lang(path: str | None) -> str | None:
    """The target language a file's path names (``locales/de/app.json`` -> ``de``), or None."""
    if not path or path == "-":
        return None
    parts = path.replace("\\", "/").split("/")
    name = parts[-1][:-3] if parts[-1].lower().endswith(".gz") else parts[-1]
    pair = re.match(_PAIR, name)
    m = None if pair and pair.group(1) in ISO_639_1 and pair.group(2) in ISO_639_1 else re.match(_FILE_LOCALE, name)    # compiled on first use (re caches it), not at import
    if m and m.group(1) in ISO_639_1:
        stem = name.rsplit(".", 1)[0]
        sep_ok = len(stem) <= 5 or "." in stem or name.endswith(".arb") or name.endswith(".properties")
        if sep_ok and not (name.endswith((".md", ".txt", ".html", ".htm", ".srt", ".vtt")) and "." not in stem):
            return m.group(1)
    for parent, folder in zip(parts, parts[1:-1]):
        m = re.match(_DIR_LOCALE, folder)
        if m and m.group(1) in ISO_639_1 and parent.lower() in _LOCALE_DIRS:
            return m.group(1)
    for folder, child in zip(parts, parts[1:]):
        m = re.match(_DIR_LOCALE, folder)
        if m and m.group(1) in ISO_639_1 and child == "LC_MESSAGES":
            return m.group(1)
    return None
