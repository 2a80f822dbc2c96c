"""The real pre-commit framework runs our hooks on translation files (*.po, *.xliff) in a
temporary git repository (helpers shared with tests/test_precommit.py)."""
import pytest

from test_precommit import make_repo, try_repo

pytestmark = pytest.mark.slow

PO = '''# Demo catalogue
msgid ""
msgstr ""
"Language: en\\n"
"X-Source-Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

#: app.py:3
msgid "Переговоры завершились, и министерство это подтвердило."
msgstr ""
"The talks ended , and the the "
"ministry confirmed it."
'''

XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="ru" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>Нажмите <g id="1">здесь</g> , чтобы продолжить.</source>
        <target>Click <g id="1">here</g> to continue .</target>
      </trans-unit>
    </body>
  </file>
</xliff>
'''


def test_check_hook_on_po_and_xliff(tmp_path):
    repo = make_repo(tmp_path, {"messages.po": PO, "strings.xliff": XLIFF})
    r = try_repo(repo, "mtfix-check", tmp_path, "messages.po", "strings.xliff")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "messages.po:11:17: MT301" in r.stdout
    assert "messages.po:11:24: MT304" in r.stdout
    assert "strings.xliff:7:53: MT301" in r.stdout


def test_fix_hook_rewrites_only_the_translations(tmp_path):
    repo = make_repo(tmp_path, {"messages.po": PO, "strings.xliff": XLIFF})
    r = try_repo(repo, "mtfix-fix", tmp_path, "messages.po", "strings.xliff")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "files were modified by this hook" in r.stdout
    assert (repo / "messages.po").read_text(encoding="utf-8") == PO.replace(
        '"The talks ended , and the the "', '"The talks ended, and the "')
    assert (repo / "strings.xliff").read_text(encoding="utf-8") == XLIFF.replace(
        "to continue .</target>", "to continue.</target>")
    r = try_repo(repo, "mtfix-check", tmp_path, "messages.po", "strings.xliff")
    assert r.returncode == 0, r.stdout + r.stderr
