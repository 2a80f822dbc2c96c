"""Offline quality model: English word statistics plus weights fitted on human judgements.

Two files under ``mtfix/data`` (built by ``benchmarks/fit_scorer.py``, loaded lazily, once):

* ``lm-en.bin``: unigram Zipf frequencies (wordfreq, CC BY-SA 4.0) and bigram log-probabilities
  (symspellpy's Google Books Ngram lists, MIT / CC BY 3.0) as sorted 64-bit key fingerprints with
  parallel value arrays. A look-up is a binary search (``bisect`` over an ``array``), so a run
  pays only for the words it looks up: nothing is decoded into a dict.
* ``fluency-weights.json``: a ridge regression of the human quality score, fitted on five
  language pairs of MLQE-PE and on MQM zh-en together (see ``mtfix/data/README.md``), on
  features that mean the same whatever the source language or the topic: language-model
  evidence, non-words, repetition, untranslated script, punctuation, the rules' own findings, and
  *class* n-grams in which every content word is replaced by its class (possible parts of speech
  and inflection from lemminflect's tables via ``mtfix.lexicon``, else its suffix; frequency
  band; capital), so no weight belongs to a topic word.

Pure Python at run time; this module sits below the checks and the scorer, so MT801 and
``mtfix.score`` share one model and one number.
"""
from __future__ import annotations

import json
import math
import re
import struct
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

# Word shape of mtfix.analysis (letters/digits with inner apostrophes and hyphens), or one mark.
TOKEN = re.compile(r"[^\W_](?:[\w’']*[^\W_])?(?:-[^\W_](?:[\w’']*[^\W_])?)*|[^\w\s]")
_BREAK = frozenset(',;:()"“”«»—–-[]!?.…')
_END = frozenset('.!?"\')”»…')
_OPEN_SENTENCE = frozenset('.!?:"“«')
MAGIC = b"MTFXLM2\n"

TEXT = ("lm_mean", "lm_min", "oov", "cap_unk", "unseen", "zipf_mean", "zipf_min", "zipf_lt3",
        "rep", "rep_bi", "ttr", "nonlatin", "punct", "endpunct", "startcap", "caps_mid",
        "lm_mean2", "zipf_mean2", "zipf_content", "func_share")
ISSUES = ("iss_error", "iss_warning", "iss_info")
SOURCE = ("len_low", "len_high", "num_missing", "num_extra", "marks_diff", "names_missing", "copy",
          "src_cov", "tgt_cov")
# Features that may be undefined (no word-translation table for the source's language): an
# absent one counts as the training average, so it neither rewards nor punishes.
OPTIONAL = frozenset({"src_cov", "tgt_cov"})
# Class n-grams enter as the mean of their weights (times this constant, so they sit on the dense
# features' scale): a sum or a sum over sqrt(n) would make the n-grams every sentence has
# ("<s>", ". </s>") a hidden length term.
GRAM_SCALE = 8.0

# Content-word classes by suffix (first match wins); a word's class also carries its frequency
# band. Function words (the model's most frequent words) stay themselves.
_SUFFIX = (("ing", "ING"), ("ed", "ED"), ("ly", "LY"), ("tion", "N"), ("sion", "N"), ("ment", "N"),
           ("ness", "N"), ("ity", "N"), ("ous", "ADJ"), ("ive", "ADJ"), ("able", "ADJ"),
           ("ible", "ADJ"), ("ful", "ADJ"), ("al", "ADJ"), ("ic", "ADJ"), ("er", "ER"), ("s", "S"))


# Contractions are register, not quality: the training MT (Wikipedia, news) hardly uses them, so
# read as themselves they would make every casual line (a TED talk, a chat) look broken. The
# model reads them expanded; "'s" only after a pronoun (elsewhere it is a possessive).
_PRONOUN_S = frozenset("it he she that there what who here where how let".split())
_CONTRACTED = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'d": "would"}
_IRREGULAR = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
              "ain't": ("is", "not"), "let's": ("let", "us")}


def tokens(text: str) -> list[str]:
    """The model's tokens of a text: words and marks, contractions expanded."""
    out: list[str] = []
    for t in TOKEN.findall(text):
        if "'" not in t and "’" not in t:
            out.append(t)
            continue
        low = t.lower().replace("’", "'")
        if low in _IRREGULAR:
            a, b = _IRREGULAR[low]
            out += [t[0] + a[1:] if t[0].isupper() else a, b]
            continue
        for end, full in _CONTRACTED.items():
            if low.endswith(end) and len(low) > len(end):
                out += [t[:len(t) - len(end)], full]
                break
        else:
            if low.endswith("'s") and low[:-2] in _PRONOUN_S:
                out += [t[:-2], "is"]
            else:
                out.append(t)
    return out


