"""Rule metadata and rule data: loaded from the YAML packs under ``rules/``, lazily, once.

Every rule, whatever engine runs it, is described by one ``RuleInfo`` built from a YAML entry:
code, name, severity, whether its fix is safe, a message, a description, why machine translation
produces it, and examples (``wrong`` with the flagged span in ``[[...]]``, ``fix``, optionally
``fixed`` (the sentence after a fix wider than the span), and ``ok`` near misses; an example is
tried in the rule's first target language, or its own ``target_lang``). The tests run
every example of every rule (``tests/test_rule_examples.py``).

Where a rule holds: an entry (or a file's top level, as the default of its entries) may declare
``targets:`` (target-language codes, ``[en]``, or ``any``) and ``sources:`` (source-language codes,
or ``any``; absent = any source, and also no source). Defaults come from the pack folder:
``rules/en/`` -> targets [en]; ``rules/<src>-<tgt>/`` (ru-en...) -> sources [src], targets [tgt];
``rules/any/`` -> targets any; ``rules/<lang>/`` -> targets [lang]; a user's pack folder with any
other name -> targets [en]. Codes are compared on their base (``en-GB`` counts as ``en``). The
pipeline runs a rule on a segment only where ``RuleInfo.holds(target, sources)``: the segment's
target language is in ``targets`` (or targets is any), and its source languages meet ``sources``
(or sources is any). ``any_source: true`` (an older spelling) means ``sources: any``.
"""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from .model import Edit, Issue, Severity

CODE_RE = re.compile(r"^(MT\d{3}|LT:[\w.-]+)$")
_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


