"""Project configuration: ``[tool.mtfix]`` in ``pyproject.toml``, or ``.mtfix.toml`` / ``mtfix.toml``.

Found like ruff finds its own: walk up from each checked file's folder; in each folder
``.mtfix.toml`` wins over ``mtfix.toml``, which wins over a ``pyproject.toml`` that has a
``[tool.mtfix]`` table; the first folder with one of them decides (files are not merged).
Precedence of a value: command line > environment (``MTFIX_LANGUAGETOOL`` only) > file > default.

Every user mistake (unknown key, wrong type, unknown rule code, malformed user rule pack) is a
``ConfigError`` whose message is the one line the user sees: file, key or entry, what was expected.
"""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .options import Options, parse_codes

CONFIG_NAMES = (".mtfix.toml", "mtfix.toml", "pyproject.toml")
ENV_LANGUAGETOOL = "MTFIX_LANGUAGETOOL"
LOCALES = ("en-US", "en-GB")
FAIL_ON = ("error", "warning", "info", "never")

DEFAULTS: dict[str, Any] = {
    "select": None,            # None = every rule
    "ignore": [],
    "extend-select": [],
    "per-file-ignores": {},
    "source-lang": None,       # "ru", "ru,zh" or "auto"
    "target-lang": None,       # None: each file's metadata, else English
    "target-locale": "en-US",
    "fail-on": "warning",
    "unsafe-fixes": False,
    "glossary": None,
    "rule-packs": [],
    "languagetool": None,      # None = off; "local" or "http://host:port"
    "languagetool-rules": [],  # [] = the curated "mt" profile; see languagetool_rules_value
}


class ConfigError(ValueError):
    """A configuration the user must correct; ``str()`` is one line naming file and key."""


# --- validation of single values ------------------------------------------------------------

def _code_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):      # a string is no list: say so rather than guess what was meant
        raise ConfigError(f"{where}: expected a list of rule codes such as [\"{value}\"], "
                          "not a string")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes such as [\"MT3\", \"MT201\"]")
    return list(parse_codes(value) or ())


def _per_file(value: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of glob = [rule codes], "
                          f"e.g. \"docs/*.md\" = [\"MT2\"]")
    return {str(k): _code_list(v, f"{where}.\"{k}\"") for k, v in value.items()}


def _lang(value: Any, where: str) -> str:
    """``ru``, ``ru,zh``, ``["ru", "zh"]`` or ``auto``, kept as one normalised string."""
    from .languages import source_langs

    try:
        codes, auto = source_langs(value)
    except ValueError as e:
        raise ConfigError(f"{where}: {e}") from None
    if not codes and not auto:
        raise ConfigError(f"{where}: expected a language code such as ru, a list such as ru,zh, or auto")
    return ",".join([*codes, *(["auto"] if auto else [])])


def _target(value: Any, where: str) -> str:
    from .languages import target_lang

    try:
        return target_lang(value)
    except ValueError as e:
        raise ConfigError(f"{where}: {e}") from None


def _choice(options: tuple[str, ...]) -> Callable[[Any, str], str]:
    def check(value: Any, where: str) -> str:
        if value not in options:
            raise ConfigError(f"{where}: expected one of {', '.join(repr(o) for o in options)}, got {value!r}")
        return value
    return check


def _locale(value: Any, where: str) -> str:
    for locale in LOCALES:          # "en-gb", "en_GB" mean en-GB
        if isinstance(value, str) and value.replace("_", "-").lower() == locale.lower():
            return locale
    raise ConfigError(f"{where}: expected one of {', '.join(repr(o) for o in LOCALES)}, got {value!r}")


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a path as a string, got {value!r}")
    return value


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: expected a list of folder paths")
    return list(value)


def languagetool_value(value: Any, where: str) -> str | None:
    """"local", an http(s) URL, or "off"/false (disabled)."""
    if value is False or value in ("off", "none", ""):
        return None
    if isinstance(value, str) and (value == "local" or value.startswith(("http://", "https://"))):
        return value.rstrip("/") if value != "local" else value
    raise ConfigError(f"{where}: expected \"local\", \"http://host:port\" or \"off\", got {value!r}")


LT_PROFILES = ("mt", "mt-strict", "mt-names", "default")   # names of mtfix.languagetool.PROFILES (not imported: lazy)


