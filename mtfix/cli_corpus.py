"""``mtfix score --format jsonl|tsv CORPUS`` and ``mtfix filter CORPUS -o KEPT``: a bilingual
corpus (TSV, JSONL, TMX, Moses files, each maybe gzipped) streamed record by record through
``mtfix.corpus``, in chunks over ``--jobs`` worker processes or read by the workers of a Dask
cluster (``mtfix.corpus_run``), written in input order."""
from __future__ import annotations

import argparse
import os
import sys

from .formats import InputError

EXIT_OK, EXIT_ERROR = 0, 2
PROGRESS_DELAY = 1.0     # seconds before the progress bar shows: a short run shows none


def add_corpus_args(sp: argparse.ArgumentParser) -> None:
    # --target-lang is a common option (it also picks the target of a TMX with several languages)
    sp.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="corpus: worker processes on this machine (default) or a Dask cluster")
    sp.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="with --engine dask: an existing Dask scheduler (default: a local cluster of --jobs workers)")
    sp.add_argument("--jsonl-fields", metavar="SOURCE,TARGET[,ID]", default="source,target,id",
                    help="corpus: the JSONL keys of the source, the target and the id (default: source,target,id)")
    sp.add_argument("--quiet", action="store_true", help="corpus: no progress bar on the terminal")
    sp.add_argument("--header", action="store_true",
                    help="corpus: the TSV's first line names its columns (not a segment; filter copies it)")


def add_score_args(sp: argparse.ArgumentParser) -> None:
    add_corpus_args(sp)
    sp.add_argument("--output-dir", metavar="DIR",
                    help="corpus: the workers read it themselves and write numbered part files "
                         "DIR/part-NNNNN.<format> (a local folder or an fsspec URL)")


def add_filter_args(sp: argparse.ArgumentParser) -> None:
    add_corpus_args(sp)
    sp.add_argument("--min-score", type=float, required=True, metavar="N",
                    help="keep the segments whose fluency score is at least N (0-100)")
    sp.add_argument("--max-issues", type=int, metavar="K", help="and that have at most K issues")
    sp.add_argument("-o", "--output", metavar="KEPT",
                    help="where to write the kept segments, in the input's format (.gz: gzipped)")
    sp.add_argument("--output-dir", metavar="DIR",
                    help="instead of -o/--rejected: the workers read the corpus and write DIR/part-NNNNN-kept.<ext> "
                         "and part-NNNNN-rejected.<ext> (a TMX part is a whole TMX; a local folder or an fsspec URL)")
    sp.add_argument("--rejected", metavar="REJ", help="where to write the rejected segments")


class _Counter:
    def __init__(self) -> None:
        self.malformed = 0
        self.bar = None

    def __call__(self, message: str) -> None:
        self.malformed += 1
        line = f"mtfix: error: {message}"
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)    # above the bar, not through it
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _one_corpus(a: argparse.Namespace) -> str:
    if len(a.paths) != 1 or a.paths[0] == "-":
        raise InputError(f"{a.command}: give exactly one corpus file (standard input is not read as a corpus)")
    return a.paths[0]


def _jobs(a: argparse.Namespace) -> int:
    requested = getattr(a, "jobs", None)
    return max(1, requested if requested else (os.cpu_count() or 1))


def _fields(a: argparse.Namespace) -> tuple[str, str, str]:
    names = [n.strip() for n in getattr(a, "jsonl_fields", "source,target,id").split(",")]
    if len(names) not in (2, 3) or not all(names):
        raise InputError(f"--jsonl-fields {a.jsonl_fields!r}: give SOURCE,TARGET or SOURCE,TARGET,ID")
    return (names[0], names[1], names[2] if len(names) == 3 else "id")


