"""The real pre-commit framework runs our hooks (.pre-commit-hooks.yaml) via `pre-commit try-repo`
in a temporary git repository holding a committed translated file."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

ARTEFACT = "The talks ended , and the the ministry said so.\n"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def make_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "content"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "translated content")
    return repo


def try_repo(repo: Path, hook: str, tmp_path: Path, *files: str) -> subprocess.CompletedProcess:
    if shutil.which("pre-commit") is None:
        pytest.fail("pre-commit is not installed (it is in the test extras)")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run(["pre-commit", "try-repo", str(ROOT), hook, "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_artefact_and_passes_once_fixed(tmp_path):
    repo = make_repo(tmp_path, {"article.txt": ARTEFACT})
    r = try_repo(repo, "mtfix-check", tmp_path, "article.txt")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "article.txt:1:16: MT301" in r.stdout
    (repo / "article.txt").write_text("The talks ended, and the ministry said so.\n", encoding="utf-8")
    r = try_repo(repo, "mtfix-check", tmp_path, "article.txt")
    assert r.returncode == 0, r.stdout + r.stderr


def test_fix_hook_rewrites_file_and_fails_then_passes(tmp_path):
    repo = make_repo(tmp_path, {"article.md": ARTEFACT})
    r = try_repo(repo, "mtfix-fix", tmp_path, "article.md")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "files were modified by this hook" in r.stdout
    assert (repo / "article.md").read_text(encoding="utf-8") == "The talks ended, and the ministry said so.\n"
    r = try_repo(repo, "mtfix-fix", tmp_path, "article.md")
    assert r.returncode == 0, r.stdout + r.stderr
