"""The article as a PDF in every language, read back with pypdf: it opens, is A4, has an
outline of every section, embeds the bundled fonts only, gives back every Kazakh letter
as text, draws charts as vectors, carries its metadata and tags, and is linked from the
article and cite pages. A site without an article page gets no PDF."""

from __future__ import annotations

import builtins
import io
import re
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import pathname2url

import pypdf
import pytest

from conftest import REPO, TINY, TITLES, write_files
from htmlquery import find, parse
from reportsite.build.pipeline import render_site
from reportsite.cli import main
from reportsite.commands.translations import accept
from reportsite.core.i18n import Formatter
from reportsite.load.site import load_site

LANGS = ("kk", "ru", "en")
SHORT_TITLES = {"kk": "Қазақстандағы ішкі және сыртқы көші-қон үдерістері",
                "ru": "Внутренние и внешние миграционные процессы в Казахстане",
                "en": "Internal and external migration processes in Kazakhstan"}
AUTHORS = {"kk": "М.Ш. Назарова, А.Б. Сарсенбаев", "ru": "М.Ш. Назарова, А.Б. Сарсенбаев",
           "en": "M.Sh. Nazarova, A.B. Sarsenbayev"}
ABSTRACT = {"kk": "Аңдатпа", "ru": "Аннотация", "en": "Abstract"}
PAGE = {"kk": "{}-бет", "ru": "Страница {}", "en": "Page {}"}
LINK = {"kk": "Мақаланы жүктеп алу (PDF, {})", "ru": "Скачать статью (PDF, {})",
        "en": "Download the article (PDF, {})"}
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")  # the letters Kazakh adds to Russian's
BUNDLED_FONT = re.compile(r"/[A-Z]{6}\+Noto-Serif-(Common|Latin|Kazakh|Cyrillic|Cyrillic-Ext|Symbols)(-Bold|-Italic)?")


def pdf_name(lang: str) -> str:
    return f"{lang}/kazakhstan-migration-{lang}.pdf"


@pytest.fixture(scope="module")
def real(real_site):
    """The real site rendered with --strict, and each PDF opened."""
    site, outputs = real_site
    readers = {lang: pypdf.PdfReader(io.BytesIO(outputs.files[pdf_name(lang)]))
               for lang in LANGS}
    return site, outputs, readers


