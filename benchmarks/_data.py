"""Shared loaders for the benchmarks: MLQE-PE and MQM data in ../shared/data (never shipped)."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "mlqe-pe-ru-en"


PAIRS = ("ru", "et", "ne", "ro", "si")   # MLQE-PE source languages, all into English


def load(split: str = "dev", pair: str = "ru") -> list[dict]:
    """One MLQE-PE split of one language pair (``pair``: the source language)."""
    with open(SHARED / "data" / f"mlqe-pe-{pair}-en" / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def load_mqm(human: bool | None = False) -> list[dict]:
    """MQM zh-en newstest2020: the MT outputs (``human=True``: the human translations instead;
    ``None``: both), each with ``mqm`` (the segment score as mtbench.py computes it) and
    ``mqm_per_word``."""
    out = []
    with open(SHARED / "data" / "mqm-zh-en-news20" / "segments.jsonl", encoding="utf-8") as fh:
        for line in fh:
            s = json.loads(line)
            if human is not None and bool(s.get("human")) != human:
                continue
            s["mqm"] = mqm_score(s)
            s["mqm_per_word"] = s["mqm"] / max(1, len(s["mt"].split()))
            out.append(s)
    return out


def mqm_score(seg: dict) -> float:
    """-(5 per Major, 1 per Minor, 0.1 per Minor punctuation, 25 per non-translation) per rater."""
    def w(e: dict) -> float:
        if e["category"].startswith("Non-translation"):
            return 25.0
        if e["severity"] == "Minor" and e["category"] == "Fluency/Punctuation":
            return 0.1
        return {"Major": 5.0, "Minor": 1.0}.get(e["severity"], 0.0)
    return -sum(map(w, seg["errors"])) / max(1, len(seg["raters"]))


def pearson(x, y) -> float:
    import math

    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return 0.0 if not sx or not sy else sum((a - mx) * (b - my) for a, b in zip(x, y)) / (sx * sy)


@lru_cache(maxsize=1)
def _moses():
    from sacremoses import MosesDetokenizer, MosesTokenizer

    return MosesTokenizer(lang="en"), MosesDetokenizer(lang="en")


def detok(tokenized: str) -> str:
    """The post-edit as a user would have written it (pe_tok is Moses-tokenized)."""
    return _moses()[1].detokenize(tokenized.split())


def tok(text: str) -> str:
    return _moses()[0].tokenize(text, escape=False, return_str=True)


def best_of(fn, runs: int = 3) -> float:
    """Best wall time of ``runs`` calls: the least disturbed by the other core's load."""
    import time

    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best



def run_process(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process, its output discarded."""
    import subprocess
    import time

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024
