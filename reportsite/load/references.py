"""The report's numbered reference list (content/references.yaml), in the forms each
language shows: the authors' original entries, or their transliterated list."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import markdown

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.layout import REFERENCES_FILE
from reportsite.core.sources import line_of, load_yaml, read_text

_INLINE = markdown.Markdown(extensions=["extra"], output_format="html")


# JATS publication-type values (PMC's, which JATS4R's schematrons follow; "gov": a
# government publication, such as a law)
KINDS = ("journal", "book", "report", "web", "gov", "other")
# The fields a form of a reference may state besides its text (JATS element-citation),
# each written exactly as the text has it: a field the text does not state is an error.
NAMES = ("authors", "editors")  # lists of "Surname, Given names"
FIELDS = ("collab", "title", "source", "year", "volume", "issue", "pages", "publisher",
          "place", "uri")


@dataclass(frozen=True)
class Citation:
    """What a form of a reference states, field by field (empty: only its text is known)."""

    authors: tuple[tuple[str, str], ...] = ()  # (surname, given names), as written
    editors: tuple[tuple[str, str], ...] = ()
    # FIELDS: collab (an organisation as author), title (of the article or chapter),
    # source (the journal, book or site), year, volume, issue, pages ("13-32", "195"),
    # publisher, place, uri
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    """One form of a reference: its text (inline Markdown, rendered), language, kind and
    the fields its text states."""

    html: str  # the entry as HTML (italics, links)
    lang: str  # BCP 47 tag of the entry's own language, e.g. "ru" or "ru-Latn"
    kind: str | None = None  # KINDS: the work's type (JATS publication-type), if given
    citation: Citation = Citation()


@dataclass(frozen=True)
class References:
    """The numbered list, and which form of it each language's pages show."""

    forms: Mapping[str, str]  # page language -> form name ("original", "transliterated")
    items: Mapping[int, Mapping[str, Entry]]  # number -> form name -> entry

    def entries(self, lang: str) -> list[tuple[int, Entry]]:
        """The list as readers of lang see it, in order."""
        form = self.forms[lang]
        return [(n, forms[form]) for n, forms in sorted(self.items.items())]


def render_inline(text: str) -> str:
    """Inline Markdown (italics, links) to HTML without a wrapping paragraph."""
    _INLINE.reset()
    html = _INLINE.convert(text)
    return html.removeprefix("<p>").removesuffix("</p>")


def plain_text(html: str) -> str:
    """An entry's HTML as the text readers see, spaces collapsed."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def read_citation(entry: Mapping, text: str, lines: Any, at: tuple, what: str,
                  report: Report) -> Citation:
    """A form's fields: each one a string (a year may be a number) its text contains."""
    def stated(key: Any, value: Any) -> str | None:
        value = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        if not isinstance(value, str) or not value.strip():
            report.error(REFERENCES_FILE, line_of(lines, at + (key,)),
                         f"{what}: '{key}' must be text as the entry writes it")
            return None
        if " ".join(value.split()) not in text:
            report.error(REFERENCES_FILE, line_of(lines, at + (key,)),
                         f"{what}: '{key}' is «{value}», which its text does not state; "
                         "a field holds only what the text says, as it says it")
            return None
        return value

    people = {}
    for key in NAMES:
        names = entry.get(key) or []
        found = [tuple(p.strip() for p in (name.split(", ", 1) + [""])[:2])
                 for name in names if isinstance(name, str)]
        people[key] = tuple(name for name in found if all(
            stated(key, part) for part in name if part) and name[0])
    fields = {key: value for key in FIELDS if key in entry
              if (value := stated(key, entry[key])) is not None}
    for key in entry:
        if key not in ("text", "lang") + NAMES + FIELDS:
            report.error(REFERENCES_FILE, line_of(lines, at + (key,)),
                         f"{what}: unknown field '{key}'"
                         + did_you_mean(str(key), set(NAMES + FIELDS) | {"text", "lang"}))
    return Citation(people["authors"], people["editors"], MappingProxyType(fields))


def load_references(root: Path, languages: tuple[str, ...], report: Report) -> References | None:
    """Read content/references.yaml, if the site has one; every problem with its line."""
    path = root / REFERENCES_FILE
    if not path.is_file():
        return None
    data, lines = load_yaml(read_text(path, root, REFERENCES_FILE), REFERENCES_FILE)
    if not isinstance(data, dict) or set(data) != {"forms", "references"}:
        report.error(REFERENCES_FILE, 1, "expected two keys: 'forms' (language: form name) and "
                     "'references' (a list of numbered entries)")
        report.raise_if_errors()
    forms = data["forms"] if isinstance(data["forms"], dict) else {}
    for lang in languages:
        if lang not in forms:
            report.error(REFERENCES_FILE, line_of(lines, ("forms",)),
                         f"forms: missing the '{lang}' entry (which form its pages show)")
    items: dict[int, dict[str, Entry]] = {}
    for i, item in enumerate(data["references"] or []):
        at = ("references", i)
        if not isinstance(item, dict) or not isinstance(item.get("n"), int):
            report.error(REFERENCES_FILE, line_of(lines, at), "each reference needs a number 'n'")
            continue
        n = item["n"]
        kind = item.get("type")
        if kind is not None and kind not in KINDS:
            report.error(REFERENCES_FILE, line_of(lines, at + ("type",)),
                         f"reference {n}: type '{kind}' is not one of {', '.join(KINDS)}")
        if n != len(items) + 1:
            report.error(REFERENCES_FILE, line_of(lines, at + ("n",)),
                         f"reference {n} is out of order; expected {len(items) + 1}")
        entries = {}
        for form in sorted(set(forms.values())):
            entry = item.get(form)
            if not isinstance(entry, dict) or not entry.get("text") or not entry.get("lang"):
                report.error(REFERENCES_FILE, line_of(lines, at),
                             f"reference {n}: '{form}' needs text and lang")
                continue
            html = render_inline(entry["text"])
            entries[form] = Entry(html, entry["lang"], kind, read_citation(
                entry, plain_text(html), lines, at + (form,), f"reference {n}", report))
        for key in item:
            if key not in ("n", "type") and key not in forms.values():
                report.error(REFERENCES_FILE, line_of(lines, at + (key,)),
                             f"reference {n}: unknown key '{key}'"
                             + did_you_mean(str(key), set(forms.values()) | {"n", "type"}))
        items[n] = MappingProxyType(entries)
    report.raise_if_errors()
    return References(MappingProxyType(dict(forms)), MappingProxyType(items))