def _target(a: argparse.Namespace, path: str, options) -> str | None:
    """The target language of the corpus's records that name none, decided once for the file;
    said on standard error as ``check`` says it (``--verbose``: always; a target outside English:
    a note). A TMX's records name their own: None unless --target-lang chooses one."""
    from .commands import target_note
    from .corpus import file_target

    target, why = file_target(path, options, format_in=a.format_in, target_lang=getattr(a, "target_lang", None),
                              fields=_fields(a), source_path=getattr(a, "source", None),
                              header=getattr(a, "header", False))
    if target is not None:
        from .ruledata import lang_base

        target_note(a, path, lang_base(target), why, options)
    elif getattr(a, "verbose", False):
        print(f"{path}: target language: {why}", file=sys.stderr)
    return target


def _rendered(a: argparse.Namespace, path: str, options, errors: _Counter, keep=None):
    """The output of ``score`` (``filter`` with ``keep``) in chunks: (counts, {name: bytes})."""
    from .corpus import rendered

    return rendered(path, options, fmt=getattr(a, "format", None) or "jsonl", keep=keep, jobs=_jobs(a),
                    format_in=a.format_in, source_lang=options.source_lang,
                    target_lang=_target(a, path, options), on_error=errors,
                    engine=getattr(a, "engine", "local"), scheduler=getattr(a, "scheduler", None),
                    fields=_fields(a), source_path=getattr(a, "source", None), header=getattr(a, "header", False))


def _progress(a: argparse.Namespace, items, errors: _Counter):
    if getattr(a, "quiet", False) or not sys.stderr.isatty():
        return items        # pre-commit, CI logs, a pipe: nothing but the summary
    from tqdm import tqdm

    errors.bar = tqdm(items, unit=" segments", file=sys.stderr, delay=PROGRESS_DELAY, mininterval=0.5,
                      leave=False)
    return errors.bar


def _parts(a: argparse.Namespace, path: str, options, errors: _Counter) -> int:
    """``score --output-dir``: the workers write the part files; the number of segments scored."""
    from .corpus import score_parts

    parts = score_parts(path, a.output_dir, options, fmt=a.format, jobs=_jobs(a), engine=a.engine,
                        scheduler=a.scheduler, format_in=a.format_in, source_lang=options.source_lang,
                        target_lang=_target(a, path, options), on_error=errors, fields=_fields(a),
                        header=a.header, source_path=getattr(a, "source", None))
    n = 0
    bar = _progress(a, None, errors)       # a bar updated by hand, or None
    for k in parts:
        n += k
        if bar is not None:
            bar.update(k)
    errors.close()
    return n


def run_score(a: argparse.Namespace, options) -> int:
    """One line per segment on standard output, in input order: JSONL ``{"id", "score",
    "issues"}`` or TSV ``id<TAB>score<TAB>codes``."""
    errors = _Counter()
    n = 0
    try:
        path = _one_corpus(a)
        if getattr(a, "output_dir", None):
            n = _parts(a, path, options, errors)
        else:
            bar = _progress(a, None, errors)       # a bar updated by hand, or None
            for counts, out in _rendered(a, path, options, errors):
                sys.stdout.write(out["out"].decode("utf-8"))
                n += counts["scored"]
                if bar is not None:
                    bar.update(counts["scored"])
            errors.close()
    except (InputError, OSError) as e:
        errors.close()
        sys.stdout.flush()
        msg = str(e) if isinstance(e, InputError) else f"{e.filename}: cannot write ({e.strerror})"
        print(f"mtfix: error: {msg}", file=sys.stderr)
        return EXIT_ERROR
    sys.stdout.flush()
    print(f"mtfix: {n} segment{'s' * (n != 1)} scored, {errors.malformed} malformed", file=sys.stderr)
    return EXIT_ERROR if errors.malformed else EXIT_OK


