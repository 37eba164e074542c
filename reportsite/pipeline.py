"""The build in three stages: load_site() -> render_site() -> write_site().

Only write_site touches the output folder, and it replaces it in one rename after
everything else succeeded, so a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from babel.support import Translations
from markupsafe import Markup

from .archive import checksums, source_epoch, write_zip
from .charts import CACHE_DIR, ChartRender, Renderer, list_charts, render_charts, spec_json
from .checks import TokenShortcodes, check_links, compare_translations, page_signature
from .config import SiteConfig, load_config
from .content import CONTENT_DIR, Page, PageGroup, load_pages
from .data import DataPackage, load_data
from .errors import Report, SiteError, SiteErrors, rel
from .i18n import d3_format_locale, d3_time_format_locale, load_catalogs, native_name
from .outputs import (chart_files, citation_bib, citation_cff, citation_ris, data_files,
                      og_locale, robots, scholarly_jsonld, sitemap)
from .prose import (Prose, audit_html, compile_body, place_blocks, render_markdown,
                    run_shortcodes)
from .references import References, load_references
from .render import (Chrome, Link, PageView, base_context, check_template, list_templates,
                     make_environment, render_template)
from .shortcodes import Shortcodes

STATIC_DIR = "static"
CHARTS_JS = Path(__file__).parent / "assets" / "charts.js"  # the generator's own chart glue
SITE_TEMPLATES = {"root": "index.html", "404": "404.html"}  # template -> file, at the site root
INPUT_DIRS = (CONTENT_DIR, "templates", "locales", STATIC_DIR, "data", "charts")


@dataclass(frozen=True)
class Site:
    """Everything read from a site folder, checked, and ready to render."""

    root: Path  # the site folder (holds site.yaml)
    config: SiteConfig  # site.yaml
    pages: tuple[PageGroup, ...]  # pages with their translations, in navigation order
    catalogs: Mapping[str, Translations]  # compiled UI strings per language
    data: DataPackage | None  # data/datapackage.yaml and its CSVs, checked (None: no data)
    references: References | None  # content/references.yaml (None: no reference list)
    report: Report  # warnings so far; rendering adds to it
    cache_dir: Path  # where chart renders are kept between builds (default: root/.cache)


@dataclass
class Outputs:
    """The rendered site in memory: relative path -> bytes, with the source of each."""

    files: dict[str, bytes] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # output path -> what produced it
    archive_only: dict[str, bytes] = field(default_factory=dict)  # README.txt: zip, not site
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds), in order

    def lap(self, stage: str, started: float) -> float:
        """Record how long a stage took since started; return the new start."""
        now = time.perf_counter()
        self.timings.append((stage, now - started))
        return now

    def add(self, path: str, data: bytes, source: str, report: Report) -> None:
        """Add one file; two sources writing one path is an error naming both."""
        if path in self.files:
            report.error(source, None, f"writes {path}, which {self.sources[path]} also writes")
            return
        self.files[path] = data
        self.sources[path] = source


def load_site(root: Path, strict: bool = False, cache_dir: Path | None = None) -> Site:
    """Read and check site.yaml, content/, locales/, data/ and templates/; write nothing."""
    root = root.resolve()
    report = Report(strict=strict)
    config = load_config(root, report)
    pages = load_pages(root, config, report)
    catalogs = load_catalogs(root, config.languages, report)
    data = load_data(root, config.languages, report)
    references = load_references(root, config.languages, report)
    available = list_templates(root)
    for name in SITE_TEMPLATES:
        if name not in available:
            report.error(f"templates/{name}.html", None, "missing: the generator renders it for "
                         "every site")
    page_templates = available - set(SITE_TEMPLATES) - {"base"}
    for group in pages:
        for page in group.pages.values():
            problem = check_template(page.template, page_templates, page.path, page.template_line)
            if problem:
                report.errors.append(problem)
    report.raise_if_errors()
    return Site(root, config, pages, catalogs, data, references, report,
                (cache_dir or root / CACHE_DIR).resolve())


def render_site(site: Site) -> Outputs:
    """Render every page in every language, the root chooser, 404 and static files."""
    outputs = Outputs()
    started = time.perf_counter()
    _first_chart.cache_clear()  # charts may come and go between builds of one process (serve)
    report = site.report
    languages = site.config.languages
    envs = {lang: make_environment(site.root, lang, site.catalogs[lang]) for lang in languages}
    renderer = Renderer(site.cache_dir) if list_charts(site.root) else None
    charts = render_charts(site.root, site.data, languages,
                           {lang: site.catalogs[lang].gettext for lang in languages}, renderer)
    started = outputs.lap("charts", started)
    prose_cache: dict[str, tuple[Prose, bool]] = {}
    for group in site.pages:
        for page in group.pages.values():
            try:
                prose_cache[page.path] = _render_prose(site, envs[page.lang], charts, page)
            except SiteErrors as e:
                report.errors.extend(e.errors)
    report.raise_if_errors()
    started = outputs.lap("shortcodes and Markdown", started)
    for problem in check_parity(site):
        report.warn(problem.path, problem.line, problem.message)
    started = outputs.lap("translation check", started)
    for lang in languages:
        for group in site.pages:
            page = group.source(lang, languages)
            html = _render_page(site, envs[lang], lang, group, page, *prose_cache[page.path])
            outputs.add(f"{lang}/{group.key}.html", html.encode("utf-8"), page.path, report)
    _add_generated(site, charts, renderer, outputs, report)
    _add_documents(site, envs, outputs, report)
    for name, filename in SITE_TEMPLATES.items():
        html = _render_multilingual(site, envs, name, filename)
        outputs.add(filename, html.encode("utf-8"), f"templates/{name}.html", report)
    _add_static(site, outputs, report)
    started = outputs.lap("pages and files", started)
    for problem in check_links(outputs.files, outputs.sources):
        report.warn(problem.path, problem.line, problem.message)
    outputs.lap("link check", started)
    report.raise_if_errors()
    return outputs


def _render_prose(site: Site, env, charts: Mapping[tuple[str, str], ChartRender],
                  page: Page) -> tuple[Prose, bool]:
    """A page body in its own language: shortcodes (two passes), Markdown, blocks.
    Returns the prose and whether it shows a chart."""
    template = compile_body(page.body, page.path, page.body_line)

    def partial(name: str, **context) -> str:
        return render_template(env, name.removesuffix(".html"),
                               {"site": site.config, "lang": page.lang} | context,
                               site.root, page.path)

    numbering = Shortcodes(page.lang, site.data, charts, partial, site.references)
    run_shortcodes(template, numbering.functions(), page.path, page.body_line)
    codes = Shortcodes(page.lang, site.data, charts, partial, site.references, numbering)
    text = run_shortcodes(template, codes.functions(), page.path, page.body_line)
    prose = render_markdown(text)
    audit_html(prose.html, page.body, page.path, page.body_line)  # before our own blocks go in
    html = place_blocks(prose.html, codes.blocks, page.path)
    return Prose(html, prose.toc), bool(codes.charts_used)


def check_parity(site: Site) -> list[SiteError]:
    """Translation consistency: each translation of a page against the original."""
    problems = []
    tokens = TokenShortcodes().functions()
    for group in site.pages:
        if len(group.pages) < 2:
            continue
        signatures, paths = {}, {}
        for lang, page in group.pages.items():
            template = compile_body(page.body, page.path, page.body_line)
            text = run_shortcodes(template, tokens, page.path, page.body_line)
            signatures[lang], paths[lang] = page_signature(text), page.path
        original = next(lang for lang in site.config.languages if lang in group.pages)
        problems += compare_translations(signatures, paths, original)
    return problems


def _render_page(site: Site, env, lang: str, group: PageGroup, page: Page, prose: Prose,
                 has_charts: bool) -> str:
    """One page in one language (its own text, or the original's with a notice)."""
    chrome = _chrome(site, lang, group.key)
    view = PageView(key=group.key, title=page.title, description=page.description,
                    html=prose.html, toc=prose.toc, lang=page.lang, source=page.path,
                    borrowed=page.lang != lang, charts=has_charts)
    keys = [g.key for g in site.pages]
    context = base_context(site.config, chrome) | {
        "page": view, "og_locale": og_locale(lang),
        "og_alternates": [og_locale(code) for code in site.config.languages if code != lang],
        "jsonld": Markup(spec_json(scholarly_jsonld(site.config, lang, keys, group.key, site.data))),
        "og_image": _og_image(site, lang),
    }
    if has_charts:
        context["d3_locales"] = Markup(_d3_locales_json(page.lang))
    return render_template(env, page.template, context, site.root, page.path)


@functools.lru_cache(maxsize=None)
def _d3_locales_json(lang: str) -> str:
    """The page's d3 number and time locales as embeddable JSON (the same for every page of
    a language, so made once)."""
    return spec_json({"format": d3_format_locale(lang), "time": d3_time_format_locale(lang)})


@functools.lru_cache(maxsize=None)
def _first_chart(root: Path) -> str | None:
    """The id of the site's first chart (looked up once per build)."""
    return min(list_charts(root), default=None)


def _og_image(site: Site, lang: str) -> str | None:
    """The link-preview image: the PNG of the site's first chart, when base_url is set."""
    chart = _first_chart(site.root)
    if chart is None or not site.config.base_url:
        return None
    return f"{site.config.base_url}{lang}/figures/{chart}.png"


def _add_generated(site: Site, charts: Mapping[tuple[str, str], ChartRender],
                   renderer: Renderer | None, outputs: Outputs, report: Report) -> None:
    """The published data package, chart downloads and the chart runtime."""
    if site.config.base_url:
        keys = [g.key for g in site.pages]
        outputs.add("sitemap.xml", sitemap(site.config, keys), "site.yaml (base_url)", report)
        outputs.add("robots.txt", robots(site.config), "site.yaml (base_url)", report)
    if site.data is not None:
        for path, data in data_files(site.data, site.config.original).items():
            outputs.add(path, data, "data/datapackage.yaml", report)
    for path, data in chart_files(charts).items():
        outputs.add(path, data, "charts/" + path.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".py",
                    report)
    if charts and renderer is not None:
        outputs.add("assets/vega.js", renderer.bundle(),
                    "vl-convert (javascript_bundle)", report)
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(), "reportsite/assets/charts.js",
                    report)


