"""Optional LanguageTool backend: a running LanguageTool server's matches as ``LT:<ruleId>`` issues.

Off unless configured (``languagetool = "http://host:port"`` or ``"local"`` in the config file, or
``MTFIX_LANGUAGETOOL``); the pipeline imports this module only then, and this module imports
language-tool-python only when it first talks to a server, so a normal run never pays for it.

- One request per document (per 50,000 characters for big catalogues): the segments are joined
  with blank lines and each match is mapped back to its segment (matches that straddle two
  segments are dropped), so protected spans and file positions go through the same ``finish``
  step as mtfix's own issues.
- A match overlapping one of mtfix's own issues in that segment is dropped: mtfix's message is
  the more specific one and the user should not read the same problem twice.
- Protected spans (placeholders, URLs, code, markup) are masked before the text leaves mtfix:
  same length, neutral characters, so no match can come from them and every offset stays true.
- Which rules run is a profile (``languagetool-rules``): "mt", the default, is LanguageTool's
  defaults less what measurement on MT output and human text showed to be noise, spelling
  matches on capitalised words (names) included (see ``PROFILES``); "mt-names" keeps those;
  "default" is LanguageTool's own defaults; "+ID"/"-ID" and "+category:ID"/"-category:ID"
  adjust any of them.
- Replacements are suggestions only; an LT issue never carries a fix, so nothing is applied
  (``SAFE_RULES``, the vetted list of rules whose replacement could be applied, is empty).
- A server that is down, slow (timeout) or answers with an error costs one warning line on
  stderr for the whole run; no more requests go to it and mtfix's own checks decide the result.
"""
from __future__ import annotations

import os
import re
import sys
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Callable, Sequence

from .model import Issue, Segment, Severity
from .options import Options

ENV_TIMEOUT = "MTFIX_LANGUAGETOOL_TIMEOUT"
DEFAULT_TIMEOUT = 10.0
SEPARATOR = "\n\n"        # a paragraph break: LT never joins sentences across it
MAX_SUGGESTIONS = 5
MAX_BATCH_CHARS = 50_000  # LanguageTool servers cap a request's text (the public API at 20k-60k)

# issueType (LT's own taxonomy, from its JSON) -> how seriously mtfix reports it.
_SEVERITY = {"misspelling": Severity.WARNING, "grammar": Severity.WARNING,
             "inconsistency": Severity.WARNING, "duplication": Severity.WARNING}

# A local server (``--languagetool local``) answers its first request only after the JVM has
# loaded the English rules: ~10 s on a shared 2-core machine, so it gets a longer timeout.
LOCAL_TIMEOUT = 60.0
LOCAL_HEAP = "-Xmx1g"   # the library starts java without a heap limit; the machine is shared

# Rules whose replacement could be applied by ``mtfix fix``: none is vetted yet, since LanguageTool's
# first replacement is often one of several readings (HE_VERB_AGR offers "goes" and "went").
SAFE_RULES: frozenset[str] = frozenset()

_clients: dict[tuple, object] = {}
_failed: dict[str, str] = {}     # target -> why it failed; warned once, then skipped


class BackendError(Exception):
    """The server could not answer; the message is the reason shown in the warning."""


def timeout_seconds(options: Options) -> float:
    raw = options.extra.get("languagetool_timeout") or os.environ.get(ENV_TIMEOUT)
    default = LOCAL_TIMEOUT if options.extra.get("languagetool") == "local" else DEFAULT_TIMEOUT
    try:
        return float(raw) if raw else default
    except ValueError:
        return default


