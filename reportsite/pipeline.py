"""The build in three stages: load_site() -> render_site() -> write_site().

load_site reads and checks every input and writes nothing; render_site makes every file
in memory (rendered pages wait in the cache); write_site is the only code that touches the
output folder, and it replaces it in one rename, so a failed build leaves the previous
site as it was. The work of each stage lives in its own module (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from .cache import CACHE_DIR, Cache, Inputs, scan_inputs
from .catalogs import load_catalogs
from .checks import LeavingLink
from .config import read_config
from .content import load_pages
from .data import check_source_references, load_data
from .errors import Report, SiteErrors
from .incremental import (Charts, bytecode_dir, check_links_cached, check_parity, in_page_order,
                          page_keys, render_pages)
from .pages import PageRenderer
from .jats import add_jats, jats_files, jats_signature
from .pdf import add_pdfs, pdf_jobs, pdf_signature
from .references import load_references
from .render import check_template, make_environment
from .search import add_search
from .site import Site
from .sitefiles import SITE_TEMPLATES, add_site_files
from .theme import page_templates
from .writing import Outputs, write_archive, write_site

__all__ = ["Site", "load_site", "render_site", "write_site", "write_archive"]


def load_site(root: Path, strict: bool = False, cache_dir: Path | None = None,
              inputs: Inputs | None = None) -> Site:
    """Read and check site.yaml, content/, locales/, data/, references and templates; write
    nothing. Every input is checked before the build stops, so one report lists the
    problems of all of them. inputs: the content hashes of the input files, if known."""
    root = root.resolve()
    inputs = inputs or scan_inputs(root)
    report = Report(strict=strict, errors=list(inputs.outside))  # never read: paths.py
    loaded = _collect(report, read_config, root)
    if loaded is None:  # without the languages, no other input can be checked
        _stop(report)
    languages, config = loaded
    pages = _collect(report, load_pages, root, languages)
    catalogs = _collect(report, load_catalogs, root, languages)
    data = _collect(report, load_data, root, languages)
    references = _collect(report, load_references, root, languages)
    if data is not None and not report.errors:
        check_source_references(data, set(references.items) if references else None, report)
    templates = page_templates(root) - set(SITE_TEMPLATES) - {"base"}
    for group in pages or ():
        for page in group.pages.values():
            problem = check_template(page.template, templates, page.path, page.template_line)
            if problem:
                report.errors.append(problem)
    _stop(report)
    return Site(root, config, pages, catalogs, data, references, tuple(report.warnings),
                strict, (cache_dir or root / CACHE_DIR).resolve(), inputs)


def _stop(report: Report) -> None:
    """Raise the load's errors, if any, each once (a loader meets the scan's errors too)."""
    report.errors = list(dict.fromkeys(report.errors))
    report.raise_if_errors()


def _collect(report: Report, load: Callable[..., Any], *args: Any) -> Any:
    """Run one loader; if it stops on errors, keep them in report and go on (None)."""
    try:
        return load(*args, report)
    except SiteErrors as e:
        report.errors += [error for error in e.errors if error not in report.errors]
        return None


def render_site(site: Site, jobs: int = 1) -> Outputs:
    """Render every page in every language, then every other file of the site. The PDF
    of each article page comes first (pdf.py): the pages show its size; its JATS
    (jats.py) follows the pages.

    A page whose inputs are unchanged since an earlier build comes from the cache; the
    others are rendered, by `jobs` worker processes when there are enough of them. The
    output is the same whichever way a page was made (tests/test_cache.py)."""
    outputs = Outputs(report=Report(strict=site.strict))
    started = time.perf_counter()
    cache = Cache(site.cache_dir)
    envs = {lang: make_environment(site.root, site.catalogs[lang], bytecode_dir(site) / lang)
            for lang in site.config.languages}  # one folder per language: Jinja folds filters
    charts = Charts(site, cache)
    renderer = PageRenderer(site, envs, charts.renders or {})
    if pdf_jobs(site):  # before the pages, which show each PDF's size
        renderer.charts = charts.make()
        started = time.perf_counter()  # the charts' time is shown on its own
        renderer.pdfs, printed = add_pdfs(site, renderer, cache, outputs, jobs)
        cached = sum(map(len, renderer.pdfs.values())) - printed
        started = outputs.lap(f"PDF ({printed} printed, {cached} cached)", started)
    renderer.jats = jats_files(site)  # the cite page links them
    pages = [(lang, group) for lang in site.config.languages for group in site.pages]
    keys = page_keys(site, pages, pdf_signature(renderer.pdfs) + jats_signature(renderer.jats))
    todo = [(lang, group.key, key) for (lang, group), key in zip(pages, keys)
            if not cache.has_page(key)]
    rendered = render_pages(renderer, cache, todo, jobs, charts)
    outputs.report.errors += in_page_order(site, [result for _, result in rendered])
    outputs.report.raise_if_errors()
    parsed = {path: links for _, (path, links, _, _) in rendered}
    for (_, _, key), (_, links, _, sections) in rendered:
        cache.remember("ids", key, frozenset(links.ids))
        cache.remember("search", key, sections)
    for (lang, group), key in zip(pages, keys):
        outputs.add(f"{lang}/{group.key}.html", cache.page_path(key),
                    group.source(lang, site.config.languages).path)
    outputs.timings.append(("charts", charts.seconds))  # while workers render pages
    started = outputs.lap(f"pages ({len(todo)} rendered, {len(pages) - len(todo)} cached)",
                          started)
    if renderer.jats:  # from the same prose as the pages
        made = add_jats(site, renderer, cache, outputs,
                        {(lang, group.key): key for (lang, group), key in zip(pages, keys)})
        cached = sum(map(len, renderer.jats.values())) - made
        started = outputs.lap(f"JATS ({made} made, {cached} cached)", started)
    for problem in check_parity(site, cache):
        outputs.report.warn(problem.path, problem.line, problem.message)
    started = outputs.lap("translation check", started)
    started = outputs.lap(add_search(site, cache, pages, keys, outputs), started)
    add_site_files(site, envs, charts.make(), charts.renderer, outputs, cache)  # last
    started = outputs.lap("other files", started)
    page_paths = {f"{lang}/{group.key}.html": key for (lang, group), key in zip(pages, keys)}
    for problem in check_links_cached(outputs, parsed, page_paths, cache):
        record = outputs.report.error if isinstance(problem, LeavingLink) else outputs.report.warn
        record(problem.path, problem.line, problem.message)
    outputs.lap("link check", started)
    outputs.report.raise_if_errors()
    cache.save()
    return outputs