# Parts of speech of lemminflect's lemma tables (mtfix.lexicon) and the endings that mark an
# inflection, for the classes of words the tables know; the suffix classes serve the rest.
_POS = {"NOUN": "N", "VERB": "V", "ADJ": "J", "ADV": "R"}
_INFLECTION = (("ing", "ing"), ("ed", "ed"), ("ss", ""), ("s", "s"))


def fingerprint(key: str) -> int:
    """A 64-bit key for the tables: stable across runs and machines (``hash`` is salted)."""
    b = key.encode("utf-8")
    return zlib.crc32(b) | (zlib.adler32(b) << 32)


class Table:
    """Sorted fingerprints and their values; ``get`` is a binary search. The words of running
    text repeat (Zipf), so answers are remembered, up to a bound."""

    __slots__ = ("keys", "vals", "scale", "memo")
    MEMO = 50_000

    def __init__(self, keys: array, vals: array, scale: float) -> None:
        self.keys, self.vals, self.scale = keys, vals, scale
        self.memo: dict[str, float | None] = {}

    def get(self, key: str, default: float | None = None) -> float | None:
        try:
            v = self.memo[key]
        except KeyError:
            fp = fingerprint(key)
            i = bisect_left(self.keys, fp)
            v = self.vals[i] / self.scale if i < len(self.keys) and self.keys[i] == fp else None
            if len(self.memo) >= self.MEMO:
                self.memo.clear()
            self.memo[key] = v
        return default if v is None else v


@dataclass(frozen=True)
class LanguageModel:
    zipf: Table              # Zipf frequency (log10 per billion words) of a lower-cased word
    bi: Table                # natural log P(w2 | w1), key "w1 w2"
    function: frozenset[str]  # the most frequent words: kept as themselves in class n-grams
    backoff: float           # log weight of the unigram estimate for an unseen pair
    meta: Mapping[str, object]


def _data(name: str):
    return resources.files("mtfix").joinpath("data", name)


def pack(zipf: Mapping[str, float], bi: Mapping[str, float], meta: dict) -> bytes:
    """The ``lm-en.bin`` layout: magic, header length, JSON header, then four arrays."""
    def table(d: Mapping[str, float], scale: float, code: str) -> tuple[bytes, bytes]:
        items = sorted((fingerprint(k), round(v * scale)) for k, v in d.items())
        keys, vals, last = array("Q"), array(code), None
        for fp, v in items:
            if fp != last:  # a colliding pair keeps its first value
                keys.append(fp)
                vals.append(v)
            last = fp
        return keys.tobytes(), vals.tobytes()

    zk, zv = table(zipf, 100.0, "H")
    bk, bv = table(bi, 100.0, "h")
    header = dict(meta, sections=[["zipf", len(zk), len(zv)], ["bi", len(bk), len(bv)]])
    h = json.dumps(header, separators=(",", ":")).encode()
    return MAGIC + struct.pack("<I", len(h)) + h + zk + zv + bk + bv


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    blob = _data("lm-en.bin").read_bytes()
    if not blob.startswith(MAGIC):
        raise RuntimeError("mtfix/data/lm-en.bin is not an mtfix language-model table")
    (hlen,) = struct.unpack_from("<I", blob, len(MAGIC))
    pos = len(MAGIC) + 4
    header = json.loads(blob[pos:pos + hlen])
    pos += hlen
    tables = {}
    for name, nk, nv in header["sections"]:
        keys, vals = array("Q"), array("H" if name == "zipf" else "h")
        keys.frombytes(blob[pos:pos + nk])
        vals.frombytes(blob[pos + nk:pos + nk + nv])
        pos += nk + nv
        tables[name] = Table(keys, vals, 100.0)
    return LanguageModel(tables["zipf"], tables["bi"], frozenset(header["function"]),
                         header["backoff"], header)


