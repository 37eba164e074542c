"""Files made from data rather than templates: the published data package and the
per-language chart downloads."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Mapping

from .charts import ChartRender
from .data import DataPackage, Field, Resource


def _json(value: Any) -> bytes:
    """Deterministic, readable JSON."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _field_descriptor(field: Field, original: str) -> dict[str, Any]:
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
    if isinstance(field.labels, str):
        out["labels"] = field.labels
    elif field.labels:
        out["labels"] = {k: dict(v) for k, v in field.labels.items()}
    if field.formula:
        out["formula"] = field.formula
    return out


def _resource_descriptor(resource: Resource, original: str) -> dict[str, Any]:
    """A Data Resource descriptor for a CSV file."""
    return {
        "name": resource.name, "path": resource.path, "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "title": resource.titles[original], "titles": dict(resource.titles),
        "description": resource.descriptions[original],
        "descriptions": dict(resource.descriptions),
        "sources": [{"title": (f"[{s.reference}], " if s.reference else "") + s.locator[original],
                     "reference": s.reference, "locator": dict(s.locator)}
                    for s in resource.sources],
        "schema": {"fields": [_field_descriptor(f, original) for f in resource.fields],
                   "primaryKey": list(resource.primary_key)},
        "derived": [_field_descriptor(f, original) for f in resource.derived],
    }


def data_files(data: DataPackage, original: str) -> dict[str, bytes]:
    """data/datapackage.json, each CSV as written, and each dataset as JSON rows."""
    descriptor = {
        "name": data.name, "title": data.titles[original], "titles": dict(data.titles),
        "description": data.descriptions[original], "descriptions": dict(data.descriptions),
        "licenses": [dict(x) for x in data.licenses],
        "resources": [_resource_descriptor(r, original) for r in data.resources.values()],
    }
    files = {"data/datapackage.json": _json(descriptor)}
    for resource in data.resources.values():
        files[f"data/{resource.path}"] = resource.csv_bytes
        names = [f.name for f in resource.all_fields]
        files[f"data/{resource.name}.json"] = _json([{n: row[n] for n in names}
                                                    for row in resource.rows])
    return files


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
