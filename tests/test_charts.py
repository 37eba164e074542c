"""Charts: d3 locales from CLDR, safe embedding, and every part of every figure."""

from __future__ import annotations

import json
import re
import time

import pytest

from conftest import REPO
from htmlquery import find, parse
from reportsite.core.i18n import d3_format_locale, d3_time_format_locale, ldml_to_d3
from reportsite.render.charts import scope_svg_ids, spec_json

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def outputs(real_site):
    return real_site[1].files


def test_d3_format_locales_follow_cldr():
    kk, ru, en = (d3_format_locale(lang) for lang in ("kk", "ru", "en"))
    assert (kk["decimal"], kk["thousands"], kk["grouping"]) == (",", NBSP, [3])
    assert kk["currency"] == ["", NBSP + "₸"]
    assert (ru["decimal"], ru["thousands"], ru["percent"]) == (",", NBSP, NBSP + "%")
    assert ru["currency"] == ["", NBSP + "₽"]
    assert en == {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""],
                  "percent": "%", "minus": "-", "nan": "NaN"}


def test_d3_format_locales_agree_with_d3s_own_where_d3_has_one():
    import vl_convert

    for ours, d3s in (("ru", "ru-RU"), ("en", "en-US")):
        theirs = vl_convert.get_format_locale(d3s)
        mine = d3_format_locale(ours)
        assert (mine["decimal"], mine["thousands"], mine["grouping"]) == (
            theirs["decimal"], theirs["thousands"], theirs["grouping"])


def test_d3_time_locales_use_stand_alone_month_names():
    ru, kk, en = (d3_time_format_locale(lang) for lang in ("ru", "kk", "en"))
    assert ru["months"][0] == "январь" and ru["months"][10] == "ноябрь"  # not "января"
    assert kk["months"][0] == "Қаңтар" and kk["days"][0] == "жексенбі"
    assert en["shortDays"][:2] == ["Sun", "Mon"] and en["months"][11] == "December"
    assert ru["date"] == "%d.%m.%Y" and en["date"] == "%-m/%-d/%y"
    assert en["periods"] == ["AM", "PM"]


@pytest.mark.parametrize("pattern, expected", [
    ("d MMM y 'г'.", "%-d %b %Y г."), ("y 'ж'. dd MMM", "%Y ж. %d %b"), ("MMM d, y", "%b %-d, %Y"),
    ("HH:mm:ss", "%H:%M:%S"), ("h:mm a", "%-I:%M %p"), ("dd.MM.yy", "%d.%m.%y"),
    ("EEEE, d MMMM y", "%A, %-d %B %Y"), ("'o''clock' H", "o'clock %-H"), ("d '%'", "%-d %%")])
def test_ldml_patterns_become_d3_directives(pattern, expected):
    assert ldml_to_d3(pattern) == expected


def test_spec_json_cannot_break_out_of_its_script():
    spec = {"title": "</script><script>alert(1)</script><!-- & \u2028"}
    text = spec_json(spec)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == spec


def test_a_hostile_label_stays_inside_the_json(make_site, run):
    root = make_site({"data/datapackage.yaml": (REPO / "tests/fixtures/tiny/data/datapackage.yaml")
                      .read_text().replace("en: Tomato", 'en: "</script><!--<script>alert(1)</script>"')})
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    html = (root / "site/en/data.html").read_text()
    script = re.search(r'<script type="application/json" id="fig-harvest-spec">(.*?)</script>',
                       html, re.S).group(1)
    spec = json.loads(script)
    assert spec["data"]["values"][0]["crop"] == "</script><!--<script>alert(1)</script>"
    assert "<script>alert(1)" not in html.replace("&lt;script&gt;alert(1)", "")


