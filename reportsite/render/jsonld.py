"""JSON-LD (schema.org) for each page, and the Open Graph locale.

The article page in each language is a ScholarlyArticle (the original with its journal:
isPartOf, pages, publisher, date, DOI, when known; a translation linked to it); the data
page adds the Dataset, based on the article; every other page is a WebPage about the
article; the landing page is the WebSite with its language editions. Nothing unknown is
written, and no date but the article's own; the licence only once confirmed.
"""

from __future__ import annotations

from typing import Any

from reportsite.core.i18n import likely_territory
from reportsite.load.config import SiteConfig
from reportsite.load.site import Site


def og_locale(lang: str) -> str:
    """Open Graph locale (language_TERRITORY) from the tag's region or CLDR's likely one:
    kk -> kk_KZ, ru -> ru_RU, en -> en_US, uz-Cyrl -> uz_UZ, en-GB -> en_GB."""
    return f"{lang.split('-')[0]}_{likely_territory(lang)}"


def site_url(config: SiteConfig, path: str, from_lang_folder: bool = True) -> str:
    """Absolute URL with base_url, else a link relative to a page in a language folder."""
    if config.base_url:
        return config.base_url + path
    return ("../" if from_lang_folder else "") + path


def _people(config: SiteConfig, lang: str) -> list[dict[str, Any]]:
    """The authors, with their institution (not the whole byline line) when known."""
    people = []
    for author in config.authors:
        person: dict[str, Any] = {"@type": "Person", "name": author.name[lang]}
        if author.institution:
            person["affiliation"] = {"@type": "Organization", "name": author.institution[lang]}
        if author.email:
            person["email"] = author.email
        if author.orcid:
            person["identifier"] = f"https://orcid.org/{author.orcid}"
        people.append(person)
    return people


def _periodical(config: SiteConfig, lang: str) -> dict[str, Any] | None:
    """The journal, volume and issue the article appeared in (schema.org's nesting)."""
    article = config.article
    if not article.journal:
        return None
    part: dict[str, Any] = {"@type": "Periodical", "name": article.journal[lang]}
    if article.issn:
        part["issn"] = article.issn
    if article.publisher:
        part["publisher"] = {"@type": "Organization", "name": article.publisher[lang]}
    if article.volume:
        part = {"@type": "PublicationVolume", "volumeNumber": article.volume, "isPartOf": part}
    if article.issue:
        part = {"@type": "PublicationIssue", "issueNumber": article.issue, "isPartOf": part}
    return part


def _journal_fields(config: SiteConfig, lang: str) -> dict[str, Any]:
    """What the journal's record adds to the original article: every known field."""
    article = config.article
    fields: dict[str, Any] = {
        "isPartOf": _periodical(config, lang),
        "pageStart": article.first_page, "pageEnd": article.last_page,
        "datePublished": article.date.isoformat() if article.date
        else (str(article.year) if article.year else None),
        "publisher": {"@type": "Organization", "name": article.publisher[lang]}
        if article.publisher else None,
        "identifier": f"https://doi.org/{article.doi}" if article.doi else None,
        "sameAs": [u for u in (f"https://doi.org/{article.doi}" if article.doi else None,
                               article.url) if u] or None,
    }
    return {key: value for key, value in fields.items() if value}


def scholarly_article(site: Site, lang: str) -> dict[str, Any]:
    """The ScholarlyArticle in lang: the original, or a translation of it."""
    config = site.config
    key = site.article_key or "index"

    def article_id(code: str) -> str:
        return site_url(config, f"{code}/{key}.html")
    article: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ScholarlyArticle", "@id": article_id(lang),
        "headline": config.title[lang], "name": config.full_title(lang),
        "inLanguage": lang, "author": _people(config, lang),
        "keywords": list(config.keywords[lang]), "isAccessibleForFree": True,
    }
    if config.license.confirmed:  # schema.org has no "pending": left out until then
        article["license"] = config.license.url
    if config.base_url:
        article["url"] = article_id(lang)
    abstract = site.abstract_text(lang)
    if abstract:
        article["abstract"] = abstract
    references = site.reference_texts(lang)
    if references:
        article["citation"] = [{"@type": "CreativeWork", "name": text} for text in references]
    if lang == config.original:
        article |= _journal_fields(config, lang)
        others = [{"@id": article_id(c)} for c in config.languages if c != lang]
        if others:
            article["workTranslation"] = others
    else:
        article["translationOfWork"] = {"@id": article_id(config.original)}
    return article


