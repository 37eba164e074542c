"""Rendering the pages that changed, into the cache: in the parent, or in forked worker
processes when there are many. The output is the same whichever way a page was made
(tests/test_cache.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from reportsite.build.checks import PageLinks, scan_links
from reportsite.build.keys import page_keys
from reportsite.core.cache import Cache
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.htmltree import parse_html
from reportsite.core.outputs import Outputs
from reportsite.core.pool import worker_pool
from reportsite.load.content import PageGroup
from reportsite.load.site import Site
from reportsite.outputs.search import page_share
from reportsite.render.charts import Charts, ChartsPending
from reportsite.render.pages import PageRenderer
from reportsite.render.templates import shown_strings

PARALLEL_MIN = 24  # pages to render before it pays to start worker processes


@dataclass(frozen=True)
class PageSet:
    """The pages of a build: every (language, page) with its cache key, and the links of
    those rendered by this build (the others' come from the cache)."""

    pages: list[tuple[str, PageGroup]]  # (reader's language, page), languages first
    keys: list[str]  # the cache key of each, in the same order
    links: dict[str, PageLinks]  # output path -> its links, for the pages rendered now
    rendered: int  # how many were rendered (the others came from the cache)

    @property
    def by_page(self) -> dict[tuple[str, str], str]:
        """(language, page key) -> cache key."""
        return {(lang, group.key): key for (lang, group), key in zip(self.pages, self.keys)}

    @property
    def by_path(self) -> dict[str, str]:
        """Output path -> cache key."""
        return {f"{lang}/{group.key}.html": key for (lang, group), key in zip(self.pages, self.keys)}


def add_pages(site: Site, renderer: PageRenderer, cache: Cache, outputs: Outputs, jobs: int,
              charts: Charts, shown: list[str], meanwhile: Callable[[], None] = lambda: None
              ) -> PageSet:
    """Every page in every language into outputs: from the cache where its key (shown:
    what pages show of other files) is unchanged, else rendered now. meanwhile: the
    parent's own work that needs the charts but no page, done while workers render. Stops
    on the pages' errors."""
    pages = [(lang, group) for lang in site.config.languages for group in site.pages]
    keys = page_keys(site, pages, shown)
    todo = [(lang, group.key, key) for (lang, group), key in zip(pages, keys)
            if not cache.has_page(key)]
    rendered = render_pages(renderer, cache, todo, jobs, charts, meanwhile)
    outputs.report.errors += in_page_order(site, [result for _, result in rendered])
    outputs.report.raise_if_errors()
    for (_, _, key), (_, links, _, strings) in rendered:
        cache.remember("ids", key, frozenset(links.ids))
        cache.remember("ui", key, strings)
    record = shown_strings(renderer.envs)
    for (lang, group), key in zip(pages, keys):
        path = f"{lang}/{group.key}.html"
        outputs.add(path, cache.kept_page(key), group.source(lang, site.config.languages).path)
        record.merge(cache.lookup("ui", key), path)
    return PageSet(pages, keys, {path: links for _, (path, links, *_) in rendered}, len(todo))


def render_pages(renderer: PageRenderer, cache: Cache, todo: list[tuple[str, str, str]],
                 jobs: int, charts: Charts, meanwhile: Callable[[], None] = lambda: None
                 ) -> list[tuple[tuple[str, str, str], tuple]]:
    """Render the pages of todo ((language, page key, cache key) each) into the cache:
    [(job, (output path, its links, errors))]. With jobs > 1 and
    enough pages, worker processes are forked before the charts are made; a page that
    shows a chart comes back deferred and is rendered here once the parent has made them.
    meanwhile runs once, after the charts: while the workers render, when there are any
    (the parent would otherwise only wait), else before the pages."""
    rendered, deferred = [], todo
    if todo and jobs > 1 and len(todo) >= PARALLEL_MIN:
        def work(job: tuple[str, str, str]):
            try:
                return render_one(renderer, cache, *job)
            except ChartsPending:
                return None  # rendered in the parent, which makes the charts meanwhile

        with worker_pool(work, jobs) as workers:
            pending = workers.imap(todo, chunksize=max(1, len(todo) // (jobs * 8)))
            charts.make()  # meanwhile
            meanwhile()
            meanwhile = _nothing
            # Taken as they come: each page's URLs are shared with the pages before it.
            results = [(r[0], r[1].intern(), *r[2:]) if r and r[1] else r for r in pending]
        rendered = [(job, result) for job, result in zip(todo, results) if result is not None]
        deferred = [job for job, result in zip(todo, results) if result is None]
    charts.make()
    meanwhile()
    return rendered + [(job, render_one(renderer, cache, *job)) for job in deferred]


def _nothing() -> None:
    """What is left to do meanwhile once it is done."""


def render_one(renderer: PageRenderer, cache: Cache, lang: str, key: str, cache_key: str
               ) -> tuple[str, PageLinks | None, list[SiteError], tuple]:
    """Render one page in one language into the cache: (output path, its links, errors,
    the UI strings it shows as (language, message id) pairs). The links and the page's
    share of the search index are read from the HTML here, in the worker that made it,
    while it is in memory, from one parse of it (core/htmltree.py); the search share goes to the cache on disk, not back to the
    parent (which would hold every page's text: outputs/search.py reads them one page at
    a time)."""
    path = f"{lang}/{key}.html"
    try:
        with shown_strings(renderer.envs).recording(path) as strings:
            html = renderer.render(lang, key)
    except SiteErrors as e:
        return path, None, list(e.errors), ()
    tree = parse_html(html)  # once: the links and the search index both read it
    links = scan_links(tree).intern()  # a chunk of results pickles each URL once
    cache.put_page(cache_key, html.encode("utf-8"))
    content_lang = renderer.site.group(key).source(lang, renderer.site.config.languages).lang
    cache.get_or_make("search", cache_key,
                      lambda: page_share(tree, content_lang, len(renderer.site.pages)))
    return path, links, [], tuple(sorted(strings))


def in_page_order(site: Site, results: list[tuple]
                   ) -> list[SiteError]:
    """The errors of rendered pages in the order of the pages' source files, one per file
    and line (a page missing in a language shows, and fails with, its original; a broken
    template fails every page)."""
    order = {}
    for n, group in enumerate(site.pages):
        for m, page in enumerate(sorted(group.pages.values(), key=lambda p: p.path)):
            order[page.path] = (n, m)
    errors = {}  # one error per place: a template fails the same way for every page
    for _, _, found, *_ in results:
        for error in found:
            errors.setdefault((error.path, error.line), error)
    return sorted(errors.values(), key=lambda e: order.get(e.path, (len(order), 0)))
