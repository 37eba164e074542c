"""A page's units as a gettext PO file (polib), and back.

One entry per segment: msgctxt its id, msgid the original's text, msgstr the translation's;
its place in the original as a reference (#:), its kind and inline codes as an extracted
comment (#.). A segment that needs review is fuzzy with the original's text when the
translation was accepted as the previous msgid (#| msgid), which PO editors show as a
diff. PO has no inline markup, so codes stay in the text as they are (as po4a and Sphinx
leave theirs); the flags tell Weblate to check Markdown (md-text) and keep the shortcodes
(placeholders), and import checks them whatever the tool.
"""

from __future__ import annotations

import polib

from reportsite.commands.units import Document, Unit
from reportsite.commands.inline import inline_pieces
from reportsite.core.errors import SiteError, SiteErrors

PAGE_HEADER = "X-Reportsite-Page"  # the page's key
FILE_HEADER = "X-Reportsite-File"  # the translation's file
SOURCE_HEADER = "X-Source-Language"  # the original's language (as Weblate names it)
SHORTCODES = r'placeholders:r"\{\{.*?\}\}"'  # Weblate's check that they are kept


def po_bytes(document: Document) -> bytes:
    """The document as a PO file, UTF-8 (no dates: the same page gives the same bytes)."""
    po = polib.POFile(wrapwidth=78)
    po.header = (f"The segments of {document.page} for its translation into {document.lang}, "
                 f"{document.path}.\nWrite it back with: translations import FILE")
    po.metadata = {"Project-Id-Version": document.page, "Language": document.lang,
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", SOURCE_HEADER: document.source_lang,
                   PAGE_HEADER: document.page, FILE_HEADER: document.path}
    for unit in document.units:
        where, _, line = unit.location.rpartition(":")
        codes = [p.text for p in inline_pieces(unit.source) if p.kind != "text"]
        entry = polib.POEntry(
            msgctxt=unit.id, msgid=unit.source, msgstr=unit.target,
            occurrences=[(where, line)],
            comment=unit.kind + ("; keep these codes: " + " ".join(codes) if codes else ""),
            flags=(["fuzzy"] if unit.state == "needs-review" and unit.target else [])
            + ["md-text"] + ([SHORTCODES] if "{{" in unit.source else []))
        if unit.previous is not None:
            entry.previous_msgctxt, entry.previous_msgid = unit.id, unit.previous
        po.append(entry)
    return str(po).encode("utf-8") + b"\n"


def read_po_units(data: bytes, shown: str) -> Document:
    """A PO file written by po_bytes (and edited by a translation tool)."""
    try:
        po = polib.pofile(data.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError) as e:
        raise SiteErrors([SiteError(shown, None, f"not a PO file: {e}")]) from e
    page, path = po.metadata.get(PAGE_HEADER), po.metadata.get(FILE_HEADER)
    if not page or not path:
        raise SiteErrors([SiteError(shown, 1, f"not a page's PO file: its header has no "
                                    f"{PAGE_HEADER} (export one with translations export)")])
    units = tuple(Unit(entry.msgctxt or "", "", entry.msgid, entry.msgstr,
                       "needs-review" if entry.fuzzy else "translated", None, "",
                       entry.linenum)
                  for entry in po if not entry.obsolete)
    return Document(page, po.metadata.get("Language", ""), po.metadata.get(SOURCE_HEADER, ""),
                    path, units)
