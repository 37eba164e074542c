"""The article's own record as journals and indexers read it: citation tags on the article
pages only, JSON-LD, CITATION.cff, citation.bib and citation.ris (parsed by maintained
libraries), the landing page, and links that work where a journal hosts the site."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import bibtexparser
import pytest
import rispy
import yaml

from conftest import REPO, TINY, TITLES
from htmlquery import find, parse

LANGS = ("kk", "ru", "en")
AUTHORS = {"kk": ["М.Ш. Назарова", "А.Б. Сарсенбаев"], "ru": ["М.Ш. Назарова", "А.Б. Сарсенбаев"],
           "en": ["M.Sh. Nazarova", "A.B. Sarsenbayev"]}
INSTITUTIONS = {
    "kk": ["әл-Фараби атындағы Қазақ Ұлттық Университеті",
           "Қазақ Ұлттық Аграрлық зерттеу университеті"],
    "ru": ["Казахский национальный университет имени аль-Фараби",
           "Казахский национальный аграрный исследовательский университет"],
    "en": ["Al-Farabi Kazakh National University", "Kazakh National Agrarian Research University"]}
# A journal record for the tiny site, to see every known field reach every output.
JOURNAL = """article:
  journal: {fr: Revue du jardin, de: Gartenzeitschrift, en: Garden Review}
  volume: 12
  issue: 3
  pages: 195-210
  issn: 2617-8893
  publisher: Éditions du jardin
  date: 2025-03-31
  doi: 10.1234/garden.5
