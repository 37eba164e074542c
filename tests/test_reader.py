"""What readers see: the bundled font, every screen size, dark and print, the switcher."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO, wait_until_shown

FONTS = REPO / "reportsite" / "theme" / "static" / "fonts" / "noto-serif"
KAZAKH = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
SHOTS = REPO / "test-artifacts" / "screenshots"


def test_the_bundled_font_covers_kazakh_and_russian():
    """Every Kazakh and Russian letter and the punctuation around them, in every style. (The
    tenge sign was in Fontsource's latin-ext subset, which no page used: it is not bundled.)"""
    from fontTools.ttLib import TTFont

    needed = set(KAZAKH + KAZAKH.upper() + "«»–—№")
    for style in ("400-normal", "400-italic", "700-normal"):
        covered = set()
        for path in sorted(FONTS.glob(f"*-{style}.woff2")):
            covered |= {chr(code) for code in TTFont(path).getBestCmap()}
        missing = sorted(needed - covered)
        assert missing == [], (style, missing)
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text()


@pytest.fixture(scope="module")
def built_site(real_built) -> Path:
    """The real site, built once for the run."""
    return real_built


def test_every_kazakh_paragraph_is_drawn_by_one_font(built_site, chromium):
    page = chromium.new_page()
    for name in ("article.html", "index.html", "data.html"):
        page.goto((built_site / "kk" / name).as_uri())
        page.evaluate("document.fonts.ready")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": ".prose p"})["nodeIds"]
        assert len(nodes) > 3
        for node in nodes:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            families = {f["familyName"] for f in fonts if f["glyphCount"]}
            assert families == {"Noto Serif"}, (name, families)
        cdp.detach()
    page.close()


def test_no_page_scrolls_sideways_on_a_phone(built_site, chromium):
    context = chromium.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) == 14
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_timeout(100)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path.relative_to(built_site).as_posix(), width)
    context.close()


def test_dark_scheme_and_print_styles(built_site, chromium):
    context = chromium.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto((built_site / "en" / "article.html").as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 27)"
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('details.toc')).display") == "none"
    after = page.evaluate("getComputedStyle(document.querySelector('.references a[href^=\"http\"]'), "
                          "'::after').content")
    assert "http" in after
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    context.close()


def test_switcher_keeps_the_section_and_root_remembers_the_choice(built_site, chromium):
    page = chromium.new_page()
    page.goto((built_site / "ru" / "article.html").as_uri() + "#results")
    page.locator(".lang-switcher a[hreflang=kk]").click()
    page.wait_for_url("**/kk/article.html#results")
    page.goto((built_site / "index.html").as_uri())
    page.locator("section[lang=en] .button").click()
    page.wait_for_url("**/en/index.html")
    page.goto((built_site / "index.html").as_uri())
    first = page.locator(".chooser section").first
    assert first.get_attribute("lang") == "en" and "last-choice" in first.get_attribute("class")
    assert page.url.endswith("/index.html")  # offered first, never redirected
    page.close()


def test_headings_get_copyable_anchor_links(built_site, chromium):
    page = chromium.new_page()
    page.goto((built_site / "kk" / "article.html").as_uri())
    anchor = page.locator("#results .anchor")
    assert anchor.get_attribute("href") == "#results"
    assert anchor.get_attribute("aria-label").startswith("Осы бөлімге сілтеме")
    page.close()


def test_screenshots_for_review(built_site, chromium):
    """kk/ru/en overview and article, desktop and phone, light and dark, for people to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    taken = 0
    for scheme in ("light", "dark"):
        for device, size in (("desktop", (1280, 900)), ("phone", (375, 740))):
            context = chromium.new_context(color_scheme=scheme, viewport=dict(zip(("width", "height"), size)))
            page = context.new_page()
            for lang in ("kk", "ru", "en"):
                for name in ("index", "article"):
                    page.goto((built_site / lang / f"{name}.html").as_uri())
                    wait_until_shown(page)
                    target = SHOTS / f"{lang}-{name}-{device}-{scheme}.png"
                    page.screenshot(path=str(target))
                    taken += target.stat().st_size > 10_000
            context.close()
    assert taken == 24
