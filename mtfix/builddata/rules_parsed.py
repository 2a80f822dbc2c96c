"""The shipped YAML rule files, parsed: a first run after install reads them without the YAML
parser (~0.3 s for all packs). Keyed by each file's bytes (~0.3 MB more than a digest, and no
hashing module to start on every run: ~2 ms), so an edited file (a checkout, a user's pack)
simply misses and is parsed as usual (``mtfix.ruledata.load_file``)."""
from __future__ import annotations

import marshal
import os
from pathlib import Path

FORMAT = 2


def build(path: Path) -> Path:
    from ..ruledata import _yaml_load, iter_pack_files, rules_root

    docs = {}
    for _pack, file in iter_pack_files(rules_root()):
        raw = file.read_bytes()
        docs[raw] = _yaml_load(raw.decode("utf-8"), str(file))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps({"format": FORMAT, "docs": docs}))
    os.replace(tmp, path)
    return path
