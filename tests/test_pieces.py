"""A very long segment is checked and fixed in pieces (mtfix/pieces.py) with the same issues,
locations and fixes as in one go (shown here with small pieces on a 60 kB text)."""
from conftest import EXAMPLES

from mtfix import pieces, runner
from mtfix.formats import load_document
from mtfix.options import Options


def _doc():
    seed = (EXAMPLES / "kaliningrad-mt.txt").read_text(encoding="utf-8").strip("\n") + "\n\n"
    return load_document("big.txt", (seed * 20).encode("utf-8"))


def _seen(res):
    return sorted((i.start, i.end, i.code, i.message, i.location, i.suggestions, i.fix) for i in res.issues)


def test_pieces_same_issues_and_fixes(monkeypatch):
    doc = _doc()
    whole_check, whole_fix = runner.check_document(doc, Options()), runner.fix_document(doc, Options())
    monkeypatch.setattr(pieces, "LIMIT", 9000)
    monkeypatch.setattr(pieces, "PIECE", 6000)
    cut = list(pieces.split(doc.segments[0]))
    assert len(cut) > 5 and "".join(p.text for _, p in cut) == doc.text
    assert all(p.location.line == doc.segments[0].position(at).line for at, p in cut)
    assert _seen(runner.check_document(doc, Options())) == _seen(whole_check)
    split_fix = runner.fix_document(doc, Options())
    assert split_fix.new_text == whole_fix.new_text and split_fix.new_text != doc.text
