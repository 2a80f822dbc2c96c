"""Regenerate the derived data files: ``python -m mtfix.builddata [--if-stale] [OUTDIR]``."""
import sys
import time
from pathlib import Path

from . import DATA, build_all, stale

args = sys.argv[1:]
if_stale = "--if-stale" in args
args = [x for x in args if x != "--if-stale"]
out = Path(args[0]) if args else DATA
if if_stale and not stale(out):
    print(f"{out}: derived data up to date")
    sys.exit(0)
t = time.perf_counter()
for path in build_all(out):
    print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
print(f"built in {time.perf_counter() - t:.1f} s")
