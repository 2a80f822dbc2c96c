"""Corpora read as streams: bilingual TSV, JSONL and TMX 1.4 (each also gzipped), one record
at a time, so memory does not grow with the corpus.

``iter_records(path)`` yields a :class:`Record` per segment pair in file order. A malformed record
(a line without a tab, invalid JSON, a ``<tu>`` without its target) is reported through
``on_error`` as one line naming the file and the record number, and reading goes on; what makes
the whole file unreadable (not well-formed XML, a DTD entity) raises ``InputError``.

TMX is read by ``mtfix.corpus_tmx`` (incremental, hardened expat).
"""
from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .formats import InputError
from .model import Location

FORMATS = {".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".tmx": "tmx"}
CHUNK = 1 << 16          # bytes read at a time


@dataclass
class Record:
    """One segment pair: ``index`` its 0-based position among the file's records (malformed ones
    included), ``id`` the TSV third column, the JSONL ``id`` or the TMX ``tuid`` (else the record
    number), ``raw`` the record's bytes as they are in the file (what ``filter`` writes)."""

    index: int
    id: str
    source: str | None
    target: str
    source_lang: str | None = None
    target_lang: str | None = None
    location: Location = Location()
    protected: tuple[tuple[int, int], ...] = ()
    raw: bytes = b""
    extra: dict = field(default_factory=dict)    # TMX: byte offsets of the target's content


def corpus_format(path: str, format_in: str | None = None) -> str:
    """'tsv', 'jsonl' or 'tmx' by ``format_in`` or the extension (a ``.gz`` is looked through)."""
    if format_in:
        if format_in not in ("tsv", "jsonl", "tmx"):
            raise InputError(f"{path}: --format-in {format_in} is not a corpus format (tsv, jsonl or tmx)")
        return format_in
    p = Path(path[:-3] if path.lower().endswith(".gz") else path)
    kind = FORMATS.get(p.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: not a corpus file (expected .tsv, .jsonl or .tmx, optionally .gz; "
                         "or give --format-in)")
    return kind


def open_binary(path: str) -> BinaryIO:
    """The file's bytes, gunzipped when it is gzip (by its magic number, not its name)."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if f.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")    # type: ignore[return-value]
    return f


def open_output(path: str, named: str | None = None) -> BinaryIO:
    """A file to write, gzipped when its name (or ``named``, the name it will be renamed to)
    ends in .gz."""
    gz = (named or path).lower().endswith(".gz")
    return gzip.open(path, "wb") if gz else open(path, "wb")  # type: ignore[return-value]


def _print_error(message: str) -> None:
    import sys

    print(f"mtfix: error: {message}", file=sys.stderr)


def iter_records(path: str, *, format_in: str | None = None, source_lang: str | None = None,
                 target_lang: str | None = None, on_error: Callable[[str], None] = _print_error,
                 stream: BinaryIO | None = None, fields: tuple[str, str, str] = ("source", "target", "id"),
                 source_path: str | None = None, header: bool = False) -> Iterator[Record]:
    """Each record of the corpus ``path`` in order (``stream``: read that instead of the file;
    ``fields``: the JSONL keys of the source, the target and the id; ``source_path``: ``path`` and
    it are Moses-style parallel files, line n of one the translation of line n of the other;
    ``header``: a TSV's first line names its columns)."""
    if source_path is not None:
        yield from _moses(path, source_path, source_lang, target_lang, on_error)
        return
    kind = corpus_format(path, format_in)
    f = stream if stream is not None else open_binary(path)
    try:
        if kind == "tmx":
            from .corpus_tmx import _tmx

            yield from _tmx(f, path, source_lang, target_lang, on_error)
        else:
            yield from _lines(f, path, kind, source_lang, target_lang, on_error, fields,
                              header=header and kind == "tsv")
    except (OSError, EOFError, gzip.BadGzipFile) as e:    # a truncated or corrupt .gz
        raise InputError(f"{path}: cannot read: {e}") from None
    finally:
        if stream is None:
            f.close()


# -- TSV and JSONL ---------------------------------------------------------------------------

def parse_tsv(line: str) -> tuple[str, str, str | None, int] | str:
    """(source, target, id or None, where the target starts in ``line``) or the error text."""
    cols = line.split("\t")
    if len(cols) == 1:
        return "line has no tab (expected source<TAB>target)"
    if len(cols) > 3:
        return f"{len(cols)} columns (expected source<TAB>target or source<TAB>target<TAB>id)"
    return cols[0], cols[1], (cols[2] if len(cols) == 3 else None), len(cols[0]) + 1


def parse_jsonl(line: str, source_field: str = "source", target_field: str = "target", id_field: str = "id"
                ) -> tuple[str | None, str, str | None] | str:
    """(source, target, id) of one JSON line, or the error text."""
    try:
        obj = json.loads(line)
    except ValueError as e:
        return f"invalid JSON ({getattr(e, 'msg', e)})"
    if not isinstance(obj, dict):
        return "not a JSON object"
    target, source = obj.get(target_field), obj.get(source_field)
    if not isinstance(target, str):
        return f"no {target_field!r} string"
    if source is not None and not isinstance(source, str):
        return f"{source_field!r} is not a string"
    ident = obj.get(id_field)
    return source, target, (None if ident is None else str(ident))


def _lines(f, path: str, kind: str, source_lang: str | None, target_lang: str | None,
           on_error: Callable[[str], None], fields: tuple[str, str, str], first: int = 1,
           header: bool = False) -> Iterator[Record]:
    """The records of the lines ``f`` yields (a file, or the lines of one block of it), the first
    being line ``first`` of the file; ``header``: line 1 names the columns and is not a record."""
    for n, raw in enumerate(f, first):
        if header and n == 1:
            continue
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8").rstrip("\r\n")
        except UnicodeDecodeError as e:
            on_error(f"{path}: record {n}: not valid UTF-8 at byte {e.start}")
            continue
        if not line.strip():
            continue
        got = parse_tsv(line) if kind == "tsv" else parse_jsonl(line, *fields)
        if isinstance(got, str):
            on_error(f"{path}: record {n}: {got}")
            continue
        source, target, ident = got[0], got[1], got[2]
        column = got[3] + 1 if kind == "tsv" else 1    # type: ignore[misc]
        ident = ident if ident is not None else str(n)
        yield Record(n - 1, ident, source, target, source_lang, target_lang,
                     Location(path, n, column, ident), _protected(target), raw)


def _moses(path: str, source_path: str, source_lang: str | None, target_lang: str | None,
           on_error: Callable[[str], None]) -> Iterator[Record]:
    ft = open_binary(path)
    try:
        fs = open_binary(source_path)
    except InputError:
        ft.close()
        raise
    try:
        n = 0
        while True:
            src, tgt = fs.readline(), ft.readline()     # not zip(): it would drop a line of the longer file
            if not src or not tgt:
                break
            n += 1
            record = moses_record(n, src, tgt, path, source_lang, target_lang, on_error)
            if record is not None:
                yield record
        longer = source_path if src else path if tgt else None
        if longer is not None:
            on_error(not_parallel(path, source_path, source_path if src else path, n))
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise InputError(f"{path}: cannot read: {e}") from None
    finally:
        fs.close()
        ft.close()


def moses_record(n: int, src: bytes, tgt: bytes, path: str, source_lang: str | None, target_lang: str | None,
                 on_error: Callable[[str], None]) -> Record | None:
    """The record of line ``n`` of Moses parallel files (None: a blank target, or not UTF-8)."""
    try:
        source, target = (b.decode("utf-8-sig" if n == 1 else "utf-8").rstrip("\r\n") for b in (src, tgt))
    except UnicodeDecodeError as e:
        on_error(f"{path}: record {n}: not valid UTF-8 at byte {e.start}")
        return None
    if not target.strip():
        return None
    return Record(n - 1, str(n), source, target, source_lang, target_lang, Location(path, n, 1),
                  _protected(target), tgt)


def not_parallel(path: str, source_path: str, longer: str, n: int) -> str:
    """The message for Moses files of different lengths (``n``: the lines they both have)."""
    other = path if longer == source_path else source_path
    return f"{longer}: record {n + 1}: has more lines than {other} ({n}): the files are not parallel"


def _protected(text: str) -> tuple[tuple[int, int], ...]:
    from .protect import plain_protected

    return tuple(plain_protected(text))


def records_from_text(text: str, path: str, kind: str, on_error: Callable[[str], None],
                      **langs) -> list[Record]:
    """Every record of a corpus already in memory (``mtfix check`` on a .tsv/.jsonl/.tmx)."""
    return list(iter_records(path, format_in=kind, on_error=on_error,
                             stream=io.BytesIO(text.encode("utf-8")), **langs))


# -- the target language of a file's records ------------------------------------------------

SAMPLE_RECORDS = 60         # records read to detect a file's target language (as for other formats)
SAMPLE_CHARS = 4000
SAMPLE_BYTES = 1 << 16


def moses_lang(path: str) -> str | None:
    """The language a Moses-style file's extension names: ``corpus.de``, ``train.en-de.de.gz``."""
    from .languages import ISO_639_1

    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    name = name[:-3] if name.lower().endswith(".gz") else name
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem and ext.lower() in ISO_639_1 and ext.isalpha() else None


def _sample(path: str, format_in: str | None, fields: tuple[str, str, str], header: bool,
            moses: bool) -> list[str]:
    """The targets of the records in the file's first ``SAMPLE_BYTES`` (gunzipped), read on their
    own: a corpus the workers of a Dask cluster read by blocks (a local path or an fsspec URL) is
    not streamed by the client, which reads only this much of it, as it reads a TMX's header."""
    from .corpus_blocks import _open

    try:
        with _open(path) as raw:
            magic = raw.read(2)
            raw.seek(0)
            f = gzip.GzipFile(fileobj=raw, mode="rb") if magic == b"\x1f\x8b" else raw
            data = f.read(SAMPLE_BYTES)
    except (InputError, OSError, EOFError, gzip.BadGzipFile):
        return []       # the run itself says what is wrong with the file
    if len(data) == SAMPLE_BYTES and b"\n" in data:
        data = data[:data.rindex(b"\n") + 1]      # whole lines only
    if moses:
        return [line.decode("utf-8", "replace").strip() for line in data.splitlines() if line.strip()]
    kind = corpus_format(path, format_in)
    return [r.target for r in _lines(io.BytesIO(data), path, kind, None, None, lambda _m: None, fields,
                                     header=header and kind == "tsv")]


def file_target(path: str, options=None, *, format_in: str | None = None, target_lang: str | None = None,
                fields: tuple[str, str, str] = ("source", "target", "id"), source_path: str | None = None,
                header: bool = False) -> tuple[str | None, str]:
    """(target language, why) of the records of ``path`` that carry none of their own, decided
    once for the whole file: ``target_lang`` (``--target-lang``), else the options' (the config's
    ``target-lang``), else what the path names (``de.tsv``, ``corpus.de``, ``locales/de/``), else
    detected from the text of its first records (so a whole German TSV is German, and one odd
    record does not switch a file), else English. A TMX names each target's language itself
    (``xml:lang``): (``target_lang``, ...) as given, None when not."""
    from .languages import path_lang
    from .ruledata import lang_base

    if source_path is None and corpus_format(path, format_in) == "tmx":
        return target_lang, "each <tu>'s xml:lang"
    # A language given is passed on as given: "en-GB" declares an English-variant catalogue.
    if target_lang:
        return target_lang, "--target-lang"
    if options is not None and options.target_lang:
        return options.target_lang, "--target-lang or the config's target-lang"
    found = (moses_lang(path) if source_path is not None else None) or path_lang(path)
    if found:
        return found, f"the path {path} names it"
    from .langdetect import detect_target

    parts: list[str] = []
    size = 0
    for text in _sample(path, format_in, fields, header, moses=source_path is not None):
        parts.append(text)
        size += len(text)
        if len(parts) >= SAMPLE_RECORDS or size > SAMPLE_CHARS:
            break
    guess = detect_target("\n".join(parts)) if parts else None
    if guess:
        return lang_base(guess), "detected from the text of its first records (script and common words)"
    return "en", "the default: nothing names another"


# -- scoring, in order, on one core or several -------------------------------------------------

RECORDS_PER_CHUNK = 128     # segments per task of a worker: ~0.1-0.3 s of work, a few KB to send
_STATE: dict = {}           # inherited by forked workers: the options of the run


def score_line(record: Record, value: float, codes: list[str], fmt: str) -> str:
    """The line ``score --format jsonl|tsv`` writes for one record (with its newline)."""
    if fmt == "jsonl":
        return json.dumps({"id": record.id, "score": value, "issues": codes}, ensure_ascii=False) + "\n"
    return f"{record.id}\t{value:.2f}\t{','.join(codes)}\n"


def render(done: list[tuple[Record, float, list[str]]], fmt: str, keep: tuple[float, int | None] | None = None,
           kind: str = "tsv") -> tuple[dict[str, int], dict[str, bytes]]:
    """What the output gets for these scored records, in order. ``score``: ({"scored": n}, {"out":
    the lines of ``--format fmt``}); ``filter`` (``keep`` = (min score, max issues)): ({"kept",
    "score", "issues"}: the records kept and rejected by reason, {"kept": ..., "rejected": ...}:
    their bytes as in the corpus, each followed by a newline if it has none; a TMX's ``<tu>`` by
    one)."""
    if keep is None:
        return {"scored": len(done)}, {"out": "".join(score_line(r, v, c, fmt) for r, v, c in done).encode("utf-8")}
    min_score, max_issues = keep
    counts = {"kept": 0, "score": 0, "issues": 0}
    out: dict[str, list[bytes]] = {"kept": [], "rejected": []}
    for r, value, codes in done:
        reason = "score" if value < min_score else \
            "issues" if max_issues is not None and len(codes) > max_issues else "kept"
        counts[reason] += 1
        out["kept" if reason == "kept" else "rejected"].append(
            r.raw + (b"\n" if kind == "tmx" or not r.raw.endswith(b"\n") else b""))
    return counts, {name: b"".join(chunks) for name, chunks in out.items()}


def score_record(record: Record, options) -> tuple[float, list[str]]:
    """(fluency score 0-100 of the record's target, the codes of the issues found in it). The
    codes are those the score is made from: every rule but MT8xx, the score's own."""
    from .checks.fluency import sentence_values
    from .model import Segment
    from .scorer import SentenceScore, analyse, document_value

    seg = Segment(record.target, source=record.source or None, source_lang=record.source_lang,
                  target_lang=record.target_lang or getattr(options, "target_lang", None) or "en",
                  protected=record.protected,
                  location=record.location)
    doc, issues, ctx = analyse(seg, options)
    sents = [SentenceScore((v.sentence.start, v.sentence.end), v.value, "", v.words)
             for v in sentence_values(doc, issues, ctx)]
    return document_value(sents), [i.code for i in issues]


WARM_UP = (("Система была развёрнута в Калининградской области.", "The systems was deployed in Kaliningrad region ."),
           ("Он объясняет про протест.", "He explains about the protest, 3 times."))


def warm(options=None) -> None:
    """Load what scoring loads on first use (rules, phrase matcher, language model, the tables
    suggestions are inflected with) by scoring a few segments that need all of it: a Dask worker
    at start (``mtfix.dask_worker``), the parent of ``--jobs`` workers before forking them."""
    options = _alone(options)
    for k, (source, target) in enumerate(WARM_UP):
        score_record(Record(k, str(k), source, target, "ru", "en"), options)


def score(path: str, options=None, *, jobs: int = 1, format_in: str | None = None,
          source_lang: str | None = None, target_lang: str | None = None,
          on_error: Callable[[str], None] = _print_error, engine: str = "local",
          scheduler: str | None = None, fields: tuple[str, str, str] = ("source", "target", "id"),
          source_path: str | None = None, header: bool = False,
          raw: bool = True) -> Iterator[tuple[Record, float, list[str]]]:
    """(record, score, issue codes) for each record of the corpus, in input order, streaming;
    with ``jobs > 1`` chunks of records are scored in forked worker processes, with ``engine=
    "dask"`` on a Dask cluster (``scheduler``, or a local one of ``jobs`` workers), whose workers
    read the corpus themselves (``mtfix.corpus_blocks``); ``raw=False``: the records come without
    their bytes (saves sending them back from the workers)."""
    options = _alone(options)
    target_lang, _why = file_target(path, options, format_in=format_in, target_lang=target_lang, fields=fields,
                                    source_path=source_path, header=header)
    if engine == "dask":
        from . import corpus_run

        job = _job(path, format_in, source_path, source_lang, target_lang, fields, header, raw=raw)
        for done in corpus_run.run(job, options, engine=engine, jobs=jobs, scheduler=scheduler,
                                      on_error=on_error):
            yield from done
        return
    records = iter_records(path, format_in=format_in, source_lang=source_lang, target_lang=target_lang, fields=fields,
                           source_path=source_path, header=header, on_error=on_error)
    yield from scored(records, options, jobs)


def rendered(path: str, options=None, *, fmt: str = "jsonl", keep: tuple[float, int | None] | None = None,
             jobs: int = 1, engine: str = "local", scheduler: str | None = None, format_in: str | None = None,
             source_lang: str | None = None, target_lang: str | None = None,
             on_error: Callable[[str], None] = _print_error,
             fields: tuple[str, str, str] = ("source", "target", "id"), source_path: str | None = None,
             header: bool = False) -> Iterator[tuple[dict[str, int], dict[str, bytes]]]:
    """``score`` as its output: (counts, {name: bytes}) for each chunk of records in input order,
    as ``render`` makes them (``score --format fmt``, or ``filter`` with ``keep``). With
    ``engine="dask"`` the workers format the output, and the caller only writes the bytes."""
    kind = "moses" if source_path else corpus_format(path, format_in)
    if engine == "dask":
        from . import corpus_run

        target_lang, _why = file_target(path, options, format_in=format_in, target_lang=target_lang, fields=fields,
                                        source_path=source_path, header=header)

        job = _job(path, format_in, source_path, source_lang, target_lang, fields, header,
                   fmt=fmt, keep=keep, render=True)
        yield from corpus_run.run(job, _alone(options), engine=engine, jobs=jobs, scheduler=scheduler,
                                     on_error=on_error)
        return
    chunk: list[tuple[Record, float, list[str]]] = []
    for item in score(path, options, jobs=jobs, format_in=format_in, source_lang=source_lang,
                      target_lang=target_lang, on_error=on_error, fields=fields, source_path=source_path,
                      header=header, raw=keep is not None):
        chunk.append(item)
        if len(chunk) == RECORDS_PER_CHUNK:
            yield render(chunk, fmt, keep, kind)
            chunk = []
    if chunk:
        yield render(chunk, fmt, keep, kind)


def score_parts(path: str, out_dir: str, options=None, *, fmt: str = "jsonl", jobs: int = 1,
                engine: str = "local", scheduler: str | None = None, format_in: str | None = None,
                source_lang: str | None = None, target_lang: str | None = None,
                on_error: Callable[[str], None] = _print_error,
                fields: tuple[str, str, str] = ("source", "target", "id"), header: bool = False,
                keep: tuple[float, int | None] | None = None, source_path: str | None = None) -> Iterator:
    """``score`` whose output lines are written by the workers as numbered part files in
    ``out_dir`` (``part-00000.jsonl``, ...; together, in name order, the one-file output); yields
    the number of records of each part, in order. With ``keep`` (min score, max issues) it is
    ``filter``: the records that pass in ``part-NNNNN-kept.<ext>``, the others in
    ``part-NNNNN-rejected.<ext>`` (in the corpus's format; a TMX part is a whole TMX file), and it
    yields each part's counts {"kept", "score", "issues"}."""
    from . import corpus_run

    target_lang, _why = file_target(path, options, format_in=format_in, target_lang=target_lang, fields=fields,
                                    source_path=source_path, header=header)
    job = _job(path, format_in, source_path, source_lang, target_lang, fields, header, fmt=fmt, keep=keep)
    out = corpus_run.prepare_dir(out_dir)
    yield from corpus_run.run(job, _alone(options), engine=engine, jobs=jobs, scheduler=scheduler,
                                 out_dir=out, on_error=on_error)


def _job(path: str, format_in: str | None, source_path: str | None, source_lang: str | None,
         target_lang: str | None, fields: tuple[str, str, str], header: bool, *, raw: bool = False,
         fmt: str = "jsonl", keep: tuple[float, int | None] | None = None, render: bool = False):
    """The corpus as the workers read it (``mtfix.corpus_blocks.Job``): checked here first (the
    file can be opened; a TMX's header: a TMX root, no entity declarations)."""
    from . import corpus_blocks as b

    kind = "moses" if source_path else corpus_format(path, format_in)
    gz = b.is_gzip(path)
    return b.Job(b.shared(path), path, kind, source_lang, target_lang, fields, header and kind == "tsv", raw,
                 fmt, keep, b.tmx_head(path, path, gz) if kind == "tmx" else b"", gz, render,
                 b.shared(source_path) if source_path else None, source_path,
                 b.is_gzip(source_path) if source_path else False)


def _alone(options):
    """Each record alone: no translation memory carried from record to record (MT706 would make
    a record's issues depend on the ones before it, and on how the corpus was cut into chunks)."""
    from dataclasses import replace

    from .options import Options

    return replace(options or Options(), extra={})


def _chunks(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    chunk: list[Record] = []
    for r in records:
        chunk.append(r)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def scored(records: Iterator[Record], options, jobs: int = 1,
           size: int | None = None) -> Iterator[tuple[Record, float, list[str]]]:
    chunks = _chunks(records, size or RECORDS_PER_CHUNK)
    first = next(chunks, None)
    if first is None:
        return
    # The parent scores the first chunk itself: the rules, the phrase matcher and the language
    # model are loaded and warm before the workers are forked, and a small corpus forks nothing.
    for r in first:
        yield (r, *score_record(r, options))
    import multiprocessing

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chunks:
            for r in chunk:
                yield (r, *score_record(r, options))
        return
    yield from _pooled(chunks, options, jobs)


def _pooled(chunks: Iterator[list[Record]], options, jobs: int) -> Iterator[tuple[Record, float, list[str]]]:
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from dataclasses import replace

    from .parallel import _child_init

    _STATE["options"] = options
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_child_init) as pool:
        pending: deque = deque()
        for chunk in chunks:
            # Workers get the records without their raw bytes (the parent keeps those to write).
            pending.append((chunk, pool.submit(_score_chunk, [replace(r, raw=b"") for r in chunk])))
            while len(pending) >= 3 * jobs:     # a bounded window: memory stays flat
                yield from _results(*pending.popleft())
        while pending:
            yield from _results(*pending.popleft())


def _results(chunk: list[Record], future) -> Iterator[tuple[Record, float, list[str]]]:
    for r, (value, codes) in zip(chunk, future.result()):
        yield r, value, codes


def _score_chunk(chunk: list[Record]) -> list[tuple[float, list[str]]]:
    options = _STATE["options"]
    return [score_record(r, options) for r in chunk]
