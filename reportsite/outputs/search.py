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

A page's blocks come from outputs/searchpage.py, read where the page was rendered and
kept in the cache per page; they are read back here one page at a time, so the parent
never holds a language's text, only its postings (compact arrays).
"""

from __future__ import annotations

import json
import math
from array import array
from dataclasses import dataclass, field

from reportsite.core.cache import Cache
from reportsite.core.layout import RUNTIME, THEME_SHOWN
from reportsite.core.outputs import Outputs
from reportsite.load.content import PageGroup
from reportsite.load.site import Site
from reportsite.outputs.searchpage import Block, page_sections
from reportsite.outputs.stemming import ENGLISH, KAZAKH, SNOWBALL

__all__ = ["Block", "page_sections", "add_search", "encode_postings", "decode_postings"]

FOLDER = "assets/search/{lang}/"
# The search runtime: the theme's glue and words (minified by make vendor-search from
# runtime/search.js and search-words.js), then each Snowball language's stemmer, only for
# the languages that use one.
SCRIPTS = {"assets/search.js": "search.min.js", "assets/search-words.js": "search-words.min.js"}
STEMMER_SCRIPT = "assets/snowball-{algorithm}.js"
FRAGMENT_BLOCKS = 64  # blocks a fragment may hold (a power of two: the number's low bits)
FRAGMENT_BYTES = 1200  # a fragment takes blocks of one page until it holds this much text
SHARD_BYTES = 3000  # a term shard takes terms in order until it is this large
# How much a match counts by where it is: a title or heading above keywords above a
# caption above the text; a chart's description (its data spelled out), notes, table
# cells and references below it.
FIELD_WEIGHTS = {"heading": 5.0, "keywords": 4.0, "caption": 3.0, "description": 0.6,
                 "body": 1.0, "notes": 0.5, "cells": 0.4, "references": 0.3}
BM25_K1, BM25_B = 1.2, 0.75  # BM25's saturation of a term's count, and length norm
IMPACT_SCALE, IMPACT_MAX = 10, 255  # a weight is kept as an integer 1..255
# Postings as text: each number in base 32, its last digit from TERMINAL, the others from
# CONTINUE (no separators; characters that need no escape in a JavaScript string).
TERMINAL = "0123456789abcdefghijklmnopqrstuv"
CONTINUE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"


@dataclass
class Language:
    """One language's index while it is made: the postings of each term (block << 8 |
    count, in block order), a word for each term, each block's length and field, the
    fragment being filled."""

    lang: str
    postings: dict[str, array] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    lengths: dict[int, int] = field(default_factory=dict)  # block -> how many terms
    fields: dict[int, str] = field(default_factory=dict)  # block -> its field
    fragment: list | None = None  # [page, blocks, bytes] of the fragment being filled
    fragments: int = 0


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


def impact(count: int, length: float, kind: str) -> int:
    """A term's weight in a block: BM25's share of its count, saturated and normalised by
    the block's length (length: its terms / the language's mean), times its field's
    weight, as an integer 1..IMPACT_MAX."""
    norm = 1 - BM25_B + BM25_B * length
    share = count * (BM25_K1 + 1) / (count + BM25_K1 * norm)
    return max(1, min(IMPACT_MAX, round(IMPACT_SCALE * FIELD_WEIGHTS[kind] * share)))


def script(lang: str, kind: str, number: int, data) -> bytes:
    """One file of the index: a classic script handing data to the runtime."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'reportsiteSearch.add("{lang}","{kind}",{number},{text});\n'.encode("utf-8")


def add_page(index: Language, href: str, title: str, blocks: tuple[Block, ...],
             outputs: Outputs) -> None:
    """A page's blocks into the index: each into a fragment, its terms into postings."""
    for block in blocks:
        size = len(block.text.encode("utf-8"))
        fragment = index.fragment
        if (fragment is None or fragment[0][0] != href or len(fragment[1]) >= FRAGMENT_BLOCKS
                or fragment[2] and fragment[2] + size > FRAGMENT_BYTES):
            flush_fragment(index, outputs)
            fragment = index.fragment = [[href, title], [], 0]
        number = index.fragments * FRAGMENT_BLOCKS + len(fragment[1])
        fragment[1].append([block.anchor, block.title, block.n, block.field, block.text])
        fragment[2] += size
        index.lengths[number] = sum(count for _, count in block.terms)
        index.fields[number] = block.field
        for term, count in block.terms:
            index.postings.setdefault(term, array("I")).append(number << 8 | min(count, 255))
        for term, word in block.forms:
            index.forms.setdefault(term, word)


def flush_fragment(index: Language, outputs: Outputs) -> None:
    """Write the fragment being filled, if any."""
    if index.fragment is not None:
        page, blocks, _ = index.fragment
        outputs.add(f"{FOLDER.format(lang=index.lang)}f{index.fragments}.js",
                    script(index.lang, "f", index.fragments, {"page": page, "blocks": blocks}),
                    "the pages (search index)")
        index.fragments += 1
        index.fragment = None


def weighted(index: Language, postings: array, mean: float) -> array:
    """A term's postings with each block's count made its weight (impact(); mean: the
    mean length of the language's blocks)."""
    return array("I", [p >> 8 << 8 | impact(p & 255, index.lengths[p >> 8] / mean,
                                            index.fields[p >> 8]) for p in postings])


def add_shards(index: Language, outputs: Outputs) -> list[str]:
    """Write the term shards, terms in order, each about SHARD_BYTES; return the first
    term of each."""
    firsts, shard, size = [], {}, 0
    mean = sum(index.lengths.values()) / max(1, len(index.lengths)) or 1
    for term in sorted(index.postings):
        postings = weighted(index, index.postings.pop(term), mean)
        entry = [encode_postings(postings), index.forms.get(term, term)]
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
    return {"lang": index.lang, "blocks": len(index.lengths), "shards": firsts,
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
    name with each index's size. A page's blocks come from the cache (the worker that
    rendered it put them there), or are read from the page once."""
    languages = site.config.languages
    sizes = []
    for lang in languages:
        index = Language(lang)
        for (page_lang, group), key in zip(pages, keys):
            if page_lang != lang:
                continue
            page = group.source(lang, languages)
            blocks = cache.get_or_make("search", key, lambda: page_sections(
                cache.page_path(key).read_text(encoding="utf-8"), page.lang))
            add_page(index, f"{group.key}.html", page.nav_title, blocks, outputs)
        flush_fragment(index, outputs)
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