@dataclass(frozen=True)
class Weights:
    grams: Mapping[str, float]
    names: tuple[str, ...]
    mu: tuple[float, ...]
    scale: tuple[float, ...]     # weight / standard deviation, folded together at fit time
    intercept: float
    # (name, mu, scale, value when absent) of the features base_score sums, in the same order:
    # worked out once, not for every sentence.
    dense: tuple[tuple[str, float, float, float], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "dense", tuple(
            (name, mu, sc, mu if name in OPTIONAL else 0.0)
            for name, mu, sc in zip(self.names, self.mu, self.scale) if name not in ISSUES))


@dataclass(frozen=True)
class Model:
    mono: Weights                # text only
    bi: Weights                  # with source-side evidence
    calib: tuple[float, float]   # value = 100 * sigmoid(a * raw + b)
    low_fluency: tuple[tuple[int, float], ...]  # MT801: (from n words, threshold on the 0-100 value)
    low_fluency_source: tuple[tuple[int, float], ...]  # the same for the model with source
    # The same two, per source language with train post-edits ({lang: (text only, with source)}):
    # the model's values sit lower on some sources' texts (ru-en MLQE-PE: literary and forum
    # sentences), so one pooled cut flagged their post-edits four times as often as others'.
    low_fluency_lang: Mapping[str, tuple[tuple[tuple[int, float], ...], tuple[tuple[int, float], ...]]]
    len_ratio: Mapping[str, float]     # expected log length ratio (target/source) per language
    script_ratio: Mapping[str, float]  # ... per source script, for languages not in len_ratio


@lru_cache(maxsize=1)
def model() -> Model:
    raw = json.loads(_data("fluency-weights.json").read_text(encoding="utf-8"))

    def w(d: dict) -> Weights:
        return Weights(d["grams"], tuple(d["names"]), tuple(d["mu"]), tuple(d["scale"]), d["intercept"])

    def bands(rows: list) -> tuple[tuple[int, float], ...]:
        return tuple((int(n), float(t)) for n, t in rows)

    per_lang = {lang: (bands(b["text"]), bands(b["source"]))
                for lang, b in raw.get("low_fluency_lang", {}).items()}
    return Model(w(raw["mono"]), w(raw["bi"]), tuple(raw["calib"]), bands(raw["low_fluency"]),
                 bands(raw["low_fluency_source"]), per_lang, raw["len_ratio"], raw["script_ratio"])


_FOREIGN = re.compile(r"(?=[^\W\d_])[^\x00-\u024f]")   # a letter beyond Latin Extended-B
_DIGIT = re.compile(r"\d")


def _foreign(tok: str) -> bool:
    return _FOREIGN.search(tok) is not None


def word_class(tok: str, first: bool, lm: LanguageModel | None = None) -> str:
    """What a class n-gram sees of one token: a mark, a function word, or a content word's shape."""
    if not tok[0].isalnum():
        return tok
    if _DIGIT.search(tok):
        return "<num>"
    if _foreign(tok):
        return "<foreign>"
    lm = lm or language_model()
    low = tok.lower().replace("’", "'")
    upper = tok[0].isupper()
    if low in lm.function and (first or not upper or low == "i"):
        return low
    z = lm.zipf.get(low)
    cap = upper and not first
    if z is None:
        return "<OOV>" if cap else "<oov>"
    if cap:
        return "<Cap>"
    band = "h" if z >= 4.5 else ("m" if z >= 3.0 else "l")
    from .lexicon import lemmas

    pos = lemmas(low)
    if pos:
        # The word's possible parts of speech and its inflection: "<NVsh>" (a frequent noun or
        # verb in -s). That is syntax ("the <V>", "<N> <N> <N>"), still no topic.
        sig = "".join(sorted(_POS.get(k, "X") for k in pos))
        infl = next((c for e, c in _INFLECTION if low.endswith(e)), "")
        return f"<{sig}{infl}{band}>"
    suf = next((c for s, c in _SUFFIX if low.endswith(s) and len(low) > len(s) + 2), "W")
    return f"<{suf}{band}>"


_CLASS_MEMO: dict[tuple[str, bool], str] = {}


def classes(text: str, toks: list[str] | None = None) -> list[str]:
    lm = language_model()
    if toks is None:
        toks = tokens(text)
    out = []
    for i, t in enumerate(toks):
        key = (t, i == 0 or toks[i - 1] in _OPEN_SENTENCE)
        c = _CLASS_MEMO.get(key)
        if c is None:
            if len(_CLASS_MEMO) >= Table.MEMO:
                _CLASS_MEMO.clear()
            c = _CLASS_MEMO[key] = word_class(t, key[1], lm)
        out.append(c)
    return out


