"""Incremental and parallel work: what each page's HTML is made from (its cache key), which
pages to render and in how many processes, and the checks whose results are kept between
builds (links, translations). The output is the same whichever way a page was made
(tests/test_cache.py)."""

from __future__ import annotations

import multiprocessing
import shutil
import time
from array import array
from collections.abc import Mapping as MappingABC
from pathlib import Path
from typing import Mapping

from .cache import Cache, generator_digest, sha256
from .charts import ChartRender, Renderer, list_charts, render_charts
from .checks import PageLinks, compare_translations, link_problems, page_signature, parse_html
from .content import CONTENT_DIR, PageGroup
from .errors import SiteError, SiteErrors
from .pages import PageRenderer
from .prose import compile_body, run_shortcodes
from .search import page_sections
from .shortcodes import token_functions
from .site import Site
from .writing import Outputs

PARALLEL_MIN = 24  # pages to render before it pays to start worker processes


class Charts:
    """The site's chart renders: from the cache, else made (and cached) when first needed."""

    def __init__(self, site: Site, cache: Cache):
        self.site, self.cache = site, cache
        self.renderer = Renderer(site.cache_dir) if list_charts(site.root) else None
        self.key = sha256(generator_digest(), site.inputs.digest(
            include=("charts/", "data/", "locales/", "site.yaml")), *site.config.languages)
        clock = time.perf_counter()
        self.renders: Mapping[tuple[str, str], ChartRender] | None = \
            cache.get("charts", self.key) if self.renderer else {}  # None: not cached
        self.seconds = time.perf_counter() - clock

    def make(self) -> Mapping[tuple[str, str], ChartRender]:
        """The renders, made now unless the cache had them."""
        if self.renders is None:
            clock = time.perf_counter()
            languages = self.site.config.languages
            self.renders = render_charts(
                self.site.root, self.site.data, languages,
                {lang: self.site.catalogs[lang].gettext for lang in languages}, self.renderer)
            self.cache.put("charts", self.key, self.renders)
            self.seconds += time.perf_counter() - clock
        return self.renders


class ChartsPending(Exception):
    """A page asked for a chart before the charts were made (it is rendered later)."""


class PendingCharts(MappingABC):
    """Stands for the charts in worker processes started before they were made."""

    def __getitem__(self, key):
        raise ChartsPending

    def __iter__(self):
        raise ChartsPending

    def __len__(self) -> int:
        raise ChartsPending


