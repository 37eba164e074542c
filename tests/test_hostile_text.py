"""Hostile text from site.yaml, front matter and the data package, in every place it reaches
a page: HTML text, attributes, <title>, meta tags, JSON-LD and the chart spec.

A copy of the real site gets a payload (a closing </script>, a new <script>, an <img> with
an event handler, a comment opener, quotes, an entity and a line separator) in each of
those texts, each behind a marker naming the place. Every page must then (1) show each
text exactly as written, once escaped, (2) keep every JSON block parseable and holding
the text intact, and (3) have no <script> or event-handler attribute of its own making:
checked with html.parser here and with Chromium's HTML parser below.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from htmlquery import find, parse
from reportsite.cli import main

PAYLOAD = ("</script><script>window.__xss=1</script><!--<script> \"><img src=x "
           "onerror=window.__xss=2> 'q' &amp; \u2028 end")
JSON_TYPES = {"application/json", "application/ld+json"}


def hostile(place: str) -> str:
    """The hostile text for one place: its marker, then the payload."""
    text = f"{place.upper()}{PAYLOAD}"
    if place == "field title":
        # Vega-Lite writes tooltip titles into an expression, which a line separator or
        # line break breaks; the build then fails with an internal error (a bug of its own,
        # see docs/QUALITY.md), so field titles get the payload without it.
        text = text.replace("\u2028", "")
    return text


def _front_matter(path: Path, **changes: str) -> None:
    """Change front-matter keys of a page (its body is kept)."""
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    values = yaml.safe_load(meta) | changes
    path.write_text("---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
                    + "---\n" + body, encoding="utf-8")


def _named(items: list[dict], name: str) -> dict:
    return next(item for item in items if item["name"] == name)


def make_hostile(root: Path) -> None:
    """Put hostile(place) into every kind of text of a copy of the real site (English)."""
    config = yaml.safe_load((root / "site.yaml").read_text(encoding="utf-8"))
    config["title"]["en"] = hostile("site title")
    config["subtitle"]["en"] = hostile("subtitle")
    config["authors"][0]["name"]["en"] = hostile("author")
    config["authors"][0]["affiliation"]["en"] = hostile("affiliation")
    config["keywords"]["en"][0] = hostile("keyword")
    config["authors"][0]["institution"]["en"] = hostile("institution")
    config["article"]["journal"] = {lang: hostile("journal") for lang in config["languages"]}
    config["base_url"] = "https://example.org/report/"  # adds the Open Graph tags
    (root / "site.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                    encoding="utf-8")

    page = root / "content/en/data.md"
    _front_matter(page, title=hostile("page title"), nav_title=hostile("nav title"),
                  description=hostile("description"))
    with page.open("a", encoding="utf-8") as f:  # a label in running text, through value()
        f.write('\nThe first answer is {{ value("survey_attitudes", "attitude/positive", '
                '"answer") }}.\n')

    package_path = root / "data/datapackage.yaml"
    package = yaml.safe_load(package_path.read_text(encoding="utf-8"))
    package["titles"]["en"] = hostile("package title")
    package["descriptions"]["en"] = hostile("package description")
    survey = _named(package["resources"], "survey_attitudes")
    survey["titles"]["en"] = hostile("dataset title")
    survey["sources"][0]["locator"]["en"] = hostile("source")
    fields = survey["schema"]["fields"]
    _named(fields, "answer")["titles"]["en"] = hostile("field title")
    _named(fields, "answer")["labels"]["positive"]["en"] = hostile("label")
    _named(fields, "question")["short_labels"]["attitude"]["en"] = hostile("short label")
    package_path.write_text(yaml.safe_dump(package, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory, chart_cache) -> Path:
    """The real site with hostile text everywhere, built; returns its site/ folder."""
    root = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        "site", "dist", ".venv", ".git", ".cache", "__pycache__", ".pytest_cache",
        "test-artifacts", "bench"))
    make_hostile(root)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(["build", "--root", str(root), "-q", "--cache-dir", str(chart_cache)])
    assert code == 0, err.getvalue()
    return root / "site"


# Pages, with their JSON blocks: JSON-LD, and where charts are (the overview and data
# pages) two chart specs per chart (its wide and narrow forms), the d3 locales and the
# charts' themes.
PAGES = {"en/index.html": 7, "en/article.html": 1, "en/data.html": 7, "en/cite.html": 1,
         "kk/data.html": 7, "index.html": 1, "404.html": 1}  # the root pages: their JSON-LD


# --- (3) no script or handler of the text's making, by html.parser ---------------------------

class _Scan(HTMLParser):
    """Every start tag with its attributes, and every <script> with its raw content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.comments: list[str] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_data(self, data):
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_comment(self, data):
        self.comments.append(data)


