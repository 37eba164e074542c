"""sitemap.xml, with every page's language versions (needs base_url: a sitemap lists
absolute URLs), and robots.txt pointing at it, at a host's root only (the only place
crawlers read one)."""

from __future__ import annotations

from urllib.parse import urlsplit

from reportsite.core.outputs import Outputs
from reportsite.load.config import SiteConfig
from reportsite.load.site import Site


def add_sitemap(site: Site, outputs: Outputs) -> None:
    """sitemap.xml with base_url, and robots.txt at a host's root."""
    if site.config.base_url:
        outputs.add("sitemap.xml", sitemap(site.config, site.page_keys), "site.yaml (base_url)")
    if at_host_root(site.config):
        outputs.add("robots.txt", robots(site.config), "site.yaml (base_url)")


def sitemap(config: SiteConfig, page_keys: list[str]) -> bytes:
    """sitemap.xml (needs base_url) with xhtml:link alternates for every language."""
    base = config.base_url or ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for key in page_keys:
        for lang in config.languages:
            lines.append(f"  <url><loc>{base}{lang}/{key}.html</loc>")
            for other in config.languages:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" '
                             f'href="{base}{other}/{key}.html"/>')
            default = f"{base}index.html" if key == "index" else f"{base}{config.original}/{key}.html"
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append(f"    <lastmod>{config.date.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def at_host_root(config: SiteConfig) -> bool:
    """True when base_url is a host's root (https://example.org/): the only place
    crawlers read robots.txt from."""
    return bool(config.base_url) and urlsplit(config.base_url).path in ("", "/")


def robots(config: SiteConfig) -> bytes:
    """robots.txt pointing at the sitemap (base_url at a host's root)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()
