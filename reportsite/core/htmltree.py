"""A rendered page, parsed once: the tree the link check, the search index and the raw-HTML
audit read, as a browser would build it.

The parser is Lexbor's, through selectolax: an HTML5 parser written to the WHATWG
specification, so the elements, attributes and text seen here are the ones the reader's
browser sees (an end tag that closes the wrong element, a <p> inside a <p>, a table cell
outside a row, an attribute written twice), not those of a regular expression or of
html.parser's tokenizer. It parses a 23 KB page in about half a millisecond.

walk() turns a tree into the events a reader of the page needs: an element opens (its tag
and attributes), text, an element closes; comments are left out. It uses no recursion, so
a page nested thousands of elements deep is walked like any other.
"""

from __future__ import annotations

from typing import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["LexborNode", "parse_html", "walk", "elements", "OPEN", "TEXT", "CLOSE"]

OPEN, TEXT, CLOSE = 0, 1, 2
_TEXT_TAG, _COMMENT_TAG = "-text", "-comment"


def parse_html(html: str) -> LexborNode:
    """The root (the html element) of a page or fragment as the browser builds it."""
    return LexborHTMLParser(html).root


def walk(root: LexborNode) -> Iterator[tuple[int, str, dict]]:
    """(OPEN, tag, attributes), (TEXT, text, {}) and (CLOSE, tag, {}) for root and all it
    holds, in document order. Text is as the reader sees it (character references
    decoded); attribute names are lower case, values decoded ("" when bare); the content
    of <template> is not walked (it is not on the page)."""
    yield OPEN, root.tag, _attributes(root)
    stack = [(root.tag, root.iter(include_text=True))]
    while stack:
        node = next(stack[-1][1], None)
        if node is None:
            yield CLOSE, stack.pop()[0], {}
            continue
        tag = node.tag
        if tag == _TEXT_TAG:
            yield TEXT, node.text_content or "", {}
        elif tag != _COMMENT_TAG and tag[0] != "-" and tag != "!doctype":
            yield OPEN, tag, _attributes(node)
            stack.append((tag, node.iter(include_text=True)))


def elements(root: LexborNode, templates: bool = False) -> Iterator[tuple[str, dict]]:
    """(tag, attributes) of every element of the tree, root first, in document order;
    with templates, also those inside <template> (not on the page until a script puts
    them there, so only the raw-HTML audit asks for them). A worklist, not recursion:
    templates nested thousands deep are read like any other."""
    todo = [root]
    while todo:
        for node in todo.pop(0).traverse():
            tag = node.tag
            if tag[0] == "-":
                continue
            yield tag, _attributes(node)
            if templates and tag == "template":
                todo += node.template_fragments()


def _attributes(node: LexborNode) -> dict:
    """An element's attributes, a bare one as ""."""
    attrs = node.attributes
    if attrs and None in attrs.values():
        return {name: value or "" for name, value in attrs.items()}
    return attrs