def _chrome(site: Site, lang: str, key: str) -> Chrome:
    """Navigation and language links for page key in language lang."""
    filename = f"{key}.html"
    languages = tuple(Link(f"../{code}/{filename}", native_name(code), code, code == lang)
                      for code in site.config.languages)
    nav = tuple(Link(f"{group.key}.html",
                     group.source(lang, site.config.languages).nav_title,
                     group.source(lang, site.config.languages).lang, group.key == key)
                for group in site.pages)
    x_default = "../index.html" if key == "index" else f"../{site.config.original}/{filename}"
    return Chrome(lang, "../", filename, languages, nav, x_default)


def _render_multilingual(site: Site, envs: dict, name: str, filename: str) -> str:
    """A root-level page (language chooser, 404) with one block per language."""
    original = site.config.original
    blocks = []
    for lang in site.config.languages:
        chrome = Chrome(lang, "", filename, (), (), "index.html")
        context = base_context(site.config, chrome) | {"target": f"{lang}/index.html"}
        blocks.append((lang, Markup(render_template(envs[lang], f"partials/{name}_block",
                                                    context, site.root, f"templates/{name}.html"))))
    languages = tuple(Link(f"{code}/index.html", native_name(code), code, False)
                      for code in site.config.languages)
    chrome = Chrome(original, "", filename, languages, (), "index.html")
    context = base_context(site.config, chrome) | {"blocks": blocks}
    return render_template(envs[original], name, context, site.root, f"templates/{name}.html")


