"""The build in three stages: load_site() -> render_site() -> write_site().

Only write_site touches the output folder, and it replaces it in one rename after
everything else succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import tempfile
import time
from array import array
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Mapping

from babel.support import Translations
from markupsafe import Markup

from .archive import checksums, source_epoch, write_zip
from .cache import CACHE_DIR, INPUT_DIRS, Cache, Inputs, generator_digest, scan_inputs, sha256
from .charts import ChartRender, Renderer, list_charts, render_charts, spec_json
from .checks import (PageLinks, TokenShortcodes, compare_translations, link_problems,
                     page_signature, parse_html)
from .config import SiteConfig, load_config
from .content import CONTENT_DIR, Page, PageGroup, load_pages
from .data import DataPackage, load_data
from .errors import Report, SiteError, SiteErrors, rel
from .i18n import d3_format_locale, d3_time_format_locale, load_catalogs, native_name
from .outputs import (chart_files, citation_bib, citation_cff, citation_ris, data_files,
                      og_locale, robots, scholarly_jsonld, sitemap)
from .prose import (Prose, audit_html, compile_body, place_blocks, render_markdown,
                    run_shortcodes)
from .references import References, load_references
from .render import (Chrome, Link, PageView, base_context, check_template, list_templates,
                     make_environment, render_template)
from .shortcodes import Shortcodes

STATIC_DIR = "static"
CHARTS_JS = Path(__file__).parent / "assets" / "charts.js"  # the generator's own chart glue
SITE_TEMPLATES = {"root": "index.html", "404": "404.html"}  # template -> file, at the site root
PARALLEL_MIN = 24  # pages to render before it pays to start worker processes


@dataclass(frozen=True)
class Site:
    """Everything read from a site folder, checked, and ready to render."""

    root: Path  # the site folder (holds site.yaml)
    config: SiteConfig  # site.yaml
    pages: tuple[PageGroup, ...]  # pages with their translations, in navigation order
    catalogs: Mapping[str, Translations]  # compiled UI strings per language
    data: DataPackage | None  # data/datapackage.yaml and its CSVs, checked (None: no data)
    references: References | None  # content/references.yaml (None: no reference list)
    report: Report  # warnings so far; rendering adds to it
    cache_dir: Path  # where renders are kept between builds (default: root/.cache)
    inputs: Inputs  # the content hash of every input file


class Files(MappingABC):
    """Output path -> bytes. Rendered pages stay on disk in the cache (a path is kept, not
    their bytes) and are read when asked for, so a large site is never all in memory."""

    def __init__(self) -> None:
        self._items: dict[str, bytes | Path] = {}
        self._ids: dict[str, str] = {}  # content_id() of each file, once asked for

    def __getitem__(self, path: str) -> bytes:
        item = self._items[path]
        return item.read_bytes() if isinstance(item, Path) else item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def put(self, path: str, item: bytes | Path) -> None:
        """Add bytes, or a file whose bytes these are."""
        self._items[path] = item
        self._ids.pop(path, None)

    def kept_at(self, path: str) -> Path | None:
        """The file holding this output, if it is kept on disk."""
        item = self._items[path]
        return item if isinstance(item, Path) else None

    def with_files(self, more: Mapping[str, bytes]) -> "Files":
        """A copy with more files added (nothing is read)."""
        copy = Files()
        copy._items = dict(self._items) | dict(more)
        return copy

    def content_id(self, path: str) -> str:
        """An id of a file's content: its cache key for a rendered page (the hash of what
        it was made from), else the SHA-256 of its bytes."""
        if path not in self._ids:
            item = self._items[path]
            self._ids[path] = f"page:{item.stem}" if isinstance(item, Path) else sha256(item)
        return self._ids[path]


@dataclass
class Outputs:
    """The rendered site: relative path -> bytes, with the source of each."""

    files: Files = field(default_factory=Files)
    sources: dict[str, str] = field(default_factory=dict)  # output path -> what produced it
    archive_only: dict[str, bytes] = field(default_factory=dict)  # README.txt: zip, not site
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds), in order

    def lap(self, stage: str, started: float) -> float:
        """Record how long a stage took since started; return the new start."""
        now = time.perf_counter()
        self.timings.append((stage, now - started))
        return now

    def add(self, path: str, data: bytes | Path, source: str, report: Report) -> None:
        """Add one file; two sources writing one path is an error naming both."""
        if path in self.files:
            report.error(source, None, f"writes {path}, which {self.sources[path]} also writes")
            return
        self.files.put(path, data)
        self.sources[path] = source


def load_site(root: Path, strict: bool = False, cache_dir: Path | None = None,
              inputs: Inputs | None = None) -> Site:
    """Read and check site.yaml, content/, locales/, data/ and templates/; write nothing.
    inputs: the content hashes of the input files, if the caller has them already."""
    root = root.resolve()
    inputs = inputs or scan_inputs(root)
    report = Report(strict=strict)
    config = load_config(root, report)
    pages = load_pages(root, config, report)
    catalogs = load_catalogs(root, config.languages, report)
    data = load_data(root, config.languages, report)
    references = load_references(root, config.languages, report)
    available = list_templates(root)
    for name in SITE_TEMPLATES:
        if name not in available:
            report.error(f"templates/{name}.html", None, "missing: the generator renders it for "
                         "every site")
    page_templates = available - set(SITE_TEMPLATES) - {"base"}
    for group in pages:
        for page in group.pages.values():
            problem = check_template(page.template, page_templates, page.path, page.template_line)
            if problem:
                report.errors.append(problem)
    report.raise_if_errors()
    return Site(root, config, pages, catalogs, data, references, report,
                (cache_dir or root / CACHE_DIR).resolve(), inputs)


def render_site(site: Site, jobs: int = 1) -> Outputs:
    """Render every page in every language, the root chooser, 404 and static files.

    A page whose inputs are unchanged since an earlier build comes from the cache; the
    others are rendered, by `jobs` worker processes when there are enough of them. The
    output is the same whichever way a page was made (tests/test_cache.py)."""
    outputs = Outputs()
    started = time.perf_counter()
    _first_chart.cache_clear()  # charts may come and go between builds of one process (serve)
    report = site.report
    languages = site.config.languages
    cache = Cache(site.cache_dir)
    envs = {lang: make_environment(site.root, lang, site.catalogs[lang],
                                   _bytecode_dir(site) / lang)  # Jinja folds `1200 | number`
            for lang in languages}
    charts = _Charts(site, cache)
    pages = [(lang, group) for lang in languages for group in site.pages]
    keys = _page_keys(site, pages)
    todo = [(lang, group.key, key) for (lang, group), key in zip(pages, keys)
            if not cache.has_page(key)]
    rendered = _render_pages(_Work(site, envs, charts.renders, cache), todo, jobs, charts)
    results = [result for _, result in rendered]
    parsed: dict[str, PageLinks] = {}  # the ids and links of HTML files rendered just now
    for (lang, key, cache_key), (path, links, errors) in rendered:
        if links is not None:
            parsed[path] = links
            cache.remember("ids", cache_key, frozenset(links.ids))
    report.errors += _in_page_order(site, results)
    report.raise_if_errors()
    for (lang, group), key in zip(pages, keys):
        outputs.add(f"{lang}/{group.key}.html", cache.page_path(key),
                    group.source(lang, languages).path, report)
    outputs.timings.append(("charts", charts.seconds))  # while workers render pages
    started = outputs.lap(f"pages ({len(todo)} rendered, {len(pages) - len(todo)} cached)",
                          started)
    for problem in check_parity(site, cache):
        report.warn(problem.path, problem.line, problem.message)
    started = outputs.lap("translation check", started)
    _add_generated(site, charts.make(), charts.renderer, outputs, report)
    _add_documents(site, envs, outputs, report)
    for name, filename in SITE_TEMPLATES.items():
        html = _render_multilingual(site, envs, name, filename)
        outputs.add(filename, html.encode("utf-8"), f"templates/{name}.html", report)
    _add_static(site, outputs, report)
    started = outputs.lap("other files", started)
    page_keys = {f"{lang}/{group.key}.html": key for (lang, group), key in zip(pages, keys)}
    for problem in _check_links(outputs, parsed, page_keys, cache):
        report.warn(problem.path, problem.line, problem.message)
    outputs.lap("link check", started)
    report.raise_if_errors()
    cache.save()
    return outputs


class _Charts:
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


def _render_pages(work: "_Work", todo: list[tuple[str, str, str]], jobs: int,
                  charts: _Charts) -> list[tuple[tuple[str, str, str], tuple]]:
    """Render the pages of todo ((language, page key, cache key) each) into the cache:
    [(job, (output path, its links, errors))]. With jobs > 1 and enough pages, worker
    processes are forked before the charts are made; a page that shows a chart comes back
    deferred and is rendered here once the parent has made them."""
    rendered, deferred = [], todo
    if todo and jobs > 1 and len(todo) >= PARALLEL_MIN:
        _WORK.append(work)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                pending = pool.imap(_render_job, todo, chunksize=max(1, len(todo) // (jobs * 8)))
                work.charts = charts.make()  # meanwhile
                # Taken as they come: each page's URLs are shared with the pages before it.
                results = [(r[0], r[1].intern(), r[2]) if r and r[1] else r for r in pending]
        finally:
            _WORK.clear()
        rendered = [(job, result) for job, result in zip(todo, results) if result is not None]
        deferred = [job for job, result in zip(todo, results) if result is None]
    work.charts = charts.make()
    return rendered + [(job, _render_one(work, *job)) for job in deferred]


def _bytecode_dir(site: Site) -> Path:
    """Where compiled templates are kept: one folder per version of the generator (older
    ones are removed)."""
    folder = site.cache_dir / "templates"
    current = generator_digest()[:16]
    if folder.is_dir():
        for old in folder.iterdir():
            if old.name != current:
                shutil.rmtree(old, ignore_errors=True)
    return folder / current


def _page_keys(site: Site, pages: list[tuple[str, PageGroup]]) -> list[str]:
    """The cache key of each (language, page): a hash of everything its HTML is made from
    (the generator; every input but the pages; every page's front matter, for navigation;
    the page's own file; the language)."""
    languages = site.config.languages
    shared = sha256(generator_digest(),
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


def _in_page_order(site: Site, results: list[tuple[str, PageLinks | None, list[SiteError]]]
                   ) -> list[SiteError]:
    """The errors of rendered pages in the order of the pages' source files, one per file
    and line (a page missing in a language shows, and fails with, its original; a broken
    template fails every page)."""
    order = {}
    for n, group in enumerate(site.pages):
        for m, page in enumerate(sorted(group.pages.values(), key=lambda p: p.path)):
            order[page.path] = (n, m)
    errors = {}  # one error per place: a template fails the same way for every page
    for _, _, found in results:
        for error in found:
            errors.setdefault((error.path, error.line), error)
    return sorted(errors.values(), key=lambda e: order.get(e.path, (len(order), 0)))


class ChartsPending(Exception):
    """A page asked for a chart before the charts were made (it is rendered later)."""


class _PendingCharts(MappingABC):
    """Stands for the charts in worker processes started before they were made."""

    def __getitem__(self, key):
        raise ChartsPending

    def __iter__(self):
        raise ChartsPending

    def __len__(self) -> int:
        raise ChartsPending


@dataclass
class _Work:
    """What rendering a page needs; forked worker processes inherit it."""

    site: Site
    envs: dict
    charts: Mapping[tuple[str, str], ChartRender] | None  # None: not made yet
    cache: Cache
    # page path -> (Prose, has charts) of pages that other languages borrow (missing
    # translations show the original), so their body is rendered once per process
    prose: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.groups = {group.key: group for group in self.site.pages}
        self.navs: dict = {}  # each language's navigation, made once (see _chrome)


_WORK: list[_Work] = []  # the work of the running build, for forked workers


def _render_job(job: tuple[str, str, str]):
    """In a worker: render one page, or None if it needs the charts (deferred)."""
    try:
        return _render_one(_WORK[0], *job)
    except ChartsPending:
        return None


def _render_one(work: _Work, lang: str, key: str, cache_key: str
                ) -> tuple[str, PageLinks | None, list[SiteError]]:
    """Render one page in one language into the cache: (output path, its links, errors)."""
    site = work.site
    group = work.groups[key]
    page = group.source(lang, site.config.languages)
    path = f"{lang}/{key}.html"
    try:
        prose = work.prose.get(page.path)
        if prose is None:
            charts = _PendingCharts() if work.charts is None else work.charts
            prose = _render_prose(site, work.envs[page.lang], charts, page)
            if len(group.pages) < len(site.config.languages):  # borrowed somewhere
                work.prose[page.path] = prose
        html = _render_page(site, work.envs[lang], lang, group, page, *prose, navs=work.navs)
    except SiteErrors as e:
        return path, None, list(e.errors)
    links = parse_html(html).intern()  # a chunk of results pickles each URL once
    work.cache.put_page(cache_key, html.encode("utf-8"))
    return path, links, []


def _render_prose(site: Site, env, charts: Mapping[tuple[str, str], ChartRender],
                  page: Page) -> tuple[Prose, bool]:
    """A page body in its own language: shortcodes (two passes), Markdown, blocks.
    Returns the prose and whether it shows a chart."""
    def partial(name: str, **context) -> str:
        return render_template(env, name.removesuffix(".html"),
                               {"site": site.config, "lang": page.lang} | context,
                               site.root, page.path)

    template = compile_body(page.body, page.path, page.body_line)
    numbering = Shortcodes(page.lang, site.data, charts, partial, site.references)
    run_shortcodes(template, numbering.functions(), page.path, page.body_line)
    codes = Shortcodes(page.lang, site.data, charts, partial, site.references, numbering)
    text = run_shortcodes(template, codes.functions(), page.path, page.body_line)
    prose = render_markdown(text)
    audit_html(prose.html, page.body, page.path, page.body_line)  # before our own blocks go in
    html = place_blocks(prose.html, codes.blocks, page.path)
    return Prose(html, prose.toc), bool(codes.charts_used)


def check_parity(site: Site, cache: Cache | None = None) -> list[SiteError]:
    """Translation consistency: each translation of a page against the original."""
    problems = []
    tokens = TokenShortcodes().functions()
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


def _check_links(outputs: Outputs, parsed: dict[str, PageLinks], page_keys: dict[str, str],
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


def _render_page(site: Site, env, lang: str, group: PageGroup, page: Page, prose: Prose,
                 has_charts: bool, navs: dict | None = None) -> str:
    """One page in one language (its own text, or the original's with a notice)."""
    chrome = _chrome(site, lang, group.key, navs)
    view = PageView(key=group.key, title=page.title, description=page.description,
                    html=prose.html, toc=prose.toc, lang=page.lang, source=page.path,
                    borrowed=page.lang != lang, charts=has_charts)
    keys = [g.key for g in site.pages]
    context = base_context(site.config, chrome) | {
        "page": view, "og_locale": og_locale(lang),
        "og_alternates": [og_locale(code) for code in site.config.languages if code != lang],
        "jsonld": Markup(spec_json(scholarly_jsonld(site.config, lang, keys, group.key, site.data))),
        "og_image": _og_image(site, lang),
    }
    if has_charts:
        context["d3_locales"] = Markup(_d3_locales_json(page.lang))
    return render_template(env, page.template, context, site.root, page.path)


@functools.lru_cache(maxsize=None)
def _d3_locales_json(lang: str) -> str:
    """The page's d3 number and time locales as embeddable JSON (the same for every page of
    a language, so made once)."""
    return spec_json({"format": d3_format_locale(lang), "time": d3_time_format_locale(lang)})


@functools.lru_cache(maxsize=None)
def _first_chart(root: Path) -> str | None:
    """The id of the site's first chart (looked up once per build)."""
    return min(list_charts(root), default=None)


def _og_image(site: Site, lang: str) -> str | None:
    """The link-preview image: the PNG of the site's first chart, when base_url is set."""
    chart = _first_chart(site.root)
    if chart is None or not site.config.base_url:
        return None
    return f"{site.config.base_url}{lang}/figures/{chart}.png"


def _add_generated(site: Site, charts: Mapping[tuple[str, str], ChartRender],
                   renderer: Renderer | None, outputs: Outputs, report: Report) -> None:
    """The published data package, chart downloads and the chart runtime."""
    if site.config.base_url:
        keys = [g.key for g in site.pages]
        outputs.add("sitemap.xml", sitemap(site.config, keys), "site.yaml (base_url)", report)
        outputs.add("robots.txt", robots(site.config), "site.yaml (base_url)", report)
    if site.data is not None:
        for path, data in data_files(site.data, site.config.original).items():
            outputs.add(path, data, "data/datapackage.yaml", report)
    for path, data in chart_files(charts).items():
        outputs.add(path, data, "charts/" + path.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".py",
                    report)
    if charts and renderer is not None:
        outputs.add("assets/vega.js", renderer.bundle(),
                    "vl-convert (javascript_bundle)", report)
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(), "reportsite/assets/charts.js",
                    report)


def _chrome(site: Site, lang: str, key: str, navs: dict | None = None) -> Chrome:
    """Navigation and language links for page key in language lang. navs: a dict in which
    each language's navigation is kept, for a caller rendering many pages."""
    filename = f"{key}.html"
    languages = tuple(Link(f"../{code}/{filename}", native_name(code), code, code == lang)
                      for code in site.config.languages)
    navs = {} if navs is None else navs
    if lang not in navs:
        sources = [group.source(lang, site.config.languages) for group in site.pages]
        navs[lang] = (tuple(Link(f"{group.key}.html", page.nav_title, page.lang, False)
                            for group, page in zip(site.pages, sources)),
                      {group.key: n for n, group in enumerate(site.pages)})
    links, positions = navs[lang]
    here = positions[key]
    nav = links[:here] + (replace(links[here], current=True),) + links[here + 1:]
    x_default = "../index.html" if key == "index" else f"../{site.config.original}/{filename}"
    return Chrome(lang, "../", filename, languages, nav, x_default)


def _render_multilingual(site: Site, envs: dict, name: str, filename: str) -> str:
    """A root-level page (language chooser, 404) with one block per language."""
    original = site.config.original
    blocks = []
    for lang in site.config.languages:
        chrome = Chrome(lang, "", filename, (), (), "index.html")
        context = base_context(site.config, chrome) | {"target": f"{lang}/index.html"}
        blocks.append((lang, Markup(render_template(envs[lang], f"partials/{name}_block",
                                                    context, site.root, f"templates/{name}.html"))))
    languages = tuple(Link(f"{code}/index.html", native_name(code), code, False)
                      for code in site.config.languages)
    chrome = Chrome(original, "", filename, languages, (), "index.html")
    context = base_context(site.config, chrome) | {"blocks": blocks}
    return render_template(envs[original], name, context, site.root, f"templates/{name}.html")


def _add_documents(site: Site, envs: dict, outputs: Outputs, report: Report) -> None:
    """Citation files, LICENSE.txt, codebooks and the archive's README.txt (all languages)."""
    config = site.config
    lang = "en" if "en" in config.languages else config.original  # citation managers' lingua franca
    for name, make in (("CITATION.cff", citation_cff), ("citation.bib", citation_bib),
                       ("citation.ris", citation_ris)):
        outputs.add(name, make(config, lang), "site.yaml", report)
    licenses = list(site.data.licenses) if site.data else []

    def every_language(template: str, **context) -> bytes:
        parts = [render_template(envs[code], template, {"site": config, "lang": code} | context,
                                 site.root, f"templates/{template}").strip()
                 for code in config.languages]
        return ("\n\n" + "=" * 72 + "\n\n").join(parts).encode() + b"\n"

    # These documents are made when the site has their templates (this site does).
    def has(template: str) -> bool:
        return (site.root / "templates" / template).is_file()

    if has("license.txt"):
        outputs.add("LICENSE.txt", every_language("license.txt", data_licenses=licenses),
                    "templates/license.txt", report)
    if has("readme.txt"):
        outputs.archive_only["README.txt"] = every_language("readme.txt")
    if site.data is not None and has("codebook.md"):
        for code in config.languages:
            text = render_template(envs[code], "codebook.md",
                                   {"site": config, "lang": code, "package": site.data},
                                   site.root, "templates/codebook.md")
            outputs.add(f"data/codebook.{code}.md", text.encode(), "templates/codebook.md", report)


def _add_static(site: Site, outputs: Outputs, report: Report) -> None:
    """Copy static/ into the site root, in sorted order."""
    static = site.root / STATIC_DIR
    if not static.is_dir():
        return
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        relative = path.relative_to(static).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        outputs.add(relative, path.read_bytes(), rel(path, site.root), report)


def write_site(outputs: Outputs, out_dir: Path, root: Path,
               reuse: Mapping[str, str] | None = None) -> None:
    """Write outputs to a temporary folder beside out_dir, then swap it into place.
    reuse: files of the current out_dir known to be unchanged since the last build, with
    the id of their content; one with the same content now is hard-linked, not written."""
    reuse = reuse or {}
    out_dir, root = out_dir.resolve(), root.resolve()
    _refuse_unsafe_output(out_dir, root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        made = set()
        for relative in sorted(outputs.files):
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if relative in reuse and reuse[relative] == outputs.files.content_id(relative):
                try:
                    os.link(out_dir / relative, target)
                    continue
                except OSError:  # a file system without hard links: write it
                    pass
            kept = outputs.files.kept_at(relative)
            if kept is not None:
                shutil.copyfile(kept, target)  # a rendered page, from the cache
            else:
                target.write_bytes(outputs.files[relative])
            os.chmod(target, 0o644)
        for folder in (staging, *(p for p in staging.rglob("*") if p.is_dir())):
            os.chmod(folder, 0o755)  # mkdtemp makes 0700; a served site must be readable
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(old / "site")
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_archive(site: Site, outputs: Outputs, dist: Path) -> Path:
    """dist/<slug>-<version>.zip: the site, README.txt and SHA256SUMS.txt, reproducibly."""
    config = site.config
    folder = f"{config.slug}-{config.version}"
    files = outputs.files.with_files(outputs.archive_only)  # pages are read one at a time
    files.put("SHA256SUMS.txt", checksums(files))
    target = dist.resolve() / f"{folder}.zip"
    write_zip(files, target, folder, source_epoch(site.root, config))
    return target


def _refuse_unsafe_output(out_dir: Path, root: Path) -> None:
    """Never replace the site's own folder, an input folder, or a folder that is not a site."""
    inputs = [root] + [root / name for name in INPUT_DIRS]
    if out_dir in inputs or out_dir in root.parents or any(d in out_dir.parents for d in inputs[1:]):
        raise SiteErrors([_output_error(out_dir, "is the site folder, holds it, or is inside "
                                        "one of its input folders; choose another --out")])
    if out_dir.is_file() or (out_dir.is_dir() and any(out_dir.iterdir())
                             and not (out_dir / "index.html").is_file()):
        raise SiteErrors([_output_error(out_dir, "exists and does not look like a built site "
                                        "(no index.html); remove it or choose another --out")])


def _output_error(out_dir: Path, why: str) -> SiteError:
    """A SiteError about the output folder."""
    return SiteError(str(out_dir), None, f"refusing to write the site here: it {why}")
