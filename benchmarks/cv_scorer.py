"""Cross-validation report of the quality scorer: does the fit transfer to MT it never saw?

    python benchmarks/cv_scorer.py                              # the shipped settings
    python benchmarks/cv_scorer.py --ridge 10,30,100 --pair-weight 0.5,0.7,1

For each setting, with the fit of benchmarks/fit_scorer.py (train splits only):
- leave one pair out: fit on the other four MLQE-PE pairs' train and MQM news20, then Pearson with
  DA on the left-out pair's dev split and the share of its dev pairs (HTER >= 0.2) where the
  post-edit outscores its MT; once without and once with the source;
- MLQE -> MQM: fit on the five pairs only, Pearson on MQM news20 with the penalty per word and
  with the raw segment score (the other domain and source language);
- MQM doc halves: fit on the five pairs and half of the MQM documents, test on the other half
  (each half in turn, the two Pearsons averaged), once without and once with the source.
Settings are chosen by the mean of these, not by one pair's dev number. Needs NumPy and SciPy.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import fit_scorer as fs  # noqa: E402
from benchmarks._data import PAIRS, load_mqm, pearson  # noqa: E402


def pe_beats(f, s) -> float:
    mt, pe = f.predict(s), f.predict(s, True)
    ch = s.hter >= 0.2
    return float(np.mean(pe[ch] > mt[ch]) + 0.5 * np.mean(pe[ch] == mt[ch]))


def report(train, dev, mqm_all, halves, ridge, pw, mw, min_count) -> dict:
    out = {}
    for s in (mqm_all, *halves):
        s.weight = mw
    for with_source in (False, True):
        tag = "src" if with_source else "txt"
        for p in PAIRS:
            tr = [s for s in train if s.lang != p] + [mqm_all]
            f = fs.fit(tr, with_source, ridge, pw, min_count)
            d = dev[p]
            out[f"{tag}_{p}"] = pearson(list(f.predict(d)), list(d.y))
            out[f"{tag}_{p}_pw"] = pe_beats(f, d)
    f = fs.fit(train, False, ridge, pw, min_count)
    pred = list(f.predict(mqm_all))
    out["mqm_per_word"] = pearson(pred, list(mqm_all.y))
    out["mqm_raw"] = pearson(pred, list(mqm_all.raw))
    for with_source in (False, True):
        tag = "_src" if with_source else ""
        per_word, raw = [], []
        for fit_on, test in (halves, halves[::-1]):
            f = fs.fit(train + [fit_on], with_source, ridge, pw, min_count)
            pred = list(f.predict(test))
            per_word.append(pearson(pred, list(test.y)))
            raw.append(pearson(pred, list(test.raw)))
        out[f"mqm_half_per_word{tag}"] = float(np.mean(per_word))
        out[f"mqm_half_raw{tag}"] = float(np.mean(raw))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ridge", default=str(fs.RIDGE))
    ap.add_argument("--pair-weight", default=str(fs.PAIR_WEIGHT))
    ap.add_argument("--mqm-weight", default=str(fs.MQM_WEIGHT))
    ap.add_argument("--min-count", type=int, default=fs.MIN_COUNT)
    a = ap.parse_args()
    train = [fs.with_issues(fs.mlqe(p, "train")) for p in PAIRS]
    dev = {p: fs.with_issues(fs.mlqe(p, "dev")) for p in PAIRS}
    mqm_all = fs.with_issues(fs.mqm())
    fs.length_ratios(train + [mqm_all])   # before any feature is computed
    docs = sorted({s["doc"] for s in load_mqm()})
    halves = (fs.with_issues(fs.mqm(set(docs[::2]))), fs.with_issues(fs.mqm(set(docs[1::2]))))
    print(f"{'ridge':>6}{'pw':>5}{'mw':>5}  " + "".join(f"{p:>12}" for p in PAIRS)
          + "   mean   +src   pe>mt  mqm/w  mqm  half/w half +src/w +src")
    last = {}
    settings = [(r, p, m) for r in map(float, a.ridge.split(",")) for p in map(float, a.pair_weight.split(","))
                for m in map(float, a.mqm_weight.split(","))]
    for ridge, pw, mw in settings:
        r = report(train, dev, mqm_all, halves, ridge, pw, mw, a.min_count)
        mean = np.mean([r[f"txt_{p}"] for p in PAIRS])
        mean_src = np.mean([r[f"src_{p}"] for p in PAIRS])
        mean_pw = np.mean([r[f"txt_{p}_pw"] for p in PAIRS])
        print(f"{ridge:6.0f}{pw:5.1f}{mw:5.1f}  " + "".join(f"{r[f'txt_{p}']:6.3f}/{r[f'src_{p}']:.3f}" for p in PAIRS)
              + f"  {mean:.3f}  {mean_src:.3f}  {mean_pw:.3f}  {r['mqm_per_word']:.3f}  {r['mqm_raw']:.3f}"
              f"  {r['mqm_half_per_word']:.3f}  {r['mqm_half_raw']:.3f}"
              f"  {r['mqm_half_per_word_src']:.3f}  {r['mqm_half_raw_src']:.3f}", flush=True)
        last = dict(ridge=ridge, pair_weight=pw, mqm_weight=mw, lopo_mean=mean, lopo_mean_src=mean_src,
                    lopo_pe_beats_mt=mean_pw, **{f"lopo_{p}": r[f"txt_{p}"] for p in PAIRS},
                    **{f"lopo_src_{p}": r[f"src_{p}"] for p in PAIRS},
                    mqm_transfer_per_word=r["mqm_per_word"], mqm_transfer_raw=r["mqm_raw"],
                    mqm_half_per_word=r["mqm_half_per_word"], mqm_half_raw=r["mqm_half_raw"],
                    mqm_half_per_word_src=r["mqm_half_per_word_src"], mqm_half_raw_src=r["mqm_half_raw_src"])
    print("RESULT " + " ".join(f"{k}={v:.4f}" for k, v in last.items()))


if __name__ == "__main__":
    main()
