"""What search finds on one page: its blocks (paragraphs, list items, headings, captions,
tables, keywords, references), each with its field and its terms, read from the page's
HTML alone (a pure function of it, so it can run wherever the page is parsed).

The searchable parts of a page are the elements marked data-search-body (the theme marks
the prose and the keyword list); a value names the field of what is inside
(data-search-body="keywords"), and an element marked data-search-ignore is left out with
all it holds. Inside them a block is an outermost element among BLOCK_TAGS, or one with
role="img" and an aria-label (a chart: its description, which spells out its data, is
its text). A heading with an id starts a section; a block is addressed by the section's anchor and its place in it (the
heading is 0), which is how the browser finds it again on the page it opens
(theme/runtime/search.js walks the DOM by the same rules; tests/test_search.py compares).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain, repeat
from dataclasses import dataclass

from reportsite.core.htmltree import CLOSE, TEXT, LexborNode, parse_html
from reportsite.core.htmltree import walk as walk_tree
from reportsite.outputs.stemming import TOKEN, word_terms

MARK = "data-search-body"
IGNORE = "data-search-ignore"
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADINGS | {"p", "li", "dt", "dd", "figcaption", "caption", "pre", "blockquote",
                         "table"}
# Left out with what they hold: code and pictures, and the marks that are not the text:
# a note's back-link (↩), a footnote's number in the text.
DROPPED_TAGS = frozenset({"script", "style", "svg", "template", "noscript"})
DROPPED_CLASSES = frozenset({"backlink", "footnote-backref", "footnote-ref"})
# Tags inside a block that part words (a cell from the next, a superscript from its word).
SPACING_TAGS = frozenset({"br", "td", "th", "tr", "li", "p", "div", "dt", "dd", "sup",
                          "sub", "figcaption", "caption", "ul", "ol", "hr"})
VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col",
                       "area", "base", "embed", "param", "track"})
# The field of a block by its tag, else by the class of what holds it, else its region's.
TAG_FIELDS = {**{h: "heading" for h in HEADINGS}, "figcaption": "caption", "caption": "caption",
              "table": "cells"}
CLASS_FIELDS = {"references": "references", "footnote": "notes", "footnotes": "notes"}
FIELDS = ("heading", "keywords", "caption", "description", "body", "notes", "cells",
          "references")
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """One thing search can find on a page, and the place the browser scrolls to."""

    anchor: str  # the id of the heading that starts its section ("": before the first)
    title: str  # that heading's text ("" before the first)
    n: int  # its place in the section: 0 the heading, then each block in order
    field: str  # one of FIELDS: what kind of text it is, for the ranking
    text: str  # its text as the reader sees it, for the snippet
    terms: tuple[tuple[str, int], ...]  # its terms with how often each occurs
    forms: tuple[tuple[str, str], ...]  # a word of the text for each whole word's term


class _Walk:
    """The state of one walk over a page's tags: the open elements and the block being
    read."""

    def __init__(self, lang: str):
        self.lang = lang
        # each open element: (tag, inside a region, left out, the field it gives its blocks),
        # the last three inherited, so that nothing needs the whole stack
        self.stack: list[tuple[str, bool, bool, str]] = []
        self.blocks: list[Block] = []
        self.anchor, self.title, self.n = "", "", 0
        self.block: tuple[int, str, str, dict] | None = None  # (depth, tag, field, attrs)
        self.parts: list[str] = []

    @property
    def inside(self) -> bool:
        """Whether the walk is inside a marked region."""
        return bool(self.stack) and self.stack[-1][1]

    @property
    def dropped(self) -> bool:
        """Whether the walk is inside something left out."""
        return bool(self.stack) and self.stack[-1][2]

    def open(self, tag: str, attrs: dict[str, str]) -> None:
        """An element opens."""
        _, inside, dropped, field = self.stack[-1] if self.stack else ("", False, False, "body")
        classes = attrs.get("class", "").split() if "class" in attrs else ()
        dropped = (dropped or tag in DROPPED_TAGS or IGNORE in attrs
                   or any(c in DROPPED_CLASSES for c in classes))
        if MARK in attrs:
            inside, field = True, attrs[MARK] if attrs[MARK] in FIELDS else "body"
        elif inside:
            field = next((CLASS_FIELDS[c] for c in sorted(classes) if c in CLASS_FIELDS), field)
        self.stack.append((tag, inside, dropped, field))
        if self.block is not None or not inside or dropped:
            if self.block is not None and tag in SPACING_TAGS:
                self.parts.append(" ")
            return
        if attrs.get("role") == "img" and attrs.get("aria-label"):
            self.start(tag, "description", attrs)
            self.parts.append(attrs["aria-label"])
        elif tag in BLOCK_TAGS:
            self.start(tag, TAG_FIELDS.get(tag) or field, attrs)

    def start(self, tag: str, field: str, attrs: dict[str, str]) -> None:
        """A block starts; a heading with an id starts a section with it."""
        if tag in HEADINGS and attrs.get("id"):
            self.anchor, self.n = attrs["id"], 0
        self.block = (len(self.stack), tag, field, attrs)
        self.parts = []

    def close(self, tag: str) -> None:
        """An element closes (and the open ones inside it that never closed)."""
        depth = next((d for d in range(len(self.stack), 0, -1) if self.stack[d - 1][0] == tag),
                     None)
        if depth is None:
            return  # a stray end tag
        if self.block is not None and depth <= self.block[0]:
            self.finish()
        elif self.block is not None and tag in SPACING_TAGS:
            self.parts.append(" ")
        del self.stack[depth - 1:]

    def text(self, text: str) -> None:
        """Text between tags."""
        if self.block is not None and not self.dropped and not self.block[3].get("role") == "img":
            self.parts.append(text)

    def finish(self) -> None:
        """The block being read ends: kept if it has any text."""
        _, tag, field, attrs = self.block
        self.block = None
        text = SPACE.sub(" ", "".join(self.parts)).strip()
        if tag in HEADINGS and attrs.get("id") and self.n == 0:
            self.title = text
        if not text and not (tag in HEADINGS and attrs.get("id")):
            return
        tokens = TOKEN.findall(text)
        counts = Counter(chain.from_iterable(map(word_terms, tokens, repeat(self.lang))))
        self.blocks.append(Block(self.anchor, self.title, self.n, field, text,
                                 tuple(counts.items()), word_forms(tokens, self.lang)))
        self.n += 1


def word_forms(tokens: list[str], lang: str) -> tuple[tuple[str, str], ...]:
    """Each whole word's term with the word (lower case) that gave it first, so a "no
    results" message can suggest a word rather than a stem."""
    forms: dict[str, str] = {}
    for token in dict.fromkeys(tokens):
        terms = word_terms(token, lang)
        if terms and terms[-1] not in forms:
            forms[terms[-1]] = token.lower()
    return tuple(forms.items())