def root_jsonld(site: Site, name: str) -> list[dict[str, Any]]:
    """JSON-LD for a root page: the landing page is the WebSite with its language
    editions (each language's start page) and what it is about, the article; the 404
    page a WebPage of it."""
    config = site.config
    website: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "WebSite",
        "@id": site_url(config, "index.html", False), "name": config.full_title(config.original),
        "inLanguage": list(config.languages),
        "alternateName": [config.full_title(code) for code in config.languages[1:]],
        "author": _people(config, config.record_language), "version": config.version,
        "hasPart": [{"@type": "WebSite", "@id": site_url(config, f"{code}/index.html", False),
                     "name": config.title[code], "inLanguage": code}
                    for code in config.languages]}
    if config.base_url:
        website["url"] = config.base_url
    if site.article_key:
        website["about"] = {"@id": site_url(config, f"{config.original}/{site.article_key}.html",
                                            False)}
    if name != "404":
        return [website]
    return [{"@context": "https://schema.org", "@type": "WebPage", "name": "404",
             "inLanguage": list(config.languages),
             "isPartOf": {"@id": website["@id"]}}]


def dataset(site: Site, lang: str, key: str = "data") -> dict[str, Any]:
    """The Dataset (on page key): this edition's data, based on the article, with every
    download."""
    config, data = site.config, site.data
    assert data is not None
    licence = data.licenses[0] if data.licenses else {}
    files = [(r.titles[lang], f"data/{r.path}", "text/csv") for r in data.resources.values()]
    files += [(r.titles[lang], f"data/{r.name}.xlsx", "application/vnd.openxmlformats-"
               "officedocument.spreadsheetml.sheet") for r in data.resources.values()]
    files += [(r.titles[lang], f"data/{r.name}.json", "application/json")
              for r in data.resources.values()]
    files.append(("datapackage.json", "data/datapackage.json", "application/json"))
    graph: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Dataset",
        "@id": site_url(config, f"{lang}/{key}.html#dataset"),
        "url": site_url(config, f"{lang}/{key}.html"), "name": data.titles[lang],
        "description": data.descriptions[lang], "inLanguage": lang,
        "creator": _people(config, lang),
        "keywords": list(config.keywords[lang]), "version": config.version,
        "isAccessibleForFree": True,
        "distribution": [{"@type": "DataDownload", "encodingFormat": kind, "name": name,
                          "contentUrl": site_url(config, path)} for name, path, kind in files],
    }
    if config.license.confirmed:
        graph["license"] = licence.get("path", config.license.url)
    if site.article_key:
        graph["isBasedOn"] = {"@id": site_url(config, f"{lang}/{site.article_key}.html")}
    if config.edition.doi:
        graph["identifier"] = f"https://doi.org/{config.edition.doi}"
    return graph


def page_jsonld(site: Site, lang: str, key: str, title: str) -> list[dict[str, Any]]:
    """JSON-LD for page key in lang: the article on its page, the Dataset on the data page,
    a WebPage about the article elsewhere."""
    if key == site.article_key:
        return [scholarly_article(site, lang)]
    page: dict[str, Any] = {"@context": "https://schema.org", "@type": "WebPage",
                            "@id": site_url(site.config, f"{lang}/{key}.html"),
                            "name": title, "inLanguage": lang}
    if site.article_key:
        page["about"] = {"@id": site_url(site.config, f"{lang}/{site.article_key}.html")}
    graph = [page]
    if key == "data" and site.data is not None:
        graph.append(dataset(site, lang, key))
    return graph
