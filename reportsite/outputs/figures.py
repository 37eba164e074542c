"""What charts add to the site: each chart's downloads in each language (SVG, PNG, and
the plotted data as CSV headed in that language), and, when a page shows a chart, the
chart runtime (the vega bundle and the theme's glue, loaded on demand).

A downloaded chart describes itself, as it will be seen apart from its page: above it,
its number and caption as the first page that shows it gives them ("1-диаграмма. …");
below it, its source line and the full reference it names, the licence of the site's
figures ("pending" until confirmed) and, with base_url, the address of the chart on that
page. It is drawn in the light theme (its data colours are those of the page in either
theme), in the page's type: the SVG embeds the subset of Noto Serif its text needs."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass
from typing import Callable, Mapping
from xml.sax.saxutils import escape

from reportsite.core.cache import sha256
from reportsite.core.layout import CHARTS_DIR, RUNTIME, THEME_SHOWN
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site
from reportsite.core.signing import user_folder
from reportsite.core.typeface import FAMILY, embed_fonts, font_directory, wrap
from reportsite.core.chartforms import PALETTES
from reportsite.render.charts import ChartRender, Charts, svg_size

CHARTS_JS = RUNTIME / "charts.js"  # the generator's own chart glue
PAD = 16  # px around the chart and its texts
TITLE, SMALL = 14, 11  # px: the caption's size, the source's and licence's
FIGURE_RE = r'<figure class="chart-figure" id="{}">\s*<figcaption>(.*?)</figcaption>'


@dataclass(frozen=True)
class Frame:
    """The texts around a downloaded chart, in its language."""

    title: str  # "Chart 1. Caption" as its page shows it ('' if no page shows it)
    notes: tuple[str, ...]  # the source line, the reference, the licence, the URL


def add_figures(charts: Charts, outputs: Outputs) -> None:
    """Every chart's downloads in every language, and the runtime when there are charts."""
    renders = charts.make()
    frames = {key: chart_frame(charts.site, render, outputs) for key, render in renders.items()}
    for path, data in chart_files(renders, frames, charts).items():
        chart_id = path.rsplit("/", 1)[1].rsplit(".", 1)[0]
        outputs.add(path, data, f"{CHARTS_DIR}/{chart_id}.py")
    if renders and charts.renderer is not None:
        outputs.add("assets/vega.js", charts.renderer.bundle(), "vl-convert (javascript_bundle)")
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(),
                    f"{THEME_SHOWN}/runtime/charts.js")


def chart_files(charts: Mapping[tuple[str, str], ChartRender], frames: Mapping[tuple, Frame],
                made: Charts) -> dict[str, bytes]:
    """<lang>/figures/<id>.svg, .png and .csv (the plotted data, headed in that language)."""
    files = {}
    for (chart_id, lang), render in sorted(charts.items()):
        folder = f"{lang}/figures/{chart_id}"
        frame = frames[(chart_id, lang)]
        svg = made.cache.get_or_make("figure-svg", sha256(made.key, render.svg, repr(frame)),
                                     lambda: framed_svg(render.svg, frame))
        files[f"{folder}.svg"] = svg.encode()
        if made.renderer is not None:
            files[f"{folder}.png"] = made.renderer.svg_to_png(svg)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([title for _, title, _ in render.columns])
        writer.writerows([row.get(name) for name, _, _ in render.columns] for row in render.rows)
        files[f"{folder}.csv"] = buffer.getvalue().encode()
    return files


def chart_frame(site: Site, render: ChartRender, outputs: Outputs) -> Frame:
    """The texts around one chart's download: from the first page that shows it (in the
    site's order), the data package's sources, the reference list and site.yaml."""
    gettext: Callable[[str], str] = site.catalogs[render.lang].gettext
    title, source, place = "", "", None
    anchor = f"fig-{render.id}"
    for group in site.pages:
        path = f"{render.lang}/{group.key}.html"
        page = outputs.files[path].decode() if path in outputs.files else ""
        found = re.search(FIGURE_RE.format(re.escape(anchor)), page, re.S)
        if found:
            title = plain(found.group(1))
            rest = page[found.end():]
            line = re.search(r'<p class="source">(.*?)</p>', rest, re.S)
            source = plain(line.group(1)) if line else ""
            place = path
            break
    notes = [source] if source else []
    notes += [f"[{n}] {text}" for n, text in references(site, render)]
    license = site.config.license
    license_line = gettext("Text and figures: %(license)s.") % {"license": license.name} \
        + f" {license.spdx}"
    if not license.confirmed:
        license_line += " (" + gettext("pending the authors' confirmation") + ")"
    notes.append(license_line)
    if site.config.base_url and place:
        notes.append(f"{site.config.base_url}{place}#{anchor}")
    return Frame(title, tuple(notes))


def references(site: Site, render: ChartRender) -> list[tuple[int, str]]:
    """The references the chart's datasets come from, as the page's list shows them."""
    if site.references is None or site.data is None:
        return []
    numbers = [source.reference for name in render.sources
               for source in site.data.resource(name).sources if source.reference]
    entries = dict(site.references.entries(render.lang))
    return [(n, plain(entries[n].html)) for n in dict.fromkeys(numbers) if n in entries]


def plain(fragment: str) -> str:
    """An HTML fragment's text on one line."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def framed_svg(svg: str, frame: Frame) -> str:
    """The chart's SVG inside one with its title above and its notes below, on the light
    theme's background, the fonts embedded."""
    width, height = svg_size(svg)
    total = max(width, 480) + 2 * PAD
    colours = PALETTES["light"]
    lines: list[str] = []
    y = PAD
    for text in wrap(frame.title, total - 2 * PAD, TITLE, bold=True) if frame.title else []:
        y += TITLE + 4
        lines.append(text_line(text, y, TITLE, colours["text"], bold=True))
    top = y + (PAD // 2 if frame.title else 0)
    y = top + height + PAD // 2
    for note in frame.notes:
        for text in wrap(note, total - 2 * PAD, SMALL):
            y += SMALL + 4
            lines.append(text_line(text, y, SMALL, colours["muted"]))
    y += PAD
    inner = re.sub(r"^(?:<\?xml[^>]*>\s*)?<svg\b", f'<svg x="{(total - width) // 2}" y="{top}"',
                   svg.strip(), count=1)
    framed = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
              f'version="1.1" width="{total}" height="{y}" viewBox="0 0 {total} {y}">'
              f'<rect width="{total}" height="{y}" fill="{colours["background"]}"/>'
              + "".join(lines) + inner + "</svg>")
    return embed_fonts(framed, font_directory(user_folder()))


def text_line(text: str, y: int, size: int, colour: str, bold: bool = False) -> str:
    """One line of text at the frame's left margin."""
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{PAD}" y="{y}" font-family="{FAMILY}" font-size="{size}"{weight} '
            f'fill="{colour}">{escape(text)}</text>')
