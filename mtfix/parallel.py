"""``--jobs N``: files processed by a pool of worker processes, results used in file order.

The output is byte-identical to ``--jobs 1``: each worker checks (or fixes, or scores) whole
files and the parent consumes the results in the order of the files. The one state a run
carries from file to file is MT706's translation memory (one translation per source across the
files checked together). Each worker starts every file with an empty memory and returns what the
file recorded; the parent merges those memories in file order. A file whose sources were already
seen in an earlier file is checked again in the parent, with the merged memory, exactly as the
sequential run would have checked it -- so the result never depends on the split.

Workers are forked after the parent has loaded the rules, the phrase matcher and the language
model, so they start warm and share those pages. Where ``fork`` is unavailable, files are
processed one by one.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterator, Sequence

MEMORY = "_translation_memory"   # where cli._options keeps the run's memory (on the namespace)
BATCH = 8                        # files per task at most (see _pooled)
HEAD = 1                         # files the parent checks itself before forking (see _pooled)
_STATE: dict[str, Any] = {}      # inherited by the forked workers: the task and its inputs


def jobs_for(requested: int | None, n_items: int) -> int:
    """``--jobs`` if given (0 = every core), else every core when there are several files."""
    cores = os.cpu_count() or 1
    if requested is None:
        return min(cores, n_items) if n_items > 1 else 1
    return max(1, min(requested or cores, n_items))


def ordered(a: Any, items: Sequence[Any], task: Callable[[Any, Any], Any], jobs: int,
            warm: Callable[[], None] | None = None) -> Iterator[Any]:
    """``task(a, item)`` for each item, in order; with ``jobs > 1`` in worker processes.

    ``a`` is the command-line namespace (its translation memory is merged as described above).
    ``warm()`` loads, in the parent, what every worker would otherwise load for itself."""
    if jobs > 1 and len(items) > 1:
        # Imported only for a pool: multiprocessing costs ~30 ms, a one-file run pays nothing.
        import multiprocessing

        if "fork" in multiprocessing.get_all_start_methods():
            yield from _pooled(a, items, task, jobs, warm)
            return
    for item in items:
        yield task(a, item)


def _pooled(a: Any, items: Sequence[Any], task: Callable[[Any, Any], Any], jobs: int,
            warm: Callable[[], None] | None) -> Iterator[Any]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    if warm is not None:
        warm()
    # The parent checks the first file itself, in order and with the run's memory (exactly as
    # --jobs 1 would), before forking: the workers then inherit what real text warmed (the
    # phrase entries compiled, the words' language-model and lexicon answers) instead of each
    # working it out again.
    for item in items[:HEAD]:
        yield task(a, item)
    if len(items) <= HEAD:
        return
    items = items[HEAD:]
    _STATE.update(a=a, items=items, task=task)
    memory: dict = a.__dict__.setdefault(MEMORY, {})
    ctx = multiprocessing.get_context("fork")
    # Files go to the workers in small batches: a pre-commit file takes a few milliseconds, about
    # what a round trip to a worker costs, so one file per task left the second core idle.
    batch = max(1, min(BATCH, len(items) // (8 * jobs)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_child_init) as pool:
        pending: deque[Future] = deque()
        nxt = 0
        k = 0
        while k < len(items):
            # A bounded window ahead of the file being consumed: results wait in memory only
            # for a few batches, whatever the number of files.
            while nxt < len(items) and len(pending) < 4 * jobs:
                pending.append(pool.submit(_work, nxt, min(nxt + batch, len(items))))
                nxt += batch
            for result, recorded in pending.popleft().result():
                if _conflicts(recorded, memory):
                    yield task(a, items[k])   # again, with the memory of the files before it
                else:
                    _merge(recorded, memory)
                    yield result
                k += 1


def _child_init() -> None:
    # A forked child must not use the parent's SQLite connection: open its own on first use.
    # The answers the parent already read (plain tuples from a read-only file) stay valid.
    from . import lexicon

    lexicon._db.cache_clear()


def _work(start: int, stop: int) -> list[tuple[Any, dict]]:
    a = _STATE["a"]
    out = []
    for k in range(start, stop):
        memory: dict = {}
        a.__dict__[MEMORY] = memory     # this file alone: what it recorded goes back to the parent
        out.append((_STATE["task"](a, _STATE["items"][k]), memory))
    return out


def _conflicts(recorded: dict, memory: dict) -> bool:
    return any(key >= 0 and key in memory for key in recorded)


def _merge(recorded: dict, memory: dict) -> None:
    """Add a file's memory entries to the run's, renumbering the file names they point to
    (an entry is one packed variant ``<QIII`` digest, line, file number, count + text, or a tuple
    of them: see checks/source.py). Negative keys are bookkeeping: -1 the file names, the others
    the worker's own (what its chunks added), which the parent never re-checks."""
    if not recorded:
        return
    from .checks.source import _ENTRY as entry

    local_paths = recorded.get(-1, ([], {}))[0]
    paths, index = memory.setdefault(-1, ([], {}))
    for key, packed in recorded.items():
        if key < 0:
            continue
        out = []
        for variant in ((packed,) if isinstance(packed, bytes) else packed):
            digest, line, k, count = entry.unpack_from(variant)
            path = local_paths[k]
            if path not in index:
                index[path] = len(paths)
                paths.append(path)
            out.append(entry.pack(digest, line, index[path], count) + variant[entry.size:])
        memory[key] = out[0] if len(out) == 1 else tuple(out)
