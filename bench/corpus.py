"""Generate one trilingual (kk, ru, en) benchmark corpus and lay it out for three tools.

The same Markdown body of every page is written for
  - reportsite (this project):  ours/content/<lang>/<page>.md
  - Hugo:                       hugo/content/<lang>/<page>.md   (index.md -> _index.md)
  - MkDocs + static-i18n:       mkdocs/docs/<page>.<lang>.md    (suffix structure)

Only the front matter differs (each tool's own keys), and the `{{ chart(...) }}`
shortcode line exists only in our copy: Hugo and MkDocs have no equivalent, so the line is
dropped there (the rest of the body is byte-for-byte the same).

Bodies are made from parallel word lists, so a kk sentence and its ru/en "translation"
carry the same digits: the generator's translation check (same section ids, same numbers
per section) passes with --strict.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TINY = PROJECT / "tests" / "fixtures" / "tiny"
LANGS = ("kk", "ru", "en")
CHART_PAGES = 3  # pages (per language) that show the "harvest" chart
EDIT_SENTENCE = {  # appended to one page in each language for the "edit one page" rebuild
    "kk": "Бұл сөйлем өзгерісті өлшеу үшін қосылды.",
    "ru": "Это предложение добавлено для измерения пересборки.",
    "en": "This sentence was added to measure a rebuild.",
}

# Parallel vocabularies: WORDS[lang][i] is the same notion in each language.
_WORDS = [
    ("көші-қон", "миграция", "migration"), ("халық", "население", "population"),
    ("қала", "город", "city"), ("ауыл", "село", "village"), ("жастар", "молодёжь", "youth"),
    ("еңбек", "труд", "labour"), ("нарық", "рынок", "market"), ("саясат", "политика", "policy"),
    ("мемлекет", "государство", "state"), ("өңір", "регион", "region"),
    ("даму", "развитие", "development"), ("әлеуметтік", "социальный", "social"),
    ("экономикалық", "экономический", "economic"), ("зерттеу", "исследование", "study"),
    ("деректер", "данные", "data"), ("сауалнама", "опрос", "survey"),
    ("тұрғындар", "жители", "residents"), ("мигранттар", "мигранты", "migrants"),
    ("үдеріс", "процесс", "process"), ("басқару", "управление", "management"),
    ("тетік", "механизм", "mechanism"), ("салдар", "последствие", "consequence"),
    ("пікір", "мнение", "opinion"), ("қоғам", "общество", "society"),
    ("өсу", "рост", "growth"), ("азаю", "сокращение", "decline"),
    ("көрсеткіш", "показатель", "indicator"), ("кезең", "период", "period"),
    ("ағын", "поток", "flow"), ("ішкі", "внутренний", "internal"),
    ("сыртқы", "внешний", "external"), ("тұрақты", "постоянный", "permanent"),
    ("уақытша", "временный", "temporary"), ("бағдарлама", "программа", "programme"),
    ("қолдау", "поддержка", "support"), ("инфрақұрылым", "инфраструктура", "infrastructure"),
    ("тұрғын үй", "жильё", "housing"), ("білім", "образование", "education"),
    ("денсаулық", "здоровье", "health"), ("жұмыссыздық", "безработица", "unemployment"),
    ("табыс", "доход", "income"), ("отбасы", "семья", "family"),
    ("ұрпақ", "поколение", "generation"), ("интеграция", "интеграция", "integration"),
    ("тіл", "язык", "language"), ("мәдениет", "культура", "culture"),
    ("шекара", "граница", "border"), ("аймақ", "область", "province"),
    ("орталық", "центр", "centre"), ("ғылыми", "научный", "scientific"),
    ("талдау", "анализ", "analysis"), ("нәтиже", "результат", "result"),
    ("қорытынды", "вывод", "conclusion"), ("ұсыныс", "рекомендация", "recommendation"),
    ("маңызды", "важный", "important"), ("жаңа", "новый", "new"),
    ("үлкен", "большой", "large"), ("шағын", "малый", "small"),
    ("өзгеріс", "изменение", "change"), ("қажеттілік", "потребность", "need"),
    ("мүмкіндік", "возможность", "opportunity"), ("қауіп", "риск", "risk"),
    ("көзқарас", "отношение", "attitude"), ("бағыт", "направление", "direction"),
]
WORDS = {lang: [w[i] for w in _WORDS] for i, lang in enumerate(LANGS)}
LINKERS = {  # joiners between two clauses
    "kk": ["және", "сондай-ақ", "алайда", "сонымен қатар", "өйткені"],
    "ru": ["и", "а также", "однако", "кроме того", "поскольку"],
    "en": ["and", "as well as", "however", "moreover", "because"],
}
SECTION = {"kk": "{n}-бөлім", "ru": "Раздел {n}", "en": "Section {n}"}
SEE = {"kk": "{n}-бөлімді қараңыз", "ru": "см. раздел {n}", "en": "see section {n}"}
TABLE_HEAD = {"kk": ("Өңір", "Өзгеріс, %"), "ru": ("Регион", "Изменение, %"),
              "en": ("Region", "Change, %")}
REGIONS = [("Алматы", "Алматы", "Almaty"), ("Астана", "Астана", "Astana"),
           ("Шымкент", "Шымкент", "Shymkent"), ("Қарағанды", "Караганда", "Karaganda"),
           ("Ақтөбе", "Актобе", "Aktobe"), ("Түркістан", "Туркестан", "Turkestan"),
           ("Маңғыстау", "Мангистау", "Mangystau"), ("Жамбыл", "Жамбыл", "Zhambyl")]
NOTE = {"kk": "Дереккөз: Қазақстан Республикасы Ұлттық статистика бюросы, {y} жыл, {p} бет.",
        "ru": "Источник: Бюро национальной статистики Республики Казахстан, {y} г., с. {p}.",
        "en": "Source: Bureau of National Statistics of the Republic of Kazakhstan, {y}, p. {p}."}
TITLE = {"kk": "{n}-бет: {w}", "ru": "Страница {n}: {w}", "en": "Page {n}: {w}"}
INDEX_TITLE = {"kk": "Шолу", "ru": "Обзор", "en": "Overview"}
CAPTION = {"kk": "Дақылдар бойынша өнім", "ru": "Урожай по культурам", "en": "Harvest by crop"}

SECTIONS = 8
PARAGRAPHS = 3
SENTENCES = 4


def page_key(i: int) -> str:
    """File name of page i (0 is the index)."""
    return "index" if i == 0 else f"page-{i:04d}"


def _sentence(rng: random.Random, footnote: int | None) -> dict[str, str]:
    """One sentence in every language, with the same digits in each."""
    def clause() -> list[int]:
        return [rng.randrange(len(_WORDS)) for _ in range(rng.randint(4, 7))]
    first, second = clause(), clause()
    linker = rng.randrange(5)
    number = rng.randint(2, 98000) if rng.random() < 0.35 else None
    out = {}
    for lang in LANGS:
        words = [WORDS[lang][i] for i in first] + [LINKERS[lang][linker]] \
            + [WORDS[lang][i] for i in second]
        if number is not None:
            words.insert(3, str(number))
        text = " ".join(words)
        text = text[0].upper() + text[1:] + "."
        if footnote is not None:
            text = text[:-1] + f"[^{footnote}]."
        out[lang] = text
    return out


def _table(rng: random.Random) -> dict[str, str]:
    """A Markdown table: regions by year, the same numbers in each language."""
    rows = rng.sample(range(len(REGIONS)), 6)
    values = [[rng.randint(1000, 99000) for _ in range(3)] for _ in rows]
    out = {}
    for li, lang in enumerate(LANGS):
        head, change = TABLE_HEAD[lang]
        lines = [f"| {head} | 2021 | 2022 | 2023 | {change} |", "|---|---:|---:|---:|---:|"]
        for r, v in zip(rows, values):
            pct = round((v[2] - v[0]) * 100 / v[0])
            lines.append(f"| {REGIONS[r][li]} | {v[0]} | {v[1]} | {v[2]} | {pct} |")
        out[lang] = "\n".join(lines)
    return out


def page_bodies(i: int, chart: bool) -> dict[str, str]:
    """The Markdown body of page i in each language (no front matter)."""
    rng = random.Random(1000 + i)
    parts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    footnotes = []
    table_section = rng.randrange(1, SECTIONS)
    for s in range(1, SECTIONS + 1):
        for lang in LANGS:
            parts[lang].append(f"## {SECTION[lang].format(n=s)} {{#s{s}}}")
        for p in range(PARAGRAPHS):
            sentences = []
            for k in range(SENTENCES):
                note = None
                if p == 0 and k == 1 and s % 2 == 1:  # a footnote in every other section
                    footnotes.append(len(footnotes) + 1)
                    note = footnotes[-1]
                sentences.append(_sentence(rng, note))
            if s > 1 and p == 1:  # an in-page link back to an earlier section
                target = rng.randint(1, s - 1)
                for lang in LANGS:
                    parts[lang].append(" ".join(x[lang] for x in sentences)
                                       + f" ([{SEE[lang].format(n=target)}](#s{target}))")
            else:
                for lang in LANGS:
                    parts[lang].append(" ".join(x[lang] for x in sentences))
        if s == table_section:
            table = _table(rng)
            for lang in LANGS:
                parts[lang].append(table[lang])
        if s == 2 and chart:
            for lang in LANGS:
                parts[lang].append(f'{{{{ chart("harvest", caption="{CAPTION[lang]}") }}}}')
    notes = [(n, rng.randint(2015, 2024), rng.randint(3, 400)) for n in footnotes]
    for lang in LANGS:
        for n, year, p in notes:
            parts[lang].append(f"[^{n}]: {NOTE[lang].format(y=year, p=p)}")
    return {lang: "\n\n".join(parts[lang]) + "\n" for lang in LANGS}


def page_title(i: int, lang: str) -> str:
    """The page title in lang (digits identical across languages)."""
    if i == 0:
        return INDEX_TITLE[lang]
    word = WORDS[lang][i % len(_WORDS)]
    return TITLE[lang].format(n=i, w=word[0].upper() + word[1:])


def strip_charts(body: str) -> str:
    """The body without our chart shortcode paragraphs (for Hugo and MkDocs)."""
    return re.sub(r"\n\n\{\{ chart\([^\n]*\) \}\}(?=\n)", "", body)


# --- our generator -----------------------------------------------------------------------

SITE_YAML = """\
# Benchmark corpus, generated by bench/corpus.py (based on tests/fixtures/tiny/site.yaml).
languages: [kk, ru, en]
title:
  kk: Ортақ бақ
  ru: Общий сад
  en: The shared garden
