"""The command line's work per file, run in order or in ``--jobs`` worker processes
(``mtfix/parallel.py``): each task takes one document and returns what the command prints."""
from __future__ import annotations

import argparse

from .cli_docs import _document, _options, _settings
from .formats import InputError, adapter_names


def in_jobs(a: argparse.Namespace, task, stream: bool = False):
    """``task(a, document, in_worker)`` for each document, in order, in ``--jobs`` worker
    processes when there are several files (mtfix/parallel.py); standard input is read here."""
    from .formats import adapter_extensions
    from .parallel import jobs_for, ordered
    from .runner import expand_paths

    exts = {e for name in adapter_names() for e in adapter_extensions(name)}
    from .cli_inputs import report_skipped

    verbose = getattr(a, "verbose", False)
    items = list(expand_paths(a.paths, a.recursive, exts, no_ignore=getattr(a, "no_ignore", False),
                              skipped=lambda path, why: report_skipped(path, why, verbose)))
    jobs = 1 if "-" in items else jobs_for(getattr(a, "jobs", None), len(items))
    if getattr(a, "_precounted", False):
        jobs = 1   # MT706 counted every translation of the run first: one memory, checked in order
    # (the LanguageTool setting is the file's config's, whatever the file: asked of each config,
    # not of options built for each of the files)
    if jobs > 1 and task is check_task and any(_settings(a, p).values["languagetool"]
                                               for p in items if isinstance(p, str)):
        jobs = 1   # LanguageTool: one warning per run and no more requests after a failure
    return ordered(a, items, lambda a, item: task(a, _document(a, item, stream), jobs > 1), jobs,
                   warm=lambda: _warm(a))


def _warm(a: argparse.Namespace) -> None:
    """Load in the parent what every worker needs (rules, phrase matcher, LM) before forking."""
    from .model import Segment
    from .pipeline import check_segments

    check_segments([Segment("Warm-up: the systems was deployed in Kaliningrad region.")], _options(a))


def check_task(a: argparse.Namespace, doc, in_worker: bool):
    """(document or InputError, its results, an InputError met half-way or None). In a worker
    the results are computed there and the document reduced to its path (the parent needs no
    more, and a streamed file cannot travel between processes)."""
    from .formats import Document
    from .runner import check_document, check_stream

    if isinstance(doc, InputError):
        return doc, [], None
    options = _options(a, doc.path, languagetool=True)
    # A streamed PO file (the one kind that is not a Document; PO support is not imported to
    # ask) gives one result per chunk; nothing but its issues is kept.
    results = check_stream(doc.segments(), options) if not isinstance(doc, Document) \
        else [check_document(doc, options)]
    if not in_worker:
        return doc, results, None
    done, late = [], None
    try:
        for res in results:
            res.doc = None
            done.append(res)
    except InputError as e:
        late = e
    from .hints import needs_source_hint

    # Whether this file still allows the no-source-language hint: the parent needs that of every
    # file, but the file itself only while its sample of text is not full (commands._collect_for_hint).
    hint = isinstance(doc, Document) and needs_source_hint(doc.segments, options)
    return _Named(doc.path, hint, dict(getattr(doc, "skipped", None) or {}),
                  doc.malformed if isinstance(doc, Document) else 0), done, late


class _Named:
    """A document reduced to its path (what cmd_check reads of a document), whether it allows
    the no-source-language hint (None: not known) and its malformed records."""

    def __init__(self, path: str, needs_hint: bool | None = None, skipped: dict | None = None,
                 malformed: int = 0) -> None:
        self.path = path
        self.needs_hint = needs_hint
        self.skipped = skipped or {}    # entries skipped as untranslated, fuzzy, obsolete
        self.malformed = malformed      # a corpus's skipped records: the run exits 2


def fix_task(a: argparse.Namespace, doc, in_worker: bool):
    from .runner import fix_document

    if isinstance(doc, InputError):
        return doc, None
    try:
        return doc, fix_document(doc, _options(a, doc.path))
    except InputError as e:     # a fix the format cannot hold (YAML structure, unquoted CSV field)
        return e, None


def score_task(a: argparse.Namespace, doc, in_worker: bool):
    """(document, [its score]): one document score, and per entry (PO/JSON key, subtitle cue with
    its number and time) the entry's score and its sentences, worst first."""
    from dataclasses import replace

    from .scorer import document_value, score_text

    if isinstance(doc, InputError):
        return doc, []
    options, source = _options(a, doc.path), getattr(a, "_score_source", None)
    entries, every = [], []
    levels = {"high": 2, "medium": 1, "low": 0}
    confidence, note = "high", ""
    for seg in doc.segments:
        if source is not None and seg.source is None and len(doc.segments) == 1:
            seg = replace(seg, source=source)     # `score --source FILE` for a text or Markdown file
        sc = score_text(seg, options)
        if sc.sentences and levels[sc.confidence] < levels[confidence]:   # the file's weakest
            confidence, note = sc.confidence, sc.confidence_note
        every.extend(sc.sentences)
        entry = {"key": seg.location.key, "line": seg.location.line, "score": sc.value,
                 "sentences": [{"line": seg.position(s.span[0]).line, "start": s.span[0],
                                "end": s.span[1], "score": s.value, "text": s.text}
                               for s in sorted(sc.sentences, key=lambda s: s.value)]}
        if seg.meta and "cue" in seg.meta:
            entry.update(cue=seg.meta["cue"], time=seg.meta["time"])
        if sc.sentences:
            entries.append(entry)
    out = [{"file": doc.path, "score": document_value(every), "confidence": confidence,
            **({"confidence_note": note} if note else {}), "entries": entries}]
    return (_Named(doc.path) if in_worker else doc), out
