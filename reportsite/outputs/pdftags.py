"""PDF/UA-1: what WeasyPrint 70's tagging leaves out, added to the PDF it writes.

WeasyPrint tags headings, paragraphs, lists, tables and figures (weasyprint/pdf/tags.py)
but has no option for the rest, and its tagging code does none of it:
- an element in another language than its parent (a reference in Russian in the English
  article) gets no /Lang (ISO 14289-1 7.2: a change of language shall be declared): only
  the catalog has one. languages_tagged() sets it while WeasyPrint builds its tags, from
  the language WeasyPrint itself computed for the element's box (its `lang` attribute);
  only there are a box and its structure element side by side.
- the page margins' content (the running head, the page number) is marked content with
  structure elements linked nowhere, not an artifact (7.8: running heads and page numbers
  shall be artifacts; WeasyPrint issue 1836): finish() marks it /Artifact /Pagination.
- a header cell has an /ID the data cells' /Headers name but no /Scope: finish() sets it,
  /Column in a header row group (THead), /Row in a body row group, as every table the
  theme and Markdown make declares it (scope="col" in thead, scope="row" in tbody).
- a table's caption (its figure's figcaption) is a sibling of the Table, not in it
  (ISO 32000-1 14.8.4.3.4: the caption is the Table's first or last child): finish()
  moves it in. A chart's caption stays beside its Figure, whose /Alt stands for all of
  the Figure's content.
finish() reads and writes the PDF with pikepdf (qpdf), deterministically (the same input
gives the same bytes: no time or random file identifier).
"""

from __future__ import annotations

import contextlib
import io
from typing import Any, Iterator

PAGINATION = {"Type": "/Pagination"}  # the artifact's kind; its /Subtype from its place


@contextlib.contextmanager
def languages_tagged() -> Iterator[None]:
    """While WeasyPrint writes a PDF: the structure element of every box whose language
    differs from its parent's gets /Lang. (WeasyPrint is pinned exactly and its version
    is part of each PDF's cache key; tests/test_pdf.py checks every reference's /Lang.)"""
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def build_with_languages(box: Any, parent: Any, *args: Any) -> Iterator[Any]:
        for element in build(box, parent, *args):
            language = declared_language(box)
            if language:
                element["Lang"] = pydyf.String(language)
            yield element

    tags._build_box_tree = build_with_languages  # its own recursion calls this name
    try:
        yield
    finally:
        tags._build_box_tree = build


def declared_language(box: Any) -> str | None:
    """The language of a box's element where it differs from its parent element's (None
    for an anonymous box, which shares its element's)."""
    style = getattr(box, "style", None)
    if style is None or getattr(style, "parent_style", None) is None:
        return None
    language = style["lang"]
    return language if language and language != style.parent_style["lang"] else None


def finish(data: bytes) -> bytes:
    """The PDF WeasyPrint wrote with its margins' content as artifacts, header cells'
    /Scope and table captions inside their tables."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.StructTreeRoot
        reachable = tree_elements(root)
        artifacts = margin_content(root, reachable)
        for index, page in enumerate(pdf.pages):
            if artifacts.get(index):
                mark_artifacts(pdf, page, artifacts[index])
        for element in reachable.values():
            role = str(element.get("/S"))
            if role == "/TH":
                set_scope(element)
            elif role == "/Caption":
                move_into_table(element)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()


def kids(element: Any) -> list[Any]:
    """An element's /K as a list (a single kid or an array)."""
    import pikepdf

    k = element.get("/K")
    return list(k) if isinstance(k, pikepdf.Array) else [] if k is None else [k]


def tree_elements(root: Any) -> dict[tuple[int, int], Any]:
    """Every structure element reachable from the tree's root, by object id, in order."""
    import pikepdf

    found: dict[tuple[int, int], Any] = {}
    todo = list(reversed(kids(root)))
    while todo:
        element = todo.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element \
                or element.objgen in found:
            continue
        found[element.objgen] = element
        todo += reversed(kids(element))
    return found


