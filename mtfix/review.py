"""``mtfix review FILE...``: decide on each suggestion, one at a time.

Every issue that proposes a change (safe fixes and suggestions alike) is shown in file order
with its context and the proposed change, and the reviewer answers:

    y  apply it            n  skip it          a  apply it and every later one of this rule
    1-9  apply the n-th suggestion             e  type a replacement
    q  stop (what was accepted is kept, and every later change of a rule answered a)   ?  help

The context shown is the text as it stands after the changes accepted so far, as wide as the
terminal allows; a catalogue entry's source is shown above it.

Answers are read one per line, from the terminal or, when standard input is not one, from
whatever feeds it (``printf 'y\\nq\\n' | mtfix review FILE``), so a review can be scripted and
tested. An answer that is neither is asked again; the end of the input means ``q``. Accepted
changes are written when a file's review ends, atomically and byte-for-byte elsewhere, by the
same writer as ``fix --write``; nothing is written for a file where nothing was accepted.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import IO, Callable

from .model import Edit, Issue

HELP = ("y apply · n skip · a apply all remaining of this rule · 1-9 apply that suggestion · "
        "e type a replacement · q stop (keep what was accepted and the rules answered a) · ? this help")
CONTEXT = 40    # characters shown on each side of the span at least (more on a wider terminal)


class Stop(Exception):
    """The reviewer answered q (or the answers ran out); ``edits`` were accepted before."""

    def __init__(self, edits: list[Edit]) -> None:
        super().__init__("stopped")
        self.edits = edits


@dataclass
class Reviewer:
    """Asks about each candidate; ``read()`` returns one answer line, or None at the end."""

    out: IO[str]
    read: Callable[[str], str | None]
    echo: bool = False                  # not a terminal: show the answer read, for a readable transcript
    colour: bool = False
    apply_all: set[str] = field(default_factory=set)   # rules answered with a
    accepted: int = 0
    seen: int = 0
    stopped: bool = False               # answered q: only the rules answered a are still applied
    width: int = 0                      # terminal columns (0: ask shutil)

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt)
        self.out.flush()
        answer = self.read(prompt)
        if answer is not None and self.echo:
            self.out.write(answer + "\n")
        return answer


def candidates(issues: list[Issue]) -> list[Issue]:
    """The issues that propose a change, in text order."""
    return sorted((i for i in issues if i.fix is not None or i.suggestions),
                  key=lambda i: (i.start, i.end, i.code))


def proposed(issue: Issue) -> Edit:
    """The change ``y`` makes: the issue's fix, or its first suggestion over the flagged span."""
    if issue.fix is not None:
        return issue.fix
    return Edit(issue.start, issue.end, issue.suggestions[0], issue.code)


def _columns(r: "Reviewer") -> int:
    import shutil

    return r.width or shutil.get_terminal_size((100, 24)).columns


def _show(text: str, edit: Edit, colour: bool, columns: int = 0) -> tuple[str, str]:
    # As much context as the terminal's width leaves beside the span and its replacement.
    room = (columns - 6 - max(edit.end - edit.start, len(edit.replacement)) - 4) // 2
    side = max(CONTEXT, room)
    a, b = max(0, edit.start - side), min(len(text), edit.end + side)
    left = ("…" if a else "") + text[a:edit.start]
    right = text[edit.end:b] + ("…" if b < len(text) else "")
    on, off = ("\x1b[1;31m", "\x1b[0m") if colour else ("[", "]")
    on2, off2 = ("\x1b[1;32m", "\x1b[0m") if colour else ("[", "]")
    flat = lambda s: s.replace("\n", "⏎")
    return (flat(f"{left}{on}{text[edit.start:edit.end]}{off}{right}"),
            flat(f"{left}{on2}{edit.replacement}{off2}{right}"))


def _current(text: str, chosen: list[Edit], edit: Edit) -> tuple[str, Edit]:
    """The text with the changes accepted so far, and ``edit`` moved to where it now stands."""
    from .fixer import apply_edits

    shift = sum(len(c.replacement) - (c.end - c.start) for c in chosen if c.end <= edit.start)
    return apply_edits(text, sorted(chosen, key=lambda e: e.start)), edit.shifted(shift)


