"""The offline search index: prebuilt, sharded, and loaded as classic scripts, so that
search works from file:// and in the zip with no fetch(), module or worker, and the first
query loads only what it needs.

Per language, under assets/search/<lang>/ (each file a classic script that hands its data
to window.reportsiteSearch.add, which assets/search.js defines, the way JSONP does):

  index.js     the manifest: the stemmer and spelling rules, how many blocks, and the
               first term of each term shard (a query's terms choose the shards by it).
  t<k>.js      term shard k: for each of its terms, the blocks that hold it with the
               term's weight in each (postings), and a word of the text for it.
  f<k>.js      fragment k: up to FRAGMENT_BLOCKS blocks of one page (its file and title,
               each block's section, place, field and text), loaded only for the hits
               shown. A block's number is k * FRAGMENT_BLOCKS + its place in fragment k.

A page's share (PageIndex: its blocks, from outputs/searchpage.py, in fragments, and each
term's weighted postings, encoded) is made by the worker that rendered the page and kept
in the cache; add_search reads the shares back one page at a time, writes the fragments
as it goes and joins the postings, so the parent never holds a language's text.
"""

from __future__ import annotations

import functools
import json
import math
from array import array
from dataclasses import dataclass, field

from reportsite.core.cache import Cache
from reportsite.core.htmltree import LexborNode
from reportsite.core.layout import RUNTIME, THEME_SHOWN
from reportsite.core.outputs import Outputs
from reportsite.load.content import PageGroup
from reportsite.load.site import Site
from reportsite.outputs.searchpage import Block, page_sections
from reportsite.outputs.stemming import ENGLISH, KAZAKH, SNOWBALL

__all__ = ["Block", "PageIndex", "page_sections", "page_index", "page_share", "read_share",
           "add_search",
           "encode_postings", "decode_postings"]

FOLDER = "assets/search/{lang}/"
# The search runtime: the theme's glue and words (minified by make vendor-search from
# runtime/search.js and search-words.js), then each Snowball language's stemmer, only for
# the languages that use one.
SCRIPTS = {"assets/search.js": "search.min.js", "assets/search-words.js": "search-words.min.js"}
STEMMER_SCRIPT = "assets/snowball-{algorithm}.js"
FRAGMENT_BLOCKS = 64  # blocks a fragment may hold (a power of two: the number's low bits)
# A fragment takes blocks of one page until it holds this much text: small on a small
# site, whose first query must stay under 60 KB in all; larger with more pages, so that a
# hundred pages per language need not be thousands of files (each costs its creation,
# 0.2-0.5 ms on the bench machine's disk, and the zip, the checksums and the RO-Crate each
# list it: 2,600 files a language at 100 pages with 1.2 KB, issue 30), yet small enough
# that the two or three sets of hits shown while a query is typed stay within 300 KB:
# FRAGMENT_BYTES_PER_PAGE per page of the language, between the two bounds (1.2 KB up to
# 20 pages, as on this report's site; 6 KB from 100 on).
FRAGMENT_BYTES = (1200, 6000)
FRAGMENT_BYTES_PER_PAGE = 60
SHARD_BYTES = 3000  # a term shard takes terms in order until it is this large
# How much a match counts by where it is: a title or heading above keywords above a
# caption above the text; a chart's description (its data spelled out), notes, table
# cells and references below it.
FIELD_WEIGHTS = {"heading": 5.0, "keywords": 4.0, "caption": 3.0, "description": 0.6,
                 "body": 1.0, "notes": 0.5, "cells": 0.4, "references": 0.3}
# BM25's saturation of a term's count, its length norm, and the length (terms) it is
# normalised to: about a paragraph's (a fixed one, so that a page's weights need nothing
# but the page)
BM25_K1, BM25_B, BM25_LENGTH = 1.2, 0.75, 60
IMPACT_SCALE, IMPACT_MAX = 10, 255  # a weight is kept as an integer 1..255
# Postings as text: each number in base 32, its last digit from TERMINAL, the others from
# CONTINUE (no separators; characters that need no escape in a JavaScript string).
TERMINAL = "0123456789abcdefghijklmnopqrstuv"
CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"


@dataclass(frozen=True)
class PageIndex:
    """One page's share of its language's index, made where the page was rendered (the
    work per word of the text is done there, in parallel) and kept in the cache.

    A block's number on the page is its fragment's place among the page's fragments times
    FRAGMENT_BLOCKS plus its place in the fragment; add_search adds the number of the
    language's fragments before the page's, times FRAGMENT_BLOCKS."""

    fragments: tuple[tuple[tuple, ...], ...]  # each: its blocks (anchor, title, n, field, text)
    postings: tuple[tuple[str, int, int, str], ...]  # (term, first block, last block,
    # encode_postings' text for the page's blocks without the first distance)
    forms: tuple[tuple[str, str], ...]  # a word of the text for each term


