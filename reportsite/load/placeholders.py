"""Placeholders: the text `new` and `add page` write, in English and marked "[TRANSLATE]",
for a language they do not speak (or, with --title, the other languages' title). Each file
that still holds one is a warning, an error with --strict, naming its fields and lines: a
site in that language must not show English dressed as its own text."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from reportsite.core.errors import Report, SiteErrors
from reportsite.core.i18n import language_name
from reportsite.core.layout import (CONFIG_FILE, CONTENT_DIR, DATA_DIR, PACKAGE_FILE,
                                    REFERENCES_FILE)
from reportsite.core.sources import KeyPath, line_of, load_yaml, read_text
from reportsite.load.content import PageGroup

PLACEHOLDER = "[TRANSLATE]"  # starts every text that is still to be written
YAML_FILES = (CONFIG_FILE, f"{DATA_DIR}/{PACKAGE_FILE}", REFERENCES_FILE)


def check_placeholders(root: Path, languages: tuple[str, ...], pages: tuple[PageGroup, ...],
                       report: Report) -> None:
    """Warn once per file that holds placeholders, naming each field (or line) and the
    languages to write them in."""
    for name in YAML_FILES:
        found = list(_yaml_placeholders(root, name, languages))
        _warn(report, name, found)
    for group in pages:
        original = next(group.pages[lang] for lang in languages if lang in group.pages)
        translations = [page.path for page in group.pages.values() if page is not original]
        for page in group.pages.values():
            found = list(_page_placeholders(root, page.path, page.body_line, page.lang))
            _warn(report, page.path, found,
                  f" (the pages translated from it ({', '.join(translations)}) are then "
                  "stale: update them, then accept them: translations --accept)"
                  if page is original and translations and any(f == "text" for f, _, _ in found)
                  else "")


def _page_placeholders(root: Path, shown: str, body_line: int, lang: str
                       ) -> Iterator[tuple[str, int | None, str | None]]:
    """(front matter key or "text", line, language) of each placeholder in a page."""
    for number, line in enumerate(read_text(root / shown, root, shown).split("\n"), 1):
        if PLACEHOLDER in line:
            key = line.split(":", 1)[0].strip() if number < body_line else "text"
            yield key, number, lang


def placeholder_files(root: Path, languages: tuple[str, ...]) -> list[str]:
    """The files of a site that hold placeholders (for `new` to list)."""
    found = [name for name in YAML_FILES if any(_yaml_placeholders(root, name, languages))]
    for lang in languages:
        for path in sorted((root / CONTENT_DIR / lang).glob("*.md")):
            shown = path.relative_to(root).as_posix()
            if any(_page_placeholders(root, shown, 0, lang)):
                found.append(shown)
    return found


def _yaml_placeholders(root: Path, name: str, languages: tuple[str, ...]
                       ) -> Iterator[tuple[str, int | None, str | None]]:
    """(field, line, language) of each placeholder in a YAML file of the site (none if it
    is missing or unreadable: its loader reports that)."""
    path = root / name
    if not path.is_file():
        return
    try:
        text = read_text(path, root, name)
        if PLACEHOLDER not in text:
            return
        data, lines = load_yaml(text, name)
    except SiteErrors:
        return
    for at, value in _texts(data, ()):
        if PLACEHOLDER in value:
            label = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at).lstrip(".")
            yield label, line_of(lines, at), next((k for k in at if k in languages), None)


def _texts(value: Any, at: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every string in a parsed YAML document, with its key path."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, at + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, at + (index,))


def _warn(report: Report, shown: str, found: list[tuple[str, int | None, str | None]],
          then: str = "") -> None:
    """One warning for a file's placeholders."""
    if not found:
        return
    languages = sorted({lang for _, _, lang in found if lang})
    names = " and ".join(language_name(lang, "en") for lang in languages) or "its language"
    fields = ", ".join(f"{field} (line {line})" if line else field for field, line, _ in found)
    first = next((line for _, line, _ in found if line), None)
    report.warn(shown, first, f"{len(found)} placeholder(s) marked {PLACEHOLDER} still to be "
                f"written in {names}: {fields}; replace each with the text in that language"
                + then)