def languagetool_rules_value(value: Any, where: str) -> list[str]:
    """A LanguageTool rule profile ("mt", "mt-names" or "default"; "mt-strict" is "mt") optionally followed by changes: "+ID" or
    "-ID" turns a rule on or off, "+category:ID"/"-category:ID" a whole category."""
    if isinstance(value, str):
        value = [value]
    expected = (f"{where}: expected a list such as [\"mt\", \"-WHITESPACE_RULE\", \"+category:STYLE\"] "
                f"(a profile, {' or '.join(repr(p) for p in LT_PROFILES)}, first; then +ID/-ID entries)")
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(expected)
    for k, entry in enumerate(value):
        if k == 0 and entry in LT_PROFILES:
            continue
        ident = entry[1:].split(":", 1)[1] if entry[1:].lower().startswith("category:") else entry[1:]
        if entry[0] not in "+-" or not ident or not ident.replace("_", "").isalnum():
            raise ConfigError(f"{expected}; got {entry!r}")
    return list(value)


VALIDATORS: dict[str, Callable[[Any, str], Any]] = {
    "select": _code_list, "ignore": _code_list, "extend-select": _code_list,
    "per-file-ignores": _per_file, "source-lang": _lang, "target-lang": _target,
    "target-locale": _locale,
    "fail-on": _choice(FAIL_ON), "unsafe-fixes": _bool, "glossary": _string,
    "rule-packs": _string_list, "languagetool": languagetool_value,
    "languagetool-rules": languagetool_rules_value,
}


# --- finding and reading files --------------------------------------------------------------

_cache: dict[Path, tuple[float, dict[str, Any] | None]] = {}


def _read_table(path: Path) -> dict[str, Any] | None:
    """The mtfix table of a config file, or None for a pyproject.toml without one."""
    import tomllib

    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    hit = _cache.get(path)
    if hit and hit[0] == mtime:
        return hit[1]
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    except RecursionError:      # tomllib recurses once per nested array or inline table
        raise ConfigError(f"{path}: cannot read: arrays or tables nested too deeply") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("mtfix") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.mtfix] must be a table")
    else:
        # A dedicated file may hold the keys at top level or under [tool.mtfix].
        table = data.get("tool", {}).get("mtfix", data) if isinstance(data.get("tool"), dict) else data
    _cache[path] = (mtime, table)
    return table


def find_config(start: str | os.PathLike | None) -> Path | None:
    """The config file that applies to ``start`` (a file or a folder), walking up."""
    here = Path(start or ".").resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and _read_table(candidate) is not None:
                return candidate
    return None


# --- the resolved settings ------------------------------------------------------------------

@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: {k: "default" for k in DEFAULTS})
    file: Path | None = None

    @property
    def root(self) -> Path:
        """Relative paths in the file (globs, packs, glossary) are relative to its folder."""
        return self.file.parent if self.file else Path.cwd()

    @property
    def fail_on(self):
        from .model import Severity

        value = self.values["fail-on"]
        return None if value == "never" else Severity.parse(value)

    def select(self) -> tuple[str, ...] | None:
        select = self.values["select"]
        extend = self.values["extend-select"]
        if select is None:
            return None          # everything is already selected; extend-select adds nothing
        return tuple(dict.fromkeys([*select, *extend]))

    def ignores_for(self, path: str | None) -> tuple[str, ...]:
        out = list(self.values["ignore"])
        if path and path != "-":
            for pattern, codes in self.values["per-file-ignores"].items():
                if matches(pattern, path, self.root):
                    out.extend(codes)
        return tuple(dict.fromkeys(out))

    def options(self, path: str | None = None) -> Options:
        from .languages import source_langs

        lt, rules = self.values["languagetool"], self.values["languagetool-rules"]
        langs, auto = source_langs(self.values["source-lang"] or [])
        return Options(select=self.select(), ignore=self.ignores_for(path),
                       source_lang=langs[0] if langs else None, source_langs=langs, source_auto=auto,
                       target_lang=self.values["target-lang"],
                       target_locale=self.values["target-locale"],
                       unsafe=self.values["unsafe-fixes"],
                       rule_packs=tuple(self.values["rule-packs"]),
                       glossary=self.values["glossary"],
                       extra=({"languagetool": lt} if lt else {})
                       | ({"languagetool_rules": tuple(rules)} if lt and rules else {}))


def matches(pattern: str, path: str, root: Path) -> bool:
    """ruff-like: a pattern without '/' matches the file name anywhere; one with '/' matches the
    path relative to the config file's folder (``*`` may cross folders, as in fnmatch)."""
    p = Path(path).resolve()
    try:
        rel = p.relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = p.as_posix()
    if "/" not in pattern:
        return fnmatch.fnmatchcase(p.name, pattern)
    pattern = pattern.removeprefix("./")
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern.replace("**/", ""))


