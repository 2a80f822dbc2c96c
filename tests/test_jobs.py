"""`--jobs N` processes files in worker processes: the output is byte-identical to `--jobs 1`,
in the same order, including MT706's memory of translations across files."""
import random

import pytest
from conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    d = tmp_path_factory.mktemp("texts")
    paras = [p for p in (EXAMPLES / "kaliningrad-mt.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(7)
    for k in range(24):
        (d / f"doc{k:02d}.txt").write_text("\n\n".join(rng.sample(paras, 2)) + "\n", encoding="utf-8")
    return d


@pytest.mark.parametrize("args", [["check"], ["check", "--format", "json"], ["fix"], ["score", "--sentences"]])
def test_jobs_output_identical(texts, args):
    one = run_cli(*args, "-r", str(texts), "--jobs", "1")
    two = run_cli(*args, "-r", str(texts), "--jobs", "2")
    assert one.returncode == two.returncode and one.returncode in (0, 1), one.stderr
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr       # fix: the same summary line (and hint), check: nothing
    assert not one.stderr or args[0] == "fix"


def _po(entries):
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for src, tgt in entries:
        out += [f'msgid "{src}"', f'msgstr "{tgt}"', ""]
    return "\n".join(out)


@pytest.mark.parametrize("early", [2, 0])   # 0: the file the parent checks before forking
def test_jobs_translation_memory_across_files(tmp_path, early):
    """The same source translated one way in an early file and another way in a later one:
    MT706 names the earlier file whatever the number of jobs (the memory is merged in order)."""
    rng = random.Random(3)
    for k in range(12):
        entries = [(f"Unique sentence number {k} here.", f"Unique sentence number {k} here.")]
        if k in (early, 9):
            entries.append(("The ministry confirmed the tests.",
                            "The ministry confirmed the tests." if k == early else "The ministry has confirmed the trials."))
        rng.shuffle(entries)
        (tmp_path / f"f{k:02d}.po").write_text(_po(entries), encoding="utf-8")
    one = run_cli("check", "-r", str(tmp_path), "--select", "MT706", "--jobs", "1")
    two = run_cli("check", "-r", str(tmp_path), "--select", "MT706", "--jobs", "2")
    assert one.stdout == two.stdout
    assert b"f09.po" in one.stdout and b"MT706" in one.stdout and f"f{early:02d}.po".encode() in one.stdout


def test_jobs_with_an_unreadable_path_reports_it_in_order(texts, tmp_path):
    args = ["check", str(texts / "doc00.txt"), str(tmp_path / "missing.txt"), str(texts / "doc01.txt")]
    one, two = run_cli(*args, "--jobs", "1"), run_cli(*args, "--jobs", "2")
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.returncode == 2 and b"missing.txt: no such file" in one.stderr


def test_jobs_no_source_hint_same_as_sequential(texts, tmp_path):
    """The no-source-language hint reads a sample of the run's text, and is dropped when any
    file has sources: with --jobs as without, also when that file comes after the sample is full."""
    one = run_cli("check", "-r", str(texts), "--jobs", "1")
    two = run_cli("check", "-r", str(texts), "--jobs", "2")
    assert b"Hint: no source language set" in one.stdout and one.stdout == two.stdout
    d = tmp_path / "mixed"
    d.mkdir()
    for copy in ("a", "b"):    # more text than the hint's sample (hints.SAMPLE_CHARS)
        for f in sorted(texts.iterdir()):
            (d / f"{copy}-{f.name}").write_bytes(f.read_bytes())
    (d / "zz-last.po").write_text(_po([("Тест прошёл успешно.", "The test was passed successfully.")]),
                                  encoding="utf-8")
    one = run_cli("check", "-r", str(d), "--jobs", "1")
    two = run_cli("check", "-r", str(d), "--jobs", "2")
    assert b"Hint:" not in one.stdout and one.stdout == two.stdout
    (d / "zz-last.po").unlink()
    one = run_cli("check", "-r", str(d), "--jobs", "1")
    two = run_cli("check", "-r", str(d), "--jobs", "2")
    assert b"Hint: no source language set" in one.stdout and one.stdout == two.stdout
