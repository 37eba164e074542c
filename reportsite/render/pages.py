"""Rendering one page in one language: its body (shortcodes, Markdown, blocks), then its
template with the navigation, the language switcher and the page's metadata."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Mapping

from markupsafe import Markup

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.i18n import d3_format_locale, d3_time_format_locale, native_name
from reportsite.load.content import Page, PageGroup
from reportsite.load.site import Site
from reportsite.core.chartforms import THEMES
from reportsite.render.charts import ChartRender, list_charts, spec_json
from reportsite.render.jsonld import og_locale, page_jsonld
from reportsite.render.citebox import FormattedCitation, formatted
from reportsite.render.prose import (Prose, audit_html, compile_body, place_blocks, place_notes,
                                     render_markdown, run_shortcodes)
from reportsite.render.shortcodes import Shortcodes
from reportsite.render.templates import (Chrome, Link, PageView, base_context, mark_fallbacks,
                                         render_template)


@dataclass(frozen=True)
class LanguageState:
    """How a language's pages stand against the original, for readers (the cite page)."""

    lang: str  # the language
    original: bool  # True for the original's language
    stale: tuple["PageLink", ...]  # its pages that predate changes to the original
    missing: tuple["PageLink", ...]  # the pages not translated into it yet
    untracked: tuple["PageLink", ...]  # its pages nobody has compared with the original


def language_states(site: Site, lang: str) -> tuple[LanguageState, ...]:
    """Every language's translation state, its pages named in the reader's language lang."""
    links = {link.key: link for link in page_links(site, lang)}
    states = []
    for code in site.config.languages:
        found = {status: tuple(links[group.key] for group in site.pages
                               if site.translations[group.key, code].status == status)
                 for status in ("stale", "missing", "untracked")} if site.translations else {}
        states.append(LanguageState(code, code == site.config.original,
                                    found.get("stale", ()), found.get("missing", ()),
                                    found.get("untracked", ())))
    return tuple(states)


@dataclass(frozen=True)
class PageLink:
    """A page of the site as templates list it, in the reader's language."""

    key: str  # the page name: its file is <lang>/<key>.html
    title: str  # its title
    nav_title: str  # its short name in the navigation
    lang: str  # the language of that text (the original's when not translated)


def page_links(site: Site, lang: str) -> tuple[PageLink, ...]:
    """Every page of the site in navigation order, titled in lang where it exists."""
    links = []
    for group in site.pages:
        page = group.source(lang, site.config.languages)
        links.append(PageLink(group.key, page.title, page.nav_title, page.lang))
    return tuple(links)


def template_context(site: Site, chrome: Chrome, pages: tuple[PageLink, ...] | None = None
                     ) -> dict:
    """The variables every template gets (docs/REFERENCE.md lists them); pages: the
    page_links of chrome's language, if already made."""
    return base_context(site.config, chrome) | {"pages": pages if pages is not None
                                                else page_links(site, chrome.lang),
                                                "data": site.data,
                                                "article_key": site.article_key}


