"""Charts: one Altair module per chart, rendered per language to a Vega-Lite spec and its
forms (core/chartforms.py: wide and narrow, each a static SVG in a light and a dark
theme, drawn by vl-convert in the theme's type and cached in .cache/), and the exact data
they plot."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator, Mapping

from reportsite.core.cache import Cache, generator_digest, sha256
from reportsite.core.chartforms import FORMS, THEMES, ChartForm, form_specs
from reportsite.core.errors import SiteError, SiteErrors, did_you_mean, rel
from reportsite.core.i18n import Formatter, d3_format_locale, d3_time_format_locale
from reportsite.core.layout import CHARTS_DIR, CONFIG_FILE, DATA_DIR, LOCALES_DIR, RUNTIME
from reportsite.core.paths import inside
from reportsite.core.pool import Died, Overrun, run_watched
from reportsite.core.signing import user_folder
from reportsite.core.typeface import font_directory, fonts_digest, text_width
from reportsite.load.data import DataPackage, Resource
from reportsite.load.site import Site

CHART_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")


@dataclass
class ChartContext:
    """What a chart module's chart(ctx) gets: the data, the language, and gettext."""

    lang: str  # the language to draw in
    data: DataPackage  # every dataset, checked
    _: Callable[[str], str]  # gettext for the chart's own strings (titles, axes, legends)
    fmt: Formatter  # numbers and dates for this language
    used: list[str] = field(default_factory=list)  # datasets the chart read, for its source line

    def dataset(self, name: str) -> Resource:
        """A dataset by name (recorded as a source of this chart)."""
        resource = self.data.resource(name)
        if name not in self.used:
            self.used.append(name)
        return resource

    def records(self, name: str, short: bool = True) -> list[dict[str, Any]]:
        """Rows of a dataset for plotting: labelled fields as text in this language (short
        labels where given), with the raw code kept as '<field>_code'."""
        resource = self.dataset(name)
        out = []
        for row in resource.rows:
            record: dict[str, Any] = {}
            for f in resource.all_fields:
                if f.labels:
                    record[f.name] = f.label(row[f.name], self.lang, short=short)
                    record[f"{f.name}_code"] = row[f.name]
                else:
                    record[f.name] = row[f.name]
            out.append(record)
        return out

    def title(self, name: str, field_name: str) -> str:
        """A field's title in this language, for axes and legends."""
        return self.data.resource(name).field(field_name).titles[self.lang]

    def text_width(self, text: str, size: float = 12, bold: bool = False) -> float:
        """The width in px of a line of text in the charts' type (Noto Serif) at size px:
        to decide in Python whether a label fits where the chart puts it."""
        return text_width(text, size, bold)


@dataclass(frozen=True)
class ChartRender:
    """One chart in one language, ready to place in a page."""

    id: str  # chart id (file name of its module)
    lang: str
    forms: tuple[ChartForm, ...]  # wide, then narrow (chartforms.FORMS)
    description: str  # text alternative for screen readers
    columns: tuple[tuple[str, str, str], ...]  # plotted data: (field, heading, type)
    rows: tuple[Mapping[str, Any], ...]  # the plotted data values
    sources: tuple[str, ...]  # dataset names the chart drew from

    @property
    def spec(self) -> Mapping[str, Any]:
        """The wide form's Vega-Lite spec (the one print, JATS and downloads show)."""
        return self.forms[0].spec

    @property
    def svg(self) -> str:
        """The wide form's static SVG in the light theme."""
        return self.forms[0].svgs["light"]

    @property
    def width(self) -> int:
        """The wide form's width in px (pages reserve its box before anything loads)."""
        return self.forms[0].width

    @property
    def height(self) -> int:
        """The wide form's height in px."""
        return self.forms[0].height


def svg_size(svg: str) -> tuple[int, int]:
    """The width and height attributes of an SVG's root element, in whole px."""
    root = re.search(r"<svg\b[^>]*>", svg)
    sizes = [re.search(rf'\s{name}="([0-9.]+)"', root.group(0)) if root else None
             for name in ("width", "height")]
    if not all(sizes):
        raise ValueError("the chart's SVG has no width and height")
    return round(float(sizes[0].group(1))), round(float(sizes[1].group(1)))


