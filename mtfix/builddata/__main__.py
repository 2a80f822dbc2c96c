"""Regenerate the derived data files: ``python -m mtfix.builddata [OUTDIR]``."""
import sys
import time
from pathlib import Path

from . import DATA, build_all

t = time.perf_counter()
for path in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA):
    print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
print(f"built in {time.perf_counter() - t:.1f} s")