@dataclass
class Language:
    """One language's index while it is made, page after page: each term's postings text
    (in parts) and last block so far, a word for each term, the fragments written."""

    lang: str
    parts: dict[str, list[str]] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    fragments: int = 0
    blocks: int = 0


@functools.lru_cache(maxsize=4096)  # distances and weights are mostly small: each made once
def encode_number(n: int) -> str:
    """n in base 32: the last digit from TERMINAL, the ones before from CONTINUE."""
    digits = TERMINAL[n & 31]
    n >>= 5
    while n:
        digits = CONTINUE[n & 31] + digits
        n >>= 5
    return digits


def encode_postings(postings: array) -> str:
    """(block << 8 | weight), ascending, as text: each block as its distance from the one
    before, then its weight."""
    out, before = [], 0
    for posting in postings:
        block = posting >> 8
        out.append(encode_number(block - before) + encode_number(posting & 255))
        before = block
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    """encode_postings' text back as (block, weight) pairs (search.js does the same)."""
    numbers, n = [], 0
    for c in text:
        if c in CONTINUE:
            n = n * 32 + CONTINUE.index(c)
        else:
            numbers.append(n * 32 + TERMINAL.index(c))
            n = 0
    pairs, block = [], 0
    for delta, weight in zip(numbers[::2], numbers[1::2]):
        block += delta
        pairs.append((block, weight))
    return pairs


@functools.lru_cache(maxsize=65536)
def impact(count: int, length: float, kind: str) -> int:
    """A term's weight in a block: BM25's share of its count, saturated and normalised by
    the block's length (length: its terms / BM25_LENGTH), times its field's weight, as an
    integer 1..IMPACT_MAX."""
    norm = 1 - BM25_B + BM25_B * length
    share = count * (BM25_K1 + 1) / (count + BM25_K1 * norm)
    return max(1, min(IMPACT_MAX, round(IMPACT_SCALE * FIELD_WEIGHTS[kind] * share)))


def script(lang: str, kind: str, number: int, data) -> bytes:
    """One file of the index: a classic script handing data to the runtime."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'reportsiteSearch.add("{lang}","{kind}",{number},{text});\n'.encode("utf-8")


def fragment_bytes(pages: int) -> int:
    """How much text a fragment may hold in a language of so many pages."""
    low, high = FRAGMENT_BYTES
    return max(low, min(high, pages * FRAGMENT_BYTES_PER_PAGE))


def page_index(page: str | LexborNode, lang: str, pages: int) -> PageIndex:
    """A rendered page's share of the index (pages: how many its language has): its blocks
    (outputs/searchpage.py) in fragments, each term's postings, a word for each term."""
    blocks = page_sections(page, lang)
    limit, fragments, numbers = fragment_bytes(pages), [], []
    size = 0
    for block in blocks:
        length = len(block.text.encode("utf-8"))
        if not fragments or len(fragments[-1]) >= FRAGMENT_BLOCKS or size and size + length > limit:
            fragments.append([])
            size = 0
        numbers.append((len(fragments) - 1) * FRAGMENT_BLOCKS + len(fragments[-1]))
        fragments[-1].append((block.anchor, block.title, block.n, block.field, block.text))
        size += length
    found: dict[str, list[tuple[int, int]]] = {}
    forms: dict[str, str] = {}
    for number, block in zip(numbers, blocks):
        length = round(sum(count for _, count in block.terms) / BM25_LENGTH, 2)
        for term, count in block.terms:
            found.setdefault(term, []).append((number, impact(count, length, block.field)))
        forms.update((term, word) for term, word in block.forms if term not in forms)
    postings = tuple((term, pairs[0][0], pairs[-1][0], encode_number(pairs[0][1]) + "".join(
        encode_number(b - a) + encode_number(w) for (a, _), (b, w) in zip(pairs, pairs[1:])))
        for term, pairs in found.items())
    return PageIndex(tuple(tuple(f) for f in fragments), postings, tuple(forms.items()))


