"""Shared loaders for the benchmarks: the MLQE-PE ru-en splits in ../shared/data (not shipped)."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MTFIX_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "mlqe-pe-ru-en"


def load(split: str = "dev") -> list[dict]:
    with open(DATA / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


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


PAIRS = ("ru-en", "et-en", "ne-en", "ro-en", "si-en")
MQM_NEWS20 = SHARED / "data" / "mqm-zh-en-news20" / "segments.jsonl"


def load_pair(pair: str, split: str = "train") -> list[dict]:
    """MLQE-PE records of any of the five pairs (``load`` is ru-en only)."""
    with open(SHARED / "data" / f"mlqe-pe-{pair}" / f"{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def load_mqm(human: bool | None = False) -> list[dict]:
    """MQM news20 zh-en outputs: MT only (False), human translations only (True) or all (None)."""
    with open(MQM_NEWS20, encoding="utf-8") as fh:
        segs = [json.loads(line) for line in fh]
    return [s for s in segs if human is None or bool(s.get("human")) == human]