class RuleDataError(ValueError):
    """A rule pack that does not match the schema; the message names file and entry."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str                      # the sentence, markers removed
    span: tuple[int, int] | None   # the span a wrong example must flag; None for ok examples
    fix: str | None = None         # expected replacement for that span (safe fix or suggestion)
    source_lang: str | None = None
    source: str | None = None
    # The whole sentence after the issue's own fix, for a fix wider than the flagged span (MT313
    # flags a quotation's opening mark and curls both marks in one edit).
    fixed: str | None = None
    target_lang: str | None = None   # the example's language; None: the rule's first target (or en)

    @property
    def wrong(self) -> bool:
        return self.span is not None


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    name: str
    family: str
    severity: Severity
    safe: bool
    message: str
    description: str = ""
    why: str = ""
    pack: str = "en"
    examples: tuple[Example, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    origin: str = ""
    targets: tuple[str, ...] | None = ("en",)   # target-language base codes; None = any
    sources: tuple[str, ...] | None = None      # source-language base codes; None = any (or none)

    def holds(self, target: str | None, sources: Iterable[str] = ()) -> bool:
        """Whether the rule runs on a segment into ``target`` (None: English) translated from
        ``sources`` (base codes; empty: unknown or no source)."""
        if self.targets is not None and lang_base(target or "en") not in self.targets:
            return False
        return self.sources is None or any(s in self.sources for s in sources)

    @property
    def where(self) -> str:
        """``targets en; sources ru`` as ``mtfix rules`` and ``explain`` show it."""
        t = "any" if self.targets is None else ",".join(self.targets)
        return f"targets {t}" + ("" if self.sources is None else f"; sources {','.join(self.sources)}")


    def issue(self, start: int, end: int, replacement: str | None = None, *,
              suggestions: Iterable[str] = (), message: str | None = None,
              safe: bool | None = None, **fmt: str) -> Issue:
        """An Issue of this rule. ``replacement`` becomes the fix and the first suggestion."""
        sugg = list(suggestions)
        if replacement is not None and replacement not in sugg:
            sugg.insert(0, replacement)
        msg = message if message is not None else self.message
        if fmt or "{" in msg:
            fmt.setdefault("suggestion", sugg[0] if sugg else "")
            try:
                msg = msg.format(**fmt)
            except (KeyError, IndexError, ValueError):
                pass
        fix = Edit(start, end, replacement, self.code) if replacement is not None else None
        return Issue(self.code, self.name, msg, self.severity, start, end, tuple(sugg), fix,
                     self.safe if safe is None else safe)


def lang_base(code: str) -> str:
    """``en-GB``, ``en_gb``, ``EN`` -> ``en``."""
    return code.strip().replace("_", "-").split("-")[0].lower()


def pack_defaults(pack: str) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """(targets, sources) a rule of pack folder ``pack`` has unless it says otherwise."""
    from .languages import ISO_639_1

    if pack == "any":
        return None, None
    src, dash, tgt = pack.partition("-")
    if dash and src in ISO_639_1 and tgt in ISO_639_1:
        return (tgt,), (src,)
    if pack in ISO_639_1:
        return (pack,), None
    return ("en",), None


def _lang_list(value: Any, where: str, key: str) -> tuple[str, ...] | None:
    """``any`` -> None; ``en`` or ``[en, de]`` -> ('en', 'de'); anything else is an error."""
    from .languages import ISO_639_1

    if value == "any":
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise RuleDataError(f"{where}: '{key}' must be 'any' or a list of language codes such as [en]")
    out = tuple(dict.fromkeys(lang_base(v) for v in items))
    bad = [v for v in out if v not in ISO_639_1]
    if bad:
        raise RuleDataError(f"{where}: '{key}': unknown language code {bad[0]!r} "
                            "(expected ISO 639-1 codes such as en, de, ru, or 'any')")
    return out

def parse_example(raw: Any, where: str) -> Example:
    if not isinstance(raw, dict) or not ({"wrong", "ok"} & raw.keys()):
        raise RuleDataError(f"{where}: an example needs 'wrong' (with [[span]]) or 'ok'")
    lang = raw.get("source_lang")
    tlang = raw.get("target_lang")
    if tlang is not None and not isinstance(tlang, str):
        raise RuleDataError(f"{where}: an example's 'target_lang' is a language code such as de")
    if "ok" in raw:
        return Example(str(raw["ok"]), None, None, lang, raw.get("source"), target_lang=tlang)
    text = str(raw["wrong"])
    marks = list(_MARK.finditer(text))
    if len(marks) != 1:
        raise RuleDataError(f"{where}: a wrong example marks exactly one span with [[...]]: {text!r}")
    m = marks[0]
    clean = text[:m.start()] + m.group(1) + text[m.end():]
    fix, fixed = raw.get("fix"), raw.get("fixed")
    return Example(clean, (m.start(), m.start() + len(m.group(1))),
                   None if fix is None else str(fix), lang, raw.get("source"),
                   None if fixed is None else str(fixed), tlang)


_UNSET = object()


def parse_rule(raw: Any, family: str, pack: str, origin: str, defaults: dict | None = None) -> RuleInfo:
    where = f"{origin}: {raw.get('code', '?') if isinstance(raw, dict) else '?'}"
    if not isinstance(raw, dict):
        raise RuleDataError(f"{origin}: each rule must be a mapping")
    for key in ("code", "name", "message"):
        if not isinstance(raw.get(key), str):
            raise RuleDataError(f"{where}: missing or non-string '{key}'")
    if not CODE_RE.match(raw["code"]):
        raise RuleDataError(f"{where}: code must look like MT123")
    try:
        severity = Severity.parse(str(raw.get("severity", "warning")))
    except ValueError as e:
        raise RuleDataError(f"{where}: {e}") from None
    if not isinstance(raw.get("examples") or [], list):
        raise RuleDataError(f"{where}: 'examples' must be a list")
    examples = tuple(parse_example(e, where) for e in raw.get("examples") or ())
    known = {"code", "name", "message", "severity", "safe", "description", "why", "examples",
             "targets", "sources"}
    data = {k: v for k, v in raw.items() if k not in known}
    targets, sources = pack_defaults(pack)
    for key, value in ((k, raw.get(k, (defaults or {}).get(k, _UNSET))) for k in ("targets", "sources")):
        if value is not _UNSET:
            parsed = _lang_list(value, where, key)
            targets, sources = (parsed, sources) if key == "targets" else (targets, parsed)
    if raw.get("any_source"):
        sources = None
    return RuleInfo(raw["code"], raw["name"], family, severity, bool(raw.get("safe", False)),
                    raw["message"], str(raw.get("description", "")).strip(),
                    str(raw.get("why", "")).strip(), pack, examples, data, origin, targets, sources)


def _yaml_load(text: str, origin: str) -> Any:
    import yaml  # PyYAML; the C loader when present is ~10x faster

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as e:
        raise RuleDataError(f"{origin}: not valid YAML: {str(e).splitlines()[0]}") from None


def rules_root() -> Path:
    """The shipped rule data: bundled as ``mtfix/_rules`` in a wheel, ``rules/`` in a checkout."""
    bundled = resources.files("mtfix") / "_rules"
    if bundled.is_dir():
        return Path(str(bundled))
    return Path(__file__).resolve().parent.parent / "rules"


# Bounds on a user's rule packs (the shipped ones are trusted): a pack folder is walked at most
# this deep and this wide (``rule-packs = ["/"]`` walked the whole file system), a pack file must
# be a regular file (a link to /dev/zero hung) of bounded size, and its YAML has no aliases (an
# alias bomb under 1 KB expands into millions of nodes) and a bounded number of nodes.
MAX_PACK_DEPTH = 3
MAX_PACK_ENTRIES = 2000
MAX_PACK_BYTES = 4 * 1024 * 1024
MAX_PACK_NODES = 200_000


def iter_pack_files(root: Path, bounded: bool = False) -> Iterator[tuple[str, Path]]:
    """(pack name, file) for every YAML file, pack = its folder name (en, ru-en, ...)."""
    if not bounded:
        for path in sorted(root.rglob("*.yaml")):
            yield path.parent.name, path
        return
    found: list[Path] = []
    seen = 0
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            raise RuleDataError(f"{folder}: cannot list the rule pack folder ({e.strerror})") from None
        seen += len(entries)
        if seen > MAX_PACK_ENTRIES:
            raise RuleDataError(f"{root}: more than {MAX_PACK_ENTRIES} files and folders "
                                "(expected a folder of YAML rule packs)")
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False) and depth + 1 < MAX_PACK_DEPTH:
                stack.append((Path(entry.path), depth + 1))
            elif entry.name.endswith(".yaml"):
                found.append(Path(entry.path))
    for path in sorted(found):
        yield path.parent.name, path


def _read_pack(path: Path, trusted: bool) -> bytes:
    if trusted:
        return path.read_bytes()
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise RuleDataError(f"{path}: not a regular file (expected a YAML rule pack)")
        if st.st_size > MAX_PACK_BYTES:
            raise RuleDataError(f"{path}: {st.st_size} bytes, over the {MAX_PACK_BYTES} bytes a rule pack may have")
        with open(path, "rb") as fh:
            data = fh.read(MAX_PACK_BYTES + 1)
    except OSError as e:
        raise RuleDataError(f"{path}: cannot read ({e.strerror})") from None
    if len(data) > MAX_PACK_BYTES:
        raise RuleDataError(f"{path}: over the {MAX_PACK_BYTES} bytes a rule pack may have")
    return data


def _check_yaml_shape(text: str, origin: str) -> None:
    """Refuse aliases and too many nodes before anything is built from a user's YAML."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise RuleDataError(f"{origin}: line {event.start_mark.line + 1}: YAML aliases "
                                    f"(*{event.anchor}) are not allowed in rule packs")
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                nodes += 1
                if nodes > MAX_PACK_NODES:
                    raise RuleDataError(f"{origin}: line {event.start_mark.line + 1}: more than "
                                        f"{MAX_PACK_NODES} YAML nodes in one rule pack")
    except yaml.YAMLError as e:
        raise RuleDataError(f"{origin}: not valid YAML: {str(e).splitlines()[0]}") from None


