"""mtfix on a Dask worker, loaded before the first task: ``dask worker --preload
mtfix.dask_worker tcp://SCHEDULER:8786`` loads mtfix's rules, tables and language model when the
worker starts (and when its nanny starts it again after a crash), so no run waits for it; the
``Warm`` plugin, which ``--engine dask`` registers on the cluster, does the same for workers
started without it (at the first run, and for every worker that joins later).

A worker that is warm scores its first block at full speed: loading costs each worker process
~0.7 s of CPU (the first segments: imports, lemminflect's tables for suggestions, the language
model), which a fresh cluster otherwise pays in its first run.
"""
from __future__ import annotations

from distributed import WorkerPlugin


class Warm(WorkerPlugin):
    """Load mtfix in each worker once (a worker that has it already does nothing)."""

    idempotent = True       # registered by every run: ignored where it is registered already
    name = "mtfix-warm"

    def setup(self, worker) -> None:
        from .corpus import warm

        warm()


def dask_setup(worker) -> None:
    """``dask worker --preload mtfix.dask_worker``: called by the worker as it starts."""
    from .corpus import warm

    warm()