def page_sections(page: str | LexborNode, lang: str) -> tuple[Block, ...]:
    """The blocks of a rendered page in lang (its HTML, or its tree from core/htmltree's
    parse, as the build has it), in the order they are on it."""
    root = parse_html(page) if isinstance(page, str) else page
    walk = _Walk(lang)
    regions = root.css(f"[{MARK}]") if root is not None else []
    skip = 0  # the close event of a void element, which the walk never opened
    # Only the outermost marked elements are walked (nothing outside them is searched:
    # the page's navigation, often most of its tags, is never looked at).
    events = chain.from_iterable(walk_tree(region) for region in regions
                                 if not any(MARK in a.attributes for a in _ancestors(region)))
    for kind, name, attrs in events:
        if kind == TEXT:
            walk.text(name)
        elif kind == CLOSE:
            if skip:
                skip -= 1
            else:
                walk.close(name)
        elif name in VOID_TAGS:
            skip += 1
            if walk.block is not None and name in SPACING_TAGS:
                walk.parts.append(" ")
        else:
            walk.open(name, attrs)
    if walk.block is not None:
        walk.finish()
    return tuple(walk.blocks)


def _ancestors(node: LexborNode):
    """The elements that hold node, nearest first."""
    node = node.parent
    while node is not None and node.tag[0] != "-":
        yield node
        node = node.parent
