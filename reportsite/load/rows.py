"""Rows of a data resource: CSV parsing, types and constraints, derived fields, sums.

data.py reads the descriptor into Fields; every error here names `data/FILE.csv:LINE`.
"""

from __future__ import annotations

import ast
import csv
import decimal
import io
import operator
import re
from dataclasses import dataclass
from typing import Any, Mapping

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.i18n import locale_of
from reportsite.core.layout import DATA_DIR, PACKAGE_FILE
from reportsite.core.yamlcheck import Localized

TERRITORY = "cldr:territory"  # labels taken from CLDR's names of ISO 3166 regions
DESCRIPTOR = f"{DATA_DIR}/{PACKAGE_FILE}"  # as messages name it
# Units the theme names in every language it speaks (templates/partials/codebook.html);
# any other unit is given per language, like a title. "percent" also formats the values.
NAMED_UNITS = ("percent", "persons")


@dataclass(frozen=True)
class Field:
    """One column of a resource (or a derived one, computed from the others)."""

    name: str  # column name in the CSV
    type: str  # string, integer, number or year (an integer printed without grouping)
    unit: str | Localized | None  # one of NAMED_UNITS ("percent" formats values as %), or
    # the unit's name per language ({kk: мың тонна, ru: тыс. тонн, en: thousand tonnes})
    titles: Localized  # column heading per language
    descriptions: Localized | None  # longer explanation per language
    labels: Mapping[str, Localized] | str | None  # value -> text per language, or TERRITORY
    short_labels: Mapping[str, Localized] | None  # shorter labels for chart axes
    constraints: Mapping[str, Any]  # Table Schema constraints
    formula: str | None  # for derived fields: arithmetic over other fields
    names: Mapping[str, Mapping[str, str]] | None = None  # TERRITORY only: code -> {lang: name}

    def label(self, value: Any, lang: str, short: bool = False) -> str:
        """The text a reader of lang sees for a value of this field."""
        if value is None:
            return ""
        if self.labels == TERRITORY:
            own = (self.names or {}).get(str(value), {})
            return own[lang] if lang in own else \
                locale_of(lang).territories.get(str(value), str(value))
        table = (self.short_labels if short and self.short_labels else self.labels) or {}
        return table[value][lang] if value in table else str(value)


def read_rows(text: str, shown: str, fields: list[Field], key: tuple[str, ...],
              report: Report) -> list[dict[str, Any]]:
    """Parse and check the rows of a CSV against its fields; rows carry their line as '_line'."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _read_checked(reader, shown, fields, key, report)
    except csv.Error as e:  # e.g. a stray carriage return inside an unquoted value
        report.error(shown, reader.line_num or 1, f"not valid CSV: {e}; quote values that hold "
                     "line breaks, and end lines with \\n")
        return []


def _read_checked(reader, shown: str, fields: list[Field], key: tuple[str, ...],
                  report: Report) -> list[dict[str, Any]]:
    """The rows of a csv.reader, typed and checked; see read_rows."""
    header = next(reader, None)
    names = [f.name for f in fields]
    if header != names:
        report.error(shown, 1, f"header is {','.join(header or [])!r}; expected "
                     f"{','.join(names)!r} (the fields of the schema, in order)")
        return []
    rows, seen_keys, seen_unique = [], {}, {f.name: {} for f in fields
                                            if f.constraints.get("unique")}
    for cells in reader:
        line = reader.line_num
        if len(cells) != len(fields):
            report.error(shown, line, f"{len(cells)} values; expected {len(fields)} ({', '.join(names)})")
            continue
        row = {"_line": line}
        for field, cell in zip(fields, cells):
            try:
                row[field.name] = _cast(field, cell)
            except ValueError as e:
                report.error(shown, line, f"field '{field.name}': {e}")
                row[field.name] = None
        for name, seen in seen_unique.items():
            if row[name] is not None and row[name] in seen:
                report.error(shown, line, f"field '{name}': value {row[name]!r} is not unique "
                             f"(also on line {seen[row[name]]})")
            seen.setdefault(row[name], line)
        if key:
            value = tuple(row.get(k) for k in key)
            if value in seen_keys:
                report.error(shown, line, f"duplicate primary key {'/'.join(map(str, value))!r} "
                             f"(also on line {seen_keys[value]})")
            seen_keys.setdefault(value, line)
        rows.append(row)
    return rows


def _cast(field: Field, cell: str) -> Any:
    """A CSV cell as a typed, constraint-checked value (None when empty)."""
    rules = field.constraints
    if cell == "":
        if rules.get("required"):
            raise ValueError("a value is required")
        return None
    if field.type == "integer":
        if not re.fullmatch(r"-?[0-9]+", cell):
            raise ValueError(f"{cell!r} is not an integer (write digits only, e.g. 150000)")
        value: Any = int(cell)
    elif field.type == "year":
        if not re.fullmatch(r"[0-9]{4}", cell):
            raise ValueError(f"{cell!r} is not a year (write four digits, e.g. 2022)")
        value = int(cell)
    elif field.type == "number":
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell):
            raise ValueError(f"{cell!r} is not a number (use '.' for decimals, no grouping)")
        value = float(cell) if "." in cell else int(cell)
    else:
        value = cell
    if "enum" in rules and value not in rules["enum"]:
        raise ValueError(f"unknown category {value!r}"
                         + did_you_mean(str(value), [str(v) for v in rules["enum"]]))
    if "minimum" in rules and value < rules["minimum"]:
        raise ValueError(f"{value} is below the minimum {rules['minimum']}")
    if "maximum" in rules and value > rules["maximum"]:
        raise ValueError(f"{value} is above the maximum {rules['maximum']}")
    if "pattern" in rules and not re.fullmatch(rules["pattern"], str(value)):
        raise ValueError(f"{value!r} does not match the pattern {rules['pattern']!r}")
    return value


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv}


def evaluate(formula: str, row: Mapping[str, Any]) -> decimal.Decimal | None:
    """Evaluate arithmetic over a row's fields (+ - * / and parentheses only); exact decimals."""
    def walk(node: ast.AST) -> decimal.Decimal | None:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            left, right = walk(node.left), walk(node.right)
            return None if left is None or right is None else _OPERATORS[type(node.op)](left, right)
        if isinstance(node, ast.Name) and node.id in row:
            return None if row[node.id] is None else decimal.Decimal(str(row[node.id]))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return decimal.Decimal(str(node.value))
        raise ValueError(f"formula {formula!r}: only field names, numbers and + - * / are allowed")
    return walk(ast.parse(formula, mode="eval"))