def list_charts(root: Path) -> dict[str, Path]:
    """Chart modules in charts/, by id."""
    folder = root / CHARTS_DIR
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.py")) if not p.name.startswith("_")}


def load_modules(root: Path, paths: dict[str, Path]) -> dict[str, ModuleType]:
    """Import every chart module; report syntax and import errors with their line."""
    modules, problems = {}, []
    for chart_id, path in paths.items():
        shown = rel(path, root)
        if not inside(path, root, problems):  # code from outside the site is never run
            continue
        if not CHART_ID_RE.match(chart_id):
            problems.append(SiteError(shown, None, "chart file names must be lower-case letters, "
                                      "digits and '_' (the name is the chart id)"))
            continue
        spec = importlib.util.spec_from_file_location(f"reportsite_chart_{chart_id}", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        try:
            spec.loader.exec_module(module)  # type: ignore[union-attr]
        except SyntaxError as e:
            problems.append(SiteError(shown, e.lineno, f"syntax error: {e.msg}"))
            continue
        except Exception as e:  # the module's own code failed: report it where it failed
            problems.append(SiteError(shown, _line_in(e, path), f"{type(e).__name__}: {e}"))
            continue
        if not callable(getattr(module, "chart", None)):
            problems.append(SiteError(shown, None, "defines no chart(ctx) function returning an "
                                      "Altair chart"))
            continue
        modules[chart_id] = module
    if problems:
        raise SiteErrors(problems)
    return modules


def _line_in(error: BaseException, path: Path) -> int | None:
    """The innermost line of path in an exception's traceback."""
    lines = [f.lineno for f in traceback.extract_tb(error.__traceback__)
             if Path(f.filename).resolve() == path.resolve()]
    return lines[-1] if lines else None


def build_spec(module: ModuleType, ctx: ChartContext, path: Path, root: Path) -> dict:
    """Run chart(ctx) and return its Vega-Lite spec as a plain dict."""
    shown = rel(path, root)
    try:
        chart = module.chart(ctx)
        spec = chart.to_dict()
    except KeyError as e:  # an unknown dataset or field, with the close match
        raise SiteErrors([SiteError(shown, _line_in(e, path), str(e.args[0]))]) from e
    except Exception as e:
        raise SiteErrors([SiteError(shown, _line_in(e, path),
                                    f"chart({ctx.lang!r}) failed: {type(e).__name__}: {e}")]) from e
    if not isinstance(spec.get("description"), str) or not spec["description"].strip():
        raise SiteErrors([SiteError(shown, None, "the chart has no description: pass "
                                    "description=... (a sentence for screen readers)")])
    return spec


def plotted(spec: Mapping[str, Any]) -> tuple[tuple[tuple[str, str, str], ...], tuple[dict, ...]]:
    """The columns (from the tooltip: field, title, type) and rows the spec plots."""
    tooltip = _find_tooltip(spec)
    if not tooltip:
        raise ValueError("the chart has no tooltip listing its fields; add "
                         "tooltip=[alt.Tooltip(field, title=...), ...] so readers can see the values")
    columns = tuple((t["field"], t.get("title", t["field"]), t.get("type", "nominal"))
                    for t in tooltip)
    values: list = []
    if "datasets" in spec:
        name = (spec.get("data") or {}).get("name")
        values = spec["datasets"].get(name) or next(iter(spec["datasets"].values()))
    elif "values" in (spec.get("data") or {}):
        values = spec["data"]["values"]
    rows = tuple({c[0]: row.get(c[0]) for c in columns} for row in values)
    return columns, rows


def _find_tooltip(spec: Mapping[str, Any]) -> list[dict]:
    """The first tooltip encoding in a (possibly layered) spec."""
    tooltip = (spec.get("encoding") or {}).get("tooltip")
    if tooltip:
        return tooltip if isinstance(tooltip, list) else [tooltip]
    for layer in spec.get("layer") or []:
        found = _find_tooltip(layer)
        if found:
            return found
    return []


class Renderer:
    """vl-convert with a cache keyed by spec, theme, locale, fonts and library versions.
    vl-convert is imported (its JavaScript engine started, the charts' fonts registered)
    only when a render is not cached."""

    def __init__(self, cache: Cache):
        self.cache = cache
        self.version = vl_convert_version()
        self.versions = f"vl-convert {self.version}, fonts {fonts_digest()}"
        self.parts: list[tuple[str, str]] = []  # (kind, key) of each render used, in the cache
        self._vlc = None

    @property
    def vlc(self):
        if self._vlc is None:
            import vl_convert  # heavy: imported only when something must be rendered

            vl_convert.register_font_directory(str(font_directory(user_folder())))
            self._vlc = vl_convert
        return self._vlc

    def render(self, spec: Mapping[str, Any], lang: str, kind: str,
               config: Mapping[str, Any] | None = None) -> bytes:
        """The spec drawn as 'svg' or 'png' bytes with a theme's config, from the cache
        when it has them."""
        config = dict(config or THEMES["light"])
        locales = {"format": d3_format_locale(lang), "time": d3_time_format_locale(lang)}
        return self.cached([spec, config, locales, self.versions, kind], kind, lambda: (
            self.vlc.vegalite_to_svg(spec, config=config, format_locale=locales["format"],
                                     time_format_locale=locales["time"]).encode()
            if kind == "svg" else
            self.vlc.vegalite_to_png(spec, scale=2, config=config,
                                     format_locale=locales["format"],
                                     time_format_locale=locales["time"])))

    def svg_to_png(self, svg: str) -> bytes:
        """An SVG (a chart framed for download) as PNG at twice its size, cached."""
        return self.cached([svg, self.versions, "svg-png"], "png",
                           lambda: self.vlc.svg_to_png(svg, scale=2))

    def cached(self, key: Any, kind: str, make: Callable[[], bytes]) -> bytes:
        """What make() gives, kept (signed) in the cache under the hash of key."""
        digest = hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False)
                                .encode()).hexdigest()
        self.parts.append((kind, digest))
        return self.cache.get_or_make(kind, digest, make)

    def bundle(self) -> bytes:
        """The vega + vega-lite + vega-embed runtime as one classic script. It is
        vl-convert's javascript_bundle(), vendored for the pinned version (making it
        starts vl-convert's engine and takes over a second); another version makes it."""
        vendored = runtime_path(self.version)
        if vendored.is_file():
            code = gzip.decompress(vendored.read_bytes()).decode("utf-8")
        else:
            code = self.vlc.javascript_bundle()
        # Wrapped so its top-level names stay private; it publishes window.vegaEmbed.
        return ("(function () {\n" + code + "\n})();\n").encode("utf-8")


