"""Every file of the site that is not a page: the root chooser and 404 (one block per
language), the published data and chart downloads, citation files, documents in every
language (LICENSE.txt, README.txt, codebooks), and the static files of the theme and site."""

from __future__ import annotations

from typing import Mapping
from urllib.parse import urlsplit

from markupsafe import Markup

from .charts import ChartRender, Renderer
from .i18n import native_name
from .outputs import (chart_files, citation_bib, citation_cff, citation_ris, data_files,
                      robots, sitemap)
from .pages import template_context
from .render import Chrome, Link, mark_fallbacks, render_template, strip_fallbacks
from .site import Site
from .theme import RUNTIME, THEME_SHOWN, find_template, shown_path, static_files
from .writing import Outputs

SITE_TEMPLATES = {"root": "index.html", "404": "404.html"}  # template -> file, at the site root
CHARTS_JS = RUNTIME / "charts.js"  # the generator's own chart glue


def add_site_files(site: Site, envs: dict, charts: Mapping[tuple[str, str], ChartRender],
                   renderer: Renderer | None, outputs: Outputs) -> None:
    """Add every file beside the pages to outputs."""
    add_generated(site, charts, renderer, outputs)
    add_documents(site, envs, outputs)
    for name, filename in SITE_TEMPLATES.items():
        html = render_multilingual(site, envs, name, filename)
        outputs.add(filename, html.encode("utf-8"), _template_source(site, f"{name}.html"))
    for relative, path in static_files(site.root).items():
        outputs.add(relative, path.read_bytes(), shown_path(path, site.root))


def _template_source(site: Site, name: str) -> str:
    """The file that provides a template, as messages name it."""
    path = find_template(site.root, name)
    return shown_path(path, site.root) if path else f"templates/{name}"


def add_generated(site: Site, charts: Mapping[tuple[str, str], ChartRender],
                  renderer: Renderer | None, outputs: Outputs) -> None:
    """The published data package, chart downloads, the chart runtime and, with base_url,
    the sitemap (and robots.txt when base_url is a host's root)."""
    if site.config.base_url:
        outputs.add("sitemap.xml", sitemap(site.config, site.page_keys), "site.yaml (base_url)")
    if site.config.base_url and urlsplit(site.config.base_url).path == "/":
        # Crawlers read robots.txt only at a host's root; under a sub-path it would be ignored.
        outputs.add("robots.txt", robots(site.config), "site.yaml (base_url)")
    if site.data is not None:
        for path, data in data_files(site.data, site.config.original).items():
            outputs.add(path, data, "data/datapackage.yaml")
    for path, data in chart_files(charts).items():
        outputs.add(path, data, "charts/" + path.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".py")
    if charts and renderer is not None:
        outputs.add("assets/vega.js", renderer.bundle(), "vl-convert (javascript_bundle)")
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(),
                    f"{THEME_SHOWN}/runtime/charts.js")


def render_multilingual(site: Site, envs: dict, name: str, filename: str) -> str:
    """A root-level page (language chooser, 404) with one block per language."""
    original = site.config.original
    source = _template_source(site, f"{name}.html")
    blocks = []
    for lang in site.config.languages:
        chrome = Chrome(lang, "", filename, (), (), "index.html")
        context = template_context(site, chrome) | {"target": f"{lang}/index.html"}
        block = render_template(envs[lang], f"partials/{name}_block", context, site.root, source)
        blocks.append((lang, Markup(block)))
    languages = tuple(Link(f"{code}/index.html", native_name(code), code, False)
                      for code in site.config.languages)
    chrome = Chrome(original, "", filename, languages, (), "index.html")
    context = template_context(site, chrome) | {"blocks": blocks}
    return mark_fallbacks(render_template(envs[original], name, context, site.root, source))


def add_documents(site: Site, envs: dict, outputs: Outputs) -> None:
    """Citation files, LICENSE.txt, codebooks and the archive's README.txt (all languages).
    The documents are made when the theme or the site has their templates."""
    config = site.config
    lang = "en" if "en" in config.languages else config.original  # citation managers' lingua franca
    for name, make in (("CITATION.cff", citation_cff), ("citation.bib", citation_bib),
                       ("citation.ris", citation_ris)):
        outputs.add(name, make(config, lang), "site.yaml")
    licenses = list(site.data.licenses) if site.data else []

    def render(template: str, code: str, **context) -> str:
        chrome = Chrome(code, "", template, (), (), "index.html")
        text = render_template(envs[code], template, template_context(site, chrome) | context,
                               site.root, _template_source(site, template))
        return strip_fallbacks(text)

    def every_language(template: str, **context) -> bytes:
        parts = [render(template, code, **context).strip() for code in config.languages]
        return ("\n\n" + "=" * 72 + "\n\n").join(parts).encode() + b"\n"

    if find_template(site.root, "license.txt"):
        outputs.add("LICENSE.txt", every_language("license.txt", data_licenses=licenses),
                    _template_source(site, "license.txt"))
    if find_template(site.root, "readme.txt"):
        outputs.archive_only["README.txt"] = every_language("readme.txt")
    if site.data is not None and find_template(site.root, "codebook.md"):
        for code in config.languages:
            outputs.add(f"data/codebook.{code}.md",
                        render("codebook.md", code, package=site.data).encode(),
                        _template_source(site, "codebook.md"))
