"""The build in three stages: load_site() -> render_site() -> write_site().

load_site reads and checks every input and writes nothing (load/site.py); render_site makes
every file in memory (rendered pages wait in the cache), one output after another, in the
order below; write_site is the only code that touches the output folder, and it replaces it
in one rename, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import time
from pathlib import Path

from reportsite.build.archive import write_archive
from reportsite.build.checks import LeavingLink, check_links_cached, check_parity
from reportsite.build.keys import downloads_signature, prose_keys
from reportsite.build.pages import add_pages
from reportsite.build.writing import write_site
from reportsite.core.cache import Cache
from reportsite.core.errors import Report, SiteErrors
from reportsite.core.outputs import Outputs
from reportsite.load.catalogs import untranslated_shown
from reportsite.load.site import Site, load_site
from reportsite.outputs.checksums import add_checksums
from reportsite.outputs.citations import add_citations
from reportsite.outputs.crate import add_crate
from reportsite.outputs.datacite import add_datacite
from reportsite.outputs.datafiles import add_data_package
from reportsite.outputs.documents import add_documents, add_notices
from reportsite.outputs.epub import add_epub
from reportsite.outputs.figures import add_figures
from reportsite.outputs.jats import add_jats
from reportsite.outputs.landing import add_root_pages
from reportsite.outputs.pdf import add_pdfs
from reportsite.outputs.plan import Plan, by_language
from reportsite.outputs.search import add_search
from reportsite.outputs.sitemap import add_sitemap
from reportsite.outputs.static import add_static
from reportsite.render.charts import Charts
from reportsite.render.pages import PageRenderer
from reportsite.render.templates import make_environments, shown_strings

__all__ = ["Site", "load_site", "render_site", "write_site", "write_archive"]


DOWNLOADS = ("pdf", "jats", "epub")  # the files pages link to and show the size of
CARRIED = "the previous site"  # the source of a download carried over (serve's first pass)


def render_site(site: Site, jobs: int = 1, chart_timeout: float = 0,
                previous: Path | None = None) -> Outputs:
    """Render every page in every language, then every other file of the site. The PDFs
    and the JATS files come first (the pages show their size; JATS is made from the prose
    alone, cached by what the prose is made from).

    A page whose inputs are unchanged since an earlier build comes from the cache; the
    others are rendered, by `jobs` worker processes when there are enough of them. The
    output is the same whichever way a page was made (tests/test_cache.py). A chart
    module running longer than chart_timeout seconds (0: no limit) is stopped.

    previous (the preview's first pass after a save): the folder of the last site; when
    it holds every planned PDF, JATS file and EPUB, those are taken from it as they are
    (source CARRIED) instead of made, and the pages link to them with their sizes.

    With --strict, the load's warnings (site.warnings) are errors: they are raised with
    whatever rendering finds, so one run lists both."""
    try:
        return _render(site, jobs, chart_timeout, previous)
    except SiteErrors as e:
        if not site.strict:
            raise
        raise SiteErrors(dict.fromkeys(site.warnings + e.errors)) from e


def _render(site: Site, jobs: int, chart_timeout: float, previous: Path | None) -> Outputs:
    """render_site(), stage by stage."""
    outputs = Outputs(report=Report(strict=site.strict))
    started = time.perf_counter()
    cache = Cache(site.cache_dir, types=(LeavingLink,))  # what its index holds
    plan, envs, charts = Plan(site), make_environments(site), Charts(site, cache, chart_timeout)
    carried = carry_downloads(plan, previous, outputs)  # the preview's first pass only
    if plan.of("pdf") and not carried:  # before the pages, which show each PDF's size
        charts.make()
        started = time.perf_counter()  # the charts' time is shown on its own
        printed = add_pdfs(site, PageRenderer(site, envs, charts), cache, plan, outputs, jobs)
        started = outputs.lap(f"PDF ({printed} printed, {len(plan.of('pdf')) - printed} "
                              "cached)", started)
    if plan.of("jats") and not carried:  # before the pages too, which show each JATS file's size
        made = add_jats(site, PageRenderer(site, envs, charts), cache, plan, outputs,
                        prose_keys(site, plan.of("jats")))
        started = outputs.lap(f"JATS ({made} made, {len(plan.of('jats')) - made} cached)",
                              started)
    if plan.of("epub") and not carried:  # before the pages too, which show each EPUB's size
        made = add_epub(site, PageRenderer(site, envs, charts), cache, plan, outputs,
                        prose_keys(site, plan.of("epub")))
        started = outputs.lap(f"EPUB ({made} made, {len(plan.of('epub')) - made} cached)",
                              started)
    downloads = {kind: plan.made(kind, outputs) for kind in DOWNLOADS}
    renderer = PageRenderer(site, envs, charts, {kind: by_language(files)
                                                 for kind, files in downloads.items()})
    meanwhile: list = []  # what alongside returns, once the parent has done it
    pages = add_pages(site, renderer, cache, outputs, jobs, charts,
                      downloads_signature(sum(downloads.values(), ())),
                      lambda: meanwhile.append(alongside(site, plan, cache, outputs)))
    outputs.timings.append(("charts", charts.seconds))  # while workers render pages
    parity, parity_seconds, files_seconds = meanwhile[0]  # so were these
    if isinstance(parity, Exception):
        raise parity
    outputs.timings += [("translation check", parity_seconds),
                        ("data, citations, static files", files_seconds)]
    started = outputs.lap(f"pages ({pages.rendered} rendered, "
                          f"{len(pages.keys) - pages.rendered} cached)", started)
    for problem in parity:  # said after the pages' own problems, as before
        outputs.report.warn(problem.path, problem.line, problem.message)
    started = outputs.lap(add_search(site, cache, pages.pages, pages.keys, outputs), started)
    files_after_pages(site, envs, plan, charts, outputs)
    add_datacite(site, envs, plan, outputs)  # the records describe every file, even later ones
    add_crate(site, plan, cache, outputs)
    add_root_pages(site, envs, outputs)
    add_checksums(outputs)  # last: it covers them all
    started = outputs.lap("other files", started)
    outputs.strings_shown = dict(shown_strings(envs).found)
    for problem in untranslated_shown(site.catalogs, outputs.strings_shown):
        outputs.report.warn(problem.path, problem.line, problem.message)
    for problem in check_links_cached(outputs, pages.links, pages.by_path, cache,
                                      site.root):
        record = outputs.report.error if isinstance(problem, LeavingLink) else outputs.report.warn
        record(problem.path, problem.line, problem.message)
    outputs.lap("link check", started)
    if outputs.report.errors or (site.strict and site.warnings):
        raise SiteErrors(outputs.report.errors)  # render_site() adds the load's
    cache.save()
    return outputs


def alongside(site: Site, plan: Plan, cache: Cache, outputs: Outputs
              ) -> tuple[list | Exception, float, float]:
    """What needs no page, done by the parent while the workers render them (build/pages.py):
    the translation check, and the files that need no page. Returns the check's problems
    (or what stopped it, raised once the pages' own errors are known) and the seconds each
    part took."""
    clock = time.perf_counter()
    try:
        parity = check_parity(site, cache)
        checked = time.perf_counter()
        files_without_pages(site, plan, cache, outputs)
    except (SiteErrors, OSError) as e:  # raised after the pages' own errors, as before
        return e, 0.0, 0.0
    return parity, checked - clock, time.perf_counter() - checked


def files_without_pages(site: Site, plan: Plan, cache: Cache, outputs: Outputs) -> None:
    """The files that need no page (the figures do: their frame carries the caption of the
    first page that shows the chart, which the parent learns as it renders it)."""
    add_sitemap(site, outputs)
    add_data_package(site, cache, outputs)
    add_citations(site, outputs)
    add_static(site, outputs)


def files_after_pages(site: Site, envs: dict, plan: Plan, charts: Charts,
                      outputs: Outputs) -> None:
    """The figures (framed with what the pages say of them), the text documents and the
    notices (of the files made so far)."""
    add_figures(charts, outputs)
    add_documents(site, envs, plan, outputs)
    add_notices(site, envs, outputs, charts.renderer.version if charts.renderer and charts
                else None)


def carry_downloads(plan: Plan, previous: Path | None, outputs: Outputs) -> bool:
    """Add every planned download as the previous site holds it (a regular file, not a
    link) and return True; without a previous site, or if one is missing there, add none
    and return False."""
    planned = [f.path for kind in DOWNLOADS for f in plan.of(kind)]
    found = [previous / path for path in planned] if previous is not None else []
    if not found or not all(p.is_file() and not p.is_symlink() for p in found):
        return False
    for path, file in zip(planned, found):
        outputs.add(path, file.read_bytes(), CARRIED)
    return True
