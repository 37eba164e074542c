"""What each page's HTML is made from: its cache key, a hash of every input it depends on.
An unchanged key means an unchanged page, so a page is rendered again only when one of
its inputs changed (tests/test_cache.py checks every kind of change)."""

from __future__ import annotations

from typing import Iterable

from reportsite.core.cache import generator_digest, sha256
from reportsite.core.i18n import shown_size
from reportsite.core.layout import CONTENT_DIR, REFERENCES_FILE, TRANSLATIONS_DIR
from reportsite.load.content import PageGroup
from reportsite.load.site import Site


def downloads_signature(downloads: Iterable) -> list[str]:
    """What pages show of the files they link to (path, and size as shown), for the pages'
    cache keys: an edit that leaves a PDF's shown size alone re-renders no page."""
    return [f"{f.path}:{shown_size(f.size)}" if f.size is not None else f.path
            for f in downloads]


def page_keys(site: Site, pages: list[tuple[str, PageGroup]], shown: list[str] = ()
              ) -> list[str]:
    """The cache key of each (language, page): a hash of everything its HTML is made from
    (the generator; every input but the pages and the translation records; each page's
    translation state in each language; every page's front matter, for navigation;
    what pages show of the files they link to; the page's own file; the language)."""
    languages = site.config.languages
    shared = sha256(generator_digest(), *shown,
                    *(repr(site.abstract(lang)) for lang in languages),  # article pages show it
                    # the records only through the states they give (a notice, the cite page)
                    site.inputs.digest(exclude=(f"{CONTENT_DIR}/", f"{TRANSLATIONS_DIR}/")),
                    *(f"{key}/{lang}:{state.status}"
                      for (key, lang), state in sorted(site.translations.items())),
                    site.inputs.digest(include=(REFERENCES_FILE,)),
                    *(part for group in site.pages for page in group.pages.values()
                      for part in (page.path, page.title, page.nav_title, str(page.order),
                                   page.template, page.description or "", page.lang)))
    keys = []
    for lang, group in pages:
        page = group.source(lang, languages)
        keys.append(sha256(shared, lang, group.key, page.path, site.inputs.files[page.path]))
    return keys


def prose_keys(site: Site, files: Iterable) -> dict[tuple[str, str], str]:
    """(language, page key) -> the cache key of what the prose of each planned file's page
    is made from: its page's key without what pages show of other files, so a file made
    from the prose before the pages (JATS) does not depend on its own size."""
    files = list(files)
    pages = [(f.lang, site.group(f.page)) for f in files]
    return dict(zip(((f.lang, f.page) for f in files), page_keys(site, pages)))