def vl_convert_version() -> str:
    """The installed vl-convert-python version, without importing it."""
    from reportsite.core.cache import installed_versions

    return installed_versions().get("vl-convert-python", "absent")


def runtime_path(version: str) -> Path:
    """Where the vendored runtime for a vl-convert version is kept."""
    return RUNTIME / f"vega-runtime-vl-convert-{version}.js.gz"


def vendor_runtime() -> Path:
    """Write the vendored runtime for the installed vl-convert (make vendor-vega)."""
    import vl_convert

    path = runtime_path(vl_convert_version())
    path.write_bytes(gzip.compress(vl_convert.javascript_bundle().encode("utf-8"), 9, mtime=0))
    return path


def scope_svg_ids(svg: str, prefix: str) -> str:
    """Prefix every id in an SVG (and references to it) so several charts share a page."""
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})") \
                 .replace(f'href="#{old}"', f'href="#{new}"')
    return svg


PROGRESS_SECONDS = 10.0  # how often a long-running chart module is reported


def render_charts(root: Path, data: DataPackage | None, languages: tuple[str, ...],
                  gettexts: Mapping[str, Callable[[str], str]],
                  renderer: Renderer, timeout: float = 0) -> dict[tuple[str, str], ChartRender]:
    """Every chart in every language: {(chart id, lang): ChartRender}. Each module runs in
    a process of its own (run_specs), stopped after timeout seconds per language."""
    paths = list_charts(root)
    if not paths:
        return {}
    if data is None:
        raise SiteErrors([SiteError(CHARTS_DIR, None, "charts need data: add data/datapackage.yaml")])
    import altair  # noqa: F401 -- here, once: every module's process inherits it

    renders, problems = {}, []
    for chart_id, path in paths.items():
        try:
            specs = run_specs(root, chart_id, path, data, languages, gettexts, timeout)
        except SiteErrors as e:
            problems.extend(e.errors)
            continue
        for lang, (spec, used) in specs.items():
            try:
                columns, rows = plotted(spec)
            except ValueError as e:
                problems.append(SiteError(rel(paths[chart_id], root), None, str(e)))
                break
            try:
                forms = draw_forms(spec, lang, chart_id, renderer)
            except ValueError as e:  # Vega refused the spec, e.g. a title it cannot quote
                problems.append(SiteError(rel(paths[chart_id], root), None, "vl-convert could "
                                          f"not draw the chart in '{lang}': {_vega_error(e)}"))
                break
            renders[(chart_id, lang)] = ChartRender(
                chart_id, lang, forms, spec["description"], columns, rows, used)
    if problems:
        raise SiteErrors(problems)
    return renders


