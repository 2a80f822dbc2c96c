"""Does any input crash mtfix or break an invariant? (issue 14; 0 crashes expected)

Random inputs, N per area (default 10,000), from a fixed seed so a crash can be replayed:

- api:     text with rule triggers and arbitrary characters (controls, surrogates, RTL, CJK)
           through ``check``, ``fix`` and ``score``: spans in bounds, edits reproduce the fixed
           text, ``fix`` idempotent, scores in 0..100; ValueError/TypeError only for bad options;
- files:   generated files in every format and encoding through ``fix``: nothing outside the
           checked strings changes, the fix is idempotent;
- corrupt: those files with bytes flipped, cut, duplicated or spliced from another format:
           either processed as above or refused with InputError (one line) -- nothing else;
- packs:   mutated rule-pack YAML loaded as a user pack: a valid registry or RuleDataError;
- config:  mutated .mtfix.toml files: valid settings or ConfigError;
- kill:    ``mtfix fix --write`` on a 4 MB file killed at a random moment (SIGKILL, SIGTERM or
           SIGINT; ``--kills`` times, 20 by default: each is a process): the file is the old or
           the new content, never a mix; after SIGTERM/SIGINT no temporary file is left, and one
           left by SIGKILL is gone after the next run.

A crash is any other exception or a broken invariant; the first few are printed to replay.
RESULT gives ``area=examples/crashes`` and how many corrupt files were refused with one line.

    python benchmarks/fuzz.py                 # 10,000 per area
    python benchmarks/fuzz.py -n 500 --areas api,corrupt --seed 7
    python benchmarks/fuzz.py -n 2000 --areas files,corrupt --formats md   # Markdown only
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import mtfix  # noqa: E402
from mtfix.fixer import apply_edits  # noqa: E402
from mtfix.formats import InputError, load_document  # noqa: E402
from mtfix.options import Options  # noqa: E402
from mtfix.runner import fix_document  # noqa: E402
from test_properties import ENCODINGS, FORMATS, PIECES, _outside  # noqa: E402  (one definition of the templates)

ODD = ["\x00", "\x07", "\x1b[31m", "\u200b", "\u202e", "\ufeff", "\ud800", "\U0001f600", "\r", "\r\n",
       "\u2028", "\x85", "&amp;", "<b>", "</i>", "<!--", "-->", "```", "`", "[[", "]]", "{", "}", "%",
       "\\", '"', "'", "A.", "http://a", "@", "...", "!!", "  ", "\t", "ﬁ", "İ", "ß"]


def rand_text(rnd: random.Random, n: int = 25) -> str:
    parts = []
    for _ in range(rnd.randint(0, n)):
        r = rnd.random()
        if r < 0.6:
            parts.append(rnd.choice(PIECES))
        elif r < 0.85:
            parts.append(rnd.choice(ODD))
        else:
            parts.append("".join(chr(rnd.randint(1, 0x2FFFF)) for _ in range(rnd.randint(1, 4))))
    return rnd.choice([" ", "", " "]).join(parts)


def safe_text(rnd: random.Random) -> str:
    return " ".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 15))).replace("\n", " ").replace("\t", " ")


class Crash(Exception):
    pass


def check_api(rnd: random.Random) -> None:
    text = rand_text(rnd)
    for i in mtfix.check(text):
        if not 0 <= i.start <= i.end <= len(text):
            raise Crash(f"issue span out of bounds: {i}")
    res = mtfix.fix(text)
    if any(not 0 <= e.start <= e.end <= len(text) for e in res.edits):
        raise Crash("edit out of bounds")
    if apply_edits(text, res.edits) != res.text:
        raise Crash("edits do not reproduce the fixed text")
    if mtfix.fix(res.text).text != res.text:
        raise Crash("fix is not idempotent")
    sc = mtfix.score(text)
    if not 0 <= sc.value <= 100 or any(not 0 <= s.value <= 100 for s in sc.sentences):
        raise Crash(f"score out of range: {sc.value}")


ONLY: list[str] = []      # --formats: the file names (by extension) the files/corrupt areas use


def make_file(rnd: random.Random) -> tuple[str, bytes, str, str]:
    name = rnd.choice(sorted(n for n in FORMATS if not ONLY or n.rsplit(".", 1)[-1] in ONLY))
    text = FORMATS[name]([safe_text(rnd) for _ in range(rnd.randint(1, 4))])
    if rnd.random() < 0.3:
        text = text.replace("\n", "\r\n")
    elif name in ("a.md", "a.txt") and rnd.random() < 0.15:
        text = text.replace("\n", "\r")      # old Mac line breaks (issue 26: CR-only Markdown)
    encoding = rnd.choice(ENCODINGS)
    if encoding == "utf-16" and name in ("a.xlf", "a.xml", "a.ts", "a.stringsdict"):
        encoding = "utf-8"
    return name, text.encode(encoding), encoding, text


def check_file(name: str, data: bytes) -> None:
    doc = load_document(name, data)
    res = fix_document(doc, Options())
    out = doc.encode(res.new_text)
    again = load_document(name, out)
    if (again.encoding, again.bom) != (doc.encoding, doc.bom):
        raise Crash("encoding or BOM changed")
    if doc.adapter.name not in ("text", "markdown") and _outside(again) != _outside(doc):
        raise Crash("text outside the checked strings changed")
    if fix_document(again, Options()).new_text != again.text:
        raise Crash("fix of a file is not idempotent")


def check_files(rnd: random.Random) -> None:
    name, data, _, _ = make_file(rnd)
    check_file(name, data)


def corrupt(rnd: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.random()
        if not b:
            b += bytes([rnd.randint(0, 255)])
        elif op < 0.3:
            b[rnd.randrange(len(b))] = rnd.randint(0, 255)
        elif op < 0.5:
            del b[rnd.randrange(len(b)):]
        elif op < 0.7:
            a = rnd.randrange(len(b))
            b[a:a] = b[a:a + rnd.randint(1, 200)]
        elif op < 0.85:
            a = rnd.randrange(len(b))
            b[a:a] = rnd.choice([b"<", b'"', b"\\", b"{", b"[", b"msgid ", b"-->", b"\x00", b"\xff", b"\n\n"])
        else:
            a = rnd.randrange(len(b))
            del b[a:a + rnd.randint(1, 50)]
    return bytes(b)


REFUSED = [0]      # corrupt files refused with one line (the rest were processed and checked)


def check_corrupt(rnd: random.Random) -> None:
    name, data, _, _ = make_file(rnd)
    if rnd.random() < 0.2:      # a file of one format saved under another's name
        name = rnd.choice(sorted(FORMATS))
    try:
        check_file(name, corrupt(rnd, data))
    except InputError:
        REFUSED[0] += 1


PACK = """family: punctuation
rules:
  - code: MT398
    name: fuzz-rule
    severity: warning
    safe: true
    message: "Fix {mark}"
    examples:
      - wrong: "a [[ ,]] b"
        fix: ","
      - ok: "a, b"