def _client(target: str, language: str, mother_tongue: str | None, timeout: float,
            rules: dict[str, str] | None = None):
    key = (target, language, mother_tongue, timeout, tuple(sorted((rules or {}).items())))
    if key in _clients:
        return _clients[key]
    import language_tool_python as ltp   # ~100 ms; only here, only when configured

    class Client(ltp.LanguageTool):
        _TIMEOUT = timeout   # the library's default is 300 s; a pre-commit run cannot wait that long

        def _query_server(self, url, params=None, num_tries=2, method="get"):
            # One try: a slow server must cost one timeout, not two.
            return super()._query_server(url, params, 1, method)

        def _get_languages(self):
            self.codes = super()._get_languages()   # fetched once, when the client is made
            return self.codes

        def _create_params(self, text):
            params = super()._create_params(text)
            # Set directly (the library would re-fetch /v2/languages to validate it), and only a
            # code the server knows: an unknown motherTongue makes LanguageTool reject the request.
            if mother_tongue and mother_tongue in getattr(self, "codes", ()):
                params["motherTongue"] = mother_tongue
            params.update(rules or {})
            return params

        def _wait_for_server_ready(self, timeout: int = 15) -> None:
            # The library allows a local JVM 15 s to start; on a busy 2-core machine it needs more.
            super()._wait_for_server_ready(max(timeout, int(LOCAL_TIMEOUT)))

    if target == "local":
        # JDK_JAVA_OPTIONS is read by the java launcher the library starts (its command line has no
        # room for JVM options); a user's own setting wins.
        os.environ.setdefault("JDK_JAVA_OPTIONS", LOCAL_HEAP)
        version = installed_local_version()
        # Pin the installed version: asked for its default one, the library would download it.
        client = Client(language, language_tool_download_version=version) if version else Client(language)
    else:
        client = Client(language, remote_server=target)
    _clients[key] = client
    return client


@dataclass(frozen=True)
class Profile:
    """Changes to LanguageTool's default rule set (as its /v2/check parameters take them), and
    whether spelling matches on capitalised words (nearly always names in MT output) are dropped."""
    disabled_categories: frozenset[str] = frozenset()
    disabled_rules: frozenset[str] = frozenset()
    enabled_categories: frozenset[str] = frozenset()
    enabled_rules: frozenset[str] = frozenset()
    drop_capitalised_spelling: bool = False
    drop_regional_spelling: bool = False   # "centre" in en-US, "center" in en-GB (see regional_pair)
    only_enabled: bool = False     # run enabled_rules and nothing else (LanguageTool's enabledOnly)


# Chosen by benchmarks/languagetool_compare.py --by-rule on the dev data (LanguageTool 6.6, its
# defaults; news20 zh-en: 1,000 MT segments with 4,553 expert spans and 300 human translations;
# MLQE-PE dev: 300 MT sentences and their post-edits for each of ru, et, ne, ro, si). Kept: what
# lands on expert spans or on what post-editors changed more often than on human text. Off: what
# never landed on an expert span and flags post-edits or human translations as often as MT
# (figures: news issues / on a span / human issues / MLQE MT : post-edit flags):
_MT_NAMES = Profile(
    disabled_categories=frozenset({
        "REDUNDANCY",              # 13 / 0 / 3 / 7:5   (SO_AS_TO, LARGE_NUMBER_OF: style advice)
        "REPETITIONS_STYLE",       # 14 / 0 / 0 / 1:0   (three sentences starting with "The")
        "STYLE",                   # 0 / 0 / 0 / 2:2
        "AMERICAN_ENGLISH_STYLE",  # 1 / 0 / 2 / 1:4    (MISSING_COMMA_AFTER_YEAR)
        "CASING",                  # 0 / 0 / 1 / 19:21  (UPPERCASE_SENTENCE_START on lower-case Reddit posts)
    }),
    disabled_rules=frozenset({
        "COMMA_COMPOUND_SENTENCE",                      # 1 / 1 / 0 / 9:7  (108 keyed MT pages: 22 matches, none on a key span)
        "COMMA_COMPOUND_SENTENCE_2",                    # 5 / 1 / 2 / 4:2
        "EN_UNPAIRED_BRACKETS",                         # 0 / 0 / 0 / 8:9
        "EN_UNPAIRED_QUOTES",                           # 47 / 22 / 16 / 11:7 (human news as often as MT; mtfix's MT305/MT313 cover quotes)
        "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA",  # 0 / 0 / 0 / 5:5
        "COMMA_PERIOD_CONFUSION",                       # 0 / 0 / 0 / 8:8
        "SENTENCE_WHITESPACE",                          # 0 / 0 / 0 / 3:4
        "GERMAN_QUOTES",                                # 0 / 0 / 2 / 0:0
    }),
    drop_regional_spelling=True)
