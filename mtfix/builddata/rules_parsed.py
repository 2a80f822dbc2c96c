"""The shipped YAML rule files, parsed: a first run after install reads them without the YAML
parser (~0.3 s for all packs). Keyed by the SHA-1 of each file's bytes, so an edited file (a
checkout, a user's pack) simply misses and is parsed as usual (``mtfix.ruledata.load_file``)."""
from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

FORMAT = 1


def build(path: Path) -> Path:
    from ..ruledata import _yaml_load, iter_pack_files, rules_root

    docs = {}
    for _pack, file in iter_pack_files(rules_root()):
        raw = file.read_bytes()
        docs[hashlib.sha1(raw).hexdigest()] = _yaml_load(raw.decode("utf-8"), str(file))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps({"format": FORMAT, "docs": docs}))
    os.replace(tmp, path)
    return path
