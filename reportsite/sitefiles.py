"""Every file of the site that is not a page: the published data and chart downloads,
the documents (documents.py), the static files of the theme and site, the third-party
notices, then the landing page and 404 (one block per language) and SHA256SUMS.txt."""

from __future__ import annotations

from typing import Mapping

from markupsafe import Markup

from .cache import Cache, generator_digest, sha256
from .charts import ChartRender, Renderer
from .crate import CRATE, crate_graph, with_sizes
from .datacite import datacite_xml
from .documents import (CHECKSUMS, add_checksums, add_documents, add_notices, file_list,
                        template_source)
from .i18n import native_name
from .jats import jats_jobs, license_line
from .manifest import package_paths
from .outputs import at_host_root, chart_files, data_files, robots, sitemap, workbook
from .pdf import pdf_jobs
from .pages import template_context
from .paths import read_inside
from .render import Chrome, Link, mark_fallbacks, render_template
from .site import Site
from .theme import RUNTIME, THEME_SHOWN, shown_path, static_files
from .writing import Outputs

SITE_TEMPLATES = {"root": "index.html", "404": "404.html"}  # template -> file, at the site root
CHARTS_JS = RUNTIME / "charts.js"  # the generator's own chart glue


def add_site_files(site: Site, envs: dict, charts: Mapping[tuple[str, str], ChartRender],
                   renderer: Renderer | None, outputs: Outputs, cache: Cache) -> None:
    """Add every file beside the pages to outputs; the records describe them all, the
    landing page lists them, and SHA256SUMS.txt, made last, covers them all."""
    add_generated(site, charts, renderer, outputs, cache)
    add_documents(site, envs, outputs)
    for relative, path in static_files(site.root).items():
        outputs.add(relative, read_inside(path, site.root), shown_path(path, site.root))
    add_notices(site, envs, outputs, renderer.version if renderer and charts else None)
    add_records(site, envs, outputs, cache)
    files = file_list(outputs)
    for name, filename in SITE_TEMPLATES.items():
        html = render_multilingual(site, envs, name, filename, files)
        outputs.add(filename, html.encode("utf-8"), template_source(site, f"{name}.html"))
    add_checksums(outputs)


def add_records(site: Site, envs: dict, outputs: Outputs, cache: Cache) -> None:
    """datacite.xml and ro-crate-metadata.json, describing every file of the package,
    the landing page and SHA256SUMS.txt that follow them included. The crate (the
    rocrate library is slow to import) is cached under what it lists."""
    later = ("datacite.xml", CRATE, *SITE_TEMPLATES.values(), CHECKSUMS)
    paths = package_paths(outputs, later)
    jats = frozenset(path for _, path in jats_jobs(site))
    pdfs = frozenset(job.path for job in pdf_jobs(site))
    pending = {lang: license_line(site, envs[lang], lang) for lang in site.config.languages}
    outputs.add("datacite.xml", datacite_xml(site, paths, jats, pending), "site.yaml")
    # What the crate says but the files' sizes: the file list, site.yaml and data/, the
    # pages' titles and the abstract; so editing a page's text does not import rocrate.
    key = sha256("crate", generator_digest(), site.inputs.digest(exclude=("content/",)),
                 repr(site.abstract(site.config.original)), *paths,
                 *(f"{page.path}:{page.title}" for group in site.pages
                   for page in group.pages.values()))
    graph = cache.get("crate", key)
    if graph is None:
        graph = crate_graph(site, paths, jats, pdfs)
        cache.put("crate", key, graph)
    outputs.add(CRATE, with_sizes(graph, outputs), "the files of the site")


def add_generated(site: Site, charts: Mapping[tuple[str, str], ChartRender],
                  renderer: Renderer | None, outputs: Outputs, cache: Cache) -> None:
    """The published data package, chart downloads, the chart runtime and, with base_url,
    the sitemap and, at a host's root (the only place crawlers look), robots.txt."""
    if site.config.base_url:
        outputs.add("sitemap.xml", sitemap(site.config, site.page_keys), "site.yaml (base_url)")
    if at_host_root(site.config):
        outputs.add("robots.txt", robots(site.config), "site.yaml (base_url)")
    if site.data is not None:
        def cached_workbook(resource, day) -> bytes:  # openpyxl is slow to import
            key = sha256("xlsx", generator_digest(), site.inputs.digest(include=("data/",)),
                         resource.name, day.isoformat())
            found = cache.get("xlsx", key)
            if found is None:
                found = workbook(resource, day)
                cache.put("xlsx", key, found)
            return found

        for path, data in data_files(site.data, site.config, cached_workbook).items():
            outputs.add(path, data, "data/datapackage.yaml")
    for path, data in chart_files(charts).items():
        outputs.add(path, data, "charts/" + path.rsplit("/", 1)[1].rsplit(".", 1)[0] + ".py")
    if charts and renderer is not None:
        outputs.add("assets/vega.js", renderer.bundle(), "vl-convert (javascript_bundle)")
        outputs.add("assets/charts.js", CHARTS_JS.read_bytes(),
                    f"{THEME_SHOWN}/runtime/charts.js")


def render_multilingual(site: Site, envs: dict, name: str, filename: str,
                        files: tuple = ()) -> str:
    """A root-level page (the landing page, 404) with one block per language. The 404
    page's links are absolute with base_url, so it works at any depth of the site."""
    config = site.config
    original = config.original
    source = template_source(site, f"{name}.html")
    root = config.base_url if name == "404" and config.base_url else ""
    blocks = []
    for lang in config.languages:
        chrome = Chrome(lang, root, filename, (), (), f"{root}index.html", ())
        context = template_context(site, chrome) | {"target": f"{root}{lang}/index.html",
                                                    "files": files}
        block = render_template(envs[lang], f"partials/{name}_block", context, site.root, source)
        blocks.append((lang, Markup(block)))
    languages = tuple(Link(f"{root}{code}/index.html", native_name(code), code, False)
                      for code in config.languages)
    alternates = tuple(link if not config.base_url else
                       Link(f"{config.base_url}{link.lang}/index.html", link.label, link.lang, False)
                       for link in languages)
    x_default = f"{config.base_url or root}index.html"
    chrome = Chrome(original, root, filename, languages, (), x_default, alternates)
    context = template_context(site, chrome) | {"blocks": blocks, "files": files}
    return mark_fallbacks(render_template(envs[original], name, context, site.root, source))
