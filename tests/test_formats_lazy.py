"""The format table the CLI reads without importing every format module (mtfix/formats BUILTIN)
must say what the adapters themselves say: a file is read by the same adapter either way."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

from mtfix import formats

ROOT = Path(__file__).resolve().parent.parent


def test_builtin_table_matches_the_adapters() -> None:
    for name, (module, exts) in formats.BUILTIN.items():
        importlib.import_module(f"mtfix.formats.{module}")
        adapter = formats._REGISTRY[name]
        assert adapter.name == name
        assert tuple(adapter.extensions) == exts, name
        assert type(adapter).__module__ == f"mtfix.formats.{module}"
    assert formats.adapter_names() == sorted(formats.BUILTIN)


def test_each_extension_picks_the_adapter_that_lists_it() -> None:
    for name in formats.BUILTIN:
        for ext in formats.adapter_extensions(name):
            path = f"dir/file{ext.upper()}"
            assert formats.adapter_name(path) == name
            assert formats.adapter_for(path) is formats._REGISTRY[name]
    assert formats.adapter_for("notes.rst").name == "text"
    assert formats.adapter_for("notes.txt", "po-all").name == "po-all"


def test_checking_a_text_file_does_not_load_po_support(tmp_path: Path) -> None:
    # What a pre-commit run on a Markdown or text file pays for: not polib, not the
    # source-aware checks (no source text), and the same issues as always.
    f = tmp_path / "a.md"
    f.write_text("The the systems was deployed .\n", encoding="utf-8")
    probe = ("import sys, runpy; sys.argv = ['mtfix', 'check', sys.argv[1]]\n"
             "try:\n    runpy.run_module('mtfix', run_name='__main__')\n"
             "except SystemExit as e:\n    code = e.code\n"
             "print('LOADED', *sorted(m for m in ('polib', 'mtfix.formats.po', 'mtfix.checks.source',"
             " 'mtfix.formats.xliff') if m in sys.modules), 'EXIT', code)")
    out = subprocess.run([sys.executable, "-c", probe, str(f)], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "MT304" in out.stdout and "MT301" in out.stdout, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1] == "LOADED EXIT 1", out.stdout
