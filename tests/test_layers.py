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
                # ``from . import cli`` names the module it imports; ``from .. import x`` in
                # mtfix/checks too (level 2 is mtfix itself)
                top = node.level == 1 and path.parent == PKG or node.level == 2 and path.parent.parent == PKG
                out.add(mod.split(".")[0] if mod else "")
                if not mod and top:
                    out.update(a.name for a in node.names)
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


def test_checking_the_seed_with_a_warm_cache_loads_no_inflection_tables():
    """A pre-commit run must feel instant: with the lexicon index and rule data cached, checking
    the seed article (source language unknown, so the fluency value looks at every calque pack)
    never loads lemminflect or numpy (about 60 MB and 250 ms between them)."""
    seed = ROOT / "examples" / "kaliningrad-mt.txt"
    code = ("import sys, mtfix; t = open(sys.argv[1], encoding='utf-8').read(); mtfix.check(t); "
            "mtfix.check(t); print([m for m in ('lemminflect', 'numpy') if m in sys.modules])")
    subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True, cwd=ROOT, check=True)
    out = subprocess.run([sys.executable, "-c", code, str(seed)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


def test_command_line_imports_go_one_way():
    """cli.py imports the command modules and they import cli_docs.py, never cli.py (issue 24: the
    cli <-> cli_jobs <-> commands cycle). ``_imports`` walks every import, those inside functions
    too, so a deferred import cannot hide a cycle."""
    below_cli = ["cli_jobs", "commands", "cli_docs", "cli_corpus", "cli_inputs", "corpus", "corpus_blocks",
                 "corpus_dask", "corpus_run", "corpus_tmx", "dask_worker"]
    for name in below_cli:
        assert "cli" not in _imports(PKG / f"{name}.py"), f"{name}.py imports cli.py"
    for name in ("cli_docs", "cli_jobs", "commands"):
        assert not _imports(PKG / f"{name}.py") & {"commands", "cli_jobs"} - {name}, f"{name}.py imports upward"
    for name in ("corpus", "corpus_blocks", "corpus_dask", "corpus_run", "corpus_tmx", "dask_worker"):
        assert not {n for n in _imports(PKG / f"{name}.py") if n.startswith("cli")}, f"{name}.py imports the CLI"
