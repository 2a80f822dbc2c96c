"""Parts of the ``mtfix`` command line added for reviewing (issue 15): ``check --format html``,
``review``, the run-wide MT706 count, the summary line of ``fix`` and the no-source-language
hint. Kept apart so cli.py stays readable; cli.py imports this module, and this one takes the
per-file helpers from cli_docs.py (as ``_cli``), never from cli.py: one direction of imports."""
from __future__ import annotations

import argparse
import sys

from . import cli_docs as _cli
from .formats import InputError, write_atomic
from .options import Options

EXIT_OK, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2


def _check_html(a: argparse.Namespace) -> int:
    """``check --format html``: the page on stdout, same exit codes as the other formats."""
    from .report_html import view_of, write_html

    status, failing, views = EXIT_OK, False, []
    _precount(a)
    for doc in _cli._documents(a):
        if isinstance(doc, InputError):
            _cli._err(str(doc))
            status = EXIT_ERROR
            continue
        view = view_of(doc, _cli._options(a, doc.path, languagetool=True))
        fail_on = _cli._settings(a, doc.path).fail_on
        failing |= fail_on is not None and any(i.severity >= fail_on for s in view.issues for i in s)
        views.append(view)
    write_html(views, sys.stdout)
    return EXIT_ISSUES if status == EXIT_OK and failing else status


# Formats whose entries carry a source text: the only files MT706's first pass needs to read.
SOURCE_FORMATS = ("po", "po-all", "xliff")


def _precount(a: argparse.Namespace) -> None:
    """MT706 compares the translations of one source across the run: count them all first, so
    the majority is the reference whatever the order of the files. Only files that carry
    sources are read twice, and only when there are several; standard input cannot be read
    twice (then the files seen so far decide)."""
    import os

    from .formats import adapter_extensions, adapter_names, read_path
    from .runner import expand_paths

    if "-" in a.paths or not _cli._options(a).enabled("MT706"):
        return
    if a.format_in and a.format_in not in SOURCE_FORMATS:
        return
    exts = {e for n in SOURCE_FORMATS if n in adapter_names() for e in adapter_extensions(n)}
    wanted = lambda p: a.format_in is not None or os.path.splitext(p)[1].lower() in exts
    files = [p for p in expand_paths(a.paths, a.recursive, exts if not a.format_in else
                                     {e for n in adapter_names() for e in adapter_extensions(n)},
                                     no_ignore=getattr(a, "no_ignore", False))
             if isinstance(p, str) and wanted(p)]
    # A lone file: its own majority decides (chunk by chunk for a catalogue of more than CHUNK
    # entries, the majority so far); a second parse would cost ~0.7 s a MB of PO.
    if len(files) < 2:
        return
    from .checks.source import precount
    from .formats.po_stream import open_streamed

    def segments():
        for path in files:
            try:
                streamed = open_streamed(path, a.format_in)
                yield from (streamed.segments() if streamed is not None else read_path(path, a.format_in).segments)
            except InputError:
                pass                # reported by the real pass
    precount(segments(), a.__dict__.setdefault("_translation_memory", {}))
    a._precounted = True


def first_segment(doc):
    """The document's first segment (an empty one at its path if it has none): what decides
    its target language."""
    from .model import Location, Segment

    segs = getattr(doc, "segments", None)
    try:
        # a StreamedFile's segments() reads the file's first block only, up to its first entry
        seg = next(iter(segs() if callable(segs) else segs), None) if segs is not None else None
    except (InputError, OSError):
        seg = None
    return seg if seg is not None else Segment("", location=Location(getattr(doc, "path", None) or "-"))


