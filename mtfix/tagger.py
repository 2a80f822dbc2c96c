"""English part-of-speech tagger: an averaged perceptron over Penn Treebank tags.

The model (``mtfix/data/tagger-en.bin``, built by ``benchmarks/fit_tagger.py`` from the English
Web Treebank, UD_English-EWT, CC BY-SA 4.0; see ``mtfix/data/README.md``) is the greedy
left-to-right perceptron of Collins (2002) with the feature set Honnibal's well-known
"averaged perceptron" tagger uses (the word, its suffix and first letter, the two words and tags
before, the two words after). It is stored as sorted 64-bit feature fingerprints with parallel
arrays of (tag, weight) pairs, read with ``array.frombytes``: nothing is decoded into a dict, so
loading costs a few milliseconds and a look-up is a binary search. It loads on first use only:
a run whose checks never ask for tags never opens the file.

Tokens are mtfix's (``mtfix.analysis``): a word keeps its inner hyphens and apostrophes. The
treebank splits both ("well - known", "do n't"), so a word is split the same way before tagging
and gets back one tag: a hyphenated word the tag of its last part, a word with a clitic its
first part's tag joined to the clitic's by ``+`` ("don't" -> ``VBP+RB``, "he's" -> ``PRP+VBZ``).
"""
from __future__ import annotations

import json
import re
import struct
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib import resources
from typing import Sequence

from .lm import fingerprint

MAGIC = b"MTFXPOS1\n"
START = ("-START-", "-START2-")
END = ("-END-", "-END2-")
# Clitics the treebank writes as tokens of their own, longest first.
_CLITIC = re.compile(r"(?i)(?<=\w)(n[’']t|[’'](?:s|re|ve|ll|d|m))$")
_SPECIAL_NT = {"can": "ca", "won": "wo", "shan": "sha"}


def normalise(word: str) -> str:
    """The form features see: digits collapsed, case folded (the shape keeps the capital)."""
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def split_token(word: str) -> list[str]:
    """The treebank's tokens for one mtfix token: hyphens and clitics split off."""
    parts: list[str] = []
    m = _CLITIC.search(word) if ("'" in word or "’" in word) else None
    clitic = None
    if m and m.start() > 0:
        clitic, word = m.group(), word[: m.start()]
        if clitic[0] in "nN":
            word = _SPECIAL_NT.get(word.lower(), word)
    if "-" in word and len(word) > 1:
        bits = word.split("-")
        for i, b in enumerate(bits):
            if i:
                parts.append("-")
            if b:
                parts.append(b)
    else:
        parts.append(word)
    if clitic:
        parts.append(clitic)
    return parts


@lru_cache(maxsize=16384)
def lexclass(w: str) -> str:
    """What the lexicon says the (normalised) word can be: lemminflect's parts of speech, each
    marked ``*`` where the word is an inflected form ("ran" -> ``VERB*``), else ``?``. Unseen
    words are tagged mostly on this and the suffix."""
    from . import lexicon

    if not w[:1].isalpha():
        return "-"
    got = lexicon.lemmas(w)
    if not got:
        return "?"
    return " ".join(k + ("" if w in v else "*") for k, v in sorted(got.items()))


def features(i: int, word: str, context: Sequence[str], prev: str, prev2: str) -> list[str]:
    """Feature strings of token i (context is padded with two START and two END words)."""
    w = context[i]
    lex = lexclass(w)
    nxt, nxt2, pw, pw2 = context[i + 1], context[i + 2], context[i - 1], context[i - 2]
    shape = "X" if word[:1].isupper() else ("x" if word[:1].islower() else "d")
    return [
        "b",
        "s " + w[-3:],
        "s2 " + w[-2:],
        "s1 " + w[-1:],
        "s4 " + w[-4:],
        "p " + w[:1],
        "p3 " + w[:3],
        "sh " + shape + (" i" if i == 2 else ""),
        "t " + prev,
        "t2 " + prev2,
        "tt " + prev + " " + prev2,
        "w " + w,
        "tw " + prev + " " + w,
        "pw " + pw,
        "ps " + pw[-3:],
        "pw2 " + pw2,
        "nw " + nxt,
        "ns " + nxt[-3:],
        "nw2 " + nxt2,
        "wn " + w + " " + nxt,
        "pww " + pw + " " + w,
        "lx " + lex,
        "lxt " + lex + " " + prev,
        "lxn " + lex + " " + lexclass(nxt),
    ]


