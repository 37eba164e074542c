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

import copy
import json
import posixpath
from typing import Any

from reportsite.core.cache import Cache, generator_digest, sha256
from reportsite.core.layout import CONTENT_DIR
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site
from reportsite.outputs.plan import CONFORMS, CRATE, DATA_PACKAGE_V2, JATS_SPEC, Plan

VERSION = "1.2"  # RO-Crate 1.2, the current specification


def add_crate(site: Site, plan: Plan, cache: Cache, outputs: Outputs) -> None:
    """ro-crate-metadata.json, describing every file of the package, those made after it
    included. The crate (the rocrate library is slow to import) is cached under what it
    says but the files' sizes: the file list, site.yaml and data/, the pages' titles and
    the abstract; so editing a page's text does not import rocrate."""
    paths = plan.package_paths(outputs)
    key = sha256("crate", generator_digest(), site.inputs.digest(exclude=(f"{CONTENT_DIR}/",)),
                 repr(site.abstract(site.config.original)), *paths,
                 *(f"{page.path}:{page.title}" for group in site.pages
                   for page in group.pages.values()))
    graph = cache.get_or_make("crate", key, lambda: crate_graph(site, plan, paths))
    outputs.add(CRATE, with_sizes(graph, outputs), "the files of the site")


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
    describe_root(crate, site, ContextEntity)
    described = file_descriptions(site, plan, paths)
    for path in paths:
        if path == CRATE:
            continue  # the metadata descriptor itself, which the library writes
        properties = {"name": posixpath.basename(path), "encodingFormat":
                      plan.media_type(path)} | described.get(path, {})
        crate.add_file(dest_path=path, properties=properties)
    for entity in column_entities(site):
        crate.add(ContextEntity(crate, entity.pop("@id"), properties=entity))
    return crate.metadata.generate()


def with_sizes(graph: dict[str, Any], outputs: Outputs) -> bytes:
    """ro-crate-metadata.json: the graph with each file's contentSize (but of files made
    after it: the landing page and SHA256SUMS.txt), deterministic JSON."""
    graph = copy.deepcopy(graph)
    for entity in graph["@graph"]:
        if entity.get("@type") == "File" and entity["@id"] in outputs.files:
            entity["contentSize"] = str(file_size(outputs, entity["@id"]))
    text = json.dumps(graph, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def describe_root(crate: Any, site: Site, entity: type) -> None:
    """The root dataset: this edition, its authors and licence."""
    config, root = site.config, crate.root_dataset
    original = config.original
    root["name"] = config.full_title(original)
    others = [config.full_title(code) for code in config.languages[1:]]
    if others:
        root["alternateName"] = others
    root["description"] = site.abstract_text(original) or (
        site.data.descriptions[original] if site.data else config.full_title(original))
    root["datePublished"] = config.edition.date.isoformat()
    root["version"] = config.edition.version
    root["inLanguage"] = list(config.languages)
    root["keywords"] = [word for code in config.languages for word in config.keywords[code]]
    root["license"] = {"@id": config.license.url}
    if config.edition.doi:
        root["identifier"] = root["cite-as"] = f"https://doi.org/{config.edition.doi}"
    crate.add(entity(crate, config.license.url, properties={
        "@type": "CreativeWork", "name": config.license.name,
        "identifier": config.license.spdx}))
    lang, authors = site.config.record_language, []
    for n, author in enumerate(config.authors, 1):
        ident = f"https://orcid.org/{author.orcid}" if author.orcid else f"#author-{n}"
        person = {"@type": "Person", "name": author.name[lang],
                  "affiliation": (author.institution or author.affiliation)[lang]}
        if author.email:
            person["email"] = author.email
        crate.add(entity(crate, ident, properties=person))
        authors.append({"@id": ident})
    root["author"] = authors


def file_descriptions(site: Site, plan: Plan, paths: list[str]) -> dict[str, dict[str, Any]]:
    """What is known of each file beyond its name, type and size."""
    config, languages = site.config, site.config.languages
    jats, pdfs = plan.paths("jats"), plan.paths("pdf")
    found: dict[str, dict[str, Any]] = {}
    for group in site.pages:
        for lang in languages:
            page = group.source(lang, languages)
            found[f"{lang}/{group.key}.html"] = {"name": page.title, "inLanguage": page.lang}
    for path in jats | pdfs:
        lang = path.split("/", 1)[0]
        found[path] = {"name": config.full_title(lang), "inLanguage": lang}
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
    found["data/datapackage.json"] = {"name": site.data.titles[original], "about": about,
                                      "conformsTo": {"@id": DATA_PACKAGE_V2}}
    for path in paths:
        if path.startswith("data/codebook.") and path.endswith(".md"):
            found[path] = {"inLanguage": path.split(".")[-2], "about": about}
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