"""


@pytest.fixture(scope="module")
def site(real_site):
    return real_site[0]


@pytest.fixture(scope="module")
def outputs(real_site):
    return real_site[1].files


def meta_tags(html: str) -> dict[str, list[str]]:
    """name -> contents of every <meta name> of a page, in order."""
    found: dict[str, list[str]] = {}
    for m in find(parse(html), "meta"):
        if m.attrs.get("name"):
            found.setdefault(m.attrs["name"], []).append(m.attrs.get("content", ""))
    return found


def jsonld(html: str) -> list[dict]:
    """The JSON-LD graph of a page."""
    return json.loads(find(parse(html), "script", type="application/ld+json")[0].text)


@pytest.mark.parametrize("lang", LANGS)
def test_article_pages_carry_the_citation_tags(outputs, lang):
    meta = meta_tags(outputs[f"{lang}/article.html"].decode())
    assert meta["citation_title"] == [TITLES[lang]]
    assert meta["citation_author"] == AUTHORS[lang]
    assert meta["citation_author_institution"] == INSTITUTIONS[lang]  # the institution alone
    assert meta["citation_language"] == [lang]
    assert meta["citation_fulltext_html_url"] == ["article.html"]
    references = meta["citation_reference"]
    assert len(references) == 16 and not any("<" in r for r in references)
    # The source gives no journal, date or DOI: none is stated.
    for name in ("citation_publication_date", "citation_date", "citation_journal_title",
                 "citation_doi", "citation_volume", "citation_issn"):
        assert name not in meta, name


def test_no_other_page_carries_citation_tags_or_a_publication_date(outputs):
    for path, data in outputs.items():
        text = data.decode("utf-8", errors="replace") if path.endswith(
            (".html", ".json", ".cff", ".bib", ".ris", ".txt")) else ""
        if path.endswith(".html") and not path.endswith("/article.html"):
            assert "citation_" not in text, path
        # No output states a publication date the source does not give; the RO-Crate's
        # root (which RO-Crate requires to have one) is this edition, dated as the edition.
        if path == "ro-crate-metadata.json":
            dated = [e for e in json.loads(text)["@graph"] if "datePublished" in e]
            assert [(e["@id"], e["datePublished"]) for e in dated] == [("./", "2026-11-24")]
            continue
        assert "datePublished" not in text and "date-published" not in text, path
        assert "citation_publication_date" not in text, path


def test_affiliation_lines_stay_whole_in_the_byline(outputs):
    byline = outputs["en/article.html"].decode()
    assert "Master of Social Sciences, PhD student at Al-Farabi Kazakh National University, " \
           "Kazakhstan, Almaty" in byline


@pytest.mark.parametrize("lang", LANGS)
def test_json_ld_article_and_dataset(outputs, lang):
    article = jsonld(outputs[f"{lang}/article.html"].decode())[0]
    assert article["@type"] == "ScholarlyArticle" and article["inLanguage"] == lang
    assert article["name"] == TITLES[lang]
    assert [a["affiliation"]["name"] for a in article["author"]] == INSTITUTIONS[lang]
    assert article["abstract"].split()[:2] == {"kk": ["Бұл", "мақалада"],
                                               "ru": ["В", "данной"],
                                               "en": ["This", "article"]}[lang]
    assert len(article["citation"]) == 16
    assert not {"datePublished", "isPartOf", "identifier", "publisher"} & set(article)
    if lang == "kk":
        assert [w["@id"] for w in article["workTranslation"]] == [
            "../ru/article.html", "../en/article.html"]
    else:
        assert article["translationOfWork"] == {"@id": "../kk/article.html"}
    page, dataset = jsonld(outputs[f"{lang}/data.html"].decode())
    assert page["@type"] == "WebPage" and page["about"] == {"@id": f"../{lang}/article.html"}
    assert dataset["@type"] == "Dataset" and dataset["isBasedOn"] == page["about"]
    assert "license" not in dataset and "license" not in article  # pending: not for machines
    assert (dataset["@id"], dataset["url"]) == (f"../{lang}/data.html#dataset",
                                                f"../{lang}/data.html")
    assert {d["contentUrl"] for d in dataset["distribution"]} == {
        f"../data/{name}.{ext}" for name in ("survey_attitudes", "external_flows_2022",
                                            "key_figures") for ext in ("csv", "xlsx", "json")
    } | {"../data/datapackage.json"}
    for key in ("index", "cite"):
        (graph,) = jsonld(outputs[f"{lang}/{key}.html"].decode())
        assert graph["@type"] == "WebPage"


def test_citation_cff_follows_the_cff_1_2_0_schema(outputs):
    import jsonschema

    wheels = sorted((REPO / ".venv" / "schemas").glob("cffconvert-*.whl"))
    assert wheels, "make test downloads the cffconvert wheel that carries the CFF schema"
    with zipfile.ZipFile(wheels[0]) as wheel:
        schema = json.loads(wheel.read("cffconvert/schemas/1.2.0/schema.json"))
    cff = yaml.safe_load(outputs["CITATION.cff"])
    jsonschema.validate(cff, schema)
    assert cff["type"] == "dataset" and cff["version"] == "0.1.0"
    assert [a["affiliation"] for a in cff["authors"]] == INSTITUTIONS["en"]
    article = cff["preferred-citation"]
    # The article cited is the original: its title in the language `languages` names.
    assert article["type"] == "article" and article["title"] == TITLES["kk"]
    assert article["languages"] == ["kk"] and article["abstract"].startswith("This article")
    assert cff["title"] == outputs_title(outputs)  # the package's title, as DataCite's
    assert "license" not in cff and "license" not in article  # pending
    assert not {"journal", "year", "doi", "date-published"} & set(article)
    broken = dict(cff, authors=[{"given-names": 5}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_bibtex_parses_with_an_article_per_language(outputs):
    library = bibtexparser.parse_string(outputs["citation.bib"].decode())
    assert not library.failed_blocks
    entries = {e.key: e for e in library.entries}
    assert [(e.entry_type, e.key) for e in library.entries] == [
        # No journal is known: BibTeX's styles require one for @article.
        ("unpublished", "kazakhstan-migration-kk"), ("unpublished", "kazakhstan-migration-ru"),
        ("unpublished", "kazakhstan-migration-en"), ("misc", "kazakhstan-migration-data-0.1.0")]
    for lang, name in zip(LANGS, ("kazakh", "russian", "english")):
        fields = entries[f"kazakhstan-migration-{lang}"].fields_dict
        assert fields["langid"].value == name  # a biblatex language, not "kk, ru, en"
        assert fields["title"].value == "{" + TITLES[lang] + "}"
        assert fields["author"].value.split(" and ")[0] == \
            "{}, {}".format(*reversed(AUTHORS[lang][0].rsplit(" ", 1)))
        assert "year" not in fields and "journal" not in fields
        if lang != "kk":
            assert fields["origlanguage"].value == "kazakh"
    assert entries["kazakhstan-migration-data-0.1.0"].fields_dict["version"].value == "0.1.0"


def plain_style(bib: str) -> dict[str, str]:
    """Each entry of a .bib file as pybtex's plain style (BibTeX's plain.bst) formats it,
    pybtex strict: a missing required field is an error."""
    from pybtex import errors
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    errors.set_strict_mode(True)
    entries = parse_string(bib, "bibtex").entries
    style = find_plugin("pybtex.style.formatting", "plain")()
    return {e.key: e.text.render_as("text") for e in style.format_entries(entries.values())}


def csl_bibliography(bib: str, tmp_path) -> list[str]:
    """The .bib file's entries as citeproc-py formats them in CSL's APA style."""
    import warnings

    from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                          CitationStylesStyle, formatter)
    from citeproc.source.bibtex import BibTeX

    path = tmp_path / "citation.bib"
    path.write_text(bib, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # biblatex fields CSL has no name for (langid)
        source = BibTeX(str(path), encoding="utf-8")
    bibliography = CitationStylesBibliography(CitationStylesStyle("apa", validate=False),
                                              source, formatter.plain)
    for key in source:
        bibliography.register(Citation([CitationItem(key)]))
    return [str(item) for item in bibliography.bibliography()]


def test_pybtex_and_citeproc_format_every_entry(outputs, tmp_path):
    bib = outputs["citation.bib"].decode()
    formatted = plain_style(bib)
    assert sorted(formatted) == sorted(["kazakhstan-migration-kk", "kazakhstan-migration-ru",
                                        "kazakhstan-migration-en",
                                        "kazakhstan-migration-data-0.1.0"])
    assert formatted["kazakhstan-migration-en"].startswith(
        "M.Sh. Nazarova and A.B. Sarsenbayev. Internal and external migration processes")
    csl = csl_bibliography(bib, tmp_path)
    assert len(csl) == 4 and all(TITLES[lang] in " ".join(csl) for lang in LANGS)
    with pytest.raises(Exception, match="journal"):  # strict pybtex does check @article
        plain_style(bib.replace("@unpublished{", "@article{", 1))


def test_ris_parses_with_an_article_per_language_and_the_data(outputs):
    records = rispy.loads(outputs["citation.ris"].decode())
    assert [r["type_of_reference"] for r in records] == ["UNPB", "UNPB", "UNPB", "DATA"]
    assert [r["language"] for r in records] == ["kk", "ru", "en", "en"]
    assert [r["title"] for r in records[:3]] == [TITLES[lang] for lang in LANGS]
    for record in records[:3]:
        assert record["abstract"] and len(record["authors"]) == 2
        assert "year" not in record and "doi" not in record
    assert records[1]["original_publication"] == TITLES["kk"]
    assert records[3]["edition"] == "0.1.0"


def test_a_known_journal_record_reaches_every_output(make_site, run):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text() + JOURNAL
                                    + "base_url: https://example.org/garden/\n")
    (root / "content/fr/harvest.md").write_text((root / "content/fr/harvest.md").read_text()
                                                .replace("order: 2", "order: 2\ntemplate: article"))
    for lang in ("de", "en"):
        path = root / f"content/{lang}/harvest.md"
        path.write_text(path.read_text().replace("order: 2", "order: 2\ntemplate: article"))
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    meta = meta_tags((root / "site/fr/harvest.html").read_text())
    assert meta["citation_journal_title"] == ["Revue du jardin"]
    assert (meta["citation_volume"], meta["citation_issue"]) == (["12"], ["3"])
    assert (meta["citation_firstpage"], meta["citation_lastpage"]) == (["195"], ["210"])
    assert meta["citation_issn"] == ["2617-8893"] and meta["citation_doi"] == ["10.1234/garden.5"]
    assert meta["citation_publication_date"] == ["2025/03/31"]
    assert meta["citation_fulltext_html_url"] == ["https://example.org/garden/fr/harvest.html"]
    # A translation names the original; the journal published the original.
    assert "citation_journal_title" not in meta_tags((root / "site/de/harvest.html").read_text())
    article = jsonld((root / "site/fr/harvest.html").read_text())[0]
    assert article["datePublished"] == "2025-03-31" and article["pageStart"] == "195"
    assert article["isPartOf"] == {
        "@type": "PublicationIssue", "issueNumber": "3", "isPartOf": {
            "@type": "PublicationVolume", "volumeNumber": "12", "isPartOf": {
                "@type": "Periodical", "name": "Revue du jardin", "issn": "2617-8893",
                "publisher": {"@type": "Organization", "name": "Éditions du jardin"}}}}
    assert article["identifier"] == "https://doi.org/10.1234/garden.5"
    cff = yaml.safe_load((root / "site/CITATION.cff").read_text())["preferred-citation"]
    assert (cff["journal"], cff["volume"], cff["issue"], cff["start"], cff["end"]) == (
        "Garden Review", "12", "3", "195", "210")
    assert (cff["year"], cff["month"], cff["doi"]) == (2025, 3, "10.1234/garden.5")
    library = bibtexparser.parse_string((root / "site/citation.bib").read_text())
    original = library.entries[0].fields_dict
    assert original["journal"].value == "Revue du jardin"
    assert original["pages"].value == "195--210" and original["number"].value == "3"
    assert "journal" not in library.entries[1].fields_dict
    records = rispy.loads((root / "site/citation.ris").read_text())
    assert (records[0]["secondary_title"], records[0]["doi"], records[0]["issn"]) == (
        "Revue du jardin", "10.1234/garden.5", "2617-8893")
    assert records[0]["urls"] == ["https://example.org/garden/fr/harvest.html"]
    assert (records[0]["start_page"], records[0]["end_page"]) == ("195", "210")
    for translation in records[1:3]:  # they name the original instead
        assert not {"secondary_title", "doi", "issn", "volume"} & set(translation)
        assert translation["original_publication"] == "Le jardin partagé"
    landing = (root / "site/index.html").read_text()
    for record in ("Revue du jardin, vol. 12, nᵒ 3, p. 195-210, 2025.",
                   "Gartenzeitschrift, Bd. 12, Nr. 3, S. 195-210, 2025.",
                   "Garden Review, vol. 12, no. 3, pp. 195-210, 2025."):
        assert record in " ".join(landing.split()), record
    assert '<a href="https://doi.org/10.1234/garden.5">' in landing


def test_the_landing_page_lists_every_file_with_size_and_sha256(outputs):
    page = parse(outputs["index.html"].decode())
    for lang in LANGS:
        section = find(page, "section", lang=lang)[0]
        rows = [r for r in find(page, "tr") if section in r.ancestors and r.inside("tbody")]
        listed = {}
        for row in rows:
            cells = [c.text.strip() for c in row.children]
            listed[cells[0]] = (int(re.sub(r"\D", "", cells[1])), cells[2])
        wanted = sorted(p for p in outputs if not p.endswith(".html") and p != "SHA256SUMS.txt"
                        and ("/" not in p or p.startswith("data/")))
        assert sorted(listed) == wanted
        for path, (size, digest) in listed.items():
            assert (size, digest) == (len(outputs[path]), hashlib.sha256(outputs[path]).hexdigest())
        text = " ".join(section.text.split())
        assert "0.1.0" in text and "CC-BY-4.0" in text
        assert ", ".join(AUTHORS[lang]) in text


@pytest.mark.parametrize("lang, pending", [("kk", "авторлардың растауын күтуде"),
                                           ("ru", "ожидает подтверждения авторов"),
                                           ("en", "pending the authors' confirmation")])
def test_the_licence_is_shown_pending_until_confirmed(outputs, make_site, run, lang, pending):
    for key in ("index", "article", "cite"):
        assert pending in outputs[f"{lang}/{key}.html"].decode().replace("&#39;", "'")
    if lang == "en":
        root = make_site()
        (root / "site.yaml").write_text((root / "site.yaml").read_text() + "license_confirmed: true\n")
        assert run("build", "--root", root, "--strict")[0] == 0
        for path in ("en/index.html", "index.html", "LICENSE.txt"):
            assert "confirmation" not in (root / "site" / path).read_text(), path
        root = make_site()
        assert run("build", "--root", root, "--strict")[0] == 0
        assert "pending the authors' confirmation" in (root / "site/LICENSE.txt").read_text()


def test_base_url_makes_every_alternate_and_canonical_absolute(make_site, run):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text()
                                    + "base_url: https://example.org/garden/\n")
    assert run("build", "--root", root, "--strict")[0] == 0
    pages = sorted((root / "site").rglob("*.html"))
    for path in pages:
        links = [e for e in find(parse(path.read_text()), "link")
                 if e.attrs.get("rel") in ("alternate", "canonical")]
        if path.name != "404.html":
            assert links, path
        for link in links:
            assert link.attrs["href"].startswith("https://example.org/garden/"), (path, link.attrs)
    html = (root / "site/de/harvest.html").read_text()
    assert '<link rel="canonical" href="https://example.org/garden/de/harvest.html">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/garden/fr/harvest.html">' in html
    assert '<meta property="og:title" content="Ernte · Der Gemeinschaftsgarten">' in html
    assert not re.search(r'(href|src)="/', html)  # the page's own links stay relative
    # Not at a host's root: no robots.txt (crawlers never read one there); the sitemap stays.
    assert not (root / "site/robots.txt").exists() and (root / "site/sitemap.xml").exists()
    missing = (root / "site/404.html").read_text()
    hrefs = [e.attrs["href"] for e in find(parse(missing), "a") + find(parse(missing), "link")]
    assert hrefs and all(h.startswith("https://example.org/garden/") for h in hrefs)


def test_og_title_is_not_doubled(make_site, run):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text()
                                    + "base_url: https://example.org/\n")
    for lang, title in (("fr", "Le jardin partagé"), ("de", "Der Gemeinschaftsgarten"),
                        ("en", "The shared garden")):
        path = root / f"content/{lang}/index.md"
        path.write_text(re.sub(r"title: .*", f"title: {title}", path.read_text(), count=1))
    assert run("translations", "--root", root, "--all")[0] == 0  # the titles translated
    assert run("build", "--root", root, "--strict")[0] == 0
    html = (root / "site/en/index.html").read_text()
    assert '<meta property="og:title" content="The shared garden">' in html
    assert (root / "site/robots.txt").read_text() == \
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"


def test_without_base_url_the_404_page_needs_no_file_of_the_site(outputs):
    page = outputs["404.html"].decode()
    elements = parse(page)
    assert not find(elements, "link")
    assert [s.attrs.get("type") for s in find(elements, "script")] == ["application/ld+json"]
    assert find(elements, "style")  # its look is inline
    for lang in LANGS:
        assert find(elements, "section", lang=lang)
    assert "sitemap.xml" not in outputs and "robots.txt" not in outputs
    assert 'rel="canonical"' not in outputs["en/index.html"].decode()


def test_the_tiny_site_has_no_article_page_and_no_citation_tags(make_site, run):
    root = make_site()
    assert run("build", "--root", root, "--strict")[0] == 0
    for path in (root / "site").rglob("*.html"):
        assert "citation_" not in path.read_text(), path
    assert yaml.safe_load((root / "site/CITATION.cff").read_text())["preferred-citation"][
        "type"] == "article"
    assert "\narticle:" not in (TINY / "site.yaml").read_text()


def outputs_title(outputs) -> str:
    """The package's English title as datacite.xml gives it."""
    record = ET.fromstring(outputs["datacite.xml"])
    kernel = "{http://datacite.org/schema/kernel-4}"
    return next(t.text for t in record.iter(f"{kernel}title")
                if t.get("{http://www.w3.org/XML/1998/namespace}lang") == "en")


def test_xml_records_keep_their_prefixes_whatever_else_registered_one():
    """WeasyPrint's import calls register_namespace('', ''), which drops DataCite's
    default namespace from ElementTree's table: serialise() does not read that table."""
    from reportsite.core.xmlns import XML_LANG, serialise
    kernel = "http://datacite.org/schema/kernel-4"
    root = ET.Element(f"{{{kernel}}}resource")
    ET.SubElement(root, f"{{{kernel}}}title", {XML_LANG: "kk"}).text = "Ә"
    before = serialise(root, {"": kernel})
    ET.register_namespace("", "")
    assert serialise(root, {"": kernel}) == before == (
        f'<resource xmlns="{kernel}"><title xml:lang="kk">Ә</title></resource>')
    with pytest.raises(ValueError):
        serialise(root, {"x": "http://example.org/not-it"})