def test_svg_ids_are_scoped_per_chart():
    svg = '<?xml version="1.0"?><svg><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>'
    assert scope_svg_ids(svg, "fig-a") == \
        '<svg><clipPath id="fig-a-clip1"/><g clip-path="url(#fig-a-clip1)"/></svg>'


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_figure_has_all_its_parts(outputs, lang):
    html = outputs[f"{lang}/data.html"].decode()
    elements = parse(html)
    figures = find(elements, "figure", class_="chart-figure")
    assert len(figures) >= 2
    for figure in figures:
        anchor = figure.attrs["id"]
        chart_id = anchor.removeprefix("fig-")
        inside = [e for e in elements if figure in e.ancestors]
        assert any(e.tag == "svg" for e in inside)  # build-time SVG, readable without JS
        spec = [e for e in inside if e.tag == "script" and e.attrs.get("id") == f"{anchor}-spec"]
        assert spec and json.loads(spec[0].text)["$schema"].startswith("https://vega.github.io/")
        assert [e for e in inside if e.tag == "details"]  # the data table
        assert find(inside, "p", class_="source")[0].text.strip()
        downloads = {e.attrs["href"] for e in inside if e.tag == "a" and "download" in e.attrs}
        assert downloads == {f"figures/{chart_id}.{ext}" for ext in ("csv", "svg", "png")}
        for ext in ("csv", "svg", "png"):
            assert outputs[f"{lang}/figures/{chart_id}.{ext}"]
        assert outputs[f"{lang}/figures/{chart_id}.png"][:8] == b"\x89PNG\r\n\x1a\n"
        description = find(inside, "div", class_="chart")[0].attrs["aria-label"]
        assert len(description) > 40


@pytest.mark.parametrize("lang, tick", [("kk", f"100{NBSP}000"), ("ru", f"100{NBSP}000"),
                                        ("en", "100,000")])
def test_axes_use_the_languages_number_format(outputs, lang, tick):
    svg = outputs[f"{lang}/figures/external_flows_2022.svg"].decode()
    assert f">{tick}<" in svg


def test_chart_text_is_translated(outputs):
    ru = outputs["ru/figures/survey_attitudes.svg"].decode()
    assert "Доля респондентов" in ru and "Да 60" in ru and "Share of respondents" not in ru
    kk = outputs["kk/figures/external_flows_2022.svg"].decode()
    assert "Өзбекстан" in kk and "Қалғандары (бағалау)" in kk


def test_plotted_data_csv_is_headed_in_the_language(outputs):
    lines = outputs["kk/figures/survey_attitudes.csv"].decode().splitlines()
    assert lines[0] == 'Сұрақ,Жауап,"Үлесі, %"'
    assert len(lines) == 1 + 7


def test_pages_without_charts_load_no_chart_runtime(outputs):
    html = outputs["en/article.html"].decode()
    assert "vega.js" not in html and "d3-locales" not in html
    data = outputs["en/data.html"].decode()
    # The runtime is not loaded with the page: charts.js inserts it when a reader reaches
    # or touches a chart (tests/test_speed.py).
    assert '<script defer src="../assets/charts.js" data-runtime="../assets/vega.js"></script>' in data
    assert "<script defer src=\"../assets/vega.js\"" not in data
    assert 'type="module"' not in data and "integrity=" not in data
    # Every box (two forms, two themes per chart) is its SVG's exact size and shape.
    boxes = re.findall(r'<div class="chart-box" data-form="(\w+)" data-theme="(\w+)" '
                       r'data-spec="[^"]+" style="width: (\d+)px; aspect-ratio: (\d+) / (\d+)">'
                       r'\s*<svg\b[^>]*\bwidth="([\d.]+)" height="([\d.]+)"', data)
    assert [(form, theme) for form, theme, *_ in boxes] == [
        ("wide", "light"), ("wide", "dark"), ("narrow", "light"), ("narrow", "dark")] * 2
    assert all(w == aw == str(round(float(sw))) and ah == str(round(float(sh)))
               for _, _, w, aw, ah, sw, sh in boxes), boxes
    assert {int(w) for form, _, w, *_ in boxes if form == "narrow"} == {340}
    assert all(int(w) <= 600 for form, _, w, *_ in boxes if form == "wide")


def test_the_chart_runtime_is_a_classic_script(outputs):
    bundle = outputs["assets/vega.js"].decode()
    assert bundle.startswith("(function () {") and "window.vegaEmbed" in bundle
    assert not re.search(r"(^|[;}\n])\s*(import|export)\s+[{*\w]", bundle)
    assert "import.meta" not in bundle


