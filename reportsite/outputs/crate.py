"""ro-crate-metadata.json: an RO-Crate 1.2 description of the offline package, made with
the `rocrate` library.

The root dataset is this edition (title, abstract, authors, licence, version, languages,
keywords, `datePublished` = the edition's date, its DOI when known); every file of the zip
is a File entity in its `hasPart`, with its media type, its size (all but the landing
page and SHA256SUMS.txt, which are made after the crate and list it), and what is known
of it: the page's or article's title and language, the data files' titles and columns
(`variableMeasured`), the data package descriptor and codebooks `about` the data files,
the records (`datacite.xml`, `CITATION.cff`) `about` the whole. Output is deterministic:
entities in path order, keys sorted, no clock and no random id (the library's
`datePublished` of now is replaced by the edition's date).
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from reportsite.core.cache import Cache, generator_digest, sha256
from reportsite.core.layout import CONTENT_DIR, TRANSLATIONS_DIR
from reportsite.core.outputs import Outputs
from reportsite.core.i18n import english_name
from reportsite.load.site import Site
from reportsite.outputs.plan import CONFORMS, CRATE, DATACITE, DATA_PACKAGE_V2, JATS_SPEC, Plan

VERSION = "1.2"  # RO-Crate 1.2, the current specification
# The search index's files (outputs/search.py): thousands on a large site, renamed when a
# page's text grows by a fragment, described alike, so added to the cached graph by hand
# (search_parts) rather than through the library, whose crate is then not made again.
SEARCH_FOLDER = "assets/search/"
# The specifications files conform to, as the crate's contextual entities name them.
SPEC_NAMES = {JATS_SPEC: "JATS Journal Archiving and Interchange Tag Set 1.3",
              CONFORMS[DATACITE]: "DataCite Metadata Schema 4.6",
              CONFORMS["CITATION.cff"]: "Citation File Format 1.2.0",
              DATA_PACKAGE_V2: "Data Package 2.0"}
PENDING_LICENCE = "#license-pending"  # the licence entity while it awaits confirmation
# What each file of the package is, by its path (the first pattern that matches; {lang}:
# the language named by the file's folder or name). Data files, pages, the article's
# files and the codebooks are described from the site instead (file_descriptions).
FILE_KINDS = (
    ("index.html", "The landing page of the package: the site's languages and how to open it"),
    ("LICENSE.txt", "The licence statement of the text, figures and data, with the licences' full texts"),
    ("README.txt", "How to open the package offline and check it, in every language"),
    ("CHANGELOG.txt", "What changed in each edition of the site"),
    ("THIRD-PARTY-NOTICES.txt", "The copyright notices and licences of the fonts and software by others"),
    ("SHA256SUMS.txt", "The SHA-256 checksum of every file of the package"),
    (DATACITE, "This edition as a DataCite Metadata Schema 4.6 record"),
    ("CITATION.cff", "How to cite the article and this edition (Citation File Format)"),
    ("citation.bib", "The article in each language and this edition as BibTeX entries"),
    ("citation.ris", "The article in each language and this edition as RIS records"),
    ("favicon.svg", "The site's icon"),
    ("assets/site.css", "The style sheet of the site's pages"),
    ("assets/vega.js", "The chart runtime (Vega, Vega-Lite, vega-embed) the pages draw charts with"),
    ("assets/search-words.js", "The search's word forms shared by every language"),
    (SEARCH_FOLDER, "A part of the search index of the pages in {lang}"),
    ("assets/", "A script of the site's pages"),
    ("fonts/", "A face of the Noto Serif font the pages and PDFs are set in"),
    ("figures/", "A chart of the article: its data (CSV), drawing (SVG) or image (PNG), in {lang}"),
)


def add_crate(site: Site, plan: Plan, cache: Cache, outputs: Outputs) -> None:
    """ro-crate-metadata.json, describing every file of the package, those made after it
    included. The crate (the rocrate library is slow to import) is cached under what it
    says but the files' sizes: the file list, site.yaml and data/, the pages' titles and
    the abstract; so editing a page's text, or accepting its translation (translations/,
    which the crate does not describe), does not import rocrate."""
    paths = [p for p in plan.package_paths(outputs) if not p.startswith(SEARCH_FOLDER)]
    key = sha256("crate", generator_digest(),
                 site.inputs.digest(exclude=(f"{CONTENT_DIR}/", f"{TRANSLATIONS_DIR}/")),
                 repr(site.abstract(site.config.original)), *paths,
                 *(f"{page.path}:{page.title}" for group in site.pages
                   for page in group.pages.values()))
    graph = cache.get_or_make("crate", key, lambda: crate_graph(site, plan, paths))
    parts = search_parts(plan, [p for p in outputs.files if p.startswith(SEARCH_FOLDER)])
    outputs.add(CRATE, with_sizes(graph, outputs, parts), "the files of the site")


def search_parts(plan: Plan, paths: list[str]) -> list[dict[str, Any]]:
    """The File entities of the search index's files, as crate_graph's library makes them."""
    return [{"@id": path, "@type": "File", "name": posixpath.basename(path),
             "encodingFormat": plan.media_type(path), "description": kind_description(path)}
            for path in sorted(paths)]


def file_size(outputs: Outputs, path: str) -> int:
    """A file's size in bytes (a page kept on disk is not read)."""
    return outputs.files.size(path)


