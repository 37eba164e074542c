"""The citation files: CITATION.cff, citation.bib and citation.ris.

The work is typed the same way in all three: the article (CFF preferred-citation, BibTeX
@article, RIS JOUR) and, beside it, this edition of the site with its data (CFF root
`dataset`, BibTeX @misc, RIS DATA). An article whose journal is not known is no
@article to BibTeX (whose styles require its journal) nor a JOUR record: until the
journal is known it is BibTeX's @unpublished (author, title, note; the note says which
text it is) and RIS's UNPB. BibTeX and RIS hold one article record per language:
the original, which alone carries the journal's fields (journal, volume, issue, pages,
ISSN, publisher, year, DOI) since the journal published that text, and each translation
published on this site, which names the original. Nothing the authors have not supplied
is written: an unknown field is left out.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from reportsite.core.i18n import english_name
from reportsite.core.outputs import Outputs
from reportsite.load.config import Author, SiteConfig, family_given
from reportsite.load.site import Site


def add_citations(site: Site, outputs: Outputs) -> None:
    """CITATION.cff, citation.bib and citation.ris, described in the records' language."""
    lang = site.config.record_language
    for name, make in (("CITATION.cff", citation_cff), ("citation.bib", citation_bib),
                       ("citation.ris", citation_ris)):
        outputs.add(name, make(site, lang), "site.yaml")


def page_url(site: Site, lang: str) -> str | None:
    """The absolute URL of the article page in lang (with base_url and an article page)."""
    key = site.article_key
    return f"{site.config.base_url}{lang}/{key}.html" if site.config.base_url and key else None


# CITATION.cff


def _cff_author(author: Author, lang: str) -> dict[str, Any]:
    """A CFF person: names, the institution alone as affiliation, email, ORCID."""
    family, given = family_given(author.name[lang])
    entry: dict[str, Any] = {"family-names": family, "given-names": given}
    if author.institution:
        entry["affiliation"] = author.institution[lang]
    if author.email:
        entry["email"] = author.email
    if author.orcid:
        entry["orcid"] = f"https://orcid.org/{author.orcid}"
    return entry


def _cff_article(site: Site, lang: str) -> dict[str, Any]:
    """The preferred citation: the article in the original language (its title in that
    language, as `languages` says), described in lang."""
    config, article = site.config, site.config.article
    ref: dict[str, Any] = {"type": "article", "title": config.full_title(config.original),
                           "authors": [_cff_author(a, lang) for a in config.authors],
                           "languages": [config.original]}
    optional = {
        "abstract": site.abstract_text(lang),
        "keywords": list(config.keywords[lang]),
        "journal": article.journal[lang] if article.journal else None,
        "volume": article.volume, "issue": article.issue,
        "start": article.first_page, "end": article.last_page, "issn": article.issn,
        "publisher": {"name": article.publisher[lang]} if article.publisher else None,
        "year": article.year, "month": article.date.month if article.date else None,
        "date-published": article.date.isoformat() if article.date else None,
        "doi": article.doi, "url": article.url or page_url(site, config.original),
        "license": config.license.spdx if config.license.confirmed else None,
    }
    return ref | {key: value for key, value in optional.items() if value}


def citation_cff(site: Site, lang: str = "en") -> bytes:
    """CITATION.cff (Citation File Format 1.2.0): this edition with its data as the
    dataset, and the article as its preferred citation."""
    config = site.config
    title = site.data.titles[lang] if site.data else config.full_title(lang)
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this work, please cite the article (preferred-citation); "
                   "the data and the website are this dataset.",
        "type": "dataset",
        "title": title,
        "authors": [_cff_author(a, lang) for a in config.authors],
        "version": config.version,
        "date-released": config.date.isoformat(),
        "keywords": list(config.keywords[lang]),
    }
    if config.license.confirmed:  # CFF has no word for "pending": left out until then
        cff["license"] = config.license.spdx
    if site.data:
        cff["abstract"] = site.data.descriptions[lang]
    if config.edition.doi:
        cff["doi"] = config.edition.doi
    if config.base_url:
        cff["url"] = config.base_url
    cff["preferred-citation"] = _cff_article(site, lang)
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=1000).encode()


# citation.bib


