"""Import layers stay one-way (STYLE.md): model -> analysis/ruledata -> checks -> engine ->
formats/CLI. Checks never import formats or the CLI; importing mtfix loads no heavy data."""
import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PKG = ROOT / "mtfix"
FORBIDDEN_FOR_CHECKS = ("formats", "cli", "runner", "output", "config")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level >= 1:
                out.add(mod.split(".")[0] if mod else "")
            elif mod.startswith("mtfix."):
                out.add(mod.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("mtfix."))
    return out


def test_checks_do_not_import_formats_or_cli():
    for path in (PKG / "checks").glob("*.py"):
        bad = _imports(path) & set(FORBIDDEN_FOR_CHECKS)
        assert not bad, f"{path.name} imports {bad}"


def test_model_imports_nothing_from_mtfix():
    assert _imports(PKG / "model.py") == set()


def test_import_mtfix_is_light():
    heavy = ["wordfreq", "lemminflect", "rapidfuzz", "sacremoses", "language_tool_python", "yaml", "numpy"]
    code = f"import sys, mtfix; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
