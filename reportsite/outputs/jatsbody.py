"""The body and reference list of a JATS article, made from the rendered prose of its page.

The prose is the HTML the page shows (render.pages.PageRenderer.prose: shortcodes, Markdown, the
theme's table and figure partials), so JATS says what the page says, numbers formatted as
the reader sees them. Headings with ids become nested `<sec id>`s; a section holding the
reference list becomes the `<ref-list>` in `<back>`; tables become `<table-wrap>`s with
their label, caption, notes and source; charts become `<fig>`s whose graphics are the
chart's SVG and PNG downloads; citations become `<xref ref-type="bibr">`. HTML the
converter does not know keeps its text and loses its markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import tinyhtml5

from reportsite.core.xmlns import HREF, XML_LANG
INLINE = {"em": "italic", "i": "italic", "strong": "bold", "b": "bold", "sup": "sup",
          "sub": "sub", "code": "monospace", "kbd": "monospace", "u": "underline",
          "s": "strike", "del": "strike"}
SKIPPED = {"script", "style", "template", "details", "nav", "button", "input", "hr", "img"}
SECTIONS = {"div", "section", "article", "main", "aside", "header", "footer"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
KINDS = {"table-figure": "table", "chart-figure": "fig"}  # figure class -> xref ref-type
CELL_ATTRIBUTES = ("rowspan", "colspan", "scope")
# Elements that hold only other elements: indented when written (mixed content is not).
CONTAINERS = frozenset(
    "article front back body sec journal-meta journal-title-group article-meta title-group "
    "trans-title-group contrib-group contrib name permissions license abstract trans-abstract "
    "kwd-group ref-list ref table-wrap table-wrap-foot fn fig alternatives caption table "
    "thead tbody tfoot tr list list-item disp-quote def-list def-item def publisher "
    "pub-date name-alternatives citation-alternatives element-citation person-group fn-group "
    "notes".split())


def parse_fragment(html: str) -> ET.Element:
    """An HTML fragment as an element tree (HTML elements without a namespace)."""
    return tinyhtml5.parse(f"<body>{html}</body>",
                           namespace_html_elements=False).find("body")


def classes(element: ET.Element) -> set[str]:
    """The element's HTML classes."""
    return set(element.get("class", "").split())


def add_text(target: ET.Element, text: str | None) -> None:
    """Append text to target, after its last child if it has one."""
    if not text:
        return
    if len(target):
        target[-1].tail = (target[-1].tail or "") + text
    else:
        target.text = (target.text or "") + text


HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses: not the no-break spaces


def collapse(text: str) -> str:
    """Runs of HTML white space as one space, ends trimmed: '150\xa0000' stays whole."""
    return HTML_SPACE.sub(" ", text).strip(" ")


def tidy(element: ET.Element) -> ET.Element:
    """Collapse runs of white space in element's text, as HTML shows them, and trim its
    ends."""
    for node in element.iter():
        if node.tag != "preformat":
            node.text = HTML_SPACE.sub(" ", node.text) if node.text else node.text
            node.tail = HTML_SPACE.sub(" ", node.tail) if node.tail else node.tail
    element.text = (element.text or "").lstrip() or None
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "").rstrip() or None
    elif last.tail:
        last.tail = last.tail.rstrip() or None
    return element


def target_kinds(root: ET.Element) -> dict[str, str]:
    """The xref ref-type of every id a link inside the prose may point to."""
    kinds = {}
    for element in root.iter():
        ident = element.get("id")
        if not ident or not isinstance(element.tag, str):
            continue
        if element.tag == "figure":
            kinds[ident] = next((KINDS[c] for c in classes(element) if c in KINDS), "fig")
        elif element.tag in HEADINGS:
            kinds[ident] = "sec"
    for references in root.iter("ol"):
        kind = "bibr" if "references" in classes(references) else \
            "fn" if "note-list" in classes(references) else None
        if kind:
            kinds |= {item.get("id"): kind for item in references.findall("li")
                      if item.get("id")}
    return kinds


