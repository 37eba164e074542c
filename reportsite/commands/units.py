"""What an exported file holds: a page's units in one language (commands/exchange.py
makes and writes them back; commands/xliff.py and commands/pofile.py write and read them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One segment (or chart string) as a translation tool sees it."""

    id: str  # the segment's id ("results.2"), or "chart:" and a chart string's message id
    kind: str  # the segment's kind (load/segments.py), or "chart"
    source: str  # the original's text now
    target: str  # the translation's text ("" when there is none yet)
    state: str  # "translated", "needs-review" (the original changed since) or "new"
    previous: str | None = None  # needs-review: the original's text when last accepted
    location: str = ""  # where the source is: "content/kk/index.md:8", "charts/x.py:12"
    line: int | None = None  # in an imported file: the unit's line there


@dataclass(frozen=True)
class Document:
    """A page's units in one language: what an exported file holds."""

    page: str  # the page's key
    lang: str  # the translation's language
    source_lang: str  # the original's
    path: str  # the translation's file, content/<lang>/<page>.md
    units: tuple[Unit, ...]
