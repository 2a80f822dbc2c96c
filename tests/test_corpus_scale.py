"""Corpora at scale (issue 24): the workers read an uncompressed TSV/JSONL themselves by byte
blocks, `score --output-dir` writes numbered part files, a TSV header line, and a Dask worker
killed mid-run costs a retry, not the run (real LocalCluster, real worker processes)."""
from __future__ import annotations

import gzip
import json
import os
import signal
import threading
import time

import pytest

import mtfix.corpus as corpus
import mtfix.corpus_blocks as blocks
from mtfix.cli import main

SENTENCES = ["The data was saved .", "He go to the the school every day.", "This is a perfectly fine sentence.",
             "The results , however, were not published.", "We has discussed it in the Ministry of Finance."]


def _tsv(tmp_path, n, name="c.tsv", header=False, bad_every=0, crlf=False):
    end = "\r\n" if crlf else "\n"
    lines = ["source\ttarget\tid"] if header else []
    for k in range(n):
        lines.append(f"broken line {k}" if bad_every and k % bad_every == bad_every - 1
                     else f"источник {k}\t{SENTENCES[k % len(SENTENCES)]}\tid{k}")
    p = tmp_path / name
    p.write_bytes(end.join(lines).encode() + (b"" if n % 2 else end.encode()))   # odd n: no final newline
    return p


def _parts(folder) -> bytes:
    return b"".join((folder / name).read_bytes() for name in sorted(os.listdir(folder)))


def _run(args, capsys):
    rc = main(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.mark.parametrize("size", [1, 7, 64, 1000, 1 << 20])
@pytest.mark.parametrize("crlf", [False, True])
def test_output_dir_parts_are_the_one_file_output_whatever_the_block_size(tmp_path, capsys, monkeypatch, size, crlf):
    p = _tsv(tmp_path, 23, bad_every=6, crlf=crlf)
    rc, want, want_err = _run(["score", "--format", "tsv", "--jobs", "1", str(p)], capsys)
    assert rc == 2 and len(want.splitlines()) == 20
    monkeypatch.setattr(blocks, "BLOCK_BYTES", size)
    out = tmp_path / "out"
    rc, stdout, err = _run(["score", "--format", "tsv", "--jobs", "2", "--output-dir", str(out), str(p)], capsys)
    assert rc == 2 and stdout == ""
    assert _parts(out).decode() == want and err == want_err      # the same records, messages and summary
    names = sorted(os.listdir(out))
    assert names[0] == "part-00000.tsv" and all(n.startswith("part-") and n.endswith(".tsv") for n in names)


def test_output_dir_refuses_a_folder_with_parts(tmp_path, capsys):
    p = _tsv(tmp_path, 4)
    out = tmp_path / "out"
    assert _run(["score", "--format", "jsonl", "--output-dir", str(out), str(p)], capsys)[0] == 0
    rc, _, err = _run(["score", "--format", "jsonl", "--output-dir", str(out), str(p)], capsys)
    assert rc == 2 and err == f"mtfix: error: {out}: already holds part files; give an empty or new folder\n"
    rc, _, err = _run(["score", "--output-dir", str(tmp_path / "o3"), str(p)], capsys)
    assert rc == 2 and err == "mtfix: error: --output-dir writes a corpus's scores: give --format jsonl or tsv\n"


def test_tsv_header_is_not_a_segment(tmp_path, capsys):
    p = _tsv(tmp_path, 4, header=True)
    rc, out, err = _run(["score", "--format", "tsv", "--jobs", "1", str(p)], capsys)
    assert rc == 0 and out.splitlines()[0].startswith("id\t")   # without --header: one more segment
    assert err == "mtfix: 5 segments scored, 0 malformed\n"
    rc, out, err = _run(["score", "--format", "tsv", "--header", "--jobs", "1", str(p)], capsys)
    assert rc == 0 and [line.split("\t")[0] for line in out.splitlines()] == ["id0", "id1", "id2", "id3"]
    kept = tmp_path / "kept.tsv"
    assert _run(["filter", "--header", "--min-score", "0", str(p), "-o", str(kept)], capsys)[0] == 0
    assert kept.read_text(encoding="utf-8") == p.read_text(encoding="utf-8")   # the header kept too


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _tmx(tmp_path, n=12):
    """The TMX 1.4b spec's shapes (test_corpus.TMX: a header with srclang, inline codes, a <tu>
    without its target, one with two targets) repeated ``n`` times, each <tu> its own tuid."""
    from test_corpus import TMX

    head, rest = TMX.split("<body>\n")
    body, tail = rest.split("  </body>")
    units = "".join(body.replace('tuid="000', f'tuid="{k}-') for k in range(n))
    p = tmp_path / "mem.tmx"
    p.write_text(f"{head}<body>\n<!-- a comment -->\n{units}  </body>{tail}", encoding="utf-8")
    return p


@pytest.mark.parametrize("size", [1, 50, 700, 1 << 20])
def test_tmx_read_by_blocks_gives_the_one_file_output(tmp_path, capsys, monkeypatch, size):
    p = _tmx(tmp_path)
    rc, want, want_err = _run(["score", "--format", "jsonl", "--jobs", "1", str(p)], capsys)
    assert rc == 2 and len(want.splitlines()) == 24 and want_err.count("record ") == 24
    assert f"{p}: record 48 (line " in want_err       # numbered across the whole file
    monkeypatch.setattr(blocks, "BLOCK_BYTES", size)
    out = tmp_path / "out"
    rc, _, err = _run(["score", "--format", "jsonl", "--jobs", "2", "--output-dir", str(out), str(p)], capsys)
    assert rc == 2 and _parts(out).decode() == want and err == want_err


def test_tmx_with_entities_refused_before_any_block(tmp_path, capsys):
    p = tmp_path / "bomb.tmx"
    p.write_text('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"><header srclang="ru"/>'
                 '<body><tu><tuv xml:lang="ru"><seg>&a;</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu>'
                 '</body></tmx>', encoding="utf-8")
    rc, out, err = _run(["score", "--format", "jsonl", "--output-dir", str(tmp_path / "o"), str(p)], capsys)
    assert rc == 2 and out == "" and err == (f"mtfix: error: {p}: unsafe XML rejected: entity declaration 'a' "
                                             "is not allowed (entity expansion or external entity)\n")
    assert not (tmp_path / "o").exists()


def test_dask_workers_read_the_corpus_themselves(tmp_path, capsys, monkeypatch, cluster):
    p = _tsv(tmp_path, 30, bad_every=11)
    rc, want, want_err = _run(["score", "--format", "jsonl", "--jobs", "1", str(p)], capsys)
    t = _tmx(tmp_path, 3)
    rc_t, want_t, want_t_err = _run(["score", "--format", "jsonl", "--jobs", "1", str(t)], capsys)

    def refuse(*args, **kwargs):
        raise AssertionError("the client read a record")

    # The workers are separate (spawned) processes: only the client loses its readers.
    monkeypatch.setattr(corpus, "open_binary", refuse)
    monkeypatch.setattr(blocks, "block_lines", refuse)
    monkeypatch.setattr(blocks, "tmx_block_records", refuse)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 200)
    for where, (rc1, want1, err1) in [(str(p), (rc, want, want_err)), (p.as_uri(), (rc, want, want_err)),
                                      (str(t), (rc_t, want_t, want_t_err))]:
        # a local path, the same file as an fsspec URL, and a TMX (its header read by the client)
        rc2, got, err = _run(["score", "--format", "jsonl", "--engine", "dask", "--scheduler",
                              cluster.scheduler_address, where], capsys)
        assert rc2 == rc1 == 2 and got == want1
        assert err == err1.replace(str(p), where)


