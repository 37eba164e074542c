"""The gate: every table and chart readable on a phone, on a desktop, in print and in the
dark, measured in Chromium on every page of every language (tools/readable.py says what
is measured), and shown to fail when a table is forced back into the text column."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO, wait_until_shown

sys.path.insert(0, str(REPO / "tools"))
import readable  # noqa: E402  (tools/readable.py: the gate's measurements)
import screenshots  # noqa: E402  (tools/screenshots.py: make screenshots)

sys.path[:] = [entry for entry in sys.path if entry != str(REPO / "tools")]

pytestmark = pytest.mark.browser

# The text column as it was: tables kept in it, scrolling where they do not fit.
BACK_IN_THE_COLUMN = ".table-figure { display: block !important; }"


@pytest.fixture(scope="module")
def built_site(real_built) -> Path:
    """The real site, built once for the run."""
    return real_built


def test_every_table_and_chart_is_readable_in_every_view(built_site, chromium):
    """(a) no table or chart wider than its box without a scroll affordance, and none at
    all at 1366 px; (b) chart text 11 px or more, static and interactive; (c) nothing
    wider than the viewport; (d) chart marks 3:1 against the chart's background, each
    chart in the page's scheme: 14 pages x (4 views + print)."""
    pages = readable.site_pages(built_site)
    assert len(pages) == 14
    report = readable.check_pages(chromium, built_site, pages)
    assert report.problems == []
    # It measured what it says it did: the tables and charts of the data pages, both
    # kinds of chart, small text nowhere.
    data = report.figures[("data", "390x844 dark")]
    assert data.tables == 9 and data.charts == 2
    assert report.figures[("article", "1366x900 light")].tables == 3
    assert all(figures.smallest_text is None or figures.smallest_text >= readable.MIN_TEXT - .05
               for figures in report.figures.values())
    assert report.figures[("overview", "print A4")].charts == 2


def test_the_gate_fails_when_a_table_is_forced_back_into_the_text_column(built_site, chromium):
    """The key figures (Table 3, 8 columns) in the 38-rem column at 1366 px: the gate
    names the page, the view, the table and its width against its box."""
    views = {name: view for name, view in readable.VIEWS.items() if name == "1366x900 light"}
    report = readable.check_pages(chromium, built_site, ["kk/data.html"],
                                  style=BACK_IN_THE_COLUMN, views=views, print_view=False)
    key_figures = [p for p in report.problems if "#tbl-key_figures table" in p]
    assert len(key_figures) == 2, report.problems  # with the charts static, then interactive
    problem = key_figures[0]
    assert problem.startswith("kk/data.html, 1366x900 light, static: #tbl-key_figures table is ")
    width, box = (float(problem.split(" is ")[1].split(" px")[0]),
                  float(problem.split(" in a ")[1].split(" px")[0]))
    assert box == 646 and width > 800  # the column, and the table's rows unbroken
    assert problem.endswith("at 1366 px every column must show")


def test_the_gate_fails_on_a_phone_without_the_scroll_affordance(built_site, chromium):
    """At 390 px a table may scroll, but only with its edge shadow and its hint."""
    views = {name: view for name, view in readable.VIEWS.items() if name == "390x844 light"}
    report = readable.check_pages(
        chromium, built_site, ["ru/article.html"], views=views, print_view=False,
        style=".table-figure .table-scroll { background: none !important; }"
              " .table-figure .table-scroll::before { display: none !important; }"
              " #tbl-external_flows_2022 table { min-width: 30rem; }")
    assert report.problems and all(" without a scroll affordance: no shadow, no hint" in p
                                   for p in report.problems), report.problems
    assert any(p.startswith("ru/article.html, 390x844 light, static: #tbl-external_flows_2022 "
                            "table is 480 px wide in a ") for p in report.problems)


def test_the_gate_measures_small_text_and_faint_marks(built_site, chromium):
    """Chart text drawn under 11 px and a bar of 1.3:1 against white are named."""
    views = {name: view for name, view in readable.VIEWS.items() if name == "390x844 light"}
    report = readable.check_pages(
        chromium, built_site, ["en/data.html"], views=views, print_view=False,
        style=".chart-box[data-form] { max-width: 60%; }"
              " #fig-survey_attitudes g.mark-rect path { fill: #f0e442; }")
    small = [p for p in report.problems if "chart text" in p]
    faint = [p for p in report.problems if ": mark " in p]
    assert small and all(" is drawn at " in p and "(at least 11)" in p for p in small)
    assert faint and all("rgb(240, 228, 66) on rgb(255, 255, 255): 1.32:1" in p for p in faint)
    assert {p.split(": ")[0] for p in small + faint} == {
        "en/data.html, 390x844 light, static", "en/data.html, 390x844 light, interactive"}


