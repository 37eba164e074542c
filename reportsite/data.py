"""The data package: data/datapackage.yaml and the CSV files it describes, checked row by row.

Every error names the file and line: `data/FILE.csv:LINE: field 'x': what is wrong`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .errors import Report, SiteErrors, did_you_mean
from .paths import named_path_problem, read_inside
from .rows import TERRITORY, Field, check_formula, check_sum, read_rows, with_derived
from .sources import KeyPath, decode_utf8, line_of, load_yaml, read_text

DATA_DIR = "data"
PACKAGE_FILE = "datapackage.yaml"
TYPES = {"string", "integer", "number", "year"}
CONSTRAINTS = {"required", "unique", "minimum", "maximum", "enum", "pattern"}
PACKAGE_KEYS = {"name", "titles", "descriptions", "licenses", "resources"}
RESOURCE_KEYS = {"name", "path", "format", "mediatype", "encoding", "titles", "descriptions",
                 "sources", "schema", "checks", "derived"}
SOURCE_KEYS = {"reference", "locator"}
SCHEMA_KEYS = {"fields", "primaryKey"}
SUM_KEYS = {"field", "by", "total"}
LICENSE_KEYS = {"name", "path", "title"}
FIELD_KEYS = {"name", "type", "unit", "constraints", "titles", "descriptions", "labels",
              "short_labels", "formula", "names"}

Localized = Mapping[str, str]


@dataclass(frozen=True)
class Source:
    """Where in the article a resource's values come from."""

    reference: int | None  # number in the article's reference list, None for its own text
    locator: Localized  # e.g. {"en": "Table 1"}
    line: int | None  # where it is declared in datapackage.yaml, for messages


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