# Spelling (MORFOLOGIK) matches on capitalised words: 507 of its 577 on news MT, on an expert
# span at 0.52 (lower-case words: 0.86), 188 of its 214 on human translations, and MLQE
# post-edits get more of them than MT (462:732; lower-case 492:144). They are what makes
# LanguageTool flag a third of human post-edits, so the default "mt" profile drops them (its
# replacements are suggestions only in any profile: never a fix). Measured with mtfix's own
# checks on the samples above (2026-12, `languagetool_compare.py --systems
# lt-curated,mtfix,mtfix+lt`, MT802's pooled gate 0.99): LanguageTool alone with "mt": span P
# 0.774 R 0.027, 13.7 flags per 100 human translations, MT:PE 2.95; mtfix alone P 0.507 R 0.078,
# 25/100, MT:PE 5.11; mtfix with "mt" P 0.514 R 0.085, 34/100, MT:PE 3.48. The former default
# (now "mt-names"), with MT802's former gate: mtfix + LanguageTool P 0.511 R 0.174 but 121/100
# and MT:PE 1.37 (raters often mark a mistransliterated name, and so do the names in good
# translations). "mt-names" is the opt-in for reviewers who want every name checked.
_MT = replace(_MT_NAMES, drop_capitalised_spelling=True)
PROFILES: dict[str, Profile] = {
    "mt": _MT,
    "mt-strict": _MT,          # the former name of the default, kept so configs keep working
    "mt-names": _MT_NAMES,
    "default": Profile(),
}
DEFAULT_PROFILE = "mt"

# Targets other than English: the code LanguageTool is asked in, and the rules it may run there
# (enabledOnly: a rule left out never runs, so a rule the measurement never saw cannot flag a
# correct translation on new text).
TARGET_LANGUAGES = {"de": "de-DE", "fr": "fr", "es": "es"}
# German: chosen by benchmarks/languagetool_targets.py (LanguageTool 6.6, every default rule):
# those that flag at most 0.2% of 1,200 human German translations (600 MLQE-PE en-de dev
# post-edits, 600 WMT21 news references ref.A/ref.B) and flag 1,200 MT outputs (MLQE-PE en-de
# dev, three WMT21 news systems) more often; style advice (a word repeated across sentences) is
# left out. Left out as noisy on human German: GERMAN_SPELLER_RULE (47% of human segments: names,
# compounds), the comma and quotation rules, DE_CASE, DE_AGREEMENT, DE_VERBAGREEMENT (1 human : 1
# MT), UPPERCASE_SENTENCE_START... With these 11, at most 0.67% of human segments get a finding (every
# default rule: 67% of the post-edits). Evidence is thin (most kept rules fired 1-7 times on MT).
_DE_RULES = frozenset({
    "COMPOUND_INFINITIV_RULE", "DER_ERSTE", "DE_COMPOUND_COHERENCY", "EINHEIT_LEERZEICHEN",
    "GERMAN_WORD_REPEAT_RULE", "KOMMA_VOR_ERLAEUTERUNG", "OLD_SPELLING_RULE", "PLURAL_APOSTROPH",
    "SCHWERFALLEN", "UNPAIRED_BRACKETS", "ZUSAMMENSCHREIBUNG_HIERHER"})
# French and Spanish: the shared data has no human translations into them to measure on, so only
# the agreement categories run (determiner-noun, subject-verb: the MT errors that are errors in
# any register); spelling, style, typography and punctuation do not.
TARGET_PROFILES: dict[str, Profile] = {
    "de": Profile(enabled_rules=_DE_RULES, only_enabled=True),
    "fr": Profile(enabled_categories=frozenset({"AGREEMENT"}), only_enabled=True),
    "es": Profile(enabled_categories=frozenset({"AGREEMENT_NOUNS", "AGREEMENT_VERBS"}), only_enabled=True),
}


