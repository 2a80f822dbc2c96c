"""Wheel build hook: derive the data files (``mtfix/builddata``) and put them in the wheel.

hatchling runs this for ``pip install .`` / ``pip wheel .``; it runs ``python -m mtfix.builddata``
from this source tree into a temporary folder with the build environment's wordfreq and
lemminflect (``[build-system] requires``) and adds the files under ``mtfix/data/``. A user's
machine then never derives them (only if its wordfreq/lemminflect versions differ).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class DerivedDataHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        out = Path(tempfile.mkdtemp(prefix="mtfix-data-"))
        # Keep the build environment's own PYTHONPATH (pip's isolated build puts the build
        # requirements there), with this source tree first.
        path = os.pathsep.join(p for p in (self.root, os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "PYTHONPATH": path, "MTFIX_CACHE_DIR": str(out / "cache")}
        subprocess.run([sys.executable, "-m", "mtfix.builddata", str(out)], check=True, env=env,
                       cwd=self.root)
        for name in ("lexicon-en.sqlite", "phrase-forms.marshal", "phrase-index.marshal",
                     "rules-parsed.marshal", "rules.html"):   # mtfix.builddata.FILES
            build_data["force_include"][str(out / name)] = f"mtfix/data/{name}"