class Converter:
    """Turns one page's prose into JATS elements."""

    def __init__(self, root: ET.Element):
        self.root = root
        self.kinds = target_kinds(root)

    def inline(self, source: ET.Element, target: ET.Element) -> ET.Element:
        """Copy source's text and inline markup into target; labels are left out."""
        add_text(target, source.text)
        for child in source:
            if isinstance(child.tag, str) and child.tag not in SKIPPED \
                    and "label" not in classes(child) and "backlink" not in classes(child) \
                    and not child.tag.startswith("{"):
                self.inline_element(child, target)
            add_text(target, child.tail)
        return target

    def inline_element(self, child: ET.Element, target: ET.Element) -> None:
        """One inline HTML element into target."""
        if child.tag in INLINE:
            self.inline(child, ET.SubElement(target, INLINE[child.tag]))
        elif child.tag == "a":
            self.link(child, target)
        elif child.tag == "br":
            add_text(target, " ")
        else:
            self.inline(child, target)

    def link(self, anchor: ET.Element, target: ET.Element) -> None:
        """A link: xref inside the article, email, uri (a link whose text is its address,
        as in a reference), or ext-link (its text says what it links to)."""
        href = anchor.get("href", "")
        if href.startswith("#") and href[1:] in self.kinds:
            xref = ET.SubElement(target, "xref", {"ref-type": self.kinds[href[1:]],
                                                  "rid": href[1:]})
            self.inline(anchor, xref)
        elif href.startswith("mailto:"):
            ET.SubElement(target, "email").text = href.removeprefix("mailto:")
        elif href and "".join(anchor.itertext()).strip() == href:  # an address as text
            ET.SubElement(target, "uri", {HREF: href}).text = href
        elif href and not href.startswith("#"):
            link = ET.SubElement(target, "ext-link", {"ext-link-type": "uri", HREF: href})
            self.inline(anchor, link)
        else:
            self.inline(anchor, target)

    def paragraph(self, source: ET.Element, parent: ET.Element, tag: str = "p") -> None:
        """A paragraph (or another element of inline content) from source's content."""
        tidy(self.inline(source, ET.SubElement(parent, tag)))

    def blocks(self, source: ET.Element, parent: ET.Element) -> None:
        """Every block element of source into parent; loose text becomes a paragraph."""
        if source.text and source.text.strip():
            ET.SubElement(parent, "p").text = collapse(source.text)
        for child in source:
            if isinstance(child.tag, str) and not child.tag.startswith("{"):
                self.block(child, parent)
            if child.tail and child.tail.strip():
                ET.SubElement(parent, "p").text = collapse(child.tail)

    def block(self, element: ET.Element, parent: ET.Element) -> None:
        """One block element into parent."""
        tag, kinds = element.tag, classes(element)
        if tag in SKIPPED:
            return
        if tag == "ol" and "references" in kinds:
            self.references(element, parent)
        elif tag == "section" and "notes" in kinds:
            self.notes(element, parent)
        elif tag in ("ul", "ol"):
            self.list(element, parent)
        elif tag == "blockquote":
            self.blocks(element, ET.SubElement(parent, "disp-quote"))
        elif tag == "figure" and "table-figure" in kinds:
            self.table_wrap(element, parent)
        elif tag == "figure" and "chart-figure" in kinds:
            self.figure(element, parent)
        elif tag == "table":
            ET.SubElement(parent, "table-wrap").append(self.table(element))
        elif tag == "pre":
            ET.SubElement(parent, "preformat").text = "".join(element.itertext())
        elif tag in SECTIONS or tag == "figure":
            self.blocks(element, parent)
        else:
            self.paragraph(element, parent)

    def list(self, element: ET.Element, parent: ET.Element) -> None:
        """A bulleted or numbered list."""
        kind = "order" if element.tag == "ol" else "bullet"
        jats = ET.SubElement(parent, "list", {"list-type": kind})
        for item in element.findall("li"):
            entry = ET.SubElement(jats, "list-item")
            if any(child.tag in ("p", "ul", "ol", "blockquote") for child in item):
                self.blocks(item, entry)
            else:
                self.paragraph(item, entry)

    def caption(self, figure: ET.Element, parent: ET.Element) -> None:
        """A figure's label ("Table 1") and caption from its figcaption."""
        figcaption = figure.find("figcaption")
        if figcaption is None:
            return
        label = next((e for e in figcaption if "label" in classes(e)), None)
        if label is not None:
            text = collapse("".join(label.itertext())).rstrip(".:")
            ET.SubElement(parent, "label").text = text
        caption = ET.SubElement(parent, "caption")
        tidy(self.inline(figcaption, ET.SubElement(caption, "title")))

    def table_wrap(self, figure: ET.Element, parent: ET.Element) -> None:
        """A numbered table: label, caption, the table, its notes and its source."""
        wrap = ET.SubElement(parent, "table-wrap", {"id": figure.get("id")})
        self.caption(figure, wrap)
        table = next(figure.iter("table"), None)
        if table is not None:
            wrap.append(self.table(table))
        notes = [p for p in figure.iter("p") if "table-note" in classes(p)]
        if notes:
            foot = ET.SubElement(wrap, "table-wrap-foot")
            for note in notes:
                self.paragraph(note, ET.SubElement(foot, "fn"))
        self.attribution(figure, wrap)

    def attribution(self, figure: ET.Element, parent: ET.Element) -> None:
        """A figure's source line as its attrib."""
        for source in figure.iter("p"):
            if "source" in classes(source):
                self.paragraph(source, parent, "attrib")

    def table(self, table: ET.Element) -> ET.Element:
        """An HTML table in JATS's XHTML table model; numeric cells aligned right."""
        jats = ET.Element("table")
        for part in table:
            if part.tag not in ("thead", "tbody", "tfoot"):
                continue
            group = ET.SubElement(jats, part.tag)
            for row in part.findall("tr"):
                line = ET.SubElement(group, "tr")
                for cell in row:
                    if cell.tag not in ("th", "td"):
                        continue
                    attributes = {name: cell.get(name) for name in CELL_ATTRIBUTES
                                  if cell.get(name)}
                    if "num" in classes(cell):
                        attributes["align"] = "right"
                    tidy(self.inline(cell, ET.SubElement(line, cell.tag, attributes)))
        return jats

    def figure(self, figure: ET.Element, parent: ET.Element) -> None:
        """A chart: label, caption, its text alternative, its SVG and PNG, its source."""
        fig = ET.SubElement(parent, "fig", {"id": figure.get("id")})
        self.caption(figure, fig)
        chart = next((e for e in figure.iter("div") if "chart" in classes(e)), None)
        if chart is not None and chart.get("aria-label"):
            ET.SubElement(fig, "alt-text").text = chart.get("aria-label")
        graphics = [a.get("href") for a in figure.iter("a")
                    if a.get("href", "").endswith((".svg", ".png"))]
        holder = ET.SubElement(fig, "alternatives") if len(graphics) > 1 else fig
        for href in graphics:
            subtype = "svg+xml" if href.endswith(".svg") else "png"
            ET.SubElement(holder, "graphic", {"mimetype": "image", "mime-subtype": subtype,
                                              HREF: href})
        self.attribution(figure, fig)

    def references(self, element: ET.Element, parent: ET.Element) -> None:
        """The numbered reference list: a ref per entry, its text a mixed-citation."""
        ref_list = ET.SubElement(parent, "ref-list")
        for item in element.findall("li"):
            ref = ET.SubElement(ref_list, "ref", {"id": item.get("id")})
            if item.get("value"):
                ET.SubElement(ref, "label").text = item.get("value")
            entry = item.find("span")
            citation = ET.SubElement(ref, "mixed-citation")
            if entry is not None and entry.get("lang"):
                citation.set(XML_LANG, entry.get("lang"))
            tidy(self.inline(entry if entry is not None else item, citation))


    def notes(self, section: ET.Element, parent: ET.Element) -> None:
        """The page's notes: a <fn-group> (moved to <back>) with an <fn> per note."""
        group = ET.SubElement(parent, "fn-group")
        heading = next((e for e in section if e.tag in HEADINGS), None)
        if heading is not None:
            self.paragraph(heading, group, "title")
        for number, item in enumerate(section.iter("li"), 1):
            fn = ET.SubElement(group, "fn", {"id": item.get("id")})
            ET.SubElement(fn, "label").text = str(number)
            self.paragraph(item, fn)


