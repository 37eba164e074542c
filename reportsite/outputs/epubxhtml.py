"""The EPUB's XHTML: the HTML the theme's EPUB templates render (the page's own prose inside)
made into an XHTML content document a reading system opens without a network.

The HTML is parsed as browsers parse it (tinyhtml5, the HTML5 parser WeasyPrint uses), so
inline SVG gets its namespace, and written back as XML. On the way: scripts and the
chart's interactive spec go (an EPUB without scripts needs no "scripted" property); the
chart's folded data table becomes a plain one with its title; download links and
`download` attributes go (those files are not in the book); a link to another file of the
site points to it under base_url, or, without one, is left as its text; the page's notes
become EPUB footnotes (`epub:type="noteref"` on each mark, an `aside
epub:type="footnote"` for each note, with its number); every `lang` gets its `xml:lang`.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from reportsite.core.xmlns import XLINK, XML_LANG, serialise

XHTML = "http://www.w3.org/1999/xhtml"
SVG = "http://www.w3.org/2000/svg"
EPUB = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{EPUB}}}type"
XMLNS = "{http://www.w3.org/2000/xmlns/}"  # an inline SVG's own declarations, as parsed
NAMESPACES = {"": XHTML, "epub": EPUB, "svg": SVG, "xlink": XLINK}
# Attributes the book has no use for: they drive the page's scripts or downloads.
DROPPED_ATTRIBUTES = ("download", "data-spec", "data-search-body", "data-search-ignore",
                      "style")


def h(name: str) -> str:
    """An XHTML element's name in ElementTree's {uri}name form."""
    return f"{{{XHTML}}}{name}"


def class_names(element: ET.Element) -> list[str]:
    """The element's class names."""
    return element.get("class", "").split()


def parse(html: str) -> ET.Element:
    """HTML as a browser parses it, every element in its namespace."""
    import tinyhtml5

    return tinyhtml5.parse(html, namespace_html_elements=True)


def to_xhtml(root: ET.Element) -> bytes:
    """The document as XHTML bytes, with the namespaces EPUB documents use."""
    text = serialise(root, NAMESPACES)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n{text}\n'.encode()


def prepare(root: ET.Element, page: str, others: dict[str, str], base_url: str | None) -> None:
    """Make the parsed page (at site path page, e.g. "kk/article.html") a content
    document: see the module's docstring. others: the site paths of files the book holds
    itself, by the name they have in it."""
    _remove(root, lambda e: e.tag == h("script")
            or (e.tag == h("p") and "downloads" in class_names(e)))
    for element in root.iter():
        if element.tag == h("details") and "chart-data" in class_names(element):
            _unfold(element)
        for name in DROPPED_ATTRIBUTES + tuple(k for k in element.attrib
                                               if k.startswith(XMLNS)):
            element.attrib.pop(name, None)
        if element.tag == h("a") and element.get("href"):
            _relink(element, page, others, base_url)
        if element.get("epub:type"):
            element.set(EPUB_TYPE, element.attrib.pop("epub:type"))
        if element.get("lang") is not None:
            element.set(XML_LANG, element.get("lang"))
    _footnotes(root)
    _unwrap_marked(root)


def _remove(root: ET.Element, unwanted) -> None:
    """Remove every element for which unwanted(element) is true (its tail kept)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if unwanted(child):
                _drop(parent, child)


def _drop(parent: ET.Element, child: ET.Element) -> None:
    """Remove child from parent, keeping the text after it."""
    index = list(parent).index(child)
    if child.tail:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


def _unfold(details: ET.Element) -> None:
    """A chart's folded data table (<details>) as a plain block titled by its summary."""
    details.tag = h("div")
    for child in details:
        if child.tag == h("summary"):
            child.tag = h("p")
            child.set("class", "chart-data-title")


def _relink(link: ET.Element, page: str, others: dict[str, str], base_url: str | None) -> None:
    """Point a link at what it names from inside the book: its own anchors stay, the
    site's other files go under base_url or, without it, the link is marked to become its
    text (_unwrap_marked)."""
    href = link.get("href")
    parts = urlsplit(href)
    if parts.scheme or href.startswith("#") or parts.path in others.values():
        return  # elsewhere, in this document or in another of the book
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if target == page:
        link.set("href", fragment or "#top")
    elif target in others:
        link.set("href", others[target] + fragment)
    elif base_url:
        link.set("href", f"{base_url}{target}{fragment}")
    else:
        link.set("data-unwrap", "")


def _unwrap_marked(root: ET.Element) -> None:
    """Links marked by _relink become a span with their text (and language)."""
    for element in root.iter(h("a")):
        if "data-unwrap" in element.attrib:
            kept = {k: v for k, v in element.attrib.items() if k in ("lang", XML_LANG, "id")}
            element.tag, element.attrib = h("span"), kept


def _footnotes(root: ET.Element) -> None:
    """The page's notes (section.notes, marks a.footnote-ref) as EPUB footnotes."""
    for link in root.iter(h("a")):
        if "footnote-ref" in class_names(link):
            link.set(EPUB_TYPE, "noteref")
            link.set("role", "doc-noteref")
    for parent in list(root.iter()):
        for section in [c for c in parent if c.tag == h("section") and "notes" in class_names(c)]:
            for listing in [c for c in section if c.tag == h("ol")]:
                index = list(section).index(listing)
                section.remove(listing)
                for n, item in enumerate(listing.iter(h("li")), start=1):
                    section.insert(index + n - 1, _aside(item, n))


def _aside(item: ET.Element, number: int) -> ET.Element:
    """One note's list item as an aside epub:type="footnote", numbered as the list was."""
    aside = ET.Element(h("aside"), {"id": item.get("id", ""), EPUB_TYPE: "footnote",
                                    "role": "doc-footnote", "class": "footnote"})
    paragraphs = [c for c in item if c.tag == h("p")]
    first = paragraphs[0] if paragraphs else None
    label = ET.Element(h("span"), {"class": "note-number"})
    label.text = f"{number}. "
    if first is None:  # the note's text sits in the item itself
        first = ET.SubElement(aside, h("p"))
        first.text = item.text
        first.extend(list(item))
    else:
        aside.extend(list(item))
        for link in [c for c in aside if c.tag == h("a")]:  # the way back, after the text
            _drop(aside, link)
            link.tail = None
            paragraphs[-1].append(link)
            link_before = paragraphs[-1][-2] if len(paragraphs[-1]) > 1 else None
            if link_before is not None:
                link_before.tail = (link_before.tail or "") + " "
            else:
                paragraphs[-1].text = (paragraphs[-1].text or "") + " "
    label.tail, first.text = first.text, None
    first.insert(0, label)
    return aside


def text_of(element: ET.Element) -> str:
    """Every character of the element's text, SVG text included, for the fonts."""
    return "".join(element.itertext())
