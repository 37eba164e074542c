"""A page's units as an XLIFF 2.0 document (OASIS XLIFF Version 2.0, core), and back.

One <file> per page; one <unit> per segment (its id the segment's, made an NMTOKEN, its
name the segment's id as it is), with notes saying where the source is and, for a segment
that needs review, the original's text when the translation was accepted. Inline codes are
XLIFF's own: a code standing alone is <ph dataRef>, a pair around words <pc dataRefStart
dataRefEnd>, their text in <originalData>; shortcodes may not be deleted (canDelete="no").
State: translated, or initial with subState reportsite:needs-review / reportsite:new.
"""

from __future__ import annotations

import re

from lxml import etree

from reportsite.commands.units import Document, Unit
from reportsite.commands.inline import inline_pieces
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.xmlns import XML_SPACE

NS = "urn:oasis:names:tc:xliff:document:2.0"
_X = f"{{{NS}}}"
_NOT_NAME = re.compile(r"[^\w.:-]")


def unit_key(segment_id: str) -> str:
    """A segment id as an XLIFF id (an NMTOKEN: letters, digits, '.', '-', '_', ':')."""
    return _NOT_NAME.sub("_", segment_id)


def xliff_bytes(document: Document) -> bytes:
    """The document as XLIFF 2.0, UTF-8, indented, ending in a newline."""
    root = etree.Element(_X + "xliff", nsmap={None: NS}, version="2.0",
                         srcLang=document.source_lang, trgLang=document.lang)
    file = etree.SubElement(root, _X + "file", id=unit_key(document.page),
                            original=document.path)
    used: set[str] = set()
    filled = []
    for unit in document.units:
        key = unit_key(unit.id)
        while key in used:  # two ids that differ only in characters an NMTOKEN lacks
            key += "_"
        used.add(key)
        filled.append((unit, *_unit(file, unit, key)))
    # Indentation between elements only: each source and target is emptied, the tree
    # indented, then each filled again with the same ids (their data is known by now).
    for _, source, target, _ in filled:
        for element in (source, target):
            if element is not None:
                element.text = None
                element[:] = []
    etree.indent(root, space="  ")
    for unit, source, target, data in filled:
        ids = _inline(source, unit.source, data, {})
        if target is not None:
            _inline(target, unit.target, data, ids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _unit(file: etree._Element, unit: Unit, key: str
          ) -> tuple[etree._Element, etree._Element | None, dict[str, str]]:
    """One <unit>: notes, original data, and its one segment; its source, target and data."""
    element = etree.SubElement(file, _X + "unit", id=key, name=unit.id)
    notes = etree.SubElement(element, _X + "notes")
    etree.SubElement(notes, _X + "note", category="location").text = unit.location
    if unit.previous is not None:
        etree.SubElement(notes, _X + "note", category="previous-source").text = unit.previous
    data: dict[str, str] = {}
    original = etree.SubElement(element, _X + "originalData")
    segment = etree.SubElement(element, _X + "segment", id="s")
    if unit.state == "translated":
        segment.set("state", "translated")
    else:
        segment.set("state", "initial")
        segment.set("subState", f"reportsite:{unit.state}")
    source = etree.SubElement(segment, _X + "source", {XML_SPACE: "preserve"})
    ids = _inline(source, unit.source, data, {})
    target = None
    if unit.target:
        target = etree.SubElement(segment, _X + "target", {XML_SPACE: "preserve"})
        _inline(target, unit.target, data, ids)
    for name, text in data.items():
        etree.SubElement(original, _X + "data", {"id": name, XML_SPACE: "preserve"}).text = text
    if not data:
        element.remove(original)
    return source, target, data


def _inline(parent: etree._Element, text: str, data: dict[str, str],
            source_ids: dict[tuple[str, ...], list[str]]) -> dict[tuple[str, ...], list[str]]:
    """Fill parent with text and inline codes. In a target, a code with the same original
    data as one of the source's takes its id. Returns the ids used, by original data."""
    def data_id(value: str) -> str:
        for name, known in data.items():
            if known == value:
                return name
        name = f"d{len(data) + 1}"
        data[name] = value
        return name

    taken: dict[tuple[str, ...], list[str]] = {}
    counter = [sum(len(v) for v in source_ids.values())]  # new ids follow the source's

    def code_id(kind: tuple[str, ...]) -> str:
        free = [i for i in source_ids.get(kind, []) if i not in taken.get(kind, [])]
        if not free:
            counter[0] += 1
        chosen = free[0] if free else str(counter[0])
        taken.setdefault(kind, []).append(chosen)
        return chosen

    stack = [parent]
    last: list[etree._Element | None] = [None]
    pieces = inline_pieces(text)
    closes = _closing_of(pieces)
    for n, piece in enumerate(pieces):
        if piece.kind == "text":
            _append_text(stack[-1], last[-1], piece.text)
        elif piece.kind == "code":
            ref = data_id(piece.text)
            element = etree.SubElement(stack[-1], _X + "ph", id=code_id(("ph", piece.text)),
                                       dataRef=ref)
            if piece.shortcode:
                element.set("canDelete", "no")
            last[-1] = element
        elif piece.kind == "open":
            end = pieces[closes[n]].text
            element = etree.SubElement(stack[-1], _X + "pc",
                                       id=code_id(("pc", piece.text, end)),
                                       dataRefStart=data_id(piece.text), dataRefEnd=data_id(end))
            last[-1] = element
            stack.append(element)
            last.append(None)
        else:
            stack.pop()
            last.pop()
    return taken


def _closing_of(pieces: list) -> dict[int, int]:
    """The index of the piece that closes each opening piece."""
    found, open_at = {}, []
    for n, piece in enumerate(pieces):
        if piece.kind == "open":
            open_at.append(n)
        elif piece.kind == "close":
            found[open_at.pop()] = n
    return found


def _append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    """Add text after the last child of parent (or as its first text)."""
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def read_xliff(data: bytes, shown: str) -> Document:
    """An XLIFF 2.0 document written by xliff_bytes (and edited by a translation tool)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise SiteErrors([SiteError(shown, e.lineno, f"not well-formed XML: {e.msg}")]) from e
    file = root.find(_X + "file")
    if root.tag != _X + "xliff" or root.get("version") not in ("2.0", "2.1") or file is None:
        raise SiteErrors([SiteError(shown, root.sourceline, "not an XLIFF 2.0 document with a "
                                    "<file> (export one with translations export)")])
    units = []
    for unit in file.iter(_X + "unit"):
        segment = unit.find(_X + "segment")
        if segment is None:
            continue
        data_of = {d.get("id"): d.text or "" for d in unit.iter(_X + "data")}
        target = segment.find(_X + "target")
        state = segment.get("state", "initial")
        units.append(Unit(unit.get("name") or unit.get("id"), "", _text(segment.find(_X + "source"),
                          data_of), _text(target, data_of) if target is not None else "",
                          "translated" if state in ("translated", "reviewed", "final")
                          else "needs-review", None, "",
                          (target if target is not None else unit).sourceline))
    page = file.get("id", "")
    path = file.get("original", "")
    return Document(path.rsplit("/", 1)[-1].rsplit(".", 1)[0] or page,
                    root.get("trgLang", ""), root.get("srcLang", ""), path, tuple(units))


def _text(element: etree._Element | None, data: dict[str, str]) -> str:
    """The text of a <source> or <target>, codes back as their original data."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "ph" or tag in ("sc", "ec"):
            parts.append(data.get(child.get("dataRef"), ""))
        elif tag == "pc":
            parts += [data.get(child.get("dataRefStart"), ""), _text(child, data),
                      data.get(child.get("dataRefEnd"), "")]
        elif tag == "cp":
            parts.append(chr(int(child.get("hex", "0"), 16)))
        elif tag == "mrk":
            parts.append(_text(child, data))
        parts.append(child.tail or "")
    return "".join(parts)