def scan(html: str) -> _Scan:
    scanner = _Scan()
    scanner.feed(html)
    scanner.close()
    return scanner


@pytest.mark.parametrize("page, blocks", PAGES.items())
def test_no_script_or_handler_outside_the_json_blocks(site, page, blocks):
    html = (site / page).read_text(encoding="utf-8")
    found = scan(html)
    handlers = [(tag, name) for tag, attrs in found.tags for name in attrs
                if name.startswith("on")]
    assert handlers == []
    assert found.comments == []  # an unescaped "<!--" would hide what follows it
    json_blocks = 0
    for attrs, content in found.scripts:
        if "src" in attrs:  # the site's own scripts: a file, no inline code
            assert content == "" and attrs.get("type") is None, attrs
            continue
        assert attrs.get("type") in JSON_TYPES, (attrs, content[:200])
        # Nothing in a JSON block can end it or open a comment: no "<" at all.
        assert "<" not in content, content[:200]
        json.loads(content)
        json_blocks += 1
    assert json_blocks == blocks
    # Each "<script" in the file is one of the script elements above, not text that a
    # browser could read as a tag.
    assert len(re.findall(r"<script\b", html, re.I)) == len(found.scripts)


# --- (2) JSON blocks hold the text intact ------------------------------------------------------

def json_ld(site: Path, page: str) -> list[dict]:
    (block,) = [s.text for s in find(parse((site / page).read_text(encoding="utf-8")),
                                     "script", type="application/ld+json")]
    return json.loads(block)


def strings(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)] + list(value)
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_json_ld_holds_each_text_intact(site):
    (article,) = json_ld(site, "en/article.html")
    assert article["headline"] == hostile("site title")
    assert article["name"] == f"{hostile('site title')}: {hostile('subtitle')}"
    assert article["author"][0]["name"] == hostile("author")
    assert article["author"][0]["affiliation"]["name"] == hostile("institution")
    assert article["keywords"][0] == hostile("keyword")
    page, dataset = json_ld(site, "en/data.html")
    assert page["name"] == hostile("page title")
    assert dataset["name"] == hostile("package title")
    assert dataset["description"] == hostile("package description")
    assert dataset["distribution"][0]["name"] == hostile("dataset title")
    (original,) = json_ld(site, "kk/article.html")
    assert original["isPartOf"]["name"] == hostile("journal")


def test_chart_spec_holds_each_text_intact(site):
    elements = parse((site / "en/data.html").read_text(encoding="utf-8"))
    (block,) = [s.text for s in find(elements, "script", id="fig-survey_attitudes-spec")]
    spec = json.loads(block)
    texts = strings(spec)
    assert hostile("field title") in texts  # the tooltip's title
    values = spec["data"]["values"] if "values" in spec.get("data", {}) else \
        next(iter(spec["datasets"].values()))
    first = values[0]
    assert first["answer"] == hostile("label")
    assert first["label"] == f"{hostile('label')} 45%"
    assert first["question"] == hostile("short label")


def test_published_package_holds_each_text_intact(site):
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    assert package["titles"]["en"] == hostile("package title")
    survey = _named(package["resources"], "survey_attitudes")
    assert survey["titles"]["en"] == hostile("dataset title")
    answer = _named(survey["schema"]["fields"], "answer")
    assert answer["titles"]["en"] == hostile("field title")
    assert answer["labels"]["positive"]["en"] == hostile("label")


# --- (1) HTML text and attributes show each text as written ---------------------------------

def meta(elements, key: str) -> list[str]:
    """The content of every <meta name=key> or <meta property=key>."""
    return [m.attrs["content"] for m in find(elements, "meta")
            if key in (m.attrs.get("name"), m.attrs.get("property"))]


def texts(elements, tag: str, cls: str | None = None) -> list[str]:
    return [e.text for e in find(elements, tag) if cls is None
            or cls in e.attrs.get("class", "").split()]