_PLAIN = (str, int, float, bool, type(None))


def _check_types(value: Any, origin: str) -> None:
    """Plain data only: mappings with string keys, lists, strings, numbers, booleans."""
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        v, where = stack.pop()
        if isinstance(v, dict):
            for k, x in v.items():
                if not isinstance(k, str):
                    raise RuleDataError(f"{origin}: {where or 'top level'}: key {k!r} must be text")
                stack.append((x, f"{where}.{k}" if where else k))
        elif isinstance(v, list):
            stack.extend((x, f"{where}[{i}]") for i, x in enumerate(v))
        elif not isinstance(v, _PLAIN):
            raise RuleDataError(f"{origin}: {where}: {type(v).__name__} values are not allowed "
                                "(expected text, a number, true/false, a list or a mapping)")


def load_file(path: Path, pack: str, trusted: bool = True) -> tuple[dict, list[RuleInfo]]:
    origin = str(path)
    raw = _read_pack(path, trusted)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleDataError(f"{origin}: not valid UTF-8 at byte {e.start}") from None
    if not trusted:
        _check_yaml_shape(text, origin)
    # Parsed YAML is plain data: cached by content, so a one-file run skips the YAML parser.
    # A cached value is trusted only if it parses as a rule file; otherwise the YAML itself is
    # parsed again, so a bad cache entry can never be blamed on a shipped file.
    doc = _shipped_docs().get(raw)   # parsed at build time, keyed by the file's exact bytes
    if doc is None:
        from .cache import cached, key_of

        doc = cached("yaml", key_of(raw), lambda: _yaml_load(text, origin), valid=lambda d: isinstance(d, dict))
    try:
        return _parse_doc(doc, pack, origin, trusted)
    except Exception:  # noqa: BLE001 - judged again on a fresh parse, which alone may blame the file
        fresh = _yaml_load(text, origin)
        if fresh == doc:
            raise
        return _parse_doc(fresh, pack, origin, trusted)