def run_specs(root: Path, chart_id: str, path: Path, data: DataPackage,
              languages: tuple[str, ...], gettexts: Mapping[str, Callable[[str], str]],
              timeout: float) -> dict[str, tuple[dict, tuple[str, ...]]]:
    """Load one chart module and run chart(ctx) in each language, in a process that is
    stopped when loading it or one language's chart takes more than timeout seconds (0:
    never), saying every 10 s that it is still running: {lang: (spec, datasets used)}.
    Raises SiteErrors with the module's problems (or the time it took)."""
    shown = rel(path, root)

    def work(send: Callable[[Any], None]) -> None:
        try:
            module = load_modules(root, {chart_id: path})[chart_id]
            for lang in languages:
                send(("lang", lang))
                ctx = ChartContext(lang, data, gettexts[lang], Formatter(lang))
                send(("spec", lang, build_spec(module, ctx, path, root), tuple(ctx.used)))
        except SiteErrors as e:
            send(("errors", list(e.errors)))

    def waiting(seconds: float, messages: list) -> None:
        lang = _running(messages)
        limit = f"; --chart-timeout stops it at {timeout:g} s" if timeout else ""
        doing = f"for {lang}" if lang else "(loading it)"
        print(f"still running {shown} {doing} ({seconds:.0f} s{limit}) ...",
              file=sys.stderr, flush=True)

    try:
        messages = run_watched(work, (SiteError,), timeout, PROGRESS_SECONDS, waiting,
                               lap=lambda message: message[0] == "lang")
    except Overrun as e:
        lang = _running(e.messages)
        doing = f"chart({lang!r})" if lang else "loading the module"
        raise SiteErrors([SiteError(shown, None, f"{doing} did not finish within "
                                    f"{timeout:g} s and was stopped; make it faster, or "
                                    "allow it more time with --chart-timeout SECONDS")]) from e
    except Died as e:
        lang = _running(e.messages)
        raise SiteErrors([SiteError(shown, None, f"the chart module ended the build's process "
                                    f"({e.status}) while drawing {lang or 'nothing yet'}; a "
                                    "chart module must return, not exit")]) from e
    return _specs(shown, messages)


def _running(messages: list) -> str | None:
    """The language a chart module's process was last drawing in (None: loading it)."""
    started = [m[1] for m in messages if m[0] == "lang"]
    return started[-1] if started else None


def _specs(shown: str, messages: list) -> dict[str, tuple[dict, tuple[str, ...]]]:
    """The specs a chart module's process sent, or SiteErrors with its problems."""
    for message in messages:
        if message[0] == "errors":
            raise SiteErrors(message[1])
        if message[0] == "failed":
            raise SiteErrors([SiteError(shown, None, f"the chart module failed: {message[1]}")])
    return {m[1]: (m[2], m[3]) for m in messages if m[0] == "spec"}


