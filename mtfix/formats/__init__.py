"""Format adapters: file bytes -> Document (segments with protected spans and locations) and
back to bytes with only the edited spans changed.

An adapter is a module-level object with ``name``, ``extensions``, ``segments(text, path)`` and
``rebuild(doc, edits_per_segment)``. ``register`` adds one; ``adapter_for`` picks by extension
or by an explicit ``--format-in`` name.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

from ..fixer import apply_edits
from ..model import Edit, Segment


class InputError(Exception):
    """A file mtfix cannot read as text: the message is the one line the user sees."""


class Adapter(Protocol):
    name: str
    extensions: tuple[str, ...]

    def segments(self, text: str, path: str) -> list[Segment]: ...

    def rebuild(self, doc: "Document", edits: Sequence[Sequence[Edit]]) -> str: ...


@dataclass
class Document:
    path: str
    text: str
    encoding: str
    bom: bytes
    adapter: Adapter
    segments: list[Segment] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)   # where each segment starts, for span adapters
    malformed: int = 0      # records skipped as malformed (corpora): check exits 2
    gz: bool = False        # a gzipped corpus: written back gzipped
    stamp: object = None    # files.Stamp of the file as read: a write checks it did not change
    # entries the adapter did not check, by why: untranslated, fuzzy (needs review), obsolete
    skipped: dict[str, int] = field(default_factory=dict)

    def rebuild(self, edits: Sequence[Sequence[Edit]]) -> str:
        return self.adapter.rebuild(self, edits)

    def encode(self, text: str) -> bytes:
        data = self.bom + text.encode(self.encoding)
        if self.gz:
            import gzip

            return gzip.compress(data, mtime=0)
        return data


class SpanAdapter:
    """Base for formats whose segments are verbatim slices of the file (text, Markdown,
    subtitles): edits shift by the segment's offset and apply to the file text directly."""

    name = "text"
    extensions: tuple[str, ...] = ()

    def segments(self, text: str, path: str) -> list[Segment]:
        raise NotImplementedError

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        flat = [e.shifted(off) for off, seg_edits in zip(doc.offsets, edits) for e in seg_edits]
        return apply_edits(doc.text, flat)


class Segments(list):
    """An adapter's segments with the count of the entries it skipped, by why (the summary says
    what was checked and what was not: issue 25)."""

    def __init__(self, items=(), skipped: dict[str, int] | None = None) -> None:
        super().__init__(items)
        self.skipped = {k: v for k, v in (skipped or {}).items() if v}


_REGISTRY: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    _REGISTRY[adapter.name] = adapter
    return adapter


# The built-in adapters: name -> (module that registers it, its extensions), in the order they
# are matched. Listed here so that the command line can offer the names and pick a file's format
# without importing every format module (PO support brings polib, XLIFF expat, JSON its scanner:
# ~5 ms of a pre-commit run on one Markdown file); tests/test_formats_lazy.py checks the table
# against the adapters themselves.
BUILTIN: dict[str, tuple[str, tuple[str, ...]]] = {
    "markdown": ("markdown", (".md", ".markdown", ".mdown", ".mkd")),
    "text": ("text", (".txt", ".text")),
    "json": ("jsonfile", (".json",)),
    "po": ("po", (".po", ".pot")),
    "po-all": ("po", ()),
    "po-msgid": ("po_msgid", ()),
    "subtitles": ("subtitles", (".srt", ".vtt")),
    "xliff": ("xliff", (".xlf", ".xliff")),
    "tsv": ("bilingual", (".tsv", ".tab")),
    "jsonl": ("bilingual", (".jsonl", ".ndjson")),
    "tmx": ("bilingual", (".tmx",)),
    "properties": ("properties", (".properties",)),
    "arb": ("arb", (".arb",)),
    "strings": ("ios_strings", (".strings",)),
    "android": ("android", (".xml",)),
    "qt-ts": ("qt_ts", (".ts",)),
    "yaml": ("yamlfile", (".yml", ".yaml")),
    "csv": ("csvfile", (".csv",)),
    "stringsdict": ("stringsdict", (".stringsdict",)),
    "xcstrings": ("xcstrings", (".xcstrings",)),
    "fluent": ("fluent", (".ftl",)),
    "html": ("html", (".html", ".htm", ".xhtml")),
}