def profile_for(options: Options, language: str = "en-US") -> tuple[Profile, dict[str, str]]:
    """The profile named by ``languagetool-rules`` (first entry; default "mt") and the /v2/check
    parameters after its "+ID"/"-ID" and "+category:ID"/"-category:ID" entries, applied in order
    (config.py validated them). Outside English, "mt" and "mt-strict" are the target's own
    measured profile (``TARGET_PROFILES``)."""
    entries = list(options.extra.get("languagetool_rules") or ())
    name = entries.pop(0) if entries and entries[0] in PROFILES else DEFAULT_PROFILE
    p = PROFILES[name]
    base = language.split("-")[0]
    if base != "en" and name != "default":
        p = TARGET_PROFILES[base]
    sets = {"dc": set(p.disabled_categories), "dr": set(p.disabled_rules),
            "ec": set(p.enabled_categories), "er": set(p.enabled_rules)}
    for entry in entries:
        on, ident = entry[0] == "+", entry[1:]
        kind = "c" if ident.lower().startswith("category:") else "r"
        ident = ident.split(":", 1)[1] if kind == "c" else ident
        sets[("e" if on else "d") + kind].add(ident)
        sets[("d" if on else "e") + kind].discard(ident)
    names = {"dc": "disabledCategories", "dr": "disabledRules", "ec": "enabledCategories",
             "er": "enabledRules"}
    params = {names[k]: ",".join(sorted(v)) for k, v in sets.items() if v}
    if p.only_enabled:
        params["enabledOnly"] = "true"
        params.pop("disabledRules", None), params.pop("disabledCategories", None)
    return p, params


def _dropped(profile: Profile, match, word: str) -> bool:
    if str(getattr(match, "rule_issue_type", "")).lower() != "misspelling":
        return False
    return (profile.drop_capitalised_spelling and word[:1].isupper()
            or profile.drop_regional_spelling and regional_pair(word, next(iter(match.replacements or ()), "")))


