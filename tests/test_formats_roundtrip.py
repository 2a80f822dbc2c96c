"""Writing back, for every translation-file fixture: `mtfix fix --write` leaves a file with no
fixes byte-for-byte identical, and a fixed file differs only inside the edited strings (all
that lies outside the checked strings — keys, msgids, comments, flags, wrapping, tags,
timings, indentation — is unchanged), and a second run changes nothing."""
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from mtfix.formats import read_path

FORMATS = DATA / "formats"
FIXTURES = sorted(p.name for p in FORMATS.iterdir()
                  if p.suffix in {".po", ".pot", ".xlf", ".xliff", ".srt", ".vtt", ".json"})


def segment_ranges(doc) -> list[tuple[int, int]]:
    out = []
    for seg in doc.segments:
        if "literals" in seg.meta:
            out.extend(seg.meta["literals"])
        else:
            out.append((seg.meta["offset"], seg.meta["offset"] + len(seg.text)))
    return sorted(out)


def skeleton(path: Path) -> list[str]:
    """The file with every checked string cut out: what no fix may touch."""
    doc = read_path(str(path))
    parts, pos = [], 0
    for s, e in segment_ranges(doc):
        parts.append(doc.text[pos:s])
        pos = e
    parts.append(doc.text[pos:])
    return parts


def test_fixtures_cover_every_format():
    assert {Path(f).suffix for f in FIXTURES} == {".po", ".xlf", ".xliff", ".srt", ".vtt", ".json"}


@pytest.mark.parametrize("name", FIXTURES)
def test_no_fixes_means_identical_bytes(name, tmp_path, cli):
    path = tmp_path / name
    shutil.copy(FORMATS / name, path)
    before = path.read_bytes()
    # The source-aware rules have no safe fixes: --write must leave every byte in place.
    r = cli("fix", "--write", "--select", "MT7", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", [f for f in FIXTURES if f.startswith("clean")])
def test_clean_fixture_has_nothing_to_fix(name, tmp_path, cli):
    path = tmp_path / name
    shutil.copy(FORMATS / name, path)
    before = path.read_bytes()
    assert cli("check", str(path)).returncode == 0
    r = cli("fix", "--write", str(path))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", FIXTURES)
def test_fixes_change_only_the_edited_strings(name, tmp_path, cli):
    path = tmp_path / name
    shutil.copy(FORMATS / name, path)
    before = path.read_bytes()
    skel = skeleton(path)
    r = cli("fix", "--write", str(path))
    assert r.returncode in (0, 1), r.stderr
    after = path.read_bytes()
    if not name.startswith(("clean", "glossary")):
        assert after != before, f"{name}: the fixture has safe fixes, so --write should change it"
    assert skeleton(path) == skel, f"{name}: something outside the checked strings changed"
    # Line endings and the number of lines survive (no re-wrapping, CRLF kept).
    assert after.count(b"\r\n") == before.count(b"\r\n")
    assert after.count(b"\n") == before.count(b"\n")
    # A second run has nothing left to do.
    cli("fix", "--write", str(path))
    assert path.read_bytes() == after


def test_fixed_po_diff_is_only_the_fixed_characters(tmp_path, cli):
    path = tmp_path / "messages.po"
    shutil.copy(FORMATS / "messages.po", path)
    r = cli("fix", str(path))
    assert r.returncode == 1
    changed = [line for line in r.stdout.decode("utf-8").splitlines()
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == [
        '-"The Russian defense ministry has moved Iskander complexes to Kaliningrad , "',
        '-"according to the the ministry."',
        '+"The Russian defense ministry has moved Iskander complexes to Kaliningrad, "',
        '+"according to the ministry."',
        '-msgstr[1] "%d articles  found"',
        '+msgstr[1] "%d articles found"',
    ]
