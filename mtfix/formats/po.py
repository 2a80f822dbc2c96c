"""gettext PO/POT: each non-empty ``msgstr`` (and each plural form ``msgstr[n]``) is a segment
whose source is the ``msgid`` (``msgid_plural`` for the plural forms).

The file is scanned line by line, entry by entry, instead of being loaded with
``polib.pofile``: polib re-serialises on save (re-wrapping lines, normalising comments), and it
holds every entry as several objects, which a 50 MB catalogue cannot afford. The string
literals are decoded with polib's own ``unescape``, and the tests compare this scanner's entries
with ``polib.pofile`` on every fixture. Writing back splices only the edited characters into the
original literals (see ``_escaped``), so wrapping, comments and flags stay exactly as they were.

Fuzzy and obsolete (``#~``) entries are skipped: their translations are not in use. The
``po-all`` format (``--format-in po-all``) checks them too.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field
from typing import Iterator, Sequence

import polib

from ..model import Edit, Location, Segment, Suppression
from ..protect import merge, plain_protected
from . import Document, Segments, register
from ._escaped import EscapedSegment, LineIndex, escape_po, splice

_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*"')
_SUPPRESS = re.compile(r"mtfix:\s*ignore\b[ \t:]*([A-Z0-9:_, \t-]*)", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_SOURCE_LANG = re.compile(r"^X-Source-Language:\s*([A-Za-z_-]+)", re.M)
_TARGET_LANG = re.compile(r"^Language:[ \t]*([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)?)", re.M)


@dataclass
class Entry:
    """One PO entry as literal positions in the file (nothing decoded until asked)."""

    fields: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    line: dict[str, int] = field(default_factory=dict)     # line of each field keyword
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    comments: list[tuple[int, str]] = field(default_factory=list)   # translator comments (line, text)
    start: int = -1                                    # file offset of the entry's first line

    def value(self, text: str, name: str) -> str | None:
        lits = self.fields.get(name)
        if lits is None:
            return None
        return "".join(polib.unescape(text[s:e]) for s, e in lits)

    @property
    def has_msgstr(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)


def iter_entries(text: str, start: int = 0, lineno: int = 0) -> Iterator[Entry]:
    """Entries in file order, from offset ``start`` (at the beginning of line ``lineno + 1``).
    Tolerant like msgfmt: unknown lines end nothing and are skipped."""
    entry = Entry()
    current: str | None = None
    pos = start
    n = len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end + 1
        lineno += 1
        line_start = pos
        raw = text[pos:end]
        pos = end
        body = raw.rstrip("\r\n")
        stripped = body.lstrip()
        offset = line_start + (len(body) - len(stripped))
        obsolete = False
        if stripped and entry.start < 0:
            entry.start = line_start
        if stripped.startswith("#~"):
            obsolete = True
            rest = stripped[2:]
            if rest.startswith("|"):
                continue                      # previous msgid of an obsolete entry
            skip = len(rest) - len(rest.lstrip())
            offset += 2 + skip
            stripped = rest.lstrip()
        if not stripped:
            if entry.fields:
                yield entry
            entry, current = Entry(), None
            continue
        if stripped.startswith("#") and not obsolete:
            if entry.has_msgstr:
                yield entry
                entry, current = Entry(), None
            if stripped.startswith("#,"):
                entry.flags.update(f.strip() for f in stripped[2:].split(",") if f.strip())
            elif stripped[1:2] in ("", " ", "\t"):
                entry.comments.append((lineno, stripped[1:].strip()))
            continue
        m = _KEYWORD.match(stripped)
        if m:
            name = m.group(1)
            if name in ("msgid", "msgctxt") and entry.has_msgstr:
                yield entry
                entry = Entry()
            current = name
            entry.obsolete = entry.obsolete or obsolete
            entry.fields.setdefault(name, []).append(_literal(stripped, m.end() - 1, offset))
            entry.line[name] = lineno
            continue
        if stripped.startswith('"') and current is not None:
            entry.fields[current].append(_literal(stripped, 0, offset))
    if entry.fields:
        yield entry


def _literal(line: str, quote: int, offset: int) -> tuple[int, int]:
    """File range of the content of the string literal opening at ``line[quote]``."""
    close = line.rstrip().rfind('"')
    if close <= quote:
        close = len(line.rstrip())
    return offset + quote + 1, offset + close


def _suppressions(entry: Entry, path: str, length: int) -> tuple[Suppression, ...]:
    out = []
    for line, comment in entry.comments:
        m = _SUPPRESS.search(comment)
        if m:
            codes = frozenset(c.upper() for c in re.split(r"[\s,]+", m.group(1)) if c)
            out.append(Suppression(0, length, codes, Location(path, line, 1)))
    return tuple(out)


def protected(text: str) -> tuple[tuple[int, int], ...]:
    """Placeholders, URLs and markup tags (PO strings often carry HTML)."""
    spans = list(plain_protected(text)) + [(m.start(), m.end()) for m in _TAG.finditer(text)]
    return merge(spans)


def _header_lang(entry: Entry, text: str) -> str | None:
    m = _SOURCE_LANG.search(entry.value(text, "msgstr") or "")
    return m.group(1).split("_")[0].lower() if m else None


def header_target(entry: Entry, text: str) -> str | None:
    """The catalogue's ``Language:`` (``de``, ``en_GB``): the target language its rules hold for."""
    m = _TARGET_LANG.search(entry.value(text, "msgstr") or "")
    return m.group(1) if m else None


