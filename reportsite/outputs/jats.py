"""The article as JATS XML 1.3 in every language.

Each page that gets a PDF (template `article`: the plan) also gets a JATS document
beside it, `<lang>/<slug>-<lang>.xml`, made from the same rendered prose as the page
(jatsbody.py) and the records of site.yaml. It is written for the Journal Archiving and
Interchange tag set (JATS "green"), the one meant for converting existing content: its
models are the most permissive, and it lets what is not known be left out (no journal,
no date: `<pub-date-not-available/>`).

Languages, as JATS 1.3 can say them (its multi-language attributes came only in 1.4):
every document is one language's text, `xml:lang` on `<article>`; its title-group gives
the title in that language and a `<trans-title-group xml:lang>` for each other; the
abstracts of the other languages are `<trans-abstract xml:lang>`; keywords are a
`<kwd-group xml:lang>` per language. The original names each translation, and each
translation the original, with `<related-article related-article-type="translation">` /
`"original"` (the values of JATS 1.4's `@lang-variant`), linking to the other language's
JATS file or, for the original, to its DOI or journal page when known. Only the original
carries the journal's record (journal-meta, DOI, volume, issue, pages, date): the journal
published that text.

Each document is cached under a hash of what its page's prose is made from (the page's
cache key without what pages show of other files: JATS is made before the pages, which
show its size) and the abstracts, which may come from another page.
"""

from __future__ import annotations

import posixpath
import unicodedata
import xml.etree.ElementTree as ET
from typing import Mapping

from reportsite.core.cache import Cache, sha256
from reportsite.core.i18n import country_name
from reportsite.core.outputs import Outputs
from reportsite.core.xmlns import HREF, XLINK, XML_LANG, serialise
from reportsite.load.config import SiteConfig, family_given
from reportsite.load.site import Site
from reportsite.outputs.jatsbody import body_and_back, indent
from reportsite.outputs.jatsrefs import structure_references
from reportsite.outputs.plan import Plan, PlannedFile, add_each
from reportsite.render.pages import PageRenderer
from reportsite.render.standalone import license_line, translation_line

ALI = "http://www.niso.org/schemas/ali/1.0/"
DOCTYPE = ('<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and '
           'Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd">')
NAMESPACES = {"ali": ALI, "xlink": XLINK}


def jats_key(site: Site, page_key: str) -> str:
    """What a JATS file is made from: the key of its page's prose and every language's
    abstract (which another page may hold)."""
    abstracts = [repr(site.abstract(lang)) for lang in site.config.languages]
    return sha256("jats", page_key, *abstracts)


def add_jats(site: Site, renderer: PageRenderer, cache: Cache, plan: Plan, outputs: Outputs,
             page_keys: Mapping[tuple[str, str], str]) -> int:
    """Make (or take from the cache) each JATS file the plan names and add it to outputs.
    Returns how many were made."""
    return add_each("jats", plan, cache, outputs,
                    lambda jats: jats_key(site, page_keys[(jats.lang, jats.page)]),
                    lambda jats: article_xml(site, renderer, plan, jats))


def article_xml(site: Site, renderer: PageRenderer, plan: Plan, jats: PlannedFile) -> bytes:
    """The JATS document of one planned file: front matter, body and back."""
    page = site.group(jats.page).source(jats.lang, site.config.languages)
    prose, _ = renderer.prose(page)
    body, back = body_and_back(prose.html)
    structure_references(back, site.references, page.lang)
    root = ET.Element("article", {"article-type": "research-article", "dtd-version": "1.3",
                                  XML_LANG: page.lang})
    root.append(front(site, renderer, plan, jats, page.lang))
    root.append(body)
    if back is not None:
        root.append(back)
    indent(root)
    text = serialise(root, NAMESPACES)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{DOCTYPE}\n{text}\n'.encode("utf-8")


def front(site: Site, renderer: PageRenderer, plan: Plan, jats: PlannedFile, lang: str
          ) -> ET.Element:
    """<front>: the journal's record (the original only) and the article's metadata in
    lang, the language of its text."""
    config = site.config
    original = lang == config.original
    element = ET.Element("front")
    if original and config.article.journal:
        element.append(journal_meta(config))
    meta = ET.SubElement(element, "article-meta")
    if original and config.article.doi:
        ET.SubElement(meta, "article-id", {"pub-id-type": "doi"}).text = config.article.doi
    title_group(meta, config, lang)
    contributors(meta, config, lang)
    translator_contribs(meta, config, lang)
    publication(meta, config, original)
    permissions(meta, site, renderer, jats.lang)
    pdfs = [pdf.path for pdf in plan.of("pdf", jats.lang) if pdf.page == jats.page]
    for href, kind, label in ((jats.page_path, "text/html", "HTML"),
                              *((p, "application/pdf", "PDF") for p in pdfs)):
        ET.SubElement(meta, "self-uri", {"content-type": kind, HREF: link(
            config, jats.path, href)}).text = f"{config.title[lang]} ({label})"
    related_articles(meta, site, plan, jats, lang)
    abstracts(meta, site, lang)
    for code in (lang,) + tuple(c for c in config.languages if c != lang):
        group = ET.SubElement(meta, "kwd-group", {"kwd-group-type": "author"} | (
            {XML_LANG: code} if code != lang else {}))  # the article's own: no xml:lang
        for word in config.keywords[code]:
            ET.SubElement(group, "kwd").text = word
    translation_notes(element, site, renderer, lang)
    return element


