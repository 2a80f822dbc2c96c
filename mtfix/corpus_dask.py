"""``--engine dask``: the blocks of a corpus scored on a Dask cluster (``--scheduler
tcp://HOST:PORT``, or a local cluster of ``--jobs`` worker processes when none is given).

Every corpus (TSV, JSONL, TMX, Moses parallel files, each plain or gzipped) is read by the workers
themselves, each task its own block, from a path they all see (``mtfix.corpus_blocks``); the
client sends a few hundred bytes a task and gets back the block's output already formatted (or,
with ``--output-dir``, only its counts), and writes the blocks in input order, so the output is
the one ``--jobs 1`` writes. Each worker process loads mtfix once (``mtfix.dask_worker``: when
it starts, with ``dask worker --preload mtfix.dask_worker``, else when a run first registers the
``Warm`` plugin) and keeps its tables warm from task to task and run to run. A task whose worker dies is run again (Dask's ``retries``).
``dask[distributed]`` is an optional extra: ``pip install 'mtfix[dask]'``.
"""
from __future__ import annotations

from .corpus import Record, score_record
from .formats import InputError

RETRIES = 3


def _client(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'mtfix[dask]' (dask[distributed])") from None
    import logging

    from .dask_worker import Warm

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as e:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
        client.register_plugin(Warm())      # a no-op where every worker has it (idempotent)
        return client, None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR, preload=["mtfix.dask_worker"])
    return Client(cluster), cluster


def score_chunk(chunk: list[Record], options) -> list[tuple[float, list[str]]]:
    """(score, issue codes) of each record of a chunk: what to ``map_partitions`` over a Dask bag
    of records one already has (``mtfix.corpus.iter_records`` makes them)."""
    return [score_record(r, options) for r in chunk]
