"""The Python API: ``check``, ``fix`` and ``score`` on a string. Stable: benchmarks use it."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Iterable

from .config import ENV_LANGUAGETOOL
from .fixer import FixResult, fix_segments
from .model import Issue, Segment
from .options import Options, parse_codes
from .pipeline import check_segments
from .protect import plain_protected


def _options(source_lang: str | None, target_lang: str, select, ignore, unsafe: bool = False,
             target_locale: str | None = None, rule_packs: Iterable[str] = (),
             languagetool: str | None | bool = False, languagetool_rules: Iterable[str] = ()) -> Options:
    """The Options of one call, cached per arguments: an editor or a pipeline calling once per
    sentence pays for validating them (codes against every rule, languages) once, not each time."""
    rule_packs, languagetool_rules = tuple(rule_packs), tuple(languagetool_rules)
    lt_env = os.environ.get(ENV_LANGUAGETOOL) if languagetool is None else None   # read per call
    key = (source_lang, target_lang, _hashable(select), _hashable(ignore), unsafe, target_locale,
           rule_packs, languagetool, languagetool_rules, lt_env)
    try:
        return _cached_options(*key)
    except TypeError:       # an unhashable argument (a wrong type): validated, and refused, uncached
        return _make_options(source_lang, target_lang, select, ignore, unsafe, target_locale,
                             rule_packs, languagetool, languagetool_rules)


_LIST = object()    # marks a list of codes in a cache key (a list is not hashable)


def _hashable(codes):
    return (_LIST, tuple(codes)) if isinstance(codes, list) else codes


@lru_cache(maxsize=64)
def _cached_options(source_lang, target_lang, select, ignore, unsafe, target_locale, rule_packs,
                    languagetool, languagetool_rules, lt_env) -> Options:
    if isinstance(select, tuple) and select[:1] == (_LIST,):
        select = list(select[1])
    if isinstance(ignore, tuple) and ignore[:1] == (_LIST,):
        ignore = list(ignore[1])
    return _make_options(source_lang, target_lang, select, ignore, unsafe, target_locale,
                         rule_packs, languagetool, languagetool_rules)


def _make_options(source_lang: str | None, target_lang: str, select, ignore, unsafe: bool,
                  target_locale: str | None, rule_packs: tuple[str, ...],
                  languagetool: str | None | bool, languagetool_rules: tuple[str, ...]) -> Options:
    from . import languages
    from .pipeline import unknown_codes

    target = languages.target_lang(target_lang) if target_lang else None
    english = target is None or target.startswith("en")
    locale = languages.target_locale(
        target_locale or (target_lang if english and "-" in (target_lang or "") else "en-US"))
    langs, auto = languages.source_langs(source_lang) if source_lang else ((), False)
    options = Options(select=parse_codes(select), ignore=parse_codes(ignore) or (),
                      source_lang=langs[0] if langs else None, source_langs=langs, source_auto=auto,
                      target_lang=target,
                      target_locale=locale, unsafe=unsafe, rule_packs=tuple(rule_packs),
                      # False: fix and score, which never ask LanguageTool (its replacements are
                      # never applied), whatever the environment says
                      extra={} if languagetool is False else _languagetool(languagetool, languagetool_rules))
    # A code that matches no rule is a typo: selecting it would silently run nothing.
    unknown = unknown_codes([*(options.select or ()), *options.ignore], options)
    if unknown:
        raise ValueError(f"unknown rule code {', '.join(unknown)} (expected a code or prefix "
                         "listed by `mtfix rules`, e.g. MT3 or MT301)")
    return options


def _languagetool(target: str | None, rules: Iterable[str]) -> dict:
    """``languagetool=`` ("http://host:port", "local", "off"; None: ``MTFIX_LANGUAGETOOL`` if set),
    validated as the config file's keys are (a ``ValueError`` names the mistake)."""
    from .config import languagetool_rules_value, languagetool_value

    if target is None:
        target = os.environ.get(ENV_LANGUAGETOOL) or None
    target = languagetool_value(target, "languagetool") if target else None
    if not target:
        return {}
    return {"languagetool": target,
            "languagetool_rules": tuple(languagetool_rules_value(list(rules), "languagetool_rules"))}


def _segment(text: str, source: str | None, options: Options) -> Segment:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return Segment(text, source=source, source_lang=options.source_lang,
                   protected=plain_protected(text))


def check(text: str, *, source: str | None = None, source_lang: str | None = None,
          target_lang: str = "en", select=None, ignore=None, target_locale: str | None = None,
          rule_packs: Iterable[str] = (), languagetool: str | None = None,
          languagetool_rules: Iterable[str] = ()) -> list[Issue]:
    """Issues in ``text``, sorted by position. ``select``/``ignore`` take code prefixes.
    ``languagetool`` adds a LanguageTool server's matches (``LT:<ruleId>``), as ``--languagetool``
    does; None follows ``MTFIX_LANGUAGETOOL``."""
    options = _options(source_lang, target_lang, select, ignore,
                       target_locale=target_locale, rule_packs=rule_packs,
                       languagetool=languagetool, languagetool_rules=languagetool_rules)
    return check_segments([_segment(text, source, options)], options)[0]


def fix(text: str, *, source: str | None = None, source_lang: str | None = None,
        unsafe: bool = False, target_lang: str = "en", select=None, ignore=None,
        target_locale: str | None = None, rule_packs: Iterable[str] = ()) -> FixResult:
    """Apply the safe fixes (and, with ``unsafe=True``, the suggested ones) to ``text``."""
    options = _options(source_lang, target_lang, select, ignore, unsafe,
                       target_locale=target_locale, rule_packs=rule_packs)
    seg = _segment(text, source, options)
    segs, edits, first, remaining = fix_segments(
        [seg], lambda ss: check_segments(ss, options), unsafe=unsafe)
    return FixResult(text, segs[0].text, edits[0], first[0], remaining[0])


def score(text: str, *, source: str | None = None, source_lang: str | None = None,
          target_lang: str = "en"):
    """Fluency of ``text`` from 0 to 100, per sentence and for the document. For a target other
    than English the value rests on less evidence: ``Score.confidence`` says how much."""
    from .scorer import score_text

    options = _options(source_lang, target_lang, None, None)
    return score_text(_segment(text, source, options), options)
