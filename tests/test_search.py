"""The offline search: words and stems (Python and the browser's JavaScript agree), a
page's blocks, the sharded index, the build's share of it, and in Chromium from file://
with the network blocked: the issue's acceptance queries (the first hit is the right
block, and the page it opens marks the query's words), what a first query loads, the
keyboard, and the page without JavaScript."""

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
from reportsite.outputs.search import (FOLDER, FRAGMENT_BLOCKS, PageIndex, decode_postings,
                                       encode_postings, idf, impact, page_index, page_sections)
from reportsite.outputs.searchpage import Block
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


# --- a page's blocks ----------------------------------------------------------------------

PAGE = """<html><body><h1 id="top">Title</h1><nav><h2 id="nav">Not indexed</h2></nav>
<div class="prose" data-search-body>
<p>Before the first &amp; heading.</p>
<h2 id="one">One <em>title</em></h2><p>Text<sup>1</sup> of one.</p>
<script type="application/json">{"hidden": "<p>script</p>"}</script>
<figure><svg><text>svg text</text></svg><figcaption>Caption <a class="cite" href="#ref-1">[1]</a></figcaption>
<div class="chart" role="img" aria-label="A chart of 3 crops"><svg><text>5</text></svg></div>
<p class="downloads" data-search-ignore>Download: data</p></figure>
<h3>No id</h3><div><p>Nested div</p></div><ul><li>One item <ul><li>inner</li></ul></li></ul>
<h3 id="two">Two</h3><table><tr><td>1</td><td>2</td></tr><tr><th>Row</th><td>cell</td></tr></table>
<p>Note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>.</p>
<div class="footnote"><ol><li id="fn:1">A note.&#160;<a class="footnote-backref" href="#fnref:1">&#8617;</a></li></ol></div>
<ol class="references"><li id="ref-1">Author. Book. <a class="backlink" href="#c">↩</a></li></ol>
</div><footer><p>Footer</p></footer>
<section data-search-body="keywords"><h2 id="keywords">Keywords</h2><ul><li>labour</li></ul></section>
</body></html>"""


def test_blocks_are_the_readers_paragraphs_headings_captions_and_cells_with_their_fields():
    blocks = page_sections(PAGE, "en")
    assert [(b.anchor, b.title, b.n, b.field, b.text) for b in blocks] == [
        ("", "", 0, "body", "Before the first & heading."),
        ("one", "One title", 0, "heading", "One title"),
        ("one", "One title", 1, "body", "Text 1 of one."),
        ("one", "One title", 2, "caption", "Caption [1]"),
        ("one", "One title", 3, "description", "A chart of 3 crops"),
        ("one", "One title", 4, "heading", "No id"),
        ("one", "One title", 5, "body", "Nested div"),
        ("one", "One title", 6, "body", "One item inner"),
        ("two", "Two", 0, "heading", "Two"),
        ("two", "Two", 1, "cells", "1 2 Row cell"),
        ("two", "Two", 2, "body", "Note ."),  # a superscript parts words
        ("two", "Two", 3, "notes", "A note."),
        ("two", "Two", 4, "references", "Author. Book."),
        ("keywords", "Keywords", 0, "heading", "Keywords"),
        ("keywords", "Keywords", 1, "keywords", "labour"),
    ]
    assert dict(blocks[2].terms) == {"text": 1, "of": 1, "one": 1}  # "1": too short
    assert dict(blocks[-1].terms) == {"labor": 1} and dict(blocks[-1].forms) == {"labor": "labour"}
    assert page_sections("<p>no marked region</p>", "en") == ()


def test_a_word_weighs_more_in_a_heading_than_in_a_caption_the_text_or_a_reference():
    weights = [impact(1, 1.0, field) for field in
               ("heading", "keywords", "caption", "body", "notes", "cells", "references")]
    assert weights == sorted(weights, reverse=True) and len(set(weights)) == len(weights)
    assert impact(3, 1.0, "body") > impact(1, 1.0, "body") > impact(1, 3.0, "body") >= 1
    assert idf(1, 100) > idf(50, 100) > 0


