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

import re
from pathlib import Path
from typing import Mapping

from reportsite.core.cache import Cache, installed_versions, sha256
from reportsite.core.outputs import Outputs
from reportsite.core.pool import worker_pool
from reportsite.load.overrides import static_files
from reportsite.load.site import Site
from reportsite.outputs import printer
from reportsite.outputs.plan import Plan, PlannedFile
from reportsite.outputs.printer import (FontFiles, LIBRARIES, PDF_VARIANT, load_weasyprint,
                                        print_pdf, system_libraries)
from reportsite.render.pages import PageRenderer
from reportsite.render.templates import Chrome, shown_strings

PRINT_TEMPLATE = "pdf/article"  # the template that prints the pages planned for a PDF


def print_html(renderer: PageRenderer, pdf: PlannedFile) -> str:
    """The print template's HTML for a PDF: the article page with the abstract, without
    navigation or language links (so no other page's title or name is in it)."""
    abstract = renderer.site.abstract(pdf.lang)
    filename = f"{pdf.page}.html"
    chrome = Chrome(pdf.lang, "../", filename, (), (), filename)
    with shown_strings(renderer.envs).recording(pdf.path):
        return notes_at_their_marks(renderer.render(pdf.lang, pdf.page, PRINT_TEMPLATE, {
            "chrome": chrome, "pdfs": (), "jats": (), "citations": (),
            "abstract": abstract[1] if abstract else (),
            "abstract_lang": abstract[0] if abstract else pdf.lang}))


_NOTES_RE = re.compile(r'<section class="notes".*?</section>\s*', re.S)
_NOTE_RE = re.compile(r'<li id="([^"]+)">(.*?)(?:\s*<a class="backlink"[^>]*>.*?</a>)?</li>', re.S)
_MARK_RE = re.compile(r'<sup id="[^"]*"><a class="footnote-ref" href="#([^"]+)">[^<]*</a></sup>')


def notes_at_their_marks(html: str) -> str:
    """The page's notes as footnotes: each note's text moves to its mark in the text, where
    the print style floats it to the foot of that page (CSS float: footnote), numbered."""
    section = _NOTES_RE.search(html)
    if not section:
        return html
    notes = {ident: " ".join(re.sub(r"</?p>", " ", text).split())  # inline, in a <span>
             for ident, text in _NOTE_RE.findall(section.group(0))}
    html = html[:section.start()] + html[section.end():]
    return _MARK_RE.sub(lambda mark: f'<span class="pdf-footnote" id="{mark.group(1)}">'
                        f'{notes.get(mark.group(1), "")}</span>', html)


def pdf_key(site: Site, html: str, static: str) -> str:
    """What a PDF is made from: its HTML, every file WeasyPrint may read (static: their
    digest), the address links point to, this module and the versions of the libraries
    that write it, the system's included."""
    versions = installed_versions(LIBRARIES)
    return sha256(Path(__file__).read_bytes(), *(path.read_bytes() for path in printer.CODE),
                  PDF_VARIANT, site.config.base_url or "",
                  *(f"{name}=={versions.get(name, 'absent')}" for name in LIBRARIES),
                  *system_libraries(), static, html)


def add_pdfs(site: Site, renderer: PageRenderer, cache: Cache, plan: Plan, outputs: Outputs,
             jobs: int = 1) -> int:
    """Make (or take from the cache) every PDF the plan names and add each to outputs with
    WeasyPrint's problems as warnings. Returns how many were printed."""
    files = static_files(site.root)
    static = sha256(*(part for relative, path in files.items()
                      for part in (relative, path.read_bytes())))
    work = []
    for pdf in plan.of("pdf"):
        html = print_html(renderer, pdf)
        key = pdf_key(site, html, static)
        work.append((pdf, html, key, cache.get("pdf", key)))
    todo = [(pdf, html) for pdf, html, _, found in work if found is None]
    printed = iter(print_pdfs(todo, files, FontFiles(cache), site.config.base_url, jobs))
    for pdf, _, key, found in work:
        if found is None:
            found = next(printed)
            cache.put("pdf", key, found)
        data, problems = found
        outputs.add(pdf.path, data, pdf.source)
        for problem in problems:
            outputs.report.warn(pdf.source, None, f"{pdf.path}: {problem}")
    return len(todo)


def print_pdfs(todo: list[tuple[PlannedFile, str]], files: Mapping[str, Path], fonts: FontFiles,
               base_url: str | None, jobs: int) -> list[tuple[bytes, tuple[str, ...]]]:
    """print_pdf() for each (PDF, HTML) of todo, in `jobs` forked processes when there
    is more than one (each PDF takes a second or more)."""
    if not todo:
        return []
    load_weasyprint(todo[0][0].source, todo[0][0].path)  # once, before any process forks

    def work(n: int) -> tuple[bytes, tuple[str, ...]]:
        pdf, html = todo[n]
        return print_pdf(html, pdf.page_path, files, fonts, base_url)

    if jobs < 2 or len(todo) < 2:
        fonts.unpack(files)
        return [work(n) for n in range(len(todo))]
    with worker_pool(work, min(jobs, len(todo))) as workers:
        fonts.unpack(files, workers.map_function)  # the workers read them from the cache
        return list(workers.imap(range(len(todo))))