authors:
  - name: Camille Martin
    affiliation:
      kk: Бақшылар қауымдастығы, Лион
      ru: Ассоциация садоводов, Лион
      en: Garden Association, Lyon
    email: camille@example.org
    corresponding: true
keywords:
  kk: [бақ, көрші]
  ru: [сад, соседство]
  en: [garden, neighbourhood]
edition:
  version: "1.2.0"
  date: 2024-05-01
license: CC0-1.0
slug: shared-garden
"""


def _fm_yaml(pairs: dict) -> str:
    lines = ["---"]
    for key, value in pairs.items():
        if isinstance(value, str):
            value = '"' + value.replace('"', '\\"') + '"'
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_ours(root: Path, bodies: list[dict[str, str]]) -> None:
    """A reportsite site folder."""
    root.mkdir(parents=True)
    (root / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    # Templates, static files and the kk/ru UI catalogs come from the generator's theme.
    shutil.copytree(TINY / "charts", root / "charts")
    (root / "data").mkdir()
    shutil.copy(TINY / "data" / "harvest.csv", root / "data" / "harvest.csv")
    package = (TINY / "data" / "datapackage.yaml").read_text(encoding="utf-8")
    package = package.replace("fr:", "kk:").replace("de:", "ru:")
    # The values were French/German text; give them Kazakh/Russian text so the pages are
    # not mislabelled (the key conversion above is what the generator needs).
    for old, new in (("Récoltes du jardin", "Бақ өнімі"), ("Gartenernte", "Садовый урожай"),
                     ("Récoltes de 2024.", "2024 жылғы өнім."), ("Ernte 2024.", "Урожай 2024."),
                     ("Récolte par culture", "Дақылдар бойынша өнім"),
                     ("Ernte nach Kultur", "Урожай по культурам"),
                     ("Poids récolté.", "Жиналған салмақ."), ("Geerntetes Gewicht.", "Собранный вес."),
                     ("tableau 1", "1-кесте"), ("Tabelle 1", "Таблица 1"),
                     ("Culture", "Дақыл"), ("Kultur", "Культура"),
                     ("kk: Tomate, ru: Tomate", "kk: Қызанақ, ru: Томат"),
                     ("kk: Haricot, ru: Bohne", "kk: Бұршақ, ru: Фасоль"),
                     ("kk: Herbes, ru: Kräuter", "kk: Шөптер, ru: Зелень"),
                     ("Poids (kg)", "Салмақ (кг)"), ("Gewicht (kg)", "Вес (кг)"),
                     ("kk: Part, ru: Anteil", "kk: Үлес, ru: Доля"),
                     ("Grammes", "Грамм"), ("Gramm,", "Граммы,"),
                     ("poids × 1000", "салмақ × 1000"), ("Gewicht × 1000", "вес × 1000")):
        package = package.replace(old, new)
    (root / "data" / "datapackage.yaml").write_text(package, encoding="utf-8")
    for lang in LANGS:
        folder = root / "content" / lang
        folder.mkdir(parents=True)
        for i, body in enumerate(bodies):
            meta = {"title": page_title(i, lang), "order": i}
            if i == 0:
                meta["template"] = "overview"
            (folder / f"{page_key(i)}.md").write_text(_fm_yaml(meta) + body[lang],
                                                     encoding="utf-8")
    accept_translations(root)  # the translations start tracked, as `new` makes them


def accept_translations(root: Path, key: str | None = None) -> list[Path]:
    """Record the translations of page key (None: of every page) as up to date with the
    original, as a translator does after an update; return the records it may rewrite
    (for the benchmark, which puts them back after an edit)."""
    records = [root / "translations" / lang / f"{key}.yaml" for lang in LANGS[1:]] \
        if key else []
    pairs = [arg for lang in LANGS[1:] for arg in ("--accept", key, lang)] if key else ["--all"]
    subprocess.run([sys.executable, str(PROJECT / "build.py"), "translations", "--root",
                    str(root), *pairs], check=True, capture_output=True)
    return records


# --- Hugo --------------------------------------------------------------------------------

HUGO_CONFIG = """\
# Benchmark corpus for Hugo, generated by bench/corpus.py
baseURL = "https://example.org/"
title = "The shared garden"
defaultContentLanguage = "kk"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "rss", "sitemap"]
relativeURLs = true
enableRobotsTXT = false

