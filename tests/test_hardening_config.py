"""Bounds on user rule packs (issue 14): what a pack may be, and one line naming the file and
entry when it is not."""
from __future__ import annotations

import os

import pytest

from mtfix.ruledata import MAX_PACK_BYTES

BOMB = "family: punctuation\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")
).replace("b: &b [*a", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nb: &b [*a", 1) + "rules: []\n"


def run_with_packs(cli, tmp_path, packs: str):
    (tmp_path / ".mtfix.toml").write_text(f"rule-packs = [{packs}]\n", encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("The text.\n", encoding="utf-8")
    r = cli("check", str(f), cwd=tmp_path)
    err = r.stderr.decode().splitlines()
    assert r.returncode == 2 and len(err) == 1 and "Traceback" not in r.stderr.decode(), r.stderr
    return err[0]


def test_root_folder_is_refused_not_walked(cli, tmp_path):
    assert run_with_packs(cli, tmp_path, '"/"') == (
        "mtfix: error: rule pack /: more than 2000 files and folders (expected a folder of YAML "
        "rule packs) (see rules/en/punctuation.yaml for the format)")


def test_pack_linked_to_a_device_is_refused(cli, tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    os.symlink("/dev/zero", packs / "zero.yaml")
    assert run_with_packs(cli, tmp_path, '"packs"') == (
        f"mtfix: error: rule pack {packs / 'zero.yaml'}: not a regular file (expected a YAML rule "
        "pack) (see rules/en/punctuation.yaml for the format)")


def test_yaml_alias_bomb_is_refused(cli, tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    assert len(BOMB) < 1024
    assert run_with_packs(cli, tmp_path, '"packs"') == (
        f"mtfix: error: rule pack {packs / 'bomb.yaml'}: line 3: YAML aliases (*a) are not allowed "
        "in rule packs (see rules/en/punctuation.yaml for the format)")


def test_oversized_pack_is_refused(cli, tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "big.yaml").write_text("family: punctuation\n#" + "x" * MAX_PACK_BYTES + "\n", encoding="utf-8")
    msg = run_with_packs(cli, tmp_path, '"packs"')
    assert msg.startswith(f"mtfix: error: rule pack {packs / 'big.yaml'}: ")
    assert f"over the {MAX_PACK_BYTES} bytes a rule pack may have" in msg


@pytest.mark.parametrize("body, where", [
    ("rules:\n  - code: MT799\n    name: x\n    message: m\n    examples: !!binary aGVsbG8=\n",
     "rules[0].examples: bytes values are not allowed"),
    ("rules:\n  - code: MT799\n    name: x\n    message: m\n    examples: just text\n",
     "MT799: 'examples' must be a list"),
    ("rules:\n  - code: MT799\n    name: [not, text]\n    message: m\n",
     "MT799: missing or non-string 'name'"),
    ("extra:\n  2024-01-01: a date key\nrules: []\n", "extra: key datetime.date(2024, 1, 1) must be text"),
])
def test_wrong_types_name_the_file_and_entry(cli, tmp_path, body, where):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "mine.yaml").write_text("family: punctuation\n" + body, encoding="utf-8")
    msg = run_with_packs(cli, tmp_path, '"packs"')
    assert msg.startswith(f"mtfix: error: rule pack {packs / 'mine.yaml'}: ") and where in msg, msg
