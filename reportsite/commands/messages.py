"""`python build.py messages`: create or update a site's gettext catalogs.

A site's locales/<lang>.po holds the strings of its own templates and chart modules, and,
for a language the theme has no catalog for, the theme's strings that the site shows (found
by rendering it, as `check` does; every theme string while the site does not build yet).
Every translation a translator made is kept: a changed message as a fuzzy suggestion to
check, the site's own translation of a theme string (an override) as it is, and one whose
message left the site as an obsolete entry (#~) at the end of the file. A catalog the build
would refuse is not rewritten: the command stops with the build's own error and writes
nothing.
"""

from __future__ import annotations

import collections
import io
from pathlib import Path
from typing import Collection

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import write_po

from reportsite.core.entries import write_file
from reportsite.core.errors import Report, SiteError, SiteErrors, os_error
from reportsite.core.i18n import babel_id
from reportsite.core.layout import LOCALES_DIR, THEME, THEME_SHOWN
from reportsite.core.paths import inside
from reportsite.load.catalogs import (needs_catalog, read_catalog, site_sources,
                                      theme_messages, theme_template_messages)
from reportsite.load.overrides import shown_path, theme_catalog, theme_languages


def site_template(root: Path, with_theme: bool | Collection[str]) -> Catalog:
    """The messages a site's catalog must hold: its own (templates/, charts/), and with
    with_theme the theme's too (True: all of them; a collection: those message ids)."""
    template = Catalog(fuzzy=False)
    if with_theme:
        for message in theme_template_messages():
            if message.id and (with_theme is True or message.id in with_theme):
                template.add(message.id, locations=[(f"{THEME_SHOWN}/{path}", line)
                                                    for path, line in message.locations])
    outside: list[SiteError] = []
    for path, method, options in site_sources(root, outside):
        for line, message, _, _ in extract_from_file(method, path, options=options):
            template.add(message, locations=[(shown_path(path, root), line)])
    if outside:
        raise SiteErrors(outside)
    return template


def existing_catalog(path: Path, root: Path, lang: str) -> Catalog | None:
    """The catalog at path, read as the build reads it (None if there is none); SiteErrors
    with the build's own error (file:line) if the build would refuse it."""
    if not path.is_file():
        return None
    report = Report()
    catalog = read_catalog(path, root, lang, report)
    report.raise_if_errors()
    return catalog


def keep_overrides(template: Catalog, catalog: Catalog) -> None:
    """Add to template the theme's messages that catalog translates (the site's overrides
    of the theme's wording), so updating keeps them."""
    theme = theme_messages()
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0] if message.id else ""
        if key in theme and message.string and template.get(message.id) is None:
            where, line = theme[key]
            template.add(message.id, locations=[(where, line)], flags=message.flags)