def _add_documents(site: Site, envs: dict, outputs: Outputs, report: Report) -> None:
    """Citation files, LICENSE.txt, codebooks and the archive's README.txt (all languages)."""
    config = site.config
    lang = "en" if "en" in config.languages else config.original  # citation managers' lingua franca
    for name, make in (("CITATION.cff", citation_cff), ("citation.bib", citation_bib),
                       ("citation.ris", citation_ris)):
        outputs.add(name, make(config, lang), "site.yaml", report)
    licenses = list(site.data.licenses) if site.data else []

    def every_language(template: str, **context) -> bytes:
        parts = [render_template(envs[code], template, {"site": config, "lang": code} | context,
                                 site.root, f"templates/{template}").strip()
                 for code in config.languages]
        return ("\n\n" + "=" * 72 + "\n\n").join(parts).encode() + b"\n"

    # These documents are made when the site has their templates (this site does).
    def has(template: str) -> bool:
        return (site.root / "templates" / template).is_file()

    if has("license.txt"):
        outputs.add("LICENSE.txt", every_language("license.txt", data_licenses=licenses),
                    "templates/license.txt", report)
    if has("readme.txt"):
        outputs.archive_only["README.txt"] = every_language("readme.txt")
    if site.data is not None and has("codebook.md"):
        for code in config.languages:
            text = render_template(envs[code], "codebook.md",
                                   {"site": config, "lang": code, "package": site.data},
                                   site.root, "templates/codebook.md")
            outputs.add(f"data/codebook.{code}.md", text.encode(), "templates/codebook.md", report)