def test_titles_and_meta_tags_show_each_text_as_written(site):
    title, subtitle = hostile("site title"), hostile("subtitle")
    page_title = hostile("page title")
    data = parse((site / "en/data.html").read_text(encoding="utf-8"))
    assert texts(data, "title") == [f"{page_title} · {title}"]
    assert texts(data, "h1") == [page_title]
    assert texts(data, "a", "brand") == [title]
    assert meta(data, "description") == [hostile("description")]
    assert meta(data, "og:description") == [hostile("description")]
    assert meta(data, "og:title") == [f"{page_title} · {title}"]
    assert meta(data, "keywords")[0].startswith(hostile("keyword") + ", ")
    article = parse((site / "en/article.html").read_text(encoding="utf-8"))
    assert meta(article, "citation_title") == [f"{title}: {subtitle}"]
    assert meta(article, "citation_author")[0] == hostile("author")
    assert meta(article, "citation_author_institution")[0] == hostile("institution")
    assert meta(article, "citation_keywords")[0].startswith(hostile("keyword") + "; ")
    original = parse((site / "kk/article.html").read_text(encoding="utf-8"))
    assert meta(original, "citation_journal_title") == [hostile("journal")]
    nav = [a.text for a in find(data, "a") if a.inside("nav", "site-nav")]
    assert hostile("nav title") in nav

    overview = parse((site / "en/index.html").read_text(encoding="utf-8"))
    assert texts(overview, "title") == [title]
    assert texts(overview, "h1") == [f"{title}: {subtitle}"]
    assert texts(overview, "span", "author")[0] == f"{hostile('author')}1*"
    affiliations = [li.text for li in find(overview, "li") if li.inside("ol", "affiliations")]
    assert affiliations[0].startswith(hostile("affiliation") + " · ")
    keywords = [li.text for li in find(overview, "li") if li.inside("ul", "keyword-list")]
    assert keywords[0] == hostile("keyword")

    chooser = parse((site / "index.html").read_text(encoding="utf-8"))
    section = find(chooser, "section", lang="en")[0]
    assert [p.text for p in find(chooser, "p", class_="choice-title")
            if section in p.ancestors] == [f"{title}: {subtitle}"]


def test_data_texts_show_as_written_in_tables_codebooks_and_prose(site):
    elements = parse((site / "en/data.html").read_text(encoding="utf-8"))
    table = find(elements, "figure", id="tbl-survey_attitudes")[0]
    inside = [e for e in elements if table in e.ancestors]
    assert texts(inside, "figcaption") == [f"Table 1. {hostile('dataset title')}"]
    assert hostile("field title") in texts(inside, "th")
    assert hostile("label") in texts(inside, "td")
    assert texts(inside, "p", "source") == [f"Source: [10], {hostile('source')}."]
    codebook = [e for e in find(elements, "div", class_="table-scroll")
                if e.attrs.get("aria-label", "").startswith("Codebook: ")]
    assert codebook[0].attrs["aria-label"] == f"Codebook: {hostile('dataset title')}"
    assert texts(elements, "caption")[0] == f"Codebook: {hostile('dataset title')}"
    assert hostile("field title") in texts(elements, "td")
    assert f"positive {hostile('label')}" in texts(elements, "li")
    figure = find(elements, "figure", id="fig-survey_attitudes")[0]
    chart_headers = [th.text for th in find(elements, "th") if figure in th.ancestors]
    assert hostile("field title") in chart_headers
    prose = [p.text for p in find(elements, "p") if p.inside("div", "prose")]
    assert f"The first answer is {hostile('label')}." in prose


# --- (3) again, by the browser's own HTML parser -------------------------------------------

DOM_PROBLEMS = """() => {
  const problems = [];
  for (const s of document.querySelectorAll('script')) {
    if (s.hasAttribute('src')) {
      if (s.textContent.trim()) problems.push('code beside src: ' + s.src);
    } else if (!['application/json', 'application/ld+json'].includes(s.type)) {
      problems.push('script: ' + s.outerHTML.slice(0, 120));
    } else {
      try { JSON.parse(s.textContent); } catch (e) { problems.push('JSON: ' + s.outerHTML.slice(0, 120)); }
    }
  }
  for (const e of document.querySelectorAll('*'))
    for (const a of e.attributes)
      if (a.name.startsWith('on')) problems.push(e.tagName + ' ' + a.name);
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  while (walker.nextNode()) problems.push('comment: ' + walker.currentNode.data.slice(0, 80));
  return problems;
}"""


@pytest.mark.browser
def test_chromium_parses_no_script_or_handler(site, chromium):
    context = chromium.new_context()
    page = context.new_page()
    for name in PAGES:
        page.goto((site / name).as_uri())
        assert page.evaluate(DOM_PROBLEMS) == [], name
        assert page.evaluate("window.__xss") is None, name
    page.goto((site / "en/data.html").as_uri())
    assert page.title() == f"{hostile('page title')} · {hostile('site title')}"
    name = page.evaluate("JSON.parse(document.querySelector("
                         "'script[type=\"application/ld+json\"]').textContent)[0].name")
    assert name == hostile("page title")
    context.close()