def check_formula(formula: str, names: list[str]) -> str | None:
    """Why a derived field's formula is not arithmetic over known fields, or None."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        return f"formula {formula!r} is not an arithmetic expression"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in names:
            return f"formula {formula!r} uses '{node.id}', which is not a field" \
                + did_you_mean(node.id, names)
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.Name, ast.Constant, ast.Load,
                                 *(_OPERATORS))):
            return f"formula {formula!r}: only field names, numbers and + - * / are allowed"
    return None


def with_derived(row: dict[str, Any], derived: list[Field]) -> dict[str, Any]:
    """A row with its derived fields computed (integers rounded half up)."""
    for field in derived:
        value = evaluate(field.formula or "", row)
        if value is not None and field.type == "integer":
            value = int(value.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
        row[field.name] = float(value) if isinstance(value, decimal.Decimal) else value
    return row


def check_sum(rows: list[dict], check: Mapping[str, Any], shown: str, report: Report) -> None:
    """Shares in each group (e.g. the answers to one question) must add up to the total."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(row.get(k) for k in check["by"]), []).append(row)
    for group, members in groups.items():
        values = [r.get(check["field"]) for r in members]
        if None in values:  # a missing or broken value was reported already
            continue
        total = sum(decimal.Decimal(str(v)) for v in values)
        if total != decimal.Decimal(str(check["total"])):
            which = f" for {'/'.join(map(str, group))}" if group else ""
            report.error(shown, members[-1]["_line"], f"field '{check['field']}': values{which} "
                         f"add up to {total}, expected {check['total']} "
                         f"(lines {', '.join(str(r['_line']) for r in members)})")


def check_labels(rows: list[dict], fields: list[Field], shown: str, report: Report) -> None:
    """A value of a labelled field that has no label would show readers its bare code
    ("KH"): a warning (an error with --strict), once per field and value."""
    for field in fields:
        if not field.labels:
            continue
        known = set(locale_of("en").territories) if field.labels == TERRITORY else \
            set(field.labels)
        missing: dict[Any, int] = {}
        for row in rows:
            value = row[field.name]
            if value is not None and str(value) not in known and value not in known:
                missing.setdefault(value, row["_line"])
        for value, line in missing.items():
            if field.labels == TERRITORY:
                report.warn(shown, line, f"field '{field.name}': {value!r} is not a region code "
                            "CLDR names (ISO 3166, like KZ), so readers would see the code "
                            "itself" + did_you_mean(str(value), known, list_all=False))
            else:
                report.warn(shown, line, f"field '{field.name}': no label for {value!r} in "
                            f"{DESCRIPTOR} (labels), so readers would see the code itself; "
                            f"add {value}: {{language: text}} to the field's labels")