def _load_builtin(name: str | None = None) -> None:
    """Import the module of the built-in adapter ``name`` (None: all of them), which registers it."""
    from importlib import import_module

    for module in ([BUILTIN[name][0]] if name is not None else dict.fromkeys(m for m, _ in BUILTIN.values())):
        import_module(f"{__name__}.{module}")


def adapter_names() -> list[str]:
    return sorted({*BUILTIN, *_REGISTRY})


def adapter_extensions(name: str) -> tuple[str, ...]:
    """The file extensions of the adapter ``name`` (a built-in is not imported for this)."""
    adapter = _REGISTRY.get(name)
    return adapter.extensions if adapter is not None else BUILTIN[name][1]


def adapter_name(path: str, format_in: str | None = None) -> str:
    """The name of the adapter ``adapter_for`` picks, without importing it."""
    if format_in:
        return adapter_for(path, format_in).name if format_in not in BUILTIN else format_in
    suffix = Path(path).suffix.lower()
    for name, (_, exts) in BUILTIN.items():
        if suffix in exts:
            return name
    for adapter in list(_REGISTRY.values()):
        if suffix in adapter.extensions:
            return adapter.name
    return "text"


def adapter_for(path: str, format_in: str | None = None) -> Adapter:
    if format_in:
        if format_in in BUILTIN and format_in not in _REGISTRY:
            _load_builtin(format_in)
        if format_in not in _REGISTRY:
            raise InputError(f"unknown input format {format_in!r} (choose from {', '.join(adapter_names())})")
        return _REGISTRY[format_in]
    name = adapter_name(path)
    if name not in _REGISTRY:
        _load_builtin(name)
    return _REGISTRY[name]


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, path: str) -> tuple[str, str, bytes]:
    """(text, encoding, bom). UTF-8 (with or without BOM) and BOM-marked UTF-16/32 only."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc, bom
            except UnicodeDecodeError as e:
                raise InputError(f"{path}: not valid {enc.upper()} at byte {e.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 at byte {e.start} (convert it to UTF-8 first)") from None


def load_document(path: str, data: bytes, format_in: str | None = None) -> Document:
    adapter = adapter_for(path, format_in)
    try:
        text, encoding, bom = decode(data, path)
    except InputError:
        # A format whose files may also be in a legacy 8-bit encoding (Java .properties before
        # Java 9: ISO-8859-1) reads them so, and writes them back in it.
        fallback = getattr(adapter, "fallback_encoding", None)
        if not fallback or b"\x00" in data[:8192]:
            raise
        text, encoding, bom = data.decode(fallback), fallback, b""
    doc = Document(path, text, encoding, bom, adapter)
    doc.segments = adapter.segments(text, path)
    doc.skipped = dict(getattr(doc.segments, "skipped", None) or {})
    if not doc.offsets:
        doc.offsets = [0] * len(doc.segments)
    doc.malformed = getattr(adapter, "malformed", 0)
    return doc


def read_path(path: str, format_in: str | None = None) -> Document:
    from .files import read_file

    data, stamp = read_file(path)
    gz = gzipped_corpus(path)
    if gz:
        import gzip
        import zlib

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as e:
            raise InputError(f"{path}: cannot read: {e}") from None
        format_in = format_in or adapter_name(path[:-3])
    doc = load_document(path, data, format_in)
    doc.stamp, doc.gz = stamp, gz
    return doc


CORPUS_EXTENSIONS = (".tsv", ".tab", ".jsonl", ".ndjson", ".tmx")


def gzipped_corpus(path: str) -> bool:
    """A ``.tsv.gz``, ``.jsonl.gz`` or ``.tmx.gz``: read and written through gzip."""
    low = path.lower()
    return low.endswith(".gz") and low[:-3].endswith(CORPUS_EXTENSIONS)


from .files import WriteError, write_atomic  # noqa: E402,F401  (the public names of this package)
