"""Do pathological inputs cost more per KB than ordinary text? (issue 14: nothing slower than linear)

Each input is checked with ``mtfix.check`` at two sizes; the figure is its time per KB divided by
the time per KB of ordinary English (MT output of the MLQE-PE dev split) of the same size,
measured in the same run. A quadratic pattern shows as a ratio that grows with the size (it was
30-50x at 64 KB); linear code keeps it flat. The issue asks for every ratio within 3x.
Then ``mtfix fix`` on a generated 2 MB PO file: the diff (default mode) against ``--write``.

    python benchmarks/slow_inputs.py            # 16 KB and 64 KB
    python benchmarks/slow_inputs.py --kb 128
    python benchmarks/slow_inputs.py --growth     # issue 26 inputs only: time at n and 4n

``--growth`` times each input issue 26 found quadratic (MT305 on runs of a short token, one long
Markdown line, a long JSON/PO string with many issues, a large glossary) at a size n and at 4n,
in this process (no interpreter start in the figure), and prints the time ratio: linear code gives
about 4, quadratic 16. The target is at most 4.6.
"""
from __future__ import annotations

import argparse
import gc
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


def _cli_in_process(*args: str) -> None:
    import contextlib
    import io

    from mtfix import cli as mtfix_cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        mtfix_cli.main(["check", "--isolated", *args])


def growth_cases(tmp: Path) -> dict[str, "callable"]:
    """name -> f(n): the work on an input of about n characters (n rows for the glossary)."""
    import json

    from mtfix import glossary

    def mt305(unit: str):
        return lambda n: mtfix.check(unit * (n // len(unit)))

    def file_case(name: str, content):
        def run(n: int) -> None:
            f = tmp / f"{n}-{name}"
            if not f.exists():          # written once: only the check is timed (best of runs)
                f.write_text(content(n), encoding="utf-8")
            _cli_in_process(str(f))
        return run

    def gloss(n: int) -> None:
        g = tmp / f"glossary-{n}.csv"
        if not g.exists():
            g.write_text("source,target\n" + "".join(f"термин{k} слово{k},term{k}\n" for k in range(n)),
                         encoding="utf-8")
        glossary._load.cache_clear()
        glossary.load(str(g))

    many = lambda n: "word , " * (n // 7)
    cases = {f"mt305 {u!r}": mt305(u) for u in ("1 ", "10 ", "ha ", "no ", "OH ", "ABC ", "7 926 ")}
    cases["md long line"] = file_case("long.md", lambda n: "a" * n + "\n")
    cases["json string"] = file_case("long.json", lambda n: json.dumps({"a": many(n)}))
    cases["po string"] = file_case("long.po", lambda n: f'msgid "x"\nmsgstr "{many(n)}"\n')
    cases["glossary rows"] = gloss
    return cases


def four_times(kb: int) -> None:
    n = kb * 1024
    mtfix.check("Warm up the the lexicons , here.")
    worst, worst_name = 0.0, ""
    print(f"{'input':<16}{'n':>8}{'t(n) s':>9}{'t(4n) s':>9}{'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, run in growth_cases(Path(tmp)).items():
            # (rows, not characters, for the glossary); the long Markdown line takes milliseconds
            # at n: 16n to time it
            size = 16 * n if name == "md long line" else n
            run(size), run(4 * size)    # files written, caches warm: only the work is timed
            gc.collect()
            t1 = best_of(lambda: run(size), runs=3)
            gc.collect()
            t4 = best_of(lambda: run(4 * size), runs=3)
            ratio = t4 / t1
            if ratio > worst:
                worst, worst_name = ratio, name
            print(f"{name:<16}{size:>8}{t1:>9.3f}{t4:>9.3f}{ratio:>7.2f}", flush=True)
    print(f"RESULT growth_worst_ratio={worst:.2f} worst_input={worst_name!r} n_kb={kb} "
          f"within_4.6x={'yes' if worst <= 4.6 else 'no'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=64, help="the larger size (the smaller is a quarter)")
    ap.add_argument("--po-mb", type=float, default=2.0)
    ap.add_argument("--growth", action="store_true",
                    help="only the issue-26 inputs, each at n and 4n (n = --growth-kb KB)")
    ap.add_argument("--growth-kb", type=int, default=16)
    a = ap.parse_args()
    if a.growth:
        four_times(a.growth_kb)
        return
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