def _is_header(entry: Entry, msgid: str | None) -> bool:
    return msgid == "" and "msgctxt" not in entry.fields


class POAdapter:
    name = "po"
    extensions = (".po", ".pot")
    include_all = False       # fuzzy and obsolete entries too
    # Above this many characters the segments are built on demand (see PoSegments).
    lazy_above = 1_000_000

    def segments(self, text: str, path: str) -> Sequence[Segment]:
        from .po_check import validate

        validate(text, path)        # what msgfmt rejects is one error line, not a silent rewrite
        lines = LineIndex(text)
        source_lang = target_lang = None
        eager: list[Segment] = []
        starts, forms = array("q"), array("H")
        lazy = len(text) > self.lazy_above
        skipped = {"untranslated": 0, "fuzzy": 0, "obsolete": 0}
        for entry in iter_entries(text):
            msgid = entry.value(text, "msgid")
            if msgid is None:
                continue
            if _is_header(entry, msgid):
                source_lang, target_lang = _header_lang(entry, text), header_target(entry, text)
                continue
            segs = self.entry_segments(entry, text, path, lines, source_lang, msgid, target_lang)
            if not segs:
                skipped[self.skip_reason(entry)] += 1
            if lazy:
                for k in range(len(segs)):
                    starts.append(entry.start)
                    forms.append(k)
            else:
                eager.extend(segs)
        if not lazy:
            return Segments(eager, skipped)
        out = PoSegments(self, text, path, lines, source_lang, starts, forms, target_lang)
        out.skipped = {k: v for k, v in skipped.items() if v}
        return out

    def skip_reason(self, entry: Entry) -> str:
        """Why an entry that gave no segment was not checked (for the summary's counts)."""
        if self.include_all:
            return "untranslated"
        return "obsolete" if entry.obsolete else "fuzzy" if "fuzzy" in entry.flags else "untranslated"

    def entry_segments(self, entry: Entry, text: str, path: str, lines: LineIndex,
                       source_lang: str | None, msgid: str | None = None,
                       target_lang: str | None = None) -> list[Segment]:
        """The segments of one entry: its non-empty msgstr and plural forms."""
        if msgid is None:
            msgid = entry.value(text, "msgid")
        if msgid is None or _is_header(entry, msgid):
            return []
        if not self.include_all and (entry.obsolete or "fuzzy" in entry.flags):
            return []
        ctxt = entry.value(text, "msgctxt")
        key = f"{msgid} (msgctxt {ctxt})" if ctxt is not None else msgid
        plural = entry.value(text, "msgid_plural")
        out: list[Segment] = []
        for name in sorted((k for k in entry.fields if k.startswith("msgstr")), key=_form):
            value = entry.value(text, name)
            if not value:
                continue                 # untranslated: nothing to check
            lits = entry.fields[name]
            source = msgid if plural is None or _form(name) == 0 else plural
            first = next((lit for lit in lits if lit[1] > lit[0]), lits[0])   # not the empty msgstr ""
            line, col = lines.at(first[0])
            out.append(EscapedSegment(
                value, source=source, source_lang=source_lang, target_lang=target_lang,
                protected=protected(value),
                location=Location(path, line, col, key if name == "msgstr" else f"{key}[{_form(name)}]"),
                suppressions=_suppressions(entry, path, len(value)),
                meta={"literals": lits, "lines": lines, "file_text": text, "style": "po",
                      "context": ctxt}))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        return splice(doc.text, doc.segments, edits, escape_po, "po")


class PoSegments(Sequence[Segment]):
    """The segments of a large catalogue, built on demand from the file text: per segment only
    its entry's offset and form number are kept (10 bytes), so a 50 MB file does not hold
    hundreds of thousands of Segment objects at once. The runner checks it chunk by chunk."""

    def __init__(self, adapter: POAdapter, text: str, path: str, lines: LineIndex,
                 source_lang: str | None, starts: array, forms: array,
                 target_lang: str | None = None) -> None:
        self.adapter, self.text, self.path, self.lines = adapter, text, path, lines
        self.source_lang, self.starts, self.forms = source_lang, starts, forms
        self.target_lang = target_lang

    def __len__(self) -> int:
        return len(self.starts)

    def _at(self, i: int) -> Segment:
        start = self.starts[i]
        entry = next(iter_entries(self.text, start, self.lines.at(start)[0] - 1))
        return self.adapter.entry_segments(entry, self.text, self.path, self.lines, self.source_lang,
                                           target_lang=self.target_lang)[self.forms[i]]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._at(i)

    def __iter__(self) -> Iterator[Segment]:
        # One pass over the file instead of one parse per index.
        for entry in iter_entries(self.text):
            yield from self.adapter.entry_segments(entry, self.text, self.path, self.lines, self.source_lang,
                                                   target_lang=self.target_lang)


def _form(name: str) -> int:
    m = re.search(r"\[(\d+)\]", name)
    return int(m.group(1)) if m else 0


class POAllAdapter(POAdapter):
    name = "po-all"
    extensions = ()
    include_all = True


register(POAdapter())
register(POAllAdapter())
