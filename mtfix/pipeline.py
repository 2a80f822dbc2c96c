"""The one pipeline: segments -> analysis -> checks -> issues (filtered, located, sorted).

Every entry point (``mtfix.check``, ``mtfix.fix``, the CLI, the pre-commit hook) comes through
``check_segments``; nothing else runs rules.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from .analysis import Doc
from .checks import Context, Rules, family_modules
from .model import Issue, Segment
from .options import Options
from .languages import path_lang
from .ruledata import lang_base, registry
from . import suppress


def unknown_codes(codes: Sequence[str], options: Options) -> list[str]:
    """Codes (or prefixes) that match no rule: a typo the user should hear about."""
    known = registry(options.rule_packs).rules
    return [c for c in codes if c and not c.startswith("LT:")
            and not any(k.startswith(c) for k in known)]


def check_segments(segments: Sequence[Segment], options: Options = Options(), *,
                   suppressed: list[Issue] | None = None) -> list[list[Issue]]:
    """Issues for each segment of one document, in the order of the segments.

    In-file suppressions are applied last (issues they silence go to ``suppressed`` when a
    list is given); ``options.extra["languagetool"]`` adds LanguageTool matches (LT:*).
    """
    reg = registry(options.rule_packs)
    docs = [Doc(s) for s in segments]
    found: list[list[Issue]] = [[] for _ in segments]
    with_source = any(s.source and s.source.strip() for s in segments)
    wheres = where_of(segments, options)
    first = wheres[0] if wheres else ("en", ())
    if all(w == first for w in wheres):     # the usual case: one file, one target, one source
        groups = {first: None}
    else:
        groups = {}
        for i, w in enumerate(wheres):
            groups.setdefault(w, []).append(i)
    for where, idx in groups.items():
        gdocs = docs if idx is None else [docs[i] for i in idx]
        gfound = found if idx is None else [found[i] for i in idx]
        ctx = Context(source_lang=options.source_lang, target_locale=options.target_locale,
                      target=where[0], registry=reg, docs=gdocs, options=options, found=gfound)
        plan = _enabled(reg, options, with_source, where)
        if len(gdocs) == 1:      # one call per sentence (an editor, a pipeline): no loops over docs
            doc, here = gdocs[0], gfound[0]
            for module, whole, rules in plan:
                here.extend(module.check(doc, rules, ctx))
                if whole:
                    here.extend(issue for _, issue in module.check_document(gdocs, rules, ctx))
        else:
            for module, whole, rules in plan:
                for i, doc in enumerate(gdocs):
                    gfound[i].extend(module.check(doc, rules, ctx))
                if whole:
                    for i, issue in module.check_document(gdocs, rules, ctx):
                        gfound[i].append(issue)
    results = [_finish(seg, issues, options) for seg, issues in zip(segments, found)]
    if options.extra.get("languagetool"):
        from .languagetool import add_matches   # lazy: only when a server is configured

        from .languagetool import lt_language

        # Each segment is sent in its own target language (English: target_locale); a target
        # LanguageTool has no profile for is not sent at all.
        by_lang: dict[str, list[int]] = {}
        for i, w in enumerate(wheres):
            lang = lt_language(w[0], options.target_locale)
            if lang:
                by_lang.setdefault(lang, []).append(i)
        for lang, idx in by_lang.items():
            if len(idx) == len(segments):
                results = add_matches(segments, results, options, _finish, lang)
                continue
            got = add_matches([segments[i] for i in idx], [results[i] for i in idx], options, _finish, lang)
            for i, res in zip(idx, got):
                results[i] = res
    return suppress.apply(segments, results, options, reg.rules, suppressed)


def target_of(segment: Segment, options: Options, guess: str | None = None) -> str:
    """The base code of the language ``segment`` is written in: what its file says (a PO
    ``Language:`` header, XLIFF ``target-language``/``trgLang``: ``Segment.target_lang``), else
    the options' ``target_lang`` (``--target-lang``), else a locale in the file's path
    (``locales/de/``, ``fr.po``, ``*.de.md``), else ``guess`` (the document's language detected
    from its text: ``text_target``), else English. ``en-GB`` is ``en``."""
    lang = segment.target_lang or options.target_lang or path_lang(segment.location.path) or guess
    return lang_base(lang) if lang else "en"


def text_target(segments: Sequence[Segment], options: Options) -> str | None:
    """The target language detected from the text of the document (its first ~4,000
    characters), when nothing names one: neither a segment's metadata, nor the options, nor the
    path. One guess per document, not per segment, so an untranslated paragraph in an English
    file stays English (and MT621 reports it). None when unsure."""
    if options.target_lang or not segments:
        return None
    first = segments[0]
    if first.target_lang or path_lang(first.location.path):
        return None
    from .langdetect import detect_target

    parts: list[str] = []
    size = 0
    for s in segments:
        if s.target_lang:
            continue
        parts.append(s.text)
        size += len(s.text)
        if size > 4000:
            break
    return detect_target("\n".join(parts))


def target_reason(segment: Segment, options: Options, guess: str | None = None) -> tuple[str, str]:
    """(target base code, why) as ``mtfix config FILE`` says it."""
    if segment.target_lang:
        return lang_base(segment.target_lang), f"the file's metadata says {segment.target_lang}"
    if options.target_lang:
        return lang_base(options.target_lang), "--target-lang or the config's target-lang"
    found = path_lang(segment.location.path)
    if found:
        return found, f"the path {segment.location.path} names it"
    if guess:
        return lang_base(guess), "detected from the text (script and common words)"
    return "en", "the default: nothing names another"


def where_of(segments: Sequence[Segment], options: Options) -> list[tuple[str, tuple[str, ...]]]:
    """(target, source languages) of each segment: what decides which rules hold on it.

    Source languages: the options' (``--source-lang ru,zh``), else the segment's own (XLIFF
    ``source-language``), else guessed from its source text; with ``--source-lang auto`` a
    segment without a source gets the language the document's calques betray."""
    guess = text_target(segments, options)
    if options.source_langs and not options.source_auto:
        given = tuple(lang_base(c) for c in options.source_langs)
        return [(target_of(s, options, guess), given) for s in segments]
    out: list[tuple[str, tuple[str, ...]]] = []
    guessed: tuple[str, ...] | None = None
    for s in segments:
        if s.source_lang:
            langs: tuple[str, ...] = (lang_base(s.source_lang),)
        elif s.source and s.source.strip():
            from .langdetect import detect

            lang = detect(s.source)
            langs = (lang,) if lang else ()
        elif options.source_auto:
            if guessed is None:
                from .hints import likely_sources

                found = likely_sources(segments, options)
                guessed = (found.most_common(1)[0][0],) if found else ()
            langs = guessed
        else:
            langs = ()
        out.append((target_of(s, options, guess), langs))
    return out