def article_copy(root: Path, extra: str = "") -> None:
    """Make the tiny fixture's data page (a table and a chart) its article, in every
    language, with a link to another page (extra: more of site.yaml)."""
    files = {}
    for lang in ("fr", "de", "en"):
        text = (TINY / f"content/{lang}/data.md").read_text(encoding="utf-8")
        files[f"content/{lang}/data.md"] = text.replace(
            "order: 3\n", "order: 3\ntemplate: article\n") + "\nSee [home](index.html#garden).\n"
    files["site.yaml"] = (TINY / "site.yaml").read_text(encoding="utf-8") + extra
    write_files(root, files)
    accept(root)  # the link added in every language: the translations stay current


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, chart_cache):
    """The tiny fixture with an article page: rendered, and its French PDF opened."""
    import shutil
    root = tmp_path_factory.mktemp("tiny-article") / "site-src"
    shutil.copytree(TINY, root)
    article_copy(root)
    outputs = render_site(load_site(root, strict=True, cache_dir=chart_cache), jobs=2)
    return outputs, pypdf.PdfReader(io.BytesIO(outputs.files["fr/shared-garden-fr.pdf"]))


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    """The outline (bookmarks) as (depth, title), in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 0)
    return found


def page_texts(reader: pypdf.PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def resources(reader: pypdf.PdfReader, kind: str) -> list:
    """Every /Font or /XObject resource of every page, Form XObjects followed inside."""
    found = []

    def visit(holder):
        res = holder.get("/Resources")
        if res is None:
            return
        res = res.get_object()
        for item in (res.get(kind) or {}).values():
            found.append(item.get_object())
        for item in (res.get("/XObject") or {}).values():
            item = item.get_object()
            if item.get("/Subtype") == "/Form":
                visit(item)

    for page in reader.pages:
        visit(page)
    return found


def structure(reader: pypdf.PdfReader) -> list[tuple[str, str | None]]:
    """The tagged structure, depth first: (tag, alternate text)."""
    found = []

    def walk(element):
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if "/S" in element:
            found.append((str(element["/S"]), element.get("/Alt")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


# --- the real site ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_language_gets_an_a4_pdf_with_its_metadata(real, lang):
    pdf = real[2][lang]
    assert len(pdf.pages) > 5
    assert {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
            for p in pdf.pages} == {(595.3, 841.9)}  # A4 in points
    info = pdf.metadata
    assert info.title == TITLES[lang]
    assert info.author == AUTHORS[lang]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261124"  # the edition's date
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"].value is True  # tagged
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp  # PDF/UA-1, as WeasyPrint's pdf/ua-1 variant writes it


@pytest.mark.parametrize("lang", LANGS)
def test_the_outline_holds_the_title_the_abstract_and_every_section(real, lang):
    site, outputs, readers = real
    article = parse(outputs.files[f"{lang}/article.html"].decode())
    sections = [h.text.strip() for h in find(article, "h2") if h.inside("div", "prose")]
    assert len(sections) == 5
    assert outline(readers[lang]) == [(0, TITLES[lang]), (1, ABSTRACT[lang])] + [
        (1, title) for title in sections]


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_bundled_fonts_are_used_and_all_are_embedded(real, lang):
    fonts = resources(real[2][lang], "/Font")
    assert fonts
    for font in fonts:
        assert BUNDLED_FONT.fullmatch(str(font["/BaseFont"])), font["/BaseFont"]
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the font program is in the file


def test_every_kazakh_letter_of_the_article_comes_back_as_text(real):
    site, outputs, readers = real
    body = (REPO / "content/kk/article.md").read_text(encoding="utf-8")
    used = {c for c in body if "\u0400" <= c <= "\u04ff"}  # the Cyrillic letters it uses
    assert set("әғқңөұүһі") <= used  # every Kazakh letter, in lower case at least
    text = "".join(page_texts(readers["kk"]))
    assert sorted(used - set(text)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_block_running_head_and_page_numbers(real, lang):
    site, _, readers = real
    pages = page_texts(readers[lang])
    first = " ".join(pages[0].split())
    abstract = site.abstract(lang)[1][0]
    for words in (ABSTRACT[lang], abstract[:60], ", ".join(site.config.keywords[lang])[:40],
                  "Creative Commons Attribution 4.0 International", "CC-BY-4.0", "0.1.0"):
        assert words in first, words
    for n, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines()]
        assert PAGE[lang].format(n) in lines, (n, lines[-3:])
        assert (SHORT_TITLES[lang] in lines) == (n > 1), n  # no running head on the title page


def test_tables_that_fit_a_page_are_not_split(real):
    """Each table of the article (each fits a page) has its caption, its rows and its
    source line on one page."""
    _, outputs, readers = real
    pages = [" ".join(text.split()) for text in page_texts(readers["kk"])]
    article = parse(outputs.files["kk/article.html"].decode())
    figures = [f for f in find(article, "figure") if "table-figure" in f.attrs["class"]]
    assert len(figures) == 3
    for figure in figures:
        caption = " ".join(figure.children[0].text.split())[:40]
        source = " ".join(figure.children[-1].text.split())[:40]
        [page] = [text for text in pages if caption in text]
        assert source in page[page.index(caption):], caption


def test_the_article_has_no_raster_image(real):
    for lang in LANGS:
        images = [x for x in resources(real[2][lang], "/XObject") if x.get("/Subtype") == "/Image"]
        assert images == []


@pytest.mark.parametrize("lang", LANGS)
def test_article_and_cite_pages_link_the_pdf_with_its_size(real, lang):
    site, outputs, _ = real
    size = Formatter(lang).file_size(len(outputs.files[pdf_name(lang)]))
    href = f"kazakhstan-migration-{lang}.pdf"
    article = parse(outputs.files[f"{lang}/article.html"].decode())
    [meta] = find(article, "meta", name="citation_pdf_url")
    assert meta.attrs["content"] == href  # no base_url: relative to the article page
    [link] = find(article, "a", type="application/pdf")
    assert (link.attrs["href"], link.text) == (href, LINK[lang].format(size))
    cite = parse(outputs.files[f"{lang}/cite.html"].decode())
    [link] = find(cite, "a", type="application/pdf")
    assert link.attrs["href"] == href and size in link.ancestors[-1].text
    assert not find(parse(outputs.files[f"{lang}/data.html"].decode()), "meta",
                    name="citation_pdf_url")


def test_the_pdf_link_works_from_disk(real, tmp_path):
    """Opened with file://, the link resolves to the PDF beside the page."""
    site, outputs, _ = real
    page = tmp_path / "site" / "kk" / "article.html"
    href = find(parse(outputs.files["kk/article.html"].decode()), "a", type="application/pdf")[0]
    url = urljoin("file://" + pathname2url(str(page)), href.attrs["href"])
    assert url == "file://" + pathname2url(str(tmp_path / "site" / pdf_name("kk")))
    assert pdf_name("kk") in outputs.files


