"""TMX 1.4 read as a stream (``mtfix.corpus.iter_records`` on a ``.tmx``): expat fed a chunk at a
time, hardened as defusedxml hardens it (an entity declaration stops the parse before anything is
expanded; external entities are never fetched). Only the bytes since the start of the ``<tu>``
being read are kept, so memory does not depend on the file's size. A segment's text is its
``<seg>`` content exactly as written, as for XLIFF: inline ``<bpt>/<ept>/<ph>/<it>`` codes and
entity references are protected spans.
"""
from __future__ import annotations

from typing import BinaryIO, Callable, Iterator

from . import corpus
from .corpus import Record, open_binary
from .formats import InputError
from .formats.xliff import _tag_end, hardened_parser, inline_protected
from .model import Location

def _primary(lang: str | None) -> str | None:
    return lang.split("-")[0].split("_")[0].lower() if lang else None


def _same_lang(a: str, b: str) -> bool:
    return a.lower() == b.lower() or (("-" not in a or "-" not in b) and _primary(a) == _primary(b))


class _TmxScan:
    """Expat callbacks for one TMX stream: each finished ``<tu>`` goes to ``done`` as (tu number,
    line, tuid, [(xml:lang, content start, content end)], tu start, tu end) in byte offsets."""

    def __init__(self, path: str, n0: int = 0, line0: int = 0) -> None:
        self.path = path
        self.srclang: str | None = None
        self.done: list[tuple] = []
        self.n = n0                 # <tu>s before the ones read (a block of a larger file)
        self.line0 = line0          # lines of the file before the parsed text's first line
        self.buf = bytearray()
        self.base = 0               # file offset of buf[0]
        self.keep = 0               # file offset before which buf is no longer needed
        self.tu: list | None = None
        self.tuv: list | None = None
        self.seg_at: tuple[int, bool] | None = None
        self.p = hardened_parser(self._forbid, self._start, self._end)
        self.root: str | None = None

    def _forbid(self, name=None, *args) -> None:
        raise InputError(f"{self.path}: unsafe XML rejected: entity declaration {name!r} is not allowed "
                         "(entity expansion or external entity)")

    def _tag_end(self, at: int) -> int:
        return self.base + _tag_end(self.buf, at - self.base)   # type: ignore[arg-type]

    def _start(self, name: str, attrs: dict) -> None:
        at = self.p.CurrentByteIndex
        if self.root is None:
            self.root = name
            if name != "tmx":
                raise InputError(f"{self.path}:{self.p.CurrentLineNumber}: not a TMX file: found <{name}> "
                                 "(expected a <tmx> root element)")
        if name == "header":
            self.srclang = attrs.get("srclang")
        elif name == "tu":
            self.n += 1
            self.tu = [self.n, self.p.CurrentLineNumber + self.line0, attrs.get("tuid"), [], at]
            self.keep = at
        elif name == "tuv" and self.tu is not None:
            self.tuv = [attrs.get("xml:lang") or attrs.get("lang"), None, None]
        elif name == "seg" and self.tuv is not None and self.seg_at is None:
            end = self._tag_end(at)
            self.seg_at = (end, self.buf[end - self.base - 2:end - self.base] == b"/>")

    def _end(self, name: str) -> None:
        at = self.p.CurrentByteIndex
        if name == "seg" and self.seg_at is not None and self.tuv is not None:
            start, empty = self.seg_at
            self.tuv[1], self.tuv[2] = start, (start if empty else at)
            self.seg_at = None
        elif name == "tuv" and self.tu is not None and self.tuv is not None:
            if self.tuv[1] is not None:
                self.tu[3].append(tuple(self.tuv))
            self.tuv = None
        elif name == "tu" and self.tu is not None:
            end = self._tag_end(at) if self.buf[at - self.base:at - self.base + 2] == b"</" else at
            self.done.append((*self.tu, end))
            self.tu = None
        if self.tu is None:
            self.keep = at


def _tmx(f: BinaryIO, path: str, source_lang: str | None, target_lang: str | None,
         on_error: Callable[[str], None], n0: int = 0, line0: int = 0) -> Iterator[Record]:
    """The records of a TMX stream (``n0``, ``line0``: it is the header of a file followed by
    some of its ``<tu>``s, after ``n0`` others and ``line0`` more lines than the stream shows)."""
    import xml.parsers.expat as expat

    scan = _TmxScan(path, n0, line0)
    while True:
        chunk = f.read(corpus.CHUNK)
        scan.buf += chunk
        try:
            scan.p.Parse(chunk, not chunk)
        except expat.ExpatError as e:
            yield from _tmx_records(scan, path, source_lang, target_lang, on_error)
            raise InputError(f"{path}: not well-formed XML ({expat.errors.messages.get(e.code, e)} "
                             f"at line {e.lineno + line0})") from None
        yield from _tmx_records(scan, path, source_lang, target_lang, on_error)
        drop = scan.keep - scan.base
        if drop > 0:
            del scan.buf[:drop]
            scan.base = scan.keep
        if not chunk:
            break
    if scan.root is None:
        raise InputError(f"{path}: not a TMX file: no element found")


def _tmx_records(scan: _TmxScan, path: str, source_lang: str | None, target_lang: str | None,
                 on_error: Callable[[str], None]) -> Iterator[Record]:
    src_lang = source_lang or (scan.srclang if scan.srclang and scan.srclang != "*all*" else None)
    for n, line, tuid, tuvs, start, end in scan.done:
        b = scan.base

        def text(s: int, e: int) -> str:
            return scan.buf[s - b:e - b].decode("utf-8")

        src = next((t for t in tuvs if src_lang and t[0] and _same_lang(t[0], src_lang)), None)
        if src is None and not src_lang and tuvs:
            src = tuvs[0]
        others = [t for t in tuvs if t is not src]
        if target_lang:
            others = [t for t in others if t[0] and _same_lang(t[0], target_lang)]
        langs = ", ".join(str(t[0]) for t in tuvs) or "none"
        if src is None:
            on_error(f"{path}: record {n} (line {line}): <tu> has no source <tuv> in {src_lang} (found: {langs})")
        elif not others:
            want = f" in {target_lang}" if target_lang else ""
            on_error(f"{path}: record {n} (line {line}): <tu> has no target <tuv>{want} (found: {langs})")
        elif len(others) > 1:
            on_error(f"{path}: record {n} (line {line}): <tu> has several target languages "
                     f"({', '.join(str(t[0]) for t in others)}): choose one with --target-lang")
        else:
            tgt = others[0]
            target = text(tgt[1], tgt[2])
            ident = tuid or str(n)
            yield Record(n - 1, ident, text(src[1], src[2]), target, _primary(src[0] or src_lang),
                         _primary(tgt[0]), Location(path, line, 1, ident), inline_protected(target),
                         bytes(scan.buf[start - b:end - b]), {"target_bytes": (tgt[1], tgt[2])})
    scan.done.clear()


def tmx_frame(path: str, stream: BinaryIO | None = None) -> bytes:
    """The bytes of a TMX file before its first ``<tu>`` (declaration, header, ``<body>``): what
    ``filter`` writes before the records it keeps."""
    f = stream if stream is not None else open_binary(path)
    head = bytearray()
    try:
        while True:
            chunk = f.read(corpus.CHUNK)
            head += chunk
            at = head.find(b"<tu")
            while at >= 0 and head[at + 3:at + 4] not in (b" ", b">", b"\t", b"\n", b"\r", b"/"):
                at = head.find(b"<tu", at + 3)
            if at >= 0:
                return bytes(head[:at])
            if not chunk:
                return bytes(head)
    finally:
        if stream is None:
            f.close()
