"""Checks over the site: every local link and #anchor resolves to a file, and every
translation has the original's sections, shortcodes and numbers."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from typing import Mapping
from urllib.parse import unquote, urlsplit

from markupsafe import Markup

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


# --- Translation consistency ------------------------------------------------------------

_HEADING_RE = re.compile(r"^#{1,6}\s.*?\{#([\w-]+)\}\s*$", re.M)
_TOKEN_RE = re.compile(r"⟦[^⟧]*⟧")


class TokenShortcodes:
    """Shortcodes that print what they refer to instead of rendering it, for comparison."""

    @staticmethod
    def _digits(*texts: object) -> str:
        return ",".join(d for t in texts if t for d in re.findall(r"\d+", str(t)))

    def functions(self) -> dict:
        def token(kind: str, *parts: object) -> Markup:
            return Markup(f"⟦{kind}:{'/'.join(str(p) for p in parts)}⟧")
        return {
            "value": lambda dataset, row, field: token("value", dataset, row, field),
            "cite": lambda n, page=None: token("cite", n, page or ""),
            "ref": lambda anchor: token("ref", anchor),
            "table": lambda dataset, caption=None, fields=None, where=None, derived=False,
            id=None, as_figure=False, note=None: token(
                "table", id or dataset, as_figure, self._digits(caption, note)),
            "chart": lambda chart_id, caption="": token("chart", chart_id, self._digits(caption)),
            "codebook": lambda dataset: token("codebook", dataset),
            "downloads": lambda dataset: token("downloads", dataset),
            "references": lambda: token("references"),
        }


def page_signature(text: str) -> list[tuple[str, Counter, Counter]]:
    """A page's evaluated body as (section id, shortcode tokens, typed numbers) per section."""
    sections: list[tuple[str, Counter, Counter]] = []
    starts = [(m.start(), m.group(1)) for m in _HEADING_RE.finditer(text)]
    bounds = [(0, "(top)")] + starts
    for i, (start, section) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        chunk = text[start:end]
        if section != "(top)":
            chunk = chunk.split("\n", 1)[1] if "\n" in chunk else ""
            chunk = re.sub(r"\{#[\w-]+\}", "", chunk)
        tokens = Counter(_TOKEN_RE.findall(chunk))
        numbers = Counter(re.findall(r"\d+", _TOKEN_RE.sub(" ", chunk)))
        if section == "(top)" and not tokens and not numbers:
            continue
        sections.append((section, tokens, numbers))
    return sections


def compare_translations(signatures: dict[str, list], paths: dict[str, str],
                         original: str) -> list[SiteError]:
    """Differences between each translation and the original: sections, shortcodes, numbers."""
    problems = []
    base = signatures[original]
    for lang, signature in signatures.items():
        if lang == original:
            continue
        ids, base_ids = [s[0] for s in signature], [s[0] for s in base]
        if ids != base_ids:
            problems.append(SiteError(paths[lang], None, f"sections {ids} differ from "
                                      f"{paths[original]}: {base_ids}"))
            continue
        for (section, tokens, numbers), (_, base_tokens, base_numbers) in zip(signature, base):
            for what, mine, theirs in (("shortcodes", tokens, base_tokens),
                                       ("numbers", numbers, base_numbers)):
                missing, extra = theirs - mine, mine - theirs
                if missing or extra:
                    def shown(items: Counter) -> str:
                        return ", ".join(re.sub(r"⟦(\w+):(.*)⟧", r"\1(\2)", x)
                                         for x in sorted(items.elements()))
                    detail = "; ".join(part for part in (
                        "missing " + shown(missing) if missing else "",
                        "extra " + shown(extra) if extra else "") if part)
                    problems.append(SiteError(paths[lang], None, f"section '{section}': "
                                              f"{what} differ from {paths[original]} ({detail})"))
    return problems
