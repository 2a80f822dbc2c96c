"""A corpus the workers read themselves, from a path they share: an uncompressed TSV or JSONL file
(a local path every worker sees, or any fsspec URL the cluster can read, e.g. ``s3://``) is cut
into byte blocks and each task reads its own block. The client reads nothing of the corpus but
its size and first two bytes, so the client's network link and core are not the limit.

A line belongs to the block holding its first byte, so every line is read exactly once whatever
the block size. Two passes: the workers count the lines of each block (reading, no parsing), the
client adds the counts up, so that each block knows the number of its first line: record
numbers, default ids and malformed-record messages are the ones a reading from the start gives.
Then each block is scored. With ``--output-dir`` each task writes its block's output lines as
``DIR/part-NNNNN.<fmt>`` itself (``filter``: ``part-NNNNN-kept.<fmt>`` and
``part-NNNNN-rejected.<fmt>``; written beside and renamed, so a task retried after its worker
died leaves no half part); only counts and malformed-record messages go back to the client, and
the parts, in name order, are byte for byte what the one-file output is.
"""
from __future__ import annotations

import io
import os
import re
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from .corpus import Record, _lines, score_line, score_record
from .formats import InputError

BLOCK_BYTES = 1 << 18     # ~1,500 segments of MT text: seconds of work per task, one read each
RETRIES = 3
WINDOW = 4                # blocks in flight per worker: memory stays flat


def _is_url(path: str) -> bool:
    return "://" in path


def _open(path: str, mode: str = "rb"):
    if _is_url(path):
        try:
            import fsspec
        except ImportError:
            raise InputError(f"{path}: a URL needs fsspec (pip install 'mtfix[dask]')") from None
        try:
            return fsspec.open(path, mode).open()
        except (OSError, ValueError, ImportError) as e:
            raise InputError(f"{path}: cannot open ({e})") from None
    try:
        return open(path, mode)
    except OSError as e:
        raise InputError(f"{path}: cannot open ({e.strerror})") from None


def shared(path: str) -> str:
    """``path`` as every worker can name it (a local path made absolute)."""
    return path if _is_url(path) else os.path.abspath(path)


def splittable(path: str, kind: str) -> bool:
    """Whether the workers can read ``path`` by byte blocks: an uncompressed TSV, JSONL or TMX (a
    gzip stream cannot be entered in the middle)."""
    if kind not in ("tsv", "jsonl", "tmx"):
        return False
    with _open(path) as f:
        return f.read(2) != b"\x1f\x8b"


def blocks(path: str, size: int | None = None) -> list[tuple[int, int]]:
    size = size or BLOCK_BYTES
    with _open(path) as f:
        total = f.seek(0, 2)
    return [(s, min(s + size, total)) for s in range(0, total, size)]


def _split(data: bytes) -> list[bytes]:
    """The lines of ``data`` as iterating over a file gives them (cut after each newline only)."""
    pieces = data.split(b"\n")
    last = pieces.pop()
    return [p + b"\n" for p in pieces] + ([last] if last else [])


def block_lines(path: str, start: int, end: int) -> list[bytes]:
    """The lines of ``path`` whose first byte is in ``[start, end)``."""
    with _open(path) as f:
        inside = False              # does a line begun before ``start`` run into the block?
        if start > 0:
            f.seek(start - 1)
            inside = f.read(1) != b"\n"
        data = f.read(end - start)
        if inside:
            cut = data.find(b"\n")
            if cut < 0:
                return []
            data = data[cut + 1:]
        if data and not data.endswith(b"\n"):
            data += f.readline()     # the block's last line, to its end
    return _split(data)


def count_block(path: str, start: int, end: int) -> int:
    return len(block_lines(path, start, end))


# -- TMX: a block holds the <tu>s whose start tag begins in it -----------------------------------

_TU = re.compile(rb"<tu[\s>/]")


def tmx_head(path: str, name: str) -> bytes:
    """The bytes before the first ``<tu>`` (declaration, header, ``<body>``), checked as the
    whole file would be (a TMX root, no entity declarations): what each block is parsed after."""
    from .corpus_tmx import _tmx, tmx_frame

    with _open(path) as f:
        frame = tmx_frame(path, stream=f)
        whole = len(frame) == f.seek(0, 2)      # no <tu> at all: the file is its own header
    list(_tmx(io.BytesIO(frame if whole else frame + b"</body></tmx>"), name, None, None, lambda m: None))
    return frame


def count_tmx(path: str, start: int, end: int) -> tuple[int, int]:
    """(``<tu>`` start tags beginning in ``[start, end)``, newlines in it)."""
    with _open(path) as f:
        f.seek(start)
        data = f.read(end - start + 3)      # a start tag across ``end`` is seen whole
    return sum(1 for m in _TU.finditer(data) if m.start() < end - start), data[:end - start].count(b"\n")


