"""Do pathological inputs cost more per KB than ordinary text? (issue 14: nothing slower than linear)

Each input is checked with ``mtfix.check`` at two sizes; the figure is its time per KB divided by
the time per KB of ordinary English (MT output of the MLQE-PE dev split) of the same size,
measured in the same run. A quadratic pattern shows as a ratio that grows with the size (it was
30-50x at 64 KB); linear code keeps it flat. The issue asks for every ratio within 3x.
Then ``mtfix fix`` on a generated 2 MB PO file: the diff (default mode) against ``--write``.

    python benchmarks/slow_inputs.py            # 16 KB and 64 KB
    python benchmarks/slow_inputs.py --kb 128
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import mtfix  # noqa: E402
from benchmarks._data import best_of, load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def inputs(n: int, ordinary: str) -> dict[str, str]:
    def fill(unit: str) -> str:
        return (unit * (n // len(unit) + 1))[:n]
    return {
        "ordinary": fill(ordinary),
        "initials": fill("A. "),                     # sentence_spans re-searched each abbreviation
        "aaaa": "a" * n,                             # URL scheme / e-mail local part at every letter
        "url_dots": ("http://a" + "." * n)[:n],      # URL body and sentence end over a run of dots
        "dots": "." * n,
        "chinese": fill("这是一个没有空格的中文句子，机器翻译留下的。"),
        "many_issues": fill("word , "),              # one fix per 7 characters
        "emails": fill("a.b@c "),
        "placeholders": fill("%(x)s {0} "),
    }


def per_kb(text: str) -> float:
    kb = len(text.encode("utf-8")) / 1024
    return best_of(lambda: mtfix.check(text), runs=2) / kb


def po_file(path: Path, size: int) -> None:
    lines, k = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'], 0
    total = 0
    while total < size:
        entry = (f'#: src/file{k}.c:{k}\nmsgid "Source entry number {k}"\n'
                 f'msgstr "The the translated entry number {k} , here."\n\n')
        lines.append(entry)
        total += len(entry)
        k += 1
    path.write_text("".join(lines), encoding="utf-8")


def cli(*args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mtfix", *args], env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=64, help="the larger size (the smaller is a quarter)")
    ap.add_argument("--po-mb", type=float, default=2.0)
    a = ap.parse_args()
    ordinary = " ".join(r["mt"] for r in load("dev"))
    mtfix.check(ordinary[:20000])           # load every lazy resource before timing
    sizes = [a.kb * 1024 // 4, a.kb * 1024]
    ratios: dict[str, list[float]] = {}
    print(f"{'input':<14}" + "".join(f"{s // 1024:>8} KB ms/KB  ratio" for s in sizes))
    for name in inputs(16, ordinary):
        row = []
        for n in sizes:
            texts = inputs(n, ordinary)
            base = per_kb(texts["ordinary"])    # measured next to each input: the load drifts
            t = per_kb(texts[name])
            ratios.setdefault(name, []).append(t / base)
            row.append(f"{t * 1000:>15.2f} {t / base:>6.2f}")
        print(f"{name:<14}" + "".join(row), flush=True)
    worst = max((r[-1], k) for k, r in ratios.items() if k != "ordinary")
    growth = max(r[-1] / r[0] for k, r in ratios.items() if k != "ordinary")

    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "big.po"
        po_file(po, int(a.po_mb * 1024 * 1024))
        t_diff = cli("fix", "--isolated", str(po))
        t_write = cli("fix", "--isolated", "--write", str(po))
    print(f"fix on a {a.po_mb:g} MB PO file: --diff {t_diff:.1f} s, --write {t_write:.1f} s "
          f"(diff/write {t_diff / t_write:.2f})")
    print(f"RESULT worst_ratio={worst[0]:.2f} worst_input={worst[1]} max_growth={growth:.2f} "
          f"within_3x={'yes' if worst[0] <= 3 else 'no'} po_diff_s={t_diff:.1f} "
          f"po_write_s={t_write:.1f} po_diff_over_write={t_diff / t_write:.2f}")


if __name__ == "__main__":
    main()
