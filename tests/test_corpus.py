"""Corpora (issue 24): TSV, JSONL and TMX read as streams (gzip too), malformed records reported
and skipped, `mtfix check/fix` on them, `score --format jsonl|tsv`, `filter`, and `--jobs`."""
from __future__ import annotations

import gzip
import json

import pytest

import mtfix.corpus as corpus
from mtfix.cli import main
from mtfix.corpus import iter_records
from mtfix.formats import InputError

# The shapes of the TMX 1.4b specification's example (DOCTYPE, header attributes, <prop>, tuid,
# usagecount) plus inline codes, a <tu> without its target and one with two targets.
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="XYZTool" creationtoolversion="1.01-023" datatype="PlainText"
    segtype="sentence" adminlang="en-us" srclang="ru" o-tmf="ABCTransMem"/>
  <body>
    <tu tuid="0001" datatype="Text" usagecount="2">
      <prop type="x-Domain">Computing</prop>
      <tuv xml:lang="ru"><seg>Данные были сохранены.</seg></tuv>
      <tuv xml:lang="en-US"><seg>The data was saved .</seg></tuv>
    </tu>
    <tu tuid="0002">
      <tuv xml:lang="ru"><seg>Нажмите <bpt i="1" x="1">&lt;B></bpt>здесь<ept i="1">&lt;/B></ept> &amp; сейчас</seg></tuv>
      <tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;B></bpt>here<ept i="1">&lt;/B></ept> &amp; now .</seg></tuv>
    </tu>
    <tu tuid="0003">
      <tuv xml:lang="ru"><seg>Только источник</seg></tuv>
    </tu>
    <tu tuid="0004">
      <tuv xml:lang="ru"><seg>Ещё</seg></tuv>
      <tuv xml:lang="en"><seg>Once more <it pos="begin" x="3">&lt;i></it>time</seg></tuv>
      <tuv xml:lang="de"><seg>Noch einmal</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def _records(path, **kw):
    errors: list[str] = []
    return list(iter_records(str(path), on_error=errors.append, **kw)), errors


@pytest.fixture
def tmx(tmp_path):
    p = tmp_path / "mem.tmx"
    p.write_text(TMX, encoding="utf-8")
    return p


def test_tmx_records_streamed_in_small_chunks(tmx, monkeypatch):
    monkeypatch.setattr(corpus, "CHUNK", 7)     # every tag cut across reads
    recs, errors = _records(tmx)
    assert [(r.id, r.target) for r in recs] == [
        ("0001", "The data was saved ."),
        ("0002", 'Click <bpt i="1" x="1">&lt;B></bpt>here<ept i="1">&lt;/B></ept> &amp; now .')]
    assert recs[0].source == "Данные были сохранены." and recs[0].source_lang == "ru" and recs[0].target_lang == "en"
    assert recs[0].location.line == 7
    assert recs[1].raw.startswith(b'<tu tuid="0002">') and recs[1].raw.endswith(b"</tu>")
    protected = [recs[1].target[s:e] for s, e in recs[1].protected]
    assert '<bpt i="1" x="1">&lt;B></bpt>' in protected and "&amp;" in protected
    assert errors == [f"{tmx}: record 3 (line 16): <tu> has no target <tuv> (found: ru)",
                      f"{tmx}: record 4 (line 19): <tu> has several target languages (en, de): "
                      "choose one with --target-lang"]


def test_tmx_target_lang_chooses(tmx):
    recs, _ = _records(tmx, target_lang="de")
    assert [(r.id, r.target, r.target_lang) for r in recs] == [("0004", "Noch einmal", "de")]


def test_tmx_entities_refused(tmp_path):
    p = tmp_path / "bomb.tmx"
    p.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
                 '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg>'
                 '</tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(InputError, match=r"unsafe XML rejected: entity declaration 'a' is not allowed"):
        _records(p)


def test_gzip_read_transparently(tmp_path, tmx):
    gz = tmp_path / "mem.tmx.gz"
    gz.write_bytes(gzip.compress(tmx.read_bytes()))
    assert [r.target for r in _records(gz)[0]] == [r.target for r in _records(tmx)[0]]
    tsv = tmp_path / "c.tsv.gz"
    tsv.write_bytes(gzip.compress("Привет\tHello .\tg1\n".encode()))
    assert [(r.id, r.source, r.target) for r in _records(tsv)[0]] == [("g1", "Привет", "Hello .")]


