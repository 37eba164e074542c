"""The layout of a site folder and of the generator: the names every stage agrees on.

A site folder holds site.yaml and the input folders below; a build writes the site to
site/, the zip to dist/ and its cache to .cache/ (each movable with an option). The theme
is the generator's own folder of templates, static files, runtimes and catalogs.

This module is imported before anything heavy (the no-change check uses it).
"""

from __future__ import annotations

from pathlib import Path

CONFIG_FILE = "site.yaml"
CONTENT_DIR = "content"  # content/<lang>/<page>.md, and content/references.yaml
DATA_DIR = "data"  # data/datapackage.yaml and the CSV files it describes
CHARTS_DIR = "charts"  # one Altair module per chart: charts/<id>.py
TEMPLATES_DIR = "templates"  # the site's templates, each replacing the theme's
STATIC_DIR = "static"  # the site's static files, each replacing the theme's
LOCALES_DIR = "locales"  # the site's UI catalogs, merged with the theme's
# translations/<lang>/<page>.yaml: the original's segments each translation was accepted
# against (written by `reportsite translations --accept`, never by hand)
TRANSLATIONS_DIR = "translations"
INPUT_DIRS = (CONTENT_DIR, TEMPLATES_DIR, LOCALES_DIR, STATIC_DIR, DATA_DIR, CHARTS_DIR,
              TRANSLATIONS_DIR)
REFERENCES_FILE = f"{CONTENT_DIR}/references.yaml"
PACKAGE_FILE = "datapackage.yaml"  # in DATA_DIR

OUTPUT_DIR = "site"  # where a build writes the site (--out)
OUTPUT_MARKER = ".reportsite-output"  # in every output folder: a build may replace it
DIST_DIR = "dist"  # where zip writes the archive (--dist)
CACHE_DIR = ".cache"  # where a build keeps what it made (--cache-dir)

# Pages at the site's root, each with one block per language: template -> file.
ROOT_PAGES = {"root": "index.html", "404": "404.html"}

PACKAGE = Path(__file__).resolve().parent.parent  # the generator's own code
THEME = PACKAGE / "theme"  # its templates, static files, runtimes and catalogs: trusted
THEME_SHOWN = "reportsite/theme"  # how theme files are named in messages
RUNTIME = THEME / "runtime"  # files a site gets only when it uses them (never overridden)
STARTER = THEME / "starter"  # <tag>.yaml: the text of a new site and page in each language
CSL_LOCALES = THEME / "csl"  # CSL locales the Citation Style Language lacks (kk)
