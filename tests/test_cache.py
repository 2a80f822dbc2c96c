"""The disk cache only ever makes a run faster: a damaged file or an unwritable folder falls back
to building, a changed input misses, and results are the same with or without it."""
import os
import subprocess
import sys

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
    (tmp_path / f"t-{key_of('x')}.pickle").write_bytes(b"not a pickle")
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
    assert any((tmp_path / "c").iterdir())
    assert run() == cold and b"MT401" in cold
