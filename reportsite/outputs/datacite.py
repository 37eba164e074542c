"""datacite.xml: this edition (the site with its data) as a DataCite Metadata Schema 4.5
record, ready for a data repository or DOI agency.

Nothing is invented. Where the schema requires a value the site does not have, the record
uses DataCite's own standard values for unknown information: the identifier is `(:tba)`
("to be assigned") until `edition: doi` gives this edition's DOI, and the publisher
`(:unav)` ("value unavailable") unless the journal's publisher is known. The article the
edition supplements is a related identifier `IsSupplementTo` only when its DOI (or else
its URL at the journal) is known. Names and affiliations are given in the language of the
citation files (English when the site has it, else the original); titles, subjects and
descriptions in every language, with `xml:lang`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from reportsite.core.outputs import Outputs
from reportsite.core.xmlns import XML_LANG
from reportsite.load.config import family_given
from reportsite.load.site import Site
from reportsite.outputs.plan import DATACITE, Plan
from reportsite.render.standalone import license_line

KERNEL = "http://datacite.org/schema/kernel-4"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{KERNEL} https://schema.datacite.org/meta/kernel-4.5/metadata.xsd"
TO_BE_ASSIGNED = "(:tba)"  # DataCite's standard value: to be assigned or announced later
UNAVAILABLE = "(:unav)"  # DataCite's standard value: value unavailable, possibly unknown
ET.register_namespace("", KERNEL)
ET.register_namespace("xsi", XSI)


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
    formats = _add(root, "formats")
    for kind in sorted({plan.media_type(path) for path in paths}):
        _add(formats, "format", kind)
    _add(root, "version", edition.version)
    rights = _add(root, "rightsList")
    _add(rights, "rights", config.license.name, lang="en", rightsURI=config.license.url,
         rightsIdentifier=config.license.spdx, rightsIdentifierScheme="SPDX",
         schemeURI="https://spdx.org/licenses/")
    descriptions(root, site, licence_lines)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode("utf-8")


def creators(root: ET.Element, site: Site) -> None:
    """The authors: "Family, Given", ORCID when known, the institution as affiliation."""
    lang = site.config.record_language
    people = _add(root, "creators")
    for author in site.config.authors:
        creator = _add(people, "creator")
        family, given = family_given(author.name[lang])
        _add(creator, "creatorName", f"{family}, {given}" if given else family,
             nameType="Personal")
        if given:
            _add(creator, "givenName", given)
        _add(creator, "familyName", family)
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


def descriptions(root: ET.Element, site: Site, licence_lines: dict) -> None:
    """The article's abstract in each language that has one, the data's description,
    and, while the licence awaits confirmation, the line that says so."""
    config = site.config
    found = []
    for code in config.languages:
        abstract = site.abstract_text(code)
        if abstract:
            found.append((code, abstract, "Abstract"))
        if site.data is not None:
            found.append((code, site.data.descriptions[code], "Other"))
        if not config.license.confirmed:
            found.append((code, licence_lines[code], "Other"))
    if found:
        element = _add(root, "descriptions")
        for code, text, kind in found:
            _add(element, "description", text, lang=code, descriptionType=kind)