def margin_content(root: Any, reachable: dict) -> dict[int, set[int]]:
    """Page index -> the marked-content ids whose structure element is outside the tree
    (WeasyPrint builds the margins' elements without linking them), their entries taken
    out of the parent tree."""
    import pikepdf

    found: dict[int, set[int]] = {}
    nums = root.ParentTree.Nums
    for i in range(0, len(nums), 2):
        page, parents = int(nums[i]), nums[i + 1]
        if not isinstance(parents, pikepdf.Array):
            continue  # an annotation's entry: one element, not a page's list
        for mcid, parent in enumerate(parents):
            if isinstance(parent, pikepdf.Dictionary) and parent.objgen not in reachable:
                found.setdefault(page, set()).add(mcid)
                parents[mcid] = None
    return found


def mark_artifacts(pdf: Any, page: Any, mcids: set[int]) -> None:
    """Re-mark a page's marked-content sequences with these ids as pagination artifacts:
    a header above the page's middle, a footer below it."""
    import pikepdf

    height = float(page.mediabox[3])
    operations = []
    for operands, operator, y in positioned(pikepdf.parse_content_stream(page)):
        if str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary) \
                and int(operands[1].get("/MCID", -1)) in mcids:
            place = "/Header" if y > height / 2 else "/Footer"
            operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(
                Type=pikepdf.Name(PAGINATION["Type"]), Subtype=pikepdf.Name(place))]
        operations.append(pikepdf.ContentStreamInstruction(operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(operations))


def positioned(operations: list) -> Iterator[tuple[list, Any, float]]:
    """Each content-stream operation with the height on the page (pt from the bottom) of
    the next text it draws (the marked content it opens is placed there), from the
    transformation matrices (cm, saved and restored with q/Q) and each text matrix (Tm)."""
    ctm, stack, pending, out = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], [], []
    for operands, operator in operations:
        name = str(operator)
        if name == "q":
            stack.append(ctm)
        elif name == "Q" and stack:
            ctm = stack.pop()
        elif name == "cm":
            ctm = multiply(tuple(float(x) for x in operands), ctm)
        pending.append((list(operands), operator))
        if name == "Tm":
            x, y = float(operands[4]), float(operands[5])
            height = ctm[1] * x + ctm[3] * y + ctm[5]
            out += [(o, op, height) for o, op in pending]
            pending = []
    return iter(out + [(o, op, 0.0) for o, op in pending])


def multiply(m: tuple, n: tuple) -> tuple[float, ...]:
    """The matrix product m × n of two PDF matrices (a b c d e f)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def set_scope(cell: Any) -> None:
    """A header cell's /Scope: /Column in the header row group, /Row elsewhere."""
    import pikepdf

    row = cell.get("/P")
    group = row.get("/P") if row is not None else None
    scope = "/Column" if group is not None and str(group.get("/S")) == "/THead" else "/Row"
    attributes = cell.get("/A")
    if not isinstance(attributes, pikepdf.Dictionary):
        attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
        cell.A = attributes
    attributes.Scope = pikepdf.Name(scope)


def move_into_table(caption: Any) -> None:
    """A caption followed, among its parent's kids, by a table (inside a Div or NonStruct
    wrapper): made that table's first kid."""
    parent = caption.get("/P")
    if parent is None:
        return
    siblings = kids(parent)
    position = next(i for i, kid in enumerate(siblings) if kid.objgen == caption.objgen)
    table = next((found for kid in siblings[position + 1:] for found in [first_table(kid)]
                  if found is not None), None)
    if table is None:
        return
    parent.K = siblings[:position] + siblings[position + 1:]
    table.K = [caption] + kids(table)
    caption.P = table


def first_table(element: Any, depth: int = 0) -> Any:
    """The Table an element is or wraps (through Div and NonStruct only), else None."""
    import pikepdf

    if not isinstance(element, pikepdf.Dictionary) or depth > 4:
        return None
    role = str(element.get("/S"))
    if role == "/Table":
        return element
    if role not in ("/Div", "/NonStruct"):
        return None
    return next((t for t in (first_table(k, depth + 1) for k in kids(element)) if t is not None),
                None)