def update_catalog(path: Path, template: Catalog, lang: str,
                   catalog: Catalog | None = None) -> Catalog:
    """Create or update the catalog at path (catalog: as read from it) from template; write
    it with its obsolete entries (#~), atomically; return it as written."""
    if catalog is not None:
        creation = catalog.creation_date
        catalog.update(template, update_creation_date=False)
        catalog.creation_date = creation
    else:
        catalog = Catalog(locale=babel_id(lang), fuzzy=False)
        catalog.update(template)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_by_file=True, ignore_obsolete=False)
    write_file(path, buffer.getvalue())
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of a catalog that have no translation yet, or only a fuzzy one."""
    return [str(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog
            if m.id and (m.fuzzy or not m.string
                         or (isinstance(m.string, tuple) and not all(m.string)))]


def update_site_catalogs(root: Path, languages: tuple[str, ...], cache_dir: Path | None = None
                         ) -> list[str]:
    """Create or update locales/<lang>.po for each language; return report lines. Raises
    SiteErrors, writing nothing, if a file to read or write leads out of the site folder;
    if one cannot be written, SiteErrors saying which were (each is written whole or not
    at all). cache_dir: the build cache of the render that finds the strings the site
    shows."""
    outside: list[SiteError] = []
    list(site_sources(root, outside))
    for lang in languages:
        inside(root / LOCALES_DIR / f"{lang}.po", root, outside)
    if outside:
        raise SiteErrors(outside)
    existing = read_catalogs(root, languages)  # all of them first: a broken one stops all
    lines: list[str] = []
    untaught = [lang for lang in languages if needs_catalog(lang) and not theme_catalog(lang)]
    shown = theme_strings_shown(root, lines, cache_dir) if untaught else {}
    for lang in languages:
        if not needs_catalog(lang):
            lines.append(f"{lang}: message ids are English; no catalog needed")
            continue
        path = root / LOCALES_DIR / f"{lang}.po"
        theme = set(shown.get(lang, ())) if lang in untaught else set()
        template = site_template(root, theme)
        if existing.get(lang) is not None:
            keep_overrides(template, existing[lang])
        if not len(template) and not path.is_file():
            lines.append(f"{lang}: the site has no strings of its own; the theme's catalog "
                         "covers it")
            continue
        try:
            catalog = update_catalog(path, template, lang, existing.get(lang))
        except OSError as e:  # a full disk, a read-only folder: say what was written
            raise SiteErrors([os_error(e, path, "work on a copy of the site folder on another disk")],
                             outcome=_written(lines)) from e
        todo = untranslated(catalog)
        lines.append(f"{LOCALES_DIR}/{lang}.po: {len(template)} message(s), "
                     f"{len(todo)} to translate" + (":" if todo else ""))
        lines += [f"  {message!r}" for message in todo]
    return lines


def theme_strings_shown(root: Path, lines: list[str], cache_dir: Path | None = None
                        ) -> dict[str, set[str]]:
    """The theme's messages each language of the site shows, found by rendering the site
    (as `check` does, writing nothing but the cache); while the site does not build, every
    message of the theme, with a line saying so."""
    from reportsite.build.pipeline import load_site, render_site

    theme = {m.id for m in theme_template_messages() if m.id}
    try:
        site = load_site(root, cache_dir=cache_dir)
        outputs = render_site(site)
    except SiteErrors as e:
        lines.append(f"the site does not build yet ({len(e.errors)} error(s); `build` lists "
                     "them): every string of the theme goes into its catalogs")
        return collections.defaultdict(lambda: theme)
    shown: dict[str, set[str]] = {lang: set() for lang in site.config.languages}
    for lang, message in outputs.strings_shown:
        if message in theme:
            shown.setdefault(lang, set()).add(message)
    return shown



def _written(lines: list[str]) -> str:
    """What a failed update had written, from its report lines so far."""
    done = [line.split(":", 1)[0] for line in lines if line.startswith(f"{LOCALES_DIR}/")]
    if not done:
        return "nothing was written"
    return f"{', '.join(done)} {'was' if len(done) == 1 else 'were'} updated; no other file was"


def read_catalogs(root: Path, languages: tuple[str, ...]) -> dict[str, Catalog | None]:
    """Each language's current catalog (None where there is none), read as the build reads
    them; SiteErrors with every problem the build would report, before anything is written."""
    found, problems = {}, []
    for lang in languages:
        if needs_catalog(lang):
            try:
                found[lang] = existing_catalog(root / LOCALES_DIR / f"{lang}.po", root, lang)
            except SiteErrors as e:
                problems += e.errors
    if problems:
        raise SiteErrors(problems)
    return found


def update_theme_catalogs() -> list[str]:
    """For the theme's maintainers: re-extract the theme's messages.pot from its templates
    and update each of the theme's catalogs."""
    template = theme_template_messages()
    buffer = io.BytesIO()
    write_po(buffer, template, width=0, sort_by_file=True)
    (THEME / LOCALES_DIR / "messages.pot").write_bytes(buffer.getvalue())
    lines = [f"{THEME_SHOWN}/{LOCALES_DIR}/messages.pot: {len(template)} message(s)"]
    for lang in theme_languages():
        path = THEME / LOCALES_DIR / f"{lang}.po"
        catalog = update_catalog(path, template, lang, existing_catalog(path, THEME, lang))
        lines.append(f"{THEME_SHOWN}/{LOCALES_DIR}/{lang}.po: {len(untranslated(catalog))} "
                     "to translate")
    return lines