def test_contrast_follows_wcag():
    assert readable.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert readable.contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=.01)
    assert readable.rgb("rgb(58, 135, 200)") == (58, 135, 200)
    assert readable.rgb("#3A87C8") == (58, 135, 200)
    assert readable.rgb("rgba(0, 0, 0, 0)") is None and readable.rgb("none") is None


def test_the_phone_header_is_short_and_tells_languages_from_pages(built_site, chromium):
    """At 390 px the header takes at most 160 px (it took 190, 23 % of the screen), and
    the language switcher does not look like the page navigation."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    for name in ("kk/index.html", "ru/article.html", "en/data.html"):
        page.goto((built_site / name).as_uri())
        wait_until_shown(page)
        height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect()"
                               ".height")
        assert height <= 160, (name, height)
        look = "e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.fontSize]; }"
        assert page.locator(".lang-switcher a").first.evaluate(look) != \
            page.locator(".site-nav a").first.evaluate(look)
        label, field = (page.locator(f".site-search {tag}").bounding_box()
                        for tag in ("label", "input"))
        assert abs(label["y"] + label["height"] / 2 - field["y"] - field["height"] / 2) < 4
    context.close()


SHOWN_CHARTS = r"""() => [...document.querySelectorAll('.chart')].map(chart => {
  const box = [...chart.querySelectorAll('.chart-box')].find(b => b.getClientRects().length);
  const svg = box.querySelector('svg');
  const filters = [];
  for (let e = box; e; e = e.parentElement) {
    const f = getComputedStyle(e).filter;
    if (f !== 'none') filters.push(e.tagName + ' ' + f);
  }
  const own = getComputedStyle(svg).backgroundColor;
  const ground = svg.querySelector(':scope > rect');
  return {id: chart.closest('figure').id, theme: box.dataset.theme, spec: box.dataset.spec,
    live: box.classList.contains('is-live'), filters,
    background: !/^rgba\(.*,\s*0\)$|transparent/.test(own) ? own : getComputedStyle(ground).fill,
    fills: [...svg.querySelectorAll('g.mark-rect.role-mark > path')]
      .map(p => getComputedStyle(p).fill)};
})"""


def palette(spec: dict) -> set[tuple[int, int, int]]:
    """The data colours a chart module chose: every colour scale's range, every mark colour."""
    found = set()

    def walk(node, key=""):
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in ("range", "color", "fill") and readable.rgb(node):
            found.add(readable.rgb(node))
    walk(spec)
    return found


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_charts_show_their_palette_in_both_schemes_and_tooltips_follow(built_site, chromium,
                                                                       width, height):
    """In Chromium, on a phone and a laptop: the chart shown is the reader's scheme's,
    drawn on that theme's background with no CSS filter anywhere above it, its bars in
    exactly the module's palette, the same colours light and dark (so a download, drawn
    light, has the legend the reader saw), static and interactive; the interactive
    tooltip is in the page's colours and type and covers at most 40 % of its chart."""
    import json

    seen = {}
    for scheme in ("light", "dark"):
        context = chromium.new_context(viewport={"width": width, "height": height},
                                       color_scheme=scheme)
        page = context.new_page()
        page.goto((built_site / "kk/data.html").as_uri())
        wait_until_shown(page)
        themes = json.loads(page.locator("#chart-themes").text_content())
        ground = readable.rgb(themes[scheme]["background"])
        for state in ("static", "interactive"):
            if state == "interactive":
                readable.make_live(page)
            charts = page.evaluate(SHOWN_CHARTS)
            assert len(charts) == 2
            for chart in charts:
                where = (width, scheme, state, chart["id"])
                spec = json.loads(page.locator(f"#{chart['spec']}").text_content())
                colours = {readable.rgb(fill) for fill in chart["fills"]}
                assert chart["theme"] == scheme and chart["live"] == (state == "interactive")
                assert chart["filters"] == [], where
                assert readable.rgb(chart["background"]) == ground, (where, chart["background"])
                assert len(colours) >= 2 and colours <= palette(spec), (where, colours)
                seen.setdefault(chart["id"], {}).setdefault(scheme, set()).update(colours)
        page_colours = page.evaluate("() => { const s = getComputedStyle(document.body);"
                                     " return [s.backgroundColor, s.color]; }")
        for chart_id in seen:
            bar = page.locator(f"#{chart_id} .chart-box.is-live g.mark-rect.role-mark path").first
            bar.scroll_into_view_if_needed()
            bar.hover(force=True)
            tip = page.locator("#vg-tooltip-element")
            tip.wait_for(state="visible", timeout=5000)
            look = tip.evaluate("t => { const s = getComputedStyle(t);"
                                " return [s.backgroundColor, s.color, s.fontFamily]; }")
            assert look[:2] == page_colours and look[2].startswith('"Noto Serif"'), look
            shown = tip.bounding_box()
            chart_box = page.locator(f"#{chart_id} .chart-box.is-live").bounding_box()
            share = shown["width"] * shown["height"] / (chart_box["width"] * chart_box["height"])
            assert share <= .4 and shown["x"] >= 0 and shown["x"] + shown["width"] <= width, \
                (width, scheme, chart_id, round(share, 2), shown)
        context.close()
    for chart_id, by_scheme in seen.items():
        assert by_scheme["light"] == by_scheme["dark"], (chart_id, by_scheme)


