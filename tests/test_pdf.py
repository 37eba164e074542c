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
    sections = [h.text.strip() for h in find(article, "h2") if h.inside("div", "prose")
                and not h.inside("section", "notes")]  # the PDF has them as footnotes
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


@pytest.mark.parametrize("lang", LANGS)
def test_a_table_split_across_pages_repeats_its_header(real, lang):
    """Each table of the article keeps its caption with its first rows and its source
    line after its last; where it runs onto the next page, its header row is printed
    again at the top of that page."""
    assert len(figures_split(real, lang)[0]) == 3


def test_some_table_runs_onto_a_second_page(real):
    """So that the repeated header above is checked at all: where a table splits depends
    on the text before it (Figure 1 once ran over in every language; after the article
    top came, not in every one)."""
    assert sum(figures_split(real, lang)[1] for lang in LANGS) >= 1


def figures_split(real, lang: str) -> tuple[list, int]:
    """The article's table figures, and how many page breaks fall inside them (each
    checked: the header row printed again at the top of the next page)."""
    _, outputs, readers = real
    pages = [" ".join(text.split()) for text in page_texts(readers[lang])]
    article = parse(outputs.files[f"{lang}/article.html"].decode())
    figures = [f for f in find(article, "figure") if "table-figure" in f.attrs["class"]]
    split = 0
    for figure in figures:
        caption = " ".join(figure.children[0].text.split())[:40]
        source = " ".join(figure.children[-1].text.split())[:40]
        header = " ".join(next(e for e in find(article, "th") if figure in e.ancestors
                               ).text.split())
        [start] = [n for n, text in enumerate(pages) if caption in text]
        end = next(n for n in range(start, len(pages)) if source in pages[n])
        for n in range(start + 1, end + 1):
            split += 1
            assert header in pages[n][:300], (caption, n + 1)  # repeated at the top
    return figures, split


# The page's text box (A4, margins 20 mm at the sides and top, 22 mm at the foot), in pt.
MM = 72 / 25.4
TEXT_BOX = (20 * MM, 20 * MM, 595.28 - 20 * MM, 841.89 - 22 * MM)


def page_geometry(data: bytes) -> list[tuple[list[str], float, str]]:
    """Per page: the characters outside the text box's sides, how full the text box is
    (its lowest line, 0-1), and the text of its first body line."""
    import pdfplumber

    left, top, right, bottom = TEXT_BOX
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            outside = [c["text"] for c in page.chars if c["x0"] < left - .5 or c["x1"] > right + .5
                       or c["top"] < 0 or c["bottom"] > page.height]
            body = [c for c in page.chars if top - 1 <= c["top"] and c["bottom"] <= bottom + 1]
            lowest = max((c["bottom"] for c in body), default=top)
            first = min((c["top"] for c in body), default=top)
            line = "".join(c["text"] for c in sorted(body, key=lambda c: c["x0"])
                           if abs(c["top"] - first) < 2)
            found.append((outside, (lowest - top) / (bottom - top), line))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_no_glyph_leaves_the_text_box_and_no_page_is_left_half_empty(real, lang):
    """Every glyph of every page lies inside the text box's sides (the running head and
    foot sit in the margins above and below it, centred). A page is at least 60 % full,
    except where the next page begins a section (a level-2 heading starts on a new line
    after a page that could not hold its first lines: kept with them) and the last
    page, where the reference list ends."""
    site, outputs, _ = real
    article = parse(outputs.files[f"{lang}/article.html"].decode())
    headings = [" ".join(h.text.split()) for h in find(article, "h2")]
    pages = page_geometry(outputs.files[pdf_name(lang)])
    for n, (outside, filled, _) in enumerate(pages, start=1):
        assert outside == [], (n, "".join(outside))
        if filled < .6 and n < len(pages):
            following = pages[n][2]
            assert any(following.startswith(h[:20].replace(" ", "")) or
                       following.replace(" ", "").startswith(h[:20].replace(" ", ""))
                       for h in headings), (n, round(filled, 2), following)


