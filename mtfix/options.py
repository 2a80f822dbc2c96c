"""Options shared by the API, the CLI and the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Severity


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] | None = None    # code prefixes ("MT3", "MT301"); None = all
    ignore: tuple[str, ...] = ()
    source_lang: str | None = None
    target_locale: str = "en-US"
    unsafe: bool = False                     # also apply unsafe fixes (suggestions)
    rule_packs: tuple[str, ...] = ()         # extra folders of YAML rule packs
    glossary: str | None = None              # path of a CSV/TBX glossary (source-aware checks)
    extra: dict = field(default_factory=dict, hash=False, compare=False)

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