def test_postings_are_text_that_decodes_to_the_same_blocks_and_weights():
    from array import array
    pairs = [(0, 1), (1, 255), (31, 7), (32, 32), (5000, 3), (1 << 20, 200)]
    text = encode_postings(array("I", [block << 8 | weight for block, weight in pairs]))
    assert re.fullmatch(r"[0-9a-zA-Z_-]+", text) and decode_postings(text) == pairs


# --- the index of this site -------------------------------------------------------------------

def read_part(data: bytes) -> tuple[str, str, int, object]:
    """An index file: the classic script's call, as (language, kind, number, data)."""
    found = re.fullmatch(r'reportsiteSearch\.add\("(\w+)","(\w)",(\d+),(.*)\);\n',
                         data.decode("utf-8"), re.S)
    assert found, data[:80]
    return found.group(1), found.group(2), int(found.group(3)), json.loads(found.group(4))


class Index:
    """One language's index as a built site has it: the manifest, every term and block."""

    def __init__(self, files, lang: str):
        folder = FOLDER.format(lang=lang)
        parts = {name: read_part(files[name]) for name in files if name.startswith(folder)}
        self.manifest = parts.pop(f"{folder}index.js")[3]
        self.shards = {n: data for _, kind, n, data in parts.values() if kind == "t"}
        self.fragments = {n: data for _, kind, n, data in parts.values() if kind == "f"}
        self.terms = {t: e for shard in self.shards.values() for t, e in shard.items()}
        self.lang = lang

    def block(self, number: int) -> tuple[list, list]:
        """(page: [href, title], block: [anchor, title, n, field, text]) of a block."""
        fragment = self.fragments[number // FRAGMENT_BLOCKS]
        return fragment["page"], fragment["blocks"][number % FRAGMENT_BLOCKS]

    def rank(self, query: str) -> list[int]:
        """The blocks holding every word of query, best first, by search.js's rule."""
        scores = None
        for word in query_words(query, self.lang):
            mine = {}
            for term, (postings, _) in self.terms.items():
                if matches(term, word):
                    pairs = decode_postings(postings)
                    rarity = idf(len(pairs), self.manifest["blocks"])
                    for block, weight in pairs:
                        mine[block] = max(mine.get(block, 0), rarity * weight)
            scores = mine if scores is None else {
                b: s + mine[b] for b, s in scores.items() if b in mine}
        return [b for b, _ in sorted(scores.items(), key=lambda x: (-x[1], x[0]))]


@pytest.fixture(scope="module")
def outputs(real_site):
    return real_site[1]


@pytest.fixture(scope="module")
def indexes(outputs) -> dict[str, Index]:
    return {lang: Index(outputs.files, lang) for lang in ("kk", "ru", "en")}


def site_blocks(outputs, lang: str) -> dict[str, tuple[Block, ...]]:
    """Each page of a language (file name) and its blocks."""
    return {name.split("/")[1]: page_sections(outputs.files[name].decode("utf-8"), lang)
            for name in sorted(outputs.files) if name.startswith(f"{lang}/")
            and name.endswith(".html")}


def test_every_block_of_every_page_is_in_a_fragment_and_every_term_in_its_shard(
        outputs, indexes):
    for lang, index in indexes.items():
        manifest = index.manifest
        assert manifest["stemmer"] == {"kk": "kazakh", "ru": "russian", "en": "english"}[lang]
        assert (manifest["kazakh"] == KAZAKH) == (lang == "kk")
        firsts = manifest["shards"]
        assert firsts == sorted(firsts) and len(firsts) == len(index.shards) > 1
        for n, shard in index.shards.items():  # a term is in the shard its first terms name
            assert all(firsts[n] <= term and (n + 1 == len(firsts) or term < firsts[n + 1])
                       for term in shard), (lang, n)
        held = {}
        for term, (postings, word) in index.terms.items():
            for block, weight in decode_postings(postings):
                held.setdefault(block, set()).add(term)
                assert 1 <= weight <= 255
        pages = site_blocks(outputs, lang)
        order = list(dict.fromkeys(f["page"][0] for _, f in sorted(index.fragments.items())))
        assert sorted(order) == sorted(pages)  # every page, in the navigation's order
        expected = [(page, b) for page in order for b in pages[page]]
        assert sorted(held) == sorted(n * FRAGMENT_BLOCKS + i for n, f in index.fragments.items()
                                      for i in range(len(f["blocks"])))
        assert len(held) == manifest["blocks"] == len(expected)
        for number, (page, block) in zip(sorted(held), expected):
            assert index.block(number) == ([page, index.block(number)[0][1]],
                                           [block.anchor, block.title, block.n, block.field,
                                            block.text])
            assert held[number] == {term for term, _ in block.terms}
        texts = " ".join(block.text for blocks in site_blocks(outputs, lang).values()
                         for block in blocks)
        assert "↩" not in texts and "Data shown in the chart" not in texts


# The queries, each with the block that must come first: its page and section,
# its field and words of its text (what a reader looking for the query wants to land on).
FIRST = [
    ("kk", "көші-қон", "data.html", "external-flows", "heading",
     "2022 жылғы сыртқы көші-қон ағындары"),
    ("kk", "Алматы", "index.html", "key-findings", "body", "Алматы тұрғындарының саны"),
    ("kk", "урбанизация", "index.html", "keywords", "keywords", "урбанизация"),
    ("ru", "миграция", "index.html", "keywords", "keywords", "внутренняя и внешняя миграция"),
    ("ru", "денежные переводы", "article.html", "results", "body",
     "денежные переводы превратились"),
    ("en", "labour", "article.html", "results", "body", "labor-exporting countries"),
    ("en", "remittances", "article.html", "results", "body", "remittances have become"),
    ("en", "urbanisation", "index.html", "keywords", "keywords", "urbanization"),
]


@pytest.mark.parametrize("lang,query,page,anchor,field,words", FIRST)
def test_the_ranking_puts_the_right_block_first(indexes, lang, query, page, anchor, field,
                                                words):
    index = indexes[lang]
    ranked = index.rank(query)
    where, block = index.block(ranked[0])
    assert (where[0], block[0], block[3]) == (page, anchor, field) and words in block[4]


def test_references_and_cells_rank_below_the_text(indexes):
    for lang, query in (("en", "migration"), ("ru", "Казахстан"), ("kk", "көші-қон")):
        fields = [indexes[lang].block(b)[1][3] for b in indexes[lang].rank(query)]
        assert "references" not in fields[:10] and "cells" not in fields[:5], (lang, fields)
        assert fields.index("references") > fields.index("body")


# --- Python and JavaScript agree --------------------------------------------------------------

WORDS_JS = """
const fs = require("fs"), vm = require("vm");
const [runtime, request] = process.argv.slice(2);
const out = {};
for (const [name, task] of Object.entries(JSON.parse(fs.readFileSync(request, "utf8")))) {
  const context = {}; context.window = context; vm.createContext(context);
  context.reportsiteSearch = {add: (lang, kind, n, data) => { context.manifest = data; }};
  if (task.algorithm) {
    vm.runInContext(fs.readFileSync(runtime + "/snowball-" + task.algorithm + ".js", "utf8"), context);
  }
  vm.runInContext(fs.readFileSync(runtime + "/search-words.js", "utf8"), context);
  const w = context.reportsiteWords;
  if (!task.index) {
    const s = context.snowballFactory.newStemmer(task.algorithm);
    out[name] = task.words.map(x => s.stem(x));
    continue;
  }
  vm.runInContext(fs.readFileSync(task.index, "utf8"), context);
  const index = context.manifest, stem = w.makeStem(index);
  const spell = w.makeSpell(index), words = task.words.map(t => w.wordTerms(t, stem));
  out[name] = {
    blocks: task.blocks.map(text => {
      const counts = new Map();
      w.textTerms(text, stem).forEach(t => counts.set(t, (counts.get(t) || 0) + 1));
      return Array.from(counts);
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
process.stdout.write(JSON.stringify(out));
"""


def run_node(tmp_path: Path, request: dict) -> dict:
    """Run WORDS_JS on request (the runtime's search-words.js and Snowball stemmers)."""
    node = shutil.which("node")
    if node is None:
        missing("node is missing", "install Node.js (the CI machine has it)")
    (tmp_path / "request.json").write_text(json.dumps(request, ensure_ascii=False))
    (tmp_path / "words.js").write_text(WORDS_JS)
    result = subprocess.run([node, str(tmp_path / "words.js"), str(RUNTIME),
                             str(tmp_path / "request.json")],
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
        request[lang] = {"algorithm": algorithm, "words": words}
    found = run_node(tmp_path, request)
    for lang, task in request.items():
        python = [_snowball(task["algorithm"]).stemWord(w) for w in task["words"]]
        differ = [(w, p, j) for w, p, j in zip(task["words"], python, found[lang]) if p != j]
        assert differ == [], lang


def site_words(outputs, lang: str) -> list[str]:
    """Every token of a language's searchable text."""
    return sorted({token for blocks in site_blocks(outputs, lang).values() for block in blocks
                   for token in TOKEN.findall(block.text)})


def test_python_and_javascript_make_the_same_terms_and_matches(tmp_path, outputs, kk_stems):
    """Every block's terms; every word of the site and of the data sets, as a text's word
    and as a query (being typed and ended by a space); and which words each form of the
    Kazakh data set (kk_distinct.tsv's are among them) finds."""
    kazakh = list(kk_stems)
    extra = {"kk": kazakh, "ru": [], "en": [row[0] for row in read_tsv("en_spelling.tsv")]}
    queries = ["мигранттар", "Мигранттарға", "көші-қон", "мигрантов", "migrants",
               "Қазақстандағы халық", "Migration flows", "жастар Алматы", "Алматы ", "labour"]
    request, blocks = {}, {}
    for lang in ("kk", "ru", "en"):
        path = tmp_path / f"index-{lang}.js"
        path.write_bytes(outputs.files[FOLDER.format(lang=lang) + "index.js"])
        words = sorted(set(site_words(outputs, lang) + extra[lang]))
        assert len(words) > 1000, lang
        blocks[lang] = [b for page in site_blocks(outputs, lang).values() for b in page]
        request[lang] = {"index": str(path), "words": words, "blocks": [b.text for b in blocks[lang]],
                         "algorithm": {"ru": "russian", "en": "english"}.get(lang),
                         "queries": queries + words + [w + " " for w in words],
                         "finds": kazakh if lang == "kk" else []}
    found = run_node(tmp_path, request)
    for lang, task in request.items():
        assert found[lang]["blocks"] == [[list(t) for t in b.terms] for b in blocks[lang]], lang
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
    for name in vendor_search.PINNED:
        if not (modules / name).is_dir():
            missing(f"{modules / name} is missing", "make test installs it (make vendor-search)")
    for name, text in vendor_search.vendored(modules).items():
        assert (RUNTIME / name).read_text(encoding="utf-8") == text, (
            f"{name} is not what make vendor-search makes (after editing runtime/search.js or "
            "search-words.js, run make vendor-search)")


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
    changed = sorted(p for p in after if after[p] != before.get(p))
    # the page, its language's index (only some of its files), and the checksums, the
    # RO-Crate, which gives each file's size, and the landing page, which gives the crate's
    search = [p for p in changed if p.startswith("assets/search/")]
    assert [p for p in changed if p not in search] == [
        "SHA256SUMS.txt", "de/harvest.html", "index.html", "ro-crate-metadata.json"]
    assert search and all(p.startswith("assets/search/de/") for p in search)
    assert len(search) < len([p for p in after if p.startswith("assets/search/de/")])
    assert any("topinambur" in (root / "site" / p).read_text(encoding="utf-8") for p in search)


def test_the_workers_keep_each_pages_share_on_disk_not_in_the_parent(make_site, run, tmp_path):
    from reportsite.build import pages
    returned = pages.render_one.__annotations__["return"]  # path, links, errors, UI strings
    assert returned.count(",") == 3 and "Index" not in returned and "Block" not in returned
    root = make_site()
    assert run("build", "--root", root, "--strict", "--cache-dir", tmp_path)[0] == 0
    kept = sorted((tmp_path / "results").glob("*.search"))
    assert len(kept) == len(list((tmp_path / "pages").glob("*.html"))) > 0
    from reportsite.core.cache import Cache
    from reportsite.outputs.search import read_share
    cache = Cache(tmp_path)
    shares = [read_share(cache.get("search", path.stem)) for path in kept]
    assert all(isinstance(share, PageIndex) and share.fragments for share in shares)
    texts = [block[4] for share in shares for fragment in share.fragments for block in fragment]
    assert any("Ernte" in text for text in texts), texts[:5]  # the German pages


def test_a_pages_share_numbers_its_blocks_by_fragment_and_encodes_their_postings():
    share = page_index(PAGE, "en", 4)
    blocks = [b for fragment in share.fragments for b in fragment]
    assert [b[4] for b in blocks] == [b.text for b in page_sections(PAGE, "en")]
    assert all(sum(len(b[4].encode()) for b in f[:-1]) <= 1200 for f in share.fragments)
    numbers = [n * FRAGMENT_BLOCKS + i for n, f in enumerate(share.fragments) for i in range(len(f))]
    for term, first, last, text in share.postings:
        held = [numbers[k] for k, b in enumerate(page_sections(PAGE, "en")) if term in dict(b.terms)]
        assert (first, last) == (held[0], held[-1]), term
        decoded = decode_postings("0" + text)  # the first distance, from block 0, is 0 here
        assert [b for b, _ in decoded] == [h - held[0] for h in held]


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
    """Type query into the search box as a reader does; the hrefs of its results once they
    are shown."""
    page.click("#search-input")
    page.fill("#search-input", "")
    page.keyboard.type(query)
    page.wait_for_selector(f".search-results[data-query={json.dumps(query, ensure_ascii=False)}]",
                           state="attached",
                           timeout=10000)
    return [a.get_attribute("href") for a in page.locator(".search-results a").all()]


def marked_wrongly(marks: list[str], lang: str, query: str) -> list[str]:
    """The marked words that the query's words do not match by the rule."""
    words = query_words(query, lang)
    return [m for m in marks if not any(matches(t, w) for t in word_terms(m, lang) for w in words)]


COUNT = {"kk": "Нәтижелер: ", "ru": "Результаты: ", "en": "Results: "}


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,where,anchor,field,words", FIRST)
def test_the_first_hit_opens_its_block_with_the_query_marked(
        built_site, page, indexes, lang, query, where, anchor, field, words):
    page.goto((built_site / lang / "article.html").as_uri())
    assert not [name for name in page.loaded if name.startswith(("index.js", "t", "f"))
                and name.endswith(".js") and name != "fonts.js"]
    hrefs = search(page, query)
    assert hrefs[0].startswith(f"{where}?q=") and hrefs[0].endswith(f"#{anchor}")
    assert len(hrefs) == min(6, len(indexes[lang].rank(query)))
    page.wait_for_selector("#search-status:not(:empty)", state="attached")
    assert page.locator("#search-status").inner_text() == COUNT[lang] + str(
        len(indexes[lang].rank(query)))
    first = page.locator(".search-results li").first
    assert words.split()[0] in first.inner_text()
    snippet_marks = page.locator(".search-results mark").all_inner_texts()
    assert snippet_marks and marked_wrongly(snippet_marks, lang, query) == []
    page.keyboard.press("Enter")  # once: the first result opens
    page.wait_for_selector("[data-search-landed]", state="attached", timeout=10000)
    assert page.evaluate("document.documentElement.getAttribute('data-search-landed')") == "block"
    target = page.locator(".search-target")
    assert words in target.inner_text() and target.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert target.locator("mark.search-hit").count() >= 1
    marks = page.locator("mark.search-hit").all_inner_texts()
    assert marked_wrongly(marks, lang, query) == []
    assert page.input_value("#search-input") == query
    assert page.problems == []


@pytest.mark.browser
def test_landing_for_almaty_marks_its_forms_but_not_almai(built_site, page):
    page.goto((built_site / "kk" / "article.html").as_uri() + "?q=" + "Алматы" + "&b=30#results")
    page.wait_for_selector("[data-search-landed]", state="attached", timeout=10000)
    marks = {fold(m) for m in page.locator("mark.search-hit").all_inner_texts()}
    words = {fold(t) for t in TOKEN.findall(page.locator("[data-search-body]").first.inner_text())}
    assert "алмай" in words and "алмасу" in words  # the look-alikes are on the page ...
    assert marks and all(m.startswith("алматы") for m in marks)  # ... and not marked
    assert page.problems == []


@pytest.mark.browser
def test_the_browser_finds_the_blocks_python_finds_on_every_page(built_site, outputs, page):
    for lang in ("kk", "ru", "en"):
        for name, blocks in site_blocks(outputs, lang).items():
            page.goto((built_site / lang / name).as_uri())
            page.wait_for_function("() => window.reportsiteSearch && window.reportsiteSearch.blocks")
            found = page.evaluate("reportsiteSearch.blocks().map(b => [b.anchor, b.n, b.text])")
            assert [(a, n, TOKEN.findall(t)) for a, n, t in found] == [
                (b.anchor, b.n, TOKEN.findall(b.text)) for b in blocks], (lang, name)
    assert page.problems == []


# What the first query may load on this site in all (the page's search.js included): the
# issue's budget is 60 KB.
FIRST_QUERY_BYTES = 60_000


@pytest.mark.browser
@pytest.mark.parametrize("lang,query", [(lang, query) for lang, query, *_ in FIRST])
def test_a_first_query_loads_only_a_few_small_files(built_site, page, lang, query):
    page.goto((built_site / lang / "index.html").as_uri())
    before = len(page.loaded)
    search(page, query)
    names = ["search.js"] + page.loaded[before:]
    sizes = {}
    for path in (built_site / "assets").rglob("*.js"):
        if path.name in names and (path.parent.name == lang or path.parent.name == "assets"
                                   and path.name.startswith(("search", "snowball-"))):
            sizes[path.relative_to(built_site).as_posix()] = path.stat().st_size
    assert sum(sizes.values()) <= FIRST_QUERY_BYTES, sizes
    assert not any(name.startswith("snowball-") and lang not in ("en", "ru") for name in names)
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
    page.wait_for_selector(".search-results[data-query=migrants]", state="attached")
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
    page.click("#search-input")  # clicking the box shows the results again
    assert page.locator("#search-panel").is_visible()
    page.keyboard.press("Escape")
    page.keyboard.type(" flows")
    page.wait_for_selector(".search-results[data-query='migrants flows']", state="attached")
    assert page.locator("#search-panel").is_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    target = page.evaluate(focused)
    page.keyboard.press("Enter")  # the selected result
    page.wait_for_url(f"**/en/{target}")
    assert page.problems == []


@pytest.mark.browser
def test_no_results_says_so_and_offers_a_near_word(built_site, page):
    page.goto((built_site / "en" / "index.html").as_uri())
    search(page, "remitances")
    assert page.locator(".search-results a").count() == 0
    page.wait_for_selector("#search-status:not(:empty)", state="attached")
    assert page.locator("#search-status").inner_text() == "No results. Did you mean remittances?"
    page.click(".search-suggestion")
    page.wait_for_selector(".search-results[data-query=remittances]", state="attached")
    assert page.locator(".search-results a").count() == 2
    assert page.problems == []


@pytest.mark.browser
def test_without_javascript_the_box_keeps_its_place_and_nothing_breaks(built_site, chromium):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / "kk" / "article.html").as_uri() + "?q=Алматы&b=3#results")
    form = page.locator("form.site-search")
    assert form.bounding_box()["height"] > 20  # in its place ...
    assert form.evaluate("f => getComputedStyle(f).visibility") == "hidden"  # ... unseen
    assert page.locator("#search-panel").is_hidden()
    assert page.locator("h2#results").is_visible()
    context.close()
