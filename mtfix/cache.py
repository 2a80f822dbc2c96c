"""A per-user disk cache for data mtfix derives at run time (parsed rule files, lemma tables).

Data derived from the installed packages and the shipped rules is built when the wheel is built
(``mtfix/builddata``); this cache only keeps what a checkout or a user's own rule packs would
otherwise rebuild on every run. It lives in ``$MTFIX_CACHE_DIR`` (else ``$XDG_CACHE_HOME/mtfix``
or ``~/.cache/mtfix``) under names that hash everything the value was derived from.

It can only cost time, never correctness:
- values are plain data written with ``marshal`` (never pickle: loading a planted file must not
  run code), inside an envelope naming the format, the entry and the value's type;
- every value read is checked (envelope, type, and the caller's ``valid``) before it is used;
- any failure to read, write or trust a file (unreadable folder, a file where the folder should
  be, garbage, a wrong-typed object) means the value is built in memory, with no message;
- it stays small: an entry read is marked used (its time is touched), and writing a new entry
  removes the least recently used of the same kind beyond ``KEEP`` (a checkout whose rule files
  change would otherwise leave one stale parse per edit, forever);
- a shared or planted cache cannot be turned against its user (as ssh and pip treat theirs): the
  folder and every entry must be owned by the user and writable by no one else, entries are
  opened without following symbolic links, and temporary files are created exclusively under a
  random name (``tempfile.mkstemp``: O_CREAT|O_EXCL|O_NOFOLLOW). Otherwise the cache is ignored.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_FORMAT = "2"
_MAGIC = "mtfix-cache"
# Entries of one kind kept when a new one is written: a run reads one per rule file (about 60 for
# the shipped packs), so several checkouts and a user's own packs fit.
KEEP = 256


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


def _trusted(st: os.stat_result, kind: Callable[[int], bool]) -> bool:
    """Ours, of the expected kind, and writable by no other user or group."""
    uid = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    return kind(st.st_mode) and st.st_uid == uid and not st.st_mode & 0o022


def _trusted_dir(folder: Path) -> bool:
    try:
        return _trusted(os.stat(folder), stat.S_ISDIR)
    except OSError:
        return False


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


def load(name: str, key: str, valid: Callable[[Any], bool] | None = None) -> Any | None:
    """The value stored under ``name``/``key`` if it can be read and trusted, else None."""
    folder = cache_dir()
    if not _trusted_dir(folder):
        return None
    try:
        fd = os.open(folder / f"{name}-{key}.marshal", os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None     # missing, unreadable, or a symbolic link (ELOOP): a miss
    try:
        with os.fdopen(fd, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno()), stat.S_ISREG):
                return None
            raw = fh.read()
            try:
                os.utime(fh.fileno())   # used now: pruning removes the least recently used
            except (OSError, NotImplementedError):
                pass
        env = marshal.loads(raw)
    except Exception:  # noqa: BLE001 - unreadable, not a marshal stream: a miss
        return None
    if not (isinstance(env, tuple) and len(env) == 5 and env[:3] == (_MAGIC, name, key)):
        return None   # a foreign file or another version's: never guess what it holds
    type_name, value = env[3], env[4]
    if type(value).__name__ != type_name or type(value).__name__ == "code":
        return None
    try:
        if valid is not None and not valid(value):
            return None
    except Exception:  # noqa: BLE001 - a validator tripping on a malformed value: a miss
        return None
    return value


def store(name: str, key: str, value: Any) -> None:
    """Write ``value`` atomically; silently skipped if it cannot be (read-only home, no folder,
    a folder another user owns or can write)."""
    try:
        data = marshal.dumps((_MAGIC, name, key, type(value).__name__, value))
        folder = cache_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _trusted_dir(folder):
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-{key}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / f"{name}-{key}.marshal")   # replaces a link, never follows it
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _prune(folder, name)
    except Exception:  # noqa: BLE001 - unwritable or not plain data: keep it in memory
        pass


def _prune(folder: Path, name: str, keep: int | None = None) -> None:
    """Remove the least recently used ``name`` entries beyond ``keep`` (default ``KEEP``): only
    regular files of ours in our own folder; a symbolic link is removed, never followed."""
    keep = KEEP if keep is None else keep
    found = []
    with os.scandir(folder) as it:
        for e in it:
            if e.name.startswith(f"{name}-") and e.name.endswith(".marshal"):
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                found.append((st.st_mtime, e.name))
    if len(found) <= keep:
        return
    found.sort(reverse=True)
    for _, stale in found[keep:]:
        try:
            os.unlink(folder / stale)
        except OSError:
            pass


def cached(name: str, key: str, build: Callable[[], T], *, use_marshal: bool = True,
           valid: Callable[[Any], bool] | None = None) -> T:
    """``build()``, or its result stored earlier under ``name`` and ``key`` (plain data only:
    dicts, lists, tuples, strings, numbers). ``valid(value)`` must accept a stored value before
    it is returned; a stored value also needs the type ``build`` gave it. ``use_marshal`` is
    accepted for old callers: marshal is the only serialiser."""
    got = load(name, key, valid)
    if got is not None:
        return got
    value = build()
    store(name, key, value)
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
