"""`python build.py clean`: remove what builds made in a site folder — site/, dist/ and the
cache (.cache/) — and nothing else. An --out, --dist or --cache-dir elsewhere is the user's
to remove; a symlink in their place is refused rather than followed."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.layout import CACHE_DIR, CONFIG_FILE, DIST_DIR, OUTPUT_DIR


def clean_site(root: Path) -> list[str]:
    """Remove root's site/, dist/ and .cache/; return the folders removed. Raises
    SiteErrors, removing nothing, when root is not a site folder or one of them is a link."""
    if not (root / CONFIG_FILE).is_file():
        raise SiteErrors([SiteError(CONFIG_FILE, None, f"missing in {root}: clean removes the "
                                    "build folders of a site folder only; pass it with --root DIR")])
    links = [SiteError(name, None, "is a symlink; clean removes only the folders builds made "
                       "here (remove the link yourself)")
             for name in (OUTPUT_DIR, DIST_DIR, CACHE_DIR) if (root / name).is_symlink()]
    if links:
        raise SiteErrors(links)
    removed = []
    for name in (OUTPUT_DIR, DIST_DIR, CACHE_DIR):
        if (root / name).is_dir():
            shutil.rmtree(root / name)
            removed.append(f"{name}/")
    return removed
