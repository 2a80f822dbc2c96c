"""Peak memory of `mtfix check` on a large gettext catalogue (issue 6: a 50 MB PO file is checked
with bounded memory).

Generates a realistic ru->en PO file of the requested size in a temporary directory (wrapped
msgstrs, comments, flags, plural forms, a few artefacts per hundred entries), runs the real CLI in
a subprocess and reports its peak RSS and wall time, next to a run on a file a tenth the size in
the same process, so the ratio shows how memory grows with the file.

    python benchmarks/po_memory.py                 # 50 MB, all rules
    python benchmarks/po_memory.py --mb 5 --select MT3,MT7
    python benchmarks/po_memory.py --ignore MT706  # without the cross-chunk translation memory
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SOURCES = [
    ("Министерство обороны России сообщило, что учения пройдут в Калининградской области.",
     "The Russian Defense Ministry said the exercises would take place in the Kaliningrad region."),
    ("В учениях участвовали 7 926 военных.", "7,926 troops took part in the exercises."),
    ("Привет, {name}! У вас новые сообщения.", "Hello, {name}! You have new messages."),
    ("Нажмите <b>Сохранить</b>, чтобы продолжить.", "Click <b>Save</b> to continue."),
    ("Бюджет составил 2,5 млрд рублей.", "The budget was 2.5 billion rubles."),
]
ARTEFACTS = [("Kaliningrad region.", "Kaliningrad region ."), ("the exercises", "the the exercises"),
             ("{name}", "{nmae}"), ("7,926", "7,962")]


def make_po(path: Path, size: int, seed: int = 1) -> int:
    rnd = random.Random(seed)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: ru\\n"\n'
                 '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
        while fh.tell() < size:
            src, tgt = rnd.choice(SOURCES)
            if rnd.random() < 0.05:
                a, b = rnd.choice(ARTEFACTS)
                tgt = tgt.replace(a, b)
            n += 1
            fh.write(f"#. entry {n}\n#: app/module{n % 97}.py:{n % 1000}\n")
            if n % 7 == 0:
                fh.write("#, python-format\n")
            src = f"{src} [{n}]"
            tgt = f"{tgt} [{n}]"
            if n % 3 == 0:      # wrapped like msgcat does
                cut = tgt.rfind(" ", 0, len(tgt) // 2) + 1
                fh.write(f'msgid "{src}"\nmsgstr ""\n"{tgt[:cut]}"\n"{tgt[cut:]}"\n\n')
            elif n % 11 == 0:
                fh.write(f'msgid "{src}"\nmsgid_plural "{src}"\nmsgstr[0] "{tgt}"\nmsgstr[1] "{tgt}"\n\n')
            else:
                fh.write(f'msgid "{src}"\nmsgstr "{tgt}"\n\n')
    return n


def run(path: Path, select: str | None, ignore: str | None = None) -> tuple[float, float, int]:
    """(peak RSS MB of the child, wall seconds, exit code)."""
    cmd = [sys.executable, "-c",
           "import resource, sys\nfrom mtfix.cli import main\ncode = main(sys.argv[1:])\n"
           "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)",
           "check", "--format", "json", "--statistics", str(path)]
    if select:
        cmd[-1:-1] = ["--select", select]
    if ignore:
        cmd[-1:-1] = ["--ignore", ignore]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - t0
    peak = [line for line in r.stderr.splitlines() if line.startswith("PEAK")]
    if not peak or r.returncode == 2:
        sys.exit(f"mtfix failed (exit {r.returncode}): {r.stderr[-2000:]}")
    return int(peak[-1].split()[1]) / 1024, wall, r.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=50.0, help="size of the large file (default 50)")
    ap.add_argument("--select", help="rule prefixes to run (default: all)")
    ap.add_argument("--ignore", help="rule prefixes to skip (default: none)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for mb in (a.mb / 10, a.mb):
            path = Path(tmp) / f"big-{mb:g}mb.po"
            entries = make_po(path, int(mb * 2**20))
            rss, wall, code = run(path, a.select, a.ignore)
            rows.append((mb, path.stat().st_size / 2**20, entries, rss, wall, code))
            path.unlink()
        print(f"rules: {a.select or 'all'}" + (f", ignoring {a.ignore}" if a.ignore else ""))
        print(f"{'file MB':>8} {'entries':>8} {'peak RSS MB':>12} {'RSS/file':>9} {'wall s':>8} exit")
        for mb, size, entries, rss, wall, code in rows:
            print(f"{size:8.1f} {entries:8d} {rss:12.1f} {rss / size:9.2f} {wall:8.1f} {code:4d}")
        (s1, r1), (s2, r2) = (rows[0][1], rows[0][3]), (rows[1][1], rows[1][3])
        print(f"RSS growth per file MB between the two runs: {(r2 - r1) / (s2 - s1):.2f} MB/MB; "
              f"size x{s2 / s1:.1f} -> peak RSS x{r2 / r1:.2f}")


if __name__ == "__main__":
    main()
