"""What the command line reads a path as (issue 25): a file of an unknown extension is refused
unless ``--format-in`` names a format; a PO catalogue on standard input is read as PO by its
content; ``-r --verbose`` says which files it skipped and why. Kept apart from cli.py."""
from __future__ import annotations

import os
import re
import sys

from .formats import InputError, adapter_extensions, adapter_name, adapter_names
from .model import Location, Segment

# A PO catalogue opens with comments and the header entry ``msgid ""`` / ``msgstr "..."``.
_PO_START = re.compile(rb'\A(?:\xef\xbb\xbf)?(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*msgid[ \t]+""[ \t]*\r?\n'
                       rb'(?:[ \t]*"[^\n]*\r?\n)*[ \t]*msgstr[ \t]')


def known_extensions() -> set[str]:
    return {e for name in adapter_names() for e in adapter_extensions(name)}


def refuse_unknown(path: str) -> None:
    """One InputError line for a named file whose extension no format claims."""
    from .formats import gzipped_corpus

    ext = os.path.splitext(path)[1].lower()
    if ext in known_extensions() or gzipped_corpus(path) or not os.path.isfile(path):
        return      # (a missing file is reported as such by the read)
    what = f"unknown file extension {ext!r}" if ext else "no file extension"
    raise InputError(f"{path}: {what}; name its format with --format-in "
                     f"({', '.join(adapter_names())})")


def stdin_format(name: str, data: bytes, format_in: str | None) -> str | None:
    """The format to read standard input as: ``--format-in``, else PO when its content is a PO
    catalogue and its name does not say otherwise (a header rewritten as prose was the harm)."""
    if format_in:
        return format_in
    if adapter_name(name) == "text" and _PO_START.match(data):
        return "po"
    return None


def report_skipped(path: str, why: str, verbose: bool) -> None:
    if verbose:
        print(f"mtfix: skipped {path}: {why}", file=sys.stderr)


def add_output_options(sp) -> None:
    """``--color`` and ``--output-file`` (issue 25), on check, fix, score and review."""
    sp.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                    help="colour the text output: auto (a terminal, unless NO_COLOR is set; "
                         "FORCE_COLOR forces it), always or never")
    sp.add_argument("--output-file", "-o", metavar="FILE",
                    help="write the report to FILE instead of standard output")


def add_format_options(sp) -> None:
    sp.add_argument("--columns", metavar="SOURCE,TARGET[,ID]",
                    help="the source and target columns of a CSV file, by header name or 1-based "
                         "number (default: the columns named source/target or two language codes)")
    sp.add_argument("--side", choices=["target", "source"], default="target",
                    help="which strings of a catalogue to check: the translations (default) or the "
                         "source strings, as text in the source language (PO/POT: as --format-in po-msgid)")


def source_side_format(a, item: str) -> str | None:
    """``--side source`` on a PO/POT file reads it as ``po-msgid`` (fixes written to the msgids)."""
    if getattr(a, "side", "target") != "source" or a.format_in not in (None, "po", "po-all"):
        return a.format_in
    return "po-msgid" if adapter_name(item, a.format_in) in ("po", "po-all") else a.format_in


class _SourceSide:
    """A catalogue read for its source strings (``--side source``) in a format whose sources are
    not spliced back: checked and reported, never rewritten."""

    def __init__(self, adapter) -> None:
        self.name, self.extensions, self.inner = adapter.name, adapter.extensions, adapter

    def segments(self, text: str, path: str):
        return self.inner.segments(text, path)

    def rebuild(self, doc, edits):
        if any(edits):
            raise InputError(f"{doc.path}: --side source: fixes are written back only to PO/POT "
                             "msgids; use check, or fix the source file itself")
        return doc.text


class _SourceSegment(Segment):
    """A source string whose place in the file is known only as its entry's line: every issue
    is reported at the start of that line (the key says which entry)."""

    __slots__ = ()

    def position(self, offset: int) -> Location:
        return self.location


def to_source_side(a, doc):
    """The document with each segment's source as the text to check (``--side source``), in the
    source language; segments without a source are dropped."""
    if getattr(a, "side", "target") != "source" or doc.adapter.name == "po-msgid" or not hasattr(doc, "adapter"):
        return doc
    from .formats.jsonfile import i18n_protected

    given = getattr(a, "source_lang", None)
    given = given if given and re.fullmatch(r"[a-z]{2,3}", given) else None
    seen: set[str] = set()
    sources = []
    for s in doc.segments:
        # (each source once: a catalogue repeats it for every language or plural form)
        if s.source and s.source.strip() and s.source not in seen:
            seen.add(s.source)
            where = Location(s.location.path, s.location.line, 1, s.location.key)
            sources.append(_SourceSegment(s.source, target_lang=s.source_lang or given, location=where,
                                          protected=i18n_protected(s.source), suppressions=s.suppressions))
    doc.segments = sources
    doc.offsets = [0] * len(doc.segments)
    doc.adapter = _SourceSide(doc.adapter)
    return doc


def apply_format_options(a) -> None:
    """``--columns`` as the environment the CSV reader looks at (so --jobs workers see it too)."""
    columns = getattr(a, "columns", None)
    if columns:
        os.environ["MTFIX_CSV_COLUMNS"] = columns


def apply_colour(choice: str | None) -> None:
    """``--color always|never`` as the NO_COLOR/FORCE_COLOR conventions output.use_colour reads
    (set in the environment, so --jobs workers see it too)."""
    if choice == "always":
        os.environ.pop("NO_COLOR", None)
        os.environ["FORCE_COLOR"] = "1"
    elif choice == "never":
        os.environ.pop("FORCE_COLOR", None)
        os.environ["NO_COLOR"] = "1"


def run_to_file(path: str | None, run) -> int:
    """``run()`` with standard output going to ``path`` (when given); a file that cannot be
    opened is one error line, exit 2."""
    if not path or path == "-":
        return run()
    try:
        fh = open(path, "w", encoding="utf-8", newline="")
    except OSError as e:
        print(f"mtfix: error: {path}: cannot write the report ({e.strerror})", file=sys.stderr)
        return 2
    old = sys.stdout
    sys.stdout = fh
    try:
        return run()
    finally:
        sys.stdout = old
        fh.close()
