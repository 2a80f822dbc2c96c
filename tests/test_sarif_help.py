"""Issue 25: each SARIF rule has a ``helpUri`` to the rules page that ships with the package
(``mtfix/data/rules.html``, built with the other derived data) at the rule's anchor, and its
``help`` text is what ``mtfix explain`` prints."""
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from conftest import run_cli


def test_sarif_help_uri_opens_the_shipped_page_at_the_rule(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("As mentioned , the plan.\n", encoding="utf-8")
    r = run_cli("check", "--format", "sarif", "--select", "MT301", str(p))
    assert r.returncode == 1, r.stderr
    rule = json.loads(r.stdout)["runs"][0]["tool"]["driver"]["rules"][0]
    uri = urlparse(rule["helpUri"])
    assert uri.scheme == "file" and uri.fragment == "MT301"
    page = Path(url2pathname(uri.path))
    assert page.name == "rules.html" and page.parent.name == "data"

    ids = []

    class Anchors(HTMLParser):
        def handle_starttag(self, tag, attrs):
            ids.extend(v for k, v in attrs if k == "id")

    Anchors().feed(page.read_text(encoding="utf-8"))
    assert "MT301" in ids
    explain = run_cli("explain", "MT301").stdout.decode().strip()
    assert rule["help"]["text"].strip() == explain
