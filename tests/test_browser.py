"""In real Chromium, from file:// with every network request refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_charts_live, offline_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_site(real_built) -> Path:
    """The real site, built once for the run."""
    return real_built


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser):
    """A page whose console errors and non-file requests are recorded (and refused)."""
    yield from offline_pages(browser)


def test_switcher_leads_to_the_same_page_in_each_language(built_site, page):
    page.goto((built_site / "kk" / "index.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.title().startswith("Қазақстандағы ішкі және сыртқы көші-қон үдерістері")

    page.locator(".lang-switcher a[hreflang=ru]").click()
    page.wait_for_url("**/ru/index.html")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Внутренние и внешние миграционные процессы")

    page.locator(".lang-switcher a[hreflang=en]").click()
    page.wait_for_url("**/en/index.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#abstract").inner_text().startswith("Abstract")
    assert page.locator(".lang-switcher a[aria-current=true]").inner_text() == "English"
    assert page.problems == []


def test_root_chooser_and_404_open_without_errors(built_site, page):
    page.goto((built_site / "index.html").as_uri())
    page.locator("section[lang=en] .button").click()
    page.wait_for_url("**/en/index.html")
    page.goto((built_site / "404.html").as_uri())
    assert page.locator("section[lang=ru] h2").inner_text() == "Страница не найдена"
    page.locator("section[lang=kk] a").click()
    page.wait_for_url("**/kk/index.html")
    assert page.problems == []


def test_the_stylesheet_loads_from_file(built_site, page):
    page.goto((built_site / "ru" / "index.html").as_uri())
    colour = page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                           ".borderBottomStyle")
    assert colour == "solid"
    assert page.problems == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_charts_become_interactive_from_file(built_site, page, lang):
    page.goto((built_site / lang / "data.html").as_uri())
    make_charts_live(page)
    assert page.locator(".chart").count() >= 2
    live = page.locator("#fig-external_flows_2022 .chart-live svg")
    assert live.count() == 1
    # The browser's axis labels use the same CLDR locale as the build-time SVG.
    ticks = page.locator("#fig-external_flows_2022 .chart-live svg text").all_text_contents()
    expected = {"kk": "100\u00a0000", "ru": "100\u00a0000", "en": "100,000"}[lang]
    assert expected in ticks
    # Hovering a bar shows a tooltip with the values (progressive enhancement).
    page.locator("#fig-survey_attitudes .chart-live svg text[aria-roledescription='text mark']").first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip()
    assert page.problems == []


def test_charts_are_readable_without_javascript(built_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / "en" / "data.html").as_uri())
    svg = page.locator("#fig-survey_attitudes .chart svg >> visible=true")
    assert svg.count() == 1 and svg.bounding_box()["width"] > 200  # one form in one theme
    assert "Positive 45%" in page.locator("#fig-survey_attitudes .chart").inner_text()
    context.close()


@pytest.fixture(scope="module")
def unzipped(real_site, tmp_path_factory) -> Path:
    """The offline archive, unzipped into a fresh folder as a reader would."""
    import zipfile

    from reportsite.build.archive import write_archive
    site, outputs = real_site
    path = write_archive(site.config, outputs, tmp_path_factory.mktemp("dist"))
    target = tmp_path_factory.mktemp("reader")
    with zipfile.ZipFile(path) as archive:
        archive.extractall(target)
    (folder,) = target.iterdir()
    return folder


def test_every_page_of_the_unzipped_archive_works_offline(unzipped, page):
    pages = sorted(p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*.html"))
    assert len(pages) == 13 and "404.html" not in pages  # 12 language pages and the start page
    for name in pages:
        page.goto((unzipped / name).as_uri())
        if page.locator(".chart").count():
            make_charts_live(page)
        if "/" in name:  # a language page: its switcher leads to the same page elsewhere
            lang, filename = name.split("/")
            assert page.locator(".lang-switcher a").count() == 3, name
            for link in page.locator(".lang-switcher a").all():
                target = (unzipped / lang / link.get_attribute("href")).resolve()
                assert target.name == filename and target.is_file(), (name, target)
        assert page.problems == [], (name, page.problems)
