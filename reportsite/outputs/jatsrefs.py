"""The JATS reference list's structure, from content/references.yaml.

jatsbody makes each reference's <mixed-citation> from the page: the entry as readers see
it. Here each gets its publication-type (the reference's `type`, where given) and, where
the entry states fields (authors, title, source, year, volume, issue, pages, ...), an
<element-citation> of them beside it, the two held in <citation-alternatives> (the same
citation in two forms). Every field is as the entry's text writes it (load/references.py
refuses one the text does not state): nothing is added, split or normalised but a range
of pages into its first and last page.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from reportsite.core.xmlns import HREF, XML_LANG
from reportsite.load.references import Citation, Entry, References

# A field of references.yaml -> its JATS element (title: the article's, or the chapter's
# in a book), in the order element-citation lists them.
ELEMENTS = (("title", "article-title"), ("source", "source"), ("place", "publisher-loc"),
            ("publisher", "publisher-name"), ("year", "year"), ("volume", "volume"),
            ("issue", "issue"))


def structure_references(back: ET.Element | None, references: References | None,
                         lang: str) -> None:
    """Each <ref> of the back matter's list with its publication-type and, where its
    entry states fields, their element-citation."""
    if back is None or references is None:
        return
    form = references.forms[lang]
    for ref in back.iter("ref"):
        number = re.fullmatch(r"ref-(\d+)", ref.get("id", ""))
        mixed = ref.find("mixed-citation")
        if not number or mixed is None or int(number.group(1)) not in references.items:
            continue
        entry = references.items[int(number.group(1))][form]
        if entry.kind:
            mixed.set("publication-type", entry.kind)
        if entry.citation == Citation():
            continue
        alternatives = ET.Element("citation-alternatives")
        ref[list(ref).index(mixed)] = alternatives
        alternatives.append(mixed)
        alternatives.append(element_citation(entry))


def element_citation(entry: Entry) -> ET.Element:
    """<element-citation>: the entry's people and fields in JATS's elements."""
    citation, fields = entry.citation, entry.citation.fields
    element = ET.Element("element-citation", {XML_LANG: entry.lang} | (
        {"publication-type": entry.kind} if entry.kind else {}))
    for kind, people in (("author", citation.authors), ("editor", citation.editors)):
        if people or (kind == "author" and "collab" in fields):
            group = ET.SubElement(element, "person-group", {"person-group-type": kind})
            if kind == "author" and "collab" in fields:
                ET.SubElement(group, "collab").text = fields["collab"]
            for surname, given in people:
                name = ET.SubElement(group, "name")
                ET.SubElement(name, "surname").text = surname
                if given:
                    ET.SubElement(name, "given-names").text = given
    for key, tag in ELEMENTS:
        if key in fields:
            if key == "title" and entry.kind == "book":
                tag = "chapter-title"  # a part of the book the source names
            ET.SubElement(element, tag).text = fields[key]
    if "pages" in fields:  # "13-32", "427–441", "195"
        first, _, last = fields["pages"].replace("–", "-").partition("-")
        ET.SubElement(element, "fpage").text = first.strip()
        if last.strip():
            ET.SubElement(element, "lpage").text = last.strip()
    if "uri" in fields:
        ET.SubElement(element, "uri", {HREF: fields["uri"]}).text = fields["uri"]
    return element
