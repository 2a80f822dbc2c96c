"""The disk cache only ever makes a run faster: a damaged file or an unwritable folder falls back
to building, a changed input misses, and results are the same with or without it."""
import os
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT

from mtfix.cache import cached, key_of


def test_cached_builds_once_then_reads(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    calls = []
    build = lambda: calls.append(1) or {"a": [1, 2]}
    assert cached("t", key_of("x"), build, use_marshal=True) == {"a": [1, 2]}
    assert cached("t", key_of("x"), build, use_marshal=True) == {"a": [1, 2]}
    assert len(calls) == 1
    cached("t", key_of("y"), build, use_marshal=True)       # another input: a miss
    assert len(calls) == 2


def test_damaged_or_unwritable_cache_falls_back(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    (tmp_path / f"t-{key_of('x')}.marshal").write_bytes(b"not a marshal stream")
    assert cached("t", key_of("x"), lambda: [3]) == [3]
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(blocker / "sub"))   # cannot be created
    assert cached("t", key_of("x"), lambda: [4]) == [4]


def test_same_output_cold_and_warm(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MTFIX_CACHE_DIR": str(tmp_path / "c")}
    run = lambda: subprocess.run([sys.executable, "-m", "mtfix", "check", "--source-lang", "ru",
                                  str(EXAMPLES / "kaliningrad-mt.txt")], capture_output=True, env=env).stdout
    cold = run()
    # With the data built at wheel time (and the LM table read as shipped) a run may need no
    # cache at all; whatever it wrote, the second run sees the same issues.
    assert run() == cold and b"MT401" in cold


# ---------------------------------------------------------------- a cache that cannot be trusted
# Each run must succeed with exactly the output of a run with a good cache (issue 13).
ARTICLE = EXAMPLES / "kaliningrad-mt.txt"


def _check(cache, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MTFIX_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "mtfix", "check", "--source-lang", "ru", str(ARTICLE)],
                          capture_output=True, env=env, timeout=300, **kw)


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """The output with a working cache, and that cache's files (written by the run)."""
    cache = tmp_path_factory.mktemp("good")
    r = _check(cache)
    assert r.returncode == 1 and b"MT401" in r.stdout and not r.stderr
    assert _check(cache).stdout == r.stdout
    return r.stdout, sorted(p.name for p in cache.iterdir())


def test_cache_folder_is_a_file(tmp_path, good):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    r = _check(blocker)
    assert (r.stdout, r.stderr) == (good[0], b"")


def test_cache_files_unreadable(tmp_path, good):
    """Every cache file is a folder (unreadable as a file, whoever runs mtfix)."""
    for name in good[1]:
        (tmp_path / name).mkdir()
    r = _check(tmp_path)
    assert (r.stdout, r.stderr) == (good[0], b"")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a mode-000 folder anyway (covered by test_cache_files_unreadable)")
def test_cache_folder_unreadable(tmp_path, good):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0)
    try:
        r = _check(cache)
    finally:
        cache.chmod(0o700)
    assert (r.stdout, r.stderr) == (good[0], b"")


def test_cache_full_of_garbage(tmp_path, good):
    for name in good[1]:
        (tmp_path / name).write_bytes(b"\x00garbage\xff" * 50)
    r = _check(tmp_path)
    assert (r.stdout, r.stderr) == (good[0], b"")
    assert _check(tmp_path).stdout == good[0]   # and the rewritten cache works


def test_cache_holding_wrong_typed_objects(tmp_path, good):
    """Files that unmarshal cleanly but hold the wrong thing: bare values (what another version
    could leave), and values inside a valid-looking envelope of the wrong type."""
    import marshal

    for k, name in enumerate(good[1]):
        stem, key = name.rsplit(".", 1)[0].rsplit("-", 1)
        value = [1, "two"] if k % 2 else {"uni": 3}
        data = marshal.dumps(value) if k % 3 == 0 else marshal.dumps(("mtfix-cache", stem, key, type(value).__name__, value))
        (tmp_path / name).write_bytes(data)
    r = _check(tmp_path)
    assert (r.stdout, r.stderr) == (good[0], b"")


def test_planted_pickle_never_runs(tmp_path, monkeypatch):
    """The cache never unpickles: a pickle planted under any cache name is just a miss."""
    import pickle

    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Boom(str(marker)))
    for suffix in ("marshal", "pickle"):
        (tmp_path / f"t-{key_of('x')}.{suffix}").write_bytes(payload)
    assert cached("t", key_of("x"), lambda: {"ok": 1}) == {"ok": 1}
    assert not marker.exists()