class Model:
    """Fingerprint-sorted weights; ``scores`` adds the weights of a token's features."""

    def __init__(self, raw: bytes) -> None:
        if not raw.startswith(MAGIC):
            raise ValueError("not an mtfix tagger model")
        pos = len(MAGIC)
        (meta_len,) = struct.unpack_from("<I", raw, pos)
        pos += 4
        meta = json.loads(raw[pos : pos + meta_len].decode("utf-8"))
        pos += meta_len
        self.classes: list[str] = meta["classes"]
        self.tagdict: dict[str, str] = meta["tagdict"]
        self.scale: float = meta["scale"]
        n, m = meta["n_keys"], meta["n_weights"]
        self.keys = array("Q")
        self.keys.frombytes(raw[pos : pos + 8 * n])
        pos += 8 * n
        self.offsets = array("I")
        self.offsets.frombytes(raw[pos : pos + 4 * (n + 1)])
        pos += 4 * (n + 1)
        self.tags = array("B")
        self.tags.frombytes(raw[pos : pos + m])
        pos += m
        self.weights = array("h")
        self.weights.frombytes(raw[pos : pos + 2 * m])

    def scores(self, feats: Sequence[str]) -> list[float]:
        out = [0.0] * len(self.classes)
        keys, offsets, tags, weights = self.keys, self.offsets, self.tags, self.weights
        n = len(keys)
        for f in feats:
            fp = fingerprint(f)
            k = bisect_left(keys, fp)
            if k < n and keys[k] == fp:
                for j in range(offsets[k], offsets[k + 1]):
                    out[tags[j]] += weights[j]
        return out

    def tag_parts(self, parts: Sequence[str]) -> list[str]:
        context = [*START, *(normalise(p) for p in parts), *END]
        prev, prev2 = START
        out = []
        classes = self.classes
        for i, word in enumerate(parts):
            tag = self.tagdict.get(context[i + 2])
            if tag is None:
                s = self.scores(features(i + 2, word, context, prev, prev2))
                tag = classes[max(range(len(s)), key=s.__getitem__)]
            out.append(tag)
            prev2, prev = prev, tag
        return out


@lru_cache(maxsize=1)
def model() -> Model:
    raw = resources.files("mtfix").joinpath("data", "tagger-en.bin").read_bytes()
    return Model(raw)


def tag(tokens: Sequence[str]) -> list[str]:
    """One Penn Treebank tag per mtfix token (word or punctuation) of one sentence."""
    parts: list[str] = []
    owner: list[int] = []
    for k, t in enumerate(tokens):
        for p in split_token(t):
            parts.append(p)
            owner.append(k)
    tags = model().tag_parts(parts)
    out: list[list[str]] = [[] for _ in tokens]
    for k, (p, t) in enumerate(zip(parts, tags)):
        out[owner[k]].append((p, t))  # type: ignore[arg-type]
    result = []
    for tok, pairs in zip(tokens, out):
        if not pairs:
            result.append("NN")
            continue
        words = [(p, t) for p, t in pairs if p != "-"]
        if len(words) > 1 and _CLITIC.search(tok) and words[-1][0][:1] in "nN'’":
            head = words[-2][1] if len(words) > 1 else words[0][1]
            result.append(head + "+" + words[-1][1])
        else:
            result.append((words or pairs)[-1][1])
    return result