def test_a_reference_url_prints_once(real):
    _, _, readers = real
    text = "".join(" ".join(t.split()) for t in page_texts(readers["en"]))
    assert text.count("https://www.jstor.org/stable/j.ctt6wp6gk.7") == 1
    assert "(https://" not in text


# --- PDF/UA ---------------------------------------------------------------------------------

def every_pdf(real, tiny) -> dict[str, bytes]:
    """Every PDF the tests make: the real site's three and the tiny site's (a chart)."""
    files = {**real[1].files, **tiny[0].files}
    return {path: data for path, data in files.items() if path.endswith(".pdf")}


def test_pdfua_finds_nothing_in_any_pdf(real, tiny, tmp_path):
    """The pinned checker of PDF/UA-1's machine-checkable rules: no finding, neither error
    nor warning nor note (it says itself that this is no proof of conformance; the tests below check more). Its
    heading rule raises on any /K array (pdfua 0.1.3) and is skipped:
    test_the_structure_holds_what_pdfua_does_not_check checks every heading has text."""
    from pdfua import validate

    pdfs = every_pdf(real, tiny)
    assert len(pdfs) == 6
    for path, data in pdfs.items():
        file = tmp_path / path.replace("/", "-")
        file.write_bytes(data)
        report = validate(str(file))
        assert [(f.rule_id, f.severity.name, f.message) for f in report.findings] == [], path
        assert [o.rule_id for o in report.skipped] in ([], ["UA-14-001"]), path


def structure_tree(data: bytes):
    """The PDF's structure elements with pikepdf, depth first: (element, parent)."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    found = []

    def walk(element, parent):
        found.append((element, parent))
        k = element.get("/K")
        for kid in k if isinstance(k, pikepdf.Array) else [] if k is None else [k]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, element)

    for kid in pdf.Root.StructTreeRoot.K:
        walk(kid, None)
    return pdf, found


def role(element) -> str:
    return str(element.get("/S"))


@pytest.mark.parametrize("lang", LANGS)
def test_running_heads_and_page_numbers_are_artifacts(real, lang):
    """Every glyph in the top and bottom margins (the running head, "Page N") is in an
    /Artifact sequence of the Pagination kind, a header above and a footer below, and
    none is in the structure tree; every glyph of the text box is tagged content."""
    import pdfplumber
    import pikepdf

    data = real[1].files[pdf_name(lang)]
    left, top, right, bottom = TEXT_BOX
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            margins = [c for c in page.chars if c["bottom"] < top or c["top"] > bottom]
            body = [c for c in page.chars if top <= c["top"] and c["bottom"] <= bottom]
            assert {(c["tag"], c["mcid"]) for c in margins} == {("Artifact", None)}, n
            assert "".join(c["text"] for c in margins if c["top"] > bottom) == \
                PAGE[lang].format(n)
            assert all(c["tag"] != "Artifact" and c["mcid"] is not None for c in body), n
    pdf, elements = structure_tree(data)
    for n, page in enumerate(pdf.pages, start=1):
        kinds = [dict(operands[1]) for operands, operator in pikepdf.parse_content_stream(page)
                 if str(operator) == "BDC" and operands[0] == "/Artifact"]
        subtypes = [str(kind["/Subtype"]) for kind in kinds]
        assert {str(kind["/Type"]) for kind in kinds} == {"/Pagination"}
        assert set(subtypes) == ({"/Header", "/Footer"} if n > 1 else {"/Footer"}), n
    parents = pdf.Root.StructTreeRoot.ParentTree.Nums
    in_tree = {element.objgen for element, _ in elements}
    for i in range(1, len(parents), 2):
        for parent in parents[i] if isinstance(parents[i], pikepdf.Array) else [parents[i]]:
            assert parent is None or parent.objgen in in_tree  # nothing linked nowhere


@pytest.mark.parametrize("lang", LANGS)
def test_each_reference_in_another_language_says_so(real, lang):
    """Each reference whose language differs from the PDF's (the HTML's span lang: kk,
    ru, en, ru-Latn) is tagged with that /Lang, all of its text and none of the rest:
    the text of the elements under each /Lang is exactly those references' text."""
    import pdfplumber
    from pdfplumber.structure import PDFStructTree

    outputs = real[1]
    article = parse(outputs.files[f"{lang}/article.html"].decode())
    expected: dict[str, str] = {}
    for p in find(article, "p"):  # a translation's original title, in the original's language
        if "original-title" in p.attrs.get("class", ""):
            expected[p.children[0].attrs["lang"]] = p.children[0].text
    for li in find(article, "li"):
        if li.attrs.get("id", "").startswith("ref-"):
            span = li.children[0]
            if span.attrs["lang"] != lang:
                expected[span.attrs["lang"]] = expected.get(span.attrs["lang"], "") + span.text
    assert expected  # every article cites works in other languages than its own
    with pdfplumber.open(io.BytesIO(outputs.files[pdf_name(lang)])) as pdf:
        chars = {(n, c["mcid"]): [] for n in range(len(pdf.pages)) for c in pdf.pages[n].chars}
        for n, page in enumerate(pdf.pages):
            for c in page.chars:
                chars[(n, c["mcid"])].append(c["text"])
        found: dict[str, str] = {}

        def walk(element, inherited):
            language = element.lang or inherited
            if element.lang and language != lang:
                found[language] = found.get(language, "") + "".join(
                    "".join(chars.get((page - 1, mcid), [])) for page, mcid in element.all_mcids())
                return
            for child in element.children:
                walk(child, language)

        for element in PDFStructTree(pdf):
            walk(element, lang)

    def squeezed(text: str) -> str:
        return re.sub(r"[\s\u00ad-]", "", text)
    assert {k: squeezed(v) for k, v in found.items()} == \
        {k: squeezed(v) for k, v in expected.items()}