def tmx_block_records(job: Job, start: int, end: int, n0: int, line0: int, on_error) -> Iterator[Record]:
    """The records of the ``<tu>``s beginning in ``[start, end)``, numbered as in the whole file
    (``n0`` ``<tu>``s and ``line0`` newlines before ``start``): parsed after the file's header
    by the same hardened reader, the last one read to its end past ``end``. A ``<tu`` written
    inside a comment or a CDATA section between units would be taken for a start tag and make
    the block's parse fail (one error line, exit 2) where the sequential reading succeeds."""
    from . import corpus
    from .corpus_tmx import _tmx

    with _open(job.path) as f:
        f.seek(start)
        buf = bytearray(f.read(end - start + 3))
        starts = [m.start() for m in _TU.finditer(buf) if m.start() < end - start]
        if not starts:
            return iter(())
        first, last = starts[0], starts[-1]
        while True:
            tag_end = buf.find(b">", last)
            stop = tag_end + 1 if tag_end > 0 and buf[tag_end - 1:tag_end] == b"/" else -1   # <tu/>
            if stop < 0:
                close = buf.find(b"</tu>", last)
                stop = close + 5 if close >= 0 else -1
            if stop >= 0:
                break
            more = f.read(corpus.CHUNK)
            if not more:            # truncated: the parse says where
                stop = len(buf)
                break
            buf += more
    frame = job.frame
    lines_before = line0 + buf[:first].count(b"\n")
    text = io.BytesIO(frame + bytes(buf[first:stop]) + b"</body></tmx>")
    return _tmx(text, job.name, job.source_lang, job.target_lang, on_error, n0, lines_before - frame.count(b"\n"))


@dataclass(frozen=True)
class Job:
    """What every block task needs besides its span: sent once per task (a few hundred bytes)."""

    path: str                       # as the workers open it
    name: str                       # as the user gave it (messages, locations)
    kind: str
    source_lang: str | None = None
    target_lang: str | None = None
    fields: tuple[str, str, str] = ("source", "target", "id")
    header: bool = False
    raw: bool = False               # send each record's bytes back (filter writes them)
    fmt: str = "jsonl"              # of the part files
    keep: tuple[float, int | None] | None = None    # filter: (min score, max issues)
    frame: bytes = b""              # TMX: the bytes before the first <tu>


def score_block(job: Job, start: int, end: int, first: int, options, part: str | None = None):
    """Score the records of one block: ([(record, score, codes)], malformed-record messages), or
    with ``part`` (a path without its extension) the block's output written there and (what it
    holds, messages): for ``score`` the number of lines of ``part.<fmt>``; for ``filter``
    (``job.keep``) the records of ``part-kept.<fmt>`` and ``part-rejected.<fmt>`` as they are in
    the corpus, and the counts {"kept", "score", "issues"}."""
    errors: list[str] = []
    if job.kind == "tmx":
        lines: list[bytes] = []
        records = tmx_block_records(job, start, end, first[0], first[1], errors.append)
    else:
        lines = block_lines(job.path, start, end)
        records = _lines(lines, job.name, job.kind, job.source_lang, job.target_lang,
                         errors.append, job.fields, first, job.header)
    done = [(r if job.raw or job.keep else replace(r, raw=b""), *score_record(r, options)) for r in records]
    if part is None:
        return done, errors
    if job.keep is None:
        _write(f"{part}.{job.fmt}", "".join(score_line(r, v, c, job.fmt) for r, v, c in done).encode("utf-8"))
        return len(done), errors
    min_score, max_issues = job.keep
    header = lines[0] if job.header and start == 0 and lines else b""   # part 0 starts like the corpus
    out: dict[str, list[bytes]] = {"kept": [header], "rejected": [header]}
    counts = {"kept": 0, "score": 0, "issues": 0}
    for r, value, codes in done:
        reason = "score" if value < min_score else \
            "issues" if max_issues is not None and len(codes) > max_issues else "kept"
        counts[reason] += 1
        out["kept" if reason == "kept" else "rejected"].append(r.raw if r.raw.endswith(b"\n") else r.raw + b"\n")
    for name, chunks in out.items():
        _write(f"{part}-{name}.{job.fmt}", b"".join(chunks))
    return counts, errors


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
    score_record(Record(0, "0", None, "Warm-up: the systems was deployed in Kaliningrad region."), options)
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_child_init) as pool:
        yield pool.submit, options, jobs


def run(job: Job, options, *, engine: str = "local", jobs: int = 1, scheduler: str | None = None,
        out_dir: str | None = None, on_error: Callable[[str], None], size: int | None = None) -> Iterator:
    """For each block, in input order: its [(record, score, codes)], or with ``out_dir`` what
    ``score_block`` wrote to its part files."""
    spans = blocks(job.path, size)
    if job.kind == "tmx":
        if job.keep is not None and out_dir is not None:
            raise InputError(f"{job.name}: filter --output-dir writes TSV or JSONL parts; for a TMX give -o")
        head = len(job.frame)
        spans = [(max(s, head), e) for s, e in spans if e > head]
    with _submitter(engine, jobs, scheduler, options) as (submit, opts, width):
        firsts: list = []
        if job.kind == "tmx":
            counting = [submit(count_tmx, job.path, s, e) for s, e in spans]
            tus, newlines = 0, job.frame.count(b"\n")
            for f in counting:
                firsts.append((tus, newlines))
                n_tus, n_lines = f.result()
                tus, newlines = tus + n_tus, newlines + n_lines
        else:
            counting = [submit(count_block, job.path, s, e) for s, e in spans]
            line = 1
            for f in counting:
                firsts.append(line)
                line += f.result()
        pending: deque = deque()
        for k, ((s, e), first) in enumerate(zip(spans, firsts)):
            part = None if out_dir is None else f"{out_dir.rstrip('/')}/part-{k:05d}"
            pending.append(submit(score_block, job, s, e, first, opts, part))
            while len(pending) >= WINDOW * width:
                yield _result(pending.popleft(), on_error)
        while pending:
            yield _result(pending.popleft(), on_error)


def _result(future, on_error: Callable[[str], None]):
    got, errors = future.result()
    for message in errors:
        on_error(message)
    return got
