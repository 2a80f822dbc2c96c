"""``mtfix check --baseline FILE`` (issue 25): today's findings in existing content are recorded
once (``--update-baseline``), and later runs report and fail only on findings not in the record.

A finding is matched by its rule, its file (relative to the baseline's folder, so the record is
the same whichever folder the run starts in) and the text around it (up to 24 characters each
side of the span, within its line), never by line or column: an edit elsewhere in the file, a
new entry above it or a re-wrapped catalogue does not bring an old finding back. Matching counts:
a context recorded twice absorbs two findings, and a third is new. The file is JSON, sorted, one
finding a line, so it diffs well in review.
"""
from __future__ import annotations

import json
import os
from collections import Counter

from .model import Issue

CONTEXT = 24
VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read: the one line the user sees."""


def context(text: str, start: int, end: int) -> str:
    """The span with up to CONTEXT characters each side, on its own line(s) only: a paragraph
    added above or below does not change it."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    return text[max(first, start - CONTEXT):min(last, end + CONTEXT)]


def _rel(path: str, folder: str) -> str:
    if path in ("-", "<stdin>") or path.startswith("<"):
        return path
    try:
        return os.path.relpath(os.path.abspath(path), folder).replace(os.sep, "/")
    except ValueError:          # (another drive on Windows)
        return os.path.abspath(path).replace(os.sep, "/")


class Baseline:
    def __init__(self, path: str, update: bool) -> None:
        self.path, self.update = path, update
        self.folder = os.path.dirname(os.path.abspath(path))
        self.known: Counter = Counter()
        self.found: Counter = Counter()       # every finding of this run (what --update-baseline writes)
        self.messages: dict[tuple, str] = {}
        self.matched = 0
        if not update or os.path.exists(path):
            self.known = self._load(path) if not update else Counter()

    @staticmethod
    def _load(path: str) -> Counter:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)") from None
        except OSError as e:
            raise BaselineError(f"{path}: cannot read the baseline ({e.strerror})") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise BaselineError(f"{path}: not a baseline file (not valid JSON: {e})") from None
        findings = data.get("findings") if isinstance(data, dict) else None
        if not isinstance(findings, list):
            raise BaselineError(f"{path}: not a baseline file (no \"findings\" list)")
        known: Counter = Counter()
        for f in findings:
            if not (isinstance(f, dict) and all(isinstance(f.get(k), str) for k in ("file", "code", "context"))):
                raise BaselineError(f"{path}: not a baseline file (a finding lacks file, code or context)")
            count = f.get("count", 1)
            known[(f["file"], f["code"], f["context"])] += count if isinstance(count, int) and count > 0 else 1
        return known

    def key(self, issue: Issue, ctx: str) -> tuple[str, str, str]:
        path = issue.location.path if issue.location else "-"
        return (_rel(path, self.folder), issue.code, ctx)

    def new(self, issues: list[Issue], contexts: dict[Issue, str]) -> list[Issue]:
        """The issues not in the baseline (all are recorded for --update-baseline)."""
        out = []
        for i in issues:
            k = self.key(i, contexts.get(i, ""))
            self.found[k] += 1
            self.messages.setdefault(k, i.message)
            if self.known[k] > 0:
                self.known[k] -= 1
                self.matched += 1
            else:
                out.append(i)
        return out

    def write(self) -> int:
        findings = [{"file": f, "code": c, "context": ctx, "count": n, "message": self.messages.get((f, c, ctx), "")}
                    for (f, c, ctx), n in sorted(self.found.items())]
        body = ",\n".join("    " + json.dumps(f, ensure_ascii=False, sort_keys=True) for f in findings)
        text = ('{\n  "tool": "mtfix",\n  "version": %d,\n  "findings": [\n%s\n  ]\n}\n'
                % (VERSION, body) if findings else '{\n  "tool": "mtfix",\n  "version": %d,\n  "findings": []\n}\n' % VERSION)
        from .formats import InputError
        from .formats.files import write_atomic

        try:
            write_atomic(self.path, text.encode("utf-8"))
        except OSError as e:
            raise BaselineError(f"{self.path}: cannot write the baseline ({e.strerror})") from None
        except InputError as e:         # (WriteError: not a regular file, read-only...)
            raise BaselineError(str(e)) from None
        return sum(self.found.values())
