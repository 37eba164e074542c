"""`python build.py new DIR`: a small site that builds with --strict at once.

It has site.yaml with every key (the optional ones commented out), an overview page per
language, a sample dataset with a chart and a value(...) in the text, the chart's UI
strings translated where this module knows the language, and a .gitignore. Texts are
written for kk, ru and en; any other language gets the English text to translate (and
the build says which UI strings it still lacks).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.pofile import read_po, write_po

from reportsite.commands.messages import update_site_catalogs
from reportsite.commands.translations import start_tracking
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.load.config import LANG_RE
from reportsite.load.overrides import theme_languages

TEXTS = {  # what the sample says, per language (en also stands in for any other)
    "en": {"title": "A new report", "subtitle": "what it is about",
           "author": "First Author", "affiliation": "Position, Institution, City, Country",
           "institution": "Institution", "changes": "First edition.",
           "keywords": ["first keyword", "second keyword"], "page": "Overview",
           "description": "What this report is about, in one sentence.",
           "section": "Summary", "dataset": "Households surveyed (example data)",
           "about": "Example data: replace data/households.csv and this description.",
           "year": "Year", "households": "Households", "locator": "example data",
           "caption": "Households surveyed per year (example data)",
           "body": "In {year}, {value} households took part in the survey (example data, "
                   "{table})."},
    "kk": {"title": "Жаңа есеп", "subtitle": "не туралы екені",
           "author": "Бірінші Автор", "affiliation": "Лауазымы, мекеме, қала, ел",
           "institution": "Мекеме", "changes": "Бірінші басылым.",
           "keywords": ["бірінші кілт сөз", "екінші кілт сөз"], "page": "Шолу",
           "description": "Бұл есептің не туралы екені, бір сөйлеммен.",
           "section": "Қысқаша мазмұны", "dataset": "Сауалнамаға қатысқан үй шаруашылықтары "
           "(мысал деректер)",
           "about": "Мысал деректер: data/households.csv файлын және осы сипаттаманы "
                    "ауыстырыңыз.",
           "year": "Жыл", "households": "Үй шаруашылықтары", "locator": "мысал деректер",
           "caption": "Жыл сайын сауалнамаға қатысқан үй шаруашылықтары (мысал деректер)",
           "body": "{year} жылы сауалнамаға {value} үй шаруашылығы қатысты (мысал деректер, "
                   "{table})."},
    "ru": {"title": "Новый отчёт", "subtitle": "о чём он",
           "author": "Первый Автор", "affiliation": "Должность, учреждение, город, страна",
           "institution": "Учреждение", "changes": "Первое издание.",
           "keywords": ["первое ключевое слово", "второе ключевое слово"], "page": "Обзор",
           "description": "О чём этот отчёт, в одном предложении.",
           "section": "Кратко", "dataset": "Опрошенные домохозяйства (пример данных)",
           "about": "Пример данных: замените data/households.csv и это описание.",
           "year": "Год", "households": "Домохозяйства", "locator": "пример данных",
           "caption": "Опрошенные домохозяйства по годам (пример данных)",
           "body": "В {year} году в опросе участвовали {value} домохозяйств (пример данных, "
                   "{table})."},
}
CHART_STRINGS = {  # the sample chart's gettext strings
    "Households surveyed per year": {"kk": "Жыл сайын сауалнамаға қатысқан үй шаруашылықтары",
                                     "ru": "Опрошенные домохозяйства по годам"},
    "A bar for each year: the number of households surveyed.": {
        "kk": "Әр жылға бір баған: сауалнамаға қатысқан үй шаруашылықтарының саны.",
        "ru": "По столбцу на год: число опрошенных домохозяйств."},
}
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


def write_new_site(folder: Path, languages: tuple[str, ...]) -> list[Path]:
    """Write a new site into folder (missing or empty); return the files written."""
    _check(folder, languages)
    texts = {lang: TEXTS.get(lang, TEXTS["en"]) for lang in languages}
    files = {
        "site.yaml": _site_yaml(languages, texts, folder.name),
        ".gitignore": GITIGNORE,
        "data/households.csv": CSV,
        "data/datapackage.yaml": _datapackage(languages, texts),
        "charts/households.py": CHART,
    }
    for lang in languages:
        files[f"content/{lang}/index.md"] = _page(texts[lang])
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    update_site_catalogs(folder, tuple(lang for lang in languages if lang in theme_languages()))
    for lang in languages:
        if (folder / "locales" / f"{lang}.po").is_file():
            _translate_chart_strings(folder / "locales" / f"{lang}.po", lang)
            written.append(folder / "locales" / f"{lang}.po")
    return written + start_tracking(folder, "index")  # its translations start current


def _check(folder: Path, languages: tuple[str, ...]) -> None:
    """Refuse a folder that has files, and language codes CLDR does not know."""
    if folder.is_file() or (folder.is_dir() and any(folder.iterdir())):
        raise SiteErrors([SiteError(str(folder), None, "is not empty; choose a new folder "
                                    "(new never overwrites anything)")])
    problems = []
    for code in languages:
        try:
            if not LANG_RE.match(code):
                raise ValueError
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            problems.append(SiteError("--languages", None, f"'{code}' is not a language code "
                                      "CLDR knows (ISO 639, like kk, ru, en, de)"))
    if len(set(languages)) != len(languages):
        problems.append(SiteError("--languages", None, "a language is listed twice"))
    if problems:
        raise SiteErrors(problems)


def _quoted(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _site_yaml(languages: tuple[str, ...], texts: dict, name: str) -> str:
    """site.yaml with every key; optional keys commented out (docs/REFERENCE.md)."""
    slug = "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "report"
    keywords = "".join(f"  {lang}: [{', '.join(_quoted(w) for w in t['keywords'])}]\n"
                       for lang, t in texts.items())
    subtitle = "".join(f"#   {lang}: {_quoted(t['subtitle'])}\n" for lang, t in texts.items())
    today = datetime.date.today().isoformat()
    return (
        "# The report's metadata: every text in each language, the original language first.\n"
        "# Every key is described in docs/REFERENCE.md of the generator.\n"
        f"languages: [{', '.join(languages)}]\n\n"
        + "title:\n" + "".join(f"  {lang}: {_quoted(t['title'])}\n" for lang, t in texts.items())
        + "# subtitle:                  # optional: the part after the colon\n" + subtitle
        + "\nauthors:\n  - name:   # or one text for every language: name: A. Author\n"
        + "".join(f"      {lang}: {_quoted(t['author'])}\n" for lang, t in texts.items())
        + "    affiliation:\n" + "".join(f"      {lang}: {_quoted(t['affiliation'])}\n"
                                         for lang, t in texts.items())
        + "    # institution:               # optional: the institution alone, per language\n"
        + "".join(f"    #   {lang}: {_quoted(t['institution'])}\n" for lang, t in texts.items())
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
        + "".join(f"  #       {lang}: [{_quoted(t['changes'])}]\n" for lang, t in texts.items())
        + "\nlicense: CC-BY-4.0   # an SPDX id\n"
          "# license_confirmed: true   # optional: the rights holders agreed to the license;\n"
          "#                           # until then readers see that it is pending\n"
          f"slug: {slug}   # file names: dist/<slug>-<version>.zip\n"
          "# base_url: https://example.org/report/   # optional: where the site will be hosted\n")


def _datapackage(languages: tuple[str, ...], texts: dict) -> str:
    """The sample data package: one dataset, a year field and a count."""
    def each(key: str) -> str:
        return "{" + ", ".join(f"{lang}: {_quoted(t[key])}" for lang, t in texts.items()) + "}"
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
        "        - name: households\n          type: integer\n          unit: persons\n"
        "          constraints: {required: true, minimum: 0}\n"
        f"          titles: {each('households')}\n")


def _page(text: dict) -> str:
    """The overview page in one language."""
    body = text["body"].format(year="2024", value='{{ value("households", "2024", '
                               '"households") }}', table='{{ ref("tbl-households") }}')
    return (f"---\ntitle: {_quoted(text['title'])}\nnav_title: {_quoted(text['page'])}\n"
            f"order: 1\ntemplate: overview\ndescription: {_quoted(text['description'])}\n"
            + f"---\n## {text['section']} {{#summary}}\n\n{body}\n\n"
            f'{{{{ table("households", caption={_quoted(text["dataset"])}) }}}}\n\n'
            f'{{{{ chart("households", caption={_quoted(text["caption"])}) }}}}\n')


def _translate_chart_strings(path: Path, lang: str) -> None:
    """Fill in the sample chart's strings in a catalog made by update_site_catalogs."""
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    for message in catalog:
        if message.id in CHART_STRINGS and lang in CHART_STRINGS[message.id]:
            message.string = CHART_STRINGS[message.id][lang]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_by_file=True, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())
