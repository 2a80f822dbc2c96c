"""A corpus the workers read themselves, from a path they share (a local path every worker sees,
or any fsspec URL the cluster can read, e.g. ``s3://``): TSV, JSONL, TMX and Moses parallel files,
each plain or gzipped. The file is cut into blocks of bytes and each task reads its own block; the
client reads nothing of the corpus but its first bytes (gzip or not; a TMX's header), so its
network link and core are not the limit.

A line belongs to the block holding its first byte (a TMX ``<tu>`` to the block holding its start
tag), so every record is read exactly once whatever the block size. Two passes: the workers count
the lines (``<tu>``s) of each block, reading without parsing, and the client adds the counts up,
so that each block knows the number of its first record: record numbers, default ids and
malformed-record messages are the ones a reading from the start gives. Then each block is scored.

A gzip stream cannot be entered in the middle. Its count pass is one task that decompresses the
whole file once and counts every block; then each scoring task decompresses from the start of the
file, discarding the bytes before its block (``GzipFile.seek``). So that this repeated reading
stays small beside the scoring (decompressing is ~1,000 times faster than scoring the same bytes),
a gzipped corpus is cut into about ``GZ_TASKS`` blocks (or two a worker, if that is more; fewer
for a small file; more if a block would exceed ``GZ_MAX_BYTES`` of decompressed text): the
decompression repeated is about half the number of blocks times the file, ~2% of the scoring. Past a few GB of text, or on hundreds of workers, decompress
the corpus or cut it into several files first.

Moses parallel files (``corpus.de`` with ``--source corpus.en``) are line-aligned: the blocks are
the target file's; the count pass of the source file gives where each of its blocks begins, so a
task reads the target lines of its block and the same line numbers of the source from the nearest
block before them. The files' lengths come from the counts: lines past the shorter file are one
malformed-record message at the end, as in the sequential reading.

The tasks are run, and their outputs written, by ``mtfix.corpus_run``.
"""
from __future__ import annotations

import gzip
import io
import os
import re
from dataclasses import dataclass
from typing import Iterator

from .corpus import Record, moses_record
from .formats import InputError

BLOCK_BYTES = 1 << 18     # ~1,000 segments of MT text: a second of work per task, one read each
GZ_TASKS = 32             # blocks of a gzipped corpus, about: see the module's docstring
GZ_MAX_BYTES = 1 << 26    # of decompressed text a gzip block at most


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


class _Gz(gzip.GzipFile):
    """A gzip stream read from ``raw`` (closed with it). ``seek`` forward decompresses and drops."""

    def __init__(self, raw) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw = raw

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._raw.close()


def _reader(path: str, gz: bool):
    """The corpus's text: the file, or what its gzip stream decompresses to."""
    f = _open(path)
    return _Gz(f) if gz else f


def is_gzip(path: str) -> bool:
    """Whether ``path`` is a gzip stream (by its magic number, not its name)."""
    with _open(path) as f:
        return f.read(2) == b"\x1f\x8b"


def shared(path: str) -> str:
    """``path`` as every worker can name it (a local path made absolute)."""
    return path if _is_url(path) else os.path.abspath(path)


def blocks(path: str, size: int | None = None) -> list[tuple[int, int]]:
    """The byte blocks of an uncompressed file."""
    size = size or BLOCK_BYTES
    with _open(path) as f:
        total = f.seek(0, 2)
    return [(s, min(s + size, total)) for s in range(0, total, size)]


def _split(data: bytes) -> list[bytes]:
    """The lines of ``data`` as iterating over a file gives them (cut after each newline only)."""
    pieces = data.split(b"\n")
    last = pieces.pop()
    return [p + b"\n" for p in pieces] + ([last] if last else [])


def _to_line(f, at: int) -> None:
    """Seek ``f`` to the first line beginning at or after ``at``."""
    if at > 0:
        f.seek(at - 1)
        if f.read(1) != b"\n":
            f.readline()
    else:
        f.seek(0)


def block_lines(path: str, start: int, end: int, gz: bool = False) -> list[bytes]:
    """The lines of ``path`` whose first byte is in ``[start, end)``."""
    with _reader(path, gz) as f:
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


