"""Hostile input never runs in the reader's browser; raw HTML cannot carry code."""

from __future__ import annotations

import pytest

from conftest import REPO, TINY, make_charts_live

PAYLOAD = '"><img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'


def hostile_files() -> dict[str, str]:
    """The tiny site with a payload in front matter, a caption, a data label and a .po string."""
    page = (TINY / "content/en/data.md").read_text()
    return {
        "content/en/index.md": f"---\ntitle: '{PAYLOAD}'\ndescription: '{PAYLOAD}'\n---\n"
                               "## The garden {#garden}\n\nWe planted 1200 bulbs.\n",
        "content/en/data.md": page.replace('caption="Harvest by crop"',
                                           f"caption='{PAYLOAD}'"),
        "data/datapackage.yaml": (TINY / "data/datapackage.yaml").read_text().replace(
            "en: Tomato", "en: '" + PAYLOAD.replace("'", "''") + "'"),
        "locales/de.po": (TINY / "locales/de.po").read_text().replace(
            'msgstr "Sprache"', 'msgstr "' + PAYLOAD.replace('"', '\\"') + '"'),
    }


def test_payloads_are_escaped_in_the_html(make_site, run):
    root = make_site(hostile_files())
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    for page in ("en/index.html", "en/data.html", "en/harvest.html", "de/index.html"):
        html = (root / "site" / page).read_text()
        assert "<img src=x" not in html and "<script>window.__xss" not in html, page
    assert "&lt;img src=x onerror=" in (root / "site/en/data.html").read_text()


def test_payloads_do_not_run_in_chromium(make_site, run, chromium):
    root = make_site(hostile_files())
    assert run("build", "--root", root)[0] == 0
    page = chromium.new_page()
    for name in ("en/index.html", "en/data.html", "en/harvest.html", "de/index.html",
                 "index.html"):
        page.goto((root / "site" / name).as_uri())
        page.wait_for_timeout(300)
        if page.locator(".chart").count():
            make_charts_live(page)
            page.locator(".chart-live svg text, .chart-live svg path").first.hover()
        assert page.evaluate("window.__xss") is None, name
        # The policy would stop them running anyway: the payloads must not be elements either.
        assert page.locator("img[src=x], [onerror], script:not([src]):not([type])").count() == 0, name
    page.close()


def test_the_policy_refuses_inline_script(tmp_path, chromium):
    from reportsite.pipeline import load_site, render_site, write_site
    out = tmp_path / "site"
    write_site(render_site(load_site(REPO)), out, REPO)
    page = chromium.new_page()
    page.goto((out / "en" / "article.html").as_uri())
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    from playwright.sync_api import Error as PlaywrightError

    with pytest.raises(PlaywrightError, match=r"Executing inline script violates the following "
                       r"Content Security Policy directive 'script-src 'self''"):
        page.add_script_tag(content="window.__inline = 1")
    assert page.evaluate("window.__inline") is None
    page.close()


@pytest.mark.parametrize("html, message", [
    pytest.param("<script>alert(1)</script>",
                 "content/en/harvest.md:5: raw HTML may not contain <script>", id="script"),
    pytest.param('<a href="javascript:alert(1)">x</a>',
                 "content/en/harvest.md:5: raw HTML may not link to javascript: URLs",
                 id="javascript_url"),
    pytest.param('<img src="x.png" onerror="alert(1)">',
                 "content/en/harvest.md:5: raw HTML may not carry event handlers (onerror=)",
                 id="event_handler"),
    pytest.param('<iframe src="https://example.org"></iframe>',
                 "content/en/harvest.md:5: raw HTML may not contain <iframe>", id="iframe"),
    pytest.param('<a href=" JaVaScRiPt:alert(1)">x</a>',
                 "content/en/harvest.md:5: raw HTML may not link to JaVaScRiPt: URLs",
                 id="mixed_case_url"),
])
def test_raw_html_that_could_run_code_is_refused(make_site, run, html, message):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    before = sorted((root / "site").rglob("*"))
    (root / "content/en/harvest.md").write_text(f"---\ntitle: Harvest\n---\n## Yield {{#yield}}\n{html}\n")
    code, _, err = run("build", "--root", root)
    assert code == 1
    assert err.splitlines()[0] == f"error: {message}; write Markdown, or use a shortcode"
    assert sorted((root / "site").rglob("*")) == before