def grams(text: str, toks: list[str] | None = None) -> set[str]:
    """Class unigrams to trigrams with sentence edges: the only n-gram features of the model.

    A sentence without a closing mark is read as if it had a full stop: nearly every training
    sentence ends with one, so its n-grams would otherwise decide the score of a title or a
    list item by their absence (a missing stop is judged by the ``endpunct`` feature alone)."""
    c = classes(text, toks)
    t = ["<s>", *c, *(() if c and c[-1] in _END else (".",)), "</s>"]
    pairs = [a + " " + b for a, b in zip(t, t[1:])]
    return {*t, *pairs, *(p + " " + c for p, c in zip(pairs, t[2:]))}


# What text_features needs of one token, whatever its sentence: its kind, and for a word its
# lower-cased form, Zipf frequency (None: unknown), capital and unigram log-probability. Running
# text repeats its words (Zipf), so each is worked out once (up to a bound), not at every use.
_MARK, _BREAK_MARK, _FOREIGN_TOKEN, _NUMBER, _WORD = range(5)
_TOKEN_INFO: dict[str, tuple] = {}
_LN10 = math.log(10)


def _token_info(t: str, zipf: Table) -> tuple:
    if not t[0].isalnum():
        info: tuple = (_BREAK_MARK if t in _BREAK else _MARK,)
    elif _foreign(t):
        info = (_FOREIGN_TOKEN,)
    elif _DIGIT.search(t):
        info = (_NUMBER,)
    else:
        w = t.lower().replace("’", "'")
        z = zipf.get(w)
        info = (_WORD, w, z, t[0].isupper(), None if z is None else (z - 9.0) * _LN10)
    if len(_TOKEN_INFO) >= Table.MEMO:
        _TOKEN_INFO.clear()
    _TOKEN_INFO[t] = info
    return info


def text_features(text: str, toks: list[str] | None = None) -> dict[str, float]:
    """Features of one sentence that mean the same in any domain; none grows with length."""
    lm = language_model()
    zipf, bi = lm.zipf, lm.bi
    bi_memo = bi.memo
    if toks is None:
        toks = tokens(text)
    words: list[str] = []
    oov = cap_unk = unseen = pairs = nonlatin = marks = caps_mid = 0
    lps: list[float] = []
    zs: list[float] = []
    prev: str | None = None
    prev_z = 0.0
    info_of = _TOKEN_INFO.get
    for i, t in enumerate(toks):
        info = info_of(t) or _token_info(t, zipf)
        kind = info[0]
        if kind != _WORD:
            if kind == _MARK:
                marks += 1
            elif kind == _BREAK_MARK:
                marks += 1
                prev = None  # a clause break: no bigram across it
            else:
                nonlatin += kind == _FOREIGN_TOKEN
                prev = None
            continue
        _, w, z, upper, u = info
        words.append(w)
        if upper and i > 0 and toks[i - 1] not in _OPEN_SENTENCE:
            caps_mid += 1
        if z is None:
            zs.append(0.0)
            if upper:
                cap_unk += 1   # most likely a name
                lps.append(-14.0)
            else:
                oov += 1       # a non-word or a rare form
                lps.append(-16.0)
            prev = None
            continue
        zs.append(z)
        if prev is None:
            lp = u
        else:
            pairs += 1
            key = prev + " " + w
            lp = bi_memo[key] if key in bi_memo else bi.get(key)
            if lp is None:
                lp = lm.backoff + u
                unseen += prev_z >= 4.0 and z >= 4.0
        lps.append(lp)
        prev, prev_z = w, z
    n = max(len(words), 1)
    rep = sum(1 for i, w in enumerate(words) if len(w) > 2 and w in words[max(0, i - 4):i])
    bigrams = list(zip(words, words[1:]))
    stripped = text.rstrip()
    lm_mean = sum(lps) / len(lps) if lps else 0.0
    zipf_mean = sum(zs) / n
    function = lm.function
    content = [z for w, z in zip(words, zs) if w not in function]
    # The squares let the linear model bend where fluency is already poor; the content words'
    # frequency and the share of function words say how plain the sentence is (plain sentences
    # are translated better in every pair), not what it is about.
    return {"lm_mean": lm_mean, "lm_min": min(lps, default=0.0),
            "oov": oov / n, "cap_unk": cap_unk / n, "unseen": unseen / max(pairs, 1),
            "zipf_mean": zipf_mean, "zipf_min": min(zs, default=0.0),
            "zipf_lt3": sum(z < 3.0 for z in zs) / n,
            "rep": rep / n, "rep_bi": (len(bigrams) - len(set(bigrams))) / max(len(bigrams), 1),
            "ttr": len(set(words)) / n, "nonlatin": nonlatin / max(len(toks), 1),
            # the closing mark is judged by endpunct alone: a full stop must not cost
            "punct": (marks - (toks[-1] in _END if toks else 0)) / max(len(toks), 1),
            "endpunct": float(stripped[-1:] in _END) if stripped else 0.0,
            "startcap": float(text.lstrip()[:1].isupper()), "caps_mid": caps_mid / n,
            "lm_mean2": lm_mean * lm_mean, "zipf_mean2": zipf_mean * zipf_mean,
            "zipf_content": sum(content) / len(content) if content else 0.0,
            "func_share": (n - len(content)) / n if words else 0.0}