def body_and_back(html: str) -> tuple[ET.Element, ET.Element | None]:
    """JATS <body> and <back> (None: no reference list) from a page's prose."""
    root = parse_fragment(html)
    converter = Converter(root)
    body = ET.Element("body")
    stack = [(1, body)]
    for element in root:
        if not isinstance(element.tag, str) or element.tag.startswith("{"):
            continue
        if element.tag in HEADINGS:
            level = max(int(element.tag[1]), 2)
            while stack[-1][0] >= level:
                stack.pop()
            section = ET.SubElement(stack[-1][1], "sec")
            if element.get("id"):
                section.set("id", element.get("id"))
            converter.paragraph(element, section, "title")
            stack.append((level, section))
        else:
            converter.block(element, stack[-1][1])
    back = move_references(body)
    return body, move_notes(body, back)


def move_notes(body: ET.Element, back: ET.Element | None) -> ET.Element | None:
    """Move the notes (<fn-group>) into <back>, before the reference list."""
    found = [(parent, child) for parent in body.iter() for child in parent
             if child.tag == "fn-group"]
    if not found:
        return back
    back = back if back is not None else ET.Element("back")
    for n, (parent, group) in enumerate(found):
        parent.remove(group)
        back.insert(n, group)
    return back


def move_references(body: ET.Element) -> ET.Element | None:
    """Move each reference list, with the section that holds it, into <back>: the
    section's id, title and paragraphs become the ref-list's."""
    back = ET.Element("back")
    found = [(parent, child) for parent in body.iter() for child in parent
             if child.tag == "ref-list"
             or (child.tag == "sec" and child.find("ref-list") is not None)]
    moved: set[int] = set()
    for parent, child in found:
        if id(parent) in moved:
            continue
        moved |= {id(element) for element in child.iter()}
        parent.remove(child)
        back.append(section_as_ref_list(child) if child.tag == "sec" else child)
    return back if len(back) else None


def section_as_ref_list(section: ET.Element) -> ET.Element:
    """A section holding a reference list, as one ref-list."""
    ref_list = ET.Element("ref-list", {k: v for k, v in section.attrib.items()})
    for child in section:
        if child.tag == "ref-list":
            ref_list.extend(child)
        elif child.tag in ("title", "p"):
            ref_list.append(child)
    order = {"title": 0, "p": 1, "ref": 2}
    ref_list[:] = sorted(ref_list, key=lambda e: order.get(e.tag, 3))
    return ref_list


def indent(element: ET.Element, level: int = 0) -> None:
    """Indent the elements that hold only elements, leaving mixed content as it is."""
    if element.tag not in CONTAINERS or not len(element) or (element.text or "").strip():
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad
    element[-1].tail = "\n" + "  " * level
