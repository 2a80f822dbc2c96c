"""How often each target's quotation-mark rule fires on human translations of software UI: the
gettext catalogues a Debian system installs under /usr/share/locale/<lang>/LC_MESSAGES/*.mo
(coreutils, git, apt, dpkg, GTK...: professional and volunteer translators, reviewed upstream).
For targets the shared data has no human text in (Spanish, Italian, Dutch...), this is the
evidence that a rule is quiet on correct text. Every catalogue string with one of the rule's
characters is checked with the rule alone; the flagged strings are printed (up to 5 per rule).

    python benchmarks/quotes_human.py [LANG ...]      (default: every pack with a quote rule)

Figures depend on the packages installed (``ls /usr/share/locale/es/LC_MESSAGES``).
"""
from __future__ import annotations

import gettext
import glob
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import mtfix  # noqa: E402
from mtfix.ruledata import registry  # noqa: E402

LOCALE = Path("/usr/share/locale")


def catalogue(lang: str) -> list[str]:
    out: list[str] = []
    for p in sorted(glob.glob(str(LOCALE / lang / "LC_MESSAGES" / "*.mo"))):
        try:
            with open(p, "rb") as fh:
                cat = gettext.GNUTranslations(fh)._catalog      # type: ignore[attr-defined]
        except (OSError, ValueError, UnicodeDecodeError, LookupError):
            continue
        out.extend(v for k, v in cat.items() if k != "" and isinstance(v, str) and v.strip())
    return out


def main(argv: list[str]) -> int:
    rules = {r.targets[0]: r for r in registry().rules.values()
             if r.name.endswith("-quotation-marks") and r.targets and len(r.targets) == 1}
    langs = argv or sorted(rules)
    parts = []
    for lang in langs:
        rule = rules.get(lang)
        strings = catalogue(lang)
        if rule is None or not strings:
            print(f"{lang}: {'no quotation-mark rule' if rule is None else 'no catalogues installed'}")
            continue
        chars = str(rule.data.get("needs_any") or "")
        candidates = [s for s in strings if not chars or any(c in s for c in chars)]
        flagged = [s for s in candidates if mtfix.check(s, target_lang=lang, select=[rule.code])]
        print(f"{lang} {rule.code} {rule.name}: {len(strings)} strings, {len(candidates)} with {chars!r}, "
              f"flagged {len(flagged)} ({len(flagged) / len(strings):.5f})")
        for s in flagged[:5]:
            print("    " + s.replace("\n", " ")[:160])
        parts.append(f"{lang}_strings={len(strings)} {lang}_flagged={len(flagged)}")
    print("RESULT " + " ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
