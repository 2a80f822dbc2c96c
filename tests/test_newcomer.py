"""What a newcomer meets first (issue 15): fix's summary line, the no-source-language hint,
``-r`` and .gitignore, MT706's choice of reference, explain/SARIF placeholders, ``rules`` width,
and the Python objects' repr/str."""
import json
import os

import pytest

import mtfix
from conftest import EXAMPLES, json_issues as issues

PO_HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _po(path, translation):
    path.write_text(PO_HEAD + f'msgid "Сохранить"\nmsgstr "{translation}"\n', encoding="utf-8")
    return str(path)


def test_mt706_flags_the_outlier_not_the_majority(tmp_path, cli):
    """First file has the odd one out; the next two agree: the outlier is never the reference
    for them, and the majority is never flagged."""
    a = _po(tmp_path / "a.po", "Keep")
    b = _po(tmp_path / "b.po", "Save")
    c = _po(tmp_path / "c.po", "Save")
    two = tmp_path / "d.po"
    two.write_text(PO_HEAD + 'msgid "Сохранить"\nmsgstr "Save"\n\nmsgctxt "x"\nmsgid "Отмена"\n'
                   'msgstr "Cancel"\n', encoding="utf-8")
    # Whatever the order of the files, only the outlier is flagged, against the majority.
    for order in ([a, str(two), b, c], [b, c, a, str(two)], [str(two), a, c, b]):
        found = issues(cli, "--select", "MT706", *order)
        assert [(os.path.basename(i["file"]), i["suggestions"]) for i in found] == [("a.po", ["Save"])]
        assert "d.po:5" in found[0]["message"] or "b.po:5" in found[0]["message"]




def test_precommit_hooks_run_in_one_process():
    import yaml

    from conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks and all(h.get("require_serial") is True for h in hooks)
