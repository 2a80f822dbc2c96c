"""The tasks of a corpus read by the workers (``mtfix.corpus_blocks``): the count pass, then one
scoring task a block, on forked worker processes (``--jobs``) or a Dask cluster (``--engine
dask``), results used in input order.

With ``--output-dir`` each task writes its block's output itself as ``DIR/part-NNNNN.<fmt>``
(``filter``: ``part-NNNNN-kept.<ext>`` and ``part-NNNNN-rejected.<ext>``, in the corpus's format;
written beside and renamed, so a task retried after its worker died leaves no half part); only
counts and malformed-record messages go back to the client. The score parts, in name order, are
byte for byte what the one-file output is; so are the TSV/JSONL filter parts (with ``--header``,
part 0 starts with the header line); each TMX filter part is a complete TMX (the corpus's bytes
before its first ``<tu>``, the part's ``<tu>``s byte for byte, then ``</body></tmx>``), as
``filter -o`` writes one. Without ``--output-dir`` the tasks return the output bytes already
formatted (``mtfix.corpus.rendered``, what the command line writes), and the client only writes
them in order; for ``mtfix.corpus.score`` they return the records with their scores.

The last blocks of an uncompressed file are cut in four, so that at the end of a run no worker
scores a whole block while the others have nothing left to do.
"""
from __future__ import annotations

import os
from bisect import bisect_right
from collections import deque
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Iterator

from . import corpus_blocks as cb
from .corpus import Record, _lines, not_parallel, render, score_record, warm
from .corpus_blocks import Job, _is_url, _reader, count_block, count_stream, count_tmx, shared
from .formats import InputError

WINDOW = 4                # blocks in flight per worker: memory stays flat


def score_block(job: Job, start: int, end: int, first, options, part: str | None = None,
                source_at: tuple[int, int, int] | None = None):
    """Score the records of one block. Returns (what, malformed-record messages), ``what`` being
    [(record, score, codes)]; with ``job.render`` (counts, {name: bytes}) as
    ``mtfix.corpus.render`` makes them; with ``part`` (a path without its extension) the output
    written there and its counts (``score``: the number of records)."""
    errors: list[str] = []
    try:
        if job.kind == "tmx":
            records: Iterator[Record] = cb.tmx_block_records(job, start, end, first[0], first[1], errors.append)
        elif job.kind == "moses":
            records = cb.moses_block_records(job, start, end, first, source_at, errors.append)
        else:
            lines = cb.block_lines(job.path, start, end, job.gz)
            records = _lines(lines, job.name, job.kind, job.source_lang, job.target_lang,
                             errors.append, job.fields, first, job.header)
        done = [(r, *score_record(r, options)) for r in records]
    except (OSError, EOFError) as e:        # a corrupt or truncated .gz, a file gone
        raise InputError(f"{job.name}: cannot read: {e}") from None
    if part is None and not job.render:
        return [(r if job.raw else replace(r, raw=b""), v, c) for r, v, c in done], errors
    counts, out = render(done, job.fmt, job.keep, job.kind)
    if part is None:
        return (counts, out), errors
    if job.keep is None:
        _write(f"{part}.{job.fmt}", out["out"])
        return counts["scored"], errors
    for name, data in out.items():
        if job.kind == "tmx":           # each part a whole TMX, as filter -o writes one
            data = job.frame + data + b"  </body>\n</tmx>\n"
        elif job.header and start == 0:     # part 0 starts like the corpus
            data = _first_line(job) + data
        _write(f"{part}-{name}.{job.kind}", data)
    return counts, errors


def _first_line(job: Job) -> bytes:
    with _reader(job.path, job.gz) as f:
        line = f.readline()
    return line if line.endswith(b"\n") else line + b"\n"


def _write(path: str, data: bytes) -> None:
    if _is_url(path):
        import fsspec

        fs, p = fsspec.core.url_to_fs(path)
        fs.pipe_file(p + ".tmp", data)
        fs.mv(p + ".tmp", p)
        return
    # One temporary name per part, not per process: a task run again after its worker was killed
    # mid-write writes the same bytes over the dead attempt's file, so nothing is left behind.
    tmp = f"{path}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def prepare_dir(out_dir: str) -> str:
    """``out_dir`` made (if need be) and checked to hold no part files of an earlier run (they
    would be read as this run's)."""
    if _is_url(out_dir):
        import fsspec

        fs, p = fsspec.core.url_to_fs(out_dir)
        fs.makedirs(p, exist_ok=True)
        names = [n.rsplit("/", 1)[-1] for n in fs.ls(p, detail=False)]
    else:
        try:
            os.makedirs(out_dir, exist_ok=True)
            names = os.listdir(out_dir)
        except OSError as e:
            raise InputError(f"{out_dir}: cannot write there ({e.strerror})") from None
    if any(n.startswith("part-") for n in names):
        raise InputError(f"{out_dir}: already holds part files; give an empty or new folder")
    return shared(out_dir)


