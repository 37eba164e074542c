"""Reading pages (YAML front matter + Markdown body) and grouping their translations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from reportsite import command_name
from reportsite.core.errors import Report, SiteErrors, did_you_mean, rel
from reportsite.core.layout import CONTENT_DIR
from reportsite.core.paths import inside
from reportsite.core.sources import line_of, load_yaml, read_text
from reportsite.load.pagetext import FENCE_RE, text_is_safe

PAGE_SUFFIXES = (".md", ".markdown")
PAGE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
FRONT_MATTER = {  # key -> (type, required, what it is)
    "title": (str, True, "the page title"),
    "nav_title": (str, False, "a short name for the navigation"),
    "order": (int, False, "position in the navigation, smaller first"),
    "template": (str, False, "a template in templates/, without .html"),
    "description": (str, False, "one-sentence summary for search engines and link previews"),
}
MOVED = {  # keys of former versions -> what replaced them
    "translated_from": "translations are tracked segment by segment in translations/<lang>/"
                       "<page>.yaml: delete this line, then run `{tool} translations --accept "
                       "PAGE LANG` once the translation matches the original",
}
DEFAULT_TEMPLATE = "page"


@dataclass(frozen=True)
class Page:
    """One page in one language, as its author wrote it."""

    key: str  # the file name without suffix; the same key in each language is one page
    lang: str  # the language folder it came from
    path: str  # shown path, e.g. "content/kk/index.md"
    title: str  # front matter: the page title
    nav_title: str  # front matter: short navigation label (defaults to title)
    order: int  # front matter: navigation order (default 100)
    template: str  # front matter: template name (default "page")
    template_line: int | None  # line of the template key, for errors about it
    description: str | None  # front matter: meta description
    body: str  # Markdown after the front matter
    body_line: int  # file line on which body starts


def section_markdown(body: str, section_id: str) -> str | None:
    """The Markdown of the section whose heading carries {#section_id}, without its
    heading, up to the next heading of the same or a higher level (None if there is none)."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        match = _SECTION_ID_RE.match(line)
        if match and match.group(1) == section_id:
            level = len(_HEADING_RE.match(line).group(1))
            end = next((j for j in range(index + 1, len(lines))
                        if (heading := _HEADING_RE.match(lines[j]))
                        and len(heading.group(1)) <= level), len(lines))
            return "\n".join(lines[index + 1:end]).strip()
    return None


def markdown_text(markdown: str) -> str:
    """A paragraph of Markdown as plain text: inline marks and links reduced to their
    words, lines joined (for metadata records, which take no markup)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # [words](url) -> words
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class PageGroup:
    """A page and its translations: the same file name in each language folder."""

    key: str  # the shared file name without suffix
    pages: Mapping[str, Page]  # language -> page, for the languages that have it

    def source(self, lang: str, languages: tuple[str, ...]) -> Page:
        """The page to show readers of lang: its own, or the first language that has it."""
        if lang in self.pages:
            return self.pages[lang]
        return next(self.pages[code] for code in languages if code in self.pages)

    @property
    def order(self) -> int:
        """Navigation order, taken from the earliest language that has the page."""
        return min(page.order for page in self.pages.values())


def load_pages(root: Path, languages: tuple[str, ...], report: Report) -> tuple[PageGroup, ...]:
    """Read every page under content/, group translations, warn about missing ones."""
    content = root / CONTENT_DIR
    if not inside(content, root, report.errors):
        report.raise_if_errors()
    if not content.is_dir():
        report.error(CONTENT_DIR, None, "missing: put pages in content/<language>/NAME.md")
        report.raise_if_errors()
    found: dict[str, dict[str, Page]] = {}
    for entry in sorted(content.iterdir()):
        if entry.name.startswith(".") or entry.name == "references.yaml":  # see references.py
            continue
        if entry.is_symlink() and not inside(entry, root, report.errors):
            continue
        shown = rel(entry, root)
        if not entry.is_dir():
            report.error(shown, None, "pages go in a language folder: content/<language>/NAME.md")
        elif entry.name not in languages:
            report.error(shown, None, f"unknown language folder '{entry.name}'"
                         + did_you_mean(entry.name, languages, list_all=False)
                         + f"; site.yaml lists {', '.join(languages)} (rename the folder "
                         f"or add '{entry.name}' to languages)")
        else:
            for page in _load_language(entry, root, entry.name, report):
                group = found.setdefault(page.key, {})
                if page.lang in group:
                    report.error(page.path, None, f"duplicate page '{page.key}' in {page.lang}: "
                                 f"{group[page.lang].path} is the same page; keep one of them")
                else:
                    group[page.lang] = page
    report.raise_if_errors()
    groups = [PageGroup(key, MappingProxyType(pages)) for key, pages in found.items()]
    for group in groups:
        _warn_missing(group, languages, report)
    return tuple(sorted(groups, key=lambda g: (g.key != "index", g.order, g.key)))


def _warn_missing(group: PageGroup, languages: tuple[str, ...], report: Report) -> None:
    """Warn (error with --strict) about each language a page is missing in."""
    for lang in languages:
        if lang not in group.pages:
            shown_from = group.source(lang, languages).path
            report.warn(f"{CONTENT_DIR}/{lang}/{group.key}.md", None,
                        f"missing translation of {shown_from}; readers of '{lang}' will see "
                        "the original with a notice")


def _load_language(folder: Path, root: Path, lang: str, report: Report) -> list[Page]:
    """Read the pages of one language folder."""
    pages = []
    for path in sorted(folder.iterdir()):
        shown = rel(path, root)
        if path.name.startswith(".") or (path.is_symlink()
                                         and not inside(path, root, report.errors)):
            continue
        if path.is_dir() or path.suffix not in PAGE_SUFFIXES:
            report.error(shown, None, "not a page: a language folder holds only NAME.md files "
                         "(images and other files go in static/)")
        elif not PAGE_NAME_RE.match(path.stem):
            report.error(shown, None, f"page name '{path.stem}' must be lower-case letters, "
                         "digits, '-' or '_' (it becomes the file name of the HTML page)")
        else:
            try:
                page = parse_page(read_text(path, root, shown), shown, path.stem, lang, report)
            except SiteErrors as e:
                report.errors.extend(e.errors)
                continue
            if page is not None:
                pages.append(page)
    return pages


def parse_page(text: str, shown: str, key: str, lang: str, report: Report) -> Page | None:
    """Split front matter from body and check the front matter; None if it had errors."""
    lines = text.split("\n")
    if not text_is_safe(text, lines, shown, report):
        return None
    if not lines or lines[0].strip() != "---":
        report.error(shown, 1, "missing front matter: start the file with a line '---', then "
                     "'title: ...', then another '---'")
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        report.error(shown, 1, "front matter opened with '---' is never closed by a line '---'")
        return None
    meta, key_lines = load_yaml("\n".join(lines[1:end]), shown, first_line=2)
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        report.error(shown, 2, "front matter must be 'key: value' lines, e.g. 'title: ...'")
        return None
    before = len(report.errors)
    values = _check_front_matter(meta, key_lines, shown, report)
    _check_section_ids(lines, end + 1, shown, report)
    if len(report.errors) > before:
        return None
    return Page(
        key=key, lang=lang, path=shown,
        title=values["title"],
        nav_title=values.get("nav_title") or values["title"],
        order=values.get("order", 100),
        template=values.get("template") or DEFAULT_TEMPLATE,
        template_line=line_of(key_lines, ("template",)) if "template" in values else None,
        description=values.get("description"),
        body="\n".join(lines[end + 1:]),
        body_line=end + 2,
    )


_HEADING_RE = re.compile(r"^(#{1,6})\s")
_SECTION_ID_RE = re.compile(r"^#{1,6}\s.*\{#([^}\s]+)\}\s*$")


def _check_section_ids(lines: list[str], start: int, shown: str, report: Report) -> None:
    """A section id ({#id} on a heading) may be used once per page: links, the contents
    and the language switcher would otherwise land on the first."""
    seen: dict[str, int] = {}
    fenced = False
    for index in range(start, len(lines)):
        if FENCE_RE.match(lines[index]):
            fenced = not fenced
        match = None if fenced else _SECTION_ID_RE.match(lines[index])
        if match:
            if match.group(1) in seen:
                report.error(shown, index + 1, f"section id '{match.group(1)}' is used twice on "
                             f"this page (also on line {seen[match.group(1)]}); give each "
                             "section its own id")
            seen.setdefault(match.group(1), index + 1)


def _check_front_matter(meta: dict, key_lines: dict, shown: str, report: Report) -> dict[str, Any]:
    """Check each front-matter key and value against FRONT_MATTER."""
    for key in meta:
        if key in MOVED:
            report.error(shown, line_of(key_lines, (key,)), f"'{key}' is no longer used: "
                         + MOVED[key].format(tool=command_name()))
        elif key not in FRONT_MATTER:
            report.error(shown, line_of(key_lines, (key,)), f"unknown front matter key '{key}'"
                         + did_you_mean(str(key), FRONT_MATTER))
    values = {}
    for key, (kind, required, what) in FRONT_MATTER.items():
        value = meta.get(key)
        line = line_of(key_lines, (key,))
        if value is None:
            if required:
                report.error(shown, line, f"front matter needs '{key}' ({what})")
            continue
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            report.error(shown, line, f"'{key}' must be a whole number, got {value!r}")
        elif kind is str and (not isinstance(value, str) or not value.strip()):
            report.error(shown, line, f"'{key}' must be non-empty text, got {value!r}")
        else:
            values[key] = value.strip() if isinstance(value, str) else value
    return values
