"""The article as an EPUB 3.3 in every language, for phones and e-readers with no network.

Each page that gets a PDF (template `article`: the plan) also gets `<lang>/<slug>-<lang>.epub`
beside it, made from the page's own rendered prose (PageRenderer, as the page and the PDF)
in the theme's templates/epub/article.html (the title block and the body) and nav.html
(the sections), written as XHTML (epubxhtml.py), with the theme's fonts cut down to the
characters the book uses (epubfonts.py) and the package document's metadata from
site.yaml: title, authors, language, abstract, keywords, the edition, the licence line as
the pages show it ("pending" while it is), on a translation the original it translates,
and EPUB Accessibility 1.1's metadata.

The container is written here (no EPUB library is both maintained and permissively
licensed): `mimetype` first and stored, then every file sorted, deflated, stamped with the
edition's date, without extra fields, so the same inputs give the same bytes. Each EPUB is
cached under what its page's prose is made from (as JATS: EPUBs are made before the pages,
which show their size), the abstracts, and the font library's version.
"""

from __future__ import annotations

import datetime
import io
import uuid
import xml.etree.ElementTree as ET
import zipfile
from typing import Mapping

from reportsite.core.cache import Cache, installed_versions, sha256
from reportsite.core.outputs import Outputs
from reportsite.core.xmlns import XML_LANG, serialise
from reportsite.load.config import family_given
from reportsite.load.overrides import static_files
from reportsite.load.site import Site
from reportsite.outputs.epubfonts import (Face, font_css, font_files, sfnt_key, subset_faces,
                                          unpacked)
from reportsite.outputs.epubxhtml import parse, prepare, text_of, to_xhtml, SVG
from reportsite.outputs.plan import Plan, PlannedFile, add_each
from reportsite.render.pages import PageRenderer
from reportsite.render.standalone import license_line, render_text, translation_line
from reportsite.render.templates import shown_strings

EPUB_TYPE = "application/epub+zip"
FOLDER = "EPUB"  # the book's files inside the container
TEXT, NAV, STYLE, FONTS = "text.xhtml", "nav.xhtml", "style.css", "fonts"
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
# EPUB Accessibility 1.1 (https://www.w3.org/TR/epub-a11y-11/), conformance claimed once
# EPUBCheck finds nothing and the tests' own checks pass (tests/test_epub.py).
CONFORMS = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CONTAINER_XML = (f'<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" '
                 f'xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n<rootfiles>\n'
                 f'<rootfile full-path="{FOLDER}/package.opf" media-type='
                 f'"application/oebps-package+xml"/>\n</rootfiles>\n</container>\n')


def epub_key(site: Site, page_key: str) -> str:
    """What an EPUB is made from: the key of its page's prose (the generator, its theme
    and every input but the pages included), every language's abstract and fontTools."""
    abstracts = [repr(site.abstract(lang)) for lang in site.config.languages]
    fonts = installed_versions(("fonttools", "brotli"))
    return sha256("epub", page_key, *abstracts, repr(sorted(fonts.items())))


def add_epub(site: Site, renderer: PageRenderer, cache: Cache, plan: Plan, outputs: Outputs,
             page_keys: Mapping[tuple[str, str], str]) -> int:
    """Make (or take from the cache) each EPUB the plan names and add it to outputs.
    Returns how many were made."""
    return add_each("epub", plan, cache, outputs,
                    lambda epub: epub_key(site, page_keys[(epub.lang, epub.page)]),
                    lambda epub: article_epub(site, renderer, cache, epub))


def article_epub(site: Site, renderer: PageRenderer, cache: Cache, epub: PlannedFile) -> bytes:
    """The EPUB of one planned file: content document, navigation, style, fonts, package."""
    page = site.group(epub.page).source(epub.lang, site.config.languages)
    abstract = site.abstract(epub.lang)
    context = {"abstract": abstract[1] if abstract else (), "text": TEXT,
               "abstract_lang": abstract[0] if abstract else page.lang,
               "pdfs": (), "jats": (), "citations": ()}
    others = {epub.page_path: TEXT}
    documents = {}
    with shown_strings(renderer.envs).recording(epub.path):
        for name, template in ((TEXT, "epub/article"), (NAV, "epub/nav")):
            root = parse(renderer.render(epub.lang, epub.page, template, context))
            prepare(root, epub.page_path, others, site.config.base_url)
            documents[name] = root
        summary = " ".join(render_text(site, renderer.envs, "epub/accessibility.txt",
                                       epub.lang).split())
        stylesheet = render_text(site, renderer.envs, "epub/style.css", epub.lang)
    faces = subset_faces(font_files(static_files(site.root)),
                         "".join(text_of(root) for root in documents.values()),
                         lambda data: cache.get_or_make("sfnt", sfnt_key(data),
                                                        lambda: unpacked(data)))
    charts = any(True for _ in documents[TEXT].iter(f"{{{SVG}}}svg"))
    files = {f"{FOLDER}/{name}": to_xhtml(root) for name, root in documents.items()}
    files[f"{FOLDER}/{STYLE}"] = (font_css(faces, FONTS) + stylesheet).encode()
    files |= {f"{FOLDER}/{FONTS}/{face.name}": face.data for face in faces}
    files[f"{FOLDER}/package.opf"] = package(site, renderer, epub, page.lang, faces, charts,
                                             summary)
    files["META-INF/container.xml"] = CONTAINER_XML.encode()
    return container(files, site.config.date)