class _Checker:
    """Validates the descriptor, recording problems with their lines in datapackage.yaml."""

    def __init__(self, lines: dict[KeyPath, int], languages: tuple[str, ...], report: Report):
        self.lines, self.languages, self.report = lines, languages, report
        self.shown = f"{DATA_DIR}/{PACKAGE_FILE}"

    def fail(self, at: KeyPath, message: str) -> None:
        """Record a problem at a key path of the descriptor."""
        label = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at).lstrip(".")
        self.report.error(self.shown, line_of(self.lines, at), f"{label}: {message}")

    def keys(self, at: KeyPath, value: Any, allowed: set[str], required: tuple[str, ...]) -> bool:
        """A mapping with only allowed keys and all required ones."""
        if not isinstance(value, dict):
            self.fail(at, "expected a mapping of keys")
            return False
        for key in value:
            if key not in allowed:
                self.fail(at + (key,), f"unknown key '{key}'" + did_you_mean(str(key), allowed))
        for key in required:
            if key not in value:
                self.fail(at, f"missing required key '{key}'")
        return all(key in value for key in required)

    def localized(self, at: KeyPath, value: Any) -> Localized:
        """Text in every language of the site."""
        if not isinstance(value, dict):
            self.fail(at, "expected one text per language: " + ", ".join(self.languages))
            return MappingProxyType({})
        for lang in value:
            if lang not in self.languages:
                self.fail(at + (lang,), f"'{lang}' is not one of the site's languages"
                          + did_you_mean(str(lang), self.languages))
        for lang in self.languages:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                self.fail(at, f"missing the '{lang}' text")
        return MappingProxyType({k: v for k, v in value.items() if isinstance(v, str)})

    def sources(self, at: KeyPath, value: Any) -> tuple[Source, ...]:
        """Where the values come from: one or more {reference, locator}."""
        if not isinstance(value, list) or not value:
            self.fail(at, "expected a list of one or more sources, each with 'locator' (e.g. "
                      "Table 2) and 'reference' (its number in the reference list, or null "
                      "for the report's own text)")
            return ()
        sources = []
        for j, spec in enumerate(value):
            if not self.keys(at + (j,), spec, SOURCE_KEYS, ("reference", "locator")):
                continue
            reference = spec["reference"]
            if reference is not None and (isinstance(reference, bool)
                                          or not isinstance(reference, int) or reference < 1):
                self.fail(at + (j, "reference"), f"expected a reference number (1, 2, ...) or "
                          f"null for the report's own text, got {reference!r}")
                continue
            sources.append(Source(reference, self.localized(at + (j, "locator"), spec["locator"]),
                                  line_of(self.lines, at + (j, "reference"))))
        return tuple(sources)

    def sums(self, at: KeyPath, value: Any, names: list[str]) -> list[dict]:
        """checks: {sums: [{field, by, total}]}: shares that must add up, per group."""
        if value is None or not self.keys(at, value, {"sums"}, ("sums",)):
            return []
        if not isinstance(value["sums"], list):
            self.fail(at + ("sums",), "expected a list of {field, by, total}")
            return []
        found = []
        for j, check in enumerate(value["sums"]):
            where = at + ("sums", j)
            if not self.keys(where, check, SUM_KEYS, ("field", "by", "total")):
                continue
            unknown = [n for n in [check["field"], *(check["by"] or [])] if n not in names]
            if unknown or not isinstance(check["total"], (int, float)):
                self.fail(where, f"'{unknown[0]}' is not a field" + did_you_mean(unknown[0], names)
                          if unknown else f"total must be a number, got {check['total']!r}")
                continue
            found.append(check)
        return found

    def licenses(self, at: KeyPath, value: Any) -> tuple[dict, ...]:
        """The data's licences: {name (an SPDX id), path (its URL), title}."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(at, "expected a list of licences, each {name, path, title}")
            return ()
        return tuple(licence for j, licence in enumerate(value)
                     if self.keys(at + (j,), licence, LICENSE_KEYS, ("name",)))

    def field(self, at: KeyPath, spec: Any, derived: bool) -> Field | None:
        """One field of a schema, or a derived field."""
        required = ("name", "type", "titles") + (("formula",) if derived else ())
        if not self.keys(at, spec, FIELD_KEYS, required):
            return None
        if spec["type"] not in TYPES:
            self.fail(at + ("type",), f"unsupported type '{spec['type']}'"
                      + did_you_mean(str(spec["type"]), TYPES))
            return None
        constraints = spec.get("constraints") or {}
        self.keys(at + ("constraints",), constraints, CONSTRAINTS, ())
        labels = spec.get("labels")
        if isinstance(labels, dict):
            labels = MappingProxyType({value: self.localized(at + ("labels", value), text)
                                       for value, text in labels.items()})
            enum = constraints.get("enum") if isinstance(constraints, dict) else None
            for value in enum or ():
                if value not in labels:
                    self.fail(at + ("labels",), f"no label for the value '{value}'")
        elif labels not in (None, TERRITORY):
            self.fail(at + ("labels",), f"expected value: {{language: text}} or '{TERRITORY}'")
        short = spec.get("short_labels")
        if short is not None:
            short = MappingProxyType({value: self.localized(at + ("short_labels", value), text)
                                      for value, text in short.items()})
        names = spec.get("names")
        if names is not None:
            names = self.territory_names(at + ("names",), names, labels, constraints)
        descriptions = spec.get("descriptions")
        return Field(
            name=spec["name"], type=spec["type"], unit=spec.get("unit"),
            titles=self.localized(at + ("titles",), spec["titles"]),
            descriptions=self.localized(at + ("descriptions",), descriptions) if descriptions else None,
            labels=labels, short_labels=short,
            constraints=MappingProxyType(constraints if isinstance(constraints, dict) else {}),
            formula=spec.get("formula"), names=names,
        )

    def territory_names(self, at: KeyPath, names: Any, labels: Any,
                        constraints: Any) -> Mapping[str, Mapping[str, str]] | None:
        """names: {code: {language: text}}, overriding CLDR's name of a country in some
        languages (KG: {ru: Кыргызстан}); only beside labels: cldr:territory."""
        if labels != TERRITORY:
            self.fail(at, f"names override CLDR's country names; the field needs labels: {TERRITORY}")
            return None
        if not isinstance(names, dict):
            self.fail(at, "expected code: {language: text}, e.g. KG: {ru: Кыргызстан}")
            return None
        enum = constraints.get("enum") if isinstance(constraints, dict) else None
        checked: dict[str, Mapping[str, str]] = {}
        for code, texts in names.items():
            if not isinstance(code, str):
                self.fail(at, f"the key {code!r} is not text (YAML reads NO, ON, YES as "
                          "true/false); put the country code in quotes, e.g. 'NO'")
                continue
            if enum and code not in enum:
                self.fail(at + (code,), f"'{code}' is not a value of this field"
                          + did_you_mean(code, [str(v) for v in enum]))
                continue
            if not isinstance(texts, dict):
                self.fail(at + (code,), "expected {language: text}, e.g. {ru: Кыргызстан}")
                continue
            for lang, text in texts.items():
                if lang not in self.languages:
                    self.fail(at + (code, lang), f"'{lang}' is not one of the site's languages"
                              + did_you_mean(str(lang), self.languages))
                elif not isinstance(text, str) or not text.strip():
                    self.fail(at + (code, lang), f"expected the name as text, got {text!r}")
            checked[code] = MappingProxyType({k: v for k, v in texts.items()
                                              if k in self.languages and isinstance(v, str)
                                              and v.strip()})
        return MappingProxyType(checked)


def load_data(root: Path, languages: tuple[str, ...], report: Report) -> DataPackage | None:
    """Read data/datapackage.yaml and every CSV it lists; None if the site has no data."""
    path = root / DATA_DIR / PACKAGE_FILE
    if not path.is_file():
        return None
    shown = f"{DATA_DIR}/{PACKAGE_FILE}"
    spec, lines = load_yaml(read_text(path, root, shown), shown)
    checker = _Checker(lines, languages, report)
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


def _load_resource(root: Path, at: KeyPath, item: Any, checker: _Checker) -> Resource | None:
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