[markup.goldmark.parser.attribute]
  title = true  # `## Heading {#id}` (the default, stated for clarity)

[languages.kk]
  weight = 1
  label = "Қазақша"
  locale = "kk"
  title = "Ортақ бақ"
  contentDir = "content/kk"
[languages.ru]
  weight = 2
  label = "Русский"
  locale = "ru"
  title = "Общий сад"
  contentDir = "content/ru"
[languages.en]
  weight = 3
  label = "English"
  locale = "en"
  title = "The shared garden"
  contentDir = "content/en"
"""

HUGO_I18N = {
    "kk": {"skip": "Мазмұнға өту", "language": "Тіл", "nav": "Сайт навигациясы",
           "contents": "Мазмұны"},
    "ru": {"skip": "Перейти к содержанию", "language": "Язык", "nav": "Навигация по сайту",
           "contents": "Содержание"},
    "en": {"skip": "Skip to content", "language": "Language", "nav": "Site navigation",
           "contents": "Contents"},
}

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ .Language.Lang }}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "assets/site.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip" }}</a>
<header class="site-header">
  <a class="brand" href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
  <nav class="lang-switcher" aria-label="{{ i18n "language" }}"><ul>
  {{- $current := .Language.Lang }}
  {{- range .AllTranslations }}
    <li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}"{{ if eq .Language.Lang $current }} aria-current="true"{{ end }}>{{ .Language.Label }}</a></li>
  {{- end }}
  </ul></nav>
  <nav class="site-nav" aria-label="{{ i18n "nav" }}"><ul>
  {{- $here := .RelPermalink }}
    <li><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Home.Title }}</a></li>
  {{- range .Site.RegularPages.ByWeight }}
    <li><a href="{{ .RelPermalink }}"{{ if eq .RelPermalink $here }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
  {{- end }}
  </ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>CC0-1.0 · 1.2.0</p></footer>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  <nav class="toc" aria-label="{{ i18n "contents" }}">{{ .TableOfContents }}</nav>
  <div class="prose">{{ .Content }}</div>
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<article>
  <h1>{{ .Title }}</h1>
  <div class="prose">{{ .Content }}</div>
</article>
{{ end }}
""",
    "home.html": """\
{{ define "title" }}{{ .Site.Title }}{{ end }}
{{ define "main" }}
<article class="overview">
  <h1>{{ .Site.Title }}</h1>
  <nav class="toc" aria-label="{{ i18n "contents" }}">{{ .TableOfContents }}</nav>
  <div class="prose">{{ .Content }}</div>
</article>
{{ end }}
""",
}