# --- any site -------------------------------------------------------------------------------

def test_a_chart_is_drawn_as_vectors_with_its_text_and_alternative(tiny):
    outputs, reader = tiny
    assert [x for x in resources(reader, "/XObject") if x.get("/Subtype") == "/Image"] == []
    text = "".join(page_texts(reader))
    for label in ("Graphique 1.", "Récolte par culture", "Tomate", "Haricot", "Poids (kg)"):
        assert label in text, label  # the chart's labels are text, not pixels
    figures = [alt for tag, alt in structure(reader) if tag == "/Figure"]
    page = parse(outputs.files["fr/data.html"].decode())
    [chart] = find(page, "div", role="img")
    assert figures == [chart.attrs["aria-label"]]
    fonts = {str(f["/BaseFont"]).split("+")[1] for f in resources(reader, "/Font")}
    assert fonts == {"Noto-Serif-Common", "Noto-Serif-Common-Bold", "Noto-Serif-Latin",
                     "Noto-Serif-Latin-Bold"}  # chart text included


def test_links_to_other_pages_stay_relative_without_base_url(tiny):
    _, reader = tiny
    uris = {a.get_object()["/A"].get("/URI") for p in reader.pages
            for a in p.get("/Annots") or [] if "/A" in a.get_object()}
    assert "index.html#garden" in uris
    assert not any("reportsite.invalid" in str(uri) for uri in uris)


def test_a_site_with_base_url_links_absolutely(make_site, run):
    root = make_site()
    article_copy(root, "base_url: https://example.org/garden/\n")
    assert run("build", "--root", root, "--strict")[0] == 0
    html = (root / "site/de/data.html").read_text()
    assert ('<meta name="citation_pdf_url" '
            'content="https://example.org/garden/de/shared-garden-de.pdf">') in html
    reader = pypdf.PdfReader(root / "site/de/shared-garden-de.pdf")
    uris = {a.get_object()["/A"].get("/URI") for p in reader.pages
            for a in p.get("/Annots") or [] if "/A" in a.get_object()}
    assert "https://example.org/garden/de/index.html#garden" in uris


def test_a_site_without_an_article_page_gets_no_pdf_and_builds_strictly(make_site, run):
    root = make_site()
    code, out, err = run("build", "--root", root, "--strict")
    assert (code, err) == (0, "")
    assert "PDF" not in out
    assert sorted(p.name for p in (root / "site").rglob("*.pdf")) == []
    assert "application/pdf" not in (root / "site/fr/index.html").read_text()


def test_an_unrelated_edit_prints_no_pdf_again(make_site, run):
    root = make_site()
    article_copy(root)
    assert run("build", "--root", root, "--strict")[0] == 0
    harvest = root / "content/fr/harvest.md"
    harvest.write_text(harvest.read_text() + "\nQuatre paniers en été.\n")
    code, out, _ = run("build", "--root", root)
    assert code == 0 and "PDF (0 printed, 3 cached)" in out
    data = root / "content/de/data.md"
    data.write_text(data.read_text() + "\nVier Körbe im Sommer.\n")
    code, out, _ = run("build", "--root", root)
    assert code == 0 and "PDF (1 printed, 2 cached)" in out


def test_what_weasyprint_cannot_load_is_a_warning_and_never_fetched(make_site, run):
    root = make_site()
    article_copy(root)
    data = root / "content/en/data.md"
    data.write_text(data.read_text() + "\n![A photo](https://example.org/photo.png)\n")
    code, _, err = run("build", "--root", root)
    assert code == 0
    assert err.splitlines() == [
        "warning: content/en/data.md: en/shared-garden-en.pdf: WeasyPrint: Failed to load "
        "image at 'https://example.org/photo.png': ValueError: not a static file of the site: "
        "https://example.org/photo.png"]


def test_without_pango_the_build_says_what_to_install(make_site, tmp_path, monkeypatch, capsys):
    root = make_site()
    article_copy(root)
    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    code = main(["build", "--root", str(root), "--cache-dir", str(tmp_path / "cold")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[0] == (
        "error: content/fr/data.md: fr/shared-garden-fr.pdf cannot be made: WeasyPrint needs "
        "Pango and HarfBuzz (cannot load library 'libpango-1.0-0'); install Debian's "
        "libpango-1.0-0, libpangoft2-1.0-0 and libharfbuzz-subset0 (make site does, as root)")
    assert not (root / "site").exists()
