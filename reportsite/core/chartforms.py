"""The forms of a chart, derived by the generator from the one spec a chart module makes:
a wide form for the text column and a narrow one for phones (wrapped axis labels, fewer
ticks, the legend above), each drawn in a light and a dark theme (Vega-Lite configs, not
a colour filter), so that a reader with JavaScript off gets the chart that fits their
screen and scheme, at a text size of 11 px or more.

Both forms have a fixed size in px: the wide one at most WIDE px across, the narrow one
NARROW (a phone of 390 px shows it unscaled). Pages show the form that fits the chart's
box (site.css, with a container query) and charts.js makes that form interactive."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from reportsite.core.typeface import FAMILY, text_width, wrap

WIDE = 600  # px: the wide form's greatest width (the text column is 38-40 rem)
NARROW = 340  # px: the narrow form's width (a 390 px phone has 347 px for a chart)
FORMS = ("wide", "narrow")  # the first is the one downloads, the PDF and JATS show
NARROW_LABEL = 120  # px: the widest line of an axis label in the narrow form
NARROW_TICKS = 3  # ticks on a quantitative axis of the narrow form
FONT_SIZE = 12  # px: chart text (never below 11 at any width the forms are shown at)

# Shared by both themes: the page's type family, and text sizes.
BASE = {
    "font": FAMILY,
    "axis": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "titleFontWeight": "bold"},
    "legend": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE, "symbolSize": 120},
    "header": {"labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE},
    "title": {"fontSize": 14, "subtitleFontSize": FONT_SIZE},
    "text": {"fontSize": FONT_SIZE},
    "bar": {"strokeWidth": 1},
}
# The page's colours (site.css: --fg, --muted, --rule) on the chart's background; bars are
# parted by a line of the background. Data colours are the chart module's, the same in
# both themes, so a legend means the same on the page, in print and in a download.
PALETTES = {
    "light": {"background": "#ffffff", "text": "#1d1f24", "muted": "#555b66", "rule": "#dcd8cf"},
    "dark": {"background": "#1f2228", "text": "#e7e5e0", "muted": "#aab0ba", "rule": "#3a3f4a"},
}


def theme(name: str) -> dict:
    """The Vega-Lite config of a theme: BASE with the theme's colours."""
    colours = PALETTES[name]
    config = copy.deepcopy(BASE)
    config["background"] = colours["background"]
    config["axis"].update(labelColor=colours["text"], titleColor=colours["text"],
                          domainColor=colours["muted"], tickColor=colours["muted"],
                          gridColor=colours["rule"])
    config["legend"].update(labelColor=colours["text"], titleColor=colours["text"])
    config["header"].update(labelColor=colours["text"], titleColor=colours["text"])
    config["title"].update(color=colours["text"], subtitleColor=colours["muted"])
    config["text"]["color"] = colours["text"]
    config["bar"]["stroke"] = colours["background"]
    config["view"] = {"stroke": None}
    return config


THEMES = {name: theme(name) for name in PALETTES}


@dataclass(frozen=True)
class ChartForm:
    """One form of a chart in one language: its spec and its static SVG in each theme."""

    name: str  # "wide" or "narrow"
    spec: Mapping[str, Any]  # the Vega-Lite spec (the theme is given apart: THEMES)
    svgs: Mapping[str, str]  # theme name -> static SVG
    width: int  # px, the SVGs' size (the same in both themes)
    height: int


def encodings(spec: Mapping[str, Any]) -> Iterator[dict]:
    """Every encoding block of a spec and of its layers."""
    if isinstance(spec.get("encoding"), dict):
        yield spec["encoding"]
    for part in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(part) or []:
            yield from encodings(child)
    if isinstance(spec.get("spec"), dict):
        yield from encodings(spec["spec"])


def values_of(spec: Mapping[str, Any], field: str) -> list[str]:
    """The distinct values of a field in a spec's inline data (its layers' included), as
    text, in order."""
    rows = list(inline_rows(spec))
    return list(dict.fromkeys(str(row[field]) for row in rows
                              if isinstance(row, dict) and row.get(field) is not None))


def inline_rows(spec: Mapping[str, Any]) -> Iterator[Any]:
    """The rows of a spec's inline data, its named datasets' and its layers'."""
    data = spec.get("data") or {}
    if isinstance(data.get("values"), list):
        yield from data["values"]
    for dataset in (spec.get("datasets") or {}).values():
        yield from dataset
    for part in spec.get("layer") or []:
        yield from inline_rows(part)


def narrow_spec(spec: Mapping[str, Any]) -> dict:
    """The narrow form of a spec: the labels of a band axis of bars moved above their bars
    (the bars get the whole width) and wrapped to it, other band-axis labels wrapped, at
    most NARROW_TICKS ticks on quantitative axes, axis titles wrapped, legends on top, in
    as many columns as fit."""
    narrow = copy.deepcopy(dict(spec))
    plot = NARROW - 2 * SIDE
    above = isinstance(narrow.get("height"), dict) and "step" in narrow["height"] and any(
        band_channel(encoding) == "y" for encoding in encodings(narrow))
    if above:
        lines = max((len(wrap(value, plot, FONT_SIZE)) for encoding in encodings(narrow)
                     if band_channel(encoding) == "y"
                     for value in values_of(narrow, encoding["y"]["field"])), default=1)
        step = narrow["height"]["step"]
        bar = step * (1 - BAR_PADDING)
        narrow["height"] = {"step": step + lines * (FONT_SIZE + 2) + 6}
    for encoding in encodings(narrow):
        for channel in ("x", "y"):
            if isinstance(encoding.get(channel), dict):
                narrow_axis(narrow, encoding[channel], plot if above and channel == "y"
                            else NARROW_LABEL, plot)
        if above and band_channel(encoding) == "y":
            label_bars_from_above(encoding["y"], bar, narrow["height"]["step"])
        for channel in ("color", "fill", "stroke", "shape", "size", "opacity"):
            if isinstance(encoding.get(channel), dict):
                narrow_legend(narrow, encoding[channel])
    return narrow