def tmx_head(path: str, name: str, gz: bool = False) -> bytes:
    """The bytes before the first ``<tu>`` (declaration, header, ``<body>``), checked as the
    whole file would be (a TMX root, no entity declarations): what each block is parsed after."""
    from .corpus_tmx import _tmx, tmx_frame

    with _reader(path, gz) as f:
        frame = tmx_frame(path, stream=f)
        f.seek(len(frame))
        whole = not f.read(1)       # no <tu> at all: the file is its own header
    list(_tmx(io.BytesIO(frame if whole else frame + b"</body></tmx>"), name, None, None, lambda m: None))
    return frame


def count_tmx(path: str, start: int, end: int) -> tuple[int, int]:
    """(``<tu>`` start tags beginning in ``[start, end)``, newlines in it)."""
    with _open(path) as f:
        f.seek(start)
        data = f.read(end - start + 3)      # a start tag across ``end`` is seen whole
    return _tmx_count(data, end - start)


def _tmx_count(data: bytes, n: int) -> tuple[int, int]:
    return sum(1 for m in _TU.finditer(data) if m.start() < n), data[:n].count(b"\n")


def count_stream(path: str, kind: str, head: int, size: int) -> list[tuple[int, int, object]]:
    """One pass over a gzipped corpus from ``head``: (start, end, count) of each block of ``size``
    decompressed bytes; the count is what ``count_block`` (``count_tmx``) gives for it."""
    out: list[tuple[int, int, object]] = []
    with _reader(path, True) as f:
        f.seek(head)
        at, line_start = head, True     # is ``at`` the first byte of a line?
        buf = f.read(size + 3)          # a block and the 3 bytes after it (a <tu start tag across)
        while buf:
            cur = buf[:size]
            if kind == "tmx":
                count: object = _tmx_count(buf, len(cur))
            else:
                count = int(line_start) + cur.count(b"\n", 0, len(cur) - 1)
                line_start = cur.endswith(b"\n")
            out.append((at, at + len(cur), count))
            at += len(cur)
            buf = buf[size:]
            buf += f.read(size + 3 - len(buf))
    return out


def tmx_block_records(job: Job, start: int, end: int, n0: int, line0: int, on_error) -> Iterator[Record]:
    """The records of the ``<tu>``s beginning in ``[start, end)``, numbered as in the whole file
    (``n0`` ``<tu>``s and ``line0`` newlines before ``start``): parsed after the file's header
    by the same hardened reader, the last one read to its end past ``end``. A ``<tu`` written
    inside a comment or a CDATA section between units would be taken for a start tag and make
    the block's parse fail (one error line, exit 2) where the sequential reading succeeds."""
    from . import corpus
    from .corpus_tmx import _tmx

    with _reader(job.path, job.gz) as f:
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


def moses_block_records(job: Job, start: int, end: int, first: int, source_at: tuple[int, int, int],
                        on_error) -> Iterator[Record]:
    """The records of the target lines beginning in ``[start, end)`` (the first is line
    ``first``) with the same lines of the source file, read from ``source_at`` = (the offset of
    a block of the source, the number of its first line, the lines both files have)."""
    at, line, common = source_at
    target = block_lines(job.path, start, end, job.gz)[:max(0, common - first + 1)]
    if not target:
        return
    with _reader(job.source, job.source_gz) as f:
        _to_line(f, at)
        for _ in range(first - line):
            f.readline()
        source = [f.readline() for _ in target]
    for k, (src, tgt) in enumerate(zip(source, target)):
        record = moses_record(first + k, src, tgt, job.name, job.source_lang, job.target_lang, on_error)
        if record is not None:
            yield record


@dataclass(frozen=True)
class Job:
    """What every block task needs besides its span: sent once per task (a few hundred bytes)."""

    path: str                       # as the workers open it
    name: str                       # as the user gave it (messages, locations)
    kind: str                       # tsv, jsonl, tmx or moses
    source_lang: str | None = None
    target_lang: str | None = None
    fields: tuple[str, str, str] = ("source", "target", "id")
    header: bool = False
    raw: bool = False               # send each record's bytes back (the Python API's records)
    fmt: str = "jsonl"              # score: of the output lines
    keep: tuple[float, int | None] | None = None    # filter: (min score, max issues)
    frame: bytes = b""              # TMX: the bytes before the first <tu>
    gz: bool = False                # the file is a gzip stream
    render: bool = False            # return the output bytes (not the records)
    source: str | None = None       # Moses: the source file, as the workers open it
    source_name: str | None = None
    source_gz: bool = False
