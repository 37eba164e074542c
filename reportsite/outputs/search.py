"""The offline search index: every section of every page, per language, made at build time
and written as a classic script (assets/search-<lang>.js), so that search works from file://
with no fetch(), no module and no worker.

A page's sections come from the part of its HTML marked data-search-body (the theme's
partials/body.html marks the prose): each heading with an id starts a section (its anchor
and title); the text before the first one belongs to the page itself. Each section carries
its text (for snippets) and its terms (outputs/stemming.py), counted. The browser
(theme/runtime/search.js) indexes those terms with the vendored MiniSearch when the reader
first focuses the search box, and stems the query with the same rules.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from reportsite.core.cache import Cache
from reportsite.core.layout import RUNTIME, THEME_SHOWN
from reportsite.core.outputs import Outputs
from reportsite.load.content import PageGroup
from reportsite.load.site import Site
from reportsite.outputs.stemming import ENGLISH, KAZAKH, SNOWBALL, term_counts

INDEX_PATH = "assets/search-{lang}.js"
# The search runtime: the theme's glue, then the vendored libraries (make vendor-search).
SCRIPTS = {"assets/search.js": "search.js", "assets/search-words.js": "search-words.js",
           "assets/minisearch.js": "minisearch.js"}
SNOWBALL_SCRIPT = {"assets/snowball.js": "snowball.js"}  # only for languages in SNOWBALL
MARK = "data-search-body"
START = re.compile(r"<(\w+)\b[^>]*\b" + MARK + r"\b[^>]*>")
DROPPED = re.compile(r"<(script|style|svg|template)\b.*?</\1\s*>", re.S | re.I)
HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
HEADING_ID = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|caption|"
                       r"figure|figcaption|details|summary|section|article|aside|blockquote|pre|"
                       r"br|hr|h[1-6]|sup)\b[^>]*>", re.I)  # sup: a footnote mark is no suffix
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True)
class Section:
    """One searchable part of a page."""

    anchor: str  # the heading's id ("" for the text before the first heading)
    title: str  # the heading's text ("" for the text before the first heading)
    text: str  # its plain text, for snippets
    terms: str  # its title's and text's terms with counts: "term" once, "term*3" thrice


def body_region(page: str) -> str:
    """The HTML inside the element marked data-search-body ("" when there is none)."""
    start = START.search(page)
    if start is None:
        return ""
    tag = start.group(1).lower()
    opening = re.compile(rf"<(/?){tag}\b[^>]*>", re.I)
    depth = 1
    for match in opening.finditer(page, start.end()):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return page[start.end():match.start()]
    return page[start.end():]


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment: blocks separated by a space, entities decoded."""
    return SPACE.sub(" ", html.unescape(TAG.sub("", BLOCK_TAG.sub(" ", fragment)))).strip()


def page_sections(page: str, lang: str) -> tuple[Section, ...]:
    """The sections of a rendered page, in order; empty ones are left out."""
    body = DROPPED.sub(" ", body_region(page))
    sections, anchor, title, start = [], "", "", 0
    for heading in HEADING.finditer(body):
        found = HEADING_ID.search(heading.group(2))
        if found is None:
            continue  # a heading without an id is text of its section
        sections.append(_section(anchor, title, body[start:heading.start()], lang))
        anchor = html.unescape(next(g for g in found.groups() if g is not None))
        title, start = fragment_text(heading.group(3)), heading.end()
    sections.append(_section(anchor, title, body[start:], lang))
    return tuple(s for s in sections if s.text or s.anchor)


def _section(anchor: str, title: str, fragment: str, lang: str) -> Section:
    """One section from its heading and its HTML."""
    text = fragment_text(fragment)
    counts = term_counts(f"{title} {text}", lang)
    terms = " ".join([term if n == 1 else f"{term}*{n}" for term, n in counts.items()])
    return Section(anchor, title, text, terms)


def index_script(lang: str, pages: list[tuple[str, str, tuple[Section, ...]]]) -> bytes:
    """The classic script holding one language's index. pages: (file name, title,
    sections) of each page in navigation order."""
    index = {
        "lang": lang,
        "stemmer": "kazakh" if lang == "kk" else SNOWBALL.get(lang, ""),
        "kazakh": KAZAKH if lang == "kk" else None,  # the stemmer's rules, for search-words.js
        "spelling": ENGLISH if lang == "en" else None,
        "pages": [[href, title] for href, title, _ in pages],
        "sections": [[n, s.anchor, s.title, s.text, s.terms]
                     for n, (_, _, sections) in enumerate(pages) for s in sections],
    }
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (f"/* The search index of the {lang} pages, made by reportsite "
            f"(reportsite/outputs/search.py). */\nwindow.reportsiteSearchIndex = {data};\n"
            ).encode("utf-8")


def add_search(site: Site, cache: Cache, pages: list[tuple[str, PageGroup]], keys: list[str],
               outputs: Outputs) -> str:
    """Add each language's index and the search runtime to outputs; return the stage's
    name with each index's size. A page's sections are kept in the cache under its key,
    so an unchanged page is not read again."""
    languages = site.config.languages
    indexed: dict[str, list] = {lang: [] for lang in languages}
    for (lang, group), key in zip(pages, keys):
        page = group.source(lang, languages)
        sections = cache.lookup("search", key)
        if sections is None:
            sections = page_sections(cache.read_page(key).decode("utf-8"), page.lang)
            cache.remember("search", key, sections)
        indexed[lang].append((f"{group.key}.html", page.nav_title, sections))
    sizes = []
    for lang in languages:
        script = index_script(lang, indexed[lang])
        outputs.add(INDEX_PATH.format(lang=lang), script, "the pages (search index)")
        sizes.append(f"{lang} {len(script) / 1000:.0f} KB")
    scripts = SCRIPTS | (SNOWBALL_SCRIPT if set(languages) & set(SNOWBALL) else {})
    for path, name in scripts.items():
        outputs.add(path, (RUNTIME / name).read_bytes(), f"{THEME_SHOWN}/runtime/{name}")
    return f"search index ({', '.join(sizes)})"
