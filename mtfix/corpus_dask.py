"""``--engine dask``: the chunks of a corpus scored on a Dask cluster (``--scheduler
tcp://HOST:PORT``, or a local cluster of ``--jobs`` worker processes when none is given).

An uncompressed TSV or JSONL is read by the workers themselves, by byte blocks
(``mtfix.corpus_blocks``). Here, for what cannot be entered in the middle (a gzip stream, TMX,
Moses parallel files), the parent reads the corpus and sends each chunk of records (without
their raw bytes) to the cluster; a bounded window of chunks is in flight, and results are used
in input order, so the output is the one ``--jobs 1`` writes. Each worker process imports mtfix once and keeps its
tables warm from chunk to chunk. A chunk whose worker dies is run again (Dask's ``retries``).
``dask[distributed]`` is an optional extra: ``pip install 'mtfix[dask]'``.
"""
from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import Iterator

from .corpus import Record, _chunks, score_record
from .formats import InputError

RETRIES = 3
WINDOW = 4          # chunks in flight per worker


def _client(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'mtfix[dask]' (dask[distributed])") from None
    import logging

    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def score_chunk(chunk: list[Record], options) -> list[tuple[float, list[str]]]:
    """What a Dask worker runs on one chunk (also usable with ``map_partitions`` on a bag of
    records): (score, issue codes) per record."""
    return [score_record(r, options) for r in chunk]


def scored(records: Iterator[Record], options, *, scheduler: str | None = None, workers: int = 2,
           size: int | None = None) -> Iterator[tuple[Record, float, list[str]]]:
    from . import corpus

    client, cluster = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        opts = client.scatter(options, broadcast=True)
        pending: deque = deque()
        for chunk in _chunks(records, size or corpus.RECORDS_PER_CHUNK):
            future = client.submit(score_chunk, [replace(r, raw=b"") for r in chunk], opts,
                                   retries=RETRIES, pure=False)
            pending.append((chunk, future))
            while len(pending) >= WINDOW * n_workers:
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _results(chunk: list[Record], future) -> Iterator[tuple[Record, float, list[str]]]:
    for r, (value, codes) in zip(chunk, future.result()):
        yield r, value, codes
