"""The static files every page uses: the theme's CSS, scripts, fonts and images, each
replaced by the site's own static/ file at the same path."""

from __future__ import annotations

from reportsite.core.outputs import Outputs
from reportsite.core.paths import read_inside
from reportsite.load.overrides import shown_path, static_files
from reportsite.load.site import Site


def add_static(site: Site, outputs: Outputs) -> None:
    """Every static file of the theme and the site, at its path under the site root."""
    for relative, path in static_files(site.root).items():
        outputs.add(relative, read_inside(path, site.root), shown_path(path, site.root))