def translator_contribs(meta: ET.Element, config: SiteConfig, lang: str) -> None:
    """A translation's translators, when site.yaml names them (translation: translators)."""
    names = config.translation.translators.get(lang, ())
    if names:
        group = ET.SubElement(meta, "contrib-group", {"content-type": "translators"})
        for name in names:
            contrib = ET.SubElement(group, "contrib", {"contrib-type": "translator"})
            ET.SubElement(contrib, "string-name").text = name


def translation_notes(front: ET.Element, site: Site, renderer: PageRenderer, lang: str) -> None:
    """A translation's statement (what was translated, for whom, by whom when known), as
    the page and the PDF say it: <notes notes-type="translation"> after the metadata."""
    line = translation_line(site, renderer.envs[lang], lang)
    if line:
        notes = ET.SubElement(front, "notes", {"notes-type": "translation"})
        ET.SubElement(notes, "p").text = line


def link(config: SiteConfig, here: str, target: str) -> str:
    """The address of target (a path in the site) from the file at here: absolute under
    base_url, else relative."""
    if config.base_url:
        return config.base_url + target
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def journal_meta(config: SiteConfig) -> ET.Element:
    """The journal: its title (with its other languages' titles), ISSN and publisher."""
    article, original = config.article, config.original
    meta = ET.Element("journal-meta")
    titles = ET.SubElement(meta, "journal-title-group")
    ET.SubElement(titles, "journal-title", {XML_LANG: original}).text = article.journal[original]
    for code in config.languages[1:]:
        if article.journal[code] != article.journal[original]:
            group = ET.SubElement(titles, "trans-title-group", {XML_LANG: code})
            ET.SubElement(group, "trans-title").text = article.journal[code]
    if article.issn:
        ET.SubElement(meta, "issn").text = article.issn
    if article.publisher:
        publisher = ET.SubElement(meta, "publisher")
        ET.SubElement(publisher, "publisher-name").text = article.publisher[original]
    return meta


def title_group(meta: ET.Element, config: SiteConfig, lang: str) -> None:
    """The title and subtitle in lang, and in every other language as translated titles."""
    group = ET.SubElement(meta, "title-group")
    ET.SubElement(group, "article-title").text = config.title[lang]
    if config.subtitle:
        ET.SubElement(group, "subtitle").text = config.subtitle[lang]
    for code in config.languages:
        if code != lang:
            trans = ET.SubElement(group, "trans-title-group", {XML_LANG: code})
            ET.SubElement(trans, "trans-title").text = config.title[code]
            if config.subtitle:
                ET.SubElement(trans, "trans-subtitle").text = config.subtitle[code]


def contributors(meta: ET.Element, config: SiteConfig, lang: str) -> None:
    """The authors (name, ORCID, email, corresponding author) and their affiliations:
    the institution alone where site.yaml gives it, else the whole line."""
    group = ET.SubElement(meta, "contrib-group")
    affiliations: dict[tuple[str, bool], str] = {}  # (text, an institution?) -> id
    for author in config.authors:
        contrib = ET.SubElement(group, "contrib", {"contrib-type": "author"})
        if author.corresponding:
            contrib.set("corresp", "yes")
        if author.orcid:
            ET.SubElement(contrib, "contrib-id", {"contrib-id-type": "orcid"}).text = \
                f"https://orcid.org/{author.orcid}"
        names(contrib, config, author.name, lang)
        if author.email:
            ET.SubElement(contrib, "email").text = author.email
        place = ((author.institution[lang], True) if author.institution
                 else (author.affiliation[lang], False),
                 author.city[lang] if author.city else None, author.country)
        rid = affiliations.setdefault(place, f"aff-{len(affiliations) + 1}")
        ET.SubElement(contrib, "xref", {"ref-type": "aff", "rid": rid})
    for ((text, institution), city, country), rid in affiliations.items():
        affiliation(ET.SubElement(meta, "aff", {"id": rid}), text if institution else None,
                    None if institution else text, city,
                    country and (country, country_name(country, lang)))


