"""What load_site() read from a site folder: one frozen object the later stages share."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .cache import Inputs
from .catalogs import UiStrings
from .config import SiteConfig
from .content import PageGroup, plain_text, section_markdown
from .data import DataPackage
from .errors import SiteError
from .references import References


@dataclass(frozen=True)
class Site:
    """Everything read from a site folder, checked, and ready to render."""

    root: Path  # the site folder (holds site.yaml)
    config: SiteConfig  # site.yaml
    pages: tuple[PageGroup, ...]  # pages with their translations, in navigation order
    catalogs: Mapping[str, UiStrings]  # UI strings per language (theme + site catalogs)
    data: DataPackage | None  # data/datapackage.yaml and its CSVs, checked (None: no data)
    references: References | None  # content/references.yaml (None: no reference list)
    warnings: tuple[SiteError, ...]  # what loading found that is not (yet) an error
    strict: bool  # --strict: every warning of a later stage is an error too
    cache_dir: Path  # where renders are kept between builds (default: root/.cache)
    inputs: Inputs  # the content hash of every input file

    def abstract(self, lang: str) -> tuple[str, tuple[str, ...]] | None:
        """The report's abstract for readers of lang: (the language it is written in, its
        paragraphs as plain text), from the first page, in navigation order, with a
        section {#abstract}; None when no page has one. Citation records, the PDF and
        JATS take it from here, so it is written once, in the content."""
        return self._abstracts[lang]

    @functools.cached_property  # frozen, yet each page is searched once, not per record
    def _abstracts(self) -> dict[str, tuple[str, tuple[str, ...]] | None]:
        """The abstract for readers of each language (see abstract())."""
        found: dict[str, tuple[str, tuple[str, ...]] | None] = {}
        for lang in self.config.languages:
            found[lang] = None
            for group in self.pages:
                page = group.source(lang, self.config.languages)
                text = section_markdown(page.body, "abstract") if "{#abstract}" in page.body \
                    else None
                if text:
                    found[lang] = (page.lang, tuple(plain_text(p) for p in text.split("\n\n")
                                                    if p.strip()))
                    break
        return found

    @property
    def article_key(self) -> str | None:
        """The page that holds the article's full text (the first with template
        'article'): its pages carry the citation tags. None when the site has none."""
        for group in self.pages:
            if any(page.template == "article" for page in group.pages.values()):
                return group.key
        return None

    @property
    def page_keys(self) -> list[str]:
        """The page names, in navigation order."""
        return [group.key for group in self.pages]