SIDE = 6  # px: Vega's padding at each side of a chart, and a little more
BAR_PADDING = 0.1  # Vega-Lite's default inner padding of a band scale of bars


def band_channel(encoding: Mapping[str, Any]) -> str | None:
    """"y" for horizontal bars (a nominal y beside a quantitative x), "x" the other way."""
    kinds = {channel: (encoding.get(channel) or {}).get("type") for channel in ("x", "y")}
    for band, value in (("y", "x"), ("x", "y")):
        if kinds[band] in ("nominal", "ordinal") and kinds[value] == "quantitative" \
                and isinstance(encoding[band].get("field"), str):
            return band
    return None


def label_bars_from_above(definition: dict, bar: float, step: float) -> None:
    """A y channel's labels set above each bar (in place): the band keeps the bar's
    thickness and adds the labels' lines as padding."""
    definition["scale"] = dict(definition.get("scale") or {},
                               paddingInner=round(1 - bar / step, 4),
                               paddingOuter=round((1 - bar / step) / 2, 4))
    axis = definition["axis"]
    axis.update(labelAlign="left", labelBaseline="bottom", labelPadding=0, ticks=False,
                domain=False, labelOffset=-round(bar / 2 + 3, 1), offset=0)


def narrow_axis(spec: dict, definition: dict, label_width: float, plot: float) -> None:
    """One x or y channel's axis in the narrow form (in place)."""
    if definition.get("axis", {}) is None:
        return
    axis = dict(definition.get("axis") or {})
    kind, field = definition.get("type"), definition.get("field")
    size = axis.get("labelFontSize", FONT_SIZE)
    if kind in ("nominal", "ordinal") and isinstance(field, str) and "labelExpr" not in axis:
        lines = {value: wrap(value, label_width, size) for value in values_of(spec, field)}
        wrapped = {value: parts for value, parts in lines.items() if len(parts) > 1}
        if wrapped:
            axis["labelExpr"] = wrapped_labels(spec, field, wrapped)
        axis["labelLimit"] = label_width + 8
        axis["labelLineHeight"] = size + 2
    if kind == "quantitative":
        axis["tickCount"] = min(axis.get("tickCount", NARROW_TICKS), NARROW_TICKS)
    title = definition.get("title")
    if isinstance(title, str) and title:
        definition["title"] = wrap(title, plot, FONT_SIZE, bold=True)
    definition["axis"] = axis


def wrapped_labels(spec: dict, field: str, wrapped: Mapping[str, list[str]]) -> str:
    """A labelExpr giving each wrapped label its lines. The labels and their lines are
    parameters of the spec (JSON values, never parsed as an expression, whatever a label
    holds), looked up by the label's place among them."""
    name = f"reportsite_{re.sub(r'[^A-Za-z0-9_]', '_', field)}"
    params = [p for p in spec.get("params", []) if not str(p.get("name")).startswith(name)]
    spec["params"] = params + [{"name": f"{name}_labels", "value": list(wrapped)},
                               {"name": f"{name}_lines", "value": list(wrapped.values())}]
    found = f"indexof({name}_labels, datum.label)"
    return f"{found} >= 0 ? {name}_lines[{found}] : datum.label"


def narrow_legend(spec: dict, definition: dict) -> None:
    """A legend on top, its entries in as many columns as NARROW holds (in place)."""
    if definition.get("legend", {}) is None or not isinstance(definition.get("field"), str):
        return
    legend = dict(definition.get("legend") or {})
    size = legend.get("labelFontSize", FONT_SIZE)
    entries = [text_width(value, size) + size + 16
               for value in values_of(spec, definition["field"])]
    columns, used = 0, 0.0
    for entry in entries:
        if used + entry > NARROW - 2 * SIDE:
            break
        columns, used = columns + 1, used + entry
    legend.update(orient="top", direction="horizontal", columns=max(1, columns))
    definition["legend"] = legend


def fitted(spec: Mapping[str, Any], target: int, measure: Callable[[dict], int],
           grow: bool) -> dict:
    """The spec with its plot width changed so that the whole chart is target px wide
    (grow=False: only if it is wider). Measured by drawing it: the space labels, legends
    and text beside the bars take is what the font makes of them."""
    fitted_spec = dict(spec)
    if not isinstance(spec.get("width"), (int, float)):
        return fitted_spec
    for _ in range(3):
        total = measure(fitted_spec)
        if total == target or (total < target and not grow):
            break
        fitted_spec = dict(fitted_spec, width=max(60, round(fitted_spec["width"] + target - total)))
    return fitted_spec


def form_specs(spec: Mapping[str, Any], measure: Callable[[dict], int]) -> dict[str, dict]:
    """The wide and narrow forms' specs: the module's spec no wider than WIDE, and its
    narrow form NARROW wide."""
    return {"wide": fitted(spec, WIDE, measure, grow=False),
            "narrow": fitted(narrow_spec(spec), NARROW, measure, grow=True)}