def affiliation(aff: ET.Element, institution: str | None, line: str | None, city: str | None,
                country: tuple[str, str] | None) -> None:
    """<aff>: the institution (else the whole affiliation line), city and country (its
    ISO code and name), separated as readers write them: "institution, city, country"."""
    aff.text = line
    parts = [("institution", {}, institution), ("city", {}, city),
             ("country", {"country": country[0]} if country else {}, country and country[1])]
    previous = None
    for tag, attributes, text in parts:
        if not text:
            continue
        if previous is not None:
            previous.tail = ", "
        elif aff.text:
            aff.text += ", "
        previous = ET.SubElement(aff, tag, attributes)
        previous.text = text


def names(contrib: ET.Element, config: SiteConfig, name: Mapping[str, str], lang: str) -> None:
    """An author's name as written in lang and, where that is not in Latin letters, in
    the first language that writes it in them (kk, ru: the English form), for indexers
    that read Latin names only."""
    latin = next((code for code in config.languages if is_latin(name[code])), None)
    if is_latin(name[lang]) or latin is None:
        add_name(contrib, name[lang])
        return
    alternatives = ET.SubElement(contrib, "name-alternatives")
    add_name(alternatives, name[lang], lang)
    add_name(alternatives, name[latin], latin)


def add_name(parent: ET.Element, written: str, lang: str | None = None) -> None:
    """<name>: the surname and the given names (initials) of a name as written."""
    family, given = family_given(written)
    name = ET.SubElement(parent, "name", {XML_LANG: lang} if lang else {})
    ET.SubElement(name, "surname").text = family
    if given:
        ET.SubElement(name, "given-names").text = given


def is_latin(text: str) -> bool:
    """Whether every letter of text is a Latin one."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def publication(meta: ET.Element, config: SiteConfig, original: bool) -> None:
    """The journal's date, volume, issue and pages (the original's, when known)."""
    article = config.article
    if not original or not article.year:
        ET.SubElement(meta, "pub-date-not-available")
        return
    date = ET.SubElement(meta, "pub-date", {"date-type": "pub"})
    if article.date:
        date.set("iso-8601-date", article.date.isoformat())
        ET.SubElement(date, "day").text = f"{article.date.day:02d}"
        ET.SubElement(date, "month").text = f"{article.date.month:02d}"
    ET.SubElement(date, "year").text = str(article.year)
    for tag, value in (("volume", article.volume), ("issue", article.issue),
                       ("fpage", article.first_page), ("lpage", article.last_page)):
        if value:
            ET.SubElement(meta, tag).text = value


def permissions(meta: ET.Element, site: Site, renderer: PageRenderer, lang: str) -> None:
    """The licence line readers see and, once the licence is confirmed, its URL for
    machines (@xlink:href, ALI). Until then the line says "pending the authors'
    confirmation" and no machine reads the article as licensed."""
    licence = site.config.license
    permissions_ = ET.SubElement(meta, "permissions")
    element = ET.SubElement(permissions_, "license")
    if licence.confirmed:
        element.set(HREF, licence.url)
        ET.SubElement(element, f"{{{ALI}}}license_ref").text = licence.url
    ET.SubElement(element, "license-p").text = license_line(site, renderer.envs[lang], lang)


def related_articles(meta: ET.Element, site: Site, plan: Plan, jats: PlannedFile, lang: str
                     ) -> None:
    """The original names its translations; a translation names its original (its DOI or
    journal page when known, else its JATS file here)."""
    config, article = site.config, site.config.article
    path = jats.path
    others = {other.lang: other.path for other in plan.of("jats")
              if other.page == jats.page and other.lang != jats.lang}
    if lang == config.original:
        for code, other_path in others.items():
            ET.SubElement(meta, "related-article", {
                "id": f"translation-{code}", "related-article-type": "translation",
                XML_LANG: code, "ext-link-type": "uri", HREF: link(config, path, other_path)})
        return
    attributes = {"id": "original", "related-article-type": "original",
                  XML_LANG: config.original}
    if article.doi:
        attributes |= {"ext-link-type": "doi", HREF: article.doi}
    elif article.url:
        attributes |= {"ext-link-type": "uri", HREF: article.url}
    elif config.original in others:
        attributes |= {"ext-link-type": "uri", HREF: link(config, path, others[config.original])}
    ET.SubElement(meta, "related-article", attributes)


def abstracts(meta: ET.Element, site: Site, lang: str) -> None:
    """The abstract in lang (or the original's, marked, where lang has none) and, as
    translated abstracts, those written in the other languages."""
    found = site.abstract(lang)
    if found:
        abstract = ET.SubElement(meta, "abstract")
        if found[0] != lang:
            abstract.set(XML_LANG, found[0])
        for paragraph in found[1]:
            ET.SubElement(abstract, "p").text = paragraph
    for code in site.config.languages:
        other = site.abstract(code) if code != lang else None
        if other and other[0] == code and (not found or found[0] != code):
            trans = ET.SubElement(meta, "trans-abstract", {XML_LANG: code})
            for paragraph in other[1]:
                ET.SubElement(trans, "p").text = paragraph
