"""The functions a page may call: value, table, chart, ref, cite, references, codebook,
downloads.

One Shortcodes object serves one page in one language. Pages are evaluated twice: the
first pass numbers tables and figures in order of appearance, the second renders, so
ref() can point forward as well as back.

Each shortcode is one method marked @shortcode; the translation check derives its own
version of every shortcode from the same signatures (token_functions), so adding a
shortcode means adding one method here and, for a block, its partial in the theme.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from markupsafe import Markup, escape

from reportsite.core.errors import did_you_mean
from reportsite.core.i18n import Formatter
from reportsite.load.data import DataPackage, Resource
from reportsite.load.references import References
from reportsite.load.rows import Field
from reportsite.render.charts import ChartRender, spec_json, unknown_chart
from reportsite.render.prose import PLACEHOLDER, ShortcodeError


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and whether it is a number (aligned right)."""

    text: str
    numeric: bool


@dataclass(frozen=True)
class TableView:
    """What templates/partials/table.html needs."""

    anchor: str  # element id, e.g. "tbl-survey_attitudes"
    kind: str  # "table", or "figure" for a figure shown as a table
    number: int  # its number among the page's tables or figures (0 on the numbering pass)
    caption: str | Markup  # may hold a cite()
    headers: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    spans: tuple[int, ...]  # rowspan of each row's first cell (0: covered by the row above)
    notes: tuple[str, ...]  # e.g. how derived columns were computed
    sources: tuple[str, ...]  # where in the article the values come from: "[10], Table 1"


def format_value(field: Field, value: Any, fmt: Formatter, lang: str) -> Cell:
    """A value as a reader of lang sees it: labels translated, numbers in CLDR form."""
    if value is None:
        return Cell("—", False)
    if field.labels:
        return Cell(field.label(value, lang), False)
    if field.type == "year":  # 2020, never "2 020" or "2,020"
        return Cell(str(value), True)
    if field.type in ("integer", "number"):
        text = fmt.percent(value) if field.unit == "percent" else fmt.number(value)
        return Cell(text, True)
    return Cell(str(value), False)


def format_range(field: Field, low: Any, high: Any, fmt: Formatter, lang: str) -> Cell:
    """A value and its range's upper end as one cell, "25–35" ("25–35%", "25–35 %"); the
    value alone where the row has no upper end."""
    if high is None or low is None:
        return format_value(field, low, fmt, lang)
    if field.unit == "percent":
        return Cell(fmt.percent_range(low, high), True)
    return Cell(fmt.range_of(fmt.number(low), fmt.number(high)), True)


@dataclass(frozen=True)
class FormView:
    """What templates/partials/figure.html needs of one form of a chart."""

    name: str  # "wide" or "narrow"
    spec_id: str  # id of the <script> holding its spec: "fig-<id>-spec" for the wide form
    spec: Markup  # its Vega-Lite spec as JSON safe inside <script>
    svgs: tuple[tuple[str, Markup], ...]  # (theme, static SVG), light first
    width: int  # px
    height: int


def figure_forms(render: ChartRender, anchor: str) -> tuple[FormView, ...]:
    """Each form of a chart as figure.html shows it."""
    return tuple(FormView(form.name, f"{anchor}-spec" + ("" if n == 0 else f"-{form.name}"),
                          Markup(spec_json(form.spec)),
                          tuple((theme, Markup(svg)) for theme, svg in form.svgs.items()),
                          form.width, form.height)
                 for n, form in enumerate(render.forms))


def _spans(values: list[Any]) -> tuple[int, ...]:
    """Row spans that merge runs of equal values in a first column (one question, its answers)."""
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return tuple(spans)


def source_parts(resources: list[Resource], lang: str) -> tuple[str, ...]:
    """Where the values of some resources come from: ("[10], Table 1", ...)."""
    parts = []
    for resource in resources:
        for source in resource.sources:
            where = source.locator[lang]
            parts.append(f"[{source.reference}], {where}" if source.reference else where)
    return tuple(dict.fromkeys(parts))


def _range_ends(resource: Resource, shown: list[Field], ranges: Mapping[str, str]) -> dict:
    """ranges= checked: two number fields of the resource each, the first a column shown."""
    for low, high in ranges.items():
        if any(resource.field(n).type not in ("integer", "number") for n in (low, high)) \
                or low not in {c.name for c in shown}:
            raise ShortcodeError(f"ranges={{{low!r}: {high!r}}}: a range joins a number "
                                 "field the table shows and the number field of its upper end")
    return dict(ranges)


def shortcode(text: tuple[str, ...] = ()) -> Callable:
    """Mark a method of Shortcodes as callable from pages. text: the parameters that hold
    prose in the page's language (a caption): the translation check compares only the
    numbers in them, and every other argument exactly."""
    def mark(method: Callable) -> Callable:
        method.shortcode_text = text  # type: ignore[attr-defined]
        return method
    return mark


