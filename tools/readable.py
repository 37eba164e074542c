"""What a reader sees of the site's tables and charts, measured in Chromium: the gate of
tests/test_readable.py, and the figures `make screenshots` (tools/screenshots.py) writes
into docs/QUALITY.md.

Every page is opened at 390 x 844 (a phone) and 1366 x 900 (a laptop), in the light and
the dark colour scheme, with its charts static and then interactive, and under print
emulation at the width of an A4 page's text (site.css's @page). In each state:

(a) no table and no chart is wider than the box that shows it (its scroll container, or
    the page), unless that box scrolls and says so: an edge shadow and a hint; at 1366
    px not even then (every column of every table of this site shows);
(b) the smallest chart text, as drawn (its font size times the SVG's scale), is 11 px
    or more, static and interactive;
(c) nothing is wider than the viewport;
(d) every chart mark (bars, areas, symbols, lines) stands out from the chart's
    background by 3:1 or more (WCAG's non-text contrast), in both themes; and a chart is
    drawn in the page's scheme (no light chart on a dark page, nor the other way).

A finding names the page, the view, the element and the measurement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

VIEWS = {  # name -> (width, height, colour scheme)
    "390x844 light": (390, 844, "light"), "390x844 dark": (390, 844, "dark"),
    "1366x900 light": (1366, 900, "light"), "1366x900 dark": (1366, 900, "dark"),
}
# A4 (210 mm) less site.css's @page margins (15 mm at each side) at 96 px per inch.
PRINT = ("print A4", (round(180 / 25.4 * 96), 1000, "light"))
DESKTOP = 1366  # from this width on, no table may scroll at all
MIN_TEXT = 11.0  # px
MIN_CONTRAST = 3.0

MEASURE = r"""() => {
  const view = document.documentElement.clientWidth;
  const shown = e => e.getClientRects().length > 0;
  const label = e => {
    const owner = e.closest('figure[id]') || e.parentElement.closest('[id]');
    const box = e.closest('.chart-box');
    const form = box ? ` (${box.dataset.form}, ${box.dataset.theme}${
      box.classList.contains('is-live') ? ', interactive' : ', static'})` : '';
    return (owner ? '#' + owner.id + ' ' : '') + e.tagName.toLowerCase() + form;
  };
  const clipper = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return a;
    }
    return null;
  };
  const rect = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; };
  const items = [];
  const charts = [...document.querySelectorAll('.chart svg')]
    .filter(s => shown(s) && !s.parentElement.closest('svg'));
  for (const element of [...document.querySelectorAll('table')].filter(shown).concat(charts)) {
    const [left, right, width] = rect(element);
    const box = clipper(element);
    let where = null;
    if (box) {
      const style = getComputedStyle(box), before = getComputedStyle(box, '::before');
      const [bl, br] = rect(box);
      where = {element: label(box) + '.' + box.className.split(' ')[0], width: box.clientWidth,
        left: bl, right: br,
        scrolls: ['auto', 'scroll'].includes(style.overflowX),
        shadow: style.backgroundImage.includes('gradient')
          && style.backgroundAttachment.split(',').some(v => v.trim() === 'local'),
        hint: before.display !== 'none' && !['none', 'normal'].includes(before.content)};
    }
    items.push({element: label(element), kind: element.tagName === 'svg' ? 'chart' : 'table',
                left, right, width, box: where});
  }
  const texts = [], marks = [], backgrounds = [];
  for (const svg of charts) {
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const ctm = text.getScreenCTM();
      texts.push({element: label(svg), text: text.textContent.trim().slice(0, 40),
        size: parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b)});
    }
    // The chart's own background: the SVG's (vega-embed), its first rect (vl-convert),
    // else the box it stands in.
    const ground = svg.querySelector(':scope > rect');
    const own = getComputedStyle(svg).backgroundColor;
    const background = !/^rgba\(.*,\s*0\)$|transparent/.test(own) ? own
      : ground ? getComputedStyle(ground).fill
      : getComputedStyle(svg.closest('.chart')).backgroundColor;
    backgrounds.push({element: label(svg), background});
    const drawn = svg.querySelectorAll(['rect', 'symbol', 'area', 'arc', 'line', 'rule', 'trail']
      .map(kind => `g.mark-${kind}.role-mark > path, g.mark-${kind}.role-mark > line`).join(', '));
    for (const mark of drawn) {
      const style = getComputedStyle(mark);
      const stroked = /mark-(line|rule|trail)/.test(mark.parentElement.getAttribute('class'));
      const colour = stroked || style.fill === 'none' ? style.stroke : style.fill;
      marks.push({element: label(svg), mark: mark.getAttribute('aria-label') || '', colour,
                  background});
    }
  }
  const wider = [];
  if (document.documentElement.scrollWidth > view) {
    for (const e of document.body.querySelectorAll('*')) {
      if (!shown(e) || clipper(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.right > view + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > view + 1)) {
        wider.push(label(e) + ' ' + Math.round(r.right) + ' px');
      }
    }
  }
  return {view, scrollWidth: document.documentElement.scrollWidth, items, texts, marks,
          backgrounds, wider: wider.slice(0, 5),
          dark: matchMedia('screen and (prefers-color-scheme: dark)').matches};
}"""

# Folded parts opened, then two frames: scroll-state queries (the tables' hints) are
# evaluated once per frame, after layout.
OPEN_DETAILS = """() => { document.querySelectorAll('details').forEach(d => { d.open = true; });
  return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""
SHOWN = "() => !document.documentElement.classList.contains('fonts-loading')"
ALL_LIVE = ("document.querySelectorAll('.chart.is-live').length === "
            "document.querySelectorAll('.chart').length")


@dataclass
class Figures:
    """What the gate measured on one kind of page in one view: for docs/QUALITY.md."""

    smallest_text: float | None = None  # px, the smallest chart text drawn
    widest: tuple[float, float] | None = None  # (content px, box px) of the most overfull
    tables: int = 0
    charts: int = 0


@dataclass
class Report:
    """Every finding of the gate, and the figures per (page kind, view)."""

    problems: list[str] = field(default_factory=list)
    figures: dict[tuple[str, str], Figures] = field(default_factory=dict)


def luminance(colour: tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def rgb(css: str) -> tuple[int, int, int] | None:
    """A computed CSS colour ("rgb(58, 135, 200)", "#3a87c8") as (r, g, b); None for none
    and for fully transparent colours."""
    found = re.match(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+))?", css)
    if found:
        if found.group(4) is not None and float(found.group(4)) == 0:
            return None
        return tuple(round(float(found.group(n))) for n in (1, 2, 3))  # type: ignore[return-value]
    found = re.match(r"#([0-9a-fA-F]{6})$", css.strip())
    return tuple(int(found.group(1)[i:i + 2], 16) for i in (0, 2, 4)) if found else None  # type: ignore[return-value]


def findings(raw: dict, where: str, desktop: bool) -> list[str]:
    """The gate's findings in one measured state of one page ("kk/data.html, 390x844
    dark, static")."""
    found = []
    view = raw["view"]
    for item in raw["items"]:
        box, width = item["box"], item["width"]
        if box and width > box["width"] + 1:
            said = f"{where}: {item['element']} is {width:.0f} px wide in a {box['width']} px box"
            if desktop:
                found.append(f"{said} ({box['element']}): at {DESKTOP} px every column must show")
            elif not (box["scrolls"] and box["shadow"] and box["hint"]):
                lacks = [name for name in ("scrolls", "shadow", "hint") if not box[name]]
                found.append(f"{said} ({box['element']}) without a scroll affordance: "
                             f"no {', no '.join(lacks)}")
        left, right = (box["left"], box["right"]) if box else (item["left"], item["right"])
        if right > view + 1 or left < -1:
            found.append(f"{where}: {item['element']} reaches from {left:.0f} to {right:.0f} px, "
                         f"outside the {view} px viewport")
    if raw["scrollWidth"] > view:
        found.append(f"{where}: the page is {raw['scrollWidth']} px wide in a {view} px viewport "
                     f"({'; '.join(raw['wider'])})")
    for text in raw["texts"]:
        if text["size"] < MIN_TEXT - 0.05:
            found.append(f"{where}: {text['element']}: chart text “{text['text']}” is drawn at "
                         f"{text['size']:.1f} px (at least {MIN_TEXT:g})")
    for chart in raw["backgrounds"]:
        colour = rgb(chart["background"])
        if colour and raw["dark"] != (luminance(colour) < 0.2):
            found.append(f"{where}: {chart['element']}: a {'light' if raw['dark'] else 'dark'} "
                         f"chart ({chart['background']}) on a "
                         f"{'dark' if raw['dark'] else 'light'} page")
    for mark in raw["marks"]:
        colour, background = rgb(mark["colour"]), rgb(mark["background"])
        if colour and background and contrast(colour, background) < MIN_CONTRAST:
            found.append(f"{where}: {mark['element']}: mark {mark['mark'][:40]!r} "
                         f"{mark['colour']} on {mark['background']}: "
                         f"{contrast(colour, background):.2f}:1 (at least {MIN_CONTRAST:g}:1)")
    return found


def tally(figures: Figures, raw: dict) -> None:
    """Add one state's measurements to a page kind's figures."""
    sizes = [text["size"] for text in raw["texts"]]
    if sizes:
        smallest = min(sizes)
        figures.smallest_text = smallest if figures.smallest_text is None \
            else min(figures.smallest_text, smallest)
    for item in raw["items"]:
        if item["kind"] != "table":
            continue
        box = item["box"]["width"] if item["box"] else raw["view"]
        if figures.widest is None or item["width"] / box > figures.widest[0] / figures.widest[1]:
            figures.widest = (item["width"], box)
    figures.tables = max(figures.tables, sum(i["kind"] == "table" for i in raw["items"]))
    figures.charts = max(figures.charts, sum(i["kind"] == "chart" for i in raw["items"]))


def page_kind(name: str) -> str:
    """A page's kind by its path: "root", "404", or the language page's name ("article")."""
    if "/" not in name:
        return {"index.html": "root", "404.html": "404"}.get(name, name)
    stem = name.split("/", 1)[1].removesuffix(".html")
    return "overview" if stem == "index" else stem


def make_live(page) -> None:
    """Bring each chart into view, as a reader scrolling down would, until every one is
    interactive."""
    charts = page.locator(".chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(ALL_LIVE, timeout=20000)


def check_pages(browser, site: Path, names: list[str], style: str | None = None,
                views: dict | None = None, print_view: bool = True) -> Report:
    """Open every page in every view and measure it; style: CSS added to each page (to
    show that the gate fails when a rule of site.css is undone)."""
    report = Report()
    for view, (width, height, scheme) in (views or VIEWS).items():
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme=scheme)
        page = context.new_page()
        for name in names:
            open_page(page, site / name, style)
            states = ["static", "interactive"] if page.locator(".chart").count() else ["static"]
            for state in states:
                if state == "interactive":
                    make_live(page)
                record(report, page, name, f"{view}, {state}", view, width >= DESKTOP)
        context.close()
    if print_view:
        view, (width, height, scheme) = PRINT
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for name in names:
            open_page(page, site / name, style)
            page.emulate_media(media="print")
            record(report, page, name, view, view, False)
            page.emulate_media(media="screen")
        context.close()
    return report


def open_page(page, path: Path, style: str | None) -> None:
    """Load a page, wait until it shows itself, open its folded parts."""
    page.goto(path.as_uri())
    page.wait_for_function(SHOWN)
    if style:
        page.add_style_tag(content=style)
    page.evaluate(OPEN_DETAILS)


def record(report: Report, page, name: str, state: str, view: str, desktop: bool) -> None:
    """Measure the page in its present state into the report."""
    raw = page.evaluate(MEASURE)
    report.problems += findings(raw, f"{name}, {state}", desktop)
    tally(report.figures.setdefault((page_kind(name), view), Figures()), raw)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths from its root, sorted."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