def review_segment(text: str, issues: list[Issue], where: Callable[[Issue], str],
                   r: Reviewer, total: int, source: str | None = None) -> list[Edit]:
    """The edits accepted for one segment (non-overlapping, in text order). After a q
    (``r.stopped``) only the rules answered a are still applied, without asking."""
    chosen: list[Edit] = []
    for issue in candidates(issues):
        edit = proposed(issue)
        if any(edit.overlaps(c) for c in chosen) or text[edit.start:edit.end] == edit.replacement:
            continue            # an accepted change already covers this span
        if r.stopped and issue.code not in r.apply_all:
            continue
        r.seen += 1
        if issue.code in r.apply_all:
            chosen.append(edit)
            r.accepted += 1
            r.out.write(f"{where(issue)} {issue.code}: applied ({issue.code} accepted with a)\n")
            continue
        shown, moved = _current(text, chosen, edit)
        columns = _columns(r)
        before, after = _show(shown, moved, r.colour, columns)
        kind = "safe fix" if issue.safe and issue.fix is not None else "suggestion"
        options = [edit.replacement] + [s for s in issue.suggestions if s != edit.replacement][:8]
        r.out.write(f"\n[{r.seen}/{total}] {where(issue)} {issue.code} {issue.name} ({kind})\n"
                    f"  {issue.message}\n")
        if source:
            flat = source.replace("\n", "⏎")
            r.out.write(f"  source: {flat if len(flat) <= columns - 10 else flat[:columns - 11] + '…'}\n")
        r.out.write(f"  - {before}\n  + {after}\n")
        if len(options) > 1:
            r.out.write("  suggestions: " + " · ".join(f"{k} {o!r}" for k, o in enumerate(options, 1)) + "\n")
        try:
            take = _answer(r, edit, issue, sorted(chosen, key=lambda e: e.start), options)
        except Stop:
            r.stopped = True        # the later changes of the rules answered a are still made
            continue
        if take is not None:
            chosen.append(take)
            r.accepted += 1
    return sorted(chosen, key=lambda e: e.start)


def _answer(r: Reviewer, edit: Edit, issue: Issue, chosen: list[Edit],
            options: list[str] | None = None) -> Edit | None:
    """Ask until the answer is one of y n a e q or a suggestion's number: the edit to make, or
    None to skip."""
    options = options or [edit.replacement]
    while True:
        answer = r.ask("Apply? [y,n,a,e,q,?] ")
        if answer is None or answer.strip().lower() == "q":
            raise Stop(chosen)
        answer = answer.strip().lower()
        if answer in ("y", "yes"):
            return edit
        if answer in ("n", "no"):
            return None
        if answer == "a":
            r.apply_all.add(issue.code)
            return edit
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            k = int(answer)
            return edit if k == 1 else Edit(issue.start, issue.end, options[k - 1], issue.code)
        if answer == "e":
            typed = r.ask("Replacement: ")
            if typed is None:
                raise Stop(chosen)
            return Edit(edit.start, edit.end, typed, issue.code)
        r.out.write(HELP + "\n")


def line_reader(stream: IO[str]) -> Callable[[str], str | None]:
    """Answers from a stream, one per line; None at its end."""
    def read(_prompt: str) -> str | None:
        line = stream.readline()
        return None if line == "" else line.rstrip("\r\n")
    return read


def terminal_reader() -> Callable[[str], str | None]:
    def read(_prompt: str) -> str | None:
        try:
            return input()
        except EOFError:
            return None
    return read


def reviewer(out: IO[str] = sys.stdout, stdin: IO[str] = sys.stdin, colour: bool = False) -> Reviewer:
    tty = bool(getattr(stdin, "isatty", None) and stdin.isatty())
    return Reviewer(out, terminal_reader() if tty and stdin is sys.stdin else line_reader(stdin),
                    echo=not tty, colour=colour)
