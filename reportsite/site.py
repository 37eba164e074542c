"""What load_site() read from a site folder: one frozen object the later stages share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .cache import Inputs
from .catalogs import UiStrings
from .config import SiteConfig
from .content import PageGroup
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

    @property
    def page_keys(self) -> list[str]:
        """The page names, in navigation order."""
        return [group.key for group in self.pages]
