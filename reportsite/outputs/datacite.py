"""datacite.xml: this edition (the site with its data) as a DataCite Metadata Schema 4.6
record, ready for a data repository or DOI agency.

Nothing is invented. Where the schema requires a value the site does not have, the record
uses DataCite's own standard values for unknown information: the identifier is `(:tba)`
("to be assigned") until `edition: doi` gives this edition's DOI, and the publisher
`(:unav)` ("value unavailable") unless the journal's publisher is known. The article the
edition supplements is a relatedItem `IsSupplementTo` (JournalArticle: its titles and
creators, and its identifier only when its DOI, or else its URL at the journal, is known;
then also a relatedIdentifier). The article's translations this package publishes are
relatedItems `HasPart`: DataCite relates the record's own resource to others, so the
articles' `HasTranslation` / `IsTranslationOf` links are stated where the articles are
described, in the JATS files (`related-article`). Names and affiliations are given in the
language of the citation files (English when the site has it, else the original);
titles, subjects and descriptions in every language, with `xml:lang`. The licence is
stated for machines (rightsURI, SPDX rightsIdentifier) only once confirmed; until then
each `rights` is the line readers see, "pending" included, with no URI or identifier.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportsite.core.outputs import Outputs
from reportsite.core.xmlns import XML_LANG, serialise
from reportsite.load.config import family_given
from reportsite.load.site import Site
from reportsite.outputs.plan import DATACITE, Plan
from reportsite.render.standalone import license_line
from reportsite.render.templates import shown_strings

KERNEL = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{KERNEL} https://schema.datacite.org/meta/kernel-4.6/metadata.xsd"
TO_BE_ASSIGNED = "(:tba)"  # DataCite's standard value: to be assigned or announced later
UNAVAILABLE = "(:unav)"  # DataCite's standard value: value unavailable, possibly unknown
NAMESPACES = {"": KERNEL, "xsi": XSI}


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str
         ) -> ET.Element:
    """A child in DataCite's namespace (attribute names with _ for -, lang for xml:lang)."""
    names = {"lang": XML_LANG}
    element = ET.SubElement(parent, f"{{{KERNEL}}}{tag}",
                            {names.get(k, k): v for k, v in attributes.items()})
    element.text = text
    return element


def add_datacite(site: Site, envs: dict, plan: Plan, outputs: Outputs) -> None:
    """datacite.xml, describing every file of the package, those made after it included."""
    with shown_strings(envs).recording("datacite.xml"):
        pending = {lang: license_line(site, envs[lang], lang) for lang in site.config.languages}
    outputs.add(DATACITE, datacite_xml(site, plan, plan.package_paths(outputs), pending),
                "site.yaml")


