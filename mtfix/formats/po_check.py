"""Structure check of a gettext PO/POT file, line by line, as ``msgfmt`` does it.

The scanner in ``po.py`` is tolerant (it skips what it does not know); a file ``msgfmt`` would
reject must not be checked and rewritten as if nothing were wrong. ``POValidator`` is fed one
line at a time (so the streamed check of a 50 MB catalogue keeps constant memory) and raises
InputError with the file, the line and what was expected. Duplicate messages, which msgfmt also
rejects, are left to it: finding them needs memory per message, and each entry is checked and
spliced on its own, so a duplicate cannot make mtfix change the wrong text.
"""
from __future__ import annotations

import re

from . import InputError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(\[\d+\])?(?=[ \t\"]|$)")
# A complete string literal: escapes msgfmt knows (C escapes, octal, hex), nothing after it.
_STRING = re.compile(r'"(?:[^"\\]|\\(?:[ntrabfv\\"\'?]|[0-7]{1,3}|x[0-9a-fA-F]+))*"[ \t]*\Z')
_EXPECTED = ("a keyword (msgctxt, msgid, msgid_plural, msgstr, msgstr[N]), "
             "a string in double quotes, a comment (#) or a blank line")


class POValidator:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lineno = 0
        self._reset()

    def _reset(self) -> None:
        self.fields: list[str] = []     # keywords of the current entry, in order
        self.first_line = 0

    def _error(self, what: str, line: int | None = None) -> InputError:
        return InputError(f"{self.path}:{line or self.lineno}: not a valid PO file: {what}")

    def feed(self, raw: str) -> None:
        self.lineno += 1
        line = raw.rstrip("\r\n").strip()
        obsolete = False
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].lstrip()
            if line.startswith("|"):
                return          # previous msgid of an obsolete entry
        if not line:
            self._end_entry_if_done()
            return
        if line.startswith("#") and not obsolete:
            if self.fields and self.fields[-1].startswith("msgstr"):
                self._end_entry()
            elif self.fields:
                raise self._error("a comment inside an entry (expected msgstr before it)")
            return
        m = _KEYWORD.match(line)
        if m:
            self._keyword(m.group(1), m.group(2))
            rest = line[m.end():].lstrip()
            self._string(rest, "after " + m.group(0))
            return
        if line.startswith('"'):
            if not self.fields:
                raise self._error("a string outside any entry (expected msgid before it)")
            self._string(line, "as a continuation line")
            return
        raise self._error(f"unexpected {line[:30]!r} (expected {_EXPECTED})")

    def _string(self, s: str, where: str) -> None:
        if not s.startswith('"'):
            raise self._error(f"expected a string in double quotes {where}")
        if not _STRING.match(s):
            raise self._error(f"a string that is not closed, has text after it or an unknown "
                              f"escape (expected \"...\" with \\n, \\t, \\\", \\\\ escapes) {where}")

    def _keyword(self, name: str, index: str | None) -> None:
        if index and name != "msgstr":
            raise self._error(f"{name}{index}: only msgstr takes an index")
        if name in ("msgctxt", "msgid") and self.fields and self.fields[-1].startswith("msgstr"):
            self._end_entry()       # a new entry without a blank line before it
        have = self.fields
        if not have:
            self.first_line = self.lineno
        if name == "msgctxt" and have:
            raise self._error("msgctxt must come first in an entry (expected msgstr before it)")
        if name == "msgid" and have not in ([], ["msgctxt"]):
            raise self._error("a second msgid in one entry (expected msgstr before it)")
        if name == "msgid_plural" and have[-1:] != ["msgid"]:
            raise self._error("msgid_plural must follow msgid")
        if name == "msgstr":
            if "msgid" not in have:
                raise self._error("msgstr without msgid before it")
            plural = "msgid_plural" in have
            if plural and not index:
                raise self._error("msgstr after msgid_plural (expected msgstr[0])")
            if not plural and index:
                raise self._error(f"msgstr{index} without msgid_plural (expected msgstr)")
            forms = [f for f in have if f.startswith("msgstr[")]
            if index and index != f"[{len(forms)}]":
                raise self._error(f"msgstr{index} out of order (expected msgstr[{len(forms)}])")
            if not index and "msgstr" in have:
                raise self._error("a second msgstr in one entry")
        self.fields.append(name + (index or ""))

    def _end_entry_if_done(self) -> None:
        if self.fields:
            self._end_entry()

    def _end_entry(self) -> None:
        if not any(f.startswith("msgstr") for f in self.fields):
            raise self._error(f"{self.fields[-1]} without msgstr (expected msgstr after it)",
                              self.first_line)
        self._reset()

    def finish(self) -> None:
        if self.fields:
            self.lineno += 1
            self._end_entry()


def validate(text: str, path: str) -> None:
    v = POValidator(path)
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        v.feed(text[start:end])
        start = end
    v.finish()
