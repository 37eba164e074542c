"""Checks over the site: every local link and #anchor resolves to a file, and every
translation has the original's sections, shortcodes and numbers; and the same checks with
their results kept in the cache, so an unchanged page is not checked again."""

from __future__ import annotations

import difflib
import posixpath
import re
import sys
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

from reportsite.core.cache import Cache, generator_digest, sha256
from reportsite.core.errors import SiteError, SiteErrors, did_you_mean
from reportsite.core.htmltree import LexborNode, elements, parse_html
from reportsite.core.layout import CONTENT_DIR
from reportsite.core.sources import read_text
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site
from reportsite.render.prose import compile_body, run_shortcodes
from reportsite.outputs.search import FOLDER
from reportsite.render.shortcodes import token_functions

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
              "iframe": "src", "area": "href", "object": "data"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
SEARCH_FILES = FOLDER.split("{")[0]  # assets/search/: the search index's files


_TAG_RE = re.compile(r"<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTR_RE = re.compile(r"([^\s=>/]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_SKIP_RE = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)


class LeavingLink(SiteError):
    """A link out of the site folder ('..' above its root, '/...', file:): it cannot work
    from any copy of the site, so it is an error in every build, not a warning."""


@dataclass
class PageLinks:
    """The ids a page defines and the URLs it links to, in order (their lines are read
    from the HTML only for a broken one: page_lines). A large site holds a few million
    links, most of them the same navigation URLs (see intern())."""

    ids: set[str]
    urls: list[str]

    def intern(self) -> "PageLinks":
        """Share each URL string with every other page that has it; returns self."""
        self.urls = [sys.intern(url) for url in self.urls]
        return self


def scan_links(page: str | LexborNode) -> PageLinks:
    """A page's ids and links, from its tree (core/htmltree.py: the page parsed once, as
    the browser parses it, in the worker that rendered it) or its HTML. Lines are not
    known from a tree: page_lines() finds them for the few links that are broken."""
    ids: set[str] = set()
    urls: list[str] = []
    for tag, attrs in elements(parse_html(page) if isinstance(page, str) else page):
        if not attrs:
            continue
        if attrs.get("id"):
            ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            ids.add(attrs["name"])
        wanted = LINK_ATTRS.get(tag)
        if wanted in attrs:
            urls.append(attrs[wanted])
    return PageLinks(ids, urls)


def page_lines(html: str) -> dict[str, list[int]]:
    """Each URL a page links to, with the lines of the HTML it is written on, in order. A
    scan with regular expressions (quoted and unquoted attributes; comments and
    script/style content skipped), run only for a page with a broken link."""
    def blank(match: re.Match) -> str:  # keep line numbers; keep the opening <script src=...>
        text = match.group(0)
        head = text[:text.index(">") + 1] if match.group(1) else ""
        return head + "\n" * text[len(head):].count("\n")
    html = _SKIP_RE.sub(blank, html)
    found: dict[str, list[int]] = {}
    line, position = 1, 0
    for tag_match in _TAG_RE.finditer(html):
        wanted = LINK_ATTRS.get(tag_match.group(1).lower())
        if wanted is None or not tag_match.group(2):
            continue
        attrs = {m.group(1).lower(): _value(m) for m in _ATTR_RE.finditer(tag_match.group(2))}
        if wanted in attrs:
            line += html.count("\n", position, tag_match.start())
            position = tag_match.start()
            found.setdefault(attrs[wanted], []).append(line)
    return found


def _value(match: re.Match) -> str:
    """An attribute's value (double-, single- or un-quoted), character references decoded."""
    value = next((g for g in match.groups()[1:] if g is not None), "")
    return unescape(value) if "&" in value else value


def link_problems(files: Mapping[str, bytes], sources: Mapping[str, str],
                  parsed: Mapping[str, PageLinks], pages: list[str],
                  source_text: Callable[[str], str | None] = lambda source: None
                  ) -> dict[str, list[SiteError]]:
    """The broken links of each of pages (paths of HTML files), given every HTML file's ids
    and links. Only the names of files are looked at, never their bytes. A link written in
    the page's Markdown (source_text: a source file's text) is reported at its line there;
    one from a template, at the line of the HTML."""
    problems: dict[str, list[SiteError]] = {}
    verdicts: dict[tuple[str, str], tuple[str, bool] | None] = {}  # nav links: on every page
    for path in pages:
        folder = posixpath.dirname(path)
        found = problems[path] = []
        source = sources.get(path, path)
        lines: dict[str, list[int]] | None = None  # read from the HTML at the first problem
        for url in parsed[path].urls:
            key = (path if url.startswith("#") else folder, url)
            if key not in verdicts:
                verdicts[key] = _check_link(path, url, files, parsed)
            verdict = verdicts[key]
            if verdict:
                message, leaves = verdict
                written = _written_at(source_text(source), url)
                if lines is None and not written:
                    lines = page_lines(files[path].decode("utf-8"))
                line = (lines or {}).get(url, [None]).pop(0) if not written else None
                where = f" (in {path})" if written or line is None else f" (in {path}, line {line})"
                found.append((LeavingLink if leaves else SiteError)(source, written,
                                                                    message + where))
    return problems


def _close_file(target: str, files: Mapping[str, bytes]) -> str:
    """' — did you mean 'x.html'?' for a file of the same folder and kind with a close name."""
    folder, name = posixpath.split(target)
    stem, _, suffix = name.rpartition(".")
    near = {}
    for path in files:
        if posixpath.dirname(path) == folder and path.endswith(f".{suffix}"):
            near[path.rsplit("/", 1)[-1].removesuffix(f".{suffix}")] = path.rsplit("/", 1)[-1]
    close = difflib.get_close_matches(stem or name, near, n=1, cutoff=0.6)
    return f" — did you mean '{near[close[0]]}'?" if close else ""


def _written_at(text: str | None, url: str) -> int | None:
    """The line of a source file where a link to url is written, if it is there."""
    if not text:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if f"({url}" in line or f'"{url}"' in line or f"'{url}'" in line or f"<{url}>" in line:
            return number
    return None


def _check_link(page: str, url: str, files: Mapping[str, bytes],
                parsed: Mapping[str, PageLinks]) -> tuple[str, bool] | None:
    """Why a link from page is broken, and whether it leaves the site folder; or None if
    it resolves."""
    parts = urlsplit(url)
    if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
        return None
    if parts.scheme == "file":
        return f"link '{url}' leaves the site folder (file: names a file on the reader's " \
               "disk); put the file in static/ and link to it relatively", True
    if parts.scheme:
        return f"link '{url}' uses the unsupported scheme '{parts.scheme}:'", False
    if url.startswith("/"):
        return f"link '{url}' is root-absolute; use a relative link so the site works from " \
               "file://", True
    target = page
    if parts.path:
        if parts.path.endswith("/") or parts.path in (".", ".."):
            return f"link '{url}' points to a folder; link to a file such as index.html", False
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target == ".." or target.startswith("../"):
            return f"link '{url}' leaves the site folder; put the file in static/ and link " \
                   "to it relatively", True
        if target not in files:
            return f"link '{url}' does not resolve to a file of the site" \
                + _close_file(target, files), False
    if parts.fragment and target in parsed and unquote(parts.fragment) not in parsed[target].ids:
        return (f"link '{url}' points to a missing anchor '#{parts.fragment}' in {target}"
                + did_you_mean(unquote(parts.fragment), parsed[target].ids, list_all=False)), False
    return None


# --- Translation consistency ------------------------------------------------------------

_HEADING_RE = re.compile(r"^#{1,6}\s.*?\{#([\w-]+)\}\s*$", re.M)
_TOKEN_RE = re.compile(r"⟦[^⟧]*⟧")
# Notes ([^1] and their "[^1]: ..." text) belong to one text, as a translator's notes do to
# a translation: their marks and numbers are not the original's to match.
_NOTES_RE = re.compile(r"^\[\^[^\]\s]+\]:.*(?:\n(?: {4}|\t).*)*|\[\^[^\]\s]+\]", re.M)


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
        numbers = Counter(re.findall(r"\d+", _NOTES_RE.sub(" ", _TOKEN_RE.sub(" ", chunk))))
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


# --- the same checks, their results kept between builds ---------------------------------

def check_parity(site: Site, cache: Cache | None = None) -> list[SiteError]:
    """Translation consistency: each translation of a page against the original."""
    problems = []
    tokens = token_functions()
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


def check_links_cached(outputs: Outputs, parsed: dict[str, PageLinks], page_keys: dict[str, str],
                       cache: Cache, root: Path | None = None) -> list[SiteError]:
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
            parsed[path] = scan_links(outputs.files[path].decode("utf-8"))
            ids[path] = parsed[path].ids
    # The search index's files are renamed when a page's text grows by a fragment, and no
    # page of the theme links to one: they count only for a page that does (one lookup
    # says whether it did when it was checked), so an edit does not check every page again.
    files = sorted(outputs.files)
    indexed = [path for path in files if path.startswith(SEARCH_FILES)]
    targets = sha256(generator_digest(), *(p for p in files if not p.startswith(SEARCH_FILES)),
                     *(part for path in sorted(ids) for part in (path, *sorted(ids[path]))))
    with_index = sha256(*indexed)
    found, todo, keys, bases = {}, [], {}, {}
    for path in sorted(ids):
        made_from = page_keys.get(path) or sha256(outputs.files[path])
        base = bases[path] = sha256(targets, path, outputs.sources.get(path, path), made_from)
        reaches = cache.lookup("links", sha256(base, SEARCH_FILES)) is not None
        keys[path] = sha256(base, with_index) if reaches else base
        found[path] = cache.lookup("links", keys[path])
        if found[path] is None:
            todo.append(path)
    if todo:
        for path in todo:  # a cached page whose targets changed: its links are needed again
            if path not in parsed:
                parsed[path] = scan_links(outputs.files[path].decode("utf-8"))
        for path in ids:  # of the others, only the ids (anchors are looked up in them)
            parsed.setdefault(path, PageLinks(set(ids[path]), []))
        checked = link_problems(outputs.files, outputs.sources, parsed, todo,
                                lambda source: _source_text(root, source))
        for path in todo:
            keys[path] = bases[path]
            if any(SEARCH_FILES in url for url in parsed[path].urls):  # see above
                cache.remember("links", sha256(bases[path], SEARCH_FILES), [])
                keys[path] = sha256(bases[path], with_index)
            cache.remember("links", keys[path], checked[path])
            found[path] = checked[path]
    return [problem for path in sorted(found) for problem in found[path]]


def _source_text(root: Path | None, source: str) -> str | None:
    """The text of a page's Markdown source (for the line of a link), if it is one."""
    if root is None or not source.startswith(f"{CONTENT_DIR}/") or not source.endswith(".md"):
        return None
    try:
        return read_text(root / source, root, source)
    except (SiteErrors, OSError):
        return None