def _add_static(site: Site, outputs: Outputs, report: Report) -> None:
    """Copy static/ into the site root, in sorted order."""
    static = site.root / STATIC_DIR
    if not static.is_dir():
        return
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        relative = path.relative_to(static).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        outputs.add(relative, path.read_bytes(), rel(path, site.root), report)


def write_site(outputs: Outputs, out_dir: Path, root: Path) -> None:
    """Write outputs to a temporary folder beside out_dir, then swap it into place."""
    out_dir, root = out_dir.resolve(), root.resolve()
    _refuse_unsafe_output(out_dir, root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for relative in sorted(outputs.files):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(outputs.files[relative])
            os.chmod(target, 0o644)
        for folder in (staging, *(p for p in staging.rglob("*") if p.is_dir())):
            os.chmod(folder, 0o755)  # mkdtemp makes 0700; a served site must be readable
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(old / "site")
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_archive(site: Site, outputs: Outputs, dist: Path) -> Path:
    """dist/<slug>-<version>.zip: the site, README.txt and SHA256SUMS.txt, reproducibly."""
    config = site.config
    folder = f"{config.slug}-{config.version}"
    files = dict(outputs.files) | outputs.archive_only
    files["SHA256SUMS.txt"] = checksums(files)
    target = dist.resolve() / f"{folder}.zip"
    write_zip(files, target, folder, source_epoch(site.root, config))
    return target


def _refuse_unsafe_output(out_dir: Path, root: Path) -> None:
    """Never replace the site's own folder, an input folder, or a folder that is not a site."""
    inputs = [root] + [root / name for name in INPUT_DIRS]
    if out_dir in inputs or out_dir in root.parents or any(d in out_dir.parents for d in inputs[1:]):
        raise SiteErrors([_output_error(out_dir, "is the site folder, holds it, or is inside "
                                        "one of its input folders; choose another --out")])
    if out_dir.is_file() or (out_dir.is_dir() and any(out_dir.iterdir())
                             and not (out_dir / "index.html").is_file()):
        raise SiteErrors([_output_error(out_dir, "exists and does not look like a built site "
                                        "(no index.html); remove it or choose another --out")])


def _output_error(out_dir: Path, why: str) -> SiteError:
    """A SiteError about the output folder."""
    return SiteError(str(out_dir), None, f"refusing to write the site here: it {why}")
