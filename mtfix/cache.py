"""A per-user disk cache for data mtfix derives from its packages and rule files.

Compiling the phrase packs or decoding the language-model JSON costs a few hundred milliseconds,
which a pre-commit run on one file would pay every time. The derived object is stored once in
``$MTFIX_CACHE_DIR`` (else ``$XDG_CACHE_HOME/mtfix`` or ``~/.cache/mtfix``) under a name that
hashes everything it was derived from, so a changed input simply misses. Any failure to read or
write the cache falls back to building in memory: the cache can only make a run faster.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
_FORMAT = "1"


def cache_dir() -> Path:
    root = os.environ.get("MTFIX_CACHE_DIR")
    if not root:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "mtfix")
    return Path(root)


def key_of(*parts: bytes | str) -> str:
    h = hashlib.sha1(f"{_FORMAT}|{sys.version_info[:2]}".encode())
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\x00")
    return h.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T], *, use_marshal: bool = False) -> T:
    """``build()``, or its result stored earlier under ``name`` and ``key``.

    ``use_marshal`` for plain data (dicts, lists, strings, numbers): faster than pickle.
    """
    dumps, loads = (marshal.dumps, marshal.loads) if use_marshal else (
        lambda o: pickle.dumps(o, protocol=pickle.HIGHEST_PROTOCOL), pickle.loads)
    path = cache_dir() / f"{name}-{key}.{'marshal' if use_marshal else 'pickle'}"
    try:
        return loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: rebuild and replace it
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(dumps(value))
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - read-only home, unpicklable object: keep it in memory
        pass
    return value


def source_key(*modules: str) -> str:
    """Hash of the source files of the named mtfix modules (a code change invalidates)."""
    here = Path(__file__).resolve().parent
    parts = []
    for mod in modules:
        p = here.joinpath(*mod.split(".")).with_suffix(".py")
        try:
            parts.append(p.read_bytes())
        except OSError:
            parts.append(mod.encode())
    return key_of(*parts)