TABLE_TEXTS = """id => { const figure = document.getElementById(id);
  const text = e => e.textContent.replace(/\\s+/g, ' ').trim();
  return {caption: text(figure.querySelector('figcaption')),
          source: text(figure.querySelector('.source')),
          headers: [...figure.querySelectorAll('thead th')].map(text),
          cells: [...figure.querySelectorAll('tbody th, tbody td')].map(text)}; }"""


def printed_pages(page) -> tuple[list[str], list[float], list]:
    """Chromium's print of the page (as a reader's Print... gives it): each page's text as
    laid out with its spaces taken out (pypdf splits some words at their kerning), the
    lowest line of its body (pt from the bottom) and the page box."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    texts, lowest = [], []
    for sheet in reader.pages:
        heights = []
        sheet.extract_text(visitor_text=lambda text, cm, tm, *_: heights.append(
            cm[5] + tm[5] * cm[3]) if text.strip() else None)
        texts.append("".join(sheet.extract_text(extraction_mode="layout").split()))
        body = [y for y in heights if y > 45]  # above the page number (@bottom-center)
        lowest.append(min(body) if body else float(sheet.mediabox.height))
    return texts, lowest, [sheet.mediabox for sheet in reader.pages]


def unspaced(text: str) -> str:
    """Text without its whitespace, as printed_pages gives a page's."""
    return "".join(text.split())


