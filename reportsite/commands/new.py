"""`python build.py new DIR`: a small site that builds with --strict at once, in the
languages the theme speaks.

It has site.yaml with every key (the optional ones commented out), an overview page per
language, a sample dataset with a chart and a value(...) in the text, a .gitignore, and
locales/<lang>.po with the chart's strings for each language but English. The text is the
theme's starter text (reportsite/theme/starter/<tag>.yaml) where the theme speaks the
language; any other language gets the English text marked as a placeholder
(load/placeholders.py: --strict names each one still there), and its locales/<lang>.po
holds every UI string the site shows, to translate.
"""

from __future__ import annotations

import datetime
import functools
import io
import tempfile
from pathlib import Path
from typing import Mapping

import yaml
from babel.messages.pofile import read_po, write_po

from reportsite.commands.messages import untranslated, update_site_catalogs
from reportsite.commands.translations import start_tracking
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.i18n import babel_id, catalog_tags, tag_problem
from reportsite.core.layout import LOCALES_DIR, STARTER
from reportsite.load.catalogs import needs_catalog
from reportsite.load.placeholders import PLACEHOLDER

CSV = "year,households\n2022,1200\n2023,1350\n2024,1500\n"
CHART = '''"""The sample chart: households surveyed per year (replace it with yours)."""

import altair as alt


def chart(ctx):
    _ = ctx._  # gettext: the chart's own strings go through locales/<lang>.po
    rows = ctx.records("households")
    return alt.Chart(alt.Data(values=rows), title=_("Households surveyed per year")).mark_bar(
        color="#1f77b4"
    ).encode(
        x=alt.X("year:O", title=ctx.title("households", "year")),
        y=alt.Y("households:Q", title=ctx.title("households", "households")),
        tooltip=[alt.Tooltip("year:O", title=ctx.title("households", "year")),
                 alt.Tooltip("households:Q", title=ctx.title("households", "households"))],
    ).properties(width=320, height=200,
                 description=_("A bar for each year: the number of households surveyed."))
'''
GITIGNORE = "site/\ndist/\n.cache/\n"


@functools.lru_cache(maxsize=None)
def starter_text(lang: str) -> Mapping | None:
    """The theme's starter text for a language (its own, or that of a tag that serves it:
    uz-Latn reads uz.yaml), or None where the theme has none."""
    for tag in catalog_tags(lang):
        path = STARTER / f"{tag}.yaml"
        if path.is_file():
            return yaml.safe_load(path.read_text(encoding="utf-8"))
    return None


def texts_for(lang: str) -> dict:
    """The new site's text in lang: the starter text, or the English marked as a
    placeholder for each text (the chart's strings are then left to locales/<lang>.po)."""
    own = starter_text(lang)
    if own is not None:
        return dict(own)
    english = starter_text("en")
    marked = {key: (f"{PLACEHOLDER} {value}" if isinstance(value, str) else value)
              for key, value in english.items()}
    marked["keywords"] = [f"{PLACEHOLDER} {word}" for word in english["keywords"]]
    marked["chart"] = {}
    return marked


def parse_languages(value: str) -> tuple[str, ...]:
    """--languages 'uz, ru': the tags, spaces around them trimmed; raises SiteErrors naming
    each tag that is not one CLDR knows, and a repeated one."""
    languages = tuple(code.strip() for code in value.split(","))
    problems = [SiteError("--languages", None, problem)
                for code in languages if (problem := tag_problem(code))]
    if len(set(languages)) != len(languages):
        problems.append(SiteError("--languages", None, "a language is listed twice"))
    if problems:
        raise SiteErrors(problems)
    return languages


def write_new_site(folder: Path, languages: tuple[str, ...], title: str | None = None
                   ) -> tuple[list[Path], dict[str, int]]:
    """Write a new site into folder (missing or empty); return the files written and, per
    language that needs a catalog, how many UI strings are left to translate in it."""
    _check(folder)
    texts = {lang: texts_for(lang) for lang in languages}
    if title:  # the original's; the others' title is to be translated from it
        texts[languages[0]]["title"] = title
        for lang in languages[1:]:
            texts[lang]["title"] = f"{PLACEHOLDER} {title}"
    files = {
        "site.yaml": site_yaml(languages, texts, folder.name),
        ".gitignore": GITIGNORE,
        "data/households.csv": CSV,
        "data/datapackage.yaml": datapackage(texts),
        "charts/households.py": CHART,
    }
    files.update(pages_in_every_language(languages, {lang: overview(texts[lang])
                                                     for lang in languages}, "index"))
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    left = write_catalogs(folder, languages, texts)
    written += [folder / LOCALES_DIR / f"{lang}.po" for lang in left]
    return written + start_tracking(folder, "index"), left  # translations start current


def pages_in_every_language(languages: tuple[str, ...], pages: Mapping[str, str], key: str
                            ) -> dict[str, str]:
    """content/<lang>/<key>.md for each language, the original first (start_tracking then
    records each translation as made from it, so it starts out current)."""
    return {f"content/{lang}/{key}.md": pages[lang] for lang in languages}


def write_catalogs(folder: Path, languages: tuple[str, ...], texts: dict) -> dict[str, int]:
    """locales/<lang>.po for every language but English, with the chart's strings
    translated where the starter text has them; how many are left to translate in each.
    The build these catalogs come from (to find the UI strings the site shows) keeps its
    cache in a temporary folder, so the new site holds only its own files."""
    needed = tuple(lang for lang in languages if needs_catalog(lang))
    with tempfile.TemporaryDirectory(prefix="reportsite-new-") as cache:
        update_site_catalogs(folder, needed, Path(cache))
    left = {}
    for lang in needed:
        path = folder / LOCALES_DIR / f"{lang}.po"
        with path.open("rb") as f:
            catalog = read_po(f, locale=babel_id(lang))
        for message in catalog:
            if message.id in texts[lang]["chart"]:
                message.string = texts[lang]["chart"][message.id]
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=0, sort_by_file=True, ignore_obsolete=True)
        path.write_bytes(buffer.getvalue())
        left[lang] = len(untranslated(catalog))
    return left


