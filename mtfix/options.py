"""Options shared by the API, the CLI and the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Severity


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] | None = None    # code prefixes ("MT3", "MT301"); None = all
    ignore: tuple[str, ...] = ()
    source_lang: str | None = None           # the first of source_langs (kept for compatibility)
    source_langs: tuple[str, ...] = ()       # --source-lang ru,zh: every language the text may come from
    source_auto: bool = False                # --source-lang auto: guessed per segment or document
    target_lang: str | None = None           # None: each file's metadata says, else English
    target_locale: str = "en-US"
    unsafe: bool = False                     # also apply unsafe fixes (suggestions)
    rule_packs: tuple[str, ...] = ()         # extra folders of YAML rule packs
    glossary: str | None = None              # path of a CSV/TBX glossary (source-aware checks)
    extra: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        # Options(source_lang="ru") alone (older callers) still means one source language.
        if self.source_lang and not self.source_langs:
            object.__setattr__(self, "source_langs", (self.source_lang,))
        elif self.source_langs and not self.source_lang:
            object.__setattr__(self, "source_lang", self.source_langs[0])

    def enabled(self, code: str) -> bool:
        if self.select is not None and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)


def parse_codes(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """'MT301,MT2' or ['MT301', 'MT2'] -> ('MT301', 'MT2'); 'ALL' selects everything."""
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = tuple(c.strip().upper() for c in items if c and c.strip())
    if "ALL" in codes:
        return ("",)
    return codes


SEVERITY_DEFAULT_FAIL = Severity.WARNING