@pytest.mark.parametrize("gz", [False, True])
def test_dask_worker_killed_mid_run_output_complete_and_identical(tmp_path, capsys, monkeypatch, cluster, gz):
    from dask.distributed import Client

    p = _tsv(tmp_path, 600)
    if gz:      # each task decompresses the stream from its start: a retried one too
        p = p.with_suffix(".tsv.gz")
        p.write_bytes(gzip.compress((tmp_path / "c.tsv").read_bytes()))
    rc, want, _ = _run(["score", "--format", "jsonl", "--jobs", "1", str(p)], capsys)
    assert rc == 0
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 1000)       # ~25 records a task: ~40 tasks
    out = tmp_path / "out"
    with Client(cluster.scheduler_address) as client:
        before = client.run(os.getpid)
    killed: list[tuple[int, int]] = []

    def kill_one_when_the_first_part_is_written() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = [n for n in (os.listdir(out) if out.exists() else []) if n.endswith(".jsonl")]
            if done:
                pid = sorted(before.values())[0]
                os.kill(pid, signal.SIGKILL)
                killed.append((pid, len(done)))
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_one_when_the_first_part_is_written)
    killer.start()
    rc, stdout, err = _run(["score", "--format", "jsonl", "--engine", "dask", "--scheduler",
                            cluster.scheduler_address, "--output-dir", str(out), str(p)], capsys)
    killer.join()
    n_parts = len(os.listdir(out))
    assert killed and killed[0][1] < n_parts, (killed, n_parts)    # killed while parts were still to come
    assert rc == 0 and err.endswith("mtfix: 600 segments scored, 0 malformed\n"), err
    assert not [n for n in os.listdir(out) if ".tmp" in n]      # a write cut short is written again
    assert _parts(out).decode() == want
    with Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=120)
        assert killed[0][0] not in client.run(os.getpid).values()     # the nanny started a new one


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_on_a_corpus_with_a_malformed_record_goes_on_and_exits_2(tmp_path, capsys, jobs):
    p = _tsv(tmp_path, 6, bad_every=4)
    q = _tsv(tmp_path, 2, name="d.tsv")
    rc, out, err = _run(["check", "--jobs", jobs, "--select", "MT301", str(p), str(q)], capsys)
    assert rc == 2
    assert [line.split(":")[0] for line in out.splitlines() if "MT301" in line] == [str(p), str(p), str(q)]
    assert f"mtfix: error: {p}: record 4: line has no tab (expected source<TAB>target) (record skipped)" in err
    assert err.splitlines()[-1] == "mtfix: error: 1 malformed record skipped"


