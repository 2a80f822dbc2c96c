"""What in-file suppressions and config discovery cost, as ratios against a baseline in the same
process: the seed article as Markdown (repeated) with an ``<!-- mtfix: ignore MT301 -->`` before
every paragraph, checked with the suppression step (parse directives, drop issues, report
unused ones) and with that step replaced by a pass-through (baseline); and resolving the
configuration of one file from a cold cache (walk up + TOML + validation) against one check of
the seed article.

    python benchmarks/suppress_overhead.py [--repeat 10]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import best_of  # noqa: E402
from mtfix import suppress  # noqa: E402
from mtfix.formats import load_document  # noqa: E402
from mtfix.options import Options  # noqa: E402
from mtfix.pipeline import check_segments  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10, help="copies of the seed article in the document")
    args = ap.parse_args()
    seed = (ROOT / "examples" / "kaliningrad-mt.txt").read_text(encoding="utf-8")
    plain = "\n\n".join([seed] * args.repeat)
    paras = plain.split("\n\n")
    directed = "\n\n".join(f"<!-- mtfix: ignore MT301 -->\n{p}" for p in paras)
    options = Options()
    segs = load_document("x.md", directed.encode()).segments
    check_segments(segs, options)                             # warm the lazy resources
    real_apply = suppress.apply
    # Baseline: the same document and checks with the suppression step replaced by a pass-through.
    suppress.apply = lambda segments, results, *a, **k: results
    try:
        base = best_of(lambda: check_segments(segs, options))
    finally:
        suppress.apply = real_apply
    silenced: list = []
    with_dirs = best_of(lambda: check_segments(segs, options, suppressed=silenced))
    print(f"document: {len(directed):,} chars, {len(paras)} paragraphs, each under <!-- mtfix: ignore MT301 -->")
    print(f"check without the suppression step (baseline): {base * 1000:8.1f} ms")
    print(f"check with it ({len(silenced) // 3} issues silenced):      {with_dirs * 1000:8.1f} ms"
          f"   ratio {with_dirs / base:.3f}")

    from mtfix import config

    with tempfile.TemporaryDirectory() as tmp:
        deep = Path(tmp) / "a" / "b" / "c"
        deep.mkdir(parents=True)
        (Path(tmp) / "pyproject.toml").write_text('[tool.mtfix]\nselect = ["MT3"]\nignore = ["MT303"]\n'
                                                  '[tool.mtfix.per-file-ignores]\n"*.md" = ["MT2"]\n')
        target = deep / "x.md"

        def resolve():
            config._cache.clear()          # as a fresh process would: no parsed-file cache
            config.settings_for(str(target)).options(str(target))

        one_check = best_of(lambda: check_segments(load_document("x.txt", seed.encode()).segments, options))
        cfg = best_of(resolve)
        print(f"check of the seed article (baseline): {one_check * 1000:8.2f} ms")
        print(f"config discovery + parse + validate:  {cfg * 1000:8.2f} ms   ratio {cfg / one_check:.3f}")


if __name__ == "__main__":
    main()