def test_the_vendored_vega_runtime_is_vl_convert_s_bundle():
    """assets/vega-runtime-vl-convert-<version>.js.gz is exactly what the pinned vl-convert
    makes (make vendor-vega re-makes it after a version change)."""
    import gzip

    import vl_convert

    from reportsite.render.charts import runtime_path, vl_convert_version

    vendored = runtime_path(vl_convert_version())
    assert vendored.is_file(), "run make vendor-vega"
    assert gzip.decompress(vendored.read_bytes()).decode() == vl_convert.javascript_bundle()


def test_a_spec_vega_cannot_compile_names_the_chart(make_site, run):
    """A field title with a line separator breaks Vega's tooltip expression: the build says
    which chart, in which language, and why; no traceback, no 'internal error'."""
    root = make_site()
    package = root / "data/datapackage.yaml"
    package.write_text(package.read_text().replace("en: Weight (kg)", 'en: "Weight\\u2028(kg)"'))
    code, out, err = run("check", "--root", root)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("error: charts/harvest.py: vl-convert could not draw the chart "
                               "in 'en': Expression parse error: ")
    assert lines[0].endswith("; a title or label with a line break or a line separator is a "
                             "common cause")
    assert lines[1:] == ["1 error(s); nothing was written"]
    assert "internal error" not in err and "Traceback" not in err


# --- a chart module that takes long, never returns or ends the process (issue 26, E3) ----

SLOW = (REPO / "tests/fixtures/tiny/charts/harvest.py").read_text().replace(
    "def chart(ctx):\n", "def chart(ctx):\n    {before}\n")
STILL = re.compile(r"still running charts/slow\.py for (fr|de|en) \(\d+ s; --chart-timeout "
                   r"stops it at 300 s\) \.\.\.")


def _with_chart(make_site, code: str, top: str = ""):
    """The tiny site with charts/slow.py: the harvest chart, with code run first in
    chart(ctx) (and top at the module's top)."""
    return make_site({"charts/slow.py": "import os, sys, time\n" + top + "\n"
                      + SLOW.format(before=code)})


def test_a_slow_chart_module_says_every_tick_which_file_and_language_it_runs(
        make_site, run, monkeypatch):
    from reportsite.render import charts

    monkeypatch.setattr(charts, "PROGRESS_SECONDS", 1.0)  # 10 s in a real build
    root = _with_chart(make_site, "time.sleep(1.6)")
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    lines = [line for line in err.splitlines() if line.startswith("still running")]
    assert lines and all(STILL.fullmatch(line) for line in lines), lines
    assert {STILL.fullmatch(line).group(1) for line in lines} == {"fr", "de", "en"}


@pytest.mark.parametrize("code, top, expected", [
    ("if ctx.lang == 'de':\n        time.sleep(600)", "",
     "charts/slow.py: chart('de') did not finish within 2 s and was stopped; make it faster, "
     "or allow it more time with --chart-timeout SECONDS"),
    ("while True:\n        pass", "",
     "charts/slow.py: chart('fr') did not finish within 2 s and was stopped; make it faster, "
     "or allow it more time with --chart-timeout SECONDS"),
    ("pass", "time.sleep(600)",
     "charts/slow.py: loading the module did not finish within 2 s and was stopped; make it "
     "faster, or allow it more time with --chart-timeout SECONDS"),
    ("if ctx.lang == 'en':\n        os._exit(3)", "",
     "charts/slow.py: the chart module ended the build's process (exit status 3) while drawing "
     "en; a chart module must return, not exit"),
    ("sys.exit(0)", "", "charts/slow.py: the chart module failed: SystemExit: 0"),
], ids=["sleeps_in_one_language", "never_returns", "sleeps_when_loaded", "exits", "sys_exit"])
def test_a_chart_module_that_does_not_return_is_stopped_naming_file_and_language(
        make_site, run, code, top, expected):
    root = _with_chart(make_site, code, top)
    started = time.monotonic()
    result, out, err = run("build", "--root", root, "--chart-timeout", "2")
    assert time.monotonic() - started < 120
    assert result == 1 and out == ""
    assert err.splitlines() == [f"error: {expected}", "1 error(s); nothing was written"]
    assert not (root / "site").exists()


def test_chart_timeout_must_be_seconds(make_site, run, capsys):
    with pytest.raises(SystemExit):
        run("build", "--root", make_site(), "--chart-timeout", "soon")
    assert "--chart-timeout: 'soon' is not a number of seconds (0: no limit)" in \
        capsys.readouterr().err