@lru_cache(maxsize=1)
def _shipped_docs() -> dict:
    """The shipped rule files parsed when the wheel was built (mtfix/builddata/rules_parsed.py)."""
    import marshal

    try:
        raw = marshal.loads((Path(__file__).resolve().parent / "data" / "rules-parsed.marshal").read_bytes())
        if isinstance(raw, dict) and raw.get("format") == 2 and isinstance(raw.get("docs"), dict):
            return raw["docs"]
    except Exception:  # noqa: BLE001 - not built (a checkout) or damaged: parse the YAML
        pass
    return {}


def _parse_doc(doc: Any, pack: str, origin: str, trusted: bool = True) -> tuple[dict, list[RuleInfo]]:
    if not isinstance(doc, dict):
        raise RuleDataError(f"{origin}: expected a mapping with 'family' and 'rules'")
    if not trusted:
        _check_types(doc, origin)
    family = doc.get("family")
    if not isinstance(family, str):
        raise RuleDataError(f"{origin}: missing 'family'")
    raw_rules = doc.get("rules") or []
    if not isinstance(raw_rules, list):
        raise RuleDataError(f"{origin}: 'rules' must be a list")
    defaults = {k: doc[k] for k in ("targets", "sources") if k in doc}
    return doc, [parse_rule(r, family, pack, origin, defaults) for r in raw_rules]


class Registry:
    """All rules by code, and each YAML file's top-level data by family (for the engines)."""

    def __init__(self, roots: Iterable[Path], user_roots: Iterable[Path] = ()) -> None:
        self.rules: dict[str, RuleInfo] = {}
        self.family_data: dict[str, list[dict]] = {}
        for root, trusted in [*((r, True) for r in roots), *((r, False) for r in user_roots)]:
            for pack, path in iter_pack_files(root, bounded=not trusted):
                doc, rules = load_file(path, pack, trusted)
                self.family_data.setdefault(doc["family"], []).append(doc)
                for rule in rules:
                    if rule.code in self.rules:
                        raise RuleDataError(f"{path}: duplicate rule code {rule.code} "
                                            f"(also in {self.rules[rule.code].origin})")
                    self.rules[rule.code] = rule

    def family(self, name: str) -> list[RuleInfo]:
        return [r for r in self.rules.values() if r.family == name]

    def data(self, family: str, key: str, default: Any = None) -> Any:
        """A top-level key of the family's YAML file(s); lists and dicts are merged (once per
        key and default: the registry does not change, and engines ask on every call)."""
        memo = self.__dict__.setdefault("_data_memo", {})
        mkey = (family, key, repr(default))
        if mkey not in memo:
            memo[mkey] = self._data(family, key, default)
        return memo[mkey]

    def _data(self, family: str, key: str, default: Any) -> Any:
        out = default
        for doc in self.family_data.get(family, ()):
            if key not in doc:
                continue
            val = doc[key]
            if isinstance(val, list):
                out = (out or []) + val
            elif isinstance(val, dict):
                out = {**(out or {}), **val}
            else:
                out = val
        return out


def registry(extra: tuple[str, ...] = ()) -> Registry:
    # One Registry per set of packs: registry() and registry(()) must not load the rules twice.
    return _registry(tuple(extra))


@lru_cache(maxsize=8)
def _registry(extra: tuple[str, ...]) -> Registry:
    return Registry([rules_root()], [Path(p) for p in extra])
