"""Markdown: an engine without the inline patterns a text cannot match gives the same HTML
as the full engine (reportsite/prose.py leaves them out for speed)."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from reportsite.render.prose import _INLINE_NEEDS, _engine_for, markdown_engine

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/corpus.py)

FULL = markdown_engine()


def full_html(text: str) -> tuple[str, list]:
    FULL.reset()
    return FULL.convert(text), FULL.toc_tokens


def pruned_html(text: str) -> tuple[str, list]:
    engine = _engine_for(text)
    engine.reset()
    return engine.convert(text), engine.toc_tokens


# Markdown's own syntax, in pieces, so that random texts are full of near-misses.
PIECES = ["*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", ";",
          "#", "##", "{#s1}", "[^1]", "[^1]: ", "  \n", "\t", "\n", "\n\n", " ", "|", "---",
          "- ", "1. ", "> ", "x", "Қазақ", "é", "http://e.org", "a@b.kz", "&amp;", "&#106;",
          "<b>", "</b>", "<!-- c -->", "![i](p.png)", "[l](#s1)", "[r]", "[r]: u.html", ": ",
          "*[HTML]: Hyper", "HTML", "```", "~~~", "    code", "\\*", "{: .c}", "\x02", "\x03"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_leaving_out_patterns_that_cannot_match_changes_nothing(text):
    assert pruned_html(text) == full_html(text)


def test_every_pattern_is_known_and_can_be_left_out():
    # A pattern a new Markdown version adds is kept for every text (correct, not pruned);
    # counting them makes us notice it and list what it needs.
    assert all(name in FULL.inlinePatterns for name in _INLINE_NEEDS)
    assert len(FULL.inlinePatterns) == len(_INLINE_NEEDS)
    assert len(_engine_for("plain words only").inlinePatterns) == 0
    assert len(_engine_for("a [link](x.html)").inlinePatterns) == 4  # the [ patterns


def test_the_real_article_and_the_benchmark_corpus_render_the_same():
    bodies = [path.read_text(encoding="utf-8").split("---", 2)[2]
              for path in sorted((REPO / "content").glob("*/*.md"))]
    bodies += ["\n\n".join(corpus.page_bodies(i, chart=False)[lang] for lang in corpus.LANGS)
               for i in range(0, 40, 7)]
    for body in bodies:
        assert pruned_html(body) == full_html(body)