def write_hugo(root: Path, bodies: list[dict[str, str]]) -> None:
    """A Hugo site with our own minimal layouts."""
    root.mkdir(parents=True)
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = root / "layouts"
    layouts.mkdir()
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    (root / "i18n").mkdir()
    for lang, strings in HUGO_I18N.items():
        (root / "i18n" / f"{lang}.toml").write_text(
            "".join(f'{k} = "{v}"\n' for k, v in strings.items()), encoding="utf-8")
    (root / "static" / "assets").mkdir(parents=True)
    shutil.copy(PROJECT / "reportsite" / "theme" / "static" / "assets" / "site.css",
                root / "static" / "assets")
    for lang in LANGS:
        folder = root / "content" / lang
        folder.mkdir(parents=True)
        for i, body in enumerate(bodies):
            name = "_index.md" if i == 0 else f"{page_key(i)}.md"
            meta = {"title": page_title(i, lang), "weight": i}
            (folder / name).write_text(_fm_yaml(meta) + strip_charts(body[lang]),
                                       encoding="utf-8")


# --- MkDocs Material + mkdocs-static-i18n --------------------------------------------------

MKDOCS_CONFIG = """\
# Benchmark corpus for MkDocs, generated by bench/corpus.py
site_name: Ортақ бақ
site_url: https://example.org/
docs_dir: docs
theme:
  name: material
  language: {theme_language}
{custom_dir}markdown_extensions:
  - extra
  - toc:
      permalink: false
plugins:
  - search
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - locale: kk
          default: true
          name: Қазақша
          build: true
        - locale: ru
          name: Русский
          build: true
          site_name: Общий сад
        - locale: en
          name: English
          build: true
          site_name: The shared garden
"""

