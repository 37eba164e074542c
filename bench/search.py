#!/usr/bin/env python3
"""Search in a built site, in Chromium over file:// with the network blocked: the index's
bytes, and for fixed queries per language the bytes a first query loads in all and the
time from the last keystroke to its results, with the CPU throttled 4x (CDP
Emulation.setCPUThrottlingRate), as a reader on a slow phone would wait.

    .venv/bin/python bench/search.py SITE [--json OUT.json] [--runs 3]

Run by bench/run.py on our cold build of each corpus (it needs Playwright and Chromium,
so it runs with the project's .venv, not the harness's Python). Two ways of asking:

  typed   the reader clicks the box and types the query at TYPING_DELAY_MS per key; the
          time is from the last key's input event to the results shown (the fragments
          of the hits shown loaded and drawn); the bytes are every search file loaded
          from the page's load on (assets/search.js, the manifest, words, stemmer,
          shards and fragments, for every prefix typed on the way), as file sizes: over
          file:// nothing is compressed.
  pasted  the query is pasted into the box at the moment it is focused (one input
          event): the time then includes loading the manifest, the words and the
          stemmer, the worst case for a first query.

Each is the median of --runs fresh browser contexts (nothing cached).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

# Three fixed queries per language, in the corpus's words (bench/corpus.py): one common
# word, one place name (in the tables), two words (one a British spelling in English).
QUERIES = {
    "kk": ["көші-қон", "Алматы", "еңбек нарығы"],
    "ru": ["миграция", "Алматы", "рынок труда"],
    "en": ["migration", "Almaty", "labour market"],
}
THROTTLE = 4
TYPING_DELAY_MS = 120
WATCH = """(query) => {
  window.benchSearch = {};
  const input = document.querySelector("#search-input");
  const list = document.querySelector(".search-results");
  // capturing, on the document: before the search box's own listener answers
  document.addEventListener("input", () => { window.benchSearch.last = performance.now(); }, true);
  new MutationObserver(() => {
    if (list.getAttribute("data-query") === query && !window.benchSearch.done) {
      window.benchSearch.done = performance.now();
      window.benchSearch.hits = list.querySelectorAll("a").length;
    }
  }).observe(list, {attributes: true});
}"""


def index_bytes(site: Path) -> dict[str, dict[str, int]]:
    """Per language, the bytes and files of its index (assets/search/<lang>/)."""
    out = {}
    for folder in sorted((site / "assets" / "search").iterdir()):
        files = [p for p in folder.iterdir() if p.is_file()]
        out[folder.name] = {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
                            "manifest_bytes": (folder / "index.js").stat().st_size}
    return out


def ask(browser, site: Path, lang: str, query: str, pasted: bool) -> dict:
    """One first query in a fresh context: seconds to results, bytes loaded, hits shown."""
    context = browser.new_context()
    urls: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            urls.append(route.request.url)
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.goto((site / lang / "index.html").as_uri())
    page.wait_for_selector("form.site-search.is-ready")
    page.evaluate(WATCH, query)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.click("#search-input")
    if pasted:
        page.fill("#search-input", query)
    else:
        page.keyboard.type(query, delay=TYPING_DELAY_MS)
    page.wait_for_function("() => window.benchSearch.done", timeout=60000)
    found = page.evaluate("() => window.benchSearch")
    searched = [u for u in urls if "/assets/search" in u or "/assets/snowball-" in u]
    paths = {unquote(urlparse(u).path) for u in searched}
    loaded = sum(os.path.getsize(p) for p in paths)
    context.close()
    return {"ms": found["done"] - found["last"], "bytes": loaded, "files": len(paths),
            "hits": found["hits"]}


def measure(site: Path, runs: int, queries: dict[str, list[str]]) -> dict:
    """Every query (language -> queries), typed and pasted, each the median of runs."""
    from playwright.sync_api import sync_playwright
    result = {"index": index_bytes(site), "throttle": THROTTLE,
              "typing_delay_ms": TYPING_DELAY_MS, "queries": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
        for lang, asked in queries.items():
            for query in asked:
                row = {}
                for way in ("typed", "pasted"):
                    tries = [ask(browser, site, lang, query, way == "pasted") for _ in range(runs)]
                    row[way] = {key: statistics.median(t[key] for t in tries)
                                for key in ("ms", "bytes", "files", "hits")}
                    row[way]["ms_all"] = [round(t["ms"], 1) for t in tries]
                result["queries"][f"{lang}:{query}"] = row
                print(f"  {lang} {query}: typed {row['typed']['ms']:.0f} ms, "
                      f"{row['typed']['bytes'] / 1000:.0f} KB; pasted {row['pasted']['ms']:.0f} ms, "
                      f"{row['pasted']['bytes'] / 1000:.0f} KB", file=sys.stderr, flush=True)
        browser.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--json", type=Path, help="write the numbers here")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", type=json.loads, default=None,
                        help='other queries, as JSON: {"en": ["word", ...], ...}')
    args = parser.parse_args()
    result = measure(args.site.resolve(), args.runs, args.queries or QUERIES)
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
