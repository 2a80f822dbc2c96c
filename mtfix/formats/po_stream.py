"""Read a PO/POT file entry by entry for ``mtfix check`` (issue 6: a 50 MB catalogue is checked
with memory that does not grow with the file).

The whole-file path (``read_path`` + ``POAdapter.segments``) holds the file's bytes, its decoded
text and a line index at once. Here the file is read in binary, line by line; lines are decoded
as UTF-8 and gathered into blocks that end at a blank line. A blank line always ends an entry
and resets the scanner (``iter_entries``), so scanning each block on its own, with the block's
first line number, yields exactly the entries (and segments, locations, suppressions) of the
whole-file scan. Each segment's ``meta`` refers to its block only, so once a chunk of segments
is checked nothing of it stays alive. A file without blank lines becomes one big block: memory
is then that of the whole-file path, never worse.

Only plain UTF-8 (with or without BOM) is streamed; anything else (UTF-16/32, binary, invalid
UTF-8, not a regular file) goes through ``read_path`` so the user sees exactly the same error
or result as before. The file is validated in a first cheap pass so that an error is reported
before any issue of the file is printed.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from typing import Iterator

from ..model import Segment
from . import InputError, _BOMS, adapter_for
from ._escaped import LineIndex
from .po import POAdapter, _header_lang, _is_header, header_target, iter_entries
from .po_check import POValidator

_READ = 1 << 16      # validation pass: 64 KB at a time


class _BlockLines(LineIndex):
    """LineIndex of one block whose first line is line ``base + 1`` of the file."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(text)
        self.base = base

    def at(self, offset: int) -> tuple[int, int]:
        line, col = super().at(offset)
        return line + self.base, col


@dataclass
class StreamedFile:
    """A file checked as a stream: ``segments()`` may be iterated once."""

    path: str
    adapter: POAdapter
    bom: bytes
    skipped: dict = field(default_factory=dict)     # filled as the segments are read

    def segments(self) -> Iterator[Segment]:
        return stream_segments(self.path, self.adapter, self.bom, self.skipped)


def open_streamed(path: str, format_in: str | None = None) -> StreamedFile | None:
    """A StreamedFile when ``path`` is a PO/POT file that can be streamed, else None (the
    caller then uses ``read_path``, which gives the usual result or error message)."""
    adapter = adapter_for(path, format_in)
    if not isinstance(adapter, POAdapter):
        return None
    try:
        if not os.path.isfile(path):
            return None
        with open(path, "rb") as fh:
            head = fh.read(8192)
            bom = codecs.BOM_UTF8 if head.startswith(codecs.BOM_UTF8) else b""
            if not bom and (any(head.startswith(b) for b, _ in _BOMS) or b"\x00" in head):
                return None
            # Validate the whole file first (constant memory): an invalid byte must be reported
            # before any issue is printed, with read_path's message.
            dec = codecs.getincrementaldecoder("utf-8")()
            fh.seek(len(bom))
            while True:
                block = fh.read(_READ)
                if not block:
                    break
                dec.decode(block)
            dec.decode(b"", final=True)
            # Then its structure, line by line (constant memory): as read_path would.
            validator = POValidator(path)
            fh.seek(len(bom))
            for raw in fh:
                validator.feed(raw.decode("utf-8"))
            validator.finish()
    except (OSError, UnicodeDecodeError):
        return None
    return StreamedFile(path, adapter, bom)


def _blocks(path: str, bom: bytes) -> Iterator[tuple[str, int]]:
    """(text, number of lines before it) for each run of lines ending at a blank line."""
    lines: list[str] = []
    before = 0
    try:
        with open(path, "rb") as fh:
            fh.seek(len(bom))
            for raw in fh:
                line = raw.decode("utf-8")
                lines.append(line)
                if not line.strip():
                    yield "".join(lines), before
                    before += len(lines)
                    lines = []
    except UnicodeDecodeError:
        raise InputError(f"{path}: not valid UTF-8 (the file changed while it was read)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    if lines:
        yield "".join(lines), before


def stream_segments(path: str, adapter: POAdapter, bom: bytes = b"",
                    skipped: dict | None = None) -> Iterator[Segment]:
    """The segments ``adapter.segments`` would give for the whole file, in the same order;
    ``skipped`` counts the entries that gave none, by why, once the file is read through (the
    file may be read more than once, or in part for the hint's sample)."""
    source_lang = target_lang = None
    counts: dict[str, int] = {}
    for text, before in _blocks(path, bom):
        lines: _BlockLines | None = None
        for entry in iter_entries(text, 0, before):
            msgid = entry.value(text, "msgid")
            if msgid is None:
                continue
            if _is_header(entry, msgid):
                source_lang, target_lang = _header_lang(entry, text), header_target(entry, text)
                continue
            if lines is None:
                lines = _BlockLines(text, before)
            segs = adapter.entry_segments(entry, text, path, lines, source_lang, msgid, target_lang)
            if not segs:
                why = adapter.skip_reason(entry)
                counts[why] = counts.get(why, 0) + 1
            yield from segs
    if skipped is not None:
        skipped.clear()
        skipped.update(counts)
