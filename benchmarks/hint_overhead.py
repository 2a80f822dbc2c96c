"""What the no-source-language hint (mtfix/hints.py) adds to a `mtfix check` run, as a ratio
against the check itself in the same process: the seed article (one copy, what a pre-commit
run sees) and the seed repeated (the hint samples at most ``SAMPLE_CHARS`` characters, so its
cost stops growing while the check's grows).

    python benchmarks/hint_overhead.py [--repeat 40]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import best_of  # noqa: E402
from mtfix.formats import load_document  # noqa: E402
from mtfix.hints import source_hint  # noqa: E402
from mtfix.options import Options  # noqa: E402
from mtfix.pipeline import check_segments  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=40, help="copies of the seed in the large document")
    args = ap.parse_args()
    seed = (ROOT / "examples" / "kaliningrad-mt.txt").read_text(encoding="utf-8")
    options = Options()
    ratios = {}
    for label, text in (("seed", seed), (f"seed_x{args.repeat}", "\n\n".join([seed] * args.repeat))):
        segs = load_document("x.txt", text.encode()).segments
        check_segments(segs, options)                  # warm the lazy resources
        source_hint(segs, options)
        check = best_of(lambda: check_segments(segs, options))
        hint = best_of(lambda: source_hint(segs, options))
        ratios[label] = hint / check
        print(f"{label:>10}: {len(text):>8} chars  check {check * 1000:8.1f} ms  hint {hint * 1000:6.1f} ms"
              f"  hint/check {hint / check:.3f}")
    print("RESULT " + " ".join(f"hint_over_check_{k}={v:.3f}" for k, v in ratios.items()))


if __name__ == "__main__":
    main()