_ENABLED: dict[tuple, tuple] = {}
_LAST: tuple = (None, None, None, None, None)   # (registry, options, with_source, where, plan) of the last call
# Families that report only on segments with a non-blank source (MT7xx: checks/source.py
# returns at once without one, and MT706 groups segments by their source): a run on plain text
# skips them, and does not even import them (~5 ms of a pre-commit run on one file).
SOURCE_ONLY = frozenset({"source"})


def _enabled(reg, options: Options, with_source: bool = True,
             where: tuple[str, tuple[str, ...]] = ("en", ())) -> list:
    """(family module, whether it has ``check_document``, its enabled rules) for these options:
    worked out once per registry and options, not on every call (an editor or a benchmark calls
    once per sentence). The last call's answer is kept by identity, so the usual caller (the
    API's cached Options, the same object every time) does not even hash the options."""
    global _LAST
    last = _LAST
    if last[1] is options and last[0] is reg and last[2] == with_source and last[3] == where:
        return last[4]
    key = (id(reg), options, with_source, where)
    got = _ENABLED.get(key)
    if got is None or got[0] is not reg:
        modules = family_modules(frozenset() if with_source else SOURCE_ONLY)
        target, sources = where
        pairs = [(m, Rules({r.code: r for r in reg.family(m.FAMILY)
                            if options.enabled(r.code) and r.holds(target, sources)}))
                 for m in modules]
        if len(_ENABLED) > 64:   # options built per call with changing values: stay small
            _ENABLED.clear()
        got = _ENABLED[key] = (reg, [(m, "check_document" in m.__dict__, rules)
                                     for m, rules in pairs if rules])
    _LAST = (reg, options, with_source, where, got[1])
    return got[1]


def _finish(segment: Segment, issues: list[Issue], options: Options) -> list[Issue]:
    out: dict[tuple, Issue] = {}
    for issue in issues:
        if not options.enabled(issue.code):
            continue
        if segment.is_protected(issue.start, issue.end) and not _flags_protected(issue.code, options):
            continue
        if issue.fix is not None and segment.is_protected(issue.fix.start, issue.fix.end):
            issue = replace(issue, fix=None, safe=False)
        key = (issue.start, issue.end, issue.code)
        if key not in out:
            out[key] = replace(issue, location=segment.position(issue.start))
    return sorted(out.values(), key=lambda i: (i.start, i.end, i.code))


def _flags_protected(code: str, options: Options) -> bool:
    """Source-aware rules (``flags_protected: true`` in their YAML) report on placeholders and URLs
    themselves (missing, added, altered); like every rule they still never edit them."""
    rule = registry(options.rule_packs).rules.get(code)
    return bool(rule is not None and rule.data.get("flags_protected"))


def check_text(text: str, options: Options = Options(), *, source: str | None = None,
               protected: tuple[tuple[int, int], ...] | None = None) -> list[Issue]:
    from .protect import plain_protected

    prot = plain_protected(text) if protected is None else protected
    seg = Segment(text, source=source, source_lang=options.source_lang, protected=prot)
    return check_segments([seg], options)[0]
