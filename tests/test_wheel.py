"""A non-editable install works: build the wheel, install it into a fresh virtual environment,
and run `mtfix` from outside the repository on a copy of the example (rule data must be inside)."""
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

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True, capture_output=True, timeout=900)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(EXAMPLES / "kaliningrad-mt.txt", outside / "article.txt")
    r = subprocess.run([str(env_dir / "bin" / "mtfix"), "check", "article.txt"], cwd=outside,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1, r.stderr
    assert "article.txt:7:24: MT301" in r.stdout
    where = subprocess.run([str(py), "-c", "import mtfix.ruledata as r; print(r.rules_root())"],
                           cwd=outside, capture_output=True, text=True, check=True).stdout
    assert "site-packages" in where and "_rules" in where