def test_the_structure_holds_what_pdfua_does_not_check(real, tiny):
    """In every PDF: each header cell has a /Scope (/Column in the header row group,
    /Row in the body); each table's caption is its Table's first kid (a table split
    across pages has it on its first page) and no Caption is left beside a table, while a
    chart's stays beside its Figure (whose /Alt replaces the Figure's content); every
    heading marks text."""
    for path, data in every_pdf(real, tiny).items():
        _, elements = structure_tree(data)
        parent_of = {element.objgen: parent for element, parent in elements}
        headers = [e for e, _ in elements if role(e) == "/TH"]
        assert headers, path
        for cell in headers:
            group = parent_of[parent_of[cell.objgen].objgen]
            assert str(cell.A.Scope) == ("/Column" if role(group) == "/THead" else "/Row"), path
        in_tables = 0
        for caption, parent in ((e, p) for e, p in elements if role(e) == "/Caption"):
            if role(parent) == "/Table":
                in_tables += 1
                assert parent.K[0].objgen == caption.objgen, path
            else:  # beside: a chart's, never a table's
                assert not any(wraps(kid, "/Table") for kid in parent.K), path
                assert any(wraps(kid, "/Figure") for kid in parent.K), path
        assert in_tables == (3 if "kazakhstan" in path else 1), path  # each table once
        for heading, _ in elements:
            if re.fullmatch(r"/H[1-6]", role(heading)):
                assert marks_text(heading), path


def wraps(element, wanted: str) -> bool:
    """Whether a structure element is, or holds through Divs and NonStructs, a `wanted`."""
    import pikepdf

    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return False
    if role(element) == wanted:
        return True
    k = element.get("/K")
    return role(element) in ("/Div", "/NonStruct") and any(
        wraps(kid, wanted) for kid in (k if isinstance(k, pikepdf.Array) else [k]))


def marks_text(element) -> bool:
    """Whether a structure element or one under it marks content (an MCID)."""
    import pikepdf

    k = element.get("/K")
    return any(isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and "/S" in kid
                                        and marks_text(kid))
               for kid in (k if isinstance(k, pikepdf.Array) else [k]))


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