def _check(folder: Path) -> None:
    """Refuse a folder that has files: new never overwrites anything."""
    if folder.is_file() or (folder.is_dir() and any(folder.iterdir())):
        raise SiteErrors([SiteError(str(folder), None, "is not empty; choose a new folder "
                                    "(new never overwrites anything)")])


def quoted(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_yaml(languages: tuple[str, ...], texts: dict, name: str) -> str:
    """site.yaml with every key; optional keys commented out (docs/REFERENCE.md)."""
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "report"
    slug = "".join(c for c in slug if c.isascii()) or "report"

    def each(key: str, indent: str, comment: str = "") -> str:
        return "".join(f"{indent}{comment}{lang}: {quoted(t[key])}\n" for lang, t in texts.items())
    keywords = "".join(f"  {lang}: [{', '.join(quoted(w) for w in t['keywords'])}]\n"
                       for lang, t in texts.items())
    today = datetime.date.today().isoformat()
    marked = any(PLACEHOLDER in str(text) for text in texts.values())
    return (
        "# The report's metadata: every text in each language, the original language first.\n"
        "# Every key is described in docs/REFERENCE.md of the generator.\n"
        + (f"# A text marked {PLACEHOLDER} is to be written in its language (--strict refuses "
           "it until then).\n" if marked else "")
        + f"languages: [{', '.join(languages)}]\n\n"
        + "title:\n" + each("title", "  ")
        + "# subtitle:                  # optional: the part after the colon\n"
        + each("subtitle", "#   ")
        + "\nauthors:\n  - name:   # or one text for every language: name: A. Author\n"
        + each("author", "      ") + "    affiliation:\n" + each("affiliation", "      ")
        + "    # institution:               # optional: the institution alone, per language\n"
        + each("institution", "    #   ")
        + "    # email: author@example.org   # optional\n"
          "    # corresponding: true         # optional: marks the corresponding author\n"
          "    # orcid: 0000-0002-1825-0097  # optional\n\n"
        + "keywords:\n" + keywords
        + "\n# The article as a journal published it: every key optional; leave out what is not\n"
          "# known (it is then left out of every output).\n"
          "# article:\n"
          "#   journal: Journal title        # or one text per language\n"
          "#   volume: 12\n#   issue: 3\n#   pages: 195-210\n#   issn: 2617-8893\n"
          "#   publisher: Publisher          # or one text per language\n"
          "#   date: 2025-03-31              # or the year alone: 2025\n"
          "#   doi: 10.1234/example\n#   url: https://journal.example/article/12\n"
        + "\n# This edition of the site (not the article).\nedition:\n"
          f'  version: "0.1.0"\n  date: {today}\n'
          "  # doi: 10.5281/zenodo.1234567    # optional: this edition's own DOI\n"
          "  # changelog:                     # optional: newest first, this edition first\n"
          f'  #   - version: "0.1.0"\n  #     date: {today}\n  #     changes:\n'
        + "".join(f"  #       {lang}: [{quoted(t['changes'])}]\n" for lang, t in texts.items())
        + "\nlicense: CC-BY-4.0   # an SPDX id\n"
          "# license_confirmed: true   # optional: the rights holders agreed to the license;\n"
          "#                           # until then readers see that it is pending\n"
          f"slug: {slug}   # file names: dist/<slug>-<version>.zip\n"
          "# base_url: https://example.org/report/   # optional: where the site will be hosted\n")


def datapackage(texts: dict) -> str:
    """The sample data package: one dataset, a year field and a count."""
    def each(key: str) -> str:
        return "{" + ", ".join(f"{lang}: {quoted(t[key])}" for lang, t in texts.items()) + "}"
    return (
        "# A Frictionless Data Package; every key is described in docs/REFERENCE.md.\n"
        "name: example\n"
        f"titles: {each('dataset')}\ndescriptions: {each('about')}\n"
        "resources:\n  - name: households\n    path: households.csv\n"
        f"    titles: {each('dataset')}\n    descriptions: {each('about')}\n"
        "    sources:\n      - reference: null   # a number in content/references.yaml, or null\n"
        f"        locator: {each('locator')}\n"
        "    schema:\n      primaryKey: [year]\n      fields:\n"
        "        - name: year\n          type: year   # printed 2024, never 2,024\n"
        f"          titles: {each('year')}\n"
        "        - name: households\n          type: integer\n"
        "          unit: persons   # or the unit in each language: {kk: ..., ru: ...}\n"
        "          constraints: {required: true, minimum: 0}\n"
        f"          titles: {each('households')}\n")


def overview(text: Mapping) -> str:
    """The overview page in one language."""
    body = text["body"].format(year="2024", value='{{ value("households", "2024", '
                               '"households") }}', table='{{ ref("tbl-households") }}')
    return (f"---\ntitle: {quoted(text['title'])}\nnav_title: {quoted(text['page'])}\n"
            f"order: 1\ntemplate: overview\ndescription: {quoted(text['description'])}\n"
            f"---\n## {text['section']} {{#summary}}\n\n{body}\n\n"
            f'{{{{ table("households", caption={quoted(text["dataset"])}) }}}}\n\n'
            f'{{{{ chart("households", caption={quoted(text["caption"])}) }}}}\n')
