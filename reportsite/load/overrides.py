"""The built-in theme, and a site's overrides of it.

The theme (reportsite/theme/) holds every template and partial, the CSS, JavaScript and
fonts copied to each site, the chart runtime, and the UI catalogs of the languages it
speaks. A site folder overrides it file by file, as MkDocs' custom_dir does:

  templates/NAME      the site's file is used instead of the theme's (a site template can
                      still extend the theme's own as "theme/NAME")
  static/PATH         the site's file is published instead of the theme's, at the same path
  locales/LANG.po     merged with the theme's catalog message by message; the site's
                      translation of a message wins
"""

from __future__ import annotations

from pathlib import Path

from reportsite.core.errors import SiteError, SiteErrors, did_you_mean
from reportsite.core.i18n import catalog_tags
from reportsite.core.layout import LOCALES_DIR, STATIC_DIR, TEMPLATES_DIR, THEME, THEME_SHOWN
from reportsite.core.paths import site_files

THEME_PREFIX = "theme/"  # a site template extends the theme's as "theme/base.html"


def template_folders(root: Path) -> list[Path]:
    """Where templates are looked up, first match wins: the site's, then the theme's."""
    site = root / TEMPLATES_DIR
    return ([site] if site.is_dir() else []) + [THEME / TEMPLATES_DIR]


def find_template(root: Path, name: str) -> Path | None:
    """The file that provides template name (e.g. "partials/table.html"), or None."""
    for folder in template_folders(root):
        if (folder / name).is_file():
            return folder / name
    return None


def page_templates(root: Path) -> set[str]:
    """Names of the top-level HTML templates (without .html), the site's and the theme's."""
    return {path.stem for folder in template_folders(root) for path in folder.glob("*.html")}


def check_template(name: str, available: set[str], path: str, line: int | None) -> SiteError | None:
    """An error if a page asks for a template that does not exist."""
    if name in available:
        return None
    return SiteError(path, line, f"template '{name}' not found in templates/ or the theme"
                     + did_you_mean(name, available))


def shown_path(path: Path, root: Path) -> str:
    """A file of the site or of the theme as messages name it."""
    path = path.resolve()
    for base, prefix in ((root.resolve(), ""), (THEME, THEME_SHOWN + "/")):
        if base in path.parents:
            return prefix + path.relative_to(base).as_posix()
    return path.as_posix()


def static_files(root: Path) -> dict[str, Path]:
    """Every file to copy to the site root: output path -> file. The theme's first, then
    the site's static/, whose files replace the theme's at the same path. Hidden files
    and folders are left out; a symlink that leads out of the site folder is an error."""
    found: dict[str, Path] = {}
    outside: list[SiteError] = []
    theme = sorted(p for p in (THEME / STATIC_DIR).rglob("*") if p.is_file())
    for folder, paths in ((THEME / STATIC_DIR, theme),
                          (root / STATIC_DIR, site_files(root / STATIC_DIR, root, outside))):
        for path in paths:
            relative = path.relative_to(folder).as_posix()
            if not any(part.startswith(".") for part in relative.split("/")):
                found[relative] = path
    if outside:
        raise SiteErrors(outside)
    return dict(sorted(found.items()))


def catalog_paths(root: Path, lang: str) -> tuple[Path | None, Path | None]:
    """The theme's and the site's catalog for a language (None where there is none). The
    theme's is the first of the language's catalog tags it has (uz-Latn is served by
    uz.po, Uzbek's default script being Latin); the site's is locales/<tag>.po as written."""
    site = root / LOCALES_DIR / f"{lang}.po"
    return theme_catalog(lang), (site if site.is_file() else None)


def theme_catalog(lang: str) -> Path | None:
    """The theme's catalog that serves readers of lang, or None if the theme has none."""
    for tag in catalog_tags(lang):
        path = THEME / LOCALES_DIR / f"{tag}.po"
        if path.is_file():
            return path
    return None


def theme_languages() -> tuple[str, ...]:
    """The language tags the theme has a UI catalog for (the names of its .po files)."""
    return tuple(sorted(p.stem for p in (THEME / LOCALES_DIR).glob("*.po")))
