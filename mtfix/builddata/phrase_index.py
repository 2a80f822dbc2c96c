"""The shipped phrase packs' anchor keys and variant table (see ``mtfix/phrase_index.py``)."""
from __future__ import annotations

import marshal
import os
from pathlib import Path


def build(path: Path) -> Path:
    from ..checks.phrases import FAMILY, _compile
    from ..phrase_index import FORMAT, fingerprint, tables_of
    from ..ruledata import registry

    rules = sorted(registry().family(FAMILY), key=lambda r: r.code)
    comp = _compile(rules)   # the full compile also validates every entry
    ordinal = {eid: k for k, eid in enumerate(comp.entries)}
    entries = []
    for rule in rules:
        for k, raw in enumerate(rule.data.get("entries") or ()):
            entries.append((rule.code, k, raw["id"]))
    assert [e[2] for e in entries] == list(comp.entries)
    seen: dict[str, int] = {}
    variants = []
    for v in comp.matcher.variants:
        eid = v.owner.id
        variants.append((ordinal[eid], seen.get(eid, 0)))
        seen[eid] = seen.get(eid, 0) + 1
    data = {"format": FORMAT, "fingerprint": fingerprint(rules), "entries": entries,
            "variants": variants, "tables": tables_of(comp.matcher)}
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(data))
    os.replace(tmp, path)
    return path
