"""The one build step for derived data: every table mtfix derives from its dependencies is made
here, when the wheel is built (``hatch_build.py`` at the repository root calls ``build_all``),
never on a user's machine -- unless the installed wordfreq/lemminflect differ from the ones the
wheel was built with, when ``mtfix.lexicon`` calls the same code once into the user cache.

    python -m mtfix.builddata [--if-stale] [OUTDIR]   # default OUTDIR: mtfix/data of this checkout

Files written (all read lazily and per key at run time):
- ``lexicon-en.sqlite``: every word's Zipf frequency (wordfreq, CC-BY-SA 4.0), its lemmas, the
  noun and verb paradigms (lemminflect, MIT), the candidate buckets of the spelling search and
  the common misspellings of ``misspellings-en.tsv`` (codespell's list, CC BY-SA 3.0; a file in
  the repository, see ``benchmarks/build_misspellings.py``); ``mtfix.lexicon`` asks it one word
  at a time.
- ``phrase-forms.marshal``: the inflections of every ``{lemma}`` in the shipped phrase packs
  (lemminflect), so compiling the packs needs no lemminflect import.
- ``phrase-index.marshal``: the phrase packs' anchor keys (token sequences), with the entry and
  variant each belongs to (``mtfix/phrase_index.py``): a run compiles only the entries it meets.
- ``rules-parsed.marshal``: the shipped YAML rule files parsed, keyed by their bytes, so a first
  run needs no YAML parser (``mtfix.ruledata.load_file``).
- ``rules.html``: each shipped rule's ``mtfix explain`` text with an anchor per code, the page
  SARIF's ``helpUri`` names.
"""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ("lexicon-en.sqlite", "phrase-forms.marshal", "phrase-index.marshal", "rules-parsed.marshal", "rules.html")


def build_all(outdir: Path = DATA) -> list[Path]:
    from . import lexicon_db, phrase_forms, phrase_index, rules_page, rules_parsed

    outdir.mkdir(parents=True, exist_ok=True)
    return [lexicon_db.build(outdir / FILES[0]), phrase_forms.build(outdir / FILES[1]),
            phrase_index.build(outdir / FILES[2]), rules_parsed.build(outdir / FILES[3]),
            rules_page.build(outdir / FILES[4])]


def stale(outdir: Path = DATA) -> bool:
    """True when a file is missing or was built from other rules, code or package versions."""
    from .. import lexicon, phrase_index
    from ..checks.phrases import FAMILY
    from ..ruledata import registry

    if not all((outdir / f).is_file() for f in FILES):
        return True
    if lexicon._open(outdir / FILES[0], lexicon._wanted_meta()) is None:
        return True
    rules = sorted(registry().family(FAMILY), key=lambda r: r.code)
    from .rules_parsed import FORMAT
    import marshal

    try:
        if marshal.loads((outdir / FILES[3]).read_bytes()).get("format") != FORMAT:
            return True
    except Exception:  # noqa: BLE001 - damaged
        return True
    saved = phrase_index.PATH
    try:
        phrase_index.PATH = outdir / FILES[2]
        return phrase_index.load(rules) is None
    finally:
        phrase_index.PATH = saved
