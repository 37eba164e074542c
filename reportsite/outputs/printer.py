"""WeasyPrint: the print HTML of a page to the bytes of a tagged A4 PDF.

WeasyPrint reads only the site's static files, through SiteFetcher (no network, no other
file), so the PDF uses the page's own CSS and the bundled fonts. The PDF's links to the
site's other pages are made relative again (or absolute under base_url).
"""

from __future__ import annotations

import functools
import html as html_module
import io
import logging
import mimetypes
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from typing import Mapping

from reportsite.core.cache import Cache, installed_versions, sha256
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.outputs import pdftags

# PDF/UA-1: WeasyPrint tags the structure (headings, paragraphs, lists, tables, figures),
# sets the language and shows the title; PDF 1.7. pdftags adds what it leaves out.
PDF_VARIANT = "pdf/ua-1"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5",
             "pyphen", "pikepdf")  # their versions change the PDF's bytes
SYSTEM_LIBRARIES = ("libpango-1.0.so.0", "libpangoft2-1.0.so.0", "libharfbuzz.so.0",
                    "libharfbuzz-subset.so.0", "libfontconfig.so.1")
CODE = (Path(__file__), Path(pdftags.__file__))  # the code that prints: part of each PDF's key
# The address WeasyPrint sees the site at. It never resolves (.invalid); SiteFetcher serves
# its files from the site's static files, and links to it are made relative again.
VIRTUAL_ROOT = "https://reportsite.invalid/"
# Chart SVGs name the page's "Noto Serif" (a site's own may name the browser's
# "sans-serif"); WeasyPrint would take a system font for either (whatever the machine
# has). In the PDF their text is set in the bundled fonts instead, the families
# templates/pdf/print.css declares.
SVG_FONTS = ("Noto Serif Common, Noto Serif Latin, Noto Serif Latin Ext, Noto Serif Kazakh, "
             "Noto Serif Cyrillic, Noto Serif Cyrillic Ext, Noto Serif Symbols")
# WeasyPrint's notes that matter for the PDF: a resource it could not load, a glyph no
# bundled font has. (Its notes on the screen CSS it does not support are left out.)
REPORTED = ("Failed to load", ".notdef glyph", "disallowed", "no required alt",
            "Missing required")


@functools.lru_cache(maxsize=None)
def system_libraries() -> tuple[str, ...]:
    """The files of the system libraries WeasyPrint lays out and subsets fonts with, as
    the dynamic linker finds them (their names carry their versions: an upgrade of Pango
    makes new PDFs). Without HarfBuzz's subsetter WeasyPrint subsets with fontTools,
    which gives other bytes, so its absence counts too."""
    try:
        listing = subprocess.run([shutil.which("ldconfig") or "/sbin/ldconfig", "-p"],
                                 capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return ("ldconfig -p failed",)
    found = {}
    for line in listing.splitlines():
        name, _, path = line.strip().partition(" => ")
        soname = name.split(" ", 1)[0]
        if soname in SYSTEM_LIBRARIES and soname not in found:
            found[soname] = os.path.realpath(path)
    return tuple(found.get(soname, f"{soname}: absent") for soname in SYSTEM_LIBRARIES)


def print_pdf(html: str, page: str, files: Mapping[str, Path], fonts: FontFiles,
              base_url: str | None) -> tuple[bytes, tuple[str, ...]]:
    """WeasyPrint's PDF of html, the page at `page` (e.g. "kk/article.html") in the site,
    and what it noted that readers would see (a resource it could not load, a letter no
    font has). Call load_weasyprint() first."""
    import weasyprint
    from weasyprint.logger import LOGGER

    notes = _Notes()
    LOGGER.addHandler(notes)
    try:
        document = weasyprint.HTML(string=for_weasyprint(html), base_url=VIRTUAL_ROOT + page,
                                   url_fetcher=site_fetcher(files, fonts)).render()
        relink(document, posixpath.dirname(page), base_url)
        with pdftags.languages_tagged():
            data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=True)
    finally:
        LOGGER.removeHandler(notes)
    return pdftags.finish(data), tuple(notes.messages)


def load_weasyprint(source: str, pdf: str):
    """The weasyprint module (imported only when a PDF is made: it takes a third of a
    second), or an error saying which system libraries it lacks."""
    try:
        import weasyprint
    except OSError as e:  # cffi could not open Pango or HarfBuzz
        raise SiteErrors([SiteError(source, None, f"{pdf} cannot be made: WeasyPrint needs "
                                    f"Pango and HarfBuzz ({e}); install Debian's "
                                    "libpango-1.0-0, libpangoft2-1.0-0 and libharfbuzz-subset0 "
                                    "(make site does, as root)")]) from e
    return weasyprint


