"""Run the pipeline on whole files (format adapters in, rebuilt files out)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Sequence

from .fixer import fix_segments, unified_diff
from .formats import Document, InputError
from .model import Edit, Issue, Location, Segment
from .options import Options
from .pipeline import check_segments


@dataclass
class FileResult:
    doc: Document | None           # None for a chunk of a streamed file (check_stream)
    issues: list[Issue]
    new_text: str | None = None
    edits: list[list[Edit]] = field(default_factory=list)
    remaining: list[Issue] = field(default_factory=list)
    suppressed: list[Issue] = field(default_factory=list)   # silenced by in-file directives
    ends: dict[Issue, Location] = field(default_factory=dict)   # where each issue's span ends (SARIF regions)
    contexts: dict[Issue, str] = field(default_factory=dict)    # the text around each issue (--baseline)
    checked: int = 0        # segments (entries, values, cues) checked: 0 says a file had nothing to check

    @property
    def changed(self) -> bool:
        return self.new_text is not None and self.new_text != self.doc.text

    def diff(self) -> str:
        return unified_diff(self.doc.text, self.new_text or self.doc.text, self.doc.path)


# Segments analysed at once. A huge catalogue (a 50 MB PO file has ~250k entries) is checked
# chunk by chunk so the analysis caches of only one chunk are alive at a time; document-level
# rules then see a chunk (MT706 carries its memory across chunks).
CHUNK = 5000


def _chunks(segments: Sequence[Segment]) -> Iterator[Sequence[Segment]]:
    if len(segments) <= CHUNK:
        yield segments
        return
    for a in range(0, len(segments), CHUNK):
        yield segments[a:a + CHUNK]


def _check(chunk: Sequence[Segment], options: Options, suppressed: list[Issue]) -> list[list[Issue]]:
    """check_segments, with a very long lone segment checked piece by piece (mtfix/pieces.py)."""
    from . import pieces

    if len(chunk) != 1 or not pieces.needs_split(chunk[0]):
        return check_segments(chunk, options, suppressed=suppressed)
    issues: list[Issue] = []
    for at, piece in pieces.split(chunk[0]):
        silenced: list[Issue] = []
        issues.extend(pieces.unshift(check_segments([piece], options, suppressed=silenced)[0], at))
        suppressed.extend(pieces.unshift(silenced, at))
    return [issues]


def _contexts(segments, per_seg) -> dict[Issue, str]:
    from .baseline import context

    return {i: context(seg.text, i.start, i.end) for seg, issues in zip(segments, per_seg) for i in issues}


def check_document(doc: Document, options: Options) -> FileResult:
    suppressed: list[Issue] = []
    per_seg: list[list[Issue]] = []
    for chunk in _chunks(doc.segments):
        per_seg.extend(_check(chunk, options, suppressed))
    ends = {i: seg.position(i.end) for seg, issues in zip(doc.segments, per_seg) for i in issues
            if i.location == seg.position(i.start)}   # not for issues reported elsewhere (PO comments)
    contexts = _contexts(doc.segments, per_seg)
    return FileResult(doc, [i for seg in per_seg for i in seg], suppressed=suppressed, ends=ends, contexts=contexts,
                      checked=sum(1 for s in doc.segments if s.text.strip()))


def check_stream(segments: Iterable[Segment], options: Options) -> Iterator[FileResult]:
    """``check_document`` for a stream of segments (a large PO file read entry by entry): one
    partial result per chunk of CHUNK segments (the same chunks ``_chunks`` cuts, so the
    issues are the same), and no segment is kept once its chunk is checked."""
    chunk: list[Segment] = []
    for seg in segments:
        chunk.append(seg)
        if len(chunk) == CHUNK:
            yield _check_chunk(chunk, options)
            chunk = []
    if chunk:
        yield _check_chunk(chunk, options)


def _check_chunk(chunk: list[Segment], options: Options) -> FileResult:
    suppressed: list[Issue] = []
    per_seg = check_segments(chunk, options, suppressed=suppressed)
    ends = {i: seg.position(i.end) for seg, issues in zip(chunk, per_seg) for i in issues
            if i.location == seg.position(i.start)}
    return FileResult(None, [i for seg in per_seg for i in seg], suppressed=suppressed, ends=ends,
                      contexts=_contexts(chunk, per_seg),
                      checked=sum(1 for s in chunk if s.text.strip()))


def _fix(chunk: Sequence[Segment], options: Options):
    """fix_segments, with a very long lone segment fixed piece by piece (mtfix/pieces.py)."""
    from . import pieces

    check = lambda segs: check_segments(segs, options)   # noqa: E731
    if len(chunk) != 1 or not pieces.needs_split(chunk[0]):
        return fix_segments(chunk, check, unsafe=options.unsafe)
    edits: list[Edit] = []
    first: list[Issue] = []
    remaining: list[Issue] = []
    growth = 0   # how much longer the fixed pieces so far are: remaining issues are in fixed text
    for at, piece in pieces.split(chunk[0]):
        _, e, f, r = fix_segments([piece], check, unsafe=options.unsafe)
        edits.extend(x.shifted(at) for x in e[0])
        first.extend(pieces.unshift(f[0], at))
        remaining.extend(pieces.unshift(r[0], at + growth))
        growth += sum(len(x.replacement) - (x.end - x.start) for x in e[0])
    return None, [edits], [first], [remaining]


def fix_document(doc: Document, options: Options) -> FileResult:
    edits: list[list[Edit]] = []
    first: list[list[Issue]] = []
    remaining: list[list[Issue]] = []
    for chunk in _chunks(doc.segments):
        _, e, f, r = _fix(chunk, options)
        edits.extend(e)
        first.extend(f)
        remaining.extend(r)
    new_text = doc.rebuild(edits) if any(edits) else doc.text
    return FileResult(doc, [i for s in first for i in s], new_text, edits,
                      [i for s in remaining for i in s])


# Folders ``-r`` never enters unless ``--no-ignore``: dependencies and tool caches, not text.
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__"})


def expand_paths(paths: list[str], recursive: bool, extensions: set[str], *,
                 no_ignore: bool = False, skipped=None) -> Iterator[str | InputError]:
    """Files to process, in the order given; directories only with ``recursive``. Inside a
    directory, as git (and ruff) would: what ``.gitignore`` files ignore, hidden folders and
    ``node_modules/`` are skipped, unless ``no_ignore``. A file named on the command line is
    always processed. ``skipped(path, why)`` hears of each file of a walked directory left out."""
    for path in paths:
        if path != "-" and os.path.isdir(path):
            if not recursive:
                yield InputError(f"{path}: is a directory (use -r to check the files in it)")
                continue
            found = False
            ignores = _Ignores(path) if not no_ignore else None
            unreadable: list[OSError] = []    # a folder walk cannot list: said, never skipped silently
            said = 0
            for root, dirs, files in os.walk(path, onerror=unreadable.append):
                yield from _unreadable(unreadable, said)
                said = len(unreadable)
                if ignores is not None:
                    ignores.enter(root)
                    dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS
                                     and not ignores.ignored(os.path.join(root, d), True))
                else:
                    dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    ext = os.path.splitext(name)[1].lower()
                    if ext not in extensions:
                        if skipped is not None:
                            skipped(full, "no format for its extension (name one with --format-in)")
                    elif ext == ".xml" and not os.path.basename(root).startswith("values"):
                        # (XML is read as Android string resources: only those of res/values*/)
                        if skipped is not None:
                            skipped(full, "XML outside a values*/ folder, not Android string resources")
                    elif ext == ".ts" and not _qt_linguist(full):
                        if skipped is not None:
                            skipped(full, "TypeScript, not a Qt Linguist file")
                    elif ext in (".yml", ".yaml", ".csv") and (why := _not_a_catalogue(full, ext)):
                        if skipped is not None:
                            skipped(full, why)
                    elif ignores is None or not ignores.ignored(full, False):
                        found = True
                        yield full
                    elif skipped is not None:
                        skipped(full, "ignored by .gitignore")
            yield from _unreadable(unreadable, said)
            if not found and not unreadable:
                yield InputError(f"{path}: no files mtfix can check in this directory")
        else:
            yield path


def _unreadable(errors: list[OSError], said: int) -> Iterator[InputError]:
    """One line for each folder ``os.walk`` could not list since the ``said`` first."""
    for e in errors[said:]:
        reason = "permission denied" if isinstance(e, PermissionError) else f"cannot read ({e.strerror})"
        yield InputError(f"{e.filename}: {reason}; folder not checked")


def _qt_linguist(path: str) -> bool:
    """Whether a ``.ts`` file found by ``-r`` is Qt Linguist XML rather than TypeScript."""
    from .formats.qt_ts import looks_like_ts

    try:
        with open(path, "rb") as fh:
            return looks_like_ts(fh.read(256))
    except OSError:
        return True         # reported as unreadable by the read itself


def _not_a_catalogue(path: str, ext: str) -> str | None:
    """Why a YAML or CSV file found by ``-r`` is not a translation file (configuration, data), or
    None: YAML must be a locale file, CSV must have its source and target columns named."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except OSError:
        return None         # reported as unreadable by the read itself
    if ext == ".csv":
        from .formats.csvfile import ENV, _delimiter, columns, records

        if os.environ.get(ENV):
            return None
        line = head.split("\n", 1)[0]
        try:
            columns(line, records(line, _delimiter(line), path), path)
        except InputError:
            return "CSV whose header names no source and target columns (name them with --columns)"
        return None
    from .formats.yamlfile import looks_like_locale

    return None if looks_like_locale(path, head) else "YAML that is not a locale file (no language root key or folder)"


