"""`mtfix check --format html` in a real headless browser (Debian's chromium + chromedriver,
driven by selenium): the page loads without errors, shows every issue the JSON output reports,
the filters work, and a translation containing <script> is shown, never run.

Without a browser these tests skip with the reason; in CI (CI=true, `.ci/run` installs the
browser) a missing browser is a failure.
"""
import json
import os

import pytest

from conftest import DATA, EXAMPLES

SEED = EXAMPLES / "kaliningrad-mt.txt"
CHROMIUM = os.environ.get("MTFIX_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MTFIX_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOT = os.environ.get("MTFIX_REPORT_SCREENSHOT", "/tmp/report-seed.png")


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"browser tests are required in CI: {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1400"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def _report(cli, tmp_path, *paths, name="report.html"):
    r = cli("check", "--format", "html", *map(str, paths))
    assert r.returncode in (0, 1), r.stderr
    page = tmp_path / name
    page.write_bytes(r.stdout)
    return page


def _open(browser, page):
    browser.get_log("browser")          # drop what earlier pages logged
    browser.get(page.as_uri())
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors
    return browser


def _json(cli, *paths):
    r = cli("check", "--format", "json", *map(str, paths))
    return json.loads(r.stdout)


def _shown(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('li.issue')).filter(li => !li.hidden)"
        ".map(li => [li.dataset.code, li.querySelector('.where').textContent]);")


def test_page_is_self_contained(cli, tmp_path):
    text = _report(cli, tmp_path, SEED).read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    for fetch in ("http://", "https://", " src=", "<link", "@import"):
        assert fetch not in text, fetch


def test_seed_report_shows_every_issue_and_takes_a_screenshot(browser, cli, tmp_path):
    page = _report(cli, tmp_path, SEED)
    _open(browser, page)
    expected = sorted([i["code"], f"{i['line']}:{i['column']}"] for i in _json(cli, SEED))
    assert expected and sorted(_shown(browser)) == expected
    # Every issue has a highlight in the text, switched on.
    marked = browser.execute_script(
        "var s=new Set();document.querySelectorAll('mark.hl.on').forEach(m=>m.dataset.i.split(' ')"
        ".forEach(i=>s.add(i)));return s.size;")
    assert marked == len(expected)
    assert browser.find_element("id", "shown").text == str(len(expected))
    # One bar per sentence in the fluency strip, one per rule in the chart.
    assert len(browser.find_elements("css selector", "svg.strip rect.sent")) >= 10
    assert len(browser.find_elements("css selector", "svg.chart .bar")) == len({c for c, _ in expected})
    # Clicking a highlight lists its issue in the detail panel.
    first = browser.find_element("css selector", "mark.hl.on")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", first)
    first.click()
    panel = browser.find_element("id", "detail")
    assert panel.is_displayed() and panel.find_elements("css selector", "li.issue")
    browser.find_element("id", "close").click()
    browser.save_screenshot(SCREENSHOT)
    assert os.path.getsize(SCREENSHOT) > 10_000


def test_filters_by_severity_and_rule(browser, cli, tmp_path):
    paths = (SEED, DATA / "formats" / "messages.po")
    _open(browser, _report(cli, tmp_path, *paths))
    found = _json(cli, *paths)
    assert {i["severity"] for i in found} >= {"warning", "error"}

    def click(selector):
        browser.execute_script("document.querySelector(arguments[0]).click();", selector)

    click('input[data-sev="warning"]')        # hide warnings
    assert sorted(c for c, _ in _shown(browser)) == sorted(i["code"] for i in found if i["severity"] != "warning")
    # A highlight is lit exactly when one of its issues is shown, coloured by the worst shown.
    lit = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.hl')).map(m => [m.classList.contains('on'), "
        "m.className.match(/sev-(\\w+)/)[1], m.dataset.i.split(' ').map(i => "
        "document.getElementById('i' + i).dataset.sev)]);")
    assert lit
    for on, colour, sevs in lit:
        assert on == any(s != "warning" for s in sevs)
        if on:
            assert colour != "warning" and colour in sevs
    click('input[data-sev="warning"]')
    click("#none")
    assert _shown(browser) == [] and browser.find_elements("css selector", "mark.hl.on") == []
    click('input[data-code="MT301"]')
    assert [c for c, _ in _shown(browser)] == ["MT301"] * sum(i["code"] == "MT301" for i in found)
    assert browser.find_element("id", "shown").text == str(sum(i["code"] == "MT301" for i in found))
    click("#all")
    assert len(_shown(browser)) == len(found)


def test_translation_with_script_is_shown_not_run(browser, cli, tmp_path):
    po = tmp_path / "evil.po"
    evil = "<script>window.pwned=1;document.title='pwned'</script> <img src=x onerror=window.pwned=2>"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "Привет , мир"\nmsgstr "Hello , world {evil}"\n', encoding="utf-8")
    _open(browser, _report(cli, tmp_path, po, name="evil.html"))
    assert browser.execute_script("return window.pwned === undefined;")
    assert browser.title == "mtfix report"
    body = browser.find_element("css selector", "table.entries").text
    assert "<script>window.pwned=1;" in body and "<img src=x" in body
    assert "Привет , мир" in body                 # source and translation side by side
    assert [c for c, _ in _shown(browser)] == [i["code"] for i in _json(cli, po)]