def for_weasyprint(html: str) -> str:
    """The print HTML with its chart SVGs made ready for WeasyPrint, whose SVG renderer
    reads only the SVG itself: their text in the bundled fonts, and the chart's text
    alternative (the aria-label of the role="img" element around it) as the SVG's title,
    which WeasyPrint gives the chart's Figure tag as its alternate text."""
    html = re.sub(' font-family="(?:sans-serif|Noto Serif)"', f' font-family="{SVG_FONTS}"', html)
    html = _BARE_URL_RE.sub(_mark_bare_url, html)
    return _LABELLED_SVG_RE.sub(r"\1<title>\2</title>", html)


def _mark_bare_url(match: re.Match) -> str:
    """A link whose text is its own address, marked (class pdf-bare-url) so that print.css
    does not print the address a second time after it."""
    tag, href, text = match.group(1), match.group(2), match.group(3)
    if html_module.unescape(text).strip() != html_module.unescape(href):
        return match.group(0)
    return f'{tag} class="pdf-bare-url">{text}</a>'


# An external link without a class of its own: its start tag, address and text.
_BARE_URL_RE = re.compile(r'(<a href="(https?://[^"]*)")>([^<]*)</a>')


# The chart's box (partials/figure.html) may hold the SVG in a sized div of its own.
_LABELLED_SVG_RE = re.compile(r'(role="img" aria-label="([^"]*)">\s*(?:<div\b[^>]*>\s*)?<svg\b[^>]*>)')


class _Notes(logging.Handler):
    """Collects WeasyPrint's log records that concern the PDF (REPORTED), each once."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = f"WeasyPrint: {record.getMessage()}"
        if any(mark in message for mark in REPORTED) and message not in self.messages:
            self.messages.append(message)


def site_fetcher(files: Mapping[str, Path], fonts: "FontFiles"):
    """A WeasyPrint URL fetcher that serves the site's static files at VIRTUAL_ROOT and
    refuses every other address (so a PDF never depends on the network or the disk)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            relative = url.split("#")[0].split("?")[0].removeprefix(VIRTUAL_ROOT)
            if not url.startswith(VIRTUAL_ROOT) or relative not in files:
                raise ValueError(f"not a static file of the site: {url}")
            kind = mimetypes.guess_type(relative)[0] or "application/octet-stream"
            data = files[relative].read_bytes()
            if relative.endswith(".woff2"):
                data = fonts.sfnt(data)
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    return SiteFetcher()


class FontFiles:
    """WOFF2 fonts unpacked to the TrueType/OpenType data WeasyPrint embeds, each once and
    kept in the cache. (WeasyPrint unpacks a WOFF2 file with fontTools for every @font-face
    rule of every PDF: a fifth of a second each, half the time of a PDF.)"""

    def __init__(self, cache: Cache):
        self.cache = cache
        self.unpacked: dict[str, bytes] = {}  # key -> font

    @staticmethod
    def key(woff2: bytes) -> str:
        """The cache key of a font's unpacked form."""
        return sha256("woff2", installed_versions(LIBRARIES).get("fonttools", ""), woff2)

    def unpack(self, files: Mapping[str, Path], map_=map) -> None:
        """Unpack every WOFF2 font of files that the cache lacks, with map_ (a process
        pool's map unpacks them side by side)."""
        missing = {}
        for relative, path in files.items():
            if relative.endswith(".woff2"):
                data = path.read_bytes()
                key = self.key(data)
                found = self.unpacked.get(key) or self.cache.get("sfnt", key)
                if found is None:
                    missing[key] = data
                else:
                    self.unpacked[key] = found
        for key, font in zip(missing, map_(unpack_woff2, missing.values())):
            self.cache.put("sfnt", key, font)
            self.unpacked[key] = font

    def sfnt(self, woff2: bytes) -> bytes:
        """The font in woff2, unpacked."""
        key = self.key(woff2)
        if key not in self.unpacked:  # a worker finds what its parent unpacked
            self.unpacked[key] = self.cache.get_or_make("sfnt", key, lambda: unpack_woff2(woff2))
        return self.unpacked[key]


def unpack_woff2(woff2: bytes) -> bytes:
    """A WOFF2 font as the TrueType/OpenType data it packs."""
    from fontTools.ttLib import woff2 as woff2_format

    out = io.BytesIO()
    woff2_format.decompress(io.BytesIO(woff2), out)
    return out.getvalue()


def relink(document, folder: str, base_url: str | None) -> None:
    """Point the PDF's links to the site's files where readers find them: relative to the
    PDF's folder (it sits beside the pages of its language), or under base_url when the
    site has one (a PDF sent on by e-mail keeps working links)."""
    for page in document.pages:
        for n, (kind, target, *rest) in enumerate(page.links):
            if kind == "external" and target.startswith(VIRTUAL_ROOT):
                path, mark, fragment = target.removeprefix(VIRTUAL_ROOT).partition("#")
                target = (base_url + path if base_url
                          else posixpath.relpath(path, folder)) + mark + fragment
                page.links[n] = (kind, target, *rest)