class _Done:
    """A result computed in place (one core): what a future offers."""

    def __init__(self, value) -> None:
        self.value = value

    def result(self):
        return self.value


@contextmanager
def _submitter(engine: str, jobs: int, scheduler: str | None, options):
    """(submit(fn, *args) -> future, the options as tasks take them, workers)."""
    if engine == "dask":
        from .corpus_dask import RETRIES as retries, _client

        client, cluster = _client(scheduler, jobs)
        try:
            width = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
            opts = client.scatter(options, broadcast=True)
            yield (lambda fn, *args: client.submit(fn, *args, retries=retries, pure=False)), opts, width
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
        return
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield (lambda fn, *args: _Done(fn(*args))), options, 1
        return
    from concurrent.futures import ProcessPoolExecutor

    from .parallel import _child_init

    # Rules, phrase matcher and language model loaded once here, before the workers are forked.
    warm(options)
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_child_init) as pool:
        yield pool.submit, options, jobs


def _taper(spans: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """The last blocks cut in four: the tasks are long where that saves overhead and short at the
    end, so that one worker does not score a whole block while the others have nothing left."""
    k = min(len(spans), 2 * width)
    out = spans[:len(spans) - k]
    for s, e in spans[len(spans) - k:]:
        step = max(1, -(-(e - s) // 4))
        out += [(a, min(a + step, e)) for a in range(s, e, step)]
    return out


def _plan(path: str, kind: str, gz: bool, head: int, submit, width: int, size: int | None, whole: bool = True):
    """Start the count pass of a file: a function that returns (start, end, count) per block (for
    a gzip stream ``whole`` = False keeps the counting blocks, else merges them into fewer)."""
    size = size or cb.BLOCK_BYTES
    if gz:
        future = submit(count_stream, path, kind, head, size)

        def merged():
            fine = future.result()
            n = max(cb.GZ_TASKS, 2 * width)
            per = 1 if not whole else min(max(1, -(-len(fine) // n)), max(1, cb.GZ_MAX_BYTES // size))
            out = []
            for k in range(0, len(fine), per):
                group = fine[k:k + per]
                counts = [c for _, _, c in group]
                total = tuple(map(sum, zip(*counts))) if kind == "tmx" else sum(counts)
                out.append((group[0][0], group[-1][1], total))
            return out
        return merged
    spans = [(max(s, head), e) for s, e in cb.blocks(path, size) if e > head]
    if whole:
        spans = _taper(spans, width)
    futures = [submit(count_tmx if kind == "tmx" else count_block, path, s, e) for s, e in spans]
    return lambda: [(s, e, f.result()) for (s, e), f in zip(spans, futures)]


def run(job: Job, options, *, engine: str = "local", jobs: int = 1, scheduler: str | None = None,
        out_dir: str | None = None, on_error: Callable[[str], None], size: int | None = None) -> Iterator:
    """For each block, in input order: what ``score_block`` returns for it (without the
    messages, which go to ``on_error``)."""
    with _submitter(engine, jobs, scheduler, options) as (submit, opts, width):
        plan = _plan(job.path, job.kind, job.gz, len(job.frame), submit, width, size)
        source_plan = None if job.source is None else \
            _plan(job.source, "moses", job.source_gz, 0, submit, width, size, whole=False)
        spans = plan()
        firsts: list = []
        if job.kind == "tmx":
            tus, newlines = 0, job.frame.count(b"\n")
            for _, _, (n_tus, n_lines) in spans:
                firsts.append((tus, newlines))
                tus, newlines = tus + n_tus, newlines + n_lines
        else:
            line = 1
            for _, _, n in spans:
                firsts.append(line)
                line += n
        hints: list = [None] * len(spans)
        if source_plan is not None:
            source = source_plan()
            starts, line = [], 1
            for _, _, n in source:
                starts.append(line)
                line += n
            n_target, n_source = sum(n for _, _, n in spans), line - 1
            common = min(n_target, n_source)
            for k, a in enumerate(firsts):
                i = max(0, bisect_right(starts, a) - 1)
                hints[k] = (source[i][0] if source else 0, starts[i] if source else 1, common)
        pending: deque = deque()
        for k, ((s, e, _), first) in enumerate(zip(spans, firsts)):
            part = None if out_dir is None else f"{out_dir.rstrip('/')}/part-{k:05d}"
            pending.append(submit(score_block, job, s, e, first, opts, part, hints[k]))
            while len(pending) >= WINDOW * width:
                yield _result(pending.popleft(), on_error)
        while pending:
            yield _result(pending.popleft(), on_error)
        if source_plan is not None and n_target != n_source:
            longer = job.source_name if n_source > n_target else job.name
            on_error(not_parallel(job.name, job.source_name, longer, common))


def _result(future, on_error: Callable[[str], None]):
    got, errors = future.result()
    for message in errors:
        on_error(message)
    return got
