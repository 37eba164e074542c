"""Quality gates on the real site: the Nu Html Checker and axe-core, every page."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, make_charts_live, wait_until_shown

VNU_JAR = Path(os.environ.get("VNU_JAR", REPO / ".venv/node/node_modules/vnu-jar/build/dist/vnu.jar"))


def vnu(*pages: Path) -> dict:
    """Run the Nu Html Checker on pages: its JSON report (messages) and exit status. It
    exits 0 and prints nothing when every page is valid, 1 with a JSON report when one is
    not; anything else means it did not check the pages."""
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json",
                             *map(str, pages)], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), f"vnu exited {result.returncode}: {result.stderr[-2000:]}"
    if result.returncode == 0 and not result.stderr.strip():
        return {"messages": [], "exit": 0}
    try:
        report = json.loads(result.stderr)
    except ValueError:
        pytest.fail(f"vnu exited {result.returncode} without a JSON report: "
                    f"{result.stderr[-2000:]}", pytrace=False)
    return {"messages": report["messages"], "exit": result.returncode}


@pytest.fixture(scope="module")
def built_site(real_built) -> Path:
    """The real site, built once for the run."""
    return real_built


def test_every_page_is_valid_html(built_site):
    assert VNU_JAR.is_file(), "make test installs vnu-jar from the npm registry"
    assert shutil.which("java"), "make test installs Java when it is missing"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) == 14
    result = vnu(*pages)  # each page named, so none can be left out unnoticed
    errors = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in result["messages"] if m["type"] == "error"]
    assert errors == []
    assert result["exit"] == 0, result


def test_the_validator_can_fail(tmp_path):
    """The gate above is real: a broken page is reported."""
    page = tmp_path / "broken.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><figure><p>a</p>"
                    "<figcaption>c</figcaption><p>b</p></figure>")
    result = vnu(page)
    assert [m["message"] for m in result["messages"] if m["type"] == "error"] == [
        "Element “p” not allowed as child of element “figure” in this context. (Suppressing "
        "further errors from this subtree.)"]
    assert result["exit"] == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(built_site, chromium, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) == 14
    for path in pages:
        page.goto(path.as_uri())
        wait_until_shown(page)
        if page.locator(".chart").count():  # audit the page as readers get it: with the
            make_charts_live(page)             # interactive charts
        for violation in axe.run(page).response["violations"]:
            found.append((path.relative_to(built_site).as_posix(), violation["id"],
                          violation["impact"], [n["target"] for n in violation["nodes"]][:3]))
    context.close()
    assert found == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_the_search_open(built_site, chromium, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    found = []
    for name, query in (("kk/article.html", "мигранттар"), ("ru/data.html", "мигрантов"),
                        ("en/index.html", "migrants")):
        page.goto((built_site / name).as_uri())
        page.fill("#search-input", query)
        page.wait_for_selector("#search-status:not(:empty)", state="attached", timeout=10000)
        assert page.locator(".search-results mark").count() > 0
        for violation in axe.run(page).response["violations"]:
            found.append((name, violation["id"], violation["impact"],
                          [n["target"] for n in violation["nodes"]][:3]))
    context.close()
    assert found == []


def test_keyboard_reaches_content_switcher_and_chart_data(built_site, chromium):
    page = chromium.new_page()
    page.goto((built_site / "kk" / "data.html").as_uri())
    wait_until_shown(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    page.goto((built_site / "kk" / "data.html").as_uri())
    wait_until_shown(page)
    focused = []
    for _ in range(6):  # from the top: skip link, brand, then the switcher
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.getAttribute('hreflang')"))
    assert {"kk", "ru", "en"} <= set(focused)
    summary = page.locator("#fig-survey_attitudes summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#fig-survey_attitudes details").get_attribute("open") is not None
    page.close()
