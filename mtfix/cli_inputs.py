"""What the command line reads a path as (issue 25): a file of an unknown extension is refused
unless ``--format-in`` names a format; a PO catalogue on standard input is read as PO by its
content; ``-r --verbose`` says which files it skipped and why. Kept apart from cli.py."""
from __future__ import annotations

import os
import re
import sys

from .formats import InputError, adapter_extensions, adapter_name, adapter_names

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
