"""The shipped phrase packs' matcher, built with the wheel and compiled lazily, entry by entry.

Compiling all 439 entries (parsing patterns, expanding alternations, ~19,000 automaton keys)
costs 100-250 ms, more than the rest of a pre-commit run on one file. The wheel build
(``mtfix/builddata/phrase_index.py``) stores the anchor keys (token sequences) with which
entry and variant each key belongs to. A run loads that (a few ms), finds candidates in the
key table, and compiles only the entries whose anchors occur in the text -- the same entries, the
same variants, in the same order as a full compile, so the hits are identical.

The index is used only when its fingerprint (the phrase rules' files, the pattern compiler's
source, the lemminflect version) matches this run's; otherwise -- a user's own phrase pack, a
rule edited in a checkout without rebuilding -- ``checks.phrases`` compiles everything itself.
"""
from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any, Callable

from .patterns import Matcher, Variant

FORMAT = 3
PATH = Path(__file__).resolve().parent / "data" / "phrase-index.marshal"
_SOURCES = ("patterns.py", "pattern_tokens.py", "pattern_render.py", "checks/phrases.py", "phrase_index.py")


def fingerprint(rules: list[Any]) -> bytes:
    """What the index depends on: the phrase rules (sorted by code: code, pack and the bytes of
    the rule file, which decide the rule's data) and the compiler's code. Kept whole (~0.3 MB in
    the index) and compared, not hashed: dumping every rule's data as JSON and starting hashlib
    cost ~4 ms of a one-file run, reading the files back ~0.3 ms."""
    from .lexicon import _installed

    files: dict[str, int] = {}
    for r in rules:
        files.setdefault(r.origin, len(files))
    parts = [f"{FORMAT}|{_installed('lemminflect')}\n".encode(),
             "".join(f"{r.code}|{r.pack}|{files[r.origin]}\n" for r in rules).encode()]
    here = Path(__file__).resolve().parent
    for path in [*files, *(str(here / name) for name in _SOURCES)]:
        try:
            data = Path(path).read_bytes()
        except OSError:
            data = b"?" + Path(path).name.encode()
        parts += [f"{len(data)}\n".encode(), data]
    return b"".join(parts)


def load(rules: list[Any]) -> dict | None:
    """The shipped index if it was built from exactly these rules and this code, else None."""
    try:
        raw = marshal.loads(PATH.read_bytes())
        if isinstance(raw, dict) and raw.get("format") == FORMAT and isinstance(raw.get("tables"), dict) \
                and raw.get("fingerprint") == fingerprint(rules):
            return raw
    except Exception:  # noqa: BLE001 - not built (a checkout), damaged: compile in full
        pass
    return None


def tables_of(matcher: Matcher) -> dict:
    """The automaton's keys as plain tables (marshal reads flat dicts fastest): "tok tok" ->
    number of its variant-id tuple in ``vis``, and every proper prefix of a key."""
    keys: dict[str, int] = {}
    vis_list: list[tuple[int, ...]] = []
    seen: dict[tuple[int, ...], int] = {}
    prefixes: set[str] = set()
    for key, (_ntok, vis) in matcher.automaton.items():
        toks = key.strip().split(" ")
        vis = tuple(vis)
        if vis not in seen:
            seen[vis] = len(vis_list)
            vis_list.append(vis)
        keys[" ".join(toks)] = seen[vis]
        prefixes.update(" ".join(toks[:j]) for j in range(1, len(toks)))
    return {"keys": keys, "vis": vis_list, "prefixes": sorted(prefixes)}


class TrieMatcher(Matcher):
    """A Matcher whose anchors come from the shipped tables and whose variants are compiled when
    first asked for (``variant_of(vi)`` compiles the entry that owns variant ``vi``)."""

    def __init__(self, tables: dict, n_variants: int, variant_of: Callable[[int], Variant]) -> None:
        self.keys: dict[str, int] = tables["keys"]
        self.vis: list[tuple[int, ...]] = tables["vis"]
        self.prefixes = frozenset(tables["prefixes"])
        self.variants = _LazyList(n_variants, variant_of)
        self.size = len(self.keys)

    def candidates(self, lowers: list[str]) -> list[tuple[int, tuple[int, ...]]]:
        """(first token, variant ids) of every key found, in the order the automaton reports
        them (by end, the longest key first), so everything downstream is the same."""
        found = []
        keys, prefixes, n = self.keys, self.prefixes, len(lowers)
        for i, key in enumerate(lowers):
            j = i + 1
            while True:
                got = keys.get(key)
                if got is not None:
                    found.append((j, i, got))
                if j >= n or key not in prefixes:
                    break
                key = key + " " + lowers[j]
                j += 1
        found.sort()
        vis = self.vis
        return [(first, vis[v]) for _, first, v in found]


class _LazyList:
    def __init__(self, n: int, get: Callable[[int], Variant]) -> None:
        self.n, self.get = n, get

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self.get(i) for i in range(*k.indices(self.n))]
        return self.get(k)

    def __iter__(self):
        return (self.get(i) for i in range(self.n))