def test_html_without_a_browser_escapes_everything(cli, tmp_path):
    """The same guarantee checked on the bytes, so it holds where no browser runs."""
    po = tmp_path / "evil.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "a"\nmsgstr "Hello , <script>alert(1)</script>"\n', encoding="utf-8")
    text = _report(cli, tmp_path, po).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert text.count("<script>") == 1            # the page's own


def test_missing_browser_skips_locally_and_fails_in_ci(tmp_path):
    """Without a browser the browser tests skip with the reason; with CI=true they fail."""
    import subprocess
    import sys

    from conftest import ROOT

    test = f"{__file__}::test_page_loads_without_errors_in_a_browser"
    env = {**os.environ, "MTFIX_CHROMIUM": str(tmp_path / "no-chromium")}
    env.pop("CI", None)
    run = lambda e: subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test],
                                   capture_output=True, text=True, cwd=ROOT, env=e, timeout=300)
    local = run(env)
    assert local.returncode == 0 and "no-chromium not found" in local.stdout, local.stdout
    ci = run({**env, "CI": "true"})
    assert ci.returncode == 1 and "browser tests are required in CI" in ci.stdout, ci.stdout


def test_page_loads_without_errors_in_a_browser(browser, cli, tmp_path):
    _open(browser, _report(cli, tmp_path, SEED))
    assert browser.title == "mtfix report"


@pytest.mark.parametrize("name", ["news.srt", "news.vtt", "en.json", "news.xlf", "app.xliff"])
def test_every_format_lists_every_issue(cli, tmp_path, name):
    path = DATA / "formats" / name
    text = _report(cli, tmp_path, path).read_text(encoding="utf-8")
    assert text.count('<li class="issue ') == len(_json(cli, path))


def test_markdown_shows_the_whole_file_with_its_issues(cli, tmp_path):
    md = tmp_path / "doc.md"
    md.write_text("# Title\n\nAs mentioned , the plan.\n\n```\ncode , here\n```\n\nThe the end.\n", encoding="utf-8")
    text = _report(cli, tmp_path, md).read_text(encoding="utf-8")
    assert "code , here" in text and "# Title" in text          # code shown, not flagged
    assert text.count('<li class="issue ') == len(_json(cli, md)) >= 2


def _po_with_source(tmp_path, pairs):
    po = tmp_path / "app.po"
    body = "".join(f'msgid "{src}"\nmsgstr "{tgt}"\n\n' for src, tgt in pairs)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: en\\n"\n\n' + body,
                  encoding="utf-8")
    return po


def test_entries_with_a_source_get_a_word_heat_strip(cli, tmp_path):
    """Under each English translation with a source: one cell per word, in order, each with the
    word and how likely a post-editor changes it; a text file (no source) gets none."""
    import re

    po = _po_with_source(tmp_path, [("Министерство обороны перебросило комплексы в Калининград.",
                                     "The defense ministry has moved the complexes to Kaliningrad.")])
    text = _report(cli, tmp_path, po).read_text(encoding="utf-8")
    strips = re.findall(r'<svg class="heat".*?</svg>', text)
    assert len(strips) == 1
    cells = re.findall(r'data-p="([0-9.]+)"><title>(.*?): (\d+)%</title>', strips[0])
    assert [w for _, w, _ in cells] == ["The", "defense", "ministry", "has", "moved", "the", "complexes",
                                        "to", "Kaliningrad", "."]
    assert all(0.0 <= float(p) <= 1.0 and round(float(p) * 100) == int(pct) for p, _, pct in cells)
    assert len({p for p, _, _ in cells}) > 1           # the words differ, not one sentence-wide value
    assert "how likely a post-editor would change each word" in text
    plain = _report(cli, tmp_path, SEED, name="seed.html").read_text(encoding="utf-8")
    assert '<svg class="heat"' not in plain


def test_word_heat_strip_is_drawn_in_a_browser(browser, cli, tmp_path):
    po = _po_with_source(tmp_path, [("Привет, мир", "Hello , world"),
                                    ("Министерство обороны перебросило комплексы.",
                                     "The defense ministry moved the complexes.")])
    _open(browser, _report(cli, tmp_path, po))
    strips = browser.find_elements("css selector", "table.entries td.tgt svg.heat")
    assert len(strips) == 2 and all(s.is_displayed() and s.size["height"] > 0 for s in strips)
    # cells fill the strip left to right, as wide as the words are long
    cells = browser.execute_script(
        "return Array.from(document.querySelectorAll('svg.heat')[1].querySelectorAll('rect.word'))"
        ".map(r => [r.getBoundingClientRect().left, r.getBoundingClientRect().width, "
        "r.querySelector('title').textContent]);")
    assert [c[2].split(":")[0] for c in cells] == ["The", "defense", "ministry", "moved", "the", "complexes", "."]
    assert all(a[0] < b[0] for a, b in zip(cells, cells[1:]))
    assert cells[5][1] > cells[4][1]                    # "complexes" is wider than "the"
