"""Issue 29, the second paragraph-by-paragraph review against the authors' article: each
corrected string is gone from the built site (and from its sources) and the correction is
there, in every language it applies to."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO
from htmlquery import find, parse

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def files(real_site):
    """The real site, rendered once for the run."""
    return real_site[1].files


def elements(files, path: str):
    return parse(files[path].decode())


def reader_text(files, path: str) -> str:
    """What a reader sees in the page's body text: paragraphs, list items, captions and
    table cells (not the chart specs or the metadata), spaces collapsed (a no-break
    space is kept)."""
    parts = [e.text for e in elements(files, path)
             if e.tag in ("p", "li", "figcaption", "td", "th", "h1", "h2", "h3")
             and e.inside("main")]
    return re.sub(r"[ \t\n]+", " ", " ".join(parts))


def source(path: str) -> str:
    return (REPO / path).read_text(encoding="utf-8")


def package() -> dict:
    return yaml.safe_load(source("data/datapackage.yaml"))


def field(resource: str, name: str) -> dict:
    (res,) = [r for r in package()["resources"] if r["name"] == resource]
    (found,) = [f for f in res["schema"]["fields"] if f["name"] == name]
    return found


# --- Russian article -----------------------------------------------------------------------

def test_ru_introduction_an_active_witness(files):
    """«белсенді куәсі»: an active witness, not a direct one."""
    text = reader_text(files, "ru/article.html")
    assert "непосредственным свидетелем" not in text
    assert "была активным свидетелем политических, экономических и культурных перемен" in text


def test_ru_methods_no_analysis_that_allowed_to_analyse(files):
    """«…заңнамаларын, сондай-ақ … бағдарламалардың тиімділігін сараптауға мүмкіндік берді»."""
    text = reader_text(files, "ru/article.html")
    assert "позволил проанализировать" not in text
    assert ("анализ позволил изучить законодательство Республики Казахстан в сфере миграции, "
            "а также оценить эффективность таких государственных программ") in text


def test_ru_mci_spelled_out_at_first_use_and_in_the_unit_label(files):
    text = reader_text(files, "ru/article.html")
    assert "от 100 до 700 МРП (месячных расчётных показателей)" in text
    assert "700 МРП." not in text
    assert field("key_figures", "unit")["labels"]["mci"]["ru"] == \
        "МРП (месячных расчётных показателей)"
    # the unit column of the key figures (data page) and of Figure 1's stand-in (article)
    for path in ("ru/data.html", "ru/article.html"):
        cells = [td.text for td in find(elements(files, path), "td")]
        assert "МРП (месячных расчётных показателей)" in cells, path
        assert "МРП" not in cells, path
    cells = [td.text for td in find(elements(files, "kk/data.html"), "td")]
    assert "АЕК (айлық есептік көрсеткіш)" in cells and "АЕК" not in cells


def test_ru_auyl_el_besigi_label_as_in_the_prose_and_the_glossary(files):
    label = field("key_figures", "id")["labels"]["settlements_funded"]
    assert label["ru"] == "Сельские населённые пункты, профинансированные по программе " \
                          "«Ауыл – Ел бесігі»"
    # Kazakh keeps the authors' spelling
    assert label["kk"] == "«Ауыл – ел бесігі» бағдарламасы бойынша қаржыландырылған ауылдық " \
                          "елді мекендер"
    assert "программа «Ауыл – Ел бесігі»" in source("docs/glossary.md")
    for path in ("ru/article.html", "ru/data.html"):
        text = reader_text(files, path)
        assert "«Ауыл – ел бесігі»" not in text, path
        assert "профинансированные по программе «Ауыл – Ел бесігі»" in text, path


def test_ru_funding_received_by_about_800_settlements(files):
    text = reader_text(files, "ru/article.html")
    assert "было выделено финансирование порядка" not in text
    assert "сельским населённым пунктам" not in text
    assert ("в 2022 году финансирование получили около 800 сельских населённых пунктов и "
            "были проведены работы по ремонту дорог") in text


@pytest.mark.parametrize("page", ["index", "article", "data"])
def test_ru_percent_one_style_cldrs_everywhere(files, page):
    """«45 %» (a no-break space, as Babel formats Russian) in the prose as in the tables and
    charts, never «45%»."""
    text = reader_text(files, f"ru/{page}.html")
    assert re.findall(r"\d%", text) == []
    assert re.findall(r"\d %", text) == []  # an ordinary space would break the line
    assert f"10{NBSP}%" in text if page != "data" else f"40{NBSP}%" in text
    assert "}}%" not in source(f"content/ru/{page}.md")


def test_ru_percent_in_the_overview_prose(files):
    text = reader_text(files, "ru/index.html")
    assert f"выросло на 10{NBSP}%" in text and "выросло на 10%" not in text
    assert f"достигает 25–35{NBSP}%" in text and "от 25" not in text


# --- English article -----------------------------------------------------------------------

def test_en_turning_to_theories_of_internal_migration(files):
    """«Ішкі миграция теорияларына келер болсақ, бұл да сыртқы көші-қон үдерісі сияқты
    әртүрлі факторлардың күрделі кешенімен анықталады»."""
    text = reader_text(files, "en/article.html")
    assert "As for theories of internal migration, internal migration" not in text
    assert ("Turning to theories of internal migration: internal migration, like external "
            "migration, is shaped by a complex set of diverse factors.") in text


def test_en_social_research_not_the_school_subject(files):
    """«Әлеуметтік зерттеулер көрсеткендей»."""
    text = reader_text(files, "en/article.html")
    assert "Social studies show" not in text
    assert "Social research shows that, as a consequence of population growth" in text


def test_en_socioeconomic_in_the_editions_own_english():
    """The translation writes "socioeconomic", as the authors' abstract does; the authors'
    English title and keywords ("socio-economic") stay as written, and the authors are
    asked (docs/AUTHOR-QUERIES.md, query 10)."""
    body = source("content/en/article.md") + source("content/en/index.md") + \
        source("content/en/data.md") + source("content/en/cite.md")
    assert "socio-economic" not in body.lower() and body.count("socioeconomic") >= 9
    config = yaml.safe_load(source("site.yaml"))
    assert "socio-economic consequences" in config["subtitle"]["en"]  # the authors' title
    queries = source("docs/AUTHOR-QUERIES.md")
    assert "## 10. " in queries and "socio-economic" in queries.split("## 10. ")[1]


# --- References (the English list) ---------------------------------------------------------

def reference_items(files, lang: str) -> dict[int, str]:
    items = [li for li in find(elements(files, f"{lang}/article.html"), "li")
             if li.inside("ol", "references")]
    return {int(li.attrs["id"].removeprefix("ref-")): re.sub(r"[ \t\n]+", " ", li.text)
            for li in items}


def reference_links(files, lang: str, n: int) -> list[str]:
    page = elements(files, f"{lang}/article.html")
    (item,) = find(page, "li", id=f"ref-{n}")
    return [a.attrs["href"] for a in find(page, "a")
            if item in a.ancestors and "backlink" not in a.attrs.get("class", "")]


def test_en_references_access_dates_in_english(files):
    refs = reference_items(files, "en")
    assert not [n for n, text in refs.items() if "obrasheniya" in text]
    assert refs[3].split("(")[-1].startswith("accessed 16 October 2024)")
    assert "(accessed 16 October 2024)" in refs[12]
    # the kk and ru lists keep the authors' «дата обращения»
    for lang in ("kk", "ru"):
        assert "(дата обращения: 16.10.2024)" in reference_items(files, lang)[3]


def test_en_reference_2_volume_and_issue_not_in_cyrillic(files):
    text = reference_items(files, "en")[2]
    assert "Т. 1." not in text and "№" not in text
    assert "Social Affairs. – 2016. – Vol. 1. – No. 5. – P. 13-32." in text


def test_en_reference_5_in_english(files):
    text = reference_items(files, "en")[5]
    assert "Қазақстан Республикасының" not in text
    assert text.startswith("Law of the Republic of Kazakhstan No. 477-IV of 22 July 2011 "
                           "“On Population Migration” (in Kazakh). URL:")
    assert reference_links(files, "en", 5) == ["https://adilet.zan.kz/kaz/docs/Z1100000477"]
    page = elements(files, "en/article.html")
    (item,) = find(page, "li", id="ref-5")
    assert [s.attrs["lang"] for s in find(page, "span")
            if item in s.ancestors and "lang" in s.attrs] == ["en"]


def test_en_reference_4_keeps_its_diacritics(files):
    text = reference_items(files, "en")[4]
    assert "Baubock" not in text and "Mourao" not in text
    assert text.startswith("Rainer Bauböck, Julia Mourão Permoser, Martin Ruhs,")


def test_reference_12_one_address_in_every_language_and_an_author_query(files):
    printed = ("https://yk-news.kz/news/B-MВД-назвали-количество-россиян-желающих-получить-"
               "гражданство-Казахстана")
    for lang in ("kk", "ru", "en"):
        assert reference_links(files, lang, 12) == [printed], lang
    assert "V-MVD-nazvali" not in reference_items(files, "en")[12]
    queries = source("docs/AUTHOR-QUERIES.md")
    assert "## 11. The address of reference [12]" in queries
    assert "| 11 | The address of reference [12]" in queries


def test_ru_references_13_to_16_an_author_query(files):
    """The Russian page keeps the Kazakh list's entries 13–16 (in Kazakh) until the authors
    say otherwise."""
    refs = reference_items(files, "ru")
    assert refs[16].startswith("Садовская Е. Ю. Қазақстан Орталық Азияның")
    queries = source("docs/AUTHOR-QUERIES.md")
    assert "## 12. References 13–16 in Kazakh on the Russian page" in queries
    assert "| 12 | References 13–16 in Kazakh on the Russian page" in queries


# --- Overview, data and cite pages -----------------------------------------------------------

LANGS = ("kk", "ru", "en")


def finding(files, lang: str, n: int):
    """Key finding n (from 1) of the overview: its text and the links in it."""
    page = elements(files, f"{lang}/index.html")
    items = [li for li in find(page, "li") if li.inside("div", "prose")]
    item = items[n - 1]
    links = [a.attrs["href"] for a in find(page, "a") if item in a.ancestors]
    return re.sub(r"[ \t\n]+", " ", item.text), links


def article_paragraph(files, lang: str, anchor: str):
    page = elements(files, f"{lang}/article.html")
    (paragraph,) = find(page, "p", id=anchor)
    cites = [a.attrs["href"] for a in find(page, "a", class_="cite") if paragraph in a.ancestors]
    return re.sub(r"[ \t\n]+", " ", paragraph.text), cites


@pytest.mark.parametrize("lang", LANGS)
def test_finding_4_links_the_results_paragraph_and_reference_6(files, lang):
    """More than 300,000 labor migrants, about 40 % stay: the text's figures, citing [6],
    not Table 2 (150,000 / 80,000 / 70,000, citing [12])."""
    _, links = finding(files, lang, 4)
    assert "article.html#tbl-external_flows_2022" not in links
    assert links == ["article.html#labor-migrants", "article.html#ref-6"]
    text, cites = article_paragraph(files, lang, "labor-migrants")
    assert cites == ["#ref-6"]
    assert {"kk": "300 000", "ru": "300 000", "en": "300,000"}[lang].replace(" ", NBSP) in text


FINDING_2 = {
    "kk": ("Ауылдар мен шағын қалалардан жастардың кетуі 2020–2023 жылдары",
           "2020–2023 жылдары жүргізілген зерттеулерге сәйкес, ауылдар мен шағын қалалардан "
           "жастардың көшуі 30%-ға жеткен"),
    "ru": ("в 2020–2023 годах достиг",
           "Согласно исследованиям, проведённым в 2020–2023 годах, отток молодёжи из сёл и "
           f"малых городов достиг 30{NBSP}%"),
    "en": ("reached 30% in 2020–2023",
           "According to studies conducted in 2020–2023, the outflow of young people from "
           "villages and small towns has reached 30%"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_finding_2_the_period_is_the_studies_and_the_regions_cite_11(files, lang):
    old, new = FINDING_2[lang]
    text, links = finding(files, lang, 2)
    assert old not in text and new in text
    assert links == ["article.html#youth-outflow", "article.html#regional-outflow",
                     "article.html#ref-11"]
    outflow, cites = article_paragraph(files, lang, "youth-outflow")
    assert re.search("2020[-–]2023", outflow) and cites == []  # no reference in the article
    regional, cites = article_paragraph(files, lang, "regional-outflow")
    assert "2020" not in regional and cites == ["#ref-11"]  # no period for 25–35 %


def test_rural_youth_outflow_period_is_the_studies_years(files):
    assert "rural_youth_outflow,internal,30,,exact,percent,studies_2020_2023," in \
        source("data/key_figures.csv")
    labels = field("key_figures", "period")["labels"]
    assert "2020-2023" not in labels
    expected = {"kk": "2020–2023 (зерттеулер)", "ru": "2020–2023 (исследования)",
                "en": "2020–2023 (studies)"}
    for lang in LANGS:
        assert labels["studies_2020_2023"][lang] == expected[lang]
        page = elements(files, f"{lang}/data.html")
        (table,) = find(page, "figure", id="tbl-key_figures")
        rows = [tr for tr in find(page, "tr") if table in tr.ancestors]
        (row,) = [tr for tr in rows if "30" in tr.text and expected[lang] in tr.text]
        assert {"kk": "2020–2023 жылдар", "ru": "2020–2023 годы", "en": "2020–2023"}[lang] \
            not in [td.text for td in find(page, "td") if row in td.ancestors]


SURVEYS = {"kk": ("2023 жылғы сауалнамада", "2023 жылғы сауалнамаларда"),
           "ru": ("в опросе 2023 года", "в опросах 2023 года"),
           "en": ("in a 2023 survey", "in surveys conducted in 2023,")}


@pytest.mark.parametrize("lang", LANGS)
def test_finding_3_surveys_in_the_plural_as_the_article_says(files, lang):
    """«2023 жылы жүргізілген сауалнамаларға сәйкес»."""
    old, new = SURVEYS[lang]
    text, _ = finding(files, lang, 3)
    assert old not in text and new in text
    assert old not in reader_text(files, f"{lang}/index.html")


def test_data_page_surveys_in_the_plural(files):
    kk, ru = reader_text(files, "kk/data.html"), reader_text(files, "ru/data.html")
    assert "сауалнаманың басқа көрсеткіштері" not in kk
    assert "сауалнамалардың басқа көрсеткіштері" in kk
    assert "другие данные опроса:" not in ru and "другие данные опросов:" in ru


FIGURE = {"kk": "{}-сурет", "ru": "Рисунок {}", "en": "Figure {}"}
CHART = {"kk": "{}-диаграмма", "ru": "Диаграмма {}", "en": "Chart {}"}


def labels(files, path: str) -> list[str]:
    return [s.text for s in find(elements(files, path), "span", class_="label")]


@pytest.mark.parametrize("lang", LANGS)
def test_the_sites_charts_are_numbered_apart_from_the_articles_figures(files, lang):
    """The article's Figure 1 is the table of internal flows; the site's own charts on the
    overview and data pages are Chart 1 and Chart 2, never "Figure 1"."""
    for page in ("index", "data"):
        shown = labels(files, f"{lang}/{page}.html")
        assert FIGURE[lang].format(1) + "." not in shown, page
        assert [s for s in shown if "Table" not in s and "Таблица" not in s
                and "кесте" not in s] == [CHART[lang].format(n) + "." for n in (1, 2)], page
    assert FIGURE[lang].format(1) + "." in labels(files, f"{lang}/article.html")
    page = elements(files, f"{lang}/data.html")
    xrefs = {a.attrs["href"]: a.text for a in find(page, "a", class_="xref")}
    assert xrefs["#fig-survey_attitudes"] == CHART[lang].format(1)
    assert xrefs["#fig-external_flows_2022"] == CHART[lang].format(2)


NOTE = {"kk": ("Ескерту: бұл суретте", "Ескерту: бұл диаграммада"),
        "ru": ("Примечание: на этом рисунке", "Примечание: на этой диаграмме"),
        "en": ("Note: this figure shows", "Note: this chart shows")}


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_note_calls_the_chart_a_chart(files, lang):
    old, new = NOTE[lang]
    text = reader_text(files, f"{lang}/index.html")
    assert old not in text and new in text


def test_the_chart_label_is_translated_in_the_theme_catalogs():
    from babel.messages.pofile import read_po
    theme = REPO / "reportsite/theme/locales"
    for name, expected in (("kk.po", "%(n)s-диаграмма"), ("ru.po", "Диаграмма %(n)s"),
                           ("messages.pot", "")):
        with (theme / name).open("rb") as f:
            assert read_po(f).get("Chart %(n)s").string == expected, name


STAND_IN_NOTE = {
    "kk": ("сондықтан оның орнына мақала мәтінінде келтірілген ішкі көші-қон көрсеткіштері "
           "ұсынылып отыр.",
           "мәтіндегі сілтемелерімен ұсынылып отыр (тақырыптағы [7] — суреттің өз сілтемесі); "
           "олардың бәрі бірдей көші-қон ағындары емес."),
    "ru": ("поэтому вместо него представлены показатели внутренней миграции, приведённые в "
           "тексте статьи.",
           "каждый со ссылкой, которую даёт текст (ссылка [7] в подписи относится к самому "
           "рисунку); не все они — миграционные потоки."),
    "en": ("the internal migration figures stated in the text of the article are therefore "
           "presented in its place.",
           "each with the reference the text gives for it (the caption's [7] is the "
           "figure's own); not all of them are flows."),
}


def table_rows(files, path: str, anchor: str) -> tuple[list[str], list[list[str]]]:
    page = elements(files, path)
    (figure,) = find(page, "figure", id=anchor)
    headers = [th.text for th in find(page, "th") if figure in th.ancestors
               and th.inside("thead")]
    rows = [[c.text for c in page if c.tag in ("th", "td") and tr in c.ancestors]
            for tr in find(page, "tr") if figure in tr.ancestors and tr.inside("tbody")]
    return headers, rows


@pytest.mark.parametrize("lang", LANGS)
def test_figure_1_stand_in_shows_each_rows_reference(files, lang):
    """Its rows come from [6], [7], [11] and sentences without a reference: each row says
    which; the note says the caption's [7] is the missing figure's and not all are flows."""
    import csv
    expected = {row["id"]: row["reference"] or "—" for row in
                csv.DictReader(source("data/key_figures.csv").splitlines())
                if row["topic"] == "internal"}
    title = field("key_figures", "reference")["titles"][lang]
    for path, anchor in ((f"{lang}/article.html", "fig-internal-flows"),
                         (f"{lang}/data.html", "tbl-internal")):
        headers, rows = table_rows(files, path, anchor)
        assert headers[-1] == title, path
        assert [row[-1] for row in rows] == list(expected.values()), path
    assert {"6", "7", "11", "—"} == set(expected.values())
    old, new = STAND_IN_NOTE[lang]
    page = elements(files, f"{lang}/article.html")
    (figure,) = find(page, "figure", id="fig-internal-flows")
    notes = " ".join(p.text for p in find(page, "p", class_="table-note") if figure in p.ancestors)
    assert old not in notes and new in notes


def test_figure_1_stand_in_on_the_data_page_says_so_too(files):
    for lang, text in (("kk", "көрсеткіштері мәтіндегі сілтемелерімен жинақталған"),
                       ("ru", "каждый со ссылкой, которую даёт текст; не все они — миграционные"),
                       ("en", "each with the reference the text gives for it; not all of them")):
        assert text in reader_text(files, f"{lang}/data.html"), lang


def test_figure_1_stand_in_fits_a_printed_page_with_the_reference_column():
    """The article's stand-in leaves out the place (every label names it; the data page's
    table keeps it) and shows a range in one cell (ranges=: no column of "—" for the two
    rows that have an upper value), so it fits the text width (tests/test_pdf.py checks
    every glyph is inside the page's text box)."""
    assert field("key_figures", "value_max")["titles"] == \
        {"kk": "Жоғарғы мәні", "ru": "Верхнее значение", "en": "Upper value"}
    for lang in LANGS:
        text = source(f"content/{lang}/article.md")
        assert 'fields=["id", "value", "qualifier", "unit", "period", "reference"], ' \
               'ranges={"value": "value_max"}' in text


@pytest.mark.parametrize("lang", LANGS)
def test_figure_1_stand_in_shows_a_range_in_one_cell(files, lang):
    """«25%-дан 35%-ға дейін», «100-ден 700 АЕК-ке дейін»: one cell each, "25–35" and
    "100–700" (the unit has its own column), its numbers from data/key_figures.csv
    formatted by Babel for the page's language, every other row its value alone; no
    upper-value column in the article (the data page keeps it)."""
    import csv
    from reportsite.core.i18n import Formatter
    fmt = Formatter(lang)
    data = [row for row in csv.DictReader(source("data/key_figures.csv").splitlines())
            if row["topic"] == "internal"]
    expected = [fmt.range_of(fmt.number(float(row["value"])), fmt.number(float(row["value_max"])))
                if row["value_max"] else fmt.number(float(row["value"])) for row in data]
    upper = field("key_figures", "value_max")["titles"][lang]
    headers, rows = table_rows(files, f"{lang}/article.html", "fig-internal-flows")
    assert upper not in headers
    column = headers.index(field("key_figures", "value")["titles"][lang])
    assert [row[column] for row in rows] == expected
    ranges = [cell for cell in expected if "–" in cell]
    assert ranges == ["25–35", "100–700"]
    assert "—" not in [row[column] for row in rows]
    data_headers, _ = table_rows(files, f"{lang}/data.html", "tbl-internal")
    assert upper in data_headers
    # the same cells in the JATS file and in the PDF, made from the page
    import io
    import lxml.etree as etree
    import pypdf
    jats = etree.fromstring(files[f"{lang}/kazakhstan-migration-{lang}.xml"],
                            etree.XMLParser(load_dtd=False, no_network=True))
    [wrap] = jats.findall(".//table-wrap[@id='fig-internal-flows']")
    assert [" ".join("".join(c.itertext()).split()) for c in wrap.findall("table/thead/tr/th")
            ] == headers
    assert ["".join(tr[column].itertext()).strip()
            for tr in wrap.findall("table/tbody/tr")] == expected  # the no-break spaces too
    pdf = pypdf.PdfReader(io.BytesIO(files[f"{lang}/kazakhstan-migration-{lang}.pdf"]))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert all(cell in text for cell in ranges) and upper not in text


def test_graduate_support_is_for_rural_areas(files):
    """«…түлектеріне ауылдық жерлерде жұмыс істеу үшін 100-ден 700 АЕК-ке дейін әлеуметтік
    көмек көрсетіледі»: rural areas, not "villages and small towns"."""
    assert "graduate_support,internal,100,700,range,mci,,rural_areas," in \
        source("data/key_figures.csv")
    places = {"kk": ("Ауылдар мен шағын қалалар", "Ауылдық жерлер"),
              "ru": ("Сёла и малые города", "Сельская местность"),
              "en": ("Villages and small towns", "Rural areas")}
    for lang, (old, new) in places.items():
        assert field("key_figures", "place")["labels"]["rural_areas"][lang] == new
        _, rows = table_rows(files, f"{lang}/data.html", "tbl-internal")
        label = field("key_figures", "id")["labels"]["graduate_support"][lang]
        (row,) = [r for r in rows if r[0] == label]
        assert new in row and old not in row, lang


def colour_scale(files, path: str) -> dict[str, str]:
    import html as html_module
    import json
    text = files[path].decode()
    spec = json.loads(html_module.unescape(re.search(
        r'<script type="application/json" id="fig-survey_attitudes-spec">(.*?)</script>',
        text, re.S).group(1)))
    found = []

    def walk(node):
        if isinstance(node, dict):
            scale = node.get("scale")
            if isinstance(scale, dict) and "range" in scale and "domain" in scale:
                found.append(dict(zip(scale["domain"], scale["range"])))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(spec)
    (scale,) = found
    return scale


@pytest.mark.parametrize("lang", LANGS)
def test_survey_chart_yes_is_not_coloured_like_positive(files, lang):
    """"Yes, I feel competition" is not "Positive": the yes/no answers have colours of
    their own, apart from the attitude scale's."""
    for page in ("index", "data"):
        scale = colour_scale(files, f"{lang}/{page}.html")
        attitude = {scale["positive"], scale["neutral"], scale["negative"]}
        assert scale["yes"] not in attitude and scale["no"] not in attitude
        assert scale["yes"] != scale["no"] and len(attitude) == 3
    svg = files[f"{lang}/figures/survey_attitudes.svg"].decode()
    fills = re.findall(r'fill="(#[0-9A-Fa-f]{6})"', svg)
    assert fills.count(scale["yes"]) == 2 and fills.count(scale["positive"]) == 1


CITE = {"kk": ("төмендегі библиографиялық жазбаны\nқолданыңыз",
               "Мақалаға сілтеме жасағанда төмендегі бірінші библиографиялық жазбаны, ал осы "
               "сайтқа немесе оның деректеріне сілтеме жасағанда екіншісін қолданыңыз."),
        "ru": ("используйте приведённую ниже библиографическую запись",
               "Ссылаясь на статью, используйте первую из приведённых ниже библиографических "
               "записей, а ссылаясь на этот сайт или его данные — вторую."),
        "en": ("please use the reference below",
               "Cite the article with the first reference below; this website or its data "
               "with the second.")}


@pytest.mark.parametrize("lang", LANGS)
def test_cite_page_says_which_of_the_two_references_to_use(files, lang):
    old, new = CITE[lang]
    text = reader_text(files, f"{lang}/cite.html")
    assert " ".join(old.split()) not in text and new in text
    page = elements(files, f"{lang}/cite.html")
    # two references follow the sentence: the article's first, then the website's
    (sentence,) = [p for p in find(page, "p") if new in " ".join(p.text.split())]
    quotes = find(page, "blockquote", class_="citation")
    assert len(quotes) == 2
    assert page.index(sentence) < page.index(quotes[0]) < page.index(quotes[1])
    config = yaml.safe_load(source("site.yaml"))
    assert config["title"][lang] in " ".join(quotes[0].text.split())


def test_cite_page_description_names_the_references_in_the_plural(files):
    descriptions = {lang: find(elements(files, f"{lang}/cite.html"), "meta",
                               name="description")[0].attrs["content"] for lang in LANGS}
    assert descriptions["en"] == ("How to cite this work: the references, BibTeX, RIS and CFF "
                                  "files, and the license.")  # not "the reference", "licence"
    assert "библиографические записи" in descriptions["ru"]
    assert "библиографиялық жазбалар" in descriptions["kk"]