# Material ships no Kazakh UI translation (material/templates/partials/languages/ has
# ru.html but no kk.html). `theme.language: kk` then fails to build (see README); the
# benchmark works around it with a custom_dir that adds partials/languages/kk.html, a
# handful of Kazakh strings, falling back to English for the rest (Material's own
# fallback mechanism in partials/language.html).
MKDOCS_KK_PARTIAL = """\
{% macro t(key) %}{{ {
  "language": "kk",
  "action.skip": "Мазмұнға өту",
  "header": "Тақырып",
  "meta.comments": "Пікірлер",
  "nav": "Навигация",
  "search": "Іздеу",
  "search.placeholder": "Іздеу",
  "search.reset": "Тазалау",
  "search.result.placeholder": "Іздеу үшін теріңіз",
  "search.result.none": "Ештеңе табылмады",
  "search.result.one": "1 сәйкес құжат",
  "search.result.other": "# сәйкес құжат",
  "select.language": "Тілді таңдаңыз",
  "toc": "Мазмұны",
  "top": "Жоғарыға"
}[key] }}{% endmacro %}
"""


def write_mkdocs(root: Path, bodies: list[dict[str, str]], kk_partial: bool = True) -> None:
    """An MkDocs Material site with mkdocs-static-i18n (suffix structure)."""
    root.mkdir(parents=True)
    custom = "  custom_dir: overrides\n" if kk_partial else ""
    (root / "mkdocs.yml").write_text(
        MKDOCS_CONFIG.format(theme_language="kk", custom_dir=custom), encoding="utf-8")
    if kk_partial:
        folder = root / "overrides" / "partials" / "languages"
        folder.mkdir(parents=True)
        (folder / "kk.html").write_text(MKDOCS_KK_PARTIAL, encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    for lang in LANGS:
        for i, body in enumerate(bodies):
            meta = {"title": page_title(i, lang)}
            (docs / f"{page_key(i)}.{lang}.md").write_text(
                _fm_yaml(meta) + strip_charts(body[lang]), encoding="utf-8")


def make_corpus(work: Path, pages: int) -> dict[str, Path]:
    """Write the three site folders for `pages` pages per language (index included)."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    bodies = [page_bodies(i, chart=1 <= i <= CHART_PAGES) for i in range(pages)]
    roots = {"ours": work / "ours", "hugo": work / "hugo", "mkdocs": work / "mkdocs"}
    write_ours(roots["ours"], bodies)
    write_hugo(roots["hugo"], bodies)
    write_mkdocs(roots["mkdocs"], bodies)
    return roots


def edit_targets(roots: dict[str, Path], pages: int) -> dict[str, list[Path]]:
    """The files of the one page edited for the 'edit one page' rebuild, per tool."""
    key = page_key(max(1, pages // 2))
    return {
        "ours": [roots["ours"] / "content" / lang / f"{key}.md" for lang in LANGS],
        "hugo": [roots["hugo"] / "content" / lang / f"{key}.md" for lang in LANGS],
        "mkdocs": [roots["mkdocs"] / "docs" / f"{key}.{lang}.md" for lang in LANGS],
    }
