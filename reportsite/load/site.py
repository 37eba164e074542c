"""Loading a site folder: load_site() reads and checks every input and writes nothing; the
Site it returns is one frozen object the later stages share."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from reportsite.core.errors import Report, SiteError, SiteErrors
from reportsite.core.inputs import Inputs, scan_inputs
from reportsite.core.layout import CACHE_DIR, REFERENCES_FILE, ROOT_PAGES
from reportsite.load.catalogs import UiStrings, load_catalogs
from reportsite.load.config import SiteConfig, read_config
from reportsite.load.content import PageGroup, load_pages, markdown_text, section_markdown
from reportsite.load.data import DataPackage, check_source_references, load_data
from reportsite.load.overrides import check_template, page_templates
from reportsite.load.placeholders import check_placeholders
from reportsite.load.references import References, load_references
from reportsite.load.translations import (TranslationState, load_translations,
                                          translation_problems)


@dataclass(frozen=True)
class Site:
    """Everything read from a site folder, checked, and ready to render."""

    root: Path  # the site folder (holds site.yaml)
    config: SiteConfig  # site.yaml
    pages: tuple[PageGroup, ...]  # pages with their translations, in navigation order
    catalogs: Mapping[str, UiStrings]  # UI strings per language (theme + site catalogs)
    data: DataPackage | None  # data/datapackage.yaml and its CSVs, checked (None: no data)
    references: References | None  # content/references.yaml (None: no reference list)
    warnings: tuple[SiteError, ...]  # what loading found that is not (yet) an error; with
    # strict, the errors --strict made of warnings, raised with rendering's problems
    strict: bool  # --strict: every warning of a later stage is an error too
    cache_dir: Path  # where renders are kept between builds (default: root/.cache)
    inputs: Inputs  # the content hash of every input file
    # (page, language) -> how that page in that language stands against the original
    translations: Mapping[tuple[str, str], TranslationState] = field(
        default_factory=lambda: MappingProxyType({}))
    # stale and untracked translations: warnings (errors with --strict) that a build
    # reports after every other problem, so they never hide one
    translation_warnings: tuple[SiteError, ...] = ()

    def abstract(self, lang: str) -> tuple[str, tuple[str, ...]] | None:
        """The report's abstract for readers of lang: (the language it is written in, its
        paragraphs as plain text), from the first page, in navigation order, with a
        section {#abstract}; None when no page has one. Citation records, the PDF and
        JATS take it from here, so it is written once, in the content."""
        return self._abstracts[lang]

    def abstract_text(self, lang: str) -> str | None:
        """The abstract as written in lang (not a borrowed one), as one plain paragraph."""
        found = self.abstract(lang)
        return " ".join(found[1]) if found and found[0] == lang else None

    def reference_texts(self, lang: str) -> list[str]:
        """The reference list as readers of lang see it, as plain text."""
        if self.references is None:
            return []
        return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", entry.html)).split())
                for _, entry in self.references.entries(lang)]

    def group(self, key: str) -> PageGroup:
        """The page named key, with its translations."""
        return self._groups[key]

    @functools.cached_property
    def _groups(self) -> dict[str, PageGroup]:
        """The pages by name."""
        return {group.key: group for group in self.pages}

    @functools.cached_property  # frozen, yet each page is searched once, not per record
    def _abstracts(self) -> dict[str, tuple[str, tuple[str, ...]] | None]:
        """The abstract for readers of each language (see abstract())."""
        found: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        for lang in self.config.languages:
            found[lang] = None
            for group in self.pages:
                page = group.source(lang, self.config.languages)
                text = section_markdown(page.body, "abstract") if "{#abstract}" in page.body \
                    else None
                if text:
                    found[lang] = (page.lang, tuple(markdown_text(p) for p in text.split("\n\n")
                                                    if p.strip()))
                    break
        return found

    @functools.cached_property
    def article_key(self) -> str | None:
        """The page that holds the article's full text (the first with template
        'article'): its pages carry the citation tags. None when the site has none. Found
        once (every page asks, several times: at 1,000 pages a language the search took
        6 ms a page)."""
        for group in self.pages:
            if any(page.template == "article" for page in group.pages.values()):
                return group.key
        return None

    @property
    def page_keys(self) -> list[str]:
        """The page names, in navigation order."""
        return [group.key for group in self.pages]


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
    if data is not None and (references is not None or not (root / REFERENCES_FILE).exists()):
        check_source_references(data, set(references.items) if references else None, report)
    check_placeholders(root, languages, pages or (), report)
    states = _collect(report, load_translations, root, languages, pages, inputs) \
        if pages is not None else None
    later = tuple(translation_problems(states)) if states is not None else ()
    templates = page_templates(root) - set(ROOT_PAGES) - {"base"}
    for group in pages or ():
        for page in group.pages.values():
            problem = check_template(page.template, templates, page.path, page.template_line)
            if problem:
                report.errors.append(problem)
    _stop(report, later)
    warnings = report.strict_only if strict else report.warnings
    return Site(root, config, pages, catalogs, data, references, tuple(warnings),
                strict, (cache_dir or root / CACHE_DIR).resolve(), inputs,
                states, later)


def _stop(report: Report, later: tuple[SiteError, ...] = ()) -> None:
    """Raise the load's errors, if any, each once (a loader meets the scan's errors too),
    and then, with --strict, the stale and untracked translations. Warnings that --strict
    made errors do not stop the load: the site is rendered, and they are reported with
    the problems rendering finds (build/pipeline.py)."""
    report.errors = list(dict.fromkeys(report.errors))
    if report.errors and report.strict:
        report.errors += later
    report.raise_if_errors()


def _collect(report: Report, load: Callable[..., Any], *args: Any) -> Any:
    """Run one loader with a report of its own, so that it stops on its own errors only
    (not on another input's); keep what it found in report and go on (None if it stopped)."""
    own = Report(strict=report.strict)
    try:
        result = load(*args, own)
    except SiteErrors as e:
        own.errors += [error for error in e.errors if error not in own.errors]
        result = None
    report.errors += [error for error in own.errors if error not in report.errors]
    report.warnings += own.warnings
    report.strict_only += own.strict_only
    return result
