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
