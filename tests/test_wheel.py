"""A non-editable install works: build the wheel, install it into a fresh virtual environment,
and run `mtfix` from outside the repository on a copy of the example (rule data must be inside)."""
import os
import shutil
import subprocess
import sys
import venv
import zipfile

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


def test_wheel_installs_with_rule_data_and_runs(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = dist.glob("mtfix-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "mtfix/_rules/en/punctuation.yaml" in names
    rule_files = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
    assert all(f"mtfix/_rules/{f}" in names for f in rule_files)
    # The derived data is built by the wheel build (hatch_build.py -> mtfix.builddata), not by users.
    for name in ("lexicon-en.sqlite", "phrase-forms.marshal", "phrase-index.marshal", "rules-parsed.marshal",
                 "rules.html"):
        assert f"mtfix/data/{name}" in names

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(EXAMPLES / "kaliningrad-mt.txt", outside / "article.txt")
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([str(env_dir / "bin" / "mtfix"), "check", "article.txt"], cwd=outside,
                       capture_output=True, text=True, timeout=300, env={**env, "MTFIX_CACHE_DIR": str(cache)})
    assert r.returncode == 1, r.stderr
    assert "article.txt:7:24: MT301" in r.stdout
    # A first run reads the shipped lexicon index, phrase index and parsed rules: it derives none
    # of them into the user cache (the LM table, issue 11, may still be cached there).
    cached = sorted(p.name for p in cache.iterdir()) if cache.is_dir() else []
    assert not [n for n in cached if n.startswith(("lexicon", "yaml", "phrases"))], cached
    # `--jobs 2` on several files: the same output as one process.
    for k in range(3):
        shutil.copy(EXAMPLES / "kaliningrad-mt.txt", outside / f"copy{k}.txt")
    runs = [subprocess.run([str(env_dir / "bin" / "mtfix"), "check", "--jobs", j, "article.txt", "copy0.txt",
                            "copy1.txt", "copy2.txt"], cwd=outside, capture_output=True, timeout=300, env=env)
            for j in ("1", "2")]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout.count(b"MT301") == 4
    where = subprocess.run([str(py), "-c", "import mtfix.ruledata as r; print(r.rules_root())"],
                           cwd=outside, capture_output=True, text=True, check=True, env=env).stdout
    assert "site-packages" in where and "_rules" in where