def test_check_and_fix_write_a_gzipped_corpus(tmp_path, capsys):
    text = "Да\tThe data was saved .\tx1\nно\tFine.\n"
    p = tmp_path / "c.tsv.gz"
    p.write_bytes(gzip.compress(text.encode()))
    rc, out, err = _run(["check", "--select", "MT301", str(p)], capsys)
    assert rc == 1 and out.startswith(f"{p}:1:22: MT301") and err == ""
    assert _run(["fix", "--write", "--select", "MT301", str(p)], capsys)[0] == 0
    assert gzip.decompress(p.read_bytes()).decode() == text.replace("saved .", "saved.")   # still gzip
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"not gzip")
    rc, out, err = _run(["check", str(bad)], capsys)
    assert rc == 2 and err.startswith(f"mtfix: error: {bad}: cannot read: Not a gzipped file")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_filter_output_dir_parts_are_the_kept_and_rejected_files(tmp_path, capsys, monkeypatch, jobs):
    p = _tsv(tmp_path, 40, header=True, bad_every=9)
    kept, rej = tmp_path / "kept.tsv", tmp_path / "rej.tsv"
    args = ["filter", "--header", "--min-score", "60", "--max-issues", "0", "--jobs", jobs]
    rc, _, want_err = _run([*args, str(p), "-o", str(kept), "--rejected", str(rej)], capsys)
    assert rc == 2 and "rejected" in want_err
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 300)
    out = tmp_path / "parts"
    rc, stdout, err = _run([*args, "--output-dir", str(out), str(p)], capsys)
    assert rc == 2 and stdout == "" and err == want_err
    names = sorted(os.listdir(out))
    assert len(names) > 4 and names[:2] == ["part-00000-kept.tsv", "part-00000-rejected.tsv"]
    join = lambda kind: b"".join((out / n).read_bytes() for n in names if n.endswith(f"-{kind}.tsv"))  # noqa: E731
    assert join("kept") == kept.read_bytes() and join("rejected") == rej.read_bytes()
    rc, _, err = _run([*args, "--output-dir", str(tmp_path / "p2"), str(p), "-o", str(kept)], capsys)
    assert rc == 2 and err == ("mtfix: error: filter --output-dir writes the kept and the rejected parts itself: "
                               "give no -o, --rejected or --source\n")
    rc, _, err = _run([*args, str(p)], capsys)
    assert rc == 2 and err == "mtfix: error: filter: give -o KEPT (or --output-dir DIR)\n"


def test_output_dir_progress_on_a_terminal_only(tmp_path, capsys, monkeypatch):
    import sys

    import mtfix.cli_corpus as cli_corpus

    p = _tsv(tmp_path, 8, bad_every=5)
    monkeypatch.setattr(cli_corpus, "PROGRESS_DELAY", 0)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 100)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    rc, _, err = _run(["score", "--format", "tsv", "--jobs", "1", "--output-dir", str(tmp_path / "a"), str(p)], capsys)
    assert rc == 2 and "segments" in err and "\r" in err
    assert f"mtfix: error: {p}: record 5: line has no tab (expected source<TAB>target)\n" in err
    assert err.endswith("mtfix: 7 segments scored, 1 malformed\n")
    rc, _, err = _run(["score", "--format", "tsv", "--quiet", "--output-dir", str(tmp_path / "b"), str(p)], capsys)
    assert err.splitlines() == [f"mtfix: error: {p}: record 5: line has no tab (expected source<TAB>target)",
                                "mtfix: 7 segments scored, 1 malformed"]


def test_fix_write_on_a_corpus_with_a_malformed_record_fixes_the_rest_and_exits_2(tmp_path, capsys):
    p = tmp_path / "c.tsv"
    p.write_text("Да\tThe data was saved .\nno tab here .\nно\tIt was read .\n", encoding="utf-8")
    rc, _, err = _run(["fix", "--write", "--select", "MT301", str(p)], capsys)
    assert rc == 2
    assert p.read_text(encoding="utf-8") == "Да\tThe data was saved.\nno tab here .\nно\tIt was read.\n"
    assert err.splitlines()[0] == f"mtfix: error: {p}: record 2: line has no tab (expected source<TAB>target) (record skipped)"
    assert err.splitlines()[-1] == "mtfix: error: 1 malformed record skipped"
