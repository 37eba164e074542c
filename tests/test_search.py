"""The offline search: words and stems (Python and the browser's JavaScript agree), the
section index, the build's share of it, and in Chromium from file:// with the network
blocked, the issue's acceptance queries, the keyboard and the page without JavaScript."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, missing, offline_pages
from reportsite.core.layout import RUNTIME
from reportsite.outputs.search import DROPPED, Section, fragment_text, index_script, page_sections
from reportsite.outputs.stemming import (HYPHENS, KAZAKH, TOKEN, english_spelling, fold,
                                         kazakh_stem, matches, query_terms, query_words, stem,
                                         text_terms, word_terms)

DATA = Path(__file__).parent / "data"

# --- words ----------------------------------------------------------------------------------


def test_folding_lowers_every_kazakh_letter_and_folds_it():
    assert fold("ӘҒҚҢӨҰҮҺІ әғқңөұүһі Ёё") == "агкноуухи агкноуухи ее"
    assert fold("КӨШІ-ҚОН Migrants") == "коши-кон migrants"


def test_kazakh_endings_are_cut_when_they_may_follow_what_they_leave():
    forms = ["мигрант", "мигранттар", "Мигранттарға", "мигранттардың", "мигранттарды",
             "мигранттары", "мигранттарын", "мигранттарға"]
    assert {kazakh_stem(fold(word)) for word in forms} == {"мигрант"}
    assert [kazakh_stem(fold(w)) for w in ("қаласында", "қала", "Қазақстандағы", "Қазақстан",
                                            "мен", "ел", "елдерінде", "еңбегінде", "Алматыға")] == [
        "кала", "кала", "казакстан", "казакстан", "мен", "ел", "ел", "енбек", "алматы"]
    # an accusative after a vowel is -ны, so қалады (a verb) is no form of қала; -на after
    # a vowel needs a possessive before it, so Астана keeps its end
    assert kazakh_stem("калады") != "кала" and kazakh_stem("астана") == "астана"
    assert kazakh_stem("жастар") == "жас" != kazakh_stem("жасайтын")


def test_british_spellings_are_searched_as_american():
    assert [english_spelling(w) for w in ("labour", "urbanisation", "organised", "analyse",
                                          "centre", "our", "four", "hour", "promising")] == [
        "labor", "urbanization", "organized", "analyze", "center", "our", "four", "hour",
        "promising"]
    assert query_terms("Labour urbanisation", "en") == query_terms("labor urbanization", "en")
    assert stem("labour", "ru") == "labour"  # only English is respelt


def test_every_listed_english_word_has_its_spelling_and_no_other_article_word_changes():
    rows = read_tsv("en_spelling.tsv")
    assert len(rows) > 100
    assert [(w, english_spelling(w)) for w, spelt, *_ in rows if english_spelling(w) != spelt] == []
    article = [fold(w) for w in TOKEN.findall(" ".join(
        p.read_text(encoding="utf-8") for p in (REPO / "content" / "en").glob("*.md")))]
    changed = {w for w in article if english_spelling(w) != w}
    listed = {w for w, spelt, *_ in rows if spelt != w}
    assert changed and changed <= listed  # the article's words that change are all listed


def test_only_the_word_being_typed_matches_by_its_letters():
    assert query_words("жастар Алматы", "kk") == [("жас", ""), ("алматы", "алматы")]
    assert query_words("Алматы ", "kk") == [("алматы", "")]  # a space ends the word
    assert query_words("ел", "kk") == [("ел", "")]  # too short to match by its letters
    assert query_words("labour", "en") == [("labor", "labor")]
    word = query_words("жастар", "kk")[0]
    assert matches("жас", word) and matches("жастардык", word)
    assert not matches(kazakh_stem("жасайтын"), word)
    assert not any(matches(t, w) for t in word_terms("алмай", "kk")
                   for w in query_words("Алматы", "kk"))


def test_a_compound_is_indexed_whole_and_in_parts_and_searched_whole():
    assert text_terms("Көші-қонның мигранттары", "kk") == ["кош", "кон", "кошикон", "мигрант"]
    assert query_terms("көші-қон", "kk") == ["кошикон"]
    assert query_terms("мигрантов", "ru") == ["мигрант"]
    assert query_terms("Migrants' flows", "en") == ["migrant", "flow"]
    assert word_terms("a", "en") == ()


# --- the Kazakh stemmer, measured ---------------------------------------------------------
# tests/data/kk_stems.tsv: word forms of the article with the stem each should have (forms
# with one stem are a group search must join); kk_distinct.tsv: pairs that must stay apart.
# Measured with these rules (before them, with the stripper of three endings that left
# three letters and prefix matching of every query word, in brackets): 786 forms, 256 stems;
# exact stems 92.4 % (71.9 %); pairs of forms given one term: precision 97.7 % (97.2 %),
# recall 97.5 % (73.3 %); each form typed as a query: precision 96.4 % (84.8 %), recall
# 97.6 % (80.6 %); distinct pairs joined 0 of 33 (6), found by search 0 (10). The precision
# lost is words that no rule can part: -ды/-ты adjectives that read as accusatives (елді
# мекен, байланысты, күшті) and letters folding makes one (болу, бөлу).
KK_THRESHOLDS = {"exact": 0.92, "precision": 0.97, "recall": 0.97,
                 "search precision": 0.96, "search recall": 0.97}


def read_tsv(name: str) -> list[list[str]]:
    """The rows of a data file in tests/data: tab-separated fields, comments (#) left out."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def kk_stems(article) -> dict[str, str]:
    """Each form of kk_stems.tsv and its expected stem, every form one of the article's."""
    rows = read_tsv("kk_stems.tsv")
    text = article + " ".join(p.read_text(encoding="utf-8")
                              for p in (REPO / "content" / "kk").glob("*.md"))
    words = {w for token in TOKEN.findall(text.lower()) for w in (token, *token.split("-"))}
    assert [form for form, *_ in rows if form not in words] == []
    forms = dict((form, expected) for form, expected, *_ in rows)
    assert len(forms) == len(rows) >= 200
    return forms


def kk_term(form: str) -> str:
    """The term search gives a Kazakh form (a compound's whole)."""
    return query_words(form, "kk")[0][0]


def kk_finds(query: str, form: str) -> bool:
    """Whether query, typed alone, finds form in a text."""
    return any(matches(t, w) for t in word_terms(form, "kk") for w in query_words(query, "kk"))


def pair_scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    """Precision and recall of (expected, found) pairs: of those found, the share
    expected; of those expected, the share found."""
    both = sum(expected and found for expected, found in pairs)
    return both / sum(found for _, found in pairs), both / sum(e for e, _ in pairs)


def test_the_kazakh_stemmer_joins_the_forms_of_a_word_and_no_others(kk_stems):
    group, term = kk_stems, {form: kk_term(form) for form in kk_stems}
    # a homonym's stem is marked: тек/2 ("origin") is not тек ("only")
    spelt = {form: HYPHENS.sub("", fold(stem.split("/")[0])) for form, stem in group.items()}
    scores = {"exact": sum(term[f] == spelt[f] for f in group) / len(group)}
    scores["precision"], scores["recall"] = pair_scores(
        [(group[a] == group[b], term[a] == term[b])
         for a, b in itertools.combinations(group, 2)])
    words = {form: query_words(form, "kk") for form in group}  # each form typed alone
    terms = {form: word_terms(form, "kk") for form in group}
    scores["search precision"], scores["search recall"] = pair_scores(
        [(group[a] == group[b], any(matches(t, w) for t in terms[b] for w in words[a]))
         for a, b in itertools.permutations(group, 2)])
    report = ", ".join(f"{name} {value:.1%}" for name, value in scores.items())
    print(f"\nKazakh stems: {len(group)} forms, {len(set(group.values()))} stems: {report}")
    assert all(scores[name] >= floor for name, floor in KK_THRESHOLDS.items()), report


def test_the_kazakh_stemmer_keeps_apart_the_words_that_only_look_alike(kk_stems):
    pairs = [(a, b) for a, b, *_ in read_tsv("kk_distinct.tsv")]
    assert len(pairs) > 30 and all(a in kk_stems and b in kk_stems for a, b in pairs)
    assert [(a, b) for a, b in pairs if kk_term(a) == kk_term(b)] == []
    # nor does search find the one for the other, unless its letters begin the other (a
    # reader typing жыл may be on the way to жылжымайтын)
    assert [(a, b) for a, b in pairs + [(b, a) for a, b in pairs]
            if kk_finds(a, b) and not fold(b).startswith(fold(a))] == []
    assert not kk_finds("Алматы", "алмай") and not kk_finds("жастар", "жасайтын")


# --- sections and the index ------------------------------------------------------------------

PAGE = """<html><body><h1 id="top">Title</h1><nav><h2 id="nav">Not indexed</h2></nav>
<div class="prose" data-search-body>
<p>Before the first &amp; heading.</p>
<h2 id="one">One <em>title</em></h2><p>Text<sup>1</sup> of one.</p>
<script type="application/json">{"hidden": "script"}</script>
<figure><svg><text>svg text</text></svg><figcaption>Caption</figcaption></figure>
<h3>No id</h3><div><p>Nested div</p></div>
<h3 id="two">Two</h3><table><tr><td>1</td><td>2</td></tr></table>
</div><footer><p>Footer</p></footer></body></html>"""


def test_sections_come_from_the_marked_body_split_at_headings_with_ids():
    assert page_sections(PAGE, "en") == (
        Section("", "", "Before the first & heading.", "befor the first head"),
        Section("one", "One title", "Text 1 of one. Caption No id Nested div",
                "one*2 titl text of caption no id nest div"),
        Section("two", "Two", "1 2", "two"),
    )


def test_the_index_is_a_classic_script_setting_one_global():
    script = index_script("kk", [("article.html", "Мақала", (Section("a", "Б", "в\u2028", "в"),))])
    assert script.decode().startswith("/* The search index of the kk pages")
    data = script.decode().split("window.reportsiteSearchIndex = ", 1)[1].rstrip(";\n")
    assert "\u2028" not in data
    index = json.loads(data)
    assert index["pages"] == [["article.html", "Мақала"]]
    assert index["sections"] == [[0, "a", "Б", "в\u2028", "в"]]
    assert index["stemmer"] == "kazakh" and index["kazakh"] == KAZAKH
    assert index["spelling"] is None
    english = json.loads(index_script("en", []).decode().split(" = ", 1)[1].rstrip(";\n"))
    assert english["kazakh"] is None and english["spelling"][0][1] == "or"


# --- Python and JavaScript agree --------------------------------------------------------------

WORDS_JS = """
const fs = require("fs"), vm = require("vm");
const [snowball, words, request] = process.argv.slice(2);
const context = {}; context.window = context; vm.createContext(context);
vm.runInContext(fs.readFileSync(snowball, "utf8"), context);
vm.runInContext(fs.readFileSync(words, "utf8"), context);
const w = context.reportsiteWords, out = {};
for (const [name, task] of Object.entries(JSON.parse(fs.readFileSync(request, "utf8")))) {
  if (task.stemmer === "snowball") {
    const s = context.snowballFactory.newStemmer(task.algorithm);
    out[name] = task.words.map(x => s.stem(x));
  } else {
    vm.runInContext(fs.readFileSync(task.index, "utf8"), context);
    const index = context.reportsiteSearchIndex, stem = w.makeStem(index);
    const spell = w.makeSpell(index), words = task.words.map(t => w.wordTerms(t, stem));
    out[name] = {
      sections: index.sections.map(s => {
        const counts = new Map();
        w.textTerms(s[2] + " " + s[3], stem).forEach(t => counts.set(t, (counts.get(t) || 0) + 1));
        return Array.from(counts, ([t, n]) => n === 1 ? t : t + "*" + n).join(" ");
      }),
      words: words,
      queries: task.queries.map(q => w.queryWords(q, stem, spell)),
      finds: task.finds.map(q => {
        const query = w.queryWords(q, stem, spell);
        return words.flatMap((terms, n) =>
          terms.some(t => query.some(word => w.matches(t, word))) ? [n] : []);
      }),
    };
  }
}
process.stdout.write(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def outputs(real_site):
    return real_site[1]


def run_node(tmp_path: Path, request: dict) -> dict:
    """Run WORDS_JS on request (the runtime's snowball.js and search-words.js)."""
    node = shutil.which("node")
    if node is None:
        missing("node is missing", "install Node.js (the CI machine has it)")
    (tmp_path / "request.json").write_text(json.dumps(request, ensure_ascii=False))
    (tmp_path / "words.js").write_text(WORDS_JS)
    result = subprocess.run([node, str(tmp_path / "words.js"), str(RUNTIME / "snowball.js"),
                             str(RUNTIME / "search-words.js"), str(tmp_path / "request.json")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_python_and_javascript_stem_every_word_of_the_article_alike(tmp_path, article):
    from reportsite.outputs.stemming import _snowball
    request = {}
    for lang, algorithm in (("ru", "russian"), ("en", "english")):
        text = (REPO / "content" / lang / "article.md").read_text(encoding="utf-8")
        words = sorted({fold(w) for w in re.findall(r"[^\W\d_]+", text)})
        assert len(words) > 1000
        request[lang] = {"stemmer": "snowball", "algorithm": algorithm, "words": words}
    found = run_node(tmp_path, request)
    for lang, task in request.items():
        python = [_snowball(task["algorithm"]).stemWord(w) for w in task["words"]]
        differ = [(w, p, j) for w, p, j in zip(task["words"], python, found[lang]) if p != j]
        assert differ == [], lang


def site_words(outputs, lang: str) -> list[str]:
    """Every token of a language's pages as the reader sees them (text, not markup)."""
    pages = [body.decode("utf-8") for name, body in outputs.files.items()
             if name.startswith(f"{lang}/") and name.endswith(".html")]
    assert pages
    texts = (fragment_text(DROPPED.sub(" ", page)) for page in pages)
    return sorted({token for text in texts for token in TOKEN.findall(text)})


def test_python_and_javascript_make_the_same_terms_and_matches(tmp_path, outputs, kk_stems):
    """Every section's terms; every word of the site and of the data sets, as a text's word
    and as a query (being typed and ended by a space); and which words each form of the
    Kazakh data set (kk_distinct.tsv's are among them) finds."""
    kazakh = list(kk_stems)
    extra = {"kk": kazakh, "ru": [], "en": [row[0] for row in read_tsv("en_spelling.tsv")]}
    queries = ["мигранттар", "Мигранттарға", "көші-қон", "мигрантов", "migrants",
               "Қазақстандағы халық", "Migration flows", "жастар Алматы", "Алматы ", "labour"]
    request = {}
    for lang in ("kk", "ru", "en"):
        path = tmp_path / f"search-{lang}.js"
        path.write_bytes(outputs.files[f"assets/search-{lang}.js"])
        words = sorted(set(site_words(outputs, lang) + extra[lang]))
        assert len(words) > 1000, lang
        request[lang] = {"index": str(path), "words": words,
                         "queries": queries + words + [w + " " for w in words],
                         "finds": kazakh if lang == "kk" else []}
    found = run_node(tmp_path, request)
    for lang, task in request.items():
        script = outputs.files[f"assets/search-{lang}.js"].decode()
        index = json.loads(script.split(" = ", 1)[1].rstrip(";\n"))
        assert found[lang]["sections"] == [s[4] for s in index["sections"]], lang
        words = [list(word_terms(w, lang)) for w in task["words"]]
        assert found[lang]["words"] == words, lang
        assert found[lang]["queries"] == [[list(w) for w in query_words(q, lang)]
                                          for q in task["queries"]], lang
        assert found[lang]["finds"] == [
            [n for n, terms in enumerate(words) if any(matches(t, w) for t in terms
                                                       for w in query_words(q, lang))]
            for q in task["finds"]], lang


def test_the_vendored_runtime_is_the_pinned_npm_packages():
    modules = REPO / ".venv" / "search-node" / "node_modules"
    if not modules.is_dir():
        missing(f"{modules} is missing", "make test installs the pinned packages (make vendor-search)")
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import vendor_search
    finally:
        sys.path.pop(0)
    for name, text in vendor_search.vendored(modules).items():
        assert (RUNTIME / name).read_text(encoding="utf-8") == text, name


# --- the build ---------------------------------------------------------------------------------

def test_the_build_reports_the_index_and_rebuilds_only_what_a_page_changes(make_site, run):
    from conftest import snapshot
    root = make_site()
    code, out, _ = run("build", "--root", root, "--strict")
    assert code == 0
    stage = next(line for line in out.splitlines() if line.strip().startswith("search index"))
    assert re.fullmatch(r"  search index \(fr \d+ KB, de \d+ KB, en \d+ KB\) +\d+\.\d\d s", stage)
    assert re.search(r", search index \d+ KB, [\d.]+ s$", out.splitlines()[-1])
    before = snapshot(root / "site")
    # A translation's page (an edit of the original would also date its translations:
    # they would show that they predate it).
    page = root / "content" / "de" / "harvest.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEin neues Wort: Topinambur.\n",
                    encoding="utf-8")
    assert run("build", "--root", root, "--strict")[0] == 0
    after = snapshot(root / "site")
    # and the checksums, and the RO-Crate, which gives the page's size, and the landing
    # page, which gives the crate's
    assert sorted(p for p in after if after[p] != before.get(p)) == [
        "SHA256SUMS.txt", "assets/search-de.js", "de/harvest.html", "index.html",
        "ro-crate-metadata.json"]
    assert "topinambur" in (root / "site" / "assets" / "search-de.js").read_text().lower()


# --- in the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built_site(real_built) -> Path:
    """The real site, built once for the run."""
    return real_built


@pytest.fixture
def page(chromium):
    """A page from which every request but file:// fails (and is recorded)."""
    yield from offline_pages(chromium)


def search(page, query: str) -> list[str]:
    """Type query into the search box; the hrefs of the results once they are announced."""
    page.fill("#search-input", query)
    page.wait_for_selector("#search-status:not(:empty)", state="attached", timeout=10000)
    return [a.get_attribute("href") for a in page.locator(".search-results a").all()]


ACCEPTANCE = [
    ("kk", "мигранттар", ["conclusion", "introduction", "methods", "results"]),
    ("kk", "Мигранттарға", ["conclusion", "introduction", "methods", "results"]),
    ("kk", "көші-қон", ["introduction", "methods", "references", "results"]),
    ("ru", "мигрантов", ["conclusion", "introduction", "methods", "results"]),
    ("en", "migrants", ["conclusion", "introduction", "methods", "results"]),
]
COUNT = {"kk": "Нәтижелер: ", "ru": "Результаты: ", "en": "Results: "}


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,sections", ACCEPTANCE)
def test_search_finds_the_article_sections_with_the_word_and_its_forms(
        built_site, page, lang, query, sections):
    page.goto((built_site / lang / "index.html").as_uri())
    assert "search-kk.js" not in page.loaded and "minisearch.js" not in page.loaded
    hrefs = search(page, query)
    assert sorted(h.split("#")[1] for h in hrefs if h.startswith("article.html#")) == sections
    assert page.locator("#search-status").inner_text() == COUNT[lang] + str(len(hrefs))
    marks = page.locator(".search-results li").evaluate_all(
        "items => items.map(item => item.querySelectorAll('mark').length)")
    assert min(marks) >= 1
    assert f"search-{lang}.js" in page.loaded
    assert page.problems == []


def expected_hits(site: Path, lang: str, query: str) -> list[str]:
    """The hrefs of the sections whose terms match every word of query, by
    reportsite.outputs.stemming's rule, in index order."""
    script = (site / "assets" / f"search-{lang}.js").read_text(encoding="utf-8")
    index = json.loads(script.split(" = ", 1)[1].rstrip(";\n"))
    words = query_words(query, lang)
    hits = []
    for page_n, anchor, _, _, terms in index["sections"]:
        own = {entry.rsplit("*", 1)[0] if "*" in entry else entry for entry in terms.split()}
        if all(any(matches(t, w) for t in own) for w in words):
            hits.append(index["pages"][page_n][0] + (f"#{anchor}" if anchor else ""))
    return hits


PRECISE = [  # the false marks, a word being typed, and a British spelling
    ("kk", "Алматы", "алмай"), ("kk", "жастар", "жасайтын"), ("kk", "алма", None),
    ("en", "labour", None), ("en", "Labour migration", None),
]


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,look_alike", PRECISE)
def test_search_finds_and_marks_what_the_rule_matches_and_no_look_alike(
        built_site, page, lang, query, look_alike):
    page.goto((built_site / lang / "index.html").as_uri())
    hrefs = search(page, query)
    assert hrefs and sorted(hrefs) == sorted(expected_hits(built_site, lang, query))
    marks = page.locator(".search-results mark").all_inner_texts()
    words = query_words(query, lang)
    assert marks and [m for m in marks if not any(matches(t, w) for t in word_terms(m, lang)
                                                  for w in words)] == []
    assert look_alike is None or fold(look_alike) not in {fold(m) for m in marks}
    assert page.problems == []


@pytest.mark.browser
def test_search_works_by_keyboard_alone(built_site, page):
    page.goto((built_site / "en" / "data.html").as_uri())
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-input":
            break
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.type("migrants")
    page.wait_for_selector("#search-status:not(:empty)", state="attached", timeout=10000)
    links = page.locator(".search-results a")
    focused = "document.activeElement.getAttribute('href')"
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-input"
    page.keyboard.press("Escape")
    assert page.locator("#search-panel").is_hidden()
    assert page.input_value("#search-input") == "migrants"
    page.keyboard.type(" flows")
    page.wait_for_selector("#search-panel:not([hidden])")
    page.keyboard.press("ArrowDown")
    target = page.evaluate(focused)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/en/{target}")
    assert page.problems == []


@pytest.mark.browser
def test_without_javascript_the_box_keeps_its_place_and_nothing_breaks(built_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / "kk" / "article.html").as_uri())
    form = page.locator("form.site-search")
    assert form.bounding_box()["height"] > 20  # in its place ...
    assert form.evaluate("f => getComputedStyle(f).visibility") == "hidden"  # ... unseen
    assert page.locator("#search-panel").is_hidden()
    assert page.locator("h2#results").is_visible()
    context.close()
