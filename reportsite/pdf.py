"""The article as a PDF in every language.

A page whose template is `article` is rendered once more with the print template
(templates/pdf/article.html, which extends the article page and adds the title block, the
running head and foot and the PDF's style), and WeasyPrint prints that HTML to a tagged
A4 PDF (printer.py). So the PDF comes from the same sources, templates and CSS as the page.

Each PDF is cached under a hash of what it is made from: the print HTML, the static
files, the code that prints it and the versions of the libraries that write it, the
system's included. PDFs are made before the pages, because the article and cite pages
show their size.
"""

from __future__ import annotations

import multiprocessing
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import printer
from .cache import Cache, installed_versions, sha256
from .content import PageGroup
from .i18n import shown_size
from .pages import PageRenderer
from .printer import (LIBRARIES, PDF_VARIANT, FontFiles, load_weasyprint, print_pdf,
                      system_libraries)
from .render import Chrome
from .site import Site
from .theme import static_files
from .writing import Outputs

ARTICLE_TEMPLATE = "article"  # pages made with this template get a PDF
PRINT_TEMPLATE = "pdf/article"  # the template that prints them


@dataclass(frozen=True)
class PdfFile:
    """A page printed to PDF in one language, as templates link to it."""

    key: str  # the page it prints
    lang: str  # the reader's language (the PDF's UI strings)
    path: str  # output path, e.g. "kk/kazakhstan-migration-kk.pdf"
    size: int  # in bytes

    @property
    def href(self) -> str:
        """Its address from any page of its language (they share its folder)."""
        return posixpath.basename(self.path)


@dataclass(frozen=True)
class PdfJob:
    """A PDF to make: which page, in which language, to which path."""

    lang: str  # the reader's language
    group: PageGroup  # the page
    path: str  # the PDF's output path
    source: str  # the content file it is made from (the page's, or the original's)

    @property
    def page(self) -> str:
        """The page's output path, which the PDF is printed as."""
        return f"{self.lang}/{self.group.key}.html"


def pdf_jobs(site: Site) -> list[PdfJob]:
    """The PDFs the site gets: one per language for each page made with the article
    template, in page order. The first is <slug>-<lang>.pdf (a name that says what it is
    once downloaded), further ones <slug>-<page>-<lang>.pdf."""
    jobs = []
    languages = site.config.languages
    articles = [group for group in site.pages
                if any(group.source(lang, languages).template == ARTICLE_TEMPLATE
                       for lang in languages)]
    for n, group in enumerate(articles):
        name = site.config.slug if n == 0 else f"{site.config.slug}-{group.key}"
        for lang in languages:
            page = group.source(lang, languages)
            if page.template == ARTICLE_TEMPLATE:
                jobs.append(PdfJob(lang, group, f"{lang}/{name}-{lang}.pdf", page.path))
    return jobs


def print_html(renderer: PageRenderer, job: PdfJob) -> str:
    """The print template's HTML for a job: the article page with the abstract, without
    navigation or language links (so no other page's title or name is in it)."""
    site = renderer.site
    abstract = site.abstract(job.lang)
    filename = f"{job.group.key}.html"
    chrome = Chrome(job.lang, "../", filename, (), (), filename)
    return renderer.render(job.lang, job.group.key, PRINT_TEMPLATE, {
        "chrome": chrome, "pdfs": (),
        "abstract": abstract[1] if abstract else (),
        "abstract_lang": abstract[0] if abstract else job.lang})


def pdf_key(site: Site, html: str, static: str) -> str:
    """What a PDF is made from: its HTML, every file WeasyPrint may read (static: their
    digest), the address links point to, this module and the versions of the libraries
    that write it, the system's included."""
    versions = installed_versions(LIBRARIES)
    return sha256(Path(__file__).read_bytes(), Path(printer.__file__).read_bytes(),
                  PDF_VARIANT, site.config.base_url or "",
                  *(f"{name}=={versions.get(name, 'absent')}" for name in LIBRARIES),
                  *system_libraries(), static, html)


def add_pdfs(site: Site, renderer: PageRenderer, cache: Cache, outputs: Outputs,
             jobs: int = 1) -> tuple[dict[str, tuple[PdfFile, ...]], int]:
    """Make (or take from the cache) every PDF of the site and add each to outputs with
    WeasyPrint's problems as warnings. Returns them by language, and how many were made."""
    files = static_files(site.root)
    static = sha256(*(part for relative, path in files.items()
                      for part in (relative, path.read_bytes())))
    work = []
    for job in pdf_jobs(site):
        html = print_html(renderer, job)
        key = pdf_key(site, html, static)
        work.append((job, html, key, cache.get("pdf", key)))
    todo = [(job, html) for job, html, _, found in work if found is None]
    printed = iter(print_pdfs(todo, files, FontFiles(cache), site.config.base_url, jobs))
    made: dict[str, tuple[PdfFile, ...]] = {}
    for job, _, key, found in work:
        if found is None:
            found = next(printed)
            cache.put("pdf", key, found)
        data, problems = found
        outputs.add(job.path, data, job.source)
        for problem in problems:
            outputs.report.warn(job.source, None, f"{job.path}: {problem}")
        made[job.lang] = made.get(job.lang, ()) + (PdfFile(job.group.key, job.lang, job.path,
                                                           len(data)),)
    return made, len(todo)


def print_pdfs(todo: list[tuple[PdfJob, str]], files: Mapping[str, Path], fonts: FontFiles,
               base_url: str | None, jobs: int) -> list[tuple[bytes, tuple[str, ...]]]:
    """print_pdf() for each (job, HTML) of todo, in `jobs` forked processes when there
    is more than one (each PDF takes a second or more)."""
    if not todo:
        return []
    load_weasyprint(todo[0][0].source, todo[0][0].path)  # once, before any process forks
    if jobs < 2 or len(todo) < 2:
        fonts.unpack(files)
        return [print_pdf(html, job.page, files, fonts, base_url) for job, html in todo]
    _WORK.append((todo, files, fonts, base_url))
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(todo))) as pool:
            fonts.unpack(files, pool.map)  # the workers read them from the cache
            return pool.map(_print_job, range(len(todo)))
    finally:
        _WORK.clear()


_WORK: list[tuple] = []  # the running build's PDFs to print, for forked workers


def _print_job(n: int) -> tuple[bytes, tuple[str, ...]]:
    """In a worker: print the n-th PDF of the running build."""
    todo, files, fonts, base_url = _WORK[0]
    job, html = todo[n]
    return print_pdf(html, job.page, files, fonts, base_url)


def pdf_signature(pdfs: Mapping[str, tuple[PdfFile, ...]]) -> list[str]:
    """What pages show of the PDFs (path and size as shown), for the pages' cache keys:
    an edit that leaves the shown size alone re-renders no page."""
    return [f"{pdf.path}:{shown_size(pdf.size)}" for lang in sorted(pdfs) for pdf in pdfs[lang]]