"""


def check_packs(rnd: random.Random, tmp: Path) -> None:
    from mtfix.ruledata import Registry, RuleDataError

    text = PACK
    for _ in range(rnd.randint(1, 4)):
        a = rnd.randrange(len(text) + 1)
        text = text[:a] + rnd.choice(["&x ", "*x", "[", "]", "{", ": ", "\n  - ", "!!binary aGk=",
                                      "2024-01-01", "- ", "'", '"', "\t", "~", "1e9999", "?"]) + text[a:]
    folder = tmp / f"p{rnd.randrange(10**9)}"
    folder.mkdir()
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    try:
        Registry([], [folder])
    except RuleDataError:
        pass


TOML = 'select = ["MT3"]\nignore = ["MT301"]\nsource-lang = "ru"\ntarget-locale = "en-GB"\nfail-on = "error"\n'


def check_config(rnd: random.Random, tmp: Path) -> None:
    from mtfix.config import ConfigError, load

    text = TOML
    for _ in range(rnd.randint(1, 3)):
        a = rnd.randrange(len(text) + 1)
        text = text[:a] + rnd.choice(['"', "[", "]", "=", "\n", "klingon", "MT9", "x = 1\n", "{", "true",
                                      "rule-packs = [\"/\"]\n", "glossary = 3\n", "ALL"]) + text[a:]
    f = tmp / f"c{rnd.randrange(10**9)}.toml"
    f.write_text(text, encoding="utf-8")
    try:
        load(f)
    except ConfigError:
        pass


def kill_runs(n: int, seed: int, tmp: Path) -> tuple[int, int]:
    import os
    import signal
    import subprocess

    rnd = random.Random(f"{seed}-kill")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    old = ("As previously mentioned , the systems moved .\n" * 90_000).encode()
    new = ("As previously mentioned, the systems moved.\n" * 90_000).encode()
    crashes = 0
    seen = {"old": 0, "new": 0, "temp left": 0}
    for k in range(n):
        folder = tmp / f"kill{k}"
        folder.mkdir()
        f = folder / "a.txt"
        f.write_bytes(old)
        sig = rnd.choice([signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
        p = subprocess.Popen([sys.executable, "-m", "mtfix", "fix", "--write", "--isolated",
                              "--select", "MT301", str(f)], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0.5, 15.0))     # a run takes ~5 s of CPU: before, during, after the write
        p.send_signal(sig)
        p.wait()
        data = f.read_bytes()
        left = [x.name for x in folder.iterdir() if ".mtfix-" in x.name]
        problem = None
        seen["old"] += data == old
        seen["new"] += data == new
        seen["temp left"] += bool(left)
        if data not in (old, new):
            problem = "the file is neither the old nor the new content"
        elif left and sig != signal.SIGKILL:
            problem = f"temporary file left after {sig.name}: {left}"
        elif left:
            subprocess.run([sys.executable, "-m", "mtfix", "fix", "--write", "--isolated", str(f)],
                           env=env, capture_output=True)
            if [x for x in folder.iterdir() if ".mtfix-" in x.name]:
                problem = f"temporary file of a killed run not removed by the next run: {left}"
        if problem:
            crashes += 1
            print(f"  CRASH kill #{k} ({sig.name}): {problem}")
    print(f"  kill outcomes: file old {seen['old']}, new {seen['new']}, "
          f"temporary file left by SIGKILL {seen['temp left']}")
    return n, crashes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="examples per area")
    ap.add_argument("--areas", default="api,files,corrupt,packs,config,kill")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--kills", type=int, default=20, help="runs of the kill area (each a process)")
    ap.add_argument("--formats", default="", help="files/corrupt areas only for these extensions "
                    "(e.g. md or md,po; default: every format)")
    a = ap.parse_args()
    ONLY.extend(x.strip().lstrip(".") for x in a.formats.split(",") if x.strip())
    mtfix.check("warm up the the text .")
    results = {}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for area in a.areas.split(","):
            if area == "kill":
                t = time.perf_counter()
                results[area] = kill_runs(a.kills, a.seed, tmp)
                print(f"kill     {a.kills} runs, {results[area][1]} crashes, "
                      f"{time.perf_counter() - t:.0f} s", flush=True)
                continue
            fn = {"api": check_api, "files": check_files, "corrupt": check_corrupt,
                  "packs": lambda r: check_packs(r, tmp), "config": lambda r: check_config(r, tmp)}[area]
            crashes, shown = 0, 0
            t = time.perf_counter()
            for k in range(a.n):
                rnd = random.Random(f"{a.seed}-{area}-{k}")
                try:
                    fn(rnd)
                except Exception as e:      # noqa: BLE001 -- counting crashes is the point
                    crashes += 1
                    if shown < 3:
                        shown += 1
                        print(f"  CRASH {area} #{k} (replay: --areas {area} --seed {a.seed}): "
                              f"{type(e).__name__}: {e}")
                        traceback.print_exc(limit=-3, file=sys.stdout)
            results[area] = (a.n, crashes)
            print(f"{area:<8} {a.n} examples, {crashes} crashes, {time.perf_counter() - t:.0f} s", flush=True)
    total = sum(c for _, c in results.values())
    print("RESULT " + " ".join(f"{k}={n}/{c}" for k, (n, c) in results.items())
          + f" corrupt_refused={REFUSED[0]} crashes={total}")


if __name__ == "__main__":
    main()