# --- forms, themes, type and downloads (issue 22) ----------------------------------------------

def marks(svg: str) -> list[str]:
    """The fill of every bar of a chart SVG, in order."""
    bars = re.findall(r'<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return [fill for group in bars for fill in re.findall(r'<path\b[^>]*\bfill="([^"]+)"', group)]


def chart_svgs(html: str, chart_id: str) -> dict[tuple[str, str], str]:
    """(form, theme) -> the static SVG of a chart on a page."""
    return {(form, theme): svg for form, theme, svg in re.findall(
        rf'<div class="chart-box" data-form="(\w+)" data-theme="(\w+)" '
        rf'data-spec="fig-{chart_id}-spec[^"]*"[^>]*>\s*(<svg\b.*?</svg>)', html, re.S)}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_each_chart_has_a_narrow_form_derived_from_its_spec(outputs, lang):
    """The narrow form: 340 px, the bars' labels above them and at most 3 ticks; the legend
    on top; text in Noto Serif at 11 px or more; the same data as the wide form."""
    html = outputs[f"{lang}/data.html"].decode()
    for chart_id in ("survey_attitudes", "external_flows_2022"):
        wide = json.loads(re.search(rf'id="fig-{chart_id}-spec">(.*?)</script>', html).group(1))
        narrow = json.loads(re.search(rf'id="fig-{chart_id}-spec-narrow">(.*?)</script>',
                                      html).group(1))
        assert narrow["data"] == wide["data"] and narrow["description"] == wide["description"]
        axes = [layer["encoding"]["y"]["axis"] for layer in narrow["layer"]]
        assert all(axis["labelAlign"] == "left" and axis["labelOffset"] < 0 for axis in axes)
        ticks = [layer["encoding"]["x"]["axis"]["tickCount"] for layer in narrow["layer"]
                 if "axis" in layer["encoding"].get("x", {})]
        assert ticks and max(ticks) <= 3
        svgs = chart_svgs(html, chart_id)
        assert set(svgs) == {(f, t) for f in ("wide", "narrow") for t in ("light", "dark")}
        for (form, _), svg in svgs.items():
            width = float(re.search(r'<svg\b[^>]*\bwidth="([\d.]+)"', svg).group(1))
            assert width == 340 if form == "narrow" else width <= 600
            families = set(re.findall(r'font-family="([^"]+)"', svg))
            sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)px"', svg)}
            assert families == {"Noto Serif"} and min(sizes) >= 11, (form, families, sizes)
    flows = json.loads(re.search(r'id="fig-external_flows_2022-spec-narrow">(.*?)</script>',
                                 html).group(1))
    legends = [layer["encoding"]["color"]["legend"] for layer in flows["layer"]
               if "color" in layer["encoding"]]
    assert legends and all(legend["orient"] == "top" for legend in legends)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_dark_theme_is_drawn_not_filtered(outputs, lang):
    """Light and dark SVGs: the theme's background and text, the same data colours (so a
    legend and a download mean what the page shows in either scheme); no CSS filter."""
    html = outputs[f"{lang}/data.html"].decode()
    css = outputs["assets/site.css"].decode()
    assert "invert(" not in css and "hue-rotate" not in css
    for chart_id in ("survey_attitudes", "external_flows_2022"):
        svgs = chart_svgs(html, chart_id)
        download = outputs[f"{lang}/figures/{chart_id}.svg"].decode()
        for form in ("wide", "narrow"):
            light, dark = svgs[(form, "light")], svgs[(form, "dark")]
            assert re.search(r'<svg\b[^>]*>\s*<rect [^>]*fill="#ffffff"', light)
            assert re.search(r'<svg\b[^>]*>\s*<rect [^>]*fill="#1f2228"', dark)
            assert marks(light) == marks(dark) and len(set(marks(light))) >= 2
            assert 'fill="#e7e5e0"' in dark and 'fill="#e7e5e0"' not in light
        assert marks(download) == marks(svgs[("wide", "light")])


def download_texts(svg: str) -> list[str]:
    """The lines of text of a download's frame (before the chart it holds)."""
    import html

    frame = svg.split("<svg", 2)[1]
    return [html.unescape(t) for t in re.findall(r"<text [^>]*>([^<]*)</text>", frame)]