class PageRenderer:
    """Renders the pages of one site. Forked worker processes inherit one; it keeps each
    language's navigation and the bodies other languages borrow, so each is made once.

    charts: the site's chart renders by (chart id, language), a mapping that may make them
    on first use (render.charts.Charts); downloads: the files pages link to, by kind and
    language, as the plan describes them ({"pdf": {"kk": (PlannedFile, ...)}, ...}), with
    their sizes once made: the print render of a page is made before its PDF, so without."""

    def __init__(self, site: Site, envs: dict, charts: Mapping[tuple[str, str], ChartRender],
                 downloads: Mapping[str, Mapping[str, tuple]] | None = None):
        self.site, self.envs, self.charts = site, envs, charts
        self.downloads = downloads or {}
        self.navs: dict[str, tuple] = {}  # language -> (nav links, position of each page)
        self.listed: dict[str, tuple] = {}  # language -> (page_links, language_states)
        self.borrowed: dict[str, tuple[Prose, bool]] = {}  # page path -> its rendered body
        self.cite_forms: dict[str, tuple[FormattedCitation, ...]] = {}  # language -> the
        # article's reference in the cite box's styles, formatted once per language
        # The link-preview image: the PNG of the site's first chart (needs base_url).
        self.first_chart = min(list_charts(site.root), default=None) \
            if site.config.base_url else None

    def render(self, lang: str, key: str, template: str | None = None,
               extra: Mapping | None = None) -> str:
        """Page key in language lang, as HTML (its own text, or the original's); with
        template, in that template instead of the page's, and extra added to its context."""
        site = self.site
        group = site.group(key)
        page = group.source(lang, site.config.languages)
        prose = self.borrowed.get(page.path)
        if prose is None:
            prose = self.prose(page)
            if len(group.pages) < len(site.config.languages):  # borrowed somewhere
                self.borrowed[page.path] = prose
        return self.page(lang, group, page, *prose, template, extra)

    def prose(self, page: Page) -> tuple[Prose, bool]:
        """A page body in its own language: shortcodes (two passes), Markdown, blocks.
        Returns the prose and whether it shows a chart."""
        env, site = self.envs[page.lang], self.site

        def partial(name: str, **context) -> str:
            return render_template(env, name.removesuffix(".html"),
                                   {"site": site.config, "lang": page.lang} | context,
                                   site.root, page.path)

        template = compile_body(page.body, page.path, page.body_line)
        numbering = Shortcodes(page.lang, site.data, self.charts, partial, site.references)
        run_shortcodes(template, numbering.functions(), page.path, page.body_line)
        codes = Shortcodes(page.lang, site.data, self.charts, partial, site.references, numbering)
        text = run_shortcodes(template, codes.functions(), page.path, page.body_line)
        try:
            prose = render_markdown(text)
        except RecursionError as e:  # Markdown recurses once per level: emphasis, lists
            raise SiteErrors([SiteError(page.path, None, "nested too deeply to render "
                                        "(emphasis, lists or quotes inside one another); a "
                                        "page needs only a few levels")]) from e
        audit_html(prose.html, page.body, page.path, page.body_line)  # before our blocks go in
        html = place_blocks(prose.html, codes.blocks, page.path)
        html = place_notes(html, lambda notes: partial("partials/notes.html", notes=notes))
        return Prose(html, prose.toc), bool(codes.charts_used)

    def page(self, lang: str, group: PageGroup, page: Page, prose: Prose, has_charts: bool,
             template: str | None = None, extra: Mapping | None = None) -> str:
        """The page template around a rendered body."""
        site = self.site
        view = PageView(key=group.key, title=page.title, description=page.description,
                        html=prose.html, toc=prose.toc, lang=page.lang, source=page.path,
                        borrowed=page.lang != lang, charts=has_charts,
                        article=group.key == site.article_key,
                        stale=page.lang == lang and (group.key, lang) in site.translations
                        and site.translations[group.key, lang].status == "stale")
        jsonld = page_jsonld(site, lang, group.key, page.title)
        if lang not in self.listed:  # the same on every page of a language: made once
            self.listed[lang] = (page_links(site, lang), language_states(site, lang))
        links, states = self.listed[lang]
        context = template_context(site, self.chrome(lang, group.key), links) | {
            "page": view, "og_locale": og_locale(lang),
            "og_alternates": [og_locale(code) for code in site.config.languages if code != lang],
            "jsonld": Markup(spec_json(jsonld)),
            "citation_references": site.reference_texts(page.lang) if view.article else [],
            "og_image": (f"{site.config.base_url}{lang}/figures/{self.first_chart}.png"
                         if self.first_chart else None),
            "pdfs": self.downloads.get("pdf", {}).get(lang, ()),
            "jats": self.downloads.get("jats", {}).get(lang, ()),
            "epubs": self.downloads.get("epub", {}).get(lang, ()),
            "citations": self.citations(lang),
            "translations": states,
        }
        if view.article:
            abstract = site.abstract(page.lang)
            context |= {"abstract": abstract[1] if abstract else (),
                        "abstract_lang": abstract[0] if abstract else page.lang}
        if has_charts:
            context["d3_locales"] = Markup(d3_locales_json(page.lang))
            context["chart_themes"] = Markup(spec_json(THEMES))
        context |= extra or {}
        html = render_template(self.envs[lang], template or page.template, context, site.root,
                               page.path)
        return mark_fallbacks(html)

    def citations(self, lang: str) -> tuple[FormattedCitation, ...]:
        """The article's reference for readers of lang in the cite box's styles: the text
        they read (the original's where theirs is missing); none without an article."""
        site = self.site
        if site.article_key is None:
            return ()
        text_lang = site.group(site.article_key).source(lang, site.config.languages).lang
        if text_lang not in self.cite_forms:
            base = site.config.base_url
            url = f"{base}{text_lang}/{site.article_key}.html" if base else None
            self.cite_forms[text_lang] = formatted(site.config, text_lang, url)
        return self.cite_forms[text_lang]

    def chrome(self, lang: str, key: str) -> Chrome:
        """Navigation and language links for page key in language lang."""
        site = self.site
        filename = f"{key}.html"
        languages = tuple(Link(f"../{code}/{filename}", native_name(code), code, code == lang)
                          for code in site.config.languages)
        if lang not in self.navs:
            self.navs[lang] = (tuple(Link(f"{p.key}.html", p.nav_title, p.lang, False)
                                     for p in page_links(site, lang)),
                               {group.key: n for n, group in enumerate(site.pages)})
        links, positions = self.navs[lang]
        here = positions[key]
        nav = links[:here] + (replace(links[here], current=True),) + links[here + 1:]
        x_default = "index.html" if key == "index" else f"{site.config.original}/{filename}"
        base = site.config.base_url
        alternates = languages if not base else tuple(
            replace(link, href=f"{base}{link.lang}/{filename}", current=False) for link in languages)
        return Chrome(lang, "../", filename, languages, nav, (base or "../") + x_default,
                      alternates)


@functools.lru_cache(maxsize=None)
def d3_locales_json(lang: str) -> str:
    """The page's d3 number and time locales as embeddable JSON (the same for every page of
    a language, so made once)."""
    return spec_json({"format": d3_format_locale(lang), "time": d3_time_format_locale(lang)})