def doc_target(doc, options: Options, why: bool = False):
    """The document's target language as the pipeline picks it (its first segment's metadata,
    the options, the path, else detected from its first segments' text): the code, or with
    ``why`` (code, reason)."""
    import itertools

    from .pipeline import target_of, target_reason, text_target

    first = first_segment(doc)
    guess = None
    if not (first.target_lang or options.target_lang):
        segs = getattr(doc, "segments", None)
        try:
            sample = list(itertools.islice(segs() if callable(segs) else segs, 60)) if segs is not None else []
        except (InputError, OSError):
            sample = []
        guess = text_target(sample or [first], options)
    return target_reason(first, options, guess) if why else target_of(first, options, guess)


def _target_notice(a: argparse.Namespace, doc, options: Options) -> None:
    """One line on stderr per target language outside English the run met: only the rules
    that hold in every language (``targets: any``) ran on those files."""
    target, why = doc_target(doc, options, why=True)
    target_note(a, doc.path, target, why, options)


def target_note(a: argparse.Namespace, path: str, target: str, why: str, options: Options) -> None:
    """What ``_target_notice`` says, for a file whose target is already known (a corpus)."""
    if getattr(a, "verbose", False):
        print(f"{path}: target language {target}: {why}", file=sys.stderr)
    noted = a.__dict__.setdefault("_targets_noted", set())
    if target != "en" and target not in noted:
        noted.add(target)
        from .ruledata import registry

        own = any(r.targets and target in r.targets for r in registry(options.rule_packs).rules.values())
        ran = (f"the language-independent checks and the {target} rules" if own
               else "only the language-independent checks")
        print(f"Note: {path}: target language {target} ({why}): {ran} "
              "ran (numbers, placeholders, URLs, glossary, consistency, spacing"
              + (", typography" if own else "") + ")", file=sys.stderr)


def _collect_for_hint(a: argparse.Namespace, doc, options: Options) -> None:
    """Keep (a sample of) the run's segments for the no-source-language hint, while it may
    still apply: a source language set anywhere, or a file with sources, rules it out.
    Also says (once per language) when a file's target is not English."""
    from .formats import Document
    from .hints import SAMPLE_CHARS, needs_source_hint

    _target_notice(a, doc, options)

    kept = a.__dict__.setdefault("_hint_segments", [])
    if kept is None:
        return
    if not hasattr(doc, "segments") and getattr(doc, "needs_hint", None) is not None \
            and a.__dict__.get("_hint_size", 0) >= SAMPLE_CHARS:
        # Checked in a --jobs worker, which said whether the file allows the hint; the sample
        # is full, so the file need not be read again here.
        if doc.needs_hint:
            a.__dict__["_hint_options"] = options
        else:
            a._hint_segments = None
        return
    if not hasattr(doc, "segments"):    # checked in a --jobs worker: only its path came back
        doc = _cli._document(a, doc.path, stream=True)
        if isinstance(doc, InputError):
            return
    # A streamed PO file (the one kind of document that is not a Document: PO support is not
    # imported to ask) has msgids (sources): no hint. needs_source_hint stops at the first
    # segment with a source, so a large catalogue is not walked through.
    if not isinstance(doc, Document) or not needs_source_hint(doc.segments, options):
        a._hint_segments = None
        return
    size = sum(len(s.text) for s in kept)
    for seg in doc.segments:
        if size >= SAMPLE_CHARS:
            break
        kept.append(seg)
        size += len(seg.text)
    a.__dict__["_hint_size"] = size
    a.__dict__["_hint_options"] = options


def _print_hint(a: argparse.Namespace, out) -> None:
    segs = a.__dict__.get("_hint_segments")
    if segs:
        from .hints import source_hint

        hint = source_hint(segs, a._hint_options)
        if hint:
            print(hint, file=out)