class Shortcodes:
    """The shortcodes of one page in one language."""

    def __init__(self, lang: str, data: DataPackage | None,
                 charts: Mapping[tuple[str, str], ChartRender], render_partial: Callable[..., str],
                 references: References | None = None, previous: "Shortcodes | None" = None):
        self.lang, self.data, self.charts, self.reference_list = lang, data, charts, references
        self.fmt = Formatter(lang)
        self.render_partial = render_partial
        # What the numbering pass saw: anchor -> ("table", 1), and every citation's anchor.
        self.numbers = previous.labels() if previous else None
        self.planned_cites = list(previous.cites) if previous else []
        # Whether the page lists its references: a citation links to the list on its page.
        self.listed = previous.listed if previous else False
        self.anchors: list[tuple[str, str]] = []  # (kind, anchor) in order of appearance
        self.cites: list[tuple[int, str]] = []  # (reference number, anchor) in order
        self.blocks: list[str] = []
        self.charts_used: list[str] = []

    def functions(self) -> dict[str, Callable[..., Any]]:
        """The names content can call."""
        return {name: getattr(self, name) for name in shortcode_names()}

    def labels(self) -> dict[str, tuple[str, int]]:
        """anchor -> (kind, number): tables and figures numbered apart, in order of appearance.
        Templates turn them into words ("1-кесте", "Таблица 1", "Table 1")."""
        counts: dict[str, int] = {}
        result = {}
        for kind, anchor in self.anchors:
            counts[kind] = counts.get(kind, 0) + 1
            result[anchor] = (kind, counts[kind])
        return result

    def _resource(self, name: str) -> Resource:
        if self.data is None:
            raise ShortcodeError("this site has no data: add data/datapackage.yaml")
        try:
            return self.data.resource(name)
        except KeyError as e:
            raise ShortcodeError(e.args[0]) from None

    def _block(self, render: Callable[[], str]) -> Markup:
        """A placeholder for a block; its HTML is made only on the rendering pass."""
        self.blocks.append(render() if self.numbers is not None else "")
        return Markup("\n\n" + PLACEHOLDER.format(len(self.blocks) - 1) + "\n\n")

    def _anchor(self, kind: str, anchor: str) -> int:
        """Register a numbered block; its number (0 on the numbering pass)."""
        if any(a == anchor for _, a in self.anchors):
            raise ShortcodeError(f"'{anchor}' is used twice on this page; give one of them "
                                 "another id=...")
        self.anchors.append((kind, anchor))
        return self.numbers[anchor][1] if self.numbers is not None else 0

    @shortcode()
    def value(self, dataset: str, row: str, field: str) -> Markup:
        """One value from data/, formatted for the page's language."""
        resource = self._resource(dataset)
        try:
            column = resource.field(field)
            record = resource.row(str(row))
        except KeyError as e:
            raise ShortcodeError(e.args[0]) from None
        return escape(format_value(column, record[field], self.fmt, self.lang).text)

    @shortcode(text=("caption", "note"))
    def table(self, dataset: str, caption: str | None = None, fields: list[str] | None = None,
              where: Mapping[str, Any] | None = None, derived: bool = False,
              id: str | None = None, as_figure: bool = False, note: str | None = None,
              ranges: Mapping[str, str] | None = None) -> Markup:
        """A numbered table of a dataset (chosen fields, rows matching where={field: value}).
        as_figure=True numbers it among the figures: for a figure whose image is missing,
        shown as the data the text gives; note= adds an editorial note under it;
        ranges={"value": "value_max"} shows a value and its range's upper end in one
        column ("25–35"), the upper end's own column left out."""
        resource = self._resource(dataset)
        kind = "figure" if as_figure else "table"
        anchor = id or f"{'fig' if as_figure else 'tbl'}-{dataset}"
        number = self._anchor(kind, anchor)
        try:
            columns = [resource.field(f) for f in fields] if fields else \
                list(resource.fields) + (list(resource.derived) if derived else [])
            for name in where or {}:
                resource.field(name)
            uppers = _range_ends(resource, columns, ranges or {})
        except KeyError as e:
            raise ShortcodeError(e.args[0]) from None
        columns = [c for c in columns if c.name not in uppers.values()]
        rows = [r for r in resource.rows
                if all(r[k] == v for k, v in (where or {}).items())]
        if not rows:
            raise ShortcodeError(f"no row of '{dataset}' matches where={dict(where or {})!r}")
        return self._block(lambda: self.render_partial("partials/table.html", table=TableView(
            anchor, kind, number, caption or resource.titles[self.lang],
            tuple(Cell(c.titles[self.lang], c.type != "string" and not c.labels) for c in columns),
            tuple(tuple(format_range(c, r[c.name], r[uppers[c.name]] if c.name in uppers else None,
                                     self.fmt, self.lang) for c in columns) for r in rows),
            _spans([r[columns[0].name] for r in rows]),
            tuple(f"{c.titles[self.lang]}: {c.descriptions[self.lang]}" for c in columns
                  if c.formula and c.descriptions) + ((note,) if note else ()),
            source_parts([resource], self.lang))))

    @shortcode(text=("caption",))
    def chart(self, chart_id: str, caption: str) -> Markup:
        """A numbered chart ("Chart 1"): its static SVG, spec, data table and downloads."""
        render = self.charts.get((chart_id, self.lang))
        if render is None:
            raise ShortcodeError(unknown_chart(chart_id, self.charts))
        anchor = f"fig-{chart_id}"
        number = self._anchor("chart", anchor)
        self.charts_used.append(chart_id)
        resources = [self._resource(name) for name in render.sources]
        rows = tuple(tuple(self._plotted_cell(value, kind) for (_, _, kind), value
                           in zip(render.columns, row.values())) for row in render.rows)
        return self._block(lambda: self.render_partial(
            "partials/figure.html", anchor=anchor, number=number,
            caption=caption, chart=render, forms=figure_forms(render, anchor),
            headers=tuple(title for _, title, _ in render.columns), rows=rows,
            sources=source_parts(resources, self.lang)))

    def _plotted_cell(self, value: Any, kind: str) -> Cell:
        if kind == "quantitative" and isinstance(value, (int, float)):
            return Cell(self.fmt.number(value), True)
        return Cell("" if value is None else str(value), False)

    @shortcode()
    def ref(self, anchor: str) -> Markup:
        """'Table 1' / '1-кесте', linked to the table or figure with that id on this page."""
        if self.numbers is None:
            return Markup("")
        if anchor not in self.numbers:
            raise ShortcodeError(f"ref('{anchor}'): no table or figure with that id on this page"
                                 + did_you_mean(anchor, self.numbers))
        kind, number = self.numbers[anchor]
        return Markup(self.render_partial("partials/xref.html", anchor=anchor, kind=kind,
                                          number=number).strip())

    @shortcode()
    def cite(self, n: int, page: int | str | None = None) -> Markup:
        """[1, 195 б.] / [1, с. 195] / [1, p. 195], linked to reference n, with a back-link id."""
        if self.reference_list is None:
            raise ShortcodeError("cite(): this site has no content/references.yaml")
        if n not in self.reference_list.items:
            raise ShortcodeError(f"cite({n!r}): the reference list has entries "
                                 f"1–{len(self.reference_list.items)}")
        if self.numbers is not None and not self.listed:  # the numbering pass saw no list
            raise ShortcodeError(f"cite({n!r}) needs {{{{ references() }}}} on this page: a "
                                 "citation links to the reference list of its own page")
        anchor = f"cite-{n}-{sum(1 for m, _ in self.cites if m == n) + 1}"
        self.cites.append((n, anchor))
        return Markup(self.render_partial("partials/cite.html", n=n, page=page,
                                          anchor=anchor).strip())

    @shortcode()
    def references(self) -> Markup:
        """The numbered reference list in this language's form, with back-links to each
        citation on the page."""
        if self.reference_list is None:
            raise ShortcodeError("references(): this site has no content/references.yaml")
        self.listed = True
        backlinks: dict[int, list[str]] = {}
        for n, anchor in self.planned_cites:
            backlinks.setdefault(n, []).append(anchor)
        entries = self.reference_list.entries(self.lang)
        return self._block(lambda: self.render_partial("partials/references.html",
                                                       entries=entries, backlinks=backlinks))

    @shortcode()
    def codebook(self, dataset: str) -> Markup:
        """The fields of a dataset: name, title, type, unit and labels, in this language."""
        resource = self._resource(dataset)
        return self._block(lambda: self.render_partial("partials/codebook.html", resource=resource))

    @shortcode()
    def downloads(self, dataset: str) -> Markup:
        """Links to the dataset's CSV and JSON and to datapackage.json."""
        resource = self._resource(dataset)
        return self._block(lambda: self.render_partial("partials/downloads.html", resource=resource))