def draw_forms(spec: Mapping[str, Any], lang: str, chart_id: str,
               renderer: Renderer) -> tuple[ChartForm, ...]:
    """A chart's wide and narrow forms, each drawn in every theme (ids scoped per form and
    theme: all four stand in the page)."""
    def measure(candidate: dict) -> int:
        return svg_size(renderer.render(candidate, lang, "svg").decode())[0]

    forms = []
    for name, form in form_specs(spec, measure).items():
        svgs = {theme: scope_svg_ids(renderer.render(form, lang, "svg", config).decode(),
                                     f"fig-{chart_id}-{name}-{theme}")
                for theme, config in THEMES.items()}
        width, height = svg_size(svgs["light"])
        forms.append(ChartForm(name, form, svgs, width, height))
    return tuple(sorted(forms, key=lambda form: FORMS.index(form.name)))


def _vega_error(error: ValueError) -> str:
    """The one line of a vl-convert error that says what is wrong (not its stack trace)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    found = next((line for line in lines if line.startswith("Error:")), lines[-1] if lines else "")
    return found.removeprefix("Error: ")[:300] + "; a title or label with a line break or a " \
        "line separator is a common cause"


def unknown_chart(chart_id: str, known: Mapping[tuple[str, str], Any]) -> str:
    """The message for a shortcode naming a chart that does not exist."""
    return f"unknown chart '{chart_id}'" + did_you_mean(chart_id, {k[0] for k in known})


def spec_json(spec: Mapping[str, Any]) -> str:
    """A spec as JSON that is safe inside <script type="application/json">: no '<', '>',
    '&' or line separators can end the script or open a comment."""
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


class ChartsPending(Exception):
    """A worker process needed the charts before its parent had made them (the page is
    rendered again in the parent)."""


class Charts(MappingABC):
    """The site's chart renders, (chart id, language) -> ChartRender: from the cache, else
    made (and cached) on first use by the process that created this object. A worker
    forked before they were made raises ChartsPending instead of making them again."""

    def __init__(self, site: Site, cache: Cache, timeout: float = 0):
        self.site, self.cache, self.timeout = site, cache, timeout  # timeout: per module
        self.renderer = Renderer(cache) if list_charts(site.root) else None
        self.key = sha256(generator_digest(), site.inputs.digest(
            include=(f"{CHARTS_DIR}/", f"{DATA_DIR}/", f"{LOCALES_DIR}/", CONFIG_FILE)),
            *site.config.languages)
        self.owner = os.getpid()
        clock = time.perf_counter()
        self.renders: Mapping[tuple[str, str], ChartRender] | None = \
            self._cached() if self.renderer else {}  # None: not cached
        self.seconds = time.perf_counter() - clock  # reading and making them

    def _cached(self) -> Mapping[tuple[str, str], ChartRender] | None:
        """The renders kept in the cache (and the vl-convert renders they were made of,
        kept with them for the next change to a chart), or None."""
        found = self.cache.get("charts", self.key, (ChartRender, ChartForm))
        if not isinstance(found, dict) or set(found) != {"renders", "parts"}:
            return None
        for kind, key in found["parts"]:
            self.cache.keep(kind, key)
        return found["renders"]

    def make(self) -> Mapping[tuple[str, str], ChartRender]:
        """The renders, made now unless the cache had them."""
        if self.renders is None:
            if os.getpid() != self.owner:
                raise ChartsPending
            clock = time.perf_counter()
            languages = self.site.config.languages
            self.renders = render_charts(
                self.site.root, self.site.data, languages,
                {lang: self.site.catalogs[lang].gettext for lang in languages}, self.renderer,
                self.timeout)
            self.cache.put("charts", self.key, {"renders": self.renders,
                                                "parts": self.renderer.parts})
            self.seconds += time.perf_counter() - clock
        return self.renders

    def __getitem__(self, key: tuple[str, str]) -> ChartRender:
        return self.make()[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.make())

    def __len__(self) -> int:
        return len(self.make())
