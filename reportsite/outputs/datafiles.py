"""The published data package: data/datapackage.json (a Data Package v2 descriptor), and
per dataset the CSV as written, its rows as JSON and an Excel workbook."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from typing import Any, Callable

from reportsite.core.cache import Cache, generator_digest, sha256
from reportsite.core.layout import DATA_DIR, PACKAGE_FILE
from reportsite.core.outputs import Outputs
from reportsite.load.config import SiteConfig
from reportsite.load.data import DataPackage, Resource
from reportsite.load.rows import Field, TERRITORY
from reportsite.load.site import Site
from reportsite.outputs.plan import DATA_PACKAGE_V2


def add_data_package(site: Site, cache: Cache, outputs: Outputs) -> None:
    """The published data package, if the site has data. Each workbook is cached under
    the data (openpyxl is slow to import)."""
    if site.data is None:
        return

    def cached_workbook(resource: Resource, day: datetime.date) -> bytes:
        key = sha256("xlsx", generator_digest(), site.inputs.digest(include=(f"{DATA_DIR}/",)),
                     resource.name, day.isoformat())
        return cache.get_or_make("xlsx", key, lambda: workbook(resource, day))

    for path, data in data_package_files(site.data, site.config, cached_workbook).items():
        outputs.add(path, data, f"{DATA_DIR}/{PACKAGE_FILE}")


def _json(value: Any) -> bytes:
    """Deterministic, readable JSON."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _categories(field: Field, resource: Resource, original: str) -> list[dict[str, Any]]:
    """Data Package v2 categories: each coded value with its label in the original
    language (for country codes: the codes the data holds, named as the site names them)."""
    if field.labels == TERRITORY:
        values = sorted({row[field.name] for row in resource.rows if row[field.name] is not None})
    else:
        values = list(field.labels or {})
    return [{"value": value, "label": field.label(value, original)} for value in values]


def _field_descriptor(field: Field, resource: Resource, original: str) -> dict[str, Any]:
    """A Table Schema field, with our multilingual extras kept beside the standard keys."""
    out: dict[str, Any] = {"name": field.name, "type": field.type,
                           "title": field.titles[original], "titles": dict(field.titles)}
    if field.descriptions:
        out["description"] = field.descriptions[original]
        out["descriptions"] = dict(field.descriptions)
    if isinstance(field.unit, str):
        out["unit"] = field.unit
    elif field.unit:  # named per language: the original's name, and every language's
        out["unit"], out["units"] = field.unit[original], dict(field.unit)
    if field.constraints:
        out["constraints"] = dict(field.constraints)
    if field.labels:
        out["categories"] = _categories(field, resource, original)
    if isinstance(field.labels, str):
        out["labels"] = field.labels
        if field.names:  # the names used instead of CLDR's, per code and language
            out["names"] = {k: dict(v) for k, v in field.names.items()}
    elif field.labels:
        out["labels"] = {k: dict(v) for k, v in field.labels.items()}
    if field.formula:
        out["formula"] = field.formula
    return out


def _resource_descriptor(resource: Resource, original: str) -> dict[str, Any]:
    """A Data Resource descriptor for a CSV file."""
    return {
        "name": resource.name, "type": "table", "path": resource.path, "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "title": resource.titles[original], "titles": dict(resource.titles),
        "description": resource.descriptions[original],
        "descriptions": dict(resource.descriptions),
        "sources": [{"title": (f"[{s.reference}], " if s.reference else "") + s.locator[original],
                     "reference": s.reference, "locator": dict(s.locator)}
                    for s in resource.sources],
        "schema": {"fields": [_field_descriptor(f, resource, original) for f in resource.fields],
                   "primaryKey": list(resource.primary_key)},
        "derived": [_field_descriptor(f, resource, original) for f in resource.derived],
    }


def _contributors(config: SiteConfig) -> list[dict[str, Any]]:
    """Data Package v2 contributors: the authors, with their institution when known."""
    people = []
    for author in config.authors:
        name = author.name[config.original]
        person: dict[str, Any] = {"title": name, "familyName": name.split()[-1],
                                  "givenName": " ".join(name.split()[:-1]), "roles": ["author"]}
        if author.institution:
            person["organization"] = author.institution[config.original]
        if author.email:
            person["email"] = author.email
        if author.orcid:
            person["path"] = f"https://orcid.org/{author.orcid}"
        people.append({k: v for k, v in person.items() if v})
    return people


def package_descriptor(data: DataPackage, config: SiteConfig) -> dict[str, Any]:
    """data/datapackage.json: a Data Package v2 descriptor with the edition's version and
    date, the keywords, the authors as contributors and, with base_url, the homepage."""
    original = config.original
    descriptor: dict[str, Any] = {
        "$schema": DATA_PACKAGE_V2, "name": data.name,
        "title": data.titles[original], "titles": dict(data.titles),
        "description": data.descriptions[original], "descriptions": dict(data.descriptions),
        "version": config.version, "created": f"{config.date.isoformat()}T00:00:00Z",
        "keywords": list(config.keywords[original]), "contributors": _contributors(config),
        "resources": [_resource_descriptor(r, original) for r in data.resources.values()],
    }
    if config.license.confirmed and data.licenses:  # until then: no machine-readable licence
        descriptor["licenses"] = [dict(x) for x in data.licenses]
    if config.base_url:
        descriptor["homepage"] = config.base_url
    if config.edition.doi:
        descriptor["id"] = f"https://doi.org/{config.edition.doi}"
    return descriptor


def data_package_files(data: DataPackage, config: SiteConfig,
               make_workbook: Callable[[Resource, datetime.date], bytes] | None = None
               ) -> dict[str, bytes]:
    """data/datapackage.json, and per dataset the CSV as written (canonical), its rows as
    JSON (derived fields too) and as an Excel workbook (the CSV's columns; made by
    make_workbook, by default workbook())."""
    make_workbook = make_workbook or workbook
    files = {"data/datapackage.json": _json(package_descriptor(data, config))}
    for resource in data.resources.values():
        files[f"data/{resource.path}"] = resource.csv_bytes
        names = [f.name for f in resource.all_fields]
        files[f"data/{resource.name}.json"] = _json([{n: row[n] for n in names}
                                                    for row in resource.rows])
        files[f"data/{resource.name}.xlsx"] = make_workbook(resource, config.date)
    return files


def workbook(resource: Resource, day: datetime.date) -> bytes:
    """The dataset as an .xlsx workbook: one sheet with the CSV's columns, typed cells,
    the header frozen; dated with the edition, so the same data gives the same bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook()
    sheet = book.active
    sheet.title = resource.name[:31]  # Excel's limit for a sheet name
    sheet.append([field.name for field in resource.fields])
    for row in resource.rows:
        sheet.append([row[field.name] for field in resource.fields])
    sheet.freeze_panes = "A2"
    moment = datetime.datetime.combine(day, datetime.time())
    book.properties.creator = None
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save_workbook() would stamp the time of day
    return fixed_zip(buffer.getvalue(), moment)


def fixed_zip(data: bytes, moment: datetime.datetime) -> bytes:
    """The same zip with every entry stamped with one moment and no extra fields."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=moment.timetuple()[:6])
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info), compress_type=zipfile.ZIP_DEFLATED,
                            compresslevel=9)
    return out.getvalue()