def test_malformed_lines_reported_and_skipped(tmp_path):
    tsv = tmp_path / "c.tsv"
    tsv.write_text("a\tOne .\nno tab\nb\tTwo\n", encoding="utf-8")
    recs, errors = _records(tsv)
    assert [(r.index, r.id, r.target) for r in recs] == [(0, "1", "One ."), (2, "3", "Two")]
    assert errors == [f"{tsv}: record 2: line has no tab (expected source<TAB>target)"]
    jl = tmp_path / "c.jsonl"
    jl.write_text('{"source": "a", "target": "One", "id": 7}\n{oops\n{"source": "b"}\n', encoding="utf-8")
    recs, errors = _records(jl)
    assert [r.id for r in recs] == ["7"]
    assert errors == [f"{jl}: record 2: invalid JSON (Expecting property name enclosed in double quotes)",
                      f"{jl}: record 3: no 'target' string"]


def test_check_and_fix_write_tmx_change_only_the_fixed_characters(tmx, capsys):
    before = tmx.read_bytes()
    assert main(["check", "--select", "MT301", str(tmx)]) == 2    # issues, and records skipped as malformed
    out = capsys.readouterr()
    assert f"{tmx}:10:" in out.out and "MT301" in out.out
    assert "record 3 (line 16): <tu> has no target" in out.err
    assert main(["fix", "--write", "--select", "MT301", str(tmx)]) == 2     # fixed, and records skipped
    after = tmx.read_bytes()
    assert after == before.replace(b"was saved .</seg>", b"was saved.</seg>").replace(
        b"&amp; now .</seg>", b"&amp; now.</seg>")


@pytest.mark.parametrize("name,text,fixed", [
    ("c.tsv", "Да\tThe data was saved .\tx1\nно\tFine.\n", "Да\tThe data was saved.\tx1\nно\tFine.\n"),
    ("c.jsonl", '{"source": "Да", "target": "He said \\"hi\\" ."}\n',
     '{"source": "Да", "target": "He said \\"hi\\"."}\n'),
])
def test_fix_write_tsv_jsonl(tmp_path, name, text, fixed):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    assert main(["fix", "--write", "--select", "MT301", str(p)]) == 0
    assert p.read_text(encoding="utf-8") == fixed


SENTENCES = ["The data was saved .", "He go to the the school every day.", "This is a perfectly fine sentence.",
             "The results , however, were not published.", "We has discussed it in the Ministry of Finance."]


def _corpus(tmp_path, n=40, name="big.tsv", bad_every=0):
    lines = []
    for k in range(n):
        if bad_every and k % bad_every == bad_every - 1:
            lines.append(f"broken line {k}")
        else:
            lines.append(f"источник\t{SENTENCES[k % len(SENTENCES)]}\tid{k}")
    p = tmp_path / name
    data = ("\n".join(lines) + "\n").encode()
    p.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return p


def test_score_jsonl_one_line_per_segment_in_order(tmp_path, capsys):
    p = _corpus(tmp_path, n=6, bad_every=4)
    assert main(["score", "--format", "jsonl", "--jobs", "1", str(p)]) == 2
    out = capsys.readouterr()
    rows = [json.loads(line) for line in out.out.splitlines()]
    assert [r["id"] for r in rows] == ["id0", "id1", "id2", "id4", "id5"]
    assert "MT304" in rows[1]["issues"] and rows[2]["issues"] == []
    assert all(0 <= r["score"] <= 100 for r in rows) and rows[2]["score"] > rows[1]["score"]
    assert out.err.splitlines() == [f"mtfix: error: {p}: record 4: line has no tab (expected source<TAB>target)",
                                    "mtfix: 5 segments scored, 1 malformed"]


