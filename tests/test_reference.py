"""docs/REFERENCE.md names everything the generator accepts and gives: each key of
site.yaml, front matter, the data package and references.yaml, each shortcode and its
parameters, the chart API, each template variable and filter, each theme file, each
command. A key the code accepts but the reference does not name fails here."""

from __future__ import annotations

import dataclasses
import inspect
import re

import pytest

from conftest import REPO, TINY
from reportsite.cli import COMMANDS
from reportsite.core.layout import THEME
from reportsite.load import config, content, descriptor, records, references, translations
from reportsite.outputs import documents, landing, plan
from reportsite.render import charts, pages, shortcodes, standalone, templates as render

REFERENCE = (REPO / "docs" / "REFERENCE.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of the reference's '## title' section."""
    parts = re.split(r"^## ", REFERENCE, flags=re.M)
    found = [p for p in parts if p.split("\n", 1)[0].strip() == title]
    assert found, f"docs/REFERENCE.md has no section '## {title}'"
    return found[0]


def undocumented(names, text: str) -> list[str]:
    return sorted(name for name in names if f"`{name}`" not in text)


@pytest.mark.parametrize("title, names", [
    ("site.yaml", list(config.FIELDS) + sorted(config.AUTHOR_KEYS) + list(records.ARTICLE_KEYS)
     + list(records.EDITION_KEYS) + list(records.CHANGE_KEYS)),
    ("Page front matter", list(content.FRONT_MATTER)),
    ("data/datapackage.yaml", sorted(descriptor.PACKAGE_KEYS | descriptor.RESOURCE_KEYS | descriptor.SOURCE_KEYS
                                     | descriptor.FIELD_KEYS | descriptor.CONSTRAINTS | descriptor.TYPES
                                     | descriptor.SCHEMA_KEYS | descriptor.SUM_KEYS | descriptor.LICENSE_KEYS)),
    ("content/references.yaml", ["forms", "references", "n", "text", "lang", "type"]
     + list(references.NAMES) + list(references.FIELDS) + list(references.KINDS)),
    ("translations/<lang>/NAME.yaml", list(translations.RECORD_KEYS + translations.SEGMENT_KEYS)),
])
def test_every_key_is_documented(title, names):
    assert undocumented(names, section(title)) == []


def test_every_command_is_documented():
    rows = [line for line in section("Commands").splitlines() if line.startswith("| `")]
    assert sorted(COMMANDS) == sorted(row[3:].split("`")[0].split()[0] for row in rows)


def test_every_shortcode_and_parameter_is_documented():
    text = section("Shortcodes")
    for name in shortcodes.shortcode_names():
        row = next((line for line in text.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, name
        params = list(inspect.signature(getattr(shortcodes.Shortcodes, name)).parameters)[1:]
        assert undocumented(params, row) == [], name


def test_the_chart_api_is_documented():
    names = {f.name for f in dataclasses.fields(charts.ChartContext)}
    names |= {n for n, member in vars(charts.ChartContext).items()
              if callable(member) and not n.startswith("_")}
    text = section("Chart modules")
    assert sorted(n for n in names if f"`{n}`" not in text and f"`{n}(" not in text) == []


def _template_contexts(cache) -> dict[str, set[str]]:
    """The variables each template was given while building the tiny and the real site
    (cold, so every page and block is rendered)."""
    from reportsite.load.site import load_site
    from reportsite.build.pipeline import render_site
    seen: dict[str, set[str]] = {}
    original = render.render_template

    def spy(env, name, context, root, source):
        seen.setdefault(name, set()).update(context)
        return original(env, name, context, root, source)
    for module in (pages, render, standalone):
        module.render_template = spy
    try:
        for root in (TINY, REPO):
            render_site(load_site(root, cache_dir=cache))
    finally:
        for module in (pages, render, standalone):
            module.render_template = original
    return seen


def test_every_template_variable_and_filter_is_documented(tmp_path):
    text = section("Templates: the theme and its override points")
    contexts = _template_contexts(tmp_path / "cache")
    names = set().union(*contexts.values())
    assert {"site", "lang", "chrome", "root", "pages", "data", "page", "blocks"} <= names
    assert undocumented(names, text) == []
    for cls in (config.SiteConfig, config.Author, config.License, render.PageView,
                render.Chrome, render.Link, pages.PageLink, pages.LanguageState,
                records.Article, records.Edition,
                records.Change, landing.FileEntry, documents.Notice, plan.PlannedFile):
        assert undocumented([f.name for f in dataclasses.fields(cls)], text) == [], cls
    env = render.make_environment(TINY, _strings("en"))
    own = set(env.filters) - set(__import__("jinja2").Environment().filters)
    assert undocumented(own, text) == []


def _strings(lang: str):
    from babel.support import NullTranslations
    from reportsite.load.catalogs import UiStrings
    return UiStrings(lang, NullTranslations(), frozenset())


def test_every_theme_file_is_an_override_point():
    text = section("Templates: the theme and its override points")
    for path in sorted((THEME / "templates").rglob("*")):
        if path.is_file():
            name = path.relative_to(THEME / "templates").as_posix()
            short = name.removeprefix("partials/").removesuffix(".html")
            assert f"`templates/{name}`" in text or f"`{name}`" in text \
                or f"`partials/{path.name}`" in text or f"`{short}`" in text, name
