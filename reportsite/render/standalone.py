"""Templates rendered outside a content page: the pages at the site's root (the landing
page and 404, one block per language), text documents in every language (README.txt,
LICENSE.txt, ...), and the licence line and the translation statement as plain text for
the records."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from reportsite.core.i18n import native_name
from reportsite.core.layout import TEMPLATES_DIR
from reportsite.load.overrides import find_template, shown_path
from reportsite.load.site import Site
from reportsite.render.charts import spec_json
from reportsite.render.jsonld import root_jsonld
from reportsite.render.pages import template_context
from reportsite.render.templates import (Chrome, Link, mark_fallbacks, render_template,
                                         strip_fallbacks)

SEPARATOR = "\n\n" + "=" * 72 + "\n\n"  # between the languages of a text document
_TAG_RE = re.compile(r"<[^>]+>")


def template_source(site: Site, name: str) -> str:
    """The file that provides a template, as messages name it."""
    path = find_template(site.root, name)
    return shown_path(path, site.root) if path else f"{TEMPLATES_DIR}/{name}"


def render_text(site: Site, envs: dict, template: str, lang: str, **context) -> str:
    """A text template in one language (UI strings missing there shown in English)."""
    chrome = Chrome(lang, "", template, (), (), "index.html")
    text = render_template(envs[lang], template, template_context(site, chrome) | context,
                           site.root, template_source(site, template))
    return strip_fallbacks(text)


def every_language(site: Site, envs: dict, template: str, **context) -> str:
    """A text template rendered in every language, joined by a rule."""
    return SEPARATOR.join(render_text(site, envs, template, code, **context).strip()
                          for code in site.config.languages)


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
    context = template_context(site, chrome) | {
        "blocks": blocks, "files": files, "jsonld": Markup(spec_json(root_jsonld(site, name)))}
    return mark_fallbacks(render_template(envs[original], name, context, site.root, source))


def license_line(site: Site, env, lang: str) -> str:
    """The theme's licence line (partials/license.html) in lang, as plain text: what the
    pages say of the licence, "pending" included, for records that carry it as text."""
    source = template_source(site, "partials/license.html")
    markup = render_template(env, "partials/license", {"site": site.config, "lang": lang,
                                                       "root": "../"}, site.root, source)
    return " ".join(html.unescape(_TAG_RE.sub("", strip_fallbacks(markup))).split())


def translation_line(site: Site, env, lang: str) -> str | None:
    """The translation statement of the text in lang (partials/translation.html) as plain
    text, in lang, for the records that carry it (JATS); None for the original."""
    if lang == site.config.original:
        return None
    source = template_source(site, "partials/translation.html")
    markup = render_template(env, "partials/translation", {"site": site.config, "lang": lang,
                                                           "text_lang": lang}, site.root, source)
    return " ".join(html.unescape(_TAG_RE.sub("", strip_fallbacks(markup))).split())