def page_share(page: str | LexborNode, lang: str, pages: int) -> bytes:
    """page_index as the cache keeps it: JSON, which the search merge reads back with
    json.loads alone (a tagged entry of tuples cost 0.5 ms a page to decode, most of an
    edit build's search stage)."""
    share = page_index(page, lang, pages)
    return json.dumps([share.fragments, share.postings, share.forms], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def read_share(data: bytes) -> PageIndex:
    """A page's share as page_share kept it (lists where page_index has tuples)."""
    fragments, postings, forms = json.loads(data)
    return PageIndex(fragments, postings, forms)


def join_page(index: Language, href: str, title: str, entry: PageIndex,
              outputs: Outputs) -> None:
    """A page's share into its language's index: its fragments written, its postings
    appended to each term's."""
    base = index.fragments * FRAGMENT_BLOCKS
    for blocks in entry.fragments:
        outputs.add(f"{FOLDER.format(lang=index.lang)}f{index.fragments}.js",
                    script(index.lang, "f", index.fragments,
                           {"page": [href, title], "blocks": [list(b) for b in blocks]}),
                    "the pages (search index)")
        index.fragments += 1
        index.blocks += len(blocks)
    for term, first, last, text in entry.postings:
        index.parts.setdefault(term, []).append(
            encode_number(base + first - index.last.get(term, 0)) + text)
        index.last[term] = base + last
    for term, word in entry.forms:
        index.forms.setdefault(term, word)


def add_shards(index: Language, outputs: Outputs) -> list[str]:
    """Write the term shards, terms in order, each about SHARD_BYTES; return the first
    term of each."""
    firsts, shard, size = [], {}, 0
    for term in sorted(index.parts):
        entry = ["".join(index.parts.pop(term)), index.forms.get(term, term)]
        cost = len(term.encode("utf-8")) + len(entry[0]) + len(entry[1].encode("utf-8")) + 10
        if shard and size + cost > SHARD_BYTES:
            write_shard(index, len(firsts) - 1, shard, outputs)
            shard, size = {}, 0
        if not shard:
            firsts.append(term)
        shard[term] = entry
        size += cost
    if shard:
        write_shard(index, len(firsts) - 1, shard, outputs)
    return firsts


def write_shard(index: Language, number: int, shard: dict, outputs: Outputs) -> None:
    """One term shard."""
    outputs.add(f"{FOLDER.format(lang=index.lang)}t{number}.js",
                script(index.lang, "t", number, shard), "the pages (search index)")


def manifest(index: Language, firsts: list[str]) -> dict:
    """What the browser needs before its first query: the rules that make a query's words
    into terms, and where each term's shard is."""
    return {"lang": index.lang, "blocks": index.blocks, "shards": firsts,
            "fragmentBlocks": FRAGMENT_BLOCKS,
            "stemmer": "kazakh" if index.lang == "kk" else SNOWBALL.get(index.lang, ""),
            "kazakh": KAZAKH if index.lang == "kk" else None,
            "spelling": ENGLISH if index.lang == "en" else None}


def idf(found: int, blocks: int) -> float:
    """How much a term found in `found` of `blocks` blocks tells (BM25's idf)."""
    return math.log(1 + (blocks - found + 0.5) / (found + 0.5))


def add_search(site: Site, cache: Cache, pages: list[tuple[str, PageGroup]], keys: list[str],
               outputs: Outputs) -> str:
    """Add each language's index and the search runtime to outputs; return the stage's
    name with each index's size. A page's share comes from the cache (the worker that
    rendered it put it there), or is read from the page once; one page at a time."""
    languages = site.config.languages
    sizes = []
    for lang in languages:
        index = Language(lang)
        for (page_lang, group), key in zip(pages, keys):
            if page_lang != lang:
                continue
            page = group.source(lang, languages)
            entry = cache.get_or_make("search", key, lambda: page_share(
                cache.read_page(key).decode("utf-8"), page.lang, len(site.pages)))
            join_page(index, f"{group.key}.html", page.nav_title, read_share(entry), outputs)
        firsts = add_shards(index, outputs)
        folder = FOLDER.format(lang=lang)
        outputs.add(f"{folder}index.js", script(lang, "m", 0, manifest(index, firsts)),
                    "the pages (search index)")
        size = sum(len(outputs.files[p]) for p in outputs.files if p.startswith(folder))
        sizes.append(f"{lang} {size / 1000:.0f} KB")
    scripts = dict(SCRIPTS)
    for algorithm in sorted({SNOWBALL[lang] for lang in languages if lang in SNOWBALL}):
        scripts[STEMMER_SCRIPT.format(algorithm=algorithm)] = f"snowball-{algorithm}.js"
    for path, name in scripts.items():
        outputs.add(path, (RUNTIME / name).read_bytes(), f"{THEME_SHOWN}/runtime/{name}")
    return f"search index ({', '.join(sizes)})"