def test_filter_keeps_passing_segments_in_the_input_format(tmp_path, capsys):
    p = _corpus(tmp_path, n=10, name="c.tsv.gz")
    assert main(["score", "--format", "tsv", "--jobs", "1", str(p)]) == 0
    scores = {}
    for line in capsys.readouterr().out.splitlines():
        ident, value, codes = line.split("\t")
        scores[ident] = (float(value), [c for c in codes.split(",") if c])
    kept_path, rej_path = tmp_path / "kept.tsv.gz", tmp_path / "rej.tsv"
    assert main(["filter", "--min-score", "40", "--max-issues", "0", "--jobs", "1", str(p),
                 "-o", str(kept_path), "--rejected", str(rej_path)]) == 0
    err = capsys.readouterr().err
    want_kept = [k for k, (v, c) in scores.items() if v >= 40 and not c]
    lines = gzip.decompress(p.read_bytes()).decode().splitlines()
    kept = gzip.decompress(kept_path.read_bytes()).decode().splitlines()
    rejected = rej_path.read_text(encoding="utf-8").splitlines()
    assert [l.split("\t")[2] for l in kept] == want_kept and 0 < len(kept) < 10
    assert sorted(kept + rejected, key=lines.index) == lines      # every line, unchanged, once
    n_score = sum(v < 40 for v, _ in scores.values())
    n_issues = sum(v >= 40 and bool(c) for v, c in scores.values())
    why = ", ".join(x for x in (f"{n_score} with a score below 40" if n_score else "",
                                f"{n_issues} with more than 0 issues" if n_issues else "") if x)
    assert err.splitlines()[-1] == f"mtfix: 10 segments read: {len(kept)} kept, {10 - len(kept)} rejected ({why}), 0 malformed"


def test_filter_tmx_writes_tmx(tmx, tmp_path, capsys):
    out = tmp_path / "kept.tmx"
    assert main(["filter", "--min-score", "0", str(tmx), "-o", str(out)]) == 2     # one <tu> lacks its target
    kept = list(iter_records(str(out), on_error=pytest.fail))
    assert [r.id for r in kept] == ["0001", "0002"]
    assert out.read_bytes().startswith(TMX.split("<tu ")[0].encode())


def test_filter_bad_xml_leaves_no_output(tmp_path, capsys):
    p = tmp_path / "bad.tmx"
    p.write_text(TMX.replace("</tu>\n    <tu tuid=\"0003\">", "</tx>"), encoding="utf-8")
    out = tmp_path / "kept.tmx"
    assert main(["filter", "--min-score", "0", str(p), "-o", str(out)]) == 2
    assert "not well-formed XML (mismatched tag at line 15)" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "kept.tmx.part").exists()


def test_jobs_2_output_identical_to_jobs_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(corpus, "RECORDS_PER_CHUNK", 4)    # 40 segments: 10 chunks over the pool
    p = _corpus(tmp_path, n=40, bad_every=13)
    outputs = []
    for jobs in ("1", "2"):
        assert main(["score", "--format", "jsonl", "--jobs", jobs, str(p)]) == 2
        outputs.append(capsys.readouterr())
    assert outputs[0].out == outputs[1].out and outputs[0].err == outputs[1].err
    assert len(outputs[0].out.splitlines()) == 37


