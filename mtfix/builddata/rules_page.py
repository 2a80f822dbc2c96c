"""``rules.html``: every shipped rule's ``mtfix explain`` text on one page, one anchor per code
(``rules.html#MT301``), so SARIF's ``helpUri`` points at a page that ships with the package
(nothing fetched; it opens offline where mtfix is installed)."""
from __future__ import annotations

import html
from pathlib import Path


def build(path: Path) -> Path:
    from ..output import explain_rule
    from ..ruledata import registry

    rules = sorted(registry().rules.values(), key=lambda r: r.code)
    parts = ['<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>mtfix rules</title>\n'
             "<style>body{font-family:sans-serif;max-width:60em;margin:auto}pre{white-space:pre-wrap}</style>"
             "</head>\n<body>\n<h1>mtfix rules</h1>\n<p>What <code>mtfix explain CODE</code> prints, for every "
             "rule that ships with mtfix.</p>\n<ul>\n"]
    parts += [f'<li><a href="#{html.escape(r.code)}">{html.escape(r.code)} {html.escape(r.name)}</a></li>\n' for r in rules]
    parts.append("</ul>\n")
    for r in rules:
        parts.append(f'<section id="{html.escape(r.code)}">\n<h2>{html.escape(r.code)} {html.escape(r.name)}</h2>\n'
                     f"<pre>{html.escape(explain_rule(r))}</pre>\n</section>\n")
    parts.append("</body>\n</html>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def uri(code: str) -> str | None:
    """``file:///…/mtfix/data/rules.html#CODE`` where the page is installed, else None."""
    from . import DATA

    page = DATA / "rules.html"
    return f"{page.as_uri()}#{code}" if page.is_file() else None