def package(site: Site, renderer: PageRenderer, epub: PlannedFile, text_lang: str,
            faces: tuple[Face, ...], charts: bool, summary: str) -> bytes:
    """The package document: metadata, manifest and spine."""
    config = site.config
    root = ET.Element(f"{{{OPF}}}package", {"version": "3.0", "unique-identifier": "id",
                                            XML_LANG: text_lang})
    metadata = ET.SubElement(root, f"{{{OPF}}}metadata")
    book_metadata(metadata, site, renderer, epub, text_lang)
    accessibility(metadata, charts, summary)
    modified = f"{config.date.isoformat()}T00:00:00Z"
    _meta(metadata, "dcterms:modified", modified)
    manifest = ET.SubElement(root, f"{{{OPF}}}manifest")
    items = [("nav", NAV, "application/xhtml+xml", "nav"),
             ("text", TEXT, "application/xhtml+xml", "svg" if charts else None),
             ("style", STYLE, "text/css", None)]
    items += [(f"font-{n}", f"{FONTS}/{face.name}", face.media_type, None)
              for n, face in enumerate(faces, start=1)]
    for ident, href, kind, properties in items:
        ET.SubElement(manifest, f"{{{OPF}}}item", {"id": ident, "href": href, "media-type": kind}
                      | ({"properties": properties} if properties else {}))
    spine = ET.SubElement(root, f"{{{OPF}}}spine")
    ET.SubElement(spine, f"{{{OPF}}}itemref", {"idref": "text"})
    text = serialise(root, {"": OPF, "dc": DC})
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode()


def book_metadata(metadata: ET.Element, site: Site, renderer: PageRenderer, epub: PlannedFile,
                  lang: str) -> None:
    """Dublin Core and its refinements: what site.yaml states of the text in lang."""
    config = site.config
    ident = uuid.uuid5(uuid.NAMESPACE_URL, f"reportsite:{config.slug}:{config.version}:{epub.path}")
    _dc(metadata, "identifier", f"urn:uuid:{ident}", id="id")
    _dc(metadata, "title", config.full_title(lang))
    _dc(metadata, "language", lang)
    for n, author in enumerate(config.authors, start=1):
        _dc(metadata, "creator", author.name[lang], id=f"creator-{n}")
        _meta(metadata, "role", "aut", refines=f"#creator-{n}", scheme="marc:relators")
        family, given = family_given(author.name[lang])
        _meta(metadata, "file-as", f"{family}, {given}" if given else family,
              refines=f"#creator-{n}")
    for n, name in enumerate(config.translation.translators.get(lang, ()), start=1):
        _dc(metadata, "contributor", name, id=f"translator-{n}")
        _meta(metadata, "role", "trl", refines=f"#translator-{n}", scheme="marc:relators")
    _dc(metadata, "date", config.date.isoformat())  # this edition's, not the article's
    abstract = site.abstract_text(lang)
    if abstract:
        _dc(metadata, "description", abstract)
    for word in config.keywords[lang]:
        _dc(metadata, "subject", word)
    env = renderer.envs[epub.lang]
    _dc(metadata, "rights", license_line(site, env, epub.lang))
    _meta(metadata, "schema:version", config.version)
    statement = translation_line(site, env, lang)
    if statement:
        _dc(metadata, "source", config.full_title(config.original))
        _meta(metadata, "schema:translationOfWork", config.full_title(config.original))
        _dc(metadata, "description", statement)


def accessibility(metadata: ET.Element, charts: bool, summary: str) -> None:
    """EPUB Accessibility 1.1's discovery metadata, and its conformance claim."""
    _meta(metadata, "schema:accessMode", "textual")
    if charts:
        _meta(metadata, "schema:accessMode", "visual")
    _meta(metadata, "schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder",
                "displayTransformability"] + (["alternativeText", "longDescription"]
                                              if charts else [])
    for feature in features:
        _meta(metadata, "schema:accessibilityFeature", feature)
    _meta(metadata, "schema:accessibilityHazard", "none")
    _meta(metadata, "schema:accessibilitySummary", summary)
    _meta(metadata, "dcterms:conformsTo", CONFORMS)
    _meta(metadata, "a11y:certifiedBy", "reportsite")


def _dc(metadata: ET.Element, name: str, text: str, **attributes: str) -> None:
    """A Dublin Core element."""
    ET.SubElement(metadata, f"{{{DC}}}{name}", attributes).text = text


def _meta(metadata: ET.Element, name: str, text: str, **attributes: str) -> None:
    """An EPUB 3 meta element with a property."""
    ET.SubElement(metadata, f"{{{OPF}}}meta", {"property": name} | attributes).text = text


def container(files: Mapping[str, bytes], date: datetime.date) -> bytes:
    """The OCF container: `mimetype` first and stored, then files sorted and deflated, every
    entry stamped with midnight of date, no extra fields."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo("mimetype", date_time=stamp)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, EPUB_TYPE.encode("ascii"))
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, files[path], compresslevel=9)
    return out.getvalue()
