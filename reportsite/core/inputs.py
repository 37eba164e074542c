"""The inputs of a build: the content hash of every file of a site folder (site.yaml and
the input folders), taken before anything else, so a build with nothing to do stops here.

This module is imported before anything heavy.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from reportsite.core.cache import is_source, sha256
from reportsite.core.errors import SiteError
from reportsite.core.layout import CONFIG_FILE, INPUT_DIRS
from reportsite.core.paths import site_files


@dataclass(frozen=True)
class Inputs:
    """The content hash of every input file of a site (site.yaml and the input folders)."""

    files: dict[str, str]  # path relative to the site root -> SHA-256 of its bytes
    # Entries that lead out of the site folder (paths.py): never read; load_site reports them.
    outside: tuple[SiteError, ...] = ()

    def digest(self, include: Iterable[str] = ("",), exclude: Iterable[str] = ()) -> str:
        """One hash over the files whose path starts with an include prefix and with no
        exclude prefix (prefixes like "templates/" or "site.yaml")."""
        include, exclude = tuple(include), tuple(exclude)
        chosen = [(path, h) for path, h in sorted(self.files.items())
                  if path.startswith(include) and not path.startswith(exclude)]
        return sha256(*(part for pair in chosen for part in pair))


def scan_inputs(root: Path) -> Inputs:
    """Hash site.yaml and every file under the input folders (byte code excluded). A file
    or folder that leads out of the site folder is not read: it is recorded in outside,
    and its error stands in the hashes for it (so the digest changes with it)."""
    root = root.resolve()
    outside: list[SiteError] = []
    candidates = site_files(root / CONFIG_FILE, root, outside)
    for name in INPUT_DIRS:
        candidates += site_files(root / name, root, outside)
    files = {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in candidates if is_source(path)}
    files |= {problem.path: f"outside: {problem.message}" for problem in outside}
    return Inputs(files, tuple(outside))
