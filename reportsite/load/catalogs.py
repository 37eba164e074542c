"""UI strings: the theme's gettext catalogs merged with the site's, checked, compiled.

Message ids are English. The theme carries a catalog per language it speaks; a site's
locales/<lang>.po adds its own strings (chart titles, template overrides) and may
override any of the theme's. What a site must translate is every message extracted from
its own templates/ and charts/ (checked here, so a chart string nobody translated cannot
slip through), and every message of the theme that one of its files shows (checked once
the site is rendered: untranslated_shown(); a site with no article page needs no PDF
strings).
"""

from __future__ import annotations

import io
import os
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from reportsite import command_name
from reportsite.core.errors import Report, SiteError, SiteErrors
from reportsite.core.i18n import babel_id
from reportsite.core.layout import CHARTS_DIR, LOCALES_DIR, TEMPLATES_DIR, THEME
from reportsite.core.paths import read_inside, site_files
from reportsite.core.sources import CONTROL_RE, control_name, decode_utf8
from reportsite.load.overrides import catalog_paths, shown_path

THEME_TEMPLATE = THEME / LOCALES_DIR / "messages.pot"
# How templates are read for extraction: as render.make_environment reads them.
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                 "lstrip_blocks": "True", "encoding": "utf-8"}
FALLBACK_OPEN, FALLBACK_CLOSE = "\ue000", "\ue001"  # around English shown for a missing string


# Why a message is shown in English: (file, line, what is wrong and what to do).
Lack = tuple[str, "int | None", str]


@dataclass(frozen=True)
class UiStrings:
    """The UI strings of one language: the compiled catalog, and what it lacks."""

    lang: str
    translations: Translations
    missing: frozenset[str]  # message ids with no translation: shown in English
    # Each missing message of the theme (the site's own are warned at load): where, and why.
    lacks: Mapping[str, Lack] = field(default_factory=dict)

    def gettext(self, message: str) -> str:
        """The translation of message (English if there is none)."""
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The translation of a message with a plural, for n."""
        return self.translations.ngettext(singular, plural, n)


def needs_catalog(lang: str) -> bool:
    """Message ids are written in English, so English needs no translation."""
    return lang.split("-")[0] != "en"


def theme_messages() -> dict[str, tuple[str, int]]:
    """Message id -> (file, line) of its first use, for every message of the theme (from
    its messages.pot)."""
    found: dict[str, tuple[str, int]] = {}
    with THEME_TEMPLATE.open("rb") as f:
        for message in read_po(f):
            if message.id:
                where = message.locations[0] if message.locations else ("", 0)
                found[_message_id(message.id)] = (f"reportsite/theme/{where[0]}", where[1])
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

    An unreadable catalog is an error. A message of the site's own templates and charts
    that is untranslated, fuzzy or missing is a warning (an error with --strict); so is
    one of the theme's once a page shows it (untranslated_shown). The English message is
    shown in its place."""
    outside: list[SiteError] = []
    own = dict(site_messages(root, outside, report))
    report.errors.extend(outside)
    required = {**theme_messages(), **own}
    result = {}
    for lang in languages:
        merged = _merged_catalog(root, lang, report)
        if merged is None:
            continue
        lacks = _lacks(merged, required, lang, root) if needs_catalog(lang) else {}
        for message_id, (used_in, line) in own.items():
            if message_id in lacks:
                path, at, why = lacks.pop(message_id)  # warned now, whether shown or not
                report.warn(path, at, why.replace("; English", f" (used in {used_in}:{line}); "
                                                  "English", 1))
        buffer = io.BytesIO()
        write_mo(buffer, merged, use_fuzzy=False)
        buffer.seek(0)
        missing = frozenset(lacks) | {m for m in own if _lacking(merged.get(m))}
        result[lang] = UiStrings(lang, Translations(buffer, domain="messages"),
                                 missing if needs_catalog(lang) else frozenset(),
                                 MappingProxyType(lacks))
    return result


def site_messages(root: Path, outside: list[SiteError], report: Report
                  ) -> Iterator[tuple[str, tuple[str, int]]]:
    """(message id, (file, line) of its first use) for the site's own templates and chart
    modules; a chart module Python cannot read is an error at its line, not a crash."""
    seen: set[str] = set()
    for path, method, options in site_sources(root, outside):
        shown = shown_path(path, root)
        if method == "python" and not _parses(path, shown, report):
            continue
        for line, message, _, _ in extract_from_file(method, path, options=options):
            if _message_id(message) not in seen:
                seen.add(_message_id(message))
                yield _message_id(message), (shown, line)