def test_engine_dask_on_a_real_local_cluster_same_output(tmp_path, capsys, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    monkeypatch.setattr(corpus, "RECORDS_PER_CHUNK", 4)
    p = _corpus(tmp_path, n=30, name="c.tsv", bad_every=11)
    assert main(["score", "--format", "jsonl", "--jobs", "1", str(p)]) == 2
    want = capsys.readouterr()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert main(["score", "--format", "jsonl", "--engine", "dask", "--scheduler",
                     cluster.scheduler_address, str(p)]) == 2
    got = capsys.readouterr()
    assert got.out == want.out and got.err == want.err and len(got.out.splitlines()) == 28
    # No --scheduler: a local cluster of --jobs workers, started and stopped by the run.
    kept = tmp_path / "kept.tsv"
    assert main(["filter", "--min-score", "40", "--engine", "dask", "--jobs", "2", str(p), "-o", str(kept)]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith("2 malformed")
    assert kept.read_text(encoding="utf-8").splitlines() == [
        line for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("источник") and json.loads(
            next(l for l in want.out.splitlines() if json.loads(l)["id"] == line.split("\t")[2]))["score"] >= 40]


def test_engine_dask_missing_is_one_line(tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)     # as if not installed
    p = _corpus(tmp_path, n=3)
    assert main(["score", "--format", "tsv", "--engine", "dask", str(p)]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err == "mtfix: error: --engine dask needs Dask: pip install 'mtfix[dask]' (dask[distributed])\n"


def test_progress_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    import sys

    import mtfix.cli_corpus as cli_corpus

    p = _corpus(tmp_path, n=8, bad_every=5)
    monkeypatch.setattr(cli_corpus, "PROGRESS_DELAY", 0)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["score", "--format", "tsv", "--jobs", "1", str(p)]) == 2
    err = capsys.readouterr().err
    assert "segments" in err and "\r" in err        # a bar, redrawn in place
    assert f"mtfix: error: {p}: record 5: line has no tab (expected source<TAB>target)\n" in err
    assert err.endswith("mtfix: 7 segments scored, 1 malformed\n")
    assert main(["score", "--format", "tsv", "--jobs", "1", "--quiet", str(p)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"mtfix: error: {p}: record 5: line has no tab (expected source<TAB>target)",
        "mtfix: 7 segments scored, 1 malformed"]


def test_jsonl_field_names(tmp_path, capsys):
    p = tmp_path / "mlqe.jsonl"      # the shape of the MLQE-PE files: src, mt, id
    p.write_text('{"id": "train-0", "src": "Он пошёл в школу.", "mt": "He go to the the school ."}\n', encoding="utf-8")
    assert main(["score", "--format", "jsonl", "--jsonl-fields", "src,mt", "--source-lang", "ru", str(p)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["id"] == "train-0" and "MT304" in row["issues"]
    assert main(["score", "--format", "jsonl", str(p)]) == 2
    assert f"mtfix: error: {p}: record 1: no 'target' string" in capsys.readouterr().err
    assert main(["score", "--format", "jsonl", "--jsonl-fields", "src", str(p)]) == 2
    assert capsys.readouterr().err == "mtfix: error: --jsonl-fields 'src': give SOURCE,TARGET or SOURCE,TARGET,ID\n"


def test_moses_parallel_files(tmp_path, capsys):
    src, tgt = tmp_path / "corpus.ru", tmp_path / "corpus.en.gz"
    src.write_text("Он пошёл.\nДанные.\nЛишняя строка.\n", encoding="utf-8")
    tgt.write_bytes(gzip.compress("He go to the the school .\nThe data was saved.\n".encode()))
    assert main(["score", "--format", "tsv", "--source", str(src), "--source-lang", "ru", str(tgt)]) == 2
    out = capsys.readouterr()
    rows = [line.split("\t") for line in out.out.splitlines()]
    assert [r[0] for r in rows] == ["1", "2"] and "MT304" in rows[0][2]
    assert out.err.splitlines() == [
        f"mtfix: error: {src}: record 3: has more lines than {tgt} (2): the files are not parallel",
        "mtfix: 2 segments scored, 1 malformed"]


def test_engine_dask_against_a_running_scheduler(tmp_path, capsys, monkeypatch):
    """A scheduler and workers started as processes (.ci/run starts them on loopback)."""
    import os

    addr = os.environ.get("MTFIX_DASK_SCHEDULER")
    if not addr:
        if os.environ.get("MTFIX_REQUIRE_DASK"):
            pytest.fail("MTFIX_REQUIRE_DASK is set but MTFIX_DASK_SCHEDULER is not")
        pytest.skip("no Dask scheduler (set MTFIX_DASK_SCHEDULER=tcp://HOST:PORT)")
    distributed = pytest.importorskip("dask.distributed")
    with distributed.Client(addr, timeout="30s") as client:
        client.wait_for_workers(1, timeout=60)
    monkeypatch.setattr(corpus, "RECORDS_PER_CHUNK", 4)
    p = _corpus(tmp_path, n=20, bad_every=7)
    assert main(["score", "--format", "jsonl", "--jobs", "1", str(p)]) == 2
    want = capsys.readouterr()
    assert main(["score", "--format", "jsonl", "--engine", "dask", "--scheduler", addr, str(p)]) == 2
    got = capsys.readouterr()
    assert got.out == want.out and got.err == want.err and len(got.out.splitlines()) == 18
