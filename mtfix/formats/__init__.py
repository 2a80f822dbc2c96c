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
    stamp: object = None    # files.Stamp of the file as read: a write checks it did not change

    def rebuild(self, edits: Sequence[Sequence[Edit]]) -> str:
        return self.adapter.rebuild(self, edits)

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


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


_REGISTRY: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    _REGISTRY[adapter.name] = adapter
    return adapter


def _load_builtin() -> None:
    # Always import (cached after the first time): a module imported directly, e.g.
    # ``mtfix.formats.po``, registers itself and must not hide the other built-ins.
    from . import markdown, text  # noqa: F401  (they register themselves)
    from . import jsonfile, po, subtitles, xliff  # noqa: F401  (translation files, issue 6)


def adapter_names() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def adapter_for(path: str, format_in: str | None = None) -> Adapter:
    _load_builtin()
    if format_in:
        if format_in not in _REGISTRY:
            raise InputError(f"unknown input format {format_in!r} (choose from {', '.join(adapter_names())})")
        return _REGISTRY[format_in]
    suffix = Path(path).suffix.lower()
    for adapter in _REGISTRY.values():
        if suffix in adapter.extensions:
            return adapter
    return _REGISTRY["text"]


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
    text, encoding, bom = decode(data, path)
    doc = Document(path, text, encoding, bom, adapter)
    doc.segments = adapter.segments(text, path)
    if not doc.offsets:
        doc.offsets = [0] * len(doc.segments)
    return doc


def read_path(path: str, format_in: str | None = None) -> Document:
    from .files import read_file

    data, stamp = read_file(path)
    doc = load_document(path, data, format_in)
    doc.stamp = stamp
    return doc


from .files import WriteError, write_atomic  # noqa: E402,F401  (the public names of this package)