class _Ignores:
    """The ``.gitignore`` files that apply under one walked directory: those of its ancestors up
    to the repository root (the folder holding ``.git``) and those found on the way down. A
    deeper file's patterns override a shallower one's, as in git. pathspec implements git's
    wildmatch rules (negation, ``**``, anchoring, directory-only patterns); imported only here."""

    def __init__(self, top: str) -> None:
        self.specs: list[tuple[str, object]] = []     # (folder, spec), shallowest first
        top = os.path.abspath(top)
        chain, d = [], os.path.dirname(top)
        while not os.path.exists(os.path.join(top, ".git")):
            if d == os.path.dirname(d) or not os.path.isdir(d):
                chain = []          # not inside a repository: only the walked folder's own files
                break
            chain.append(d)
            if os.path.exists(os.path.join(d, ".git")):
                break
            d = os.path.dirname(d)
        for folder in reversed(chain):
            self._load(folder)

    def _load(self, folder: str) -> None:
        name = os.path.join(folder, ".gitignore")
        if os.path.isfile(name):
            import pathspec

            try:
                with open(name, encoding="utf-8", errors="replace") as f:
                    self.specs.append((folder, pathspec.GitIgnoreSpec.from_lines(f)))
            except OSError:
                pass    # an unreadable .gitignore ignores nothing, as in git

    def enter(self, folder: str) -> None:
        self._load(os.path.abspath(folder))

    def ignored(self, path: str, is_dir: bool) -> bool:
        path = os.path.abspath(path)
        verdict = False
        for folder, spec in self.specs:
            if path.startswith(folder + os.sep):
                rel = os.path.relpath(path, folder).replace(os.sep, "/") + ("/" if is_dir else "")
                include = spec.check_file(rel).include
                if include is not None:
                    verdict = include
        return verdict