def _filter_parts(a: argparse.Namespace, path: str, options, errors: _Counter):
    """``filter --output-dir``: the workers write the kept and rejected part files; (segments read,
    kept, rejected by reason)."""
    from .corpus import score_parts

    if getattr(a, "source", None) or a.rejected or a.output:
        raise InputError("filter --output-dir writes the kept and the rejected parts itself: "
                         "give no -o, --rejected or --source")
    parts = score_parts(path, a.output_dir, options, jobs=_jobs(a), engine=a.engine, scheduler=a.scheduler,
                        format_in=a.format_in, source_lang=options.source_lang,
                        target_lang=_target(a, path, options), on_error=errors, fields=_fields(a),
                        header=a.header, keep=(a.min_score, a.max_issues))
    read = kept = 0
    rejected = {"score": 0, "issues": 0}
    bar = _progress(a, None, errors)
    for counts in parts:
        if bar is not None:
            bar.update(sum(counts.values()))
        kept += counts["kept"]
        rejected["score"] += counts["score"]
        rejected["issues"] += counts["issues"]
        read += counts["kept"] + counts["score"] + counts["issues"]
    errors.close()
    return read, kept, rejected


def _header_line(path: str) -> bytes:
    """A TSV's header line, which the kept and the rejected files start with too."""
    from .corpus import open_binary

    with open_binary(path) as f:
        line = f.readline()
    return line if line.endswith(b"\n") else line + b"\n"


def run_filter(a: argparse.Namespace, options) -> int:
    """Keep the segments with a score of at least ``--min-score`` (and at most ``--max-issues``
    issues) in ``-o``, the others in ``--rejected``, each in the input's format; the files appear
    only once complete (written beside, then renamed)."""
    from .corpus import corpus_format, open_output
    from .corpus_tmx import tmx_frame

    errors = _Counter()
    read = kept = 0
    rejected = {"score": 0, "issues": 0}
    outs: list = []
    try:
        path = _one_corpus(a)
        if a.output_dir:
            read, kept, rejected = _filter_parts(a, path, options, errors)
            a.output = None
        elif not a.output:
            raise InputError("filter: give -o KEPT (or --output-dir DIR)")
        kind = corpus_format(path, a.format_in)
        targets = [] if a.output is None else [a.output] + ([a.rejected] if a.rejected else [])
        for t in targets:
            if os.path.exists(t) and os.path.samefile(t, path):
                raise InputError(f"{t}: is the corpus being read; write the output elsewhere")
        frame = b"" if not targets else tmx_frame(path) if kind == "tmx" else \
            _header_line(path) if kind == "tsv" and a.header else b""
        for t in targets:
            f = open_output(t + ".part", t)
            outs.append((t, f))
            f.write(frame)
        bar = _progress(a, None, errors) if targets else None
        for counts, out in (_rendered(a, path, options, errors, (a.min_score, a.max_issues)) if targets else ()):
            read += sum(counts.values())
            kept += counts["kept"]
            rejected["score"] += counts["score"]
            rejected["issues"] += counts["issues"]
            outs[0][1].write(out["kept"])
            if len(outs) > 1:
                outs[1][1].write(out["rejected"])
            if bar is not None:
                bar.update(sum(counts.values()))
        errors.close()
        for t, f in outs:
            if kind == "tmx":
                f.write(b"  </body>\n</tmx>\n")
            f.close()
            os.replace(t + ".part", t)
    except (InputError, OSError) as e:
        errors.close()
        for t, f in outs:
            f.close()
            if os.path.exists(t + ".part"):
                os.unlink(t + ".part")
        msg = str(e) if isinstance(e, InputError) else f"{e.filename}: cannot write ({e.strerror})"
        print(f"mtfix: error: {msg}", file=sys.stderr)
        return EXIT_ERROR
    why = ", ".join(part for part in (
        f"{rejected['score']} with a score below {a.min_score:g}" if rejected["score"] else "",
        f"{rejected['issues']} with more than {a.max_issues} issues" if rejected["issues"] else "") if part)
    print(f"mtfix: {read} segments read: {kept} kept, {read - kept} rejected{f' ({why})' if why else ''}, "
          f"{errors.malformed} malformed", file=sys.stderr)
    return EXIT_ERROR if errors.malformed else EXIT_OK