def shortcode_names() -> list[str]:
    """The names of the shortcodes, in definition order."""
    return [name for name, member in vars(Shortcodes).items()
            if callable(member) and hasattr(member, "shortcode_text")]


def token_functions() -> dict[str, Callable[..., Markup]]:
    """Every shortcode as a function that prints what it refers to instead of rendering
    it ("⟦value:key_figures/almaty_arrivals/value⟧"), with the same parameters, for the
    translation check. Prose arguments (a caption) are reduced to their numbers."""
    return {name: _tokenizer(name, getattr(Shortcodes, name)) for name in shortcode_names()}


def _tokenizer(name: str, method: Callable) -> Callable[..., Markup]:
    signature = inspect.signature(method)
    text = method.shortcode_text  # type: ignore[attr-defined]

    def token(*args: Any, **kwargs: Any) -> Markup:
        bound = signature.bind(None, *args, **kwargs)  # None stands for self
        parts = []
        for param, value in list(bound.arguments.items())[1:]:
            if param in text:
                value = ",".join(re.findall(r"\d+", str(value or "")))
            default = signature.parameters[param].default
            parts.append(str(value) if default is inspect.Parameter.empty else f"{param}={value}")
        return Markup(f"⟦{name}:{'/'.join(parts)}⟧")
    return token
