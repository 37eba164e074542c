"""Files made from data rather than templates: the published data package (Data Package
v2 descriptor, CSV as written, JSON and an Excel workbook per dataset), the per-language
chart downloads, sitemap.xml and robots.txt. The citation files are in citations.py."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from .charts import ChartRender
from .config import SiteConfig
from .data import DataPackage, Resource
from .rows import TERRITORY, Field

DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"


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
    if field.unit:
        out["unit"] = field.unit
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
        "licenses": [dict(x) for x in data.licenses],
        "resources": [_resource_descriptor(r, original) for r in data.resources.values()],
    }
    if config.base_url:
        descriptor["homepage"] = config.base_url
    if config.edition.doi:
        descriptor["id"] = f"https://doi.org/{config.edition.doi}"
    return descriptor


def data_files(data: DataPackage, config: SiteConfig,
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


def chart_files(charts: Mapping[tuple[str, str], ChartRender]) -> dict[str, bytes]:
    """<lang>/figures/<id>.svg, .png and .csv (the plotted data, headed in that language)."""
    files = {}
    for (chart_id, lang), render in sorted(charts.items()):
        folder = f"{lang}/figures/{chart_id}"
        files[f"{folder}.svg"] = render.svg.encode()
        files[f"{folder}.png"] = render.png
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([title for _, title, _ in render.columns])
        writer.writerows([row.get(name) for name, _, _ in render.columns] for row in render.rows)
        files[f"{folder}.csv"] = buffer.getvalue().encode()
    return files


def sitemap(config: SiteConfig, page_keys: list[str]) -> bytes:
    """sitemap.xml (needs base_url) with xhtml:link alternates for every language."""
    base = config.base_url or ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for key in page_keys:
        for lang in config.languages:
            lines.append(f"  <url><loc>{base}{lang}/{key}.html</loc>")
            for other in config.languages:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" '
                             f'href="{base}{other}/{key}.html"/>')
            default = f"{base}index.html" if key == "index" else f"{base}{config.original}/{key}.html"
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append(f"    <lastmod>{config.date.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def at_host_root(config: SiteConfig) -> bool:
    """True when base_url is a host's root (https://example.org/): the only place
    crawlers read robots.txt from."""
    return bool(config.base_url) and urlsplit(config.base_url).path in ("", "/")


def robots(config: SiteConfig) -> bytes:
    """robots.txt pointing at the sitemap (base_url at a host's root)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()