def test_validator_rejects_wrong_typed_value(tmp_path, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    cached("t", key_of("x"), lambda: [1, 2])   # stored: a list
    assert cached("t", key_of("x"), lambda: {"a": 1}, valid=lambda v: isinstance(v, dict)) == {"a": 1}


class _Boom:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


# --- a cache another user can write (issue 26) ---

def _entry(folder, name="t", key=None):
    return folder / f"{name}-{key or key_of('x')}.marshal"


def test_planted_links_never_written_through(tmp_path, monkeypatch):
    """Links planted at the old predictable temporary names and at the entry itself: the user's
    file they point to is never written, and the entry read through a link is a miss."""
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(cache))
    victim = tmp_path / "precious.txt"
    victim.write_text("the user's own file\n")
    entry = _entry(cache)
    for pid in range(os.getpid(), os.getpid() + 3):
        (cache / f"{entry.name}.{pid}.tmp").symlink_to(victim)
    assert cached("t", key_of("x"), lambda: {"house": "house"}) == {"house": "house"}
    assert victim.read_text() == "the user's own file\n"
    assert entry.is_file() and not entry.is_symlink()
    # an entry that is a link to a well-formed entry elsewhere is not read
    elsewhere = tmp_path / "elsewhere.marshal"
    os.replace(entry, elsewhere)
    entry.symlink_to(elsewhere)
    assert cached("t", key_of("x"), lambda: {"house": "fresh"}) == {"house": "fresh"}
    assert elsewhere.stat().st_size > 0 and victim.read_text() == "the user's own file\n"


def _poisoned(cache, monkeypatch):
    monkeypatch.setenv("MTFIX_CACHE_DIR", str(cache))
    cached("t", key_of("x"), lambda: {"house": "house"})
    import marshal
    _entry(cache).write_bytes(marshal.dumps(("mtfix-cache", "t", key_of("x"), "dict", {"house": "HACKED"})))
    assert cached("t", key_of("x"), lambda: {"house": "house"}) == {"house": "HACKED"}  # ours: trusted


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root")
def test_entry_owned_by_another_user_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    _poisoned(cache, monkeypatch)
    os.chown(_entry(cache), 4321, 4321)
    assert cached("t", key_of("x"), lambda: {"house": "house"}) == {"house": "house"}


@pytest.mark.parametrize("where", ["entry", "folder"])
def test_world_or_group_writable_cache_is_ignored(tmp_path, monkeypatch, where):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    _poisoned(cache, monkeypatch)
    if where == "entry":
        _entry(cache).chmod(0o666)
    else:
        cache.chmod(0o777)
    assert cached("t", key_of("x"), lambda: {"house": "house"}) == {"house": "house"}
    if where == "folder":       # nothing is written into a folder others can write either
        before = sorted(p.name for p in cache.iterdir())
        cached("t", key_of("y"), lambda: [1])
        assert sorted(p.name for p in cache.iterdir()) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a folder to another user needs root")
def test_folder_owned_by_another_user_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    _poisoned(cache, monkeypatch)
    os.chown(cache, 4321, 4321)
    assert cached("t", key_of("x"), lambda: {"house": "house"}) == {"house": "house"}



def test_cache_stays_bounded_and_keeps_what_is_used(tmp_path, monkeypatch):
    """Each edit of a rule file is a new entry; the cache drops the least recently used of a kind
    beyond KEEP instead of growing forever, and never an entry a run still reads."""
    import mtfix.cache as cache

    monkeypatch.setenv("MTFIX_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "KEEP", 5)
    for k in range(5):
        cached("yaml", key_of(f"old{k}"), lambda: {"k": 1})
    for k, name in enumerate(sorted(tmp_path.iterdir())):
        os.utime(name, (1000 + k, 1000 + k))              # written long ago
    assert cached("yaml", key_of("old0"), lambda: {"k": 2}) == {"k": 1}   # read now: recently used
    cached("other", key_of("z"), lambda: [1])              # another kind is not counted
    for k in range(3):
        cached("yaml", key_of(f"new{k}"), lambda: {"k": 3})
    names = {p.name for p in tmp_path.iterdir()}
    yaml_entries = {n for n in names if n.startswith("yaml-")}
    assert len(yaml_entries) == 5
    assert f"yaml-{key_of('old0')}.marshal" in names
    assert {f"yaml-{key_of(f'new{k}')}.marshal" for k in range(3)} <= names
    assert f"other-{key_of('z')}.marshal" in names
