"""The plan: the files a build will write that other parts must know of before they exist.

Pages link to the article's PDF and JATS; the README names them; DataCite and the RO-Crate
describe every file of the package, the landing page and SHA256SUMS.txt (made after them)
included. Each of those learns of the others' files here, as plain data, and never by
importing the module that makes them: output modules do not import each other.

Adding an output that others must know of (the EPUB was) is one `PlannedFile` entry made
in `Plan.__init__`, beside the PDF and JATS ones, and the module that makes the file.
Media types are known here for every file of the package, planned or not.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping

from reportsite.core.cache import Cache
from reportsite.core.layout import ROOT_PAGES
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site

ARTICLE_TEMPLATE = "article"  # pages made with this template get a PDF, a JATS file and an EPUB
DATACITE = "datacite.xml"
CRATE = "ro-crate-metadata.json"
CHECKSUMS = "SHA256SUMS.txt"
SERVER_ONLY = frozenset({ROOT_PAGES["404"]})  # in site/, not in the zip

# Media types by file extension: IANA's registered types where there is one.
MEDIA_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".json": "application/json", ".csv": "text/csv", ".txt": "text/plain",
    ".md": "text/markdown", ".pdf": "application/pdf", ".svg": "image/svg+xml",
    ".png": "image/png", ".xml": "application/xml", ".woff2": "font/woff2",
    ".woff": "font/woff", ".ttf": "font/ttf", ".ico": "image/vnd.microsoft.icon",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
    ".cff": "application/yaml",  # CFF is YAML (RFC 9512)
    ".epub": "application/epub+zip",
}
# Files whose name says more than their extension.
NAMED_TYPES = {
    DATACITE: "application/vnd.datacite.datacite+xml",  # DataCite's registered type
    CRATE: "application/ld+json",
}
JATS_TYPE = "application/jats+xml"  # IANA-registered for JATS documents
EPUB_TYPE = "application/epub+zip"  # IANA-registered for EPUB
# The published specifications files follow, by path.
DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
JATS_SPEC = "https://jats.nlm.nih.gov/archiving/1.3/"
CONFORMS = {DATACITE: "https://schema.datacite.org/meta/kernel-4.6/",
            "CITATION.cff": "https://citation-file-format.github.io/1.2.0/",
            "data/datapackage.json": DATA_PACKAGE_V2}


@dataclass(frozen=True)
class PlannedFile:
    """A file the build will write, as other outputs and the pages know it."""

    path: str  # output path, e.g. "kk/kazakhstan-migration-kk.pdf"
    kind: str  # what makes it: "pdf", "jats", "epub", "datacite", "crate", "root", "checksums"
    media_type: str  # its IANA media type
    lang: str | None = None  # the reader's language (None: the whole site's)
    page: str | None = None  # the page it is made from (its key), if any
    source: str = "site.yaml"  # the input it is made from, as messages name it
    size: int | None = None  # in bytes, once made (Plan.made)

    @property
    def href(self) -> str:
        """Its address from any page of its language (they share its folder)."""
        return posixpath.basename(self.path)

    @property
    def page_path(self) -> str:
        """The output path of the page it is made from."""
        return f"{self.lang}/{self.page}.html"


class Plan:
    """The planned files of one site, in the order they are made."""

    def __init__(self, site: Site):
        files: list[PlannedFile] = []
        for key, name in _article_pages(site):
            for lang in site.config.languages:
                page = site.group(key).source(lang, site.config.languages)
                if page.template == ARTICLE_TEMPLATE:
                    base = f"{lang}/{name}-{lang}"
                    files.append(PlannedFile(f"{base}.pdf", "pdf", MEDIA_TYPES[".pdf"], lang,
                                             key, page.path))
                    files.append(PlannedFile(f"{base}.xml", "jats", JATS_TYPE, lang, key,
                                             page.path))
                    files.append(PlannedFile(f"{base}.epub", "epub", EPUB_TYPE, lang, key,
                                             page.path))
        files.append(PlannedFile(DATACITE, "datacite", NAMED_TYPES[DATACITE]))
        files.append(PlannedFile(CRATE, "crate", NAMED_TYPES[CRATE], source="the files of the site"))
        files += [PlannedFile(name, "root", MEDIA_TYPES[".html"]) for name in ROOT_PAGES.values()]
        files.append(PlannedFile(CHECKSUMS, "checksums", MEDIA_TYPES[".txt"],
                                 source="the files of the site"))
        self.files = tuple(files)
        self.site = site

    def of(self, kind: str, lang: str | None = None) -> tuple[PlannedFile, ...]:
        """The planned files of one kind (in one language)."""
        return tuple(f for f in self.files if f.kind == kind and lang in (None, f.lang))

    def paths(self, kind: str) -> frozenset[str]:
        """The paths of the planned files of one kind."""
        return frozenset(f.path for f in self.of(kind))

    def made(self, kind: str, outputs: Outputs) -> tuple[PlannedFile, ...]:
        """The files of one kind as made so far, with their sizes."""
        return tuple(replace(f, size=len(outputs.files[f.path])) for f in self.of(kind)
                     if f.path in outputs.files)

    def media_type(self, path: str) -> str:
        """The media type of any file of the package: a planned file's own, else by name."""
        for planned in self.files:
            if planned.path == path:
                return planned.media_type
        name = posixpath.basename(path)
        return NAMED_TYPES.get(name) or MEDIA_TYPES.get(posixpath.splitext(name)[1].lower(),
                                                        "application/octet-stream")

    def package_paths(self, outputs: Outputs) -> list[str]:
        """Every path the offline package will hold, sorted: the files made so far and
        those still to come, but the files only a web server needs."""
        planned = {f.path for f in self.files}
        return sorted((set(outputs.files) | planned) - SERVER_ONLY)


def _article_pages(site: Site) -> Iterable[tuple[str, str]]:
    """The pages made with the article template in some language, with the name their
    files take: <slug> for the first (a name that says what it is once downloaded),
    <slug>-<page> for others."""
    languages = site.config.languages
    articles = [group.key for group in site.pages
                if any(group.source(lang, languages).template == ARTICLE_TEMPLATE
                       for lang in languages)]
    return [(key, site.config.slug if n == 0 else f"{site.config.slug}-{key}")
            for n, key in enumerate(articles)]


def by_language(files: Iterable[PlannedFile]) -> Mapping[str, tuple[PlannedFile, ...]]:
    """Planned files grouped by language, as templates list them."""
    grouped: dict[str, tuple[PlannedFile, ...]] = {}
    for planned in files:
        grouped[planned.lang] = grouped.get(planned.lang, ()) + (planned,)
    return grouped


def add_each(kind: str, plan: Plan, cache: Cache, outputs: Outputs,
             key: Callable[[PlannedFile], str], make: Callable[[PlannedFile], bytes]) -> int:
    """Make (or take from the cache under key(file)) each file of a kind the plan names and
    add it to outputs; return how many were made (the JATS files, the EPUBs)."""
    before = cache.made[kind]
    for planned in plan.of(kind):
        data = cache.get_or_make(kind, key(planned), lambda: make(planned))
        outputs.add(planned.path, data, planned.source)
    return cache.made[kind] - before