def print_findings(browser, site: Path, name: str, table: str, style: str | None = None,
                   spans: bool = True) -> list[str]:
    """What is wrong with a browser's print of a page and of one long table on it: pages
    not A4 or not numbered 'n / N', a page before the last ending above 35 % of its height
    (a few lines left alone by something pushed whole to the next page), the table on one
    page only, a page of it without its header at the top, a word of a cell not printed."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / name).as_uri())
    wait_until_shown(page)
    if style:
        page.add_style_tag(content=style)
    shown = page.evaluate(TABLE_TEXTS, table)
    texts, lowest, boxes = printed_pages(page)
    context.close()
    found = [f"{name}: page {n} is {b.width} x {b.height} pt, not A4"
             for n, b in enumerate(boxes, 1)
             if (round(float(b.width)), round(float(b.height))) != (595, 842)]
    found += [f"{name}: page {n} does not end with its number '{n} / {len(texts)}'"
              for n, text in enumerate(texts, 1) if not text.endswith(f"{n}/{len(texts)}")]
    found += [f"{name}: page {n} ends {y:.0f} pt above its foot (at most "
              f"{.35 * float(boxes[0].height):.0f})" for n, y in enumerate(lowest[:-1], 1)
              if y > .35 * float(boxes[0].height)]
    caption, source = unspaced(shown["caption"]), unspaced(shown["source"])
    first = next(n for n, text in enumerate(texts) if caption in text)
    starts = [texts[first].find(caption)] + [0] * (len(texts) - first - 1)
    last = next(n for n in range(first, len(texts)) if source in texts[n][starts[n - first]:])
    if last == first and spans:
        found.append(f"{name}: #{table} is printed on one page")
    heads = [header.split()[0] for header in shown["headers"]]
    for number in range(first, last + 1):
        top = texts[number][starts[number - first]:][:300]
        lacking = [head for head in heads if head not in top]
        if lacking:
            found.append(f"{name}: page {number + 1} of #{table} lacks its header {lacking}")
    span = "".join(texts[first:last + 1])
    missing = sorted({word for cell in shown["cells"] for word in cell.split()
                      if word not in span})
    if missing:
        found.append(f"{name}: #{table} does not print {missing[:10]}")
    return found


@pytest.mark.parametrize("name, table, spans", [
    ("kk/article.html", "fig-internal-flows", False), ("kk/data.html", "tbl-key_figures", True),
    ("ru/data.html", "tbl-key_figures", True), ("en/data.html", "tbl-key_figures", True)])
def test_a_browser_prints_long_tables_whole_over_numbered_pages(built_site, chromium, name,
                                                                table, spans):
    """A browser's print: A4 pages numbered 'n / N'; no page of a few lines before a
    table or a codebook pushed whole to the next; a long table runs over two pages or more
    with its header at the top of each, and every word of every cell printed. (The
    article's Figure 1, one column narrower since its ranges share a cell, may fit one
    page: where it breaks is checked, not that it does.)"""
    assert print_findings(chromium, built_site, name, table, spans=spans) == []


@pytest.mark.parametrize("style, expected", [
    (".codebook tr { break-inside: avoid !important; }",
     "ru/data.html: page 5 ends 478 pt above its foot (at most 295)"),
    ("@media print { .table-scroll { overflow: auto !important; max-width: 30rem !important; }"
     " thead { display: table-row-group !important; } }",
     "ru/data.html: #tbl-key_figures does not print ['")])
def test_the_print_check_fails_on_a_clipped_table_and_a_page_left_half_empty(
        built_site, chromium, style, expected):
    """Undo a print rule of site.css and the print check says what went wrong: a codebook
    row kept whole leaves a page half empty; a table clipped by its scroll box loses its
    last column, and its header is not repeated."""
    found = print_findings(chromium, built_site, "ru/data.html", "tbl-key_figures", style)
    assert any(finding.startswith(expected) for finding in found), found
    if "thead" in style:
        assert any("lacks its header" in finding for finding in found), found


def test_the_screenshots_in_docs_are_the_tools_and_shown():
    """docs/screenshots/ holds exactly what make screenshots makes (each kind of page on
    each screen in each scheme, small lossless WebP), and docs/QUALITY.md shows each with
    the gate's figures for each kind of page."""
    expected = {f"{kind}-{width}-{scheme}.webp" for kind in screenshots.KINDS
                for width in screenshots.SCREENS for scheme in screenshots.SCHEMES}
    folder = REPO / "docs" / "screenshots"
    assert {path.name for path in folder.iterdir()} == expected
    sizes = [(folder / name).stat().st_size for name in expected]
    assert max(sizes) <= 100 * 1024 and sum(sizes) <= 1536 * 1024, sorted(sizes)[-3:]
    for name in expected:
        assert (folder / name).read_bytes()[8:16] == b"WEBPVP8L"  # lossless
    section = (REPO / "docs" / "QUALITY.md").read_text(encoding="utf-8").split(
        screenshots.START)[1].split(screenshots.END)[0]
    assert all(f"(screenshots/{name})" in section for name in expected)
    for kind in screenshots.KINDS:
        assert f"| {kind} | 390x844 light | " in section and f"| {kind} | print A4 | " in section
    assert "Gate findings: 0." in section


NUMBER_COLUMNS = """id => {
  const table = document.querySelector('#' + id + ' table');
  const heads = [...table.querySelectorAll('thead th')];
  return heads.map((th, column) => {
    const cells = [...table.querySelectorAll('tbody tr')]
      .map(tr => tr.children[column]).filter(cell => cell && cell.classList.contains('num'));
    const lines = e => { const range = document.createRange(); range.selectNodeContents(e);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; };
    return {head: th.textContent.trim(), numeric: th.classList.contains('num'),
            headLines: lines(th), headWrap: getComputedStyle(th).whiteSpace,
            rights: cells.map(c => { const range = document.createRange();
              range.selectNodeContents(c); const r = range.getBoundingClientRect();
              return Math.round(c.getBoundingClientRect().right - r.right); }),
            cellLines: Math.max(0, ...cells.map(lines))};
  }).filter(column => column.numeric);
}"""


def test_heading_cells_wrap_and_numbers_line_up(built_site, chromium):
    """At 1366 px the key figures' numeric headings may take two lines ('Жоғарғы мәні')
    while every number, and the '—' of an empty cell, stays on one line, each column's
    right edges equal."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for name in ("kk/data.html", "ru/data.html"):
        page.goto((built_site / name).as_uri())
        wait_until_shown(page)
        columns = page.evaluate(NUMBER_COLUMNS, "tbl-key_figures")
        assert len(columns) >= 3, columns
        assert all(column["headWrap"] != "nowrap" for column in columns)
        assert any(column["headLines"] == 2 for column in columns), columns
        for column in columns:
            assert column["cellLines"] == 1 and len(set(column["rights"])) == 1, (name, column)
    context.close()