def datacite_xml(site: Site, plan: Plan, paths: list[str], licence_lines: dict) -> bytes:
    """The record of this edition; paths: every file of the package (their media types
    from the plan); licence_lines: the licence line readers see, per language (when
    pending)."""
    config, edition = site.config, site.config.edition
    root = ET.Element(f"{{{KERNEL}}}resource", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    if edition.doi:
        _add(root, "identifier", edition.doi, identifierType="DOI")
    else:
        _add(root, "identifier", TO_BE_ASSIGNED, identifierType="DOI")
    creators(root, site)
    titles = _add(root, "titles")
    for code in config.languages:
        title = site.data.titles[code] if site.data else config.full_title(code)
        extra = {} if code == config.original else {"titleType": "TranslatedTitle"}
        _add(titles, "title", title, lang=code, **extra)
    publisher = config.article.publisher
    _add(root, "publisher", publisher[config.original] if publisher else UNAVAILABLE)
    _add(root, "publicationYear", str(edition.date.year))
    _add(root, "resourceType", resourceTypeGeneral="Dataset" if site.data else "Collection")
    subjects = _add(root, "subjects")
    for code in config.languages:
        for word in config.keywords[code]:
            _add(subjects, "subject", word, lang=code)
    translator_contributors(root, site)
    dates = _add(root, "dates")
    _add(dates, "date", edition.date.isoformat(), dateType="Issued")
    _add(root, "language", config.original)
    related_identifiers(root, site)
    sizes = _add(root, "sizes")
    _add(sizes, "size", f"{len(paths)} files")
    data_formats = sorted({plan.media_type(path) for path in paths
                           if path.startswith("data/") and not path.endswith(".md")})
    if data_formats:  # the data's formats, not the site's (CSS, scripts, fonts)
        formats = _add(root, "formats")
        for kind in data_formats:
            _add(formats, "format", kind)
    _add(root, "version", edition.version)
    rights = _add(root, "rightsList")
    if config.license.confirmed:
        _add(rights, "rights", config.license.name, lang="en", rightsURI=config.license.url,
             rightsIdentifier=config.license.spdx, rightsIdentifierScheme="SPDX",
             schemeURI="https://spdx.org/licenses/")
    else:  # the line readers see, "pending" included: a statement, not a licence
        for code in config.languages:
            _add(rights, "rights", licence_lines[code], lang=code)
    descriptions(root, site)
    related_items(root, site, plan)
    ET.indent(root)
    text = serialise(root, NAMESPACES)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode("utf-8")


def creators(root: ET.Element, site: Site, lang: str | None = None) -> None:
    """The authors: "Family, Given", ORCID when known, the institution as affiliation
    (their names as written in lang, and no affiliation or identifier, which a
    relatedItem's creators cannot have, when lang is given)."""
    item, lang = lang is not None, lang or site.config.record_language
    people = _add(root, "creators")
    for author in site.config.authors:
        creator = _add(people, "creator")
        family, given = family_given(author.name[lang])
        _add(creator, "creatorName", f"{family}, {given}" if given else family,
             nameType="Personal")
        if given:
            _add(creator, "givenName", given)
        _add(creator, "familyName", family)
        if item:
            continue
        if author.orcid:
            _add(creator, "nameIdentifier", f"https://orcid.org/{author.orcid}",
                 nameIdentifierScheme="ORCID", schemeURI="https://orcid.org")
        _add(creator, "affiliation", (author.institution or author.affiliation)[lang])


def translator_contributors(root: ET.Element, site: Site) -> None:
    """Who translated the article, as contributors of type Translator, only where site.yaml
    names them (translation: translators), each as written, once."""
    names = [name for lang in site.config.languages[1:]
             for name in site.config.translation.translators.get(lang, ())]
    if names:
        people = _add(root, "contributors")
        for name in dict.fromkeys(names):
            contributor = _add(people, "contributor", contributorType="Translator")
            _add(contributor, "contributorName", name)


def related_identifiers(root: ET.Element, site: Site) -> None:
    """The article this edition supplements: its DOI, else its page at the journal; left
    out when neither is known."""
    article = site.config.article
    if not (article.doi or article.url):
        return
    identifiers = _add(root, "relatedIdentifiers")
    kind, value = ("DOI", article.doi) if article.doi else ("URL", article.url)
    _add(identifiers, "relatedIdentifier", value, relatedIdentifierType=kind,
         relationType="IsSupplementTo", resourceTypeGeneral="JournalArticle")


def related_items(root: ET.Element, site: Site, plan: Plan) -> None:
    """The article this edition supplements (the original, with its titles in every
    language) and the translations of it the package publishes."""
    config, article = site.config, site.config.article
    if not site.article_key:
        return
    items = _add(root, "relatedItems")
    item = _add(items, "relatedItem", relatedItemType="JournalArticle",
                relationType="IsSupplementTo")
    if article.doi or article.url:
        kind, value = ("DOI", article.doi) if article.doi else ("URL", article.url)
        _add(item, "relatedItemIdentifier", value, relatedItemIdentifierType=kind)
    creators(item, site, config.original)
    titles = _add(item, "titles")
    _add(titles, "title", config.full_title(config.original), lang=config.original)
    for code in config.languages[1:]:
        _add(titles, "title", config.full_title(code), lang=code, titleType="TranslatedTitle")
    if article.year:
        _add(item, "publicationYear", str(article.year))
    for code in config.languages[1:]:
        if not any(pdf.lang == code for pdf in plan.of("pdf")):
            continue
        translation = _add(items, "relatedItem", relatedItemType="Text", relationType="HasPart")
        if config.base_url:
            _add(translation, "relatedItemIdentifier", f"{config.base_url}{code}/"
                 f"{site.article_key}.html", relatedItemIdentifierType="URL")
        creators(translation, site, code)
        _add(_add(translation, "titles"), "title", config.full_title(code), lang=code)


def descriptions(root: ET.Element, site: Site) -> None:
    """This edition's own description (the data's, else the article's abstract) in each
    language."""
    config = site.config
    found = []
    for code in config.languages:
        own = site.data.descriptions[code] if site.data is not None \
            else site.abstract_text(code)
        if own:
            found.append((code, own, "Abstract"))
    if found:
        element = _add(root, "descriptions")
        for code, text, kind in found:
            _add(element, "description", text, lang=code, descriptionType=kind)

