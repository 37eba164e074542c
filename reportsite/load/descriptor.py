"""Checking data/datapackage.yaml key by key: which keys each level takes, and a Checker
that validates them, recording every problem with its line (data.py then reads the CSVs)."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.layout import DATA_DIR, PACKAGE_FILE
from reportsite.core.sources import KeyPath, line_of
from reportsite.core.yamlcheck import Localized, YamlChecker
from reportsite.load.rows import Field, NAMED_UNITS, TERRITORY

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


@dataclass(frozen=True)
class Source:
    """Where in the article a resource's values come from."""

    reference: int | None  # number in the article's reference list, None for its own text
    locator: Localized  # e.g. {"en": "Table 1"}
    line: int | None  # where it is declared in datapackage.yaml, for messages


class Checker(YamlChecker):
    """Validates the descriptor, recording problems with their lines in datapackage.yaml."""

    def __init__(self, lines: dict[KeyPath, int], languages: tuple[str, ...], report: Report):
        super().__init__(f"{DATA_DIR}/{PACKAGE_FILE}", lines, report, languages)

    def localized(self, at: KeyPath, value: Any) -> Localized:
        """Text in every language of the site."""
        if not isinstance(value, dict):
            self.fail(at, "expected one text per language: " + ", ".join(self.languages))
            return MappingProxyType({})
        self.other_languages(at, value)
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
            name=spec["name"], type=spec["type"], unit=self.unit(at + ("unit",), spec.get("unit")),
            titles=self.localized(at + ("titles",), spec["titles"]),
            descriptions=self.localized(at + ("descriptions",), descriptions) if descriptions else None,
            labels=labels, short_labels=short,
            constraints=MappingProxyType(constraints if isinstance(constraints, dict) else {}),
            formula=spec.get("formula"), names=names,
        )

    def unit(self, at: KeyPath, value: Any) -> str | Localized | None:
        """A field's unit: one the theme names in every language (percent, persons), or
        its name in each language of the site, like a title."""
        if value is None or value in NAMED_UNITS:
            return value
        if isinstance(value, dict):
            return self.localized(at, value)
        example = ", ".join(f"{lang}: ..." for lang in self.languages)
        self.fail(at, f"{value!r} is not a unit the theme names in every language "
                  f"({', '.join(NAMED_UNITS)}); give its name in each language, like a "
                  f"title: unit: {{{example}}}")
        return None

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
