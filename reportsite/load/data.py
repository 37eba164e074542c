"""The data package: data/datapackage.yaml and the CSV files it describes, checked row by row.

Every error names the file and line: `data/FILE.csv:LINE: field 'x': what is wrong`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from reportsite.core.errors import Report, SiteErrors, did_you_mean
from reportsite.core.layout import DATA_DIR, PACKAGE_FILE
from reportsite.core.paths import named_path_problem, read_inside
from reportsite.core.sources import KeyPath, decode_utf8, load_yaml, read_text
from reportsite.core.yamlcheck import Localized
from reportsite.load.descriptor import Checker, PACKAGE_KEYS, RESOURCE_KEYS, SCHEMA_KEYS, Source
from reportsite.load.rows import (Field, check_formula, check_labels, check_sum, read_rows,
                                  with_derived)



@dataclass(frozen=True)
class Resource:
    """One dataset: its description, schema and checked rows."""

    name: str  # identifier used by shortcodes and charts
    path: str  # CSV file name inside data/
    titles: Localized
    descriptions: Localized
    sources: tuple[Source, ...]
    fields: tuple[Field, ...]  # the CSV's columns, in order
    derived: tuple[Field, ...]  # computed columns (estimates), in order
    primary_key: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]  # typed values, derived ones included
    csv_bytes: bytes  # the CSV exactly as written, for publishing

    @property
    def all_fields(self) -> tuple[Field, ...]:
        """Columns and derived columns."""
        return self.fields + self.derived

    def field(self, name: str) -> Field:
        """The field called name, or KeyError with the close match."""
        for field in self.all_fields:
            if field.name == name:
                return field
        raise KeyError(f"dataset '{self.name}' has no field '{name}'"
                       + did_you_mean(name, [f.name for f in self.all_fields]))

    def row_key(self, row: Mapping[str, Any]) -> str:
        """A row's primary key as one string: 'UZ', 'attitude/positive'."""
        return "/".join(str(row[k]) for k in self.primary_key)

    def row(self, key: str) -> Mapping[str, Any]:
        """The row with this primary key, or KeyError with the close match."""
        for row in self.rows:
            if self.row_key(row) == key:
                return row
        raise KeyError(f"dataset '{self.name}' has no row '{key}'"
                       + did_you_mean(key, [self.row_key(r) for r in self.rows]))


@dataclass(frozen=True)
class DataPackage:
    """The whole data package."""

    name: str
    titles: Localized
    descriptions: Localized
    licenses: tuple[Mapping[str, str], ...]
    resources: Mapping[str, Resource]  # by name, in the order of datapackage.yaml

    def resource(self, name: str) -> Resource:
        """The resource called name, or KeyError with the close match."""
        if name not in self.resources:
            raise KeyError(f"unknown dataset '{name}'" + did_you_mean(name, self.resources))
        return self.resources[name]


def load_data(root: Path, languages: tuple[str, ...], report: Report) -> DataPackage | None:
    """Read data/datapackage.yaml and every CSV it lists; None if the site has no data."""
    path = root / DATA_DIR / PACKAGE_FILE
    if not path.is_file():
        return None
    shown = f"{DATA_DIR}/{PACKAGE_FILE}"
    spec, lines = load_yaml(read_text(path, root, shown), shown)
    checker = Checker(lines, languages, report)
    if not checker.keys((), spec, PACKAGE_KEYS, ("name", "titles", "descriptions", "resources")):
        report.raise_if_errors()
    resources: dict[str, Resource] = {}
    for i, item in enumerate(spec["resources"] or []):
        resource = _load_resource(root, (("resources", i)), item, checker)
        if resource is None:
            continue
        if resource.name in resources:
            checker.fail(("resources", i, "name"), f"duplicate resource name '{resource.name}'")
        resources[resource.name] = resource
    package = DataPackage(spec["name"], checker.localized(("titles",), spec["titles"]),
                          checker.localized(("descriptions",), spec["descriptions"]),
                          checker.licenses(("licenses",), spec.get("licenses")),
                          MappingProxyType(resources))
    report.raise_if_errors()
    return package


def _load_resource(root: Path, at: KeyPath, item: Any, checker: Checker) -> Resource | None:
    """One resource: descriptor, then its CSV."""
    if not checker.keys(at, item, RESOURCE_KEYS, ("name", "path", "titles", "descriptions",
                                                   "sources", "schema")):
        return None
    if not checker.keys(at + ("schema",), item["schema"], SCHEMA_KEYS, ("fields",)):
        return None
    fields = [checker.field(at + ("schema", "fields", j), spec, derived=False)
              for j, spec in enumerate(item["schema"]["fields"] or [])]
    derived = [checker.field(at + ("derived", j), spec, derived=True)
               for j, spec in enumerate(item.get("derived") or [])]
    sources = checker.sources(at + ("sources",), item["sources"])
    key = tuple(item["schema"].get("primaryKey") or ())
    if None in fields or None in derived:
        return None
    names = [f.name for f in fields]
    for j, spec in enumerate(derived):
        problem = check_formula(spec.formula or "", names)
        if problem:
            checker.fail(at + ("derived", j, "formula"), problem)
            return None
    for name in key:
        if name not in names:
            checker.fail(at + ("schema", "primaryKey"), f"'{name}' is not a field"
                         + did_you_mean(name, names))
    sums = checker.sums(at + ("checks",), item.get("checks"), names + [f.name for f in derived])
    problem = named_path_problem(item["path"], DATA_DIR, root)
    if problem:  # nothing outside data/ is read, not even to say what it holds
        checker.fail(at + ("path",), problem)
        return None
    csv_path = root / DATA_DIR / item["path"]
    shown = f"{DATA_DIR}/{item['path']}"
    if not csv_path.is_file():
        checker.fail(at + ("path",), f"{shown} does not exist")
        return None
    data = read_inside(csv_path, root)
    before = len(checker.report.errors)
    try:
        rows = read_rows(decode_utf8(data, shown), shown, fields, key, checker.report)
    except SiteErrors as e:
        checker.report.errors.extend(e.errors)
        return None
    if len(checker.report.errors) > before:  # sums over broken rows would only add noise
        return None
    rows = [with_derived(row, derived) for row in rows]
    for check in sums:
        check_sum(rows, check, shown, checker.report)
    check_labels(rows, fields, shown, checker.report)
    return Resource(item["name"], item["path"], checker.localized(at + ("titles",), item["titles"]),
                    checker.localized(at + ("descriptions",), item["descriptions"]), sources,
                    tuple(fields), tuple(derived), key,
                    tuple(MappingProxyType(r) for r in rows), data)


def check_source_references(data: DataPackage, numbers: set[int] | None, report: Report) -> None:
    """Every source's reference must be an entry of the reference list (numbers: its entry
    numbers, None when the site has no content/references.yaml)."""
    shown = f"{DATA_DIR}/{PACKAGE_FILE}"
    for resource in data.resources.values():
        for source in resource.sources:
            if source.reference is None:
                continue
            if numbers is None:
                report.error(shown, source.line, f"resource '{resource.name}': reference "
                             f"{source.reference}, but the site has no content/references.yaml; "
                             "add the reference list, or write 'reference: null' for the "
                             "report's own text")
            elif source.reference not in numbers:
                report.error(shown, source.line, f"resource '{resource.name}': reference "
                             f"{source.reference} is not in content/references.yaml (it has "
                             f"{', '.join(map(str, sorted(numbers))) or 'no entries'})")