def _absolute(value: str, base: Path) -> str:
    return str((base / os.path.expanduser(value)).resolve())


def load(file: Path | None, cli: dict[str, Any] | None = None,
         env: dict[str, str] | None = None) -> Settings:
    """Settings from ``file`` (None: defaults only), then the environment, then ``cli``
    (keys as in the file; values already parsed from the command line)."""
    settings = Settings(file=file)
    if file is not None:
        table = _read_table(file) or {}
        label = f"{file} [tool.mtfix]" if file.name == "pyproject.toml" else str(file)
        for key, raw in table.items():
            if key not in VALIDATORS:
                near = [k for k in VALIDATORS if k.replace("-", "") == key.replace("_", "").replace("-", "")]
                hint = f" (did you mean '{near[0]}'?)" if near else f" (expected one of: {', '.join(VALIDATORS)})"
                raise ConfigError(f"{label}: unknown key '{key}'{hint}")
            value = VALIDATORS[key](raw, f"{label}: key '{key}'")
            if key in ("rule-packs",):
                value = [_absolute(v, file.parent) for v in value]
            elif key == "glossary":
                value = _absolute(value, file.parent)
            settings.values[key] = value
            settings.sources[key] = str(file)
    env = os.environ if env is None else env
    if env.get(ENV_LANGUAGETOOL):
        settings.values["languagetool"] = languagetool_value(
            env[ENV_LANGUAGETOOL], f"environment variable {ENV_LANGUAGETOOL}")
        settings.sources["languagetool"] = f"environment {ENV_LANGUAGETOOL}"
    for key, value in (cli or {}).items():
        if value is None:
            continue
        if key == "extend-select":
            value = [*settings.values["extend-select"], *value]
        settings.values[key] = value
        settings.sources[key] = "command line"
    if settings.values["languagetool"] is False:     # --languagetool off
        settings.values["languagetool"] = None
    validate(settings)
    return settings


def validate(settings: Settings) -> None:
    """Folders of user packs exist and parse; every code named anywhere is a known rule."""
    from .ruledata import RuleDataError, registry

    label = str(settings.file) if settings.file else "command line"
    packs = tuple(settings.values["rule-packs"])
    for folder in packs:
        if not Path(folder).is_dir():
            raise ConfigError(f"{settings.sources['rule-packs']}: key 'rule-packs': folder {folder} "
                              f"does not exist (expected a folder of YAML rule packs)")
    try:
        reg = registry(packs)
    except RuleDataError as e:
        raise ConfigError(f"rule pack {e} (see rules/en/punctuation.yaml for the format)") from None
    if packs:
        _check_families(reg, packs)
    known = reg.rules
    named = [("select", settings.values["select"] or []), ("ignore", settings.values["ignore"]),
             ("extend-select", settings.values["extend-select"])]
    named += [(f"per-file-ignores.\"{g}\"", c) for g, c in settings.values["per-file-ignores"].items()]
    for key, codes in named:
        src = settings.sources.get(key.split(".")[0], label)
        for code in codes:
            if code and not code.startswith("LT:") and not any(k.startswith(code) for k in known):
                raise ConfigError(f"{src}: key '{key}': unknown rule code {code} "
                                  f"(expected a code or prefix listed by `mtfix rules`)")


def _check_families(reg, packs: tuple[str, ...]) -> None:
    """A user rule must name a family some engine runs, or it would silently never fire."""
    from .checks import FAMILIES

    roots = [str(Path(p).resolve()) for p in packs]
    for rule in reg.rules.values():
        if any(rule.origin.startswith(r) for r in roots) and rule.family not in FAMILIES:
            raise ConfigError(f"rule pack {rule.origin}: {rule.code}: family '{rule.family}' has no "
                              f"engine (expected one of: {', '.join(FAMILIES)})")


def settings_for(path: str | None, cli: dict[str, Any] | None = None, *,
                 config: str | None = None, isolated: bool = False) -> Settings:
    """The settings that apply to one checked file (``-`` or None: the current folder)."""
    if isolated:
        file = None
    elif config:
        file = Path(config).resolve()
        if not file.is_file():
            raise ConfigError(f"{config}: no such config file")
        if _read_table(file) is None:
            raise ConfigError(f"{config}: has no [tool.mtfix] table")
    else:
        file = find_config(None if path in (None, "-") else path)
    return load(file, cli)


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """(key, value, where it came from) for ``mtfix config``."""
    return [(k, settings.values[k], settings.sources[k]) for k in DEFAULTS]
