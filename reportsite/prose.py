"""Markdown to HTML, with explicit section ids and a table of contents."""

from __future__ import annotations

from dataclasses import dataclass

import markdown
from markdown.extensions.toc import slugify_unicode


@dataclass(frozen=True)
class TocEntry:
    """One heading of a page, for its table of contents."""

    id: str  # the anchor, from {#id} or made from the heading text
    title: str  # heading text (plain)
    level: int  # 2 for ##, 3 for ###
    children: tuple["TocEntry", ...]  # the headings nested under it


@dataclass(frozen=True)
class Prose:
    """A page body rendered to HTML."""

    html: str  # the body as HTML
    toc: tuple[TocEntry, ...]  # its headings


_MARKDOWN = markdown.Markdown(
    extensions=["extra", "toc"],
    extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"}},
    output_format="html",
)


def render_markdown(text: str) -> Prose:
    """Convert Markdown (extra + toc; `## Heading {#id}` sets a section id) to HTML."""
    _MARKDOWN.reset()
    html = _MARKDOWN.convert(text)
    toc = tuple(_toc_entry(token) for token in _MARKDOWN.toc_tokens)  # type: ignore[attr-defined]
    return Prose(html, toc)


def _toc_entry(token: dict) -> TocEntry:
    """Turn one of Python-Markdown's toc tokens into a TocEntry."""
    return TocEntry(token["id"], token["name"], token["level"],
                    tuple(_toc_entry(child) for child in token["children"]))
