"""The report's numbered reference list (content/references.yaml), in the forms each
language shows: the authors' original entries, or their transliterated list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import markdown

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.layout import REFERENCES_FILE
from reportsite.core.sources import line_of, load_yaml, read_text

_INLINE = markdown.Markdown(extensions=["extra"], output_format="html")


@dataclass(frozen=True)
class Entry:
    """One form of a reference: its text (inline Markdown, rendered) and language."""

    html: str  # the entry as HTML (italics, links)
    lang: str  # BCP 47 tag of the entry's own language, e.g. "ru" or "ru-Latn"


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
            entries[form] = Entry(render_inline(entry["text"]), entry["lang"])
        for key in item:
            if key != "n" and key not in forms.values():
                report.error(REFERENCES_FILE, line_of(lines, at + (key,)),
                             f"reference {n}: unknown key '{key}'"
                             + did_you_mean(str(key), set(forms.values()) | {"n"}))
        items[n] = MappingProxyType(entries)
    report.raise_if_errors()
    return References(MappingProxyType(dict(forms)), MappingProxyType(items))
