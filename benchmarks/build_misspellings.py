"""Build mtfix/data/misspellings-en.tsv: common English misspellings and their corrections (MT103).

    pip install codespell==2.4.3 && python benchmarks/build_misspellings.py

Source: codespell's ``dictionary.txt`` (https://github.com/codespell-project/codespell), whose
dictionaries are derivative works of English Wikipedia's "Lists of common misspellings" and are
released under CC BY-SA 3.0 (codespell's code is GPL-2.0 and is neither imported by mtfix nor
shipped: only this filtered word list is, as wordfreq's CC BY-SA 4.0 frequencies are). codespell
is needed only to run this script, not to build or run mtfix.

Kept: entries whose misspelling is a lower-case ASCII word of four letters or more that
lemminflect does not know as a word and wordfreq puts at Zipf 3.3 or below ("teh" 3.04, "thier"
2.99, "recieve" 2.75), with the corrections that are frequent words (every part at Zipf 3.0 or
above) and at least one Zipf step more frequent than the misspelling. Left out: entries codespell
marks with a reason (not to be corrected automatically), g-dropped spellings ("callin",
"walkin", "checkin": dialogue and product words, not slips) and the first halves of contractions
("couldn", "wasn": a tokenizer's split of "couldn 't", not a slip).

The file's first line records the source, the filter's package versions and a hash of the rest,
which ``mtfix.lexicon`` reads to know whether its index holds this list.
"""
from __future__ import annotations

import hashlib
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mtfix import lexicon  # noqa: E402
from mtfix.checks.spelling import _LISTED_MAX_ZIPF as MAX_ZIPF  # noqa: E402  (MT103 looks no higher)

OUT = Path(__file__).resolve().parent.parent / "mtfix" / "data" / "misspellings-en.tsv"
FIX_MIN_ZIPF = 3.0
GAP = 1.0


def entries(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        miss, _, rest = line.partition("->")
        if "," in rest and not rest.endswith(","):
            continue   # "wrong->right, reason": codespell reports these but never corrects them
        if not (miss.isascii() and miss.isalpha() and miss.islower() and len(miss) >= 4):
            continue
        z = lexicon.zipf(miss)
        if z > MAX_ZIPF or lexicon.lemmas(miss):
            continue
        fixes = [c.strip() for c in rest.split(",") if c.strip()]
        if miss.endswith("in") and miss + "g" in fixes or any(c.startswith(miss + "'") for c in fixes):
            continue   # g-dropped ("callin'") or a contraction split at its apostrophe ("couldn 't")
        fixes = [c for c in fixes if all(lexicon.zipf(p) >= FIX_MIN_ZIPF for p in c.split())
                 and lexicon.zipf(c.split()[0]) >= z + GAP]
        if fixes:
            out[miss] = fixes
    return out


def main() -> None:
    import codespell_lib

    src = Path(codespell_lib.__file__).parent / "data" / "dictionary.txt"
    body = "".join(f"{w}\t{','.join(fixes)}\n" for w, fixes in sorted(entries(src).items()))
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    head = (f"# codespell {version('codespell')} dictionary.txt (CC BY-SA 3.0, from Wikipedia's Lists of common "
            f"misspellings), filtered with wordfreq {version('wordfreq')} and lemminflect {version('lemminflect')} "
            f"by benchmarks/build_misspellings.py; sha256 {digest}\n")
    OUT.write_text(head + body, encoding="utf-8")
    print(f"{OUT}: {body.count(chr(10))} entries, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
