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
    assert main(["check", "--select", "MT301", str(tmx)]) == 1
    out = capsys.readouterr()
    assert f"{tmx}:10:" in out.out and "MT301" in out.out
    assert "record 3 (line 16): <tu> has no target" in out.err
    assert main(["fix", "--write", "--select", "MT301", str(tmx)]) == 0
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