# British and American spellings of one word ("centre"/"center", "organise"/"organize",
# "licence"/"license", "enrol"/"enroll"): each side's endings rewritten to one canonical form.
# LanguageTool's en-US speller flags every British spelling as a typo (on the 108 keyed MT pages
# of benchmarks/pages, 60 of the 93 lower-case matches that no key span holds), and no post-editor
# would count one as an MT error; the other locale is MT602's business (one spelling per document).
_REGIONAL = tuple((re.compile(a), b) for a, b in (
    (r"^grey", "gray"), (r"^tyre", "tire"), (r"^cheque", "check"), (r"^draught", "draft"),
    (r"^sulph", "sulf"), (r"^mould", "mold"), (r"^plough", "plow"), (r"^pyjama", "pajama"),
    (r"^aluminium", "aluminum"), (r"^manoeuvre(s)?$", r"maneuver\1"), (r"^practis", "practic"),
    (r"ence(s)?$", r"ense\1"),
    (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"), (r"ys(e|ed|es|ing)$", r"yz\1"),
    (r"(?<=[a-z]{2})our(s|ed|ing|able|ite|ites|ful|less|ly|y)?$", r"or\1"), (r"(?<=[tb])re(s|d)?$", r"er\1"),
    (r"ae", "e"), (r"oe(?=[a-z])", "e"), (r"ogue(s)?$", r"og\1"), (r"mme(s)?$", r"m\1"),
    (r"ll(ed|ing|er|ers|or|ors)$", r"l\1"), (r"^(enrol|fulfil|instal|distil|skil)l", r"\1")))


def regional_pair(word: str, other: str) -> bool:
    """``word`` and ``other`` are one word in British and American spelling."""
    a, b = word.lower(), other.lower()
    if a == b or not a.isalpha() or not b.isalpha():
        return False
    for rx, rep in _REGIONAL:
        a, b = rx.sub(rep, a), rx.sub(rep, b)
    return a == b


def installed_local_version() -> str | None:
    """The version of a LanguageTool already installed where language-tool-python looks for one
    (``LTP_JAR_DIR_PATH``; else ``LTP_PATH`` or ~/.cache/language_tool_python holding
    ``LanguageTool-<version>/``); "" when the jar folder is given directly; None when absent."""
    if os.environ.get("LTP_JAR_DIR_PATH"):
        return ""
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    if not folder.is_dir():
        return None
    for d in sorted(folder.glob("LanguageTool-*"), reverse=True):
        if (d / "languagetool-server.jar").is_file() or (d / "languagetool.jar").is_file():
            return d.name.removeprefix("LanguageTool-")
    return None


def fetch_matches(text: str, target: str, language: str, mother_tongue: str | None,
                  timeout: float, rules: dict[str, str] | None = None) -> list:
    """language_tool_python ``Match`` objects for ``text``, or ``BackendError``."""
    if target == "local" and installed_local_version() is None:
        # Otherwise the library downloads the server (offline: a bare requests ConnectionError
        # after a long wait). mtfix never downloads at run time.
        raise BackendError("no local LanguageTool installed (install it and set LTP_PATH "
                           "to its parent folder, or run a server and give its URL)")
    try:
        if target == "local":       # starting the JVM has its own, longer limit
            client = _client(target, language, mother_tongue, timeout, rules)
        else:
            client = _within(timeout, lambda: _client(target, language, mother_tongue, timeout, rules))
        return _within(timeout, lambda: client.check(text))
    except BackendError:
        raise
    except Exception as e:   # LanguageToolError, requests errors, JSON shape errors: all one warning
        raise BackendError(_reason(e)) from None


def _within(seconds: float, call: Callable[[], object]):
    """``call()`` if it returns within ``seconds`` in all, else BackendError. The library's
    timeout is per read: a server sending a byte every 2 s kept a 5 s timeout waiting 124 s.
    A call past its deadline is left to finish on its daemon thread; its answer is ignored."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = call()
        except BaseException as e:  # noqa: BLE001 - handed to the caller below
            box["error"] = e

    worker = threading.Thread(target=run, name="mtfix-languagetool", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise BackendError("no answer (timed out)")
    if "error" in box:
        raise box["error"]          # type: ignore[misc]
    return box["value"]


def _reason(e: Exception) -> str:
    text = " ".join(str(e).split())
    if "timed out" in text.lower() or "timeout" in type(e).__name__.lower():
        return "no answer (timed out)"
    if "refused" in text.lower() or "Max retries" in text:
        return "connection refused"
    if "aborted" in text.lower() or "reset by peer" in text.lower():
        return "connection lost (the server stopped answering)"
    return (text[:160] + "...") if len(text) > 160 else (text or type(e).__name__)


def warn_once(target: str, reason: str) -> None:
    if target in _failed:
        return
    _failed[target] = reason
    print(f"mtfix: warning: LanguageTool at {target}: {reason}; only mtfix's own checks ran",
          file=sys.stderr)


def _unsafe_char(ch: str) -> bool:
    # Control characters (ESC starts a terminal escape) and format characters (U+202E and the
    # other bidi overrides reorder what the user reads) from a server are never printed raw.
    return unicodedata.category(ch) in ("Cc", "Cf")


def _printable(text: str) -> str:
    """``text`` with its control and format characters shown as escapes (``\\x1b``, ``\\u202e``)."""
    if not any(_unsafe_char(c) for c in text):
        return text
    return "".join(c.encode("unicode_escape").decode("ascii") if _unsafe_char(c) else c for c in text)


_RULE_ID = re.compile(r"[^\w.-]")


def to_issue(match, start: int) -> Issue:
    end = start + int(match.error_length)
    severity = _SEVERITY.get(str(getattr(match, "rule_issue_type", "")).lower(), Severity.INFO)
    category = _RULE_ID.sub("", str(getattr(match, "category", "") or "misc").lower().replace("_", "-"))
    # A replacement holding a control or bidi character is dropped: shown escaped it would be a
    # suggestion nobody can apply, and raw it is a terminal escape or reordered text.
    suggestions = tuple(islice((r for r in map(str, match.replacements or [])
                                if not any(_unsafe_char(c) for c in r)), MAX_SUGGESTIONS))
    rule_id = _RULE_ID.sub("", str(match.rule_id))
    return Issue(f"LT:{rule_id}", f"languagetool-{category}", _printable(" ".join(str(match.message).split())),
                 severity, start, end, suggestions, None, rule_id in SAFE_RULES)


def masked(segment: Segment) -> str:
    """The segment's text with its protected spans blanked, length for length (so offsets stay
    true, in UTF-16 too: every mask character is one unit). Markup (``<b>``, ``<!-- -->``) becomes
    spaces, as it carries no words; anything else (placeholders, URLs, code) becomes zeros, which
    LanguageTool reads as a number: no spelling match, and the sentence keeps a word-like token
    where the user wrote one ("Hello {name}," -> "Hello 000000,"). Line breaks are kept."""
    if not segment.protected:
        return segment.text
    chars = list(segment.text)
    for s, e in segment.protected:
        fill = " " if segment.text.startswith("<", s) else "0"
        for i in range(s, min(e, len(chars))):
            if chars[i] not in "\r\n":
                chars[i] = fill
    return "".join(chars)


def batches(segments: Sequence[Segment]) -> list[list[int]]:
    """Consecutive segment indexes, each batch at most MAX_BATCH_CHARS of text (a longer segment
    goes alone): a whole document per request, except catalogues too big for one."""
    out: list[list[int]] = []
    size = 0
    for k, seg in enumerate(segments):
        if not seg.text.strip():
            continue
        if out and size + len(seg.text) <= MAX_BATCH_CHARS:
            out[-1].append(k)
            size += len(seg.text) + len(SEPARATOR)
        else:
            out.append([k])
            size = len(seg.text) + len(SEPARATOR)
    return out


def lt_language(target: str, locale: str) -> str | None:
    """The language code LanguageTool is asked in for a target (English: the target locale), or
    None for a target without a profile here (it is not sent)."""
    if target == "en":
        return locale
    return TARGET_LANGUAGES.get(target)


def add_matches(segments: Sequence[Segment], results: list[list[Issue]], options: Options,
                finish: Callable[[Segment, list[Issue], Options], list[Issue]],
                language: str | None = None) -> list[list[Issue]]:
    """``results`` (mtfix's finished issues per segment) plus LanguageTool's, deduplicated;
    the segments are sent in ``language`` (default: the English target locale)."""
    target = str(options.extra.get("languagetool") or "")
    if not target or target in _failed:
        return results
    language = language or options.target_locale
    extra: list[list[Issue]] = [[] for _ in segments]
    profile, params = profile_for(options, language)
    for batch in batches(segments):
        starts, pos = [], 0
        for k in batch:
            starts.append(pos)
            pos += len(segments[k].text) + len(SEPARATOR)
        text = SEPARATOR.join(masked(segments[k]) for k in batch)
        try:
            matches = fetch_matches(text, target, language, options.source_lang,
                                    timeout_seconds(options), params)
        except BackendError as e:
            warn_once(target, str(e))
            return results          # all or nothing: a half-checked document would mislead
        for m in matches:
            j = bisect_right(starts, int(m.offset)) - 1
            if j < 0:
                continue
            k, local = batch[j], int(m.offset) - starts[j]
            if int(m.error_length) < 0:
                continue    # a negative length: an issue ending before it starts
            if local + int(m.error_length) > len(segments[k].text):
                continue    # inside or across a separator: no honest place to report it
            issue = to_issue(m, local)
            if _dropped(profile, m, segments[k].text[issue.start:issue.end]):
                continue
            if any(issue.start < own.end and own.start < issue.end or issue.span == own.span
                   for own in results[k]):
                continue
            extra[k].append(issue)
    return [finish(seg, own + lt, options) if lt else own
            for seg, own, lt in zip(segments, results, extra)]
