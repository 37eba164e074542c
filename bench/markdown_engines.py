#!/usr/bin/env python3
"""Time Markdown engines on the benchmark corpus (for the team's choice of engine).

Not part of make bench and not a dependency of the project: run it in a throwaway venv,

    python3 -m venv /tmp/mdvenv
    /tmp/mdvenv/bin/pip install markdown==3.11.3 markdown-it-py mdit-py-plugins mistune cmarkgfm
    /tmp/mdvenv/bin/python bench/markdown_engines.py [--pages 100]

It writes the corpus with bench/corpus.py and converts every page body (kk, ru, en) with
each engine, after three warm-up pages, in one process. The engines do not produce the
same HTML: only Python-Markdown reads `## Heading {#id}` natively; markdown-it-py does with
its attrs plugin; mistune and cmark have no heading ids and no table of contents.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402


def engines() -> dict:
    import markdown
    from markdown.extensions.toc import slugify_unicode

    python_markdown = markdown.Markdown(extensions=["extra", "toc"], extension_configs={
        "toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}})

    def pymd(text: str) -> str:
        python_markdown.reset()
        return python_markdown.convert(text)

    found = {"Python-Markdown 'extra' + 'toc' (all patterns)": pymd}
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.attrs import attrs_plugin
        from mdit_py_plugins.deflist import deflist_plugin
        from mdit_py_plugins.footnote import footnote_plugin
        found["markdown-it-py + table, footnote, attrs, deflist"] = (
            MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(attrs_plugin)
            .use(deflist_plugin).render)
    except ImportError:
        pass
    try:
        import mistune
        found["mistune 3 + table, footnotes, def_list"] = mistune.create_markdown(
            plugins=["table", "footnotes", "def_list"])
    except ImportError:
        pass
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
        found["cmarkgfm (GFM + footnotes; C)"] = lambda text: \
            cmarkgfm.github_flavored_markdown_to_html(
                text, options=Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_UNSAFE)
    except ImportError:
        pass
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100, help="pages per language")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        root = corpus.make_corpus(Path(work) / "corpus", args.pages)["ours"]
        texts = [p.read_text(encoding="utf-8").split("---", 2)[2]
                 for p in sorted((root / "content").glob("*/*.md"))]
    size = sum(len(t.encode()) for t in texts) / 1024 / 1024
    print(f"| engine ({len(texts)} bodies, {size:.1f} MiB) | seconds |")
    print("|---|---|")
    for name, convert in engines().items():
        for text in texts[:3]:
            convert(text)
        started = time.perf_counter()
        for text in texts:
            convert(text)
        print(f"| {name} | {time.perf_counter() - started:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