def _parses(path: Path, shown: str, report: Report) -> bool:
    """Whether a chart module is valid Python; if not, its syntax error is recorded with
    the line (the extractor would stop with a bare TokenError)."""
    try:
        compile(path.read_bytes(), shown, "exec")
        return True
    except SyntaxError as e:
        report.error(shown, e.lineno, f"syntax error: {e.msg}")
    except ValueError as e:  # a NUL byte
        report.error(shown, None, f"not a Python module: {e}")
    return False


def _merged_catalog(root: Path, lang: str, report: Report) -> Catalog | None:
    """The theme's catalog for lang with the site's messages laid over it (each message
    remembers the file it came from, for warnings). Plurals follow the first catalog's
    Plural-Forms (the theme's: CLDR's forms for its languages)."""
    merged = Catalog(locale=babel_id(lang), fuzzy=False)
    ok, first = True, True
    for path in catalog_paths(root, lang):
        if path is None:
            continue
        catalog = read_catalog(path, root, lang, report)
        if catalog is None:
            ok = False
            continue
        if first:
            merged.mime_headers = [("Plural-Forms", catalog.plural_forms)]
            first = False
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
        return read_po(io.StringIO(text), locale=babel_id(lang), abort_invalid=True)
    except SiteErrors as e:
        report.errors.extend(e.errors)
    except PoFileError as e:
        problem = re.sub(r" on \d+$", "", str(e)).lower()
        report.error(shown, e.lineno + 1, f"not a valid gettext catalog: {problem}: {e.line!r}; "
                     "every entry is '#' comments, msgid \"...\" and msgstr \"...\"")
    except ValueError as e:  # babel raises this for a bad header or locale
        report.error(shown, None, f"not a valid gettext catalog: {e}")
    return None


def _lacks(catalog: Catalog, required: Mapping[str, tuple[str, int]], lang: str,
           root: Path) -> dict[str, Lack]:
    """Every required message that is fuzzy, untranslated or missing in catalog, with the
    place to fix it and what to do."""
    lacks: dict[str, Lack] = {}
    hint = f"{command_name()} messages{root_option(root)} --lang {lang}"
    for message_id in required:
        message = catalog.get(message_id)
        if message is None:
            lacks[message_id] = (f"{LOCALES_DIR}/{lang}.po", None, f"no translation of "
                                 f"{message_id!r}; English is shown. Add it with: {hint}")
        elif message.fuzzy:
            lacks[message_id] = (message.auto_comments[0], message.lineno, f"fuzzy translation "
                                 f"of {message_id!r}: check it and remove the '#, fuzzy' flag")
        elif not message.string or (isinstance(message.string, tuple)
                                    and not all(message.string)):
            lacks[message_id] = (message.auto_comments[0], message.lineno,
                                 f"untranslated message {message_id!r}")
    return lacks


def _lacking(message) -> bool:
    """Whether a catalog entry (or its absence: None) gives readers no translation."""
    return message is None or message.fuzzy or not message.string or (
        isinstance(message.string, tuple) and not all(message.string))


def root_option(root: Path) -> str:
    """' --root DIR' for a hint, unless the site folder is the current one."""
    here = Path.cwd().resolve()
    if root.resolve() == here:
        return ""
    folder = root.resolve()
    shown = os.path.relpath(folder, here) if here in folder.parents else str(folder)
    return f" --root {shlex.quote(shown)}"


def untranslated_shown(catalogs: Mapping[str, UiStrings],
                       shown: Mapping[tuple[str, str], str | None]) -> list[SiteError]:
    """A problem for every message a file of the site shows in a language that lacks its
    translation (shown: (language, message id) -> the first file that shows it), in the
    order of the languages and the catalog."""
    problems = []
    for lang, strings in catalogs.items():
        for message_id, (path, line, why) in strings.lacks.items():
            if (lang, message_id) in shown:
                where = shown[(lang, message_id)] or "the site's files"
                problems.append(SiteError(path, line, why.replace(
                    "; English", f" (shown in {where}); English", 1) if "; English" in why
                    else f"{why} (shown in {where})"))
    return problems


def shown_missing(catalogs: Mapping[str, UiStrings],
                  shown: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Per language, the messages shown in English for want of a translation: the site's
    own that lack one, and the theme's that a file shows."""
    found = {lang: {m for m in strings.missing if m not in strings.lacks}
             for lang, strings in catalogs.items()}
    for lang, message_id in shown:
        if lang in catalogs and message_id in catalogs[lang].lacks:
            found[lang].add(message_id)
    return {lang: sorted(messages) for lang, messages in found.items()}
