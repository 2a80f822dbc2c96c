"""Corpora the workers read themselves (issue 24): a gzipped corpus and Moses parallel files read
by blocks (a gzip stream decompressed from its start by each task), the output identical across
--jobs 1, --jobs 2, --output-dir and --engine dask on a real LocalCluster; filter --output-dir on
a TMX writes one whole TMX a part."""
from __future__ import annotations

import gzip
import os
import re

import pytest

import mtfix.corpus as corpus
import mtfix.corpus_blocks as blocks
from mtfix.cli import main
from mtfix.corpus import iter_records

SENTENCES = ["The data was saved .", "He go to the the school every day.", "This is a perfectly fine sentence.",
             "The results , however, were not published.", "We has discussed it in the Ministry of Finance."]


def _run(args, capsys):
    rc = main(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


def _parts(folder, suffix="") -> bytes:
    return b"".join((folder / n).read_bytes() for n in sorted(os.listdir(folder)) if n.endswith(suffix))


def _gz_tsv(tmp_path, n=23, name="c.tsv.gz"):
    """A gzipped TSV with malformed lines, CRLF ends, a line not valid UTF-8 and no final newline."""
    lines = [b"broken line" if k % 6 == 5 else b"bad \xff\tbytes" if k == 8 else
             f"источник {k}\t{SENTENCES[k % len(SENTENCES)]}\tid{k}".encode() for k in range(n)]
    p = tmp_path / name
    p.write_bytes(gzip.compress(b"\r\n".join(lines)))
    return p


def _gz_tmx(tmp_path, n=5):
    from test_corpus import TMX

    head, rest = TMX.split("<body>\n")
    body, tail = rest.split("  </body>")
    units = "".join(body.replace('tuid="000', f'tuid="{k}-') for k in range(n))
    p = tmp_path / "mem.tmx.gz"
    p.write_bytes(gzip.compress(f"{head}<body>\n{units}  </body>{tail}".encode()))
    return p


def _moses(tmp_path, n=17, extra_source=0, extra_target=0, gz=(False, False)):
    """corpus.ru / corpus.en: a blank target line, a source line not valid UTF-8, a BOM."""
    src = [f"Источник {k}." for k in range(n + extra_source)]
    tgt = ["" if k == 4 else SENTENCES[k % len(SENTENCES)] for k in range(n + extra_target)]
    paths = []
    for name, lines, z in (("corpus.ru", src, gz[0]), ("corpus.en", tgt, gz[1])):
        data = "\ufeff".encode() if name == "corpus.en" else b""
        data += b"\n".join(line.encode() if k != 9 or name == "corpus.en" else b"\xfe bad"
                           for k, line in enumerate(lines)) + b"\n"
        p = tmp_path / (name + (".gz" if z else ""))
        p.write_bytes(gzip.compress(data) if z else data)
        paths.append(p)
    return paths


@pytest.mark.parametrize("size", [1, 40, 700, 1 << 20])
@pytest.mark.parametrize("gz_tasks", [1, 32])
def test_gzip_read_by_blocks_gives_the_one_file_output(tmp_path, capsys, monkeypatch, size, gz_tasks):
    p = _gz_tsv(tmp_path)
    rc, want, want_err = _run(["score", "--format", "tsv", "--jobs", "1", str(p)], capsys)
    assert rc == 2 and len(want.splitlines()) == 19 and "record 9: not valid UTF-8" in want_err
    t = _gz_tmx(tmp_path)
    rc_t, want_t, want_t_err = _run(["score", "--format", "jsonl", "--jobs", "1", str(t)], capsys)
    assert rc_t == 2 and len(want_t.splitlines()) == 10 and f"{t}: record 20 (line " in want_t_err
    monkeypatch.setattr(blocks, "BLOCK_BYTES", size)
    monkeypatch.setattr(blocks, "GZ_TASKS", gz_tasks)       # 1: the counting blocks merged
    for path, fmt, (want1, err1) in [(p, "tsv", (want, want_err)), (t, "jsonl", (want_t, want_t_err))]:
        out = tmp_path / f"out-{fmt}"
        rc, stdout, err = _run(["score", "--format", fmt, "--jobs", "2", "--output-dir", str(out), str(path)], capsys)
        assert rc == 2 and stdout == "" and err == err1
        assert _parts(out).decode() == want1


@pytest.mark.parametrize("gz", [(False, False), (True, False), (False, True), (True, True)])
@pytest.mark.parametrize("extra", [(0, 0), (3, 0), (0, 2)])
@pytest.mark.parametrize("size", [1, 30, 1 << 20])
def test_moses_read_by_blocks_gives_the_one_file_output(tmp_path, capsys, monkeypatch, gz, extra, size):
    src, tgt = _moses(tmp_path, extra_source=extra[0], extra_target=extra[1], gz=gz)
    args = ["score", "--format", "tsv", "--source", str(src), "--source-lang", "ru"]
    rc, want, want_err = _run([*args, "--jobs", "1", str(tgt)], capsys)
    assert rc == 2 and [line.split("\t")[0] for line in want.splitlines()] == \
        [str(k) for k in range(1, 18) if k not in (5, 10)]
    assert f"mtfix: error: {tgt}: record 10: not valid UTF-8 at byte 0\n" in want_err
    if extra != (0, 0):
        longer, other = (src, tgt) if extra[0] else (tgt, src)
        assert f"{longer}: record 18: has more lines than {other} (17): the files are not parallel" in want_err
    monkeypatch.setattr(blocks, "BLOCK_BYTES", size)
    out = tmp_path / "out"
    rc, stdout, err = _run([*args, "--jobs", "2", "--output-dir", str(out), str(tgt)], capsys)
    assert rc == 2 and stdout == "" and err == want_err
    assert _parts(out).decode() == want


def test_filter_output_dir_tmx_parts_are_whole_tmx_files(tmp_path, capsys, monkeypatch):
    from test_corpus import TMX

    t = _gz_tmx(tmp_path, 6)
    plain = tmp_path / "mem.tmx"
    plain.write_bytes(gzip.decompress(t.read_bytes()))
    kept, rej = tmp_path / "kept.tmx", tmp_path / "rej.tmx"
    args = ["filter", "--min-score", "30"]
    rc, _, want_err = _run([*args, str(plain), "-o", str(kept), "--rejected", str(rej)], capsys)
    assert rc == 2 and want_err.endswith("mtfix: 12 segments read: 6 kept, 6 rejected (6 with a score below 30), "
                                         "12 malformed\n")
    frame = TMX.split("<tu ")[0].encode()
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 300)
    for corpus_path, jobs in ((plain, "2"), (t, "1")):
        out = tmp_path / f"parts-{jobs}"
        rc, stdout, err = _run([*args, "--jobs", jobs, "--output-dir", str(out), str(corpus_path)], capsys)
        assert rc == 2 and stdout == "" and err == want_err.replace(str(plain), str(corpus_path))
        names = sorted(os.listdir(out))
        assert len(names) > 4 and names[:2] == ["part-00000-kept.tmx", "part-00000-rejected.tmx"]
        for whole, kind in ((kept, "kept"), (rej, "rejected")):
            bodies = []
            for n in names:
                if n.endswith(f"-{kind}.tmx"):
                    data = (out / n).read_bytes()
                    # a whole TMX: the corpus's header, this part's <tu>s, the end of the body
                    assert data.startswith(frame) and data.endswith(b"  </body>\n</tmx>\n")
                    list(iter_records(str(out / n), on_error=lambda m: None))     # well-formed
                    bodies.append(data[len(frame):-len(b"  </body>\n</tmx>\n")])
            # the parts' <tu>s, in name order, are byte for byte those of the -o file
            assert frame + b"".join(bodies) + b"  </body>\n</tmx>\n" == whole.read_bytes()
        assert len(re.findall(rb"<tu ", _parts(out, "-kept.tmx"))) == len(re.findall(rb"<tu ", kept.read_bytes()))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_dask_workers_read_gzip_and_moses_themselves(tmp_path, capsys, monkeypatch, cluster):
    p = _gz_tsv(tmp_path, 40)
    t = _gz_tmx(tmp_path, 3)
    src, tgt = _moses(tmp_path, extra_source=2, gz=(True, False))
    cases = [([str(p)], "tsv"), ([str(t)], "jsonl"), (["--source", str(src), str(tgt)], "tsv")]
    wants = []
    for args, fmt in cases:
        got = [_run(["score", "--format", fmt, "--jobs", jobs, *args], capsys) for jobs in ("1", "2")]
        assert got[0] == got[1] and got[0][0] == 2
        wants.append(got[0])

    def refuse(*args, **kwargs):
        raise AssertionError("the client read a record")

    # The workers are separate (spawned) processes: only the client loses its readers (the
    # functions the client submits, count_block and count_stream, run there and read).
    for name in ("open_binary", "iter_records"):
        monkeypatch.setattr(corpus, name, refuse)
    for name in ("block_lines", "tmx_block_records", "moses_block_records"):
        monkeypatch.setattr(blocks, name, refuse)
    monkeypatch.setattr(blocks, "BLOCK_BYTES", 150)
    for (args, fmt), want in zip(cases, wants):
        got = _run(["score", "--format", fmt, "--engine", "dask", "--scheduler", cluster.scheduler_address, *args],
                   capsys)
        assert got == want
        out = tmp_path / f"parts-{fmt}-{len(args)}"
        rc, stdout, err = _run(["score", "--format", fmt, "--engine", "dask", "--scheduler", cluster.scheduler_address,
                                "--output-dir", str(out), *args], capsys)
        assert (rc, err) == (want[0], want[2]) and _parts(out).decode() == want[1]


def test_dask_workers_keep_mtfix_loaded(tmp_path, capsys, cluster):
    """The first run registers the warm-up on the cluster: every worker has loaded mtfix (down to
    the tables suggestions are inflected with) and keeps it for the next runs."""
    from dask.distributed import Client

    def loaded(dask_worker) -> tuple[bool, bool]:
        from mtfix import pattern_render

        # the plugin is there, and it has inflected a suggestion of its warm-up segments
        return "mtfix-warm" in dask_worker.plugins, "explains" in pattern_render._TAG_CACHE

    p = _gz_tsv(tmp_path, 3)
    assert _run(["score", "--format", "tsv", "--engine", "dask", "--scheduler", cluster.scheduler_address, str(p)],
                capsys)[0] == 0
    with Client(cluster.scheduler_address) as client:
        assert list(client.run(loaded).values()) == [(True, True), (True, True)]