def _bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters."""
    return re.sub(r"([{}&%$#_])", r"\\\1", text)


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    """One entry; the title keeps its capitals (double braces); empty fields are left out."""
    body = ",\n".join(f"  {name} = {{{{{_bibtex_escape(value)}}}}}" if name == "title"
                      else f"  {name} = {{{_bibtex_escape(value)}}}"
                      for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _bib_authors(config: SiteConfig, lang: str) -> str:
    """'Family, Given and Family, Given'."""
    return " and ".join("{}, {}".format(*family_given(a.name[lang])) for a in config.authors)


def _bib_article(site: Site, lang: str) -> str:
    """@article for the text in lang (@unpublished while no journal is known): the
    original with the journal's fields, a translation with the original's language and
    title (biblatex origlanguage, origtitle)."""
    config, article = site.config, site.config.article
    original = lang == config.original
    fields: list[tuple[str, str | None]] = [
        ("author", _bib_authors(config, lang)), ("title", config.full_title(lang)),
        ("langid", english_name(lang).lower()), ("language", english_name(lang))]
    if original:
        fields += [
            ("journal", article.journal[lang] if article.journal else None),
            ("volume", article.volume), ("number", article.issue),
            ("pages", re.sub(r"\s*[-–]+\s*", "--", article.pages) if article.pages else None),
            ("issn", article.issn),
            ("publisher", article.publisher[lang] if article.publisher else None),
            ("year", str(article.year) if article.year else None),
            ("month", str(article.date.month) if article.date else None),
            ("date", article.date.isoformat() if article.date else None),
            ("doi", article.doi), ("url", article.url or page_url(site, lang))]
    else:
        fields += [("origlanguage", english_name(config.original).lower()),
                   ("origtitle", config.full_title(config.original)),
                   ("url", page_url(site, lang))]
    fields += [("abstract", site.abstract_text(lang)),
               ("keywords", ", ".join(config.keywords[lang]))]
    if article.journal:
        return _bibtex_entry("article", f"{config.slug}-{lang}", fields)
    note = ("The original text" if original else
            f"Translation from {english_name(config.original)}") + " (journal not yet known)"
    return _bibtex_entry("unpublished", f"{config.slug}-{lang}", fields + [("note", note)])


def _bib_supplement(site: Site, lang: str) -> str:
    """@misc for this edition of the site with its data."""
    config = site.config
    title = site.data.titles[lang] if site.data else config.full_title(lang)
    languages = " and ".join(english_name(code) for code in config.languages)
    return _bibtex_entry("misc", f"{config.slug}-data-{config.version}", [
        ("author", _bib_authors(config, lang)), ("title", title),
        ("year", str(config.date.year)), ("date", config.date.isoformat()),
        ("version", config.version), ("language", languages),
        ("doi", config.edition.doi), ("url", config.base_url),
        ("keywords", ", ".join(config.keywords[lang]))])


def citation_bib(site: Site, lang: str = "en") -> bytes:
    """citation.bib: the article in each language, then this edition with its data."""
    entries = [_bib_article(site, code) for code in site.config.languages]
    return "\n".join(entries + [_bib_supplement(site, lang)]).encode()


# citation.ris


def _ris_article(site: Site, lang: str) -> list[tuple[str, str | None]]:
    """A JOUR record for the text in lang (journal fields on the original only); UNPB
    while no journal is known."""
    config, article = site.config, site.config.article
    tags: list[tuple[str, str | None]] = [("TY", "JOUR" if article.journal else "UNPB")]
    tags += [("AU", "{}, {}".format(*family_given(a.name[lang]))) for a in config.authors]
    tags.append(("TI", config.full_title(lang)))
    if lang == config.original:
        tags += [("T2", article.journal[lang] if article.journal else None),
                 ("VL", article.volume), ("IS", article.issue),
                 ("SP", article.first_page), ("EP", article.last_page), ("SN", article.issn),
                 ("PB", article.publisher[lang] if article.publisher else None),
                 ("PY", str(article.year) if article.year else None),
                 ("DA", article.date.strftime("%Y/%m/%d") if article.date else None),
                 ("DO", article.doi), ("UR", article.url or page_url(site, lang))]
    else:
        tags += [("OP", config.full_title(config.original)), ("UR", page_url(site, lang))]
    tags += [("LA", lang), ("AB", site.abstract_text(lang))]
    tags += [("KW", word) for word in config.keywords[lang]]
    return tags


def _ris_supplement(site: Site, lang: str) -> list[tuple[str, str | None]]:
    """A DATA record for this edition of the site with its data."""
    config = site.config
    tags: list[tuple[str, str | None]] = [("TY", "DATA")]
    tags += [("AU", "{}, {}".format(*family_given(a.name[lang]))) for a in config.authors]
    tags += [("TI", site.data.titles[lang] if site.data else config.full_title(lang)),
             ("PY", str(config.date.year)), ("DA", config.date.strftime("%Y/%m/%d")),
             ("ET", config.version), ("LA", lang),
             ("AB", site.data.descriptions[lang] if site.data else None),
             ("DO", config.edition.doi), ("UR", config.base_url)]
    tags += [("KW", word) for word in config.keywords[lang]]
    return tags


def citation_ris(site: Site, lang: str = "en") -> bytes:
    """citation.ris: the article in each language, then this edition with its data."""
    records = [_ris_article(site, code) for code in site.config.languages]
    records.append(_ris_supplement(site, lang))
    lines = []
    for record in records:
        lines += [f"{tag}  - {' '.join(value.split())}" for tag, value in record if value]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines).encode()