def render_pages(renderer: PageRenderer, cache: Cache, todo: list[tuple[str, str, str]],
                 jobs: int, charts: Charts) -> list[tuple[tuple[str, str, str], tuple]]:
    """Render the pages of todo ((language, page key, cache key) each) into the cache:
    [(job, (output path, its links, errors))]. With jobs > 1 and enough pages, worker
    processes are forked before the charts are made; a page that shows a chart comes back
    deferred and is rendered here once the parent has made them."""
    rendered, deferred = [], todo
    if todo and jobs > 1 and len(todo) >= PARALLEL_MIN:
        renderer.charts = PendingCharts() if charts.renders is None else charts.renders
        _WORK.append((renderer, cache))
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pending = pool.imap(_render_job, todo, chunksize=max(1, len(todo) // (jobs * 8)))
                charts.make()  # meanwhile
                # Taken as they come: each page's URLs are shared with the pages before it.
                results = [(r[0], r[1].intern(), *r[2:]) if r and r[1] else r for r in pending]
        finally:
            _WORK.clear()
        rendered = [(job, result) for job, result in zip(todo, results) if result is not None]
        deferred = [job for job, result in zip(todo, results) if result is None]
    renderer.charts = charts.make()
    return rendered + [(job, render_one(renderer, cache, *job)) for job in deferred]


_WORK: list[tuple[PageRenderer, Cache]] = []  # the running build's, for forked workers


def _render_job(job: tuple[str, str, str]):
    """In a worker: render one page, or None if it needs the charts (deferred)."""
    try:
        return render_one(*_WORK[0], *job)
    except ChartsPending:
        return None


def render_one(renderer: PageRenderer, cache: Cache, lang: str, key: str, cache_key: str
               ) -> tuple[str, PageLinks | None, list[SiteError], tuple]:
    """Render one page in one language into the cache: (output path, its links, errors,
    its search sections). The links and sections are read from the HTML here, in the
    worker that made it, while it is in memory."""
    path = f"{lang}/{key}.html"
    try:
        html = renderer.render(lang, key)
    except SiteErrors as e:
        return path, None, list(e.errors), ()
    links = parse_html(html).intern()  # a chunk of results pickles each URL once
    cache.put_page(cache_key, html.encode("utf-8"))
    content_lang = renderer.groups[key].source(lang, renderer.site.config.languages).lang
    return path, links, [], page_sections(html, content_lang)


def page_keys(site: Site, pages: list[tuple[str, PageGroup]], pdfs: list[str] = ()
              ) -> list[str]:
    """The cache key of each (language, page): a hash of everything its HTML is made from
    (the generator; every input but the pages; every page's front matter, for navigation;
    what pages show of the PDFs; the page's own file; the language)."""
    languages = site.config.languages
    shared = sha256(generator_digest(), *pdfs,
                    site.inputs.digest(exclude=(f"{CONTENT_DIR}/",)),
                    site.inputs.digest(include=(f"{CONTENT_DIR}/references.yaml",)),
                    *(part for group in site.pages for page in group.pages.values()
                      for part in (page.path, page.title, page.nav_title, str(page.order),
                                   page.template, page.description or "", page.lang)))
    keys = []
    for lang, group in pages:
        page = group.source(lang, languages)
        keys.append(sha256(shared, lang, group.key, page.path, site.inputs.files[page.path]))
    return keys


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
    for _, _, found, _ in results:
        for error in found:
            errors.setdefault((error.path, error.line), error)
    return sorted(errors.values(), key=lambda e: order.get(e.path, (len(order), 0)))


def bytecode_dir(site: Site) -> Path:
    """Where compiled templates are kept: one folder per version of the generator (older
    ones are removed)."""
    folder = site.cache_dir / "templates"
    current = generator_digest()[:16]
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name != current:
                shutil.rmtree(old, ignore_errors=True)
    return folder / current


def check_parity(site: Site, cache: Cache | None = None) -> list[SiteError]:
    """Translation consistency: each translation of a page against the original."""
    problems = []
    tokens = token_functions()
    for group in site.pages:
        if len(group.pages) < 2:
            continue
        key = sha256(generator_digest(), *site.config.languages,  # the first is the original
                     *(part for page in group.pages.values() for part in (page.path, page.body)))
        found = cache.lookup("parity", key) if cache else None
        if found is None:
            signatures, paths = {}, {}
            for lang, page in group.pages.items():
                template = compile_body(page.body, page.path, page.body_line)
                text = run_shortcodes(template, tokens, page.path, page.body_line)
                signatures[lang], paths[lang] = page_signature(text), page.path
            original = next(lang for lang in site.config.languages if lang in group.pages)
            found = compare_translations(signatures, paths, original)
            if cache:
                cache.remember("parity", key, found)
        problems += found
    return problems


def check_links_cached(outputs: Outputs, parsed: dict[str, PageLinks], page_keys: dict[str, str],
                 cache: Cache) -> list[SiteError]:
    """The link check. A page's result is reused when its HTML (its cache key) and the
    site's files and anchors are unchanged; parsed holds the pages rendered just now, and
    the ids of the others come from the cache."""
    ids = {}
    for path in outputs.files:
        if path in parsed:
            ids[path] = parsed[path].ids
        elif path in page_keys:
            ids[path] = cache.lookup("ids", page_keys[path])
        elif path.endswith(".html"):  # the root chooser and 404: made on every build
            parsed[path] = parse_html(outputs.files[path].decode("utf-8"))
            ids[path] = parsed[path].ids
    targets = sha256(generator_digest(), *sorted(outputs.files),
                     *(part for path in sorted(ids) for part in (path, *sorted(ids[path]))))
    found, todo, keys = {}, [], {}
    for path in sorted(ids):
        made_from = page_keys.get(path) or sha256(outputs.files[path])
        keys[path] = sha256(targets, path, outputs.sources.get(path, path), made_from)
        found[path] = cache.lookup("links", keys[path])
        if found[path] is None:
            todo.append(path)
    if todo:
        for path in todo:  # a cached page whose targets changed: its links are needed again
            if path not in parsed:
                parsed[path] = parse_html(outputs.files[path].decode("utf-8"))
        for path in ids:  # of the others, only the ids (anchors are looked up in them)
            parsed.setdefault(path, PageLinks(set(ids[path]), [], array("I")))
        checked = link_problems(outputs.files, outputs.sources, parsed, todo)
        for path in todo:
            cache.remember("links", keys[path], checked[path])
            found[path] = checked[path]
    return [problem for path in sorted(found) for problem in found[path]]