@pytest.mark.parametrize("lang, number, source, pending", [
    ("kk", "1-диаграмма.", "Дереккөз: [10], 1-кесте.", "(авторлардың растауын күтуде)"),
    ("ru", "Диаграмма 1.", "Источник: [10], таблица 1.", "(ожидает подтверждения авторов)"),
    ("en", "Chart 1.", "Source: [10], Table 1.", "(pending the authors' confirmation)")])
def test_a_downloaded_chart_describes_itself(real_site, outputs, lang, number, source, pending):
    """The SVG and PNG carry the number and caption of the first page that shows the chart,
    its source and the full reference, the licence pending, and the letters of their
    text in an embedded Noto Serif subset; no address without base_url."""
    import base64
    import html as html_module
    import io

    from fontTools.ttLib import TTFont

    site, _ = real_site
    svg = outputs[f"{lang}/figures/survey_attitudes.svg"].decode()
    lines = download_texts(svg)
    page = outputs[f"{lang}/index.html"].decode()
    caption = re.search(r'id="fig-survey_attitudes">\s*<figcaption>(.*?)</figcaption>', page,
                        re.S).group(1)
    title = " ".join(re.sub(r"<[^>]+>", "", caption).split())
    assert title.startswith(number) and " ".join(lines).startswith(title)
    assert source in lines
    reference = next(line for line in lines if line.startswith("[10] "))
    entry = dict(site.references.entries(lang))[10].html
    entry = html_module.unescape(re.sub(r"<[^>]+>", "", entry))
    assert reference.removeprefix("[10] ") in " ".join(entry.split())
    joined = " ".join(lines)
    assert joined.endswith(f"CC-BY-4.0 {pending}")  # the last note: no address without base_url
    assert not any(line.startswith("http") for line in lines)
    fonts = re.findall(r"font-weight:(\d+);src:url\(data:font/woff2;base64,([^)]+)\)", svg)
    assert {weight for weight, _ in fonts} == {"400", "700"}
    covered = set()
    for _, data in fonts:
        covered |= set(TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap())
    text = "".join(re.findall(r"<text\b[^>]*>(.*?)</text>", re.sub(r"</?tspan[^>]*>", "", svg)))
    assert {ord(c) for c in html_module.unescape(text) if not c.isspace()} <= covered
    assert "Қ" in html_module.unescape(text) or lang != "kk"
    png = outputs[f"{lang}/figures/survey_attitudes.png"]
    width, height = (int.from_bytes(png[16 + 4 * i:20 + 4 * i], "big") for i in (0, 1))
    size = re.search(r'<svg\b[^>]*\bwidth="(\d+)" height="(\d+)"', svg)
    assert (width, height) == (2 * int(size.group(1)), 2 * int(size.group(2)))


def test_with_base_url_a_download_names_its_address(make_site, run, tmp_path):
    root = make_site()
    config = root / "site.yaml"
    config.write_text(config.read_text() + "base_url: https://example.org/report/\n")
    code, _, err = run("build", "--root", root, "--out", tmp_path / "out")
    assert code == 0, err
    lines = download_texts((tmp_path / "out/fr/figures/harvest.svg").read_text())
    assert lines[0] == "Graphique 1. Récolte par culture"
    assert lines[-1] == "https://example.org/report/fr/data.html#fig-harvest"


@pytest.mark.parametrize("bold", [False, True])
def test_chart_text_is_measured_as_the_merged_font_sets_it(bold):
    """The widths that wrap chart labels are read from the theme's faces without merging
    them (issue 30: the merge cost 1.4 s per style of every cold build); they must be
    the merged font's widths for every letter it has."""
    import io

    from fontTools.ttLib import TTFont

    from reportsite.core.typeface import STYLES, merged_font, metrics

    font = TTFont(io.BytesIO(merged_font(STYLES["bold" if bold else "normal"])))
    widths = font["hmtx"].metrics
    merged = {code: widths[glyph][0] for code, glyph in font.getBestCmap().items()}
    measured = metrics(bold)
    assert measured.advances == merged
    assert (measured.units, measured.fallback) == (font["head"].unitsPerEm, widths[".notdef"][0])
    assert any(0x04D8 <= code <= 0x04E9 for code in merged)  # Kazakh letters (Ә … ө) among them
