"""``--format-in po-msgid`` (and ``--side source`` on a PO/POT file): the *source* strings of a
catalogue checked as text in their own language, what a documentation team writes into a
``.pot`` template. Each ``msgid`` (and ``msgid_plural``) of a live entry is a segment keyed by
itself, whether or not it is translated; its language is the header's ``X-Source-Language``, else
English. Fixes are spliced into the msgid literals as msgstr fixes are (the translations are not
touched: a changed msgid is what ``msgmerge`` then reports as fuzzy, as after any source edit).
"""
from __future__ import annotations

from ..model import Location, Segment
from . import register
from ._escaped import EscapedSegment, LineIndex
from .po import Entry, POAdapter, _is_header, _suppressions, protected


class POMsgidAdapter(POAdapter):
    name = "po-msgid"
    extensions = ()
    lazy_above = 1 << 62        # (segments built at once: the lazy path indexes msgstr forms)

    def entry_segments(self, entry: Entry, text: str, path: str, lines: LineIndex,
                       source_lang: str | None, msgid: str | None = None,
                       target_lang: str | None = None) -> list[Segment]:
        if msgid is None:
            msgid = entry.value(text, "msgid")
        if msgid is None or _is_header(entry, msgid) or entry.obsolete:
            return []
        ctxt = entry.value(text, "msgctxt")
        key = f"{msgid} (msgctxt {ctxt})" if ctxt is not None else msgid
        out: list[Segment] = []
        for name in ("msgid", "msgid_plural"):
            value = entry.value(text, name)
            if not value or not value.strip():
                continue
            lits = entry.fields[name]
            first = next((lit for lit in lits if lit[1] > lit[0]), lits[0])
            line, col = lines.at(first[0])
            out.append(EscapedSegment(
                value, target_lang=source_lang or "en", protected=protected(value),
                location=Location(path, line, col, key if name == "msgid" else f"{key}[plural]"),
                suppressions=_suppressions(entry, path, len(value)),
                meta={"literals": lits, "lines": lines, "file_text": text, "style": "po", "context": ctxt}))
        return out

    def skip_reason(self, entry: Entry) -> str:
        return "obsolete"


register(POMsgidAdapter())