def features(text: str, extra: Mapping[str, float] | None = None, source: str | None = None,
             source_lang: str | None = None, expected: float | None = None,
             toks: list[str] | None = None) -> dict[str, float]:
    feats = text_features(text, toks)
    if extra:
        feats.update(extra)
    if source:
        from .lm_source import source_features

        feats.update(source_features(text, source, source_lang, expected))
    return feats


def raw_score(text: str, extra: Mapping[str, float] | None = None, source: str | None = None,
              source_lang: str | None = None) -> float:
    """The fitted predictor of the standardised human score for one sentence (higher = better)."""
    return base_score(text, source, source_lang) + issue_term(extra or {}, bool(source))


# Kept for the last few sentences: MT801, MT802's word model and the score each ask for the base
# of the same sentence and source in one check, and it is the costliest part of all three.
@lru_cache(maxsize=32)
def base_score(text: str, source: str | None = None, source_lang: str | None = None) -> float:
    """``raw_score`` without the rules' issues: the model is linear, so the issue term adds on
    (MT801 and the score share the base and differ only in which issues they count)."""
    m = model()
    w = m.bi if source else m.mono
    toks = tokens(text)      # once for the features and the class n-grams
    feats = features(text, None, source, source_lang, toks=toks)
    weights = w.grams
    hit = [weights[g] for g in grams(text, toks) if g in weights]
    total = w.intercept
    if hit:
        # fsum: exact, so the value does not depend on the set's iteration order (string hashes
        # differ between processes; a plain sum differed in the last bits from run to run)
        total += GRAM_SCALE * math.fsum(hit) / len(hit)
    get = feats.get
    for name, mu, sc, absent in w.dense:
        total += (get(name, absent) - mu) * sc
    return total


def issue_term(extra: Mapping[str, float], with_source: bool) -> float:
    w = model().bi if with_source else model().mono
    return sum((extra.get(name, 0.0) - mu) * sc
               for name, mu, sc in zip(w.names, w.mu, w.scale) if name in ISSUES)


def low_fluency(n_words: int, with_source: bool = False, lang: str | None = None) -> float:
    """MT801's threshold for a sentence of ``n_words`` words: the value below which a fixed share
    of human post-edits of that length fall (short sentences vary more, so one global cut would
    flag short clean ones), for the model with or without the source; the post-edits of the
    source language ``lang`` where the training data has them, else those of every language."""
    m = model()
    own = m.low_fluency_lang.get(lang) if lang else None
    if own is not None:
        table = own[1] if with_source else own[0]
    else:
        table = m.low_fluency_source if with_source else m.low_fluency
    out = 0.0
    for start, threshold in table:
        if n_words >= start:
            out = threshold
    return out


def calibrate(raw: float) -> float:
    a, b = model().calib
    return 100.0 / (1.0 + math.exp(-(a * raw + b)))


def pair_logp(w1: str | None, w2: str) -> float:
    """ln P(w2 | w1) from the pair table, backing off to w2's unigram estimate (``w1`` None: the
    unigram estimate alone). Lower-cased words; for ranking candidate edits in context."""
    lm = language_model()
    if w1 is not None:
        v = lm.bi.get(w1 + " " + w2)
        if v is not None:
            return v
    z = lm.zipf.get(w2)
    u = (z - 9.0) * _LN10 if z else -16.0
    return u if w1 is None else lm.backoff + u