def _fix_summary(a: argparse.Namespace, n_files: int, n_fixes: int, n_fixed_files: int,
                 n_left: int, reviewable: list[str]) -> str:
    """The line after the diff: what was (or would be) fixed, and what is left for a human."""
    files = lambda n: f"{n} file{'s' * (n != 1)}"
    if n_fixes:
        verb = "Fixed" if a.write else "Would fix"
        head = f"{verb} {n_fixes} issue{'s' * (n_fixes != 1)} in {files(n_fixed_files)}"
        if not a.write:
            head += f" (apply with `mtfix fix --write{' --unsafe-fixes' * bool(a.unsafe_fixes)}`)"
    else:
        head = f"No safe fixes in {files(n_files)}"
    if not n_left:
        return head + "."
    files_only = [p for p in reviewable if not (p == a.stdin_filename and "-" in a.paths)]
    where = " ".join(files_only) if len(files_only) <= 3 else "FILE..."
    them = "them one by one" if n_left != 1 else "it"
    how = "" if a.unsafe_fixes else f"apply {'them all' if n_left != 1 else 'it'} with --unsafe-fixes"
    if not files_only:      # standard input: `mtfix review` reads its answers from there
        return f"{head}; {n_left} suggestion{'s' * (n_left != 1)} not applied" + (f": {how}." if how else ".")
    return (f"{head}; {n_left} suggestion{'s' * (n_left != 1)} not applied: "
            f"review {them} with `mtfix review {where}`{' or ' + how if how else ''}.")


def cmd_review(a: argparse.Namespace) -> int:
    """``mtfix review``: see mtfix/review.py. Answers come from standard input, so the files
    cannot: '-' is refused."""
    from . import output
    from .pipeline import check_segments
    from .review import Stop, candidates, review_segment, reviewer
    from .runner import _chunks

    if "-" in a.paths:
        _cli._err("review: give files, not '-' (the answers are read from standard input)")
        return EXIT_ERROR
    _precount(a)
    r = reviewer(sys.stdout, sys.stdin, colour=output.use_colour(sys.stdout))
    status, stopped, written = EXIT_OK, False, 0
    for doc in _cli._documents(a):
        if stopped and not r.apply_all:
            break       # (after a q, later files are read only for the rules answered a)
        if isinstance(doc, InputError):
            _cli._err(str(doc))
            status = EXIT_ERROR
            continue
        options = _cli._options(a, doc.path)
        per_seg: list = []
        for chunk in _chunks(doc.segments):
            per_seg.extend(check_segments(chunk, options))
        total = r.seen + sum(len(candidates(s)) for s in per_seg)
        where = lambda i: f"{i.location.path}:{i.location.line}:{i.location.column}" if i.location else doc.path
        edits: list = []
        try:
            for seg, issues in zip(doc.segments, per_seg):
                edits.append(review_segment(seg.text, issues, where, r, total, source=seg.source))
        except Stop as stop:
            edits.append(stop.edits)
            stopped = True
        stopped = stopped or r.stopped
        edits += [[] for _ in range(len(doc.segments) - len(edits))]
        if any(edits):
            try:
                write_atomic(doc.path, doc.encode(doc.rebuild(edits)))
            except OSError as e:
                _cli._err(f"{doc.path}: cannot write ({e.strerror}); file left unchanged")
                status = EXIT_ERROR
                continue
            except InputError as e:     # a change the format cannot hold (YAML structure, CSV field)
                _cli._err(f"{e}; file left unchanged")
                status = EXIT_ERROR
                continue
            n = sum(len(e) for e in edits)
            written += 1
            print(f"Wrote {doc.path} ({n} change{'s' * (n != 1)})")
    print(f"Reviewed {r.seen} suggestion{'s' * (r.seen != 1)}: {r.accepted} applied"
          + (" (stopped)" if stopped else "") + ("." if written else "; no file changed."))
    return status


def _entry_ids(reg, name: str) -> list[str]:
    """Phrase-entry ids whose part after the pack prefix is ``name`` (spaces read as hyphens)."""
    try:
        from .checks.phrases import compiled
    except ImportError:
        return []
    want = "-".join(name.lower().split())
    return [k for k in compiled(reg).entries if k.lower().split(".", 1)[-1] == want]

