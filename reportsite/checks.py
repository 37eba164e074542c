"""Checks over the rendered site: every local link and #anchor resolves to a file."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from typing import Mapping
from urllib.parse import unquote, urlsplit

from .errors import SiteError

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
              "iframe": "src", "area": "href", "object": "data"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}


class _LinkParser(HTMLParser):
    """Collects the ids a page defines and the URLs it links to."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        wanted = LINK_ATTRS.get(tag)
        if wanted and values.get(wanted) is not None:
            self.links.append((values[wanted] or "", self.getpos()[0]))


def parse_html(html: str) -> _LinkParser:
    """Parse a page once for its ids and links."""
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser


def check_links(files: Mapping[str, bytes], sources: Mapping[str, str]) -> list[SiteError]:
    """Every local link in every HTML file must point to a file of the site (and anchor)."""
    parsed = {path: parse_html(data.decode("utf-8")) for path, data in files.items()
              if path.endswith(".html")}
    problems = []
    for path, page in sorted(parsed.items()):
        for url, line in page.links:
            message = _check_link(path, url, files, parsed)
            if message:
                problems.append(SiteError(sources.get(path, path), None,
                                          f"{message} (in {path}, line {line})"))
    return problems


def _check_link(page: str, url: str, files: Mapping[str, bytes], parsed: dict) -> str | None:
    """Why a link from page is broken, or None if it resolves."""
    parts = urlsplit(url)
    if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
        return None
    if parts.scheme:
        return f"link '{url}' uses the unsupported scheme '{parts.scheme}:'"
    if url.startswith("/"):
        return f"link '{url}' is root-absolute; use a relative link so the site works from file://"
    target = page
    if parts.path:
        if parts.path.endswith("/") or parts.path in (".", ".."):
            return f"link '{url}' points to a folder; link to a file such as index.html"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target not in files:
            return f"link '{url}' does not resolve to a file of the site"
    if parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
        return f"link '{url}' points to a missing anchor '#{parts.fragment}' in {target}"
    return None