def crate_graph(site: Site, plan: Plan, paths: list[str]) -> dict[str, Any]:
    """The RO-Crate of the package whose files are paths (the plan tells which are the
    article's PDF and JATS files), as the rocrate library generates it, without the files'
    sizes (with_sizes adds them: they change with every edit, the rest seldom)."""
    from rocrate.model.contextentity import ContextEntity
    from rocrate.rocrate import ROCrate

    crate = ROCrate(version=VERSION)
    crate.metadata["name"] = "RO-Crate metadata of this package"
    describe_root(crate, site, ContextEntity)
    described = file_descriptions(site, plan, paths)
    for path in paths:
        if path == CRATE:
            continue  # the metadata descriptor itself, which the library writes
        properties = {"name": posixpath.basename(path), "encodingFormat":
                      plan.media_type(path)} | described.get(path, {})
        if "description" not in properties and kind_description(path):
            properties["description"] = kind_description(path)
        crate.add_file(dest_path=path, properties=properties)
    for entity in column_entities(site) + spec_entities(described):
        crate.add(ContextEntity(crate, entity.pop("@id"), properties=entity))
    return crate.metadata.generate()


def spec_entities(described: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The specifications the files conform to, as CreativeWorks with their names."""
    specs = sorted({d["conformsTo"]["@id"] for d in described.values() if "conformsTo" in d})
    return [{"@id": spec, "@type": "CreativeWork", "name": SPEC_NAMES.get(spec, spec)}
            for spec in specs]


def kind_description(path: str) -> str | None:
    """What a file of the package is, from FILE_KINDS (None: not listed there)."""
    if path.startswith(SEARCH_FOLDER):
        lang = path[len(SEARCH_FOLDER):].split("/", 1)[0]
    elif "/figures/" in path:
        lang = path.split("/", 1)[0]
    else:
        lang = path.rsplit("-", 1)[-1].split(".")[0]
    for pattern, text in FILE_KINDS:
        if path == pattern or (pattern.endswith(("/", "-")) and pattern in path):
            return text.format(lang=english_name(lang) if "{lang}" in text else "")
    return None


def with_sizes(graph: dict[str, Any], outputs: Outputs,
               parts: list[dict[str, Any]] = ()) -> bytes:
    """ro-crate-metadata.json: the graph with parts (File entities made by hand) among its
    files in path order and the root's hasPart, and each file's contentSize (but of files
    made after it: the landing page and SHA256SUMS.txt), deterministic JSON. The cached
    graph itself is left as it is."""
    entities = graph["@graph"]
    files = [n for n, entity in enumerate(entities) if entity.get("@type") == "File"]
    start, end = (files[0], files[-1] + 1) if files else (len(entities), len(entities))
    entities = (entities[:start] + sorted(entities[start:end] + list(parts),
                                          key=lambda e: e["@id"]) + entities[end:])
    extra = [{"@id": part["@id"]} for part in parts]

    def sized(entity: dict[str, Any]) -> dict[str, Any]:
        if entity.get("@type") == "File" and entity["@id"] in outputs.files:
            return dict(entity, contentSize=str(file_size(outputs, entity["@id"])))
        if entity.get("@id") == "./" and extra:
            return dict(entity, hasPart=sorted(entity["hasPart"] + extra, key=lambda e: e["@id"]))
        return entity
    graph = dict(graph, **{"@graph": [sized(entity) for entity in entities]})
    text = json.dumps(graph, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def describe_root(crate: Any, site: Site, entity: type) -> None:
    """The root dataset: this edition (the same title as DataCite's and CFF's), its
    authors and licence."""
    config, root = site.config, crate.root_dataset
    original = config.original

    def title(code: str) -> str:
        return site.data.titles[code] if site.data else config.full_title(code)
    root["name"] = title(original)
    others = [title(code) for code in config.languages[1:]]
    if others:
        root["alternateName"] = others
    root["description"] = (site.data.descriptions[original] if site.data else None) or \
        site.abstract_text(original) or config.full_title(original)
    root["datePublished"] = config.edition.date.isoformat()
    root["version"] = config.edition.version
    root["inLanguage"] = list(config.languages)
    root["keywords"] = [word for code in config.languages for word in config.keywords[code]]
    if config.edition.doi:
        root["identifier"] = root["cite-as"] = f"https://doi.org/{config.edition.doi}"
    licence = licence_entity(site)
    ident = licence.pop("@id")
    root["license"] = {"@id": ident}
    crate.add(entity(crate, ident, properties=licence))
    root["author"] = [{"@id": ident} for ident in add_authors(crate, site, entity)]


def licence_entity(site: Site) -> dict[str, Any]:
    """The licence, once confirmed: its URL, name and SPDX id. Until then RO-Crate 1.2
    still asks for a licence entity, so it is a local one whose name and description say
    that none is granted yet (no URL or identifier a harvester could take for it)."""
    licence = site.config.license
    if licence.confirmed:
        return {"@id": licence.url, "@type": "CreativeWork", "name": licence.name,
                "identifier": licence.spdx,
                "description": f"This edition's text and figures are licensed under the "
                               f"{licence.name} licence ({licence.spdx})."}
    return {"@id": PENDING_LICENCE, "@type": "CreativeWork", "name": "No licence granted yet",
            "description": f"The {licence.name} licence is offered for this edition's text "
                           "and figures, pending the authors' confirmation; until they "
                           "confirm it, no licence is granted (see LICENSE.txt)."}


def add_authors(crate: Any, site: Site, entity: type) -> list[str]:
    """The authors as Persons, their institutions as Organizations and the corresponding
    author's e-mail as a ContactPoint; returns the authors' ids."""
    lang, idents, organizations = site.config.record_language, [], {}
    for n, author in enumerate(site.config.authors, 1):
        ident = f"https://orcid.org/{author.orcid}" if author.orcid else f"#author-{n}"
        place = (author.institution or author.affiliation)[lang]
        if place not in organizations:
            organizations[place] = f"#organization-{len(organizations) + 1}"
            crate.add(entity(crate, organizations[place], properties={
                "@type": "Organization", "name": place}))
        person = {"@type": "Person", "name": author.name[lang],
                  "affiliation": {"@id": organizations[place]}}
        if author.email:
            person["email"] = author.email
        if author.email and author.corresponding:
            contact = f"mailto:{author.email}"
            crate.add(entity(crate, contact, properties={
                "@type": "ContactPoint", "name": f"{author.name[lang]} (corresponding author)",
                "contactType": "corresponding author",
                "email": author.email}))
            person["contactPoint"] = {"@id": contact}
        crate.add(entity(crate, ident, properties=person))
        idents.append(ident)
    return idents


def file_descriptions(site: Site, plan: Plan, paths: list[str]) -> dict[str, dict[str, Any]]:
    """What is known of each file beyond its name, type and size."""
    config, languages = site.config, site.config.languages
    jats, pdfs, epubs = plan.paths("jats"), plan.paths("pdf"), plan.paths("epub")
    found: dict[str, dict[str, Any]] = {}
    for group in site.pages:
        for lang in languages:
            page = group.source(lang, languages)
            found[f"{lang}/{group.key}.html"] = {
                "name": page.title, "inLanguage": page.lang,
                "description": f"The page «{page.title}» of the site, in {english_name(lang)}"}
    for path in jats | pdfs | epubs:
        lang = path.split("/", 1)[0]
        kind = "JATS XML" if path in jats else "EPUB" if path in epubs else "PDF"
        found[path] = {"name": config.full_title(lang), "inLanguage": lang,
                       "description": f"The article as {kind}, in {english_name(lang)}"}
        if path in jats:
            found[path]["conformsTo"] = {"@id": JATS_SPEC}
    for path, spec in CONFORMS.items():
        found.setdefault(path, {})["conformsTo"] = {"@id": spec}
    for path in ("datacite.xml", "CITATION.cff", "citation.bib", "citation.ris"):
        found.setdefault(path, {})["about"] = {"@id": "./"}
    if site.data is not None:
        found |= data_descriptions(site, paths)
    return found


def dataset_files(site: Site) -> dict[str, Any]:
    """The data files of each dataset (CSV, Excel, JSON), with their resource."""
    files = {}
    for resource in site.data.resources.values():
        for path in (f"data/{resource.path}", f"data/{resource.name}.xlsx",
                     f"data/{resource.name}.json"):
            files[path] = resource
    return files


def data_descriptions(site: Site, paths: list[str]) -> dict[str, dict[str, Any]]:
    """The datasets' files (title, description, columns) and the files about them."""
    original = site.config.original
    files = {path: resource for path, resource in dataset_files(site).items() if path in paths}
    found: dict[str, dict[str, Any]] = {}
    for path, resource in files.items():
        columns = resource.all_fields if path.endswith(".json") else resource.fields
        found[path] = {"name": resource.titles[original],  # (derived ones: in the JSON only)
                       "description": resource.descriptions[original],
                       "variableMeasured": [{"@id": f"#{resource.name}/{field.name}"}
                                            for field in columns]}
    about = [{"@id": path} for path in files]
    found["data/datapackage.json"] = {
        "name": site.data.titles[original], "about": about,
        "description": "The data package descriptor of the data files (Data Package 2.0)",
        "conformsTo": {"@id": DATA_PACKAGE_V2}}
    for path in paths:
        if path.startswith("data/codebook.") and path.endswith(".md"):
            lang = path.split(".")[-2]
            found[path] = {"inLanguage": lang, "about": about, "description":
                           f"The codebook of the data files, in {english_name(lang)}"}
    return found


def column_entities(site: Site) -> list[dict[str, Any]]:
    """Each dataset's columns, as the PropertyValues the data files' variableMeasured
    name."""
    if site.data is None:
        return []
    original = site.config.original
    return [{"@id": f"#{resource.name}/{field.name}", "@type": "PropertyValue",
             "name": field.name, "description": field.titles[original]}
            for resource in site.data.resources.values() for field in resource.all_fields]
