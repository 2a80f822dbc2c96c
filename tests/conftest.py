import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"


def run_cli(*args: str, input: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``mtfix`` command line as a user would (python -m mtfix)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "mtfix", *args], input=input, capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


@pytest.fixture
def cli():
    return run_cli


def json_issues(cli, *args) -> list[dict]:
    """The issues ``mtfix check --format json ARGS`` reports (exit 0 or 1, nothing on stderr)."""
    r = cli("check", "--format", "json", *args)
    assert r.returncode in (0, 1), r.stderr
    data = json.loads(r.stdout)
    return data if isinstance(data, list) else data["issues"]


@pytest.fixture(scope="session", autouse=True)
def derived_data():
    """The data files the wheel build derives (``mtfix/builddata``), (re)built into this
    checkout when missing or stale -- as `pip install .` builds them into the wheel -- so that
    runs here read them as an installed mtfix does (and CI regenerates them on every run)."""
    subprocess.run([sys.executable, "-m", "mtfix.builddata", "--if-stale", str(ROOT / "mtfix" / "data")],
                   check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=600)
