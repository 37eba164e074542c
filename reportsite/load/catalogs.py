"""UI strings: the theme's gettext catalogs merged with the site's, checked, compiled.

Message ids are English. The theme carries a catalog per language it speaks; a site's
locales/<lang>.po adds its own strings (chart titles, template overrides) and may
override any of the theme's. What a site must translate is every message of the theme
(reportsite/theme/locales/messages.pot) and every message extracted from the site's own
templates/ and charts/, so a chart string nobody translated cannot slip through.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from reportsite import command_name
from reportsite.core.errors import Report, SiteError, SiteErrors
from reportsite.core.layout import CHARTS_DIR, LOCALES_DIR, TEMPLATES_DIR, THEME
from reportsite.core.paths import read_inside, site_files
from reportsite.core.sources import CONTROL_RE, control_name, decode_utf8
from reportsite.load.overrides import catalog_paths, shown_path

THEME_TEMPLATE = THEME / LOCALES_DIR / "messages.pot"
# How templates are read for extraction: as render.make_environment reads them.
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                 "lstrip_blocks": "True", "encoding": "utf-8"}
FALLBACK_OPEN, FALLBACK_CLOSE = "\ue000", "\ue001"  # around English shown for a missing string


@dataclass(frozen=True)
class UiStrings:
    """The UI strings of one language: the compiled catalog, and what it lacks."""

    lang: str
    translations: Translations
    missing: frozenset[str]  # message ids with no translation: shown in English

    def gettext(self, message: str) -> str:
        """The translation of message (English if there is none)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation of a message with a plural, for n."""
        return self.translations.ngettext(singular, plural, n)


def needs_catalog(lang: str) -> bool:
    """Message ids are written in English, so English needs no translation."""
    return lang.split("-")[0] != "en"


def extract_messages(root: Path | None, outside: list[SiteError]) -> dict[str, tuple[str, int]]:
    """Message id -> (file, line) of its first use: the theme's messages (from its
    messages.pot), then those of the site's own templates/ and charts/ (root None: only
    the theme's; a site file leading out of the folder is recorded in outside)."""
    found: dict[str, tuple[str, int]] = {}
    with THEME_TEMPLATE.open("rb") as f:
        for message in read_po(f):
            if message.id:
                where = message.locations[0] if message.locations else ("", 0)
                found[_message_id(message.id)] = (f"reportsite/theme/{where[0]}", where[1])
    if root is not None:
        for path, method, options in site_sources(root, outside):
            for line, message, _, _ in extract_from_file(method, path, options=options):
                found.setdefault(_message_id(message), (shown_path(path, root), line))
    return found


def _message_id(message: str | tuple) -> str:
    """The id of a message (a plural message is known by its singular)."""
    return message if isinstance(message, str) else message[0]


def site_sources(root: Path, outside: list[SiteError]) -> Iterator[tuple[Path, str, dict]]:
    """The site's files that hold UI strings: its templates and chart modules (a file that
    leads out of the site folder is recorded in outside instead)."""
    for path in site_files(root / TEMPLATES_DIR, root, outside):
        if path.suffix in (".html", ".txt", ".md", ".xml"):
            yield path, "jinja2.ext:babel_extract", JINJA_OPTIONS
    for path in site_files(root / CHARTS_DIR, root, outside):
        if path.suffix == ".py" and path.parent == root / CHARTS_DIR:
            yield path, "python", {}


def theme_template_messages() -> Catalog:
    """The theme's own messages, extracted from its templates (for messages.pot)."""
    catalog = Catalog(project="reportsite theme", fuzzy=False)
    folder = THEME / TEMPLATES_DIR
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for line, message, _, _ in extract_from_file("jinja2.ext:babel_extract", path,
                                                     options=JINJA_OPTIONS):
            catalog.add(message, locations=[(path.relative_to(THEME).as_posix(), line)])
    return catalog


def load_catalogs(root: Path, languages: tuple[str, ...], report: Report) -> dict[str, UiStrings]:
    """Every language's UI strings: the theme's catalog merged with the site's.

    An unreadable catalog is an error. An untranslated, fuzzy or missing message is a
    warning (an error with --strict) and the English message is shown in its place."""
    required = extract_messages(root, report.errors)
    result = {}
    for lang in languages:
        merged = _merged_catalog(root, lang, report)
        if merged is None:
            continue
        missing = _check_complete(merged, required, lang, report) if needs_catalog(lang) else set()
        buffer = io.BytesIO()
        write_mo(buffer, merged, use_fuzzy=False)
        buffer.seek(0)
        result[lang] = UiStrings(lang, Translations(buffer, domain="messages"),
                                 frozenset(missing))
    return result


def _merged_catalog(root: Path, lang: str, report: Report) -> Catalog | None:
    """The theme's catalog for lang with the site's messages laid over it (each message
    remembers the file it came from, for warnings)."""
    merged = Catalog(locale=lang, fuzzy=False)
    ok = True
    for path in catalog_paths(root, lang):
        if path is None:
            continue
        catalog = read_catalog(path, root, lang, report)
        if catalog is None:
            ok = False
            continue
        for message in catalog:
            # An empty entry in the site's catalog does not hide the theme's translation.
            if message.id and (message.string or message.fuzzy or not merged.get(message.id)):
                if merged.get(message.id):
                    del merged[message.id]
                message.auto_comments = [shown_path(path, root)]
                merged[message.id] = message
    return merged if ok else None


def read_catalog(path: Path, root: Path, lang: str, report: Report) -> Catalog | None:
    """Parse one .po file, recording a clear error if it is broken."""
    shown = shown_path(path, root)
    try:
        text = decode_utf8(read_inside(path, root), shown)
        control = CONTROL_RE.search(text)
        if control:  # it would reach every page in that language
            line = text.count("\n", 0, control.start()) + 1
            column = control.start() - text.rfind("\n", 0, control.start())
            report.error(shown, line, f"column {column}: {control_name(control.group())} cannot "
                         "appear in a web page; remove it")
            return None
        return read_po(io.StringIO(text), locale=lang, abort_invalid=True)
    except SiteErrors as e:
        report.errors.extend(e.errors)
    except PoFileError as e:
        problem = re.sub(r" on \d+$", "", str(e)).lower()
        report.error(shown, e.lineno + 1, f"not a valid gettext catalog: {problem}: {e.line!r}; "
                     "every entry is '#' comments, msgid \"...\" and msgstr \"...\"")
    except ValueError as e:  # babel raises this for a bad header or locale
        report.error(shown, None, f"not a valid gettext catalog: {e}")
    return None


def _check_complete(catalog: Catalog, required: dict[str, tuple[str, int]], lang: str,
                    report: Report) -> set[str]:
    """Warn about every required message that is fuzzy, untranslated or missing; return
    the ids shown in English."""
    missing = set()
    site_catalog = f"{LOCALES_DIR}/{lang}.po"
    hint = f"{command_name()} messages --lang {lang}"
    for message_id, (used_in, line) in required.items():
        message = catalog.get(message_id)
        if message is None:
            report.warn(site_catalog, None, f"no translation of {message_id!r} (used in "
                        f"{used_in}:{line}); English is shown. Add it with: {hint}")
        elif message.fuzzy:
            report.warn(message.auto_comments[0], message.lineno, f"fuzzy translation of "
                        f"{message_id!r}: check it and remove the '#, fuzzy' flag")
        elif not message.string or (isinstance(message.string, tuple)
                                    and not all(message.string)):
            report.warn(message.auto_comments[0], message.lineno,
                        f"untranslated message {message_id!r}")
        else:
            continue
        missing.add(message_id)
    return missing
